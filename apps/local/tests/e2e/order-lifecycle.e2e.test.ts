// The success path and the API's edges, through the real bundles, the same ASL and OpenAPI, and
// the local emulators (seed testing guide: success, invalid orders, idempotent re-POST, duplicate
// SQS delivery).
import { randomUUID } from 'node:crypto';
import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { getOrder, postOrder, request, type ErrorBody, type Order } from '../support/api';
import { localAws, type LocalAws } from '../support/local-aws';
import { ruleBreakingOrder, schemaInvalidOrder, validOrder } from '../support/orders';
import { waitFor } from '../support/wait-for';
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';

let system: LocalSystem;
let aws: LocalAws;

beforeAll(async () => {
  system = await startLocalSystem({ successRate: 1, visibilityTimeoutSeconds: 2 });
  aws = localAws(system.endpoints);
});

afterAll(async () => {
  aws?.destroy();
  await system?.stop();
});

const terminal = (orderId: string) =>
  waitFor(`order ${orderId} to be terminal`, async () => {
    const { body } = await getOrder(system, orderId);
    return body.status === 'PENDING' ? undefined : body;
  });

/** Waits until order_queue holds nothing and the fulfill-order mapping has nothing in flight. */
const queueDrained = () =>
  waitFor('order_queue to be empty', async () => ((await aws.queueDepth(system.endpoints.queues.order_queue)) === 0 ? true : undefined));

describe('an order that can be fulfilled', () => {
  it('is accepted as PENDING, then reaches FULFILLED, visible through GET /order/{id}', async () => {
    const created = await postOrder(system, validOrder());
    expect(created.status).toBe(201);
    expect(created.body.status).toBe('PENDING');
    expect(created.headers.get('location')).toBe(`/order/${created.body.order_id}`);

    const done = await terminal(created.body.order_id);
    expect(done).toMatchObject({ order_id: created.body.order_id, status: 'FULFILLED', attempts: 1 });
    expect(done.fulfilled_at).toEqual(expect.any(String));
    await queueDrained();
  });
});

describe('invalid orders', () => {
  it('answers a schema violation with the gateway response of openapi.yaml (400), storing and queueing nothing', async () => {
    const ordersBefore = await aws.itemCount(system.endpoints.tables.orders);
    const stats = await system.stats();

    const answer = await postOrder<ErrorBody>(system, schemaInvalidOrder());
    expect(answer.status).toBe(400);
    expect(answer.body.error).toEqual({
      code: 'VALIDATION_FAILED',
      message: 'Invalid request body',
      details: [],
      request_id: expect.any(String),
    });
    expect(answer.headers.get('x-amzn-requestid')).toBe(answer.body.error.request_id);

    const malformed = await postOrder<ErrorBody>(system, '{"customer_id": ');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('VALIDATION_FAILED');

    // the gateway refused both: the handler never ran, nothing was stored or queued
    expect((await system.stats()).functions['api-handler']?.invocations).toBe(stats.functions['api-handler']?.invocations);
    expect(await aws.itemCount(system.endpoints.tables.orders)).toBe(ordersBefore);
    expect(await aws.queueDepth(system.endpoints.queues.order_queue)).toBe(0);
  });

  it('answers a business-rule violation with 422 naming the rule, storing and queueing nothing', async () => {
    await queueDrained();
    const ordersBefore = await aws.itemCount(system.endpoints.tables.orders);
    const sentBefore = (await system.stats()).eventSources['fulfill-order']?.messages ?? 0;

    const answer = await postOrder<ErrorBody>(system, ruleBreakingOrder());
    expect(answer.status).toBe(422);
    expect(answer.body.error.code).toBe('BUSINESS_RULE_VIOLATION');
    expect(answer.body.error.details).toContainEqual(expect.objectContaining({ path: 'total_amount' }));

    expect(await aws.itemCount(system.endpoints.tables.orders)).toBe(ordersBefore);
    expect(await aws.queueDepth(system.endpoints.queues.order_queue)).toBe(0);
    expect((await system.stats()).eventSources['fulfill-order']?.messages ?? 0).toBe(sentBefore);
  });
});

describe('idempotency', () => {
  it('answers a re-POST with the same key and body with the same order, and another body with 409', async () => {
    const key = randomUUID();
    const first = await postOrder(system, validOrder(), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    await terminal(first.body.order_id);

    const replay = await postOrder(system, validOrder(), { 'Idempotency-Key': key });
    expect(replay.status).toBe(first.status);
    expect(replay.body).toEqual(first.body);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');

    const conflict = await postOrder<ErrorBody>(system, validOrder({ customer_id: 'someone-else' }), { 'Idempotency-Key': key });
    expect(conflict.status).toBe(409);
    expect(conflict.body.error.code).toBe('IDEMPOTENCY_CONFLICT');

    const stored = (await aws.scan(system.endpoints.tables.orders)).filter((item) => item['order_id'] === first.body.order_id);
    expect(stored).toHaveLength(1);
    expect((await getOrder(system, first.body.order_id)).body).toMatchObject({ status: 'FULFILLED', attempts: 1 });
  });
});

describe('a duplicate SQS delivery', () => {
  it('changes nothing on an order already fulfilled', async () => {
    const created = await postOrder(system, validOrder());
    const done = await terminal(created.body.order_id);
    await queueDrained();
    const before = (await system.stats()).eventSources['fulfill-order'];
    const stored = await aws.getItem(system.endpoints.tables.orders, created.body.order_id);

    // the same message again, as SQS may deliver it twice
    const message = {
      schema_version: 1,
      order_id: created.body.order_id,
      customer_id: stored?.['customer_id'],
      total_amount: stored?.['total_amount'],
      currency: stored?.['currency'],
      correlation_id: stored?.['correlation_id'],
      created_at: stored?.['created_at'],
    };
    await aws.sqs.send(new SendMessageCommand({ QueueUrl: system.endpoints.queues.order_queue, MessageBody: JSON.stringify(message) }));
    await waitFor('the duplicate to be processed and deleted', async () => {
      const now = (await system.stats()).eventSources['fulfill-order'];
      return now && now.deleted > (before?.deleted ?? 0) ? now : undefined;
    });

    const after = await getOrder<Order>(system, created.body.order_id);
    expect(after.body).toEqual(done);
    expect(await aws.queueDepth(system.endpoints.queues.order_dlq)).toBe(0);
    expect(await aws.getItem(system.endpoints.tables.failed_orders, created.body.order_id)).toBeUndefined();
  });
});

describe('the local gateway', () => {
  it('answers GET /health through the handler', async () => {
    const answer = await request(`${system.apiUrl}/health`);
    expect(answer).toMatchObject({ status: 200, body: { status: 'ok' } });
  });

  it('answers an unknown route as API Gateway does (403 Missing Authentication Token, DEFAULT_4XX body)', async () => {
    const answer = await request<ErrorBody>(`${system.apiUrl}/customers`);
    expect(answer.status).toBe(403);
    expect(answer.body.error).toMatchObject({ code: 'BAD_REQUEST', message: 'Missing Authentication Token' });
  });

  it('answers the CORS preflight openapi.yaml declares (a mock integration, as on API Gateway)', async () => {
    const answer = await request(`${system.apiUrl}/order`, {
      method: 'OPTIONS',
      headers: { Origin: 'http://example.test', 'Access-Control-Request-Method': 'POST' },
    });
    expect(answer.status).toBe(204);
    expect(answer.headers.get('access-control-allow-origin')).toBe('*');
    expect(answer.headers.get('access-control-allow-methods')).toContain('POST');
    expect(answer.headers.get('access-control-allow-headers')).toContain('Idempotency-Key');
  });

  it('answers GET /order/{id} for an unknown order with 404 from the handler', async () => {
    const answer = await getOrder<ErrorBody>(system, randomUUID());
    expect(answer.status).toBe(404);
    expect(answer.body.error.code).toBe('NOT_FOUND');
  });
});
