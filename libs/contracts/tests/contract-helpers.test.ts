import { DEFAULTS, TABLES, fillPlaceholders, placeholdersOf, toErrorDetails, toFieldPath, validateCreateOrderRequest } from '../src';

describe('toFieldPath', () => {
  it.each([
    ['', ''],
    ['/items/0/price', 'items[0].price'],
    ['/customer_id', 'customer_id'],
    ['/a~1b/c~0d', 'a/b.c~d'],
  ])('%s -> %s', (pointer, path) => expect(toFieldPath(pointer)).toBe(path));
});

describe('toErrorDetails', () => {
  it('describes each problem with its field', () => {
    validateCreateOrderRequest({ customer_id: 'bad id!', items: [{ product_id: 'p', quantity: 'x', price: 1 }], total_amount: 1, extra: 1 });
    expect(toErrorDetails(validateCreateOrderRequest.errors)).toEqual([
      { path: 'extra', problem: 'is not an allowed field' },
      { path: 'customer_id', problem: 'must match the pattern ^[A-Za-z0-9][A-Za-z0-9._:-]*$' },
      { path: 'items[0].quantity', problem: 'must be of type integer' },
    ]);
  });

  it('answers no details for no errors, and at most 20', () => {
    expect(toErrorDetails(null)).toEqual([]);
    const items = Array.from({ length: 30 }, () => ({ product_id: '', quantity: 1, price: 1 }));
    validateCreateOrderRequest({ customer_id: 'c', items, total_amount: 1 });
    expect(toErrorDetails(validateCreateOrderRequest.errors)).toHaveLength(20);
  });
});

describe('fillPlaceholders', () => {
  it('fills ${name} and turns $${ into a literal ${, like templatefile()', () => {
    expect(fillPlaceholders('a ${x} b $${y} c ${x}', { x: '1' })).toBe('a 1 b ${y} c 1');
  });

  it('refuses a missing value and an unused one', () => {
    expect(() => fillPlaceholders('${x}', {})).toThrow('No value for placeholder ${x}');
    expect(() => fillPlaceholders('${x}', { x: '1', y: '2' })).toThrow('Values given for no placeholder: y');
  });
});

describe('contracts/resources.json', () => {
  it('defines orders and failed_orders keyed by order_id', () => {
    expect(TABLES.orders.hash_key).toEqual({ name: 'order_id', type: 'S' });
    expect(TABLES.failed_orders.hash_key).toEqual({ name: 'order_id', type: 'S' });
  });

  it('keeps the visibility timeout at least 6 x the Lambda timeout, as AWS advises', () => {
    expect(DEFAULTS.sqs_visibility_timeout_seconds).toBeGreaterThanOrEqual(6 * DEFAULTS.lambda_timeout_seconds);
  });

  it('keeps dead letters 14 days, long enough to investigate', () => {
    expect(DEFAULTS.dlq_message_retention_seconds).toBe(14 * 24 * 3600);
  });
});

describe('placeholdersOf', () => {
  it('lists each placeholder once, sorted, and skips $${ escapes', () => {
    expect(placeholdersOf('${b} ${a} $${c} ${b}')).toEqual(['a', 'b']);
  });
});
