// `dofs dlq list` and `dofs dlq redrive --from dlq` against fauxqs (the SQS emulator the local
// runtime uses), alone, so that DLQ messages stay put instead of being drained by dlq-processor.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { dofs, startSqsEmulator } from './support/processes';

jest.setTimeout(60_000);

const id = (n: number) => `00000000-0000-4000-8000-00000000000${n}`;
const message = (n: number) =>
  JSON.stringify({ schema_version: 1, order_id: id(n), customer_id: 'c', total_amount: 1, currency: 'USD', correlation_id: 'x', created_at: '2025-01-01T00:00:00.000Z' });

let emulator: Awaited<ReturnType<typeof startSqsEmulator>>;
let sqs: SQSClient;
let dataDir: string;
const target = () => ['--data-dir', dataDir];

beforeAll(async () => {
  emulator = await startSqsEmulator();
  dataDir = mkdtempSync(path.join(tmpdir(), 'dofs-cli-dlq-'));
  const credentials = { access_key_id: 'local', secret_access_key: 'local' };
  writeFileSync(
    path.join(dataDir, 'endpoints.json'),
    JSON.stringify({
      api_url: 'http://127.0.0.1:9',
      data_dir: dataDir,
      region: 'us-east-1',
      credentials,
      endpoints: { dynamodb: 'http://127.0.0.1:9', sqs: emulator.address, sns: emulator.address, stepfunctions: 'http://127.0.0.1:9' },
      tables: { orders: 'orders', failed_orders: 'failed_orders' },
      queues: emulator.queues,
      topics: { alerts: 'arn:aws:sns:us-east-1:000000000000:alerts' },
      state_machines: {},
      settings: {},
      pid: process.pid,
      started_at: new Date().toISOString(),
    }),
  );
  sqs = new SQSClient({ region: 'us-east-1', endpoint: emulator.address, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } });
  for (const body of [message(1), message(2), 'not a fulfillment message']) {
    await sqs.send(new SendMessageCommand({ QueueUrl: emulator.queues.order_dlq, MessageBody: body }));
  }
});

afterAll(async () => {
  sqs?.destroy();
  await emulator?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const depth = async (queue: string) => {
  const { Attributes } = await sqs.send(
    new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible'] }),
  );
  return Number(Attributes?.ApproximateNumberOfMessages) + Number(Attributes?.ApproximateNumberOfMessagesNotVisible);
};
const visible = async (queue: string) => {
  const { Attributes } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue, AttributeNames: ['ApproximateNumberOfMessages'] }));
  return Number(Attributes?.ApproximateNumberOfMessages);
};

it('lists the DLQ without consuming it, and leaves the messages visible', async () => {
  const first = await dofs(['dlq', 'list', '--json', ...target()]);
  expect(first.code).toBe(0);
  const { messages } = JSON.parse(first.stdout);
  expect(messages.map((m: { order_id?: string }) => m.order_id ?? null).sort()).toEqual([id(1), id(2), null].sort());
  expect(messages.find((m: { valid: boolean }) => !m.valid)).toMatchObject({ body: 'not a fulfillment message' });
  expect(await visible(emulator.queues.order_dlq)).toBe(3);

  const table = await dofs(['dlq', 'list', ...target()]);
  expect(table.stdout).toContain('(not a fulfillment message)');
  expect(table.stdout).toContain('3 message(s).');
});

it('changes nothing on a dry run', async () => {
  const r = await dofs(['dlq', 'redrive', '--dry-run', '--json', ...target()]);
  expect(JSON.parse(r.stdout)).toMatchObject({ dry_run: true, results: expect.arrayContaining([expect.objectContaining({ action: 'would move to order_queue' })]) });
  expect(await visible(emulator.queues.order_dlq)).toBe(3);
  expect(await depth(emulator.queues.order_queue)).toBe(0);
});

it('moves the named order back to order_queue, body unchanged, and leaves the others', async () => {
  const r = await dofs(['dlq', 'redrive', '--order-id', id(2), ...target()]);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(new RegExp(`dlq\\s+${id(2)}\\s+moved to order_queue`));
  const { Messages = [] } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: emulator.queues.order_queue, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
  expect(Messages.map((m) => m.Body)).toEqual([message(2)]);
  expect(await visible(emulator.queues.order_dlq)).toBe(2);
});

it('moves everything else on a plain redrive', async () => {
  const r = await dofs(['dlq', 'redrive', '--json', ...target()]);
  expect(JSON.parse(r.stdout).results).toHaveLength(2);
  expect(await depth(emulator.queues.order_dlq)).toBe(0);
  expect(await dofs(['dlq', 'list', ...target()])).toMatchObject({ code: 0, stdout: 'order_dlq is empty.\n' });
});
