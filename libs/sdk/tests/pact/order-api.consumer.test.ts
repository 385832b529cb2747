// Consumer contract of the SDK with the DOFS Order API (PactV4, HTTP). Writes
// dist/pacts/dofs-sdk-dofs-order-api.json; apps/local/tests/pact checks that pacts/ holds the
// same file and verifies it against the real local system.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { createDofsClient, DofsApiError, type CreateOrderRequest } from '../../src';

process.env['PACT_DO_NOT_TRACK'] = 'true';

const { atLeastLike, eachLike, fromProviderState, integer, number, regex, string } = MatchersV3;

const PACT_DIR = path.resolve(__dirname, '../../../../dist/pacts');
const CONSUMER = 'dofs-sdk';
const PROVIDER = 'dofs-order-api';

const UUID = '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$';
const ISO_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?(Z|[+-]\\d{2}:\\d{2})$';
const EXAMPLE_ID = '3f2a9c1e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';
const EXAMPLE_TIME = '2025-01-01T12:00:00.000Z';

const validOrder: CreateOrderRequest = {
  customer_id: 'cust-pact-1',
  items: [
    { product_id: 'sku-apple', quantity: 2, price: 1.25 },
    { product_id: 'sku-pear', quantity: 1, price: 3.5 },
  ],
  total_amount: 6,
  currency: 'EUR',
};

/** What the SDK needs of an Order: its shape and types, not the provider's values. */
const orderBody = (status: unknown, orderId: unknown = regex(UUID, EXAMPLE_ID)) => ({
  order_id: orderId,
  status,
  customer_id: string(validOrder.customer_id),
  items: eachLike({ product_id: string('sku-apple'), quantity: integer(2), price: number(1.25) }),
  total_amount: number(6),
  currency: regex('^[A-Z]{3}$', 'EUR'),
  attempts: integer(0),
  created_at: regex(ISO_TIME, EXAMPLE_TIME),
  updated_at: regex(ISO_TIME, EXAMPLE_TIME),
});

const errorBody = (code: string) => ({
  error: {
    code,
    message: string('what went wrong'),
    // API Gateway's own 400 carries no details; the handler's do: an array either way.
    details: atLeastLike({ path: string('total_amount'), problem: string('must be a number') }, 0, 1),
    request_id: string('req-123'),
  },
});

const JSON_CONTENT = { 'Content-Type': regex('^application/json', 'application/json') };

/**
 * Placeholder API keys, one per kind of client: the provider verification (apps/local/tests/pact)
 * swaps each for the real key of such a client, so the pact never holds a secret.
 */
const PACT_API_KEYS = {
  client: 'pact-key-of-a-client-with-a-usage-plan',
  unknown: 'pact-key-that-no-client-has-000000000000',
  quotaUsedUp: 'pact-key-of-a-client-whose-quota-is-used-up',
  throttled: 'pact-key-of-a-client-over-its-rate',
} as const;
const API_KEY = { 'x-api-key': PACT_API_KEYS.client };

describe('the SDK against the Order API (consumer contract)', () => {
  const pact = new PactV4({ consumer: CONSUMER, provider: PROVIDER, dir: PACT_DIR, logLevel: 'warn' });
  const sdk = (baseUrl: string, apiKey: string | undefined = PACT_API_KEYS.client) =>
    createDofsClient({ baseUrl, retry: { retries: 0 }, ...(apiKey === undefined ? {} : { apiKey }) });

  beforeAll(() => rmSync(path.join(PACT_DIR, `${CONSUMER}-${PROVIDER}.json`), { force: true }));

  it('creates an order: 201 with the order PENDING', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a valid order')
      .withRequest('POST', '/order', (req) =>
        req
          .headers({ ...JSON_CONTENT, ...API_KEY, 'Idempotency-Key': regex('^[\\x21-\\x7E]{1,128}$', 'pact-create-accepted') })
          .jsonBody(validOrder),
      )
      .willRespondWith(201, (res) =>
        res
          .headers({
            ...JSON_CONTENT,
            Location: regex('/order/[0-9a-f-]{36}$', `/order/${EXAMPLE_ID}`),
            'Idempotent-Replayed': 'false',
          })
          .jsonBody(orderBody('PENDING')),
      )
      .executeTest(async (server) => {
        const created = await sdk(server.url).createOrder(validOrder, { idempotencyKey: 'pact-create-accepted' });
        expect(created.replayed).toBe(false);
        expect(created.order.status).toBe('PENDING');
        expect(created.order.order_id).toBe(EXAMPLE_ID);
        expect(created.location).toBe(`/order/${EXAMPLE_ID}`);
      });
  });

  it('replays an order sent again with the same Idempotency-Key and body', async () => {
    await pact
      .addInteraction()
      .given('an order was created with Idempotency-Key pact-replay', { idempotency_key: 'pact-replay', order: validOrder })
      .uponReceiving('the same order with the same Idempotency-Key')
      .withRequest('POST', '/order', (req) =>
        req.headers({ ...JSON_CONTENT, ...API_KEY, 'Idempotency-Key': 'pact-replay' }).jsonBody(validOrder),
      )
      .willRespondWith(201, (res) =>
        res
          .headers({ ...JSON_CONTENT, 'Idempotent-Replayed': 'true' })
          .jsonBody(orderBody(regex('^(PENDING|FULFILLED|FAILED)$', 'PENDING'), fromProviderState('${order_id}', EXAMPLE_ID))),
      )
      .executeTest(async (server) => {
        const created = await sdk(server.url).createOrder(validOrder, { idempotencyKey: 'pact-replay' });
        expect(created.replayed).toBe(true);
        expect(created.order.order_id).toBe(EXAMPLE_ID);
      });
  });

  it('is told 422 with the broken rule when the total does not add up', async () => {
    const wrongTotal = { ...validOrder, total_amount: 7 };
    await pact
      .addInteraction()
      .uponReceiving('an order whose total is not the sum of its lines')
      .withRequest('POST', '/order', (req) =>
        req.headers({ ...JSON_CONTENT, ...API_KEY, 'Idempotency-Key': regex('^[\\x21-\\x7E]{1,128}$', 'pact-create-rejected') }).jsonBody(wrongTotal),
      )
      .willRespondWith(422, (res) =>
        res.headers(JSON_CONTENT).jsonBody({
          error: {
            ...errorBody('BUSINESS_RULE_VIOLATION').error,
            details: eachLike({ path: string('total_amount'), problem: string('must equal the sum of quantity x price') }),
          },
        }),
      )
      .executeTest(async (server) => {
        const error = await sdk(server.url).createOrder(wrongTotal, { idempotencyKey: 'pact-create-rejected' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DofsApiError);
        expect(error).toMatchObject({ status: 422, code: 'BUSINESS_RULE_VIOLATION', requestId: 'req-123' });
        expect((error as DofsApiError).details[0]).toEqual({ path: 'total_amount', problem: 'must equal the sum of quantity x price' });
      });
  });

  it('is told 400 when a caller without types sends a malformed body', async () => {
    // What a plain-JavaScript caller can send: the total as a string.
    const malformed = { ...validOrder, total_amount: '6.00' } as unknown as CreateOrderRequest;
    await pact
      .addInteraction()
      .uponReceiving('an order whose total is a string')
      .withRequest('POST', '/order', (req) =>
        req.headers({ ...JSON_CONTENT, ...API_KEY, 'Idempotency-Key': regex('^[\\x21-\\x7E]{1,128}$', 'pact-create-malformed') }).jsonBody(malformed),
      )
      .willRespondWith(400, (res) => res.headers(JSON_CONTENT).jsonBody(errorBody('VALIDATION_FAILED')))
      .executeTest(async (server) => {
        const error = await sdk(server.url).createOrder(malformed, { idempotencyKey: 'pact-create-malformed' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DofsApiError);
        expect(error).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', attempts: 1 });
      });
  });

  it('reads an order that exists', async () => {
    await pact
      .addInteraction()
      .given('an order exists', { order: validOrder })
      .uponReceiving('a request for an existing order')
      .withRequest('GET', fromProviderState('/order/${order_id}', `/order/${EXAMPLE_ID}`), (req) => req.headers(API_KEY))
      .willRespondWith(200, (res) =>
        res
          .headers(JSON_CONTENT)
          .jsonBody(orderBody(regex('^(PENDING|FULFILLED|FAILED)$', 'PENDING'), fromProviderState('${order_id}', EXAMPLE_ID))),
      )
      .executeTest(async (server) => {
        const order = await sdk(server.url).getOrder(EXAMPLE_ID);
        expect(order.order_id).toBe(EXAMPLE_ID);
        expect(order.items).toEqual([{ product_id: 'sku-apple', quantity: 2, price: 1.25 }]);
      });
  });

  it('is told 404 NOT_FOUND for an order that does not exist', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await pact
      .addInteraction()
      .given('no order has the id 00000000-0000-4000-8000-000000000000')
      .uponReceiving('a request for an order that does not exist')
      .withRequest('GET', `/order/${unknown}`, (req) => req.headers(API_KEY))
      .willRespondWith(404, (res) => res.headers(JSON_CONTENT).jsonBody(errorBody('NOT_FOUND')))
      .executeTest(async (server) => {
        await expect(sdk(server.url).getOrder(unknown)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
      });
  });

  it('is told 403 FORBIDDEN without an API key, and nothing is created', async () => {
    await pact
      .addInteraction()
      .uponReceiving('an order without an API key')
      .withRequest('POST', '/order', (req) =>
        req.headers({ ...JSON_CONTENT, 'Idempotency-Key': regex('^[\\x21-\\x7E]{1,128}$', 'pact-create-no-key') }).jsonBody(validOrder),
      )
      .willRespondWith(403, (res) => res.headers(JSON_CONTENT).jsonBody(errorBody('FORBIDDEN')))
      .executeTest(async (server) => {
        const error = await sdk(server.url, undefined).createOrder(validOrder, { idempotencyKey: 'pact-create-no-key' }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DofsApiError);
        expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN', attempts: 1 });
      });
  });

  it('is told 403 FORBIDDEN with an API key no client has', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await pact
      .addInteraction()
      .uponReceiving('a read with an unknown API key')
      .withRequest('GET', `/order/${unknown}`, (req) => req.headers({ 'x-api-key': PACT_API_KEYS.unknown }))
      .willRespondWith(403, (res) => res.headers(JSON_CONTENT).jsonBody(errorBody('FORBIDDEN')))
      .executeTest(async (server) => {
        await expect(sdk(server.url, PACT_API_KEYS.unknown).getOrder(unknown)).rejects.toMatchObject({ status: 403, code: 'FORBIDDEN' });
      });
  });

  it('is told 429 THROTTLED with Retry-After when over its rate', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await pact
      .addInteraction()
      .given('the client has used its burst and its rate allows no request now')
      .uponReceiving('a read by a client over its rate')
      .withRequest('GET', `/order/${unknown}`, (req) => req.headers({ 'x-api-key': PACT_API_KEYS.throttled }))
      .willRespondWith(429, (res) => res.headers({ ...JSON_CONTENT, 'Retry-After': regex('^[0-9]+$', '1') }).jsonBody(errorBody('THROTTLED')))
      .executeTest(async (server) => {
        await expect(sdk(server.url, PACT_API_KEYS.throttled).getOrder(unknown)).rejects.toMatchObject({ status: 429, code: 'THROTTLED' });
      });
  });

  it('is told 429 QUOTA_EXCEEDED with Retry-After when its daily quota is used up', async () => {
    const unknown = '00000000-0000-4000-8000-000000000000';
    await pact
      .addInteraction()
      .given('the client has used up its daily quota')
      .uponReceiving('a read by a client whose quota is used up')
      .withRequest('GET', `/order/${unknown}`, (req) => req.headers({ 'x-api-key': PACT_API_KEYS.quotaUsedUp }))
      .willRespondWith(429, (res) =>
        res.headers({ ...JSON_CONTENT, 'Retry-After': regex('^[0-9]+$', '3600') }).jsonBody(errorBody('QUOTA_EXCEEDED')),
      )
      .executeTest(async (server) => {
        const error = await sdk(server.url, PACT_API_KEYS.quotaUsedUp).getOrder(unknown).catch((e: unknown) => e);
        expect(error).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED', attempts: 1 });
      });
  });

  // GET /orders: the state makes a customer of its own with three orders, so that a page of two
  // is not the last and the next one is; the provider fills in that customer and a real cursor.
  const LIST_CUSTOMER = 'cust-pact-list';
  const EXAMPLE_CURSOR = 'eyJ2IjoxLCJxIjoiZXhhbXBsZSJ9.c2lnbmF0dXJlLW9mLXRoZS1leGFtcGxl';
  const anyStatus = () => regex('^(PENDING|FULFILLED|FAILED)$', 'PENDING');
  const listedOrder = () => ({ ...orderBody(anyStatus()), customer_id: string(LIST_CUSTOMER) });

  it("lists a customer's orders: the first page and a cursor to the next", async () => {
    await pact
      .addInteraction()
      .given('a customer has 3 orders', { order: validOrder, count: 3 })
      .uponReceiving("a request for the first page of a customer's orders")
      .withRequest('GET', '/orders', (req) => req.headers(API_KEY).query({ customer_id: fromProviderState('${customer_id}', LIST_CUSTOMER), limit: '2' }))
      .willRespondWith(200, (res) =>
        res.headers(JSON_CONTENT).jsonBody({ items: eachLike(listedOrder(), 2), next_cursor: regex('^[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+$', EXAMPLE_CURSOR) }),
      )
      .executeTest(async (server) => {
        const page = await sdk(server.url).listOrders({ customer_id: LIST_CUSTOMER, limit: 2 });
        expect(page.items).toHaveLength(2);
        expect(page.items[0]?.customer_id).toBe(LIST_CUSTOMER);
        expect(page.next_cursor).toBe(EXAMPLE_CURSOR);
      });
  });

  it("lists a customer's orders: the next page, the last one, with the cursor of the first", async () => {
    await pact
      .addInteraction()
      .given('a customer has 3 orders and a first page of 2 was read', { order: validOrder, count: 3, limit: 2 })
      .uponReceiving("a request for the next page of a customer's orders")
      .withRequest('GET', '/orders', (req) =>
        req.headers(API_KEY).query({
          customer_id: fromProviderState('${customer_id}', LIST_CUSTOMER),
          limit: '2',
          cursor: fromProviderState('${cursor}', EXAMPLE_CURSOR),
        }),
      )
      .willRespondWith(200, (res) => res.headers(JSON_CONTENT).jsonBody({ items: eachLike(listedOrder(), 1) }))
      .executeTest(async (server) => {
        const page = await sdk(server.url).listOrders({ customer_id: LIST_CUSTOMER, limit: 2, cursor: EXAMPLE_CURSOR });
        expect(page.items.map((o) => o.customer_id)).toEqual([LIST_CUSTOMER]);
        expect(page.next_cursor).toBeUndefined();
      });
  });

  it('is told 400 INVALID_CURSOR for a cursor the API did not issue', async () => {
    const forged = 'eyJ2IjoxLCJxIjoiZm9yZ2VkIn0.bm90LWEtc2lnbmF0dXJl';
    await pact
      .addInteraction()
      .uponReceiving('a request for a page with a forged cursor')
      .withRequest('GET', '/orders', (req) => req.headers(API_KEY).query({ customer_id: LIST_CUSTOMER, cursor: forged }))
      .willRespondWith(400, (res) =>
        res.headers(JSON_CONTENT).jsonBody({
          error: { ...errorBody('INVALID_CURSOR').error, details: eachLike({ path: 'cursor', problem: string('was altered or was not issued by this API') }) },
        }),
      )
      .executeTest(async (server) => {
        const error = await sdk(server.url).listOrders({ customer_id: LIST_CUSTOMER, cursor: forged }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(DofsApiError);
        expect(error).toMatchObject({ status: 400, code: 'INVALID_CURSOR', attempts: 1 });
      });
  });

  it('reads the health of the API', async () => {
    await pact
      .addInteraction()
      .uponReceiving('a health check')
      .withRequest('GET', '/health')
      .willRespondWith(200, (res) => res.headers(JSON_CONTENT).jsonBody({ status: 'ok' }))
      .executeTest(async (server) => {
        await expect(sdk(server.url).health()).resolves.toEqual({ status: 'ok' });
      });
  });
});
