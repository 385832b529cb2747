// Property-based tests of the API against the real local system: requests generated from the
// OpenAPI schema, then mutated (wrong types, missing and extra fields, huge and negative numbers,
// too many decimals, unicode, deep nesting, bodies near and over 64 KiB, invalid JSON, duplicate
// keys, odd content types and headers). Whatever comes in: never a 5xx, never a stack trace or an
// internal name in a body, every error body is the one envelope, nothing is stored for a 4xx, and
// an accepted order holds amounts of whole cents, exactly as sent.
//
// Seeded: DOFS_PROPERTY_SEED=<n> replays a run (the seed is printed); DOFS_PROPERTY_RUNS=<n>
// multiplies the number of cases.
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { validateErrorResponse, validateOrder } from '@dofs/contracts';
import fc from 'fast-check';
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';
import { localAws, type LocalAws } from '../support/local-aws';
import { arbitraryFromSchema, openApiSchemas } from '../support/schema-arbitrary';

const SEED = Number(process.env['DOFS_PROPERTY_SEED'] ?? 20261128);
const RUNS = Number(process.env['DOFS_PROPERTY_RUNS'] ?? 1);
const MAX_BODY_BYTES = 65_536;
/** What must never reach a client: stack frames, file paths, exception and library names. */
const LEAK =
  /\bat \S+ \(|node:internal|node_modules|\/(?:work|home|tmp)\/|\.[cm]?[jt]s:\d+|\b(?:TypeError|ReferenceError|RangeError|dynalite|fauxqs|leveldb|undici|ajv|ConditionalCheckFailed\w*|ResourceNotFound\w*|Sandbox\.\w+)\b|\bHPE_|\bERR_[A-Z_]+|\bECONN/i;
const WHOLE_CENTS = /^-?\d+(\.\d{1,2})?$/;

let system: LocalSystem;
let aws: LocalAws;
let storedOrders = 0;
/** answers by status, printed at the end: shows what the generated cases reached */
const statuses = new Map<number, number>();

beforeAll(async () => {
  process.stdout.write(`api properties: seed ${SEED} (replay with DOFS_PROPERTY_SEED=${SEED})\n`);
  system = await startLocalSystem({ successRate: 1 });
  aws = localAws(system.endpoints);
});

afterAll(async () => {
  const tally = [...statuses].sort(([a], [b]) => a - b).map(([status, count]) => `${status}: ${count}`);
  process.stdout.write(`api properties: ${[...statuses.values()].reduce((a, b) => a + b, 0)} requests, seed ${SEED}; ${tally.join(', ')}\n`);
  aws?.destroy();
  await system?.stop();
});

interface Probe {
  readonly method: string;
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string | Uint8Array;
}

interface Answer {
  readonly status: number;
  readonly replayed: boolean;
  readonly text: string;
}

async function send(probe: Probe): Promise<Answer> {
  const response = await fetch(`${system.apiUrl}${probe.path}`, {
    method: probe.method,
    // the local client's key unless the case sends its own: the cases probe what is past the key
    headers: { 'x-api-key': system.apiKey, ...probe.headers },
    ...(probe.body !== undefined && { body: probe.body }),
  });
  return { status: response.status, replayed: response.headers.get('idempotent-replayed') === 'true', text: await response.text() };
}

/** The amounts of an order as DynamoDB holds them: the N attributes' decimal strings. */
async function storedAmounts(orderId: string): Promise<string[]> {
  const { Item } = await aws.dynamodb.send(
    new GetItemCommand({ TableName: system.endpoints.tables.orders, Key: { order_id: { S: orderId } }, ConsistentRead: true }),
  );
  const items = Item?.['items']?.L ?? [];
  return [Item?.['total_amount']?.N ?? 'missing', ...items.map((line) => line.M?.['price']?.N ?? 'missing')];
}

/** The invariants every answer keeps, whatever was sent. */
async function checkAnswer(probe: Probe, answer: Answer): Promise<void> {
  statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
  const where = `${probe.method} ${probe.path} -> ${answer.status} ${answer.text.slice(0, 300)}`;
  expect({ where, serverError: answer.status >= 500 }).toEqual({ where, serverError: false });
  expect({ where, leak: LEAK.exec(answer.text)?.[0] }).toEqual({ where, leak: undefined });
  // a HEAD answer has no body, by HTTP's rules
  if (answer.status >= 400 && probe.method !== 'HEAD') {
    const body: unknown = JSON.parse(answer.text);
    expect({ where, errors: validateErrorResponse(body) ? null : validateErrorResponse.errors }).toEqual({ where, errors: null });
  }

  const count = await aws.itemCount(system.endpoints.tables.orders);
  const created = answer.status === 201 && !answer.replayed ? 1 : 0;
  expect({ where, stored: count - storedOrders }).toEqual({ where, stored: created });
  storedOrders = count;

  if (answer.status === 201) {
    const order: unknown = JSON.parse(answer.text);
    expect({ where, errors: validateOrder(order) ? null : validateOrder.errors }).toEqual({ where, errors: null });
    const { order_id, total_amount, items } = order as { order_id: string; total_amount: number; items: { price: number; quantity: number }[] };
    const returned = [total_amount, ...items.map((line) => line.price)].map(String);
    const stored = await storedAmounts(order_id);
    // what was accepted is whole cents, stored and returned alike, and the lines add up to the total
    expect({ where, returned, stored }).toEqual({ where, returned: stored, stored: stored.map((s) => (WHOLE_CENTS.test(s) ? s : `not whole cents: ${s}`)) });
    const cents = (amount: string): number => Math.round(Number(amount) * 100);
    const [total = '0', ...prices] = stored;
    expect({ where, lines: items.reduce((sum, line, i) => sum + cents(prices[i] ?? '0') * line.quantity, 0) }).toEqual({ where, lines: cents(total) });
    if (typeof probe.body === 'string') expect({ where, bytes: Buffer.byteLength(probe.body) <= MAX_BODY_BYTES }).toEqual({ where, bytes: true });
  }
}

const schemas = openApiSchemas();
const identifier = arbitraryFromSchema({ $ref: '#/components/schemas/Identifier' }, schemas) as fc.Arbitrary<string>;

/**
 * Orders a shop would send, within every business rule, with the total either added up in cents
 * or computed in floating point as Σ price × quantity (0.1 × 3 = 0.30000000000000004).
 */
const shopOrder = fc
  .record({
    customer_id: identifier,
    lines: fc.uniqueArray(
      fc.record({
        product_id: identifier,
        quantity: fc.oneof(fc.integer({ min: 1, max: 10 }), fc.integer({ min: 1, max: 1000 })),
        cents: fc.oneof(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 1, max: 100_000_000 })),
      }),
      { minLength: 1, maxLength: 5, selector: (line) => line.product_id },
    ),
    floatingPoint: fc.boolean(),
  })
  .map(({ customer_id, lines, floatingPoint }) => ({
    customer_id,
    items: lines.map(({ product_id, quantity, cents }) => ({ product_id, quantity, price: cents / 100 })),
    total_amount: floatingPoint
      ? lines.reduce((sum, { quantity, cents }) => sum + (cents / 100) * quantity, 0)
      : lines.reduce((sum, { quantity, cents }) => sum + cents * quantity, 0) / 100,
  }));

const json = { 'Content-Type': 'application/json' };

it('accepts only whole cents: what a shop computes in floating point is refused or stored exactly', async () => {
  await fc.assert(
    fc.asyncProperty(shopOrder, async (order) => {
      const probe: Probe = { method: 'POST', path: '/order', headers: json, body: JSON.stringify(order) };
      const answer = await send(probe);
      await checkAnswer(probe, answer);
      // within the rules but for the floating-point total: accepted, or refused for its decimals alone
      if (answer.status !== 201) {
        const { error } = JSON.parse(answer.text) as { error: { code: string; details: { path: string }[] } };
        expect({ status: answer.status, code: error.code, paths: error.details.map((d) => d.path) }).toEqual({
          status: 422,
          code: 'BUSINESS_RULE_VIOLATION',
          paths: ['total_amount'],
        });
      }
    }),
    { seed: SEED, numRuns: 200 * RUNS },
  );
}, 180_000);

it('refuses the total 0.1 * 3 with TOTAL_PRECISION and stores nothing (the case the property above finds)', async () => {
  const order = { customer_id: 'money', items: [{ product_id: 'dime', quantity: 3, price: 0.1 }], total_amount: 0.1 * 3 };
  const probe: Probe = { method: 'POST', path: '/order', headers: json, body: JSON.stringify(order) };
  const answer = await send(probe);
  await checkAnswer(probe, answer);
  expect(answer.status).toBe(422);
  expect((JSON.parse(answer.text) as { error: { details: unknown[] } }).error.details).toEqual([
    { path: 'total_amount', problem: 'must have at most two decimals, is 0.30000000000000004' },
  ]);
});

// ---- mutations of a schema-valid body -------------------------------------------------------

type Json = unknown;
type PathKey = string | number;

function pathsOf(value: Json, at: PathKey[] = []): PathKey[][] {
  const here = [at];
  if (Array.isArray(value)) return here.concat(...value.map((item, i) => pathsOf(item, [...at, i])));
  if (value && typeof value === 'object') return here.concat(...Object.entries(value).map(([key, item]) => pathsOf(item, [...at, key])));
  return here;
}

function update(value: Json, at: readonly PathKey[], change: (parent: Record<PathKey, Json>, key: PathKey) => void): Json {
  const copy = structuredClone(value);
  if (at.length === 0) {
    const holder: Record<PathKey, Json> = { root: copy };
    change(holder, 'root');
    return holder['root'];
  }
  let parent = copy as Record<PathKey, Json>;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<PathKey, Json>;
  change(parent, at[at.length - 1] ?? '');
  return copy;
}

function nested(depth: number, asObject: boolean): Json {
  let value: Json = 1;
  for (let i = 0; i < depth; i++) value = asObject ? { a: value } : [value];
  return value;
}

const edgeNumber = fc.constantFrom(
  0, -0, -1, -0.01, 1e308, -1e308, 5e-324, Number.MAX_SAFE_INTEGER, 2 ** 53 + 2, 1e21, 0.001, 19.999, 0.1 + 0.2, 0.1 * 3, 1_000_000.01, 1001, 1e-7,
);
const unicodeText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.constantFrom('é', 'Ω', '𝔘𝔫𝔦', '\u0000', '\u202e', '\ud800', 'a\u0301', '🛒', 'ＡＢＣ', ' '),
);
const anyValue = fc.oneof(
  fc.string({ maxLength: 10 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 2 }),
  edgeNumber,
  unicodeText,
  fc.tuple(fc.integer({ min: 10, max: 3000 }), fc.boolean()).map(([depth, asObject]) => nested(depth, asObject)),
);
const extraKey = fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('__proto__', 'constructor', 'toString', 'customer_id ', 'Total_Amount'));

type Mutation = (value: Json) => fc.Arbitrary<Json>;
const mutations: readonly Mutation[] = [
  // none: the generated body as it is
  (value) => fc.constant(value),
  // a value replaced by one of another type, an edge number, unicode, deep nesting
  (value) => fc.tuple(fc.constantFrom(...pathsOf(value)), anyValue).map(([at, replacement]) => update(value, at, (p, k) => (p[k] = replacement))),
  // a field removed
  (value) => fc.constantFrom(...pathsOf(value).filter((at) => at.length > 0)).map((at) => update(value, at, (p, k) => void (Array.isArray(p) ? p.splice(Number(k), 1) : delete p[k]))),
  // a field added where an object is
  (value) =>
    fc.tuple(fc.constantFrom(...pathsOf(value)), extraKey, fc.jsonValue({ maxDepth: 2 })).map(([at, key, extra]) =>
      update(value, at, (p, k) => {
        const target = p[k];
        if (target && typeof target === 'object' && !Array.isArray(target)) Object.defineProperty(target, key, { value: extra, enumerable: true });
      }),
    ),
];

type Serialiser = (text: string) => fc.Arbitrary<string | Uint8Array>;
const serialisers: readonly Serialiser[] = [
  (text) => fc.constant(text),
  // whitespace up to just under or over the 64 KiB the API takes
  (text) => fc.integer({ min: MAX_BODY_BYTES - 200, max: MAX_BODY_BYTES + 200 }).map((size) => ' '.repeat(Math.max(0, size - Buffer.byteLength(text))) + text),
  // invalid JSON: cut short, or a stray character
  (text) => fc.nat({ max: Math.max(0, text.length - 1) }).map((at) => text.slice(0, at)),
  (text) => fc.tuple(fc.nat({ max: text.length }), fc.constantFrom(',', '}', '"', '\\', '\u0000', 'x', '\ud800', '\ufeff')).map(([at, c]) => text.slice(0, at) + c + text.slice(at)),
  // a key given twice: JSON.parse keeps the last
  (text) => edgeNumber.map((n) => (text.startsWith('{') ? `{"total_amount":${JSON.stringify(n)},${text.slice(1)}` : text)),
  // bytes that are not UTF-8
  (text) => fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.concat([Buffer.from(text.slice(0, 20)), Buffer.from(bytes)])),
];

const headerValue = fc.string({ unit: fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0x80, max: 0xff })).map((c) => String.fromCharCode(c)), maxLength: 40 });
const contentType = fc.constantFrom(
  undefined,
  'application/json',
  'application/json; charset=utf-8',
  'application/json; charset=utf-16',
  'APPLICATION/JSON',
  'text/plain',
  'application/x-www-form-urlencoded',
  'multipart/form-data; boundary=x',
  'application/json;;;',
  'application/jsonx',
  'application/vnd.api+json',
  '*/*',
  'application/json, text/plain',
);
/** Mostly what a client sends, sometimes not: so that the cases get past the headers to the body. */
const mostly = <T,>(usual: fc.Arbitrary<T>, odd: fc.Arbitrary<T>): fc.Arbitrary<T> => fc.oneof({ arbitrary: usual, weight: 4 }, { arbitrary: odd, weight: 1 });
const headers = fc
  .record(
    {
      'Content-Type': mostly(fc.constant('application/json'), contentType),
      // a small pool, so that keys are reused: replays and conflicts
      'Idempotency-Key': mostly(fc.oneof(fc.uuid(), fc.constantFrom('key-1', 'key-2', 'key-3')), headerValue),
      'X-Correlation-Id': mostly(identifier, headerValue),
      'Content-Encoding': fc.constantFrom('gzip', 'identity', 'br'),
      Accept: fc.constantFrom('application/xml', '*/*', 'text/html'),
      'X-Probe': headerValue,
    },
    { requiredKeys: ['Content-Type'] },
  )
  .map((record) => Object.fromEntries(Object.entries(record).filter((entry): entry is [string, string] => entry[1] !== undefined)));

const createOrderRequest = arbitraryFromSchema({ $ref: '#/components/schemas/CreateOrderRequest' }, schemas);
// the unchanged body and plain JSON weigh as much as all the mutations together
const mutation = fc.oneof({ arbitrary: fc.constant(0), weight: mutations.length - 1 }, fc.integer({ min: 1, max: mutations.length - 1 }));
// and bodies near 64 KiB come often enough to reach the handler's limit with a valid body
const serialiser = fc.oneof(
  { arbitrary: fc.constant(0), weight: serialisers.length - 1 },
  { arbitrary: fc.constant(1), weight: 2 },
  fc.integer({ min: 1, max: serialisers.length - 1 }),
);
const body = fc
  .tuple(fc.oneof(createOrderRequest, shopOrder), mutation, serialiser)
  .chain(([value, m, s]) => (mutations[m] as Mutation)(value).chain((mutated) => (serialisers[s] as Serialiser)(JSON.stringify(mutated) ?? 'null')));

it('never answers a mutated POST /order with a 5xx, a leak, another body than the envelope, or a stored order for a 4xx', async () => {
  await fc.assert(
    fc.asyncProperty(body, headers, async (payload, extra) => {
      const probe: Probe = { method: 'POST', path: '/order', headers: extra, body: payload };
      await checkAnswer(probe, await send(probe));
    }),
    { seed: SEED, numRuns: 500 * RUNS },
  );
}, 300_000);

/** Every byte of the text's UTF-8 percent-encoded (encodeURIComponent throws on a lone surrogate). */
const percentEncoded = (text: string): string => [...Buffer.from(text, 'utf8')].map((byte) => `%${byte.toString(16).padStart(2, '0')}`).join('');
const pathSegment = fc.oneof(fc.uuid().map((id) => id.toLowerCase()), fc.string({ maxLength: 40 }).map(percentEncoded), unicodeText.map(percentEncoded));
const otherRequest = fc.record({
  method: fc.constantFrom('GET', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'POST'),
  path: fc.oneof(
    pathSegment.map((segment) => `/order/${segment}`),
    fc.constantFrom('/order', '/orders', '/health', '/', '/order/', '/Health', '/order/a/b'),
    fc.tuple(fc.constantFrom('/order', '/health'), fc.string({ maxLength: 20 })).map(([path, query]) => `${path}?${percentEncoded(query)}=1`),
  ),
  headers,
});

it('never answers another method or path with a 5xx, a leak or another error body than the envelope', async () => {
  await fc.assert(
    fc.asyncProperty(otherRequest, async ({ method, path, headers: extra }) => {
      const probe: Probe = { method, path, headers: extra, ...(method === 'POST' || method === 'PUT' || method === 'PATCH' ? { body: '{}' } : {}) };
      await checkAnswer(probe, await send(probe));
    }),
    { seed: SEED, numRuns: 150 * RUNS },
  );
}, 180_000);
