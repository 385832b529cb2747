import type { Order } from '@dofs/sdk';
import { renderFields, renderTable } from '../output';

const money = (amount: number, currency: string) => `${amount.toFixed(2)} ${currency}`;

/** An order as a person reads it: its fields, then its lines. */
export function renderOrder(order: Order): string {
  const fields: [string, unknown][] = [
    ['order', order.order_id],
    ['status', order.status],
    ['customer', order.customer_id],
    ['total', money(order.total_amount, order.currency)],
    ['attempts', order.attempts],
    ['created', order.created_at],
    ['updated', order.updated_at],
  ];
  if (order.last_error) fields.push(['last error', `attempt ${order.last_error.attempt} at ${order.last_error.at}: ${order.last_error.message}`]);
  if (order.fulfilled_at) fields.push(['fulfilled', order.fulfilled_at]);
  if (order.failed_at) fields.push(['failed', order.failed_at]);
  if (order.failure_reason) fields.push(['failure reason', order.failure_reason]);
  const lines = renderTable(order.items, [
    { header: 'PRODUCT', value: (l) => l.product_id },
    { header: 'QTY', value: (l) => l.quantity, align: 'right' },
    { header: 'PRICE', value: (l) => l.price.toFixed(2), align: 'right' },
    { header: 'LINE TOTAL', value: (l) => (Math.round(l.quantity * l.price * 100) / 100).toFixed(2), align: 'right' },
  ]);
  return `${renderFields(fields)}\n${lines}`;
}
