import { deleteReceived, queueUrlOf, receiveWaiting, subscribeQueueToTopic } from '@dofs/aws';
import { parseAlarmNotification, renderAlarmNotification, type AlarmNotificationView } from '../alarm-notification';
import { configError, usageError } from '../cli-error';
import { secondsFlag, stringValue, type Command, type Context, type Values } from '../command';
import { EXIT } from '../exit-codes';
import { printJson } from '../output';

/** The queue `dofs alerts subscribe` makes, unless --queue names another. */
export const DEFAULT_ALERTS_QUEUE = 'dofs-alerts-subscriber';
const MAX_WAIT_SECONDS = 600;

const queueOption = { queue: { type: 'string' } } as const;

/** The queue name: SQS allows letters, digits, `-` and `_`, up to 80. */
export function alertsQueueName(values: Values): string {
  const name = stringValue(values, 'queue') ?? DEFAULT_ALERTS_QUEUE;
  if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw usageError(`--queue must be 1 to 80 letters, digits, - or _ (got "${name}")`);
  return name;
}

/**
 * The alerts topic of the local system. A deployed system is refused: its topic is Terraform's
 * (`terraform output alerts_topic_arn`), KMS-encrypted, and a queue there would need a policy
 * letting the topic send to it and a grant on the key, which an operator's tool should not give
 * itself. Terraform subscribes the e-mail address `notification_email` instead.
 */
function localAlertsTopic(context: Context): string {
  const { target } = context;
  if (target.mode !== 'local' || !target.alertsTopic) {
    throw configError(
      'dofs alerts works with the local system only (its endpoints.json names the alerts topic). A deployed ' +
        'system mails its alerts to notification_email (terraform.tfvars, see terraform/README.md).',
    );
  }
  return target.alertsTopic;
}

export const alertsSubscribe: Command = {
  name: 'alerts subscribe',
  summary: 'subscribe a queue to the alerts topic (local system), to read its notifications with `dofs alerts read`',
  usage: 'dofs alerts subscribe [--queue NAME (dofs-alerts-subscriber)]',
  help: [
    'Creates the SQS queue NAME in the local system (or finds it) and subscribes it to the SNS alerts',
    'topic, as an operator\'s e-mail subscription would be. Running it again changes nothing.',
    'Only notifications published after the subscription reach the queue.',
  ],
  options: queueOption,
  async run(context, values) {
    const queueName = alertsQueueName(values);
    const topicArn = localAlertsTopic(context);
    const subscription = await subscribeQueueToTopic(context.aws, topicArn, queueName);
    if (context.json) {
      printJson(context.io, { topic_arn: topicArn, queue_url: subscription.queueUrl, queue_arn: subscription.queueArn, subscription_arn: subscription.subscriptionArn });
    } else {
      context.io.stdout.write(`Subscribed ${queueName} to ${topicArn}\n  subscription ${subscription.subscriptionArn}\n`);
    }
    return EXIT.OK;
  },
};

async function existingQueue(context: Context, queueName: string): Promise<string> {
  try {
    return await queueUrlOf(context.aws.sqs, queueName);
  } catch (error) {
    if (/NonExistentQueue|QueueDoesNotExist/.test((error as Error).name)) {
      throw configError(`The queue ${queueName} does not exist: run \`dofs alerts subscribe${queueName === DEFAULT_ALERTS_QUEUE ? '' : ` --queue ${queueName}`}\` first.`);
    }
    throw error;
  }
}

function printNotifications(context: Context, views: readonly AlarmNotificationView[], queueName: string, waitMs: number): void {
  if (context.json) {
    printJson(context.io, { notifications: views });
  } else if (views.length === 0) {
    context.io.stdout.write(waitMs > 0 ? `No notification on ${queueName} in ${waitMs / 1000} s.\n` : `No notification waiting on ${queueName}.\n`);
  } else {
    context.io.stdout.write(views.map(renderAlarmNotification).join('\n'));
    context.io.stdout.write(`\n${views.length} notification(s) read from ${queueName}, and deleted from it.\n`);
  }
}

export const alertsRead: Command = {
  name: 'alerts read',
  summary: 'print the notifications of the alerts topic that reached the subscribed queue, and delete them',
  usage: 'dofs alerts read [--wait-s N (0)] [--queue NAME (dofs-alerts-subscriber)]',
  help: [
    'Prints each SNS notification on the queue `dofs alerts subscribe` made: the alarm, its new state,',
    'the reason and the time, as the CloudWatch alarm message carries them; then deletes it.',
    '--wait-s N   long-polls up to N seconds for the first notification (exit 4 when none came).',
  ],
  options: { ...queueOption, 'wait-s': { type: 'string' } },
  async run(context, values) {
    const queueName = alertsQueueName(values);
    const waitMs = stringValue(values, 'wait-s') === '0' ? 0 : secondsFlag(values, 'wait-s', { max: MAX_WAIT_SECONDS, fallback: 0 });
    localAlertsTopic(context);
    const queueUrl = await existingQueue(context, queueName);
    if (waitMs > 0 && !context.json) context.io.stderr.write(`Waiting up to ${waitMs / 1000} s for a notification on ${queueName}…\n`);
    const messages = await receiveWaiting(context.aws.sqs, queueUrl, waitMs);
    const views = messages.map((m) => parseAlarmNotification(m.Body, m.MessageId));
    printNotifications(context, views, queueName, waitMs);
    // deleted once printed: a crash before this shows them again on the next read, never loses one
    for (const message of messages) await deleteReceived(context.aws.sqs, queueUrl, message);
    return views.length === 0 && waitMs > 0 ? EXIT.TIMEOUT : EXIT.OK;
  },
};
