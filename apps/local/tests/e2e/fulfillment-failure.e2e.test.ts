// An order that never fulfills: exactly maxReceiveCount attempts, redrive to the DLQ, a row in
// failed_orders, FAILED, and the failure alarm publishing to the alerts topic.
import { getOrder, postOrder } from '../support/api';
import { localAws, type LocalAws } from '../support/local-aws';
import { validOrder } from '../support/orders';
import { waitFor } from '../support/wait-for';
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';

const MAX_RECEIVE_COUNT = 3;
let system: LocalSystem;
let aws: LocalAws;

beforeAll(async () => {
  system = await startLocalSystem({ successRate: 0, maxReceiveCount: MAX_RECEIVE_COUNT, visibilityTimeoutSeconds: 2, alertThreshold: 1 });
  aws = localAws(system.endpoints);
});

afterAll(async () => {
  aws?.destroy();
  await system?.stop();
});

it('retries maxReceiveCount times, then parks the order in failed_orders as FAILED and raises the alert', async () => {
  // subscribed before anything fails, as an operator's e-mail would be
  const alerts = await aws.subscribeQueue(system.endpoints.topics.alerts, 'e2e-alerts');

  const created = await postOrder(system, validOrder());
  expect(created.status).toBe(201);
  const orderId = created.body.order_id;

  const failed = await waitFor(`order ${orderId} to be FAILED`, async () => {
    const { body } = await getOrder(system, orderId);
    return body.status === 'FAILED' ? body : undefined;
  });
  expect(failed.attempts).toBe(MAX_RECEIVE_COUNT);
  expect(failed.last_error).toMatchObject({ attempt: MAX_RECEIVE_COUNT });
  expect(failed.failed_at).toEqual(expect.any(String));

  const record = await aws.getItem(system.endpoints.tables.failed_orders, orderId);
  expect(record).toMatchObject({ order_id: orderId, reason: 'MAX_RECEIVES_EXCEEDED', attempts: MAX_RECEIVE_COUNT });

  // the DLQ mapping deletes its message after dlq-processor returns, a moment after the row
  const stats = await waitFor('the DLQ mapping to delete its message', async () => {
    const current = await system.stats();
    return current.eventSources['dlq-processor']?.deleted === 0 ? undefined : current;
  });
  // every receive reached fulfill-order; none was deleted; the DLQ mapping processed it once
  expect(stats.eventSources['fulfill-order']).toMatchObject({ messages: MAX_RECEIVE_COUNT, deleted: 0 });
  expect(stats.eventSources['dlq-processor']).toMatchObject({ messages: 1, deleted: 1 });
  expect(await aws.queueDepth(system.endpoints.queues.order_queue)).toBe(0);
  expect(await aws.queueDepth(system.endpoints.queues.order_dlq)).toBe(0);

  const notifications = await waitFor('the alarm notification on the alerts topic', async () => {
    const bodies = await aws.receiveAll(alerts);
    return bodies.length > 0 ? bodies : undefined;
  });
  const alarm = JSON.parse((JSON.parse(notifications[0] ?? '{}') as { Message: string }).Message) as Record<string, unknown>;
  expect(alarm).toMatchObject({
    AlarmName: 'dofs-failed-orders',
    NewStateValue: 'ALARM',
    Trigger: expect.objectContaining({ MetricName: 'FailedOrders', Namespace: 'DOFS', Threshold: 1 }),
  });
  expect(system.output()).toContain('ALERT dofs-failed-orders');
});
