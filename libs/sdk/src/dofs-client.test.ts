import { createDofsClient, type DofsClientOptions } from './dofs-client';
import { DofsApiError, DofsNetworkError, DofsResponseError, DofsWaitTimeoutError } from './errors';
import type { CreateOrderRequest, Order } from './api-types';

const ORDER_ID = '0b6f3a8e-4c1d-4b7a-9f2e-1a2b3c4d5e6f';
const request: CreateOrderRequest = {
  customer_id: 'cust-1',
  items: [{ product_id: 'sku-1', quantity: 2, price: 9.99 }],
  total_amount: 19.98,
};
const order = (status: Order['status'] = 'PENDING'): Order => ({
  order_id: ORDER_ID,
  status,
  customer_id: 'cust-1',
  items: request.items,
  total_amount: 19.98,
  currency: 'USD',
  attempts: status === 'PENDING' ? 0 : 1,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
});
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const apiError = (status: number, code: string, details: { path: string; problem: string }[] = []) =>
  json(status, { error: { code, message: `${code} happened`, details, request_id: 'req-1' } });

/** A scripted fetch: each call takes the next answer (a Response, or an error to throw). */
function scriptedFetch(answers: (Response | Error | ((r: Request) => Promise<Response>))[]) {
  const requests: { method: string; url: string; headers: Headers; body: string }[] = [];
  const fetch = async (r: Request): Promise<Response> => {
    requests.push({ method: r.method, url: r.url, headers: r.headers, body: r.body ? await r.clone().text() : '' });
    const next = answers.shift();
    if (next === undefined) throw new Error('the test gave no more answers');
    if (next instanceof Error) throw next;
    if (typeof next === 'function') return next(r);
    return next;
  };
  return { fetch, requests };
}

function client(fetch: (r: Request) => Promise<Response>, extra: Partial<DofsClientOptions> = {}) {
  const sleeps: number[] = [];
  const dofs = createDofsClient({
    baseUrl: 'http://api.test/',
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    newIdempotencyKey: () => 'generated-key',
    ...extra,
  });
  return { dofs, sleeps };
}

describe('createOrder', () => {
  it('posts the body with a generated Idempotency-Key and reads the answer headers', async () => {
    const { fetch, requests } = scriptedFetch([
      json(201, order(), { Location: `/order/${ORDER_ID}`, 'Idempotent-Replayed': 'false', 'X-Correlation-Id': 'corr-9' }),
    ]);
    const created = await client(fetch).dofs.createOrder(request);

    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe('POST');
    expect(requests[0]!.url).toBe('http://api.test/order');
    expect(requests[0]!.headers.get('Idempotency-Key')).toBe('generated-key');
    expect(requests[0]!.headers.get('Content-Type')).toBe('application/json');
    expect(JSON.parse(requests[0]!.body)).toEqual(request);
    expect(created).toEqual({
      order: order(),
      replayed: false,
      idempotencyKey: 'generated-key',
      location: `/order/${ORDER_ID}`,
      correlationId: 'corr-9',
      attempts: 1,
    });
  });

  it("sends the caller's key and correlation id and reports a replay", async () => {
    const { fetch, requests } = scriptedFetch([json(201, order(), { 'Idempotent-Replayed': 'true' })]);
    const created = await client(fetch).dofs.createOrder(request, { idempotencyKey: 'my-key', correlationId: 'corr-1' });

    expect(requests[0]!.headers.get('Idempotency-Key')).toBe('my-key');
    expect(requests[0]!.headers.get('X-Correlation-Id')).toBe('corr-1');
    expect(created.replayed).toBe(true);
    expect(created.idempotencyKey).toBe('my-key');
  });

  it.each([503, 429])('retries a %i with the same Idempotency-Key and backs off', async (status) => {
    const { fetch, requests } = scriptedFetch([apiError(status, 'SERVICE_UNAVAILABLE'), apiError(status, 'THROTTLED'), json(201, order())]);
    const { dofs, sleeps } = client(fetch);
    const created = await dofs.createOrder(request);

    expect(created.attempts).toBe(3);
    expect(requests.map((r) => r.headers.get('Idempotency-Key'))).toEqual(['generated-key', 'generated-key', 'generated-key']);
    // full jitter at random() = 0.5: half of 200 ms, then half of 400 ms
    expect(sleeps).toEqual([100, 200]);
  });

  it("waits at least the server's Retry-After, capped by maxDelayMs", async () => {
    const { fetch } = scriptedFetch([
      json(429, { error: { code: 'THROTTLED', message: 'slow down', details: [], request_id: 'r' } }, { 'Retry-After': '2' }),
      json(429, { error: { code: 'THROTTLED', message: 'slow down', details: [], request_id: 'r' } }, { 'Retry-After': '60' }),
      json(201, order()),
    ]);
    const { dofs, sleeps } = client(fetch);
    await dofs.createOrder(request);
    expect(sleeps).toEqual([2000, 5000]);
  });

  it('sends the API key as x-api-key on every request', async () => {
    const { fetch, requests } = scriptedFetch([json(201, order()), json(200, order()), json(200, { status: 'ok' })]);
    const { dofs } = client(fetch, { apiKey: 'key-of-this-client-000000' });
    await dofs.createOrder(request);
    await dofs.getOrder(ORDER_ID);
    await dofs.health();
    expect(requests.map((r) => r.headers.get('x-api-key'))).toEqual(['key-of-this-client-000000', 'key-of-this-client-000000', 'key-of-this-client-000000']);
  });

  it('never retries a 429 QUOTA_EXCEEDED: a used-up quota does not come back within a retry', async () => {
    const { fetch, requests } = scriptedFetch([json(429, { error: { code: 'QUOTA_EXCEEDED', message: 'used up', details: [], request_id: 'r' } }, { 'Retry-After': '3600' })]);
    const error = await client(fetch).dofs.createOrder(request).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 429, code: 'QUOTA_EXCEEDED', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('never retries a 403 FORBIDDEN (missing or unknown API key)', async () => {
    const { fetch, requests } = scriptedFetch([apiError(403, 'FORBIDDEN')]);
    const error = await client(fetch).dofs.getOrder(ORDER_ID).catch((e: unknown) => e);
    expect(error).toMatchObject({ status: 403, code: 'FORBIDDEN', attempts: 1 });
    expect(requests).toHaveLength(1);
  });

  it('retries when no answer comes back, with the same key', async () => {
    const { fetch, requests } = scriptedFetch([new TypeError('fetch failed'), json(201, order())]);
    const created = await client(fetch).dofs.createOrder(request);
    expect(created.attempts).toBe(2);
    expect(requests.map((r) => r.headers.get('Idempotency-Key'))).toEqual(['generated-key', 'generated-key']);
  });

  it.each([
    [400, 'VALIDATION_FAILED'],
    [409, 'IDEMPOTENCY_CONFLICT'],
    [413, 'PAYLOAD_TOO_LARGE'],
    [422, 'BUSINESS_RULE_VIOLATION'],
    [500, 'INTERNAL_ERROR'],
  ])('never retries a %i and throws the error body as a DofsApiError', async (status, code) => {
    const { fetch, requests } = scriptedFetch([apiError(status, code, [{ path: 'total_amount', problem: 'must equal the sum' }])]);
    const error = await client(fetch).dofs.createOrder(request).catch((e: unknown) => e);

    expect(requests).toHaveLength(1);
    expect(error).toBeInstanceOf(DofsApiError);
    expect(error).toMatchObject({
      status,
      code,
      message: `${code} happened`,
      details: [{ path: 'total_amount', problem: 'must equal the sum' }],
      requestId: 'req-1',
      attempts: 1,
    });
  });

  it('gives up after the configured retries with the last error', async () => {
    const { fetch, requests } = scriptedFetch([503, 503, 503].map((s) => apiError(s, 'SERVICE_UNAVAILABLE')));
    const error = await client(fetch, { retry: { retries: 2 } }).dofs.createOrder(request).catch((e: unknown) => e);
    expect(requests).toHaveLength(3);
    expect(error).toMatchObject({ name: 'DofsApiError', status: 503, code: 'SERVICE_UNAVAILABLE', attempts: 3 });
  });

  it('throws a DofsNetworkError naming the cause when no answer ever comes', async () => {
    const { fetch } = scriptedFetch([new TypeError('fetch failed'), new TypeError('fetch failed')]);
    const error = await client(fetch, { retry: { retries: 1 } }).dofs.createOrder(request).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DofsNetworkError);
    expect(error).toMatchObject({ attempts: 2, message: expect.stringContaining('fetch failed') });
  });

  it('abandons a request that outlives requestTimeoutMs and retries it', async () => {
    const hang = (r: Request) =>
      new Promise<Response>((_, reject) => r.signal.addEventListener('abort', () => reject(r.signal.reason as Error)));
    const { fetch, requests } = scriptedFetch([hang, json(201, order())]);
    const created = await client(fetch, { requestTimeoutMs: 20 }).dofs.createOrder(request);
    expect(created.attempts).toBe(2);
    expect(requests).toHaveLength(2);
  });

  it("does not retry once the caller's signal aborts", async () => {
    const controller = new AbortController();
    const abortThenHang = (r: Request) =>
      new Promise<Response>((_, reject) => {
        r.signal.addEventListener('abort', () => reject(r.signal.reason as Error));
        controller.abort(new Error('caller gave up'));
      });
    const { fetch, requests } = scriptedFetch([abortThenHang, json(201, order())]);
    await expect(client(fetch).dofs.createOrder(request, { signal: controller.signal })).rejects.toThrow('caller gave up');
    expect(requests).toHaveLength(1);
  });

  it('names a non-JSON error page as UNEXPECTED_RESPONSE', async () => {
    const { fetch } = scriptedFetch([new Response('<html>Bad gateway</html>', { status: 502 })]);
    const error = await client(fetch).dofs.createOrder(request).catch((e: unknown) => e);
    expect(error).toMatchObject({ name: 'DofsApiError', status: 502, code: 'UNEXPECTED_RESPONSE', body: undefined });
  });

  it('throws a DofsResponseError for a success whose body is not JSON', async () => {
    const { fetch } = scriptedFetch([new Response('not json', { status: 201 })]);
    await expect(client(fetch).dofs.createOrder(request)).rejects.toBeInstanceOf(DofsResponseError);
  });
});

describe('getOrder and health', () => {
  it('reads an order by id', async () => {
    const { fetch, requests } = scriptedFetch([json(200, order('FULFILLED'))]);
    await expect(client(fetch).dofs.getOrder(ORDER_ID)).resolves.toEqual(order('FULFILLED'));
    expect(requests[0]!.url).toBe(`http://api.test/order/${ORDER_ID}`);
  });

  it('throws NOT_FOUND for an unknown id', async () => {
    const { fetch } = scriptedFetch([apiError(404, 'NOT_FOUND')]);
    await expect(client(fetch).dofs.getOrder(ORDER_ID)).rejects.toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('reads /health', async () => {
    const { fetch, requests } = scriptedFetch([json(200, { status: 'ok' })]);
    await expect(client(fetch).dofs.health()).resolves.toEqual({ status: 'ok' });
    expect(requests[0]!.url).toBe('http://api.test/health');
  });
});

describe('waitForOrder', () => {
  it('polls until a terminal status and returns the order', async () => {
    const { fetch, requests } = scriptedFetch([json(200, order()), json(200, order()), json(200, order('FULFILLED'))]);
    const polled: string[] = [];
    const { dofs, sleeps } = client(fetch);
    const done = await dofs.waitForOrder(ORDER_ID, { intervalMs: 250, onPoll: (o) => polled.push(o.status) });
    expect(done.status).toBe('FULFILLED');
    expect(requests).toHaveLength(3);
    expect(sleeps).toEqual([250, 250]);
    expect(polled).toEqual(['PENDING', 'PENDING', 'FULFILLED']);
  });

  it('returns a FAILED order rather than throwing', async () => {
    const { fetch } = scriptedFetch([json(200, order('FAILED'))]);
    await expect(client(fetch).dofs.waitForOrder(ORDER_ID)).resolves.toMatchObject({ status: 'FAILED' });
  });

  it('throws DofsWaitTimeoutError with the last order seen when time is up', async () => {
    let clock = 0;
    const { fetch } = scriptedFetch(Array.from({ length: 10 }, () => json(200, order())));
    const dofs = createDofsClient({
      baseUrl: 'http://api.test',
      fetch,
      now: () => clock,
      sleep: async (ms) => {
        clock += ms;
      },
    });
    const error = await dofs.waitForOrder(ORDER_ID, { timeoutMs: 1000, intervalMs: 400 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DofsWaitTimeoutError);
    expect(error).toMatchObject({ orderId: ORDER_ID, lastSeen: { status: 'PENDING' } });
    expect(clock).toBe(1000);
  });
});

describe('listOrders and iterateOrders', () => {
  const page = (items: Order[], next: string | null) => json(200, { items, ...(next !== null && { next_cursor: next }) });

  it('sends the query as the contract names it, dates as ISO strings, nothing undefined', async () => {
    const { fetch, requests } = scriptedFetch([page([order()], 'c.s')]);
    const { dofs } = client(fetch);
    const result = await dofs.listOrders({ status: 'FAILED', created_after: new Date('2026-11-01T00:00:00Z'), limit: 10, order: 'asc' });
    expect(result).toEqual({ items: [order()], next_cursor: 'c.s' });
    const url = new URL(requests[0]?.url ?? '');
    expect(url.pathname).toBe('/orders');
    expect(Object.fromEntries(url.searchParams)).toEqual({ status: 'FAILED', created_after: '2026-11-01T00:00:00.000Z', limit: '10', order: 'asc' });
  });

  it('follows the cursors to the last page, and stops reading when the caller breaks', async () => {
    const { fetch, requests } = scriptedFetch([page([order('FAILED')], 'c2.s'), page([order('FAILED'), order('FAILED')], 'c3.s'), page([order('FAILED')], null)]);
    const { dofs } = client(fetch);
    const seen: Order[] = [];
    for await (const o of dofs.iterateOrders({ customer_id: 'cust-1', limit: 2 })) seen.push(o);
    expect(seen).toHaveLength(4);
    expect(requests.map((r) => new URL(r.url).searchParams.get('cursor'))).toEqual([null, 'c2.s', 'c3.s']);

    const second = scriptedFetch([page([order(), order()], 'more.s')]);
    for await (const o of client(second.fetch).dofs.iterateOrders({ customer_id: 'cust-1' })) {
      void o;
      break;
    }
    expect(second.requests).toHaveLength(1);
  });

  it('throws the API error for an invalid cursor, without retrying it', async () => {
    const { fetch, requests } = scriptedFetch([apiError(400, 'INVALID_CURSOR', [{ path: 'cursor', problem: 'has expired' }])]);
    const error = await client(fetch).dofs.listOrders({ customer_id: 'cust-1', cursor: 'old.s' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DofsApiError);
    expect(error).toMatchObject({ status: 400, code: 'INVALID_CURSOR', details: [{ path: 'cursor', problem: 'has expired' }] });
    expect(requests).toHaveLength(1);
  });
});
