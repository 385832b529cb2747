// Compile-time test, checked by `nx run sdk:typecheck` (tsc fails on an unused
// `@ts-expect-error`, so each line below must really be a type error) and, for the exact
// diagnostics, by tests/compile-time/client-types.test.ts. Nothing here runs.
import { createDofsClient, type CreateOrderRequest, type Order } from '../../src';

export async function typeChecks(): Promise<void> {
  const dofs = createDofsClient({ baseUrl: 'http://localhost:3000' });
  const valid: CreateOrderRequest = { customer_id: 'c-1', items: [{ product_id: 'p-1', quantity: 1, price: 2.5 }], total_amount: 2.5 };

  // The right calls compile and give the contract's types.
  const created = await dofs.createOrder(valid, { idempotencyKey: 'k-1' });
  const status: 'PENDING' | 'FULFILLED' | 'FAILED' = created.order.status;
  const read: Order = await dofs.getOrder(created.order.order_id);
  const raw = await dofs.api.GET('/order/{order_id}', { params: { path: { order_id: read.order_id } } });
  const health: 'ok' | undefined = (await dofs.api.GET('/health')).data?.status;
  void [status, raw, health];

  // A wrong body does not compile: total_amount is a number.
  // @ts-expect-error total_amount must be a number
  await dofs.createOrder({ customer_id: 'c-1', items: valid.items, total_amount: '2.50' });

  // A required field missing does not compile.
  // @ts-expect-error customer_id is required
  await dofs.createOrder({ items: valid.items, total_amount: 2.5 });

  // A field the contract does not have does not compile.
  // @ts-expect-error note is not a field of CreateOrderRequest
  await dofs.createOrder({ ...valid, note: 'leave at the door' });

  // A wrong line does not compile: quantity is a number, and lines have no `sku`.
  // @ts-expect-error quantity must be a number
  await dofs.createOrder({ ...valid, items: [{ product_id: 'p-1', quantity: '1', price: 2.5 }] });

  // An unknown path does not compile, through the generated client either.
  // @ts-expect-error /customers is not a path of the API
  await dofs.api.GET('/customers', {});
  // @ts-expect-error POST /order/{order_id} is not an operation of the API
  await dofs.api.POST('/order/{order_id}', { params: { path: { order_id: 'x' } } });

  // A missing path parameter and a wrong body on the raw client do not compile.
  // @ts-expect-error order_id is required
  await dofs.api.GET('/order/{order_id}', { params: { path: {} } });
  // @ts-expect-error the body must be a CreateOrderRequest
  await dofs.api.POST('/order', { body: { customer: 'c-1' } });

  // A list is by customer or by status: exactly one of the two, with the contract's statuses.
  const page = await dofs.listOrders({ status: 'FAILED', limit: 10, created_after: new Date(0) });
  const next: string | undefined = page.next_cursor;
  void next;
  // @ts-expect-error a list needs customer_id or status
  await dofs.listOrders({ limit: 10 });
  // @ts-expect-error a list takes customer_id or status, not both
  await dofs.listOrders({ customer_id: 'c-1', status: 'PENDING' });
  // @ts-expect-error a list order is asc or desc
  await dofs.listOrders({ customer_id: 'c-1', order: 'newest' });

  // A status the contract does not have is not a status.
  // @ts-expect-error SHIPPED is not an OrderStatus
  const shipped: Order['status'] = 'SHIPPED';
  void shipped;
}
