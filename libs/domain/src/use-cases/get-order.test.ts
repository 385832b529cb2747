import { validateOrder } from '@dofs/contracts';
import { OrderNotFoundError } from '../errors';
import { InMemoryOrderStore, anOrderRecord } from '../testing';
import { getOrder } from './get-order';

describe('getOrder', () => {
  it('shows the order in the API contract, without internal fields', async () => {
    const orders = new InMemoryOrderStore();
    await orders.createIfAbsent(anOrderRecord({ status: 'FAILED', attempts: 3, failure_reason: 'r', failed_at: 't', last_error: { attempt: 3, at: 't', message: 'm' } }));
    const view = await getOrder(orders, anOrderRecord().order_id);
    expect(validateOrder(view)).toBe(true);
    expect(view).not.toHaveProperty('request_hash');
    expect(view).toMatchObject({ status: 'FAILED', failure_reason: 'r', last_error: { message: 'm' } });
  });

  it('throws OrderNotFoundError for an unknown id', async () => {
    await expect(getOrder(new InMemoryOrderStore(), anOrderRecord().order_id)).rejects.toThrow(OrderNotFoundError);
  });
});
