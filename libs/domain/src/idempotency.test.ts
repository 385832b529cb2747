import { validateOrderId } from '@dofs/contracts';
import { newOrderId, orderIdForKey, requestHash } from './idempotency';
import { anOrderRequest } from './testing';

describe('orderIdForKey', () => {
  it('derives the same valid order id from the same key, and another from another key', () => {
    const id = orderIdForKey('key-1');
    expect(orderIdForKey('key-1')).toBe(id);
    expect(orderIdForKey('key-2')).not.toBe(id);
    expect(validateOrderId(id)).toBe(true);
    expect(id[14]).toBe('8');
  });

  it('gives fresh ids that follow the contract', () => {
    expect(validateOrderId(newOrderId())).toBe(true);
    expect(newOrderId()).not.toBe(newOrderId());
  });
});

describe('requestHash', () => {
  it('ignores key order and an explicit default currency', () => {
    const { currency: _currency, ...withoutCurrency } = anOrderRequest();
    const reordered = { total_amount: 25.5, currency: 'USD', items: anOrderRequest().items, customer_id: 'cust-42' };
    expect(requestHash(withoutCurrency)).toBe(requestHash(anOrderRequest()));
    expect(requestHash(reordered)).toBe(requestHash(anOrderRequest()));
  });

  it('changes with any value', () => {
    expect(requestHash(anOrderRequest({ total_amount: 25.51 }))).not.toBe(requestHash(anOrderRequest()));
    expect(requestHash(anOrderRequest({ currency: 'EUR' }))).not.toBe(requestHash(anOrderRequest()));
  });
});
