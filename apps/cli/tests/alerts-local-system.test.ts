// `dofs alerts subscribe` and `dofs alerts read` (the real binary) against the real local system:
// every fulfillment attempt fails and one failed order crosses the alarm's threshold, so the
// failure alarm notifies the alerts topic, and the subscribed queue receives the notification.
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';
import { dofs } from './support/processes';

jest.setTimeout(180_000);

let system: LocalSystem;
const target = () => ['--data-dir', system.endpoints.data_dir];

beforeAll(async () => {
  system = await startLocalSystem({ successRate: 0, maxReceiveCount: 2, visibilityTimeoutSeconds: 3, alertThreshold: 1 });
});
afterAll(() => system?.stop());

it('asks for a subscription before reading', async () => {
  const r = await dofs(['alerts', 'read', ...target()]);
  expect(r.code).toBe(3);
  expect(r.stderr).toContain('run `dofs alerts subscribe` first');
});

it('subscribes a queue to the alerts topic, once however often it runs', async () => {
  const first = await dofs(['alerts', 'subscribe', '--json', ...target()]);
  expect(first.code).toBe(0);
  const subscription = JSON.parse(first.stdout);
  expect(subscription).toMatchObject({ topic_arn: system.endpoints.topics.alerts, queue_arn: expect.stringMatching(/:dofs-alerts-subscriber$/) });
  const again = await dofs(['alerts', 'subscribe', ...target()]);
  expect(again.code).toBe(0);
  expect(again.stdout).toBe(`Subscribed dofs-alerts-subscriber to ${system.endpoints.topics.alerts}\n  subscription ${subscription.subscription_arn}\n`);
  expect(await dofs(['alerts', 'read', ...target()])).toMatchObject({ code: 0, stdout: 'No notification waiting on dofs-alerts-subscriber.\n' });
});

it('prints the failure alarm\'s notification once an order fails, and deletes it', async () => {
  const created = await dofs(['order', 'create', '--customer', 'e2e-alerts', '--item', 'sku-1:1:2.00', '--wait', '--timeout', '90', ...target()]);
  expect(created.code).toBe(6);

  const read = await dofs(['alerts', 'read', '--wait-s', '30', ...target()]);
  expect(read.code).toBe(0);
  expect(read.stdout).toMatch(/^alarm +dofs-failed-orders$/m);
  expect(read.stdout).toMatch(/^state +OK -> ALARM$/m);
  expect(read.stdout).toMatch(/^reason +\S/m);
  expect(read.stdout).toMatch(/^changed +\d{4}-\d\d-\d\dT/m);
  expect(read.stdout).toContain(`topic    ${system.endpoints.topics.alerts}\n`);
  expect(read.stdout).toMatch(/\d+ notification\(s\) read from dofs-alerts-subscriber, and deleted from it\.\n$/);

  // what was printed is gone: a later read never shows the ALARM notification again
  const after = await dofs(['alerts', 'read', '--json', ...target()]);
  expect(after.code).toBe(0);
  const { notifications } = JSON.parse(after.stdout) as { notifications: { new_state?: string }[] };
  expect(notifications.filter((n) => n.new_state === 'ALARM')).toEqual([]);
});

it('exits 4 when nothing arrives within --wait-s', async () => {
  const r = await dofs(['alerts', 'read', '--wait-s', '1', '--json', ...target()]);
  expect(r.code).toBe(4);
  expect(JSON.parse(r.stdout)).toEqual({ notifications: [] });
});
