// Provider verification of every committed pact against the real local system: the local runtime
// (real API gateway, real handlers, Step Functions interpreter, dynalite, fauxqs) in a child
// process. Provider states set data up through the real API and the real queues, never by
// writing the stores behind the handlers' backs.
//   dofs-order-api  <- dofs-sdk        HTTP, via the Verifier against the runtime's API
//   order-workflow  <- fulfill-order   the message the workflow's EnqueueOrder state puts on
//                   <- dlq-processor   order_queue, taken off the queue while fulfill-order is paused
//   dlq-processor   <- dofs-cli        the failed_orders record dlq-processor writes
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { ChangeMessageVisibilityCommand, DeleteMessageCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand } from '@aws-sdk/lib-dynamodb';
import { MessageProviderPact, Verifier } from '@pact-foundation/pact';
import { createDofsClient, DofsApiError, type CreateOrderRequest, type DofsClient } from '@dofs/sdk';
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';
import { committedPact } from './pact-files';

process.env['PACT_DO_NOT_TRACK'] = 'true';

const ORDER: CreateOrderRequest = {
  customer_id: 'cust-provider',
  items: [{ product_id: 'sku-provider', quantity: 2, price: 4.25 }],
  total_amount: 8.5,
};
const WAIT_MS = 60_000;

/**
 * The clients the SDK pact's placeholder keys stand for. Besides `local` (created by the runtime),
 * two clients with their own usage plans in the data dir's api-keys.json: one whose bucket
 * refills once in 1000 s, one with a quota of one request a day.
 */
const CLIENTS = {
  throttled: { client: 'pact-throttled', value: `pact-throttled-${randomUUID()}`, usage_plan: { rate_limit: 0.001, burst_limit: 1, daily_quota: 1_000_000 } },
  quotaUsedUp: { client: 'pact-quota-used-up', value: `pact-quota-${randomUUID()}`, usage_plan: { rate_limit: 1000, burst_limit: 1000, daily_quota: 1 } },
};

let dataDir: string;
let system: LocalSystem;
let sdk: DofsClient;
let sqs: SQSClient;
let dynamo: DynamoDBDocumentClient;

beforeAll(async () => {
  // Every fulfillment attempt fails and the second receive dead-letters: records arrive in seconds.
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'dofs-pact-'));
  const keys = Object.values(CLIENTS).map((client) => ({ ...client, enabled: true, created_at: new Date().toISOString() }));
  await writeFile(path.join(dataDir, 'api-keys.json'), JSON.stringify({ keys }));
  system = await startLocalSystem({ dataDir, successRate: 0, maxReceiveCount: 2, visibilityTimeoutSeconds: 1, seed: 'pact' });
  const { endpoints } = system;
  const aws = {
    region: endpoints.region,
    credentials: { accessKeyId: endpoints.credentials.access_key_id, secretAccessKey: endpoints.credentials.secret_access_key },
  };
  sdk = createDofsClient({ baseUrl: system.apiUrl, apiKey: system.apiKey });
  sqs = new SQSClient({ ...aws, endpoint: endpoints.endpoints.sqs });
  dynamo = DynamoDBDocumentClient.from(new DynamoDBClient({ ...aws, endpoint: endpoints.endpoints.dynamodb }));
});

afterAll(async () => {
  sqs?.destroy();
  dynamo?.destroy();
  await system?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

/** Reads an unknown order with a client's key until its usage plan answers 429. */
async function exhaust(apiKey: string, code: 'THROTTLED' | 'QUOTA_EXCEEDED'): Promise<undefined> {
  const client = createDofsClient({ baseUrl: system.apiUrl, apiKey, retry: { retries: 0 } });
  for (let i = 0; i < 5; i++) {
    const error = await client.getOrder('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
    if (error instanceof DofsApiError && error.status === 429 && error.code === code) return undefined;
  }
  throw new Error(`the usage plan never answered 429 ${code}`);
}

async function until<T>(what: string, probe: () => Promise<T | undefined>): Promise<T> {
  const deadline = Date.now() + WAIT_MS;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}\n${system.output().slice(-3000)}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

const failedRecord = (orderId: string) =>
  until(`the failed_orders record of ${orderId}`, async () => {
    const { Item } = await dynamo.send(new GetCommand({ TableName: system.endpoints.tables.failed_orders, Key: { order_id: orderId } }));
    return Item;
  });

/** Submits an order through the API and takes the message the workflow queued for it off order_queue. */
async function messageTheWorkflowQueues(): Promise<unknown> {
  await system.setEventSourceEnabled('fulfill-order', false);
  try {
    const { order } = await sdk.createOrder(ORDER);
    const queue = system.endpoints.queues.order_queue;
    return await until(`the message of ${order.order_id} on order_queue`, async () => {
      const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      let found: unknown;
      for (const m of Messages) {
        const body: unknown = JSON.parse(m.Body ?? 'null');
        const mine = typeof body === 'object' && body !== null && (body as { order_id?: unknown }).order_id === order.order_id;
        if (mine) found = body;
        // this order's message is consumed here; another order's goes back for fulfill-order
        if (mine) await sqs.send(new DeleteMessageCommand({ QueueUrl: queue, ReceiptHandle: m.ReceiptHandle }));
        else await sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: queue, ReceiptHandle: m.ReceiptHandle, VisibilityTimeout: 0 }));
      }
      return found;
    });
  } finally {
    await system.setEventSourceEnabled('fulfill-order', true);
  }
}

describe('dofs-order-api (the local system) honours the SDK pact', () => {
  it('verifies dofs-sdk-dofs-order-api.json', async () => {
    const created = async (key: string, order: CreateOrderRequest) => (await sdk.createOrder(order, { idempotencyKey: key })).order.order_id;
    /** A customer of its own (so reruns and other interactions do not add to it) with `count` orders. */
    const customerWithOrders = async (params: unknown): Promise<string> => {
      const { order, count } = params as { order: CreateOrderRequest; count: number };
      const customerId = `cust-pact-${randomUUID().slice(0, 8)}`;
      for (let n = 0; n < count; n += 1) await created(`pact-list-${randomUUID()}`, { ...order, customer_id: customerId });
      return customerId;
    };
    const verifier = new Verifier({
      provider: 'dofs-order-api',
      providerBaseUrl: system.apiUrl,
      pactUrls: [committedPact('dofs-sdk-dofs-order-api.json')],
      logLevel: 'warn',
      // The pact names clients by placeholder keys; each becomes the real key of such a client.
      requestFilter: (req: { headers: Record<string, string | string[] | undefined> }, _res: unknown, next: () => void) => {
        const placeholder = req.headers['x-api-key'];
        const real: Record<string, string> = {
          'pact-key-of-a-client-with-a-usage-plan': system.apiKey,
          'pact-key-of-a-client-over-its-rate': CLIENTS.throttled.value,
          'pact-key-of-a-client-whose-quota-is-used-up': CLIENTS.quotaUsedUp.value,
        };
        if (typeof placeholder === 'string' && real[placeholder]) req.headers['x-api-key'] = real[placeholder];
        next();
      },
      // Set-up functions; what they return fills the pact's provider-state values (`${order_id}`).
      stateHandlers: {
        'an order was created with Idempotency-Key pact-replay': async (params?: unknown) => {
          const { idempotency_key, order } = params as { idempotency_key: string; order: CreateOrderRequest };
          return { order_id: await created(idempotency_key, order) };
        },
        'an order exists': async (params?: unknown) => ({
          order_id: await created(`pact-state-${randomUUID()}`, (params as { order: CreateOrderRequest }).order),
        }),
        'the client has used its burst and its rate allows no request now': () => exhaust(CLIENTS.throttled.value, 'THROTTLED'),
        'the client has used up its daily quota': () => exhaust(CLIENTS.quotaUsedUp.value, 'QUOTA_EXCEEDED'),
        'a customer has 3 orders': async (params?: unknown) => ({ customer_id: await customerWithOrders(params) }),
        'a customer has 3 orders and a first page of 2 was read': async (params?: unknown) => {
          const customerId = await customerWithOrders(params);
          const first = await sdk.listOrders({ customer_id: customerId, limit: (params as { limit: number }).limit });
          if (first.next_cursor === undefined) throw new Error('the first page of the state is the last: no cursor to continue from');
          return { customer_id: customerId, cursor: first.next_cursor };
        },
        'no order has the id 00000000-0000-4000-8000-000000000000': async () => {
          const error = await sdk.getOrder('00000000-0000-4000-8000-000000000000').catch((e: unknown) => e);
          if (!(error instanceof DofsApiError) || error.status !== 404) throw new Error('the order that must not exist exists');
          return undefined;
        },
      },
    });
    await expect(verifier.verifyProvider()).resolves.toBeDefined();
  });
});

describe('the order workflow and dlq-processor honour the message pacts', () => {
  it('verifies the fulfillment message read by fulfill-order and dlq-processor', async () => {
    const provider = new MessageProviderPact({
      provider: 'order-workflow',
      pactUrls: [committedPact('fulfill-order-order-workflow.json'), committedPact('dlq-processor-order-workflow.json')],
      logLevel: 'warn',
      messageProviders: {
        'an order queued for fulfillment': messageTheWorkflowQueues,
        'an order whose fulfillment attempts ran out': messageTheWorkflowQueues,
      },
      stateHandlers: { 'an order was accepted': async () => undefined },
    });
    await expect(provider.verify()).resolves.toBeDefined();
  });

  it('verifies the failed_orders record read by the CLI', async () => {
    const provider = new MessageProviderPact({
      provider: 'dlq-processor',
      pactUrls: [committedPact('dofs-cli-dlq-processor.json')],
      logLevel: 'warn',
      messageProviders: {
        'a failed order record for an order that exhausted its attempts': async () => {
          const { order } = await sdk.createOrder(ORDER);
          return failedRecord(order.order_id);
        },
        'a failed order record for an invalid message': async () => {
          const { MessageId } = await sqs.send(new SendMessageCommand({ QueueUrl: system.endpoints.queues.order_dlq, MessageBody: 'not json' }));
          return failedRecord(`invalid-message:${MessageId}`);
        },
      },
      stateHandlers: {
        'an order failed every fulfillment attempt': async () => undefined,
        'a message that is not a fulfillment message reached the DLQ': async () => undefined,
      },
    });
    await expect(provider.verify()).resolves.toBeDefined();
  });
});
