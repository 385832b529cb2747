import { checkOrderRules } from './order-rules';
import { anOrderRequest } from './testing';

const rulesOf = (order: Parameters<typeof checkOrderRules>[0]) => checkOrderRules(order).map((v) => [v.rule, v.path]);

describe('checkOrderRules', () => {
  it('accepts a valid order', () => {
    expect(checkOrderRules(anOrderRequest())).toEqual([]);
  });

  it('compares totals to the cent, not in floating point', () => {
    const order = anOrderRequest({
      items: [
        { product_id: 'a', quantity: 1, price: 0.1 },
        { product_id: 'b', quantity: 1, price: 0.2 },
      ],
      total_amount: 0.3,
    });
    expect(checkOrderRules(order)).toEqual([]);
  });

  it('rejects a total that differs from the lines by one cent, naming both amounts', () => {
    const [violation] = checkOrderRules(anOrderRequest({ total_amount: 25.51 }));
    expect(violation).toEqual({ rule: 'TOTAL_MISMATCH', path: 'total_amount', problem: 'is 25.51 but the lines add up to 25.50' });
  });

  it('rejects no lines and more than 100 lines', () => {
    expect(rulesOf(anOrderRequest({ items: [], total_amount: 0 }))).toEqual([['LINE_COUNT', 'items']]);
    const items = Array.from({ length: 101 }, (_, i) => ({ product_id: `p${i}`, quantity: 1, price: 1 }));
    expect(rulesOf(anOrderRequest({ items, total_amount: 101 }))).toEqual([['LINE_COUNT', 'items']]);
  });

  it('accepts exactly 100 lines and the quantity bounds 1 and 1000', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ product_id: `p${i}`, quantity: i === 0 ? 1000 : 1, price: 1 }));
    expect(checkOrderRules(anOrderRequest({ items, total_amount: 1099 }))).toEqual([]);
  });

  it('rejects quantities outside 1 to 1000 at their line', () => {
    const order = anOrderRequest({
      items: [
        { product_id: 'a', quantity: 0, price: 1 },
        { product_id: 'b', quantity: 1001, price: 1 },
      ],
      total_amount: 1001,
    });
    expect(rulesOf(order)).toEqual([
      ['QUANTITY_RANGE', 'items[0].quantity'],
      ['QUANTITY_RANGE', 'items[1].quantity'],
    ]);
  });

  it('rejects zero, negative and excessive prices', () => {
    const order = anOrderRequest({
      items: [
        { product_id: 'a', quantity: 1, price: 0 },
        { product_id: 'b', quantity: 1, price: -5 },
        { product_id: 'c', quantity: 1, price: 1_000_000.01 },
      ],
      total_amount: 999_995.01,
    });
    expect(rulesOf(order)).toEqual([
      ['PRICE_RANGE', 'items[0].price'],
      ['PRICE_RANGE', 'items[1].price'],
      ['PRICE_RANGE', 'items[2].price'],
    ]);
  });

  it('rejects prices and totals with more than two decimals, without a misleading total mismatch', () => {
    const order = anOrderRequest({ items: [{ product_id: 'a', quantity: 1, price: 9.999 }], total_amount: 9.999 });
    expect(rulesOf(order)).toEqual([
      ['PRICE_PRECISION', 'items[0].price'],
      ['TOTAL_PRECISION', 'total_amount'],
    ]);
  });

  it('rejects a total computed in floating point (0.1 * 3) with TOTAL_PRECISION, as it would be stored as sent', () => {
    const order = anOrderRequest({ items: [{ product_id: 'a', quantity: 3, price: 0.1 }], total_amount: 0.1 * 3 });
    expect(checkOrderRules(order)).toEqual([
      { rule: 'TOTAL_PRECISION', path: 'total_amount', problem: 'must have at most two decimals, is 0.30000000000000004' },
    ]);
  });

  it('rejects a product on two lines, pointing at the second', () => {
    const order = anOrderRequest({
      items: [
        { product_id: 'a', quantity: 1, price: 1 },
        { product_id: 'b', quantity: 1, price: 1 },
        { product_id: 'a', quantity: 2, price: 1 },
      ],
      total_amount: 4,
    });
    const violations = checkOrderRules(order);
    expect(violations).toEqual([
      { rule: 'DUPLICATE_PRODUCT', path: 'items[2].product_id', problem: 'a is already on items[0]; use one line with the combined quantity' },
    ]);
  });

  it('reports every broken rule at once', () => {
    const order = anOrderRequest({
      items: [
        { product_id: 'a', quantity: 0, price: 1 },
        { product_id: 'a', quantity: 1, price: 0 },
      ],
      total_amount: 3,
    });
    expect(rulesOf(order)).toEqual([
      ['QUANTITY_RANGE', 'items[0].quantity'],
      ['PRICE_RANGE', 'items[1].price'],
      ['DUPLICATE_PRODUCT', 'items[1].product_id'],
      ['TOTAL_MISMATCH', 'total_amount'],
    ]);
  });
});
