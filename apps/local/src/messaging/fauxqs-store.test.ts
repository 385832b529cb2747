// fauxqs-store.ts reaches past fauxqs's exports (its SqsStore, and a few members of it). This test
// runs that file as it is, in a Node process of its own (fauxqs is an ES module, which jest's
// runtime cannot load), against the installed fauxqs, and fails naming the file on an upgrade
// that breaks what it relies on.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { TS_MODULE_NODE_ARGS } from '../../tests/support/ts-module-probe';

const root = path.resolve(__dirname, '../../../..');
const storeFile = path.join(__dirname, 'fauxqs-store.ts');
const fauxqsVersion = (JSON.parse(readFileSync(path.join(root, 'node_modules/fauxqs/package.json'), 'utf8')) as { version: string })
  .version;

// Node 24 runs the TypeScript file directly (its types are erased). Through the SQS API a message
// is sent and received once; the store must show it in flight with one receive, and a second app
// given it back must hand out the same message with its receive count going on from there. A
// journal given to the store hears of every change (a restore excepted), and each answer waits
// for its durable(). The store's long-poll wait ends when a message is there to receive.
const script = `
import { buildFauxqsApp } from ${JSON.stringify(storeFile)};
const call = async (app, action, request) => {
  const answer = await app.inject({ method: 'POST', url: '/', payload: JSON.stringify(request),
    headers: { host: '127.0.0.1:9999', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.' + action } });
  return JSON.parse(answer.body || '{}');
};
const log = [];
const first = await buildFauxqsApp();
first.store.journalTo({
  record: (change) => log.push(change.kind + ':' + (change.queue ?? '') + ':' + (change.receiveCount ?? '')),
  durable: async () => { log.push('durable'); },
});
const { QueueUrl } = await call(first.app, 'CreateQueue', { QueueName: 'probe' });
await call(first.app, 'SendMessage', { QueueUrl, MessageBody: 'hello' });
await call(first.app, 'ReceiveMessage', { QueueUrl, VisibilityTimeout: 60 });
const seenText = JSON.stringify(first.store.inspect('probe'));
const { QueueUrl: dlqUrl } = await call(first.app, 'CreateQueue', { QueueName: 'probe-dlq' });
const { Attributes: { QueueArn } } = await call(first.app, 'GetQueueAttributes', { QueueUrl: dlqUrl, AttributeNames: ['QueueArn'] });
const { QueueUrl: redriven } = await call(first.app, 'CreateQueue', { QueueName: 'probe-redriven',
  Attributes: { RedrivePolicy: JSON.stringify({ deadLetterTargetArn: QueueArn, maxReceiveCount: 1 }) } });
await call(first.app, 'SendMessage', { QueueUrl: redriven, MessageBody: 'twice' });
const [{ ReceiptHandle }] = (await call(first.app, 'ReceiveMessage', { QueueUrl: redriven })).Messages;
await call(first.app, 'ChangeMessageVisibility', { QueueUrl: redriven, ReceiptHandle, VisibilityTimeout: 0 });
await call(first.app, 'ReceiveMessage', { QueueUrl: redriven });
const [{ ReceiptHandle: dead }] = (await call(first.app, 'ReceiveMessage', { QueueUrl: dlqUrl })).Messages;
await call(first.app, 'DeleteMessage', { QueueUrl: dlqUrl, ReceiptHandle: dead });
first.store.restore('probe-dlq', JSON.parse(seenText).inflight[0].message);
first.store.journalTo(undefined);
const { QueueUrl: waitUrl } = await call(first.app, 'CreateQueue', { QueueName: 'probe-wait' });
const since = (start) => Date.now() - start;
let start = Date.now();
await first.store.whenReceivable('probe-wait', 200);
const waits = { empty: since(start) };
start = Date.now();
const woken = first.store.whenReceivable('probe-wait', 20_000);
await call(first.app, 'SendMessage', { QueueUrl: waitUrl, MessageBody: 'wake' });
await woken;
waits.sent = since(start);
start = Date.now();
await first.store.whenReceivable('probe-wait', 20_000);
waits.waiting = since(start);
const second = await buildFauxqsApp();
await call(second.app, 'CreateQueue', { QueueName: 'probe' });
const restored = second.store.restore('probe', JSON.parse(seenText).inflight[0].message);
const again = await call(second.app, 'ReceiveMessage', { QueueUrl, MessageSystemAttributeNames: ['All'] });
first.store.shutdown();
await Promise.all([first.app.close(), second.app.close()]);
console.log(JSON.stringify({ QueueUrl, seen: JSON.parse(seenText), restored, again, log, waits }));
`;

it(`reaches fauxqs ${fauxqsVersion}'s message store as fauxqs-store.ts expects`, () => {
  const run = spawnSync(
    process.execPath,
    [...TS_MODULE_NODE_ARGS, '-e', script],
    {
      cwd: root,
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  const broken = `fauxqs ${fauxqsVersion} no longer has what apps/local/src/messaging/fauxqs-store.ts uses (see its comment):\n${run.stderr}`;
  if (run.status !== 0) throw new Error(broken);
  const { QueueUrl, seen, restored, again, log, waits } = JSON.parse(run.stdout) as {
    log: string[];
    waits: { empty: number; sent: number; waiting: number };
    QueueUrl: string;
    seen: {
      ready: unknown[];
      delayed: unknown[];
      inflight: { message: { messageId: string; body: string; approximateReceiveCount: number } }[];
    };
    restored: boolean;
    again: { Messages?: { MessageId: string; Body: string; Attributes: Record<string, string> }[] };
  };
  // the empty store host: queue URLs name the host the request came to
  expect(QueueUrl).toBe('http://127.0.0.1:9999/000000000000/probe');
  expect(seen.ready).toEqual([]);
  expect(seen.inflight.map((entry) => [entry.message.body, entry.message.approximateReceiveCount])).toEqual([['hello', 1]]);
  expect(restored).toBe(true);
  expect(again.Messages?.map((m) => [m.MessageId, m.Body, m.Attributes['ApproximateReceiveCount']])).toEqual([
    [seen.inflight[0]?.message.messageId, 'hello', '2'],
  ]);
  // sent, received; redriven: sent, received once, made visible again,
  // moved to the DLQ on the second receive, keeping its one receive as on AWS (sqs-aws-queue.ts);
  // received there (the second) and deleted. The restore is not a change.
  expect(log.filter((entry) => entry !== 'durable')).toEqual([
    'enqueued:probe:',
    'received::1',
    'enqueued:probe-redriven:',
    'received::1',
    'visibility::',
    'enqueued:probe-dlq:',
    'received::2',
    'deleted::',
  ]);
  // no answer goes out before what it changed is durable
  log.forEach((entry, index) => entry === 'durable' || expect(log[index + 1]).toBe('durable'));
  // the long poll's wait, without the receive (the event source mappings' own): on an empty queue
  // it lasts its time; a message sent ends it, and one waiting ends it before it starts
  expect(waits.empty).toBeGreaterThanOrEqual(150);
  expect(waits.sent).toBeLessThan(10_000);
  expect(waits.waiting).toBeLessThan(10_000);
});
