import { parseAlarmNotification, renderAlarmNotification } from './alarm-notification';

// the body SQS holds for an SNS notification, around the message the local failure alarm
// publishes (apps/local/src/alarms/alarm-notifier.ts, CloudWatch's JSON shape)
const alarm = {
  AlarmName: 'dofs-failed-orders',
  AlarmDescription: 'Orders reaching the dead-letter queue',
  NewStateValue: 'ALARM',
  OldStateValue: 'OK',
  NewStateReason: 'Threshold Crossed: 1 datapoint [1.0] was greater than or equal to the threshold (1.0).',
  StateChangeTime: '2026-12-06T21:40:00.000Z',
  Trigger: { MetricName: 'FailedOrders', Namespace: 'DOFS', Threshold: 1 },
};
const envelope = (message: string) =>
  JSON.stringify({
    Type: 'Notification',
    MessageId: 'm-1',
    TopicArn: 'arn:aws:sns:us-east-1:000000000000:alerts',
    Subject: 'ALARM: "dofs-failed-orders" in local',
    Message: message,
    Timestamp: '2026-12-06T21:40:00.123Z',
  });

describe('parseAlarmNotification', () => {
  it('reads the alarm out of the SNS envelope', () => {
    expect(parseAlarmNotification(envelope(JSON.stringify(alarm)), 'sqs-1')).toEqual({
      message_id: 'm-1',
      topic_arn: 'arn:aws:sns:us-east-1:000000000000:alerts',
      subject: 'ALARM: "dofs-failed-orders" in local',
      published_at: '2026-12-06T21:40:00.123Z',
      alarm_name: 'dofs-failed-orders',
      new_state: 'ALARM',
      old_state: 'OK',
      reason: alarm.NewStateReason,
      state_change_time: '2026-12-06T21:40:00.000Z',
    });
  });

  it('reads a raw delivery (no envelope) as the alarm message itself', () => {
    expect(parseAlarmNotification(JSON.stringify(alarm), 'sqs-2')).toMatchObject({ message_id: 'sqs-2', alarm_name: 'dofs-failed-orders', new_state: 'ALARM', subject: undefined });
  });

  it('keeps a message that is not an alarm as it was published', () => {
    const view = parseAlarmNotification(envelope('Approve the release of abc123'));
    expect(view).toMatchObject({ alarm_name: undefined, message: 'Approve the release of abc123', subject: 'ALARM: "dofs-failed-orders" in local' });
    expect(parseAlarmNotification('not json', 'sqs-3')).toMatchObject({ message_id: 'sqs-3', alarm_name: undefined, message: 'not json' });
    expect(parseAlarmNotification(envelope('[1,2]'))).toMatchObject({ alarm_name: undefined, message: '[1,2]' });
  });
});

describe('renderAlarmNotification', () => {
  it('prints the alarm, its state change, reason, time, subject and topic', () => {
    expect(renderAlarmNotification(parseAlarmNotification(envelope(JSON.stringify(alarm))))).toBe(
      [
        'alarm    dofs-failed-orders',
        'state    OK -> ALARM',
        `reason   ${alarm.NewStateReason}`,
        'changed  2026-12-06T21:40:00.000Z',
        'subject  ALARM: "dofs-failed-orders" in local',
        'topic    arn:aws:sns:us-east-1:000000000000:alerts',
        '',
      ].join('\n'),
    );
  });

  it('prints another message with its subject and text', () => {
    const text = renderAlarmNotification(parseAlarmNotification(envelope('hello')));
    expect(text).toContain('message    hello\n');
    expect(text).not.toContain('alarm');
  });
});
