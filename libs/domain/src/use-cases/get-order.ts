import type { Order } from '@dofs/contracts';
import { OrderNotFoundError } from '../errors';
import { toOrder } from '../order';
import type { OrderStore } from '../ports';

export async function getOrder(orders: OrderStore, orderId: string): Promise<Order> {
  const record = await orders.get(orderId);
  if (!record) throw new OrderNotFoundError(orderId);
  return toOrder(record);
}
