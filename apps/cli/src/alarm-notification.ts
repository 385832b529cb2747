import { renderFields } from './output';

/**
 * One notification read from a queue subscribed to the alerts topic: the SNS envelope (subject,
 * topic, time) and, when its message is a CloudWatch alarm state change, the alarm's fields.
 */
export interface AlarmNotificationView {
  readonly message_id: string | undefined;
  readonly topic_arn: string | undefined;
  readonly subject: string | undefined;
  readonly published_at: string | undefined;
  readonly alarm_name: string | undefined;
  readonly new_state: string | undefined;
  readonly old_state: string | undefined;
  readonly reason: string | undefined;
  readonly state_change_time: string | undefined;
  /** the SNS message as published, when it is not a CloudWatch alarm message */
  readonly message?: string;
}

type Json = Record<string, unknown>;

const parseObject = (text: string | undefined): Json | undefined => {
  if (text === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Json) : undefined;
  } catch {
    return undefined;
  }
};

const field = (object: Json | undefined, key: string): string | undefined =>
  typeof object?.[key] === 'string' ? (object[key] as string) : undefined;

/**
 * Reads an SQS message body delivered by an SNS subscription: the SNS JSON envelope
 * (`Type: Notification`, `Message`, `Subject`, `Timestamp`), whose `Message` is the alarm's JSON
 * (`AlarmName`, `NewStateValue`, `OldStateValue`, `NewStateReason`, `StateChangeTime`). A body
 * that is no envelope (raw message delivery) is read as the message itself.
 */
export function parseAlarmNotification(body: string | undefined, messageId?: string): AlarmNotificationView {
  const parsed = parseObject(body);
  const envelope = parsed && field(parsed, 'Type') === 'Notification' ? parsed : undefined;
  const message = envelope ? field(envelope, 'Message') : body;
  const alarm = parseObject(message);
  const alarmName = field(alarm, 'AlarmName');
  return {
    message_id: field(envelope, 'MessageId') ?? messageId,
    topic_arn: field(envelope, 'TopicArn'),
    subject: field(envelope, 'Subject'),
    published_at: field(envelope, 'Timestamp'),
    alarm_name: alarmName,
    new_state: field(alarm, 'NewStateValue'),
    old_state: field(alarm, 'OldStateValue'),
    reason: field(alarm, 'NewStateReason'),
    state_change_time: field(alarm, 'StateChangeTime'),
    ...(alarmName === undefined ? { message: message ?? '' } : {}),
  };
}

/** `key  value` lines for one notification, as `dofs alerts read` prints them. */
export function renderAlarmNotification(view: AlarmNotificationView): string {
  if (view.alarm_name === undefined) {
    return renderFields([
      ['subject', view.subject],
      ['published', view.published_at],
      ['topic', view.topic_arn],
      ['message', view.message],
    ]);
  }
  return renderFields([
    ['alarm', view.alarm_name],
    ['state', `${view.old_state ?? '?'} -> ${view.new_state ?? '?'}`],
    ['reason', view.reason],
    ['changed', view.state_change_time],
    ['subject', view.subject],
    ['topic', view.topic_arn],
  ]);
}
