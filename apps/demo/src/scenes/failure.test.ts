import { alertsRead } from './failure';

// what `dofs alerts read` prints (apps/cli/src/alarm-notification.ts), two notifications
const printed = [
  'alarm    dofs-failed-orders',
  'state    OK -> ALARM',
  'reason   Threshold Crossed: FailedOrders Sum 1 >= 1 in the last 60 s',
  'changed  2026-12-06T21:40:00.000Z',
  'subject  ALARM: "dofs-failed-orders" in local',
  'topic    arn:aws:sns:us-east-1:000000000000:alerts',
  '',
  'alarm    dofs-failed-orders',
  'state    ALARM -> OK',
  'reason   -',
  'changed  2026-12-06T21:41:00.000Z',
  'subject  OK: "dofs-failed-orders" in local',
  'topic    arn:aws:sns:us-east-1:000000000000:alerts',
  '',
  '2 notification(s) read from dofs-alerts-subscriber, and deleted from it.',
  '',
].join('\n');

it('reads each alarm and its new state from what dofs alerts read printed', () => {
  expect(alertsRead(printed)).toEqual([
    { alarm_name: 'dofs-failed-orders', new_state: 'ALARM' },
    { alarm_name: 'dofs-failed-orders', new_state: 'OK' },
  ]);
});

it('finds none in a read that received nothing, or a message that is no alarm', () => {
  expect(alertsRead('No notification on dofs-alerts-subscriber in 30 s.\n')).toEqual([]);
  expect(alertsRead('subject  hello\nmessage  state of things\n')).toEqual([]);
});
