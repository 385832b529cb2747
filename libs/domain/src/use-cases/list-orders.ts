import type { OrderPage } from '@dofs/contracts';
import { toOrder } from '../order';
import type { OrderCursors } from '../order-cursor';
import type { OrderListQuery } from '../order-list';
import type { OrderQuery } from '../ports';

export interface ListOrdersDeps {
  readonly orders: OrderQuery;
  readonly cursors: OrderCursors;
}

/** One page of a customer's orders or of the orders in a status, and the cursor of the next page. */
export async function listOrders({ orders, cursors }: ListOrdersDeps, query: OrderListQuery, cursor?: string): Promise<OrderPage> {
  const after = cursor === undefined ? undefined : cursors.open(cursor, query);
  const { records, more } = await orders.list(query, after);
  const last = records.at(-1);
  return {
    items: records.map(toOrder),
    ...(more && last && { next_cursor: cursors.issue(query, { created_at: last.created_at, order_id: last.order_id }) }),
  };
}
