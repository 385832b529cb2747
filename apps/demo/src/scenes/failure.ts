import { orderIdForKey, replayIdempotencyKey } from '@dofs/domain';
import { CHAPTERS } from '../chapters';
import { caption, chapter, dofs, hold, requireSystem, showTerminal, type Demo } from '../demo-context';
import { openConsole, settle } from './console';
import { CUSTOMER } from './start-and-order';

/** The lines the runtime printed since `from` that carry `marker`. */
function runtimeLines(demo: Demo, from: number, marker: string): string[] {
  return requireSystem(demo)
    .output()
    .slice(from)
    .split('\n')
    .filter((line) => line.includes(marker));
}

/** The alarm and its new state in what `dofs alerts read` printed (`alarm  NAME`, `state  OLD -> NEW`). */
export function alertsRead(stdout: string): { alarm_name: string; new_state: string }[] {
  return stdout.split(/\n\n(?=alarm )/).flatMap((block) => {
    const name = /^alarm +(\S+)$/m.exec(block)?.[1];
    const state = /^state +\S+ -> (\S+)$/m.exec(block)?.[1];
    return name && state ? [{ alarm_name: name, new_state: state }] : [];
  });
}

async function subscribeToAlerts(demo: Demo): Promise<void> {
  await caption(demo, 'First, as an operator\'s e-mail would be, a queue is subscribed to the SNS alerts topic that the failure alarm notifies.');
  const subscribed = await demo.terminal.run(dofs(demo, ['alerts', 'subscribe']));
  if (subscribed.code !== 0) throw new Error(`dofs alerts subscribe exited with ${subscribed.code}`);
  await hold(demo, 3000);
}

async function failingOrder(demo: Demo): Promise<number> {
  await settle(demo, 60_000);
  const outputMark = requireSystem(demo).output().length;
  await showTerminal(demo, 'The failure path', 'retries, order_dlq, failed_orders, the alarm and its SNS alert, a redrive');
  await subscribeToAlerts(demo);
  await caption(demo, 'This order\'s three seeded draws all fail (p = 0.3³ ≈ 2.7 %). Each failure is retried after the visibility timeout; the waits between attempts are cut.');
  const key = demo.scripted.failureKey;
  demo.orders.failure = orderIdForKey(key);
  const create = ['order', 'create', '--customer', CUSTOMER, '--item', 'sku-vase:1:120.00', '--idempotency-key', key, '--wait'];
  const created = await demo.terminal.run(dofs(demo, create, 1500));
  if (created.code !== 6) throw new Error(`the failure order ended with exit ${created.code}, not 6 (FAILED)`);
  await hold(demo, 3000);
  await caption(demo, 'After the 3rd receive SQS moved the message to order_dlq; dlq-processor marked the order FAILED and wrote its failed_orders row, once.');
  await demo.terminal.run(dofs(demo, ['failed', 'list', '--limit', '3']));
  await hold(demo, 5000);
  return outputMark;
}

async function alarmAndRedrive(demo: Demo, outputMark: number): Promise<void> {
  await caption(demo, 'The FailedOrders metric crossed the alarm\'s threshold: the runtime printed the alert it published on the SNS alerts topic.');
  await demo.terminal.write(`\x1b[90m# the runtime's terminal (npm start) since the order was sent, its ALERT lines:\x1b[0m\n`);
  const alerts = runtimeLines(demo, outputMark, 'ALERT');
  if (alerts.length === 0) throw new Error('the runtime printed no ALERT for the failed order');
  await demo.terminal.write(alerts.join('\n') + '\n');
  await hold(demo, 4000);
  await caption(demo, 'The subscriber\'s side: the SNS notification as the subscribed queue received it, the CloudWatch alarm message (name, state, reason, time).');
  const read = await demo.terminal.run(dofs(demo, ['alerts', 'read', '--wait-s', '30']));
  demo.alerts.push(...alertsRead(read.stdout));
  if (read.code !== 0 || demo.alerts.length === 0) throw new Error(`dofs alerts read exited with ${read.code} and printed no alarm`);
  demo.terminal.save('06-failure-path');
  await hold(demo, 6000);
  await openConsole(demo, 'failed');
  await caption(demo, 'The console\'s failed orders: the table dlq-processor writes, with the reason, the attempts and the last error.');
  await hold(demo, 6000);
  await showTerminal(demo, 'Redrive', 'dofs dlq redrive --from failed: the failed order replayed through the API');
  await caption(demo, 'The order is replayed as a new order (Idempotency-Key redrive:<id>, so a second replay creates nothing); its own seeded draw succeeds. The FAILED order stays FAILED: terminal once.');
  const failure = demo.orders.failure ?? '';
  const redrive = await demo.terminal.run(dofs(demo, ['dlq', 'redrive', '--from', 'failed', '--order-id', failure]));
  if (redrive.code !== 0) throw new Error(`dofs dlq redrive exited with ${redrive.code}`);
  demo.orders.redrive = orderIdForKey(replayIdempotencyKey(failure));
  await demo.terminal.run(dofs(demo, ['order', 'wait', demo.orders.redrive], 1500));
  demo.terminal.save('06-redrive');
  await hold(demo, 5000);
}

export async function failurePath(demo: Demo): Promise<void> {
  await chapter(demo, CHAPTERS.failure);
  const outputMark = await failingOrder(demo);
  await alarmAndRedrive(demo, outputMark);
}
