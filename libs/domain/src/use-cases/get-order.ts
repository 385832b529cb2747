import type { OrderView } from '@dofs/contracts';
import { OrderNotFoundError } from '../errors';
import { toOrderView } from '../order';
import type { OrderStore } from '../ports';

export async function getOrder(orders: OrderStore, orderId: string): Promise<OrderView> {
  const record = await orders.get(orderId);
  if (!record) throw new OrderNotFoundError(orderId);
  return toOrderView(record);
}
