import type { APIGatewayProxyEvent, APIGatewayProxyResult } from 'aws-lambda';
import { validateErrorResponse, validateOrder, validateOrderPage, type ErrorResponse, type Order, type OrderPage } from '@dofs/contracts';
import { aGetOrderEvent, aLambdaContext, aListOrdersEvent, aPostOrderEvent, anApiEvent, captureLogs } from '@dofs/aws/testing';
import { createLogger } from '@dofs/aws';
import { DependencyUnavailableError, OrderCursors } from '@dofs/domain';
import { InMemoryOrderStore, InMemoryOrderWorkflow, anOrderRecord, anOrderRequest, fixedClock } from '@dofs/domain/testing';
import { createApiHandler } from './handler';
import { MAX_BODY_BYTES } from './request';

function setUp() {
  const orders = new InMemoryOrderStore();
  const workflow = new InMemoryOrderWorkflow(orders);
  const logger = createLogger('api-handler');
  const clock = fixedClock();
  const cursors = new OrderCursors('k'.repeat(43), clock);
  const handler = createApiHandler({ orders, cursors, workflow, clock, logger });
  const call = (event: APIGatewayProxyEvent) => handler(event, aLambdaContext()) as Promise<APIGatewayProxyResult>;
  return { orders, workflow, call };
}

const bodyOf = <T>(result: APIGatewayProxyResult): T => JSON.parse(result.body) as T;

/** Asserts the documented error body and status, and that nothing was kept. */
function expectError(result: APIGatewayProxyResult, status: number, code: string): ErrorResponse['error'] {
  expect(result.statusCode).toBe(status);
  const body = bodyOf<ErrorResponse>(result);
  expect(validateErrorResponse(body)).toBe(true);
  expect(body.error.code).toBe(code);
  expect(result.body).not.toMatch(/\bat .+\.(ts|js):\d+/);
  return body.error;
}

const logs = captureLogs();

describe('POST /order', () => {
  it('accepts a valid order: 201, the order as PENDING, Location, and the order queued', async () => {
    const { call, workflow, orders } = setUp();
    const result = await call(aPostOrderEvent(anOrderRequest()));
    expect(result.statusCode).toBe(201);
    const order = bodyOf<Order>(result);
    expect(validateOrder(order)).toBe(true);
    expect(order).toMatchObject({ status: 'PENDING', customer_id: 'cust-42', total_amount: 25.5, currency: 'USD', attempts: 0 });
    expect(result.headers).toMatchObject({ Location: `/order/${order.order_id}`, 'Idempotent-Replayed': 'false', 'Content-Type': 'application/json' });
    expect(orders.items.has(order.order_id)).toBe(true);
    expect(workflow.sent.map((m) => m.order_id)).toEqual([order.order_id]);
  });

  it('defaults the currency to USD', async () => {
    const { call } = setUp();
    const { currency: _c, ...withoutCurrency } = anOrderRequest();
    expect(bodyOf<Order>(await call(aPostOrderEvent(withoutCurrency))).currency).toBe('USD');
  });

  it('answers a replay with the same Idempotency-Key and body with the same order and answer', async () => {
    const { call, orders } = setUp();
    const first = await call(aPostOrderEvent(anOrderRequest(), { 'Idempotency-Key': 'k-1' }));
    const replay = await call(aPostOrderEvent(anOrderRequest(), { 'idempotency-key': 'k-1' }));
    expect(replay.statusCode).toBe(201);
    expect(replay.body).toBe(first.body);
    expect(replay.headers?.['Idempotent-Replayed']).toBe('true');
    expect(orders.items.size).toBe(1);
  });

  it('answers 409 when the Idempotency-Key comes back with another body, and keeps the first order', async () => {
    const { call, orders } = setUp();
    const first = bodyOf<Order>(await call(aPostOrderEvent(anOrderRequest(), { 'Idempotency-Key': 'k-2' })));
    const other = anOrderRequest({ items: [{ product_id: 'sku-9', quantity: 1, price: 25.5 }] });
    const error = expectError(await call(aPostOrderEvent(other, { 'Idempotency-Key': 'k-2' })), 409, 'IDEMPOTENCY_CONFLICT');
    expect(error.details).toEqual([{ path: 'Idempotency-Key', problem: 'was used for another request body' }]);
    expect(orders.items.get(first.order_id)?.items[0]?.product_id).toBe('sku-1');
  });

  it('answers 422 with every broken rule and its field, storing and queueing nothing', async () => {
    const { call, orders, workflow } = setUp();
    const bad = anOrderRequest({
      items: [
        { product_id: 'a', quantity: 0, price: 10 },
        { product_id: 'b', quantity: 1, price: 0 },
      ],
      total_amount: 5,
    });
    const error = expectError(await call(aPostOrderEvent(bad)), 422, 'BUSINESS_RULE_VIOLATION');
    expect(error.details.map((d) => d.path)).toEqual(['items[0].quantity', 'items[1].price', 'total_amount']);
    expect(error.message).toContain('QUANTITY_RANGE');
    expect(orders.items.size).toBe(0);
    expect(workflow.sent).toEqual([]);
  });

  it.each([
    ['malformed JSON', '{"customer_id": "c",', 'MALFORMED_JSON', ''],
    ['a JSON string', '"order"', 'VALIDATION_FAILED', ''],
    ['null', 'null', 'VALIDATION_FAILED', ''],
    ['an empty body', '', 'MALFORMED_JSON', ''],
    ['a wrong type', JSON.stringify(anOrderRequest({ total_amount: '25.50' as unknown as number })), 'VALIDATION_FAILED', 'total_amount'],
    ['a missing field', JSON.stringify({ items: anOrderRequest().items, total_amount: 25.5 }), 'VALIDATION_FAILED', 'customer_id'],
    ['an unknown field', JSON.stringify({ ...anOrderRequest(), coupon: 'FREE' }), 'VALIDATION_FAILED', 'coupon'],
    ['an unknown field in a line', JSON.stringify(anOrderRequest({ items: [{ product_id: 'a', quantity: 1, price: 1, gift: true } as never] })), 'VALIDATION_FAILED', 'items[0].gift'],
    ['a fractional quantity', JSON.stringify(anOrderRequest({ items: [{ product_id: 'a', quantity: 1.5, price: 1 }] })), 'VALIDATION_FAILED', 'items[0].quantity'],
    ['a bad currency', JSON.stringify(anOrderRequest({ currency: 'dollars' })), 'VALIDATION_FAILED', 'currency'],
    ['an empty customer id', JSON.stringify(anOrderRequest({ customer_id: '' })), 'VALIDATION_FAILED', 'customer_id'],
    ['a __proto__ key', '{"__proto__": {"x": 1}, "customer_id": "c", "items": [], "total_amount": 0}', 'VALIDATION_FAILED', '__proto__'],
  ])('answers 400 for %s, naming the field, keeping nothing', async (_, body, code, path) => {
    const { call, orders, workflow } = setUp();
    const error = expectError(await call(aPostOrderEvent(body)), 400, code);
    expect(error.details.map((d) => d.path)).toContain(path);
    expect(orders.items.size).toBe(0);
    expect(workflow.sent).toEqual([]);
  });

  it('lists every schema problem at once', async () => {
    const { call } = setUp();
    const error = expectError(await call(aPostOrderEvent({ items: 'none', extra: 1 })), 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual(
      expect.arrayContaining([
        { path: 'customer_id', problem: 'is required' },
        { path: 'total_amount', problem: 'is required' },
        { path: 'extra', problem: 'is not an allowed field' },
        { path: 'items', problem: 'must be of type array' },
      ]),
    );
  });

  it('answers 413 for a body over 64 KiB', async () => {
    const { call, orders } = setUp();
    const huge = JSON.stringify({ ...anOrderRequest(), customer_id: 'x'.repeat(MAX_BODY_BYTES) });
    expectError(await call(aPostOrderEvent(huge)), 413, 'PAYLOAD_TOO_LARGE');
    expect(orders.items.size).toBe(0);
  });

  it.each([
    ['text/plain', { 'Content-Type': 'text/plain' }],
    ['form data', { 'Content-Type': 'application/x-www-form-urlencoded' }],
    ['no content type', { 'Content-Type': '' }],
  ])('answers 415 for %s', async (_, headers) => {
    const { call } = setUp();
    const event = aPostOrderEvent(anOrderRequest(), headers);
    if (!headers['Content-Type']) delete event.headers['Content-Type'];
    expectError(await call(event), 415, 'UNSUPPORTED_MEDIA_TYPE');
  });

  it('accepts application/json with a charset and a base64-encoded body', async () => {
    const { call } = setUp();
    const event = aPostOrderEvent(Buffer.from(JSON.stringify(anOrderRequest())).toString('base64'), { 'content-type': 'application/json; charset=utf-8' });
    event.isBase64Encoded = true;
    delete event.headers['Content-Type'];
    expect((await call(event)).statusCode).toBe(201);
  });

  it.each([
    ['too long', 'k'.repeat(129)],
    ['with a space', 'my key'],
    ['empty', ''],
  ])('answers 400 for an Idempotency-Key %s', async (_, key) => {
    const { call } = setUp();
    const error = expectError(await call(aPostOrderEvent(anOrderRequest(), { 'Idempotency-Key': key })), 400, 'VALIDATION_FAILED');
    expect(error.details[0]?.path).toBe('Idempotency-Key');
  });

  it('answers 503 with Retry-After when the workflow fails, leaving nothing behind', async () => {
    const { call, workflow, orders } = setUp();
    workflow.failWith = { error: 'EnqueueFailed' };
    const result = await call(aPostOrderEvent(anOrderRequest()));
    expectError(result, 503, 'SERVICE_UNAVAILABLE');
    expect(result.headers?.['Retry-After']).toBe('1');
    expect(orders.items.size).toBe(0);
  });

  it('answers 503 when Step Functions is unavailable', async () => {
    const { call, workflow } = setUp();
    workflow.failWith = new DependencyUnavailableError('order workflow');
    expectError(await call(aPostOrderEvent(anOrderRequest())), 503, 'SERVICE_UNAVAILABLE');
  });

  it('answers an unexpected error with a generic 500 and the request id, leaking nothing', async () => {
    const { call, workflow } = setUp();
    workflow.failWith = new TypeError("Cannot read properties of undefined (reading 'secret')");
    const event = aPostOrderEvent(anOrderRequest());
    const result = await call(event);
    const error = expectError(result, 500, 'INTERNAL_ERROR');
    expect(result.body).not.toContain('secret');
    expect(result.body).not.toContain('TypeError');
    expect(error.request_id).toBe(event.requestContext.requestId);
  });
});

describe('GET /order/{order_id}', () => {
  it('answers 200 with the order as it is now', async () => {
    const { call, orders } = setUp();
    const created = bodyOf<Order>(await call(aPostOrderEvent(anOrderRequest())));
    await orders.markFulfilled(created.order_id, '2026-11-21T10:00:03.000Z', 3);
    const result = await call(aGetOrderEvent(created.order_id));
    expect(result.statusCode).toBe(200);
    const order = bodyOf<Order>(result);
    expect(validateOrder(order)).toBe(true);
    expect(order).toMatchObject({ order_id: created.order_id, status: 'FULFILLED', attempts: 1, fulfilled_at: '2026-11-21T10:00:03.000Z' });
  });

  it('answers 404 for an unknown order', async () => {
    const { call } = setUp();
    expectError(await call(aGetOrderEvent('00000000-0000-4000-8000-000000000000')), 404, 'NOT_FOUND');
  });

  it.each(['not-a-uuid', '3F1E6A52-9C4B-4D7E-8A1F-2B3C4D5E6F70', "' OR 1=1 --"])('answers 400 for the id %s', async (id) => {
    const { call } = setUp();
    const error = expectError(await call(aGetOrderEvent(id)), 400, 'VALIDATION_FAILED');
    expect(error.details).toEqual([{ path: 'order_id', problem: 'must be a lowercase UUID' }]);
  });
});

describe('GET /orders', () => {
  const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
  const at = (n: number): string => new Date(Date.UTC(2026, 10, 20, 10, n)).toISOString();

  async function withOrders() {
    const context = setUp();
    for (let n = 1; n <= 5; n += 1) {
      await context.orders.createIfAbsent(anOrderRecord({ order_id: id(n), customer_id: n <= 3 ? 'alice' : 'bob', created_at: at(n), status: n === 2 ? 'FAILED' : 'PENDING' }));
    }
    return context;
  }

  it("answers 200 with the customer's orders only, newest first, in the contract's page shape", async () => {
    const { call } = await withOrders();
    const result = await call(aListOrdersEvent({ customer_id: 'alice' }));
    expect(result.statusCode).toBe(200);
    const page = bodyOf<OrderPage>(result);
    expect(validateOrderPage(page)).toBe(true);
    expect(page.items.map((o) => o.order_id)).toEqual([id(3), id(2), id(1)]);
    expect(page.next_cursor).toBeUndefined();
  });

  it('lists by status within a range, oldest first when asked', async () => {
    const { call } = await withOrders();
    const page = bodyOf<OrderPage>(await call(aListOrdersEvent({ status: 'PENDING', order: 'asc', created_after: at(3), created_before: '2026-11-20T10:05:00+00:00' })));
    expect(page.items.map((o) => o.order_id)).toEqual([id(3), id(4)]);
  });

  it('accepts a date alone as midnight UTC', async () => {
    const { call } = await withOrders();
    expect(bodyOf<OrderPage>(await call(aListOrdersEvent({ status: 'FAILED', created_after: '2026-11-20' }))).items).toHaveLength(1);
    expect(bodyOf<OrderPage>(await call(aListOrdersEvent({ status: 'FAILED', created_after: '2026-11-21' }))).items).toHaveLength(0);
  });

  it('pages with next_cursor until there is none, every order once', async () => {
    const { call } = await withOrders();
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page: OrderPage = bodyOf<OrderPage>(await call(aListOrdersEvent({ status: 'PENDING', limit: '2', ...(cursor && { cursor }) })));
      expect(page.items.length).toBeGreaterThan(0);
      seen.push(...page.items.map((o) => o.order_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([id(5), id(4), id(3), id(1)]);
  });

  it.each([
    ['neither customer_id nor status', {}, ''],
    ['both customer_id and status', { customer_id: 'alice', status: 'PENDING' }, ''],
    ['an unknown status', { status: 'SHIPPED' }, 'status'],
    ['a malformed customer id', { customer_id: "' OR 1=1" }, 'customer_id'],
    ['a limit of 0', { status: 'PENDING', limit: '0' }, 'limit'],
    ['a limit of 101', { status: 'PENDING', limit: '101' }, 'limit'],
    ['a fractional limit', { status: 'PENDING', limit: '2.5' }, 'limit'],
    ['an unknown order', { status: 'PENDING', order: 'newest' }, 'order'],
    ['a time without a time zone', { status: 'PENDING', created_after: '2026-11-20T10:00:00' }, 'created_after'],
    ['a time that is no time', { status: 'PENDING', created_before: '2026-13-45T99:00:00Z' }, 'created_before'],
    ['an empty range', { status: 'PENDING', created_after: '2026-11-21', created_before: '2026-11-20' }, 'created_before'],
    ['an unknown parameter', { status: 'PENDING', customer: 'alice' }, 'customer'],
    ['a repeated parameter', { status: ['PENDING', 'FAILED'] }, 'status'],
    ['an empty cursor', { status: 'PENDING', cursor: '' }, 'cursor'],
  ])('answers 400 VALIDATION_FAILED for %s, naming the parameter', async (_, query, path) => {
    const { call } = await withOrders();
    const error = expectError(await call(aListOrdersEvent(query)), 400, 'VALIDATION_FAILED');
    expect(error.details.map((d) => d.path)).toContain(path);
  });

  it("answers 400 INVALID_CURSOR for another query's cursor: never another customer's orders", async () => {
    const { call } = await withOrders();
    const first = bodyOf<OrderPage>(await call(aListOrdersEvent({ customer_id: 'alice', limit: '1' })));
    expect(first.next_cursor).toEqual(expect.any(String));
    const error = expectError(await call(aListOrdersEvent({ customer_id: 'bob', limit: '1', cursor: first.next_cursor ?? '' })), 400, 'INVALID_CURSOR');
    expect(error.details).toEqual([{ path: 'cursor', problem: expect.stringContaining('another query') }]);
  });

  it('answers 400 INVALID_CURSOR for an altered cursor', async () => {
    const { call } = await withOrders();
    const { next_cursor } = bodyOf<OrderPage>(await call(aListOrdersEvent({ customer_id: 'alice', limit: '1' })));
    const altered = `${next_cursor?.slice(0, -2)}${next_cursor?.endsWith('AA') ? 'BB' : 'AA'}`;
    expectError(await call(aListOrdersEvent({ customer_id: 'alice', limit: '1', cursor: altered })), 400, 'INVALID_CURSOR');
    expectError(await call(aListOrdersEvent({ customer_id: 'alice', cursor: 'bm90LWEtY3Vyc29y' })), 400, 'INVALID_CURSOR');
  });

  it('answers 503 when the table is unavailable', async () => {
    const { call, orders } = await withOrders();
    jest.spyOn(orders, 'list').mockRejectedValue(new DependencyUnavailableError('orders table'));
    const error = expectError(await call(aListOrdersEvent({ status: 'PENDING' })), 503, 'SERVICE_UNAVAILABLE');
    expect(error.message).toMatch(/^The service is unavailable now and nothing was changed\. Retry;/);
  });
});

describe('routing and correlation', () => {
  it('answers GET /health', async () => {
    const { call } = setUp();
    const result = await call(anApiEvent({ method: 'GET', resource: '/health', path: '/health' }));
    expect([result.statusCode, bodyOf(result)]).toEqual([200, { status: 'ok' }]);
  });

  it('answers 404 in the error body for a route it does not serve', async () => {
    const { call } = setUp();
    expectError(await call(anApiEvent({ method: 'DELETE', resource: '/order/{order_id}', path: '/order/x' })), 404, 'NOT_FOUND');
  });

  it('lets browsers read every answer, errors included (CORS)', async () => {
    const { call } = setUp();
    for (const result of [await call(aPostOrderEvent(anOrderRequest())), await call(aPostOrderEvent('{'))]) {
      expect(result.headers).toMatchObject({ 'Access-Control-Allow-Origin': '*' });
      expect(String(result.headers?.['Access-Control-Expose-Headers'])).toContain('Idempotent-Replayed');
    }
  });

  it('echoes the caller X-Correlation-Id, or uses the request id', async () => {
    const { call } = setUp();
    const given = await call(anApiEvent({ method: 'GET', resource: '/health', path: '/health', headers: { 'X-Correlation-Id': 'shop-123' } }));
    expect(given.headers?.['X-Correlation-Id']).toBe('shop-123');
    const event = anApiEvent({ method: 'GET', resource: '/health', path: '/health' });
    expect((await call(event)).headers?.['X-Correlation-Id']).toBe(event.requestContext.requestId);
  });

  it('refuses a malformed X-Correlation-Id', async () => {
    const { call } = setUp();
    const result = await call(anApiEvent({ method: 'GET', resource: '/health', path: '/health', headers: { 'X-Correlation-Id': 'a b\n' } }));
    expectError(result, 400, 'VALIDATION_FAILED');
  });

  it('logs structured JSON with the correlation id and the order id on every line about the order', async () => {
    const { call } = setUp();
    await call(aPostOrderEvent(anOrderRequest(), { 'X-Correlation-Id': 'corr-log' }));
    await call(aPostOrderEvent({ bad: true }, { 'X-Correlation-Id': 'corr-bad' }));
    const lines = logs.lines();
    expect(lines.length).toBeGreaterThanOrEqual(2);
    for (const line of lines) expect(line).toMatchObject({ service: 'api-handler', correlation_id: expect.stringMatching(/^corr-/) });
    expect(lines.find((l) => l['message'] === 'Order accepted')).toMatchObject({ correlation_id: 'corr-log', order_id: expect.any(String) });
    expect(lines.find((l) => l['correlation_id'] === 'corr-bad')).not.toHaveProperty('order_id');
  });
});
