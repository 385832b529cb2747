import { readFileSync } from 'node:fs';
import path from 'node:path';
import { JSONPath as jsonPathPlus } from 'jsonpath-plus';
import { JSONPath } from './jsonpath-query';

const input = {
  order_id: 'ord-1',
  total_amount: 12.5,
  paid: false,
  note: null,
  empty: '',
  zero: 0,
  customer: { customer_id: 'c-1', tags: ['a', 'b'] },
  items: [
    { sku: 'SKU-1', qty: 1 },
    { sku: 'SKU-2', qty: 3 },
  ],
};

// every kind of answer aws-local-stepfunctions asks for: scalars of each type (the answers
// jsonpath-plus throws and catches), objects, arrays, nothing, and paths it refuses
const paths = [
  '$',
  '$.order_id',
  '$.total_amount',
  '$.paid',
  '$.note',
  '$.empty',
  '$.zero',
  '$.customer',
  '$.customer.tags',
  '$.customer.tags[1]',
  '$.items[0].sku',
  '$.items[*].sku',
  '$.items[?(@.qty > 1)]',
  '$.items[?(@.qty > 1)].sku',
  '$..sku',
  '$.items.length',
  '$.no_such_field',
  '$.customer.no_such_field.deeper',
  "$['order_id']",
];

const outcome = (run: () => unknown): { value: unknown } | { error: string } => {
  try {
    return { value: run() };
  } catch (error) {
    return { error: String(error) };
  }
};

describe('JSONPath without the thrown Error (jsonpath-query.ts)', () => {
  it.each(paths)('answers %s as jsonpath-plus does', (expression) => {
    const expected = outcome(() => jsonPathPlus({ path: expression, json: input, wrap: false }));
    expect(outcome(() => JSONPath({ path: expression, json: input, wrap: false }))).toEqual(expected);
  });

  it.each([null, {}, [], 'text', 7])('answers a query of %p as jsonpath-plus does', (json) => {
    for (const expression of ['$', '$.a', '$[0]']) {
      const expected = outcome(() => jsonPathPlus({ path: expression, json, wrap: false }));
      expect(outcome(() => JSONPath({ path: expression, json, wrap: false }))).toEqual(expected);
    }
  });

  it('refuses a malformed path with the same error', () => {
    const expected = outcome(() => jsonPathPlus({ path: '$.items[?(@.qty >', json: input, wrap: false }));
    expect(expected).toHaveProperty('error');
    expect(outcome(() => JSONPath({ path: '$.items[?(@.qty >', json: input, wrap: false }))).toEqual(expected);
  });

  it('is what the runtime bundle gives aws-local-stepfunctions (apps/local/tools/build.mjs)', () => {
    const bundle = readFileSync(path.resolve(__dirname, '../../../../dist/apps/local/main.mjs'), 'utf8');
    // the library is bundled, not imported, and its queries call the function above
    expect(bundle).not.toMatch(/from "aws-local-stepfunctions"/);
    expect(bundle).toContain('const query = jsonPathPlus({ ...options, autostart: false });');
    expect(bundle).toMatch(/evaluation = JSONPath\w*\(\{ path: pathExpression, json: json\w*, wrap: false \}\)/);
    expect(bundle).not.toMatch(/import \{ JSONPath as jp \} from "jsonpath-plus"/);
  });
});
