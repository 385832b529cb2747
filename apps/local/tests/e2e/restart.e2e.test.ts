// Stopping and starting again: on-disk tables, queued messages kept across a clean stop and a
// crash (the queue journal), a drain on Ctrl-C, and a data dir left by an older DOFS.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { getOrder, postOrder, type ApiAnswer, type Order } from '../support/api';
import { localAws } from '../support/local-aws';
import { validOrder } from '../support/orders';
import { sharedDataDir } from '../support/shared-data-dir';
import { waitFor } from '../support/wait-for';
import { readJournal } from '../../src/messaging/queue-journal';
import type { LocalSystem } from '@dofs/local-client';

const MAX_RECEIVE_COUNT = 3;
const dir = sharedDataDir('dofs-restart-');
const { start, stop, crash } = dir;

const terminal = (system: LocalSystem, orderId: string, timeoutMs = 30_000) =>
  waitFor(
    `order ${orderId} to be terminal`,
    async () => {
      const { body } = await getOrder(system, orderId);
      return body.status === 'PENDING' ? undefined : body;
    },
    timeoutMs,
  );

it('keeps every order across a restart (DynamoDB on disk)', async () => {
  const first = await start({ successRate: 1 });
  const created = await postOrder(first, validOrder());
  const done = await terminal(first, created.body.order_id);
  await stop(first);
  expect(existsSync(path.join(dir.dataDir, 'endpoints.json'))).toBe(false);

  const second = await start({ successRate: 1 });
  expect((await getOrder(second, created.body.order_id)).body).toEqual(done);
});

it('loses no order when stopped mid-run: queued messages are kept and processed after the restart', async () => {
  const settings = { successRate: 0.5, seed: 'restart-mid-run', maxReceiveCount: MAX_RECEIVE_COUNT, visibilityTimeoutSeconds: 2 };
  const first = await start(settings);
  const created = await Promise.all(
    Array.from({ length: 12 }, (_, i) => postOrder(first, validOrder({ customer_id: `restart-${i}` }))),
  );
  expect(created.map((answer) => answer.status)).toEqual(Array(12).fill(201));
  await stop(first);
  // stopped while failed attempts were waiting for their retry: the journal holds those messages
  expect((await readJournal(path.join(dir.dataDir, 'queues.journal'))).size).toBeGreaterThan(0);

  const second = await start(settings);
  const aws = localAws(second.endpoints);
  try {
    for (const { body } of created) {
      const order = await terminal(second, body.order_id);
      expect(order.attempts).toBeGreaterThanOrEqual(1);
      expect(order.attempts).toBeLessThanOrEqual(MAX_RECEIVE_COUNT);
      if (order.status === 'FAILED') {
        expect(order.attempts).toBe(MAX_RECEIVE_COUNT);
        await waitFor(`failed_orders row for ${body.order_id}`, () => aws.getItem(second.endpoints.tables.failed_orders, body.order_id));
      }
    }
  } finally {
    aws.destroy();
  }
});

it('finishes the requests in flight on Ctrl-C (SIGINT) before it exits', async () => {
  // one api-handler environment: the requests queue behind it and are still in flight at the signal
  const system = await start({ successRate: 1, lambdaConcurrency: 1 });
  const requests: Promise<ApiAnswer<Order>>[] = Array.from({ length: 16 }, (_, i) =>
    postOrder(system, validOrder({ customer_id: `drain-${i}` })),
  );
  await waitFor(
    'all 16 requests to reach the api-handler',
    async () => ((await system.stats()).functions['api-handler']?.invocations ?? 0) >= 16 || undefined,
  );
  process.kill(system.pid, 'SIGINT');

  const answers = await Promise.all(requests);
  expect(answers.map((answer) => answer.status)).toEqual(Array(16).fill(201));
  expect(await system.exited).toBe(0);
  await stop(system);

  const again = await start({ successRate: 1 });
  for (const { body } of answers) expect((await terminal(again, body.order_id)).status).toBe('FULFILLED');
});

it('keeps the queued messages of a crashed run (the journal), each fulfilled once', async () => {
  const first = await start({ successRate: 1 });
  await first.setEventSourceEnabled('fulfill-order', false);
  const created = await Promise.all([1, 2, 3].map((i) => postOrder(first, validOrder({ customer_id: `crash-${i}` }))));
  await crash(first);

  const second = await start({ successRate: 1 });
  for (const { body } of created) expect(await terminal(second, body.order_id)).toMatchObject({ status: 'FULFILLED', attempts: 1 });
});
