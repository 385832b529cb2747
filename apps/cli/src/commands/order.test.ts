import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { orderFromFlags, parseItem, sumOfLines } from './order';

describe('order from flags', () => {
  it('reads SKU:QUANTITY:PRICE lines and sums the total in cents', () => {
    expect(parseItem('sku-1:3:0.1')).toEqual({ product_id: 'sku-1', quantity: 3, price: 0.1 });
    expect(sumOfLines([{ quantity: 1, price: 0.1 }, { quantity: 1, price: 0.2 }])).toBe(0.3);
    expect(orderFromFlags({ customer: 'c-1', item: ['a:2:1.25', 'b:1:3.5'], currency: 'EUR' })).toEqual({
      customer_id: 'c-1',
      items: [
        { product_id: 'a', quantity: 2, price: 1.25 },
        { product_id: 'b', quantity: 1, price: 3.5 },
      ],
      total_amount: 6,
      currency: 'EUR',
    });
  });

  it('keeps a --total that does not add up, for the API to judge', () => {
    expect(orderFromFlags({ customer: 'c', item: ['a:1:1'], total: '2' }).total_amount).toBe(2);
  });

  it.each([
    [{ customer: 'c' }, /at least one --item/],
    [{ customer: 'c', item: ['a:1'] }, /SKU:QUANTITY:PRICE/],
    [{ customer: 'c', item: ['a:x:1'] }, /SKU:QUANTITY:PRICE/],
    [{ customer: 'c', item: ['a:1:1'], total: 'ten' }, /--total must be a number/],
    [{ file: 'x.json', customer: 'c' }, /not both/],
  ])('refuses %o', (values, message) => {
    expect(() => orderFromFlags(values)).toThrow(message);
  });
});

describe('order from a JSON file', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'dofs-cli-order-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('reads a valid order', () => {
    const order = { customer_id: 'c-1', items: [{ product_id: 'p', quantity: 1, price: 2 }], total_amount: 2 };
    writeFileSync(path.join(dir, 'ok.json'), JSON.stringify(order));
    expect(orderFromFlags({ file: path.join(dir, 'ok.json') })).toEqual(order);
  });

  it('names each field that breaks the schema, before anything is sent', () => {
    writeFileSync(path.join(dir, 'bad.json'), JSON.stringify({ customer_id: 'c-1', items: [], total_amount: '2', note: 1 }));
    let error: unknown;
    try {
      orderFromFlags({ file: path.join(dir, 'bad.json') });
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({
      code: 'VALIDATION_FAILED',
      exitCode: 2,
      details: expect.arrayContaining([
        { path: 'note', problem: 'is not an allowed field' },
        { path: 'total_amount', problem: 'must be of type number' },
      ]),
    });
  });

  it('says so when the file is not JSON or cannot be read', () => {
    writeFileSync(path.join(dir, 'broken.json'), '{');
    expect(() => orderFromFlags({ file: path.join(dir, 'broken.json') })).toThrow(/is not JSON/);
    expect(() => orderFromFlags({ file: path.join(dir, 'missing.json') })).toThrow(/Cannot read/);
  });
});
