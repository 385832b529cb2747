import type { BuildAppOptions } from 'fauxqs';
import { DEAD_LETTER_SOURCE, TRACE_HEADER, type QueueMessages } from './sqs-aws-answers';
import { notificationWithoutNullSubject } from './sns-aws-answers';

type SqsStore = NonNullable<BuildAppOptions['stores']>['sqsStore'];
type SqsQueue = ReturnType<SqsStore['createQueue']>;
type Message = SqsQueue['messages'][number] & { deadLetterQueueSourceArn?: string; awsTraceHeader?: string };
type DeadLetterResolver = NonNullable<Parameters<SqsQueue['dequeue']>[2]>;

/**
 * A redrive as AWS makes it: the message keeps the receive count it had in the source queue
 * (fauxqs counted the receive that moved it), so the dead-letter queue's first receive shows
 * maxReceiveCount + 1, and it remembers its source queue for DeadLetterQueueSourceArn.
 * Recorded: LocalStack test_sqs.snapshot.json, test_dead_letter_queue_message_attributes
 * (maxReceiveCount 1, "dlq-messages": ApproximateReceiveCount "2", DeadLetterQueueSourceArn).
 * The two fields travel with the message object, so the queue journal keeps them.
 */
function redrivingFrom(source: SqsQueue, resolve: DeadLetterResolver): DeadLetterResolver {
  return (arn) => {
    const target = resolve(arn);
    if (!target) return target;
    const redrive = Object.create(target) as SqsQueue;
    redrive.enqueue = (message: Message) => {
      message.approximateReceiveCount = Math.max(0, message.approximateReceiveCount - 1);
      message.deadLetterQueueSourceArn = source.arn;
      target.enqueue(message);
    };
    return redrive;
  };
}

const COUNTERS = new Set(['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed']);

/**
 * Makes one fauxqs queue behave as an SQS queue where fauxqs differs (the answers' shapes are
 * sqs-aws-answers.ts's part):
 * - the redrive (above);
 * - an SNS notification without a Subject has no Subject key (sns-aws-answers.ts);
 * - SqsManagedSseEnabled (below);
 * - the counters are as of now: fauxqs returned a message whose visibility timeout ran out to
 *   the queue only at the next receive, so ApproximateNumberOfMessagesNotVisible stayed up for as
 *   long as nobody received (AWS: the message is visible, and counted so, once its timeout ends;
 *   SQS developer guide, "Amazon SQS visibility timeout"; no recording holds the timing).
 */
export function alignQueueWithAws(queue: SqsQueue, md5: (text: string) => string): void {
  const { enqueue, dequeue, getAttribute, getAllAttributes } = queue;
  queue.enqueue = (message) => {
    const body = notificationWithoutNullSubject(message.body);
    if (body !== undefined) Object.assign(message, { body, md5OfBody: md5(body) });
    enqueue.call(queue, message);
  };
  queue.dequeue = (maxCount, visibilityTimeout, resolve) => {
    const received = dequeue.call(queue, maxCount, visibilityTimeout, resolve && redrivingFrom(queue, resolve));
    for (const message of received) {
      const stored = queue.inflightMessages.get(message.ReceiptHandle)?.message as Message | undefined;
      if (stored?.deadLetterQueueSourceArn) Object.defineProperty(message, DEAD_LETTER_SOURCE, { value: stored.deadLetterQueueSourceArn, enumerable: false });
      if (stored?.awsTraceHeader) Object.defineProperty(message, TRACE_HEADER, { value: stored.awsTraceHeader, enumerable: false });
    }
    return received;
  };
  queue.getAttribute = (name) => {
    if (COUNTERS.has(name)) queue.processTimers();
    return getAttribute.call(queue, name);
  };
  // a queue without a KMS key is encrypted with SQS's own keys, and says so among All its
  // attributes (LocalStack test_sqs.snapshot.json, test_create_and_update_queue_attributes[sqs])
  queue.getAllAttributes = (requested) => {
    const attributes = getAllAttributes.call(queue, requested);
    const wanted = requested.includes('All') || requested.includes('SqsManagedSseEnabled');
    if (wanted && !queue.attributes['KmsMasterKeyId']) attributes['SqsManagedSseEnabled'] = queue.attributes['SqsManagedSseEnabled'] ?? 'true';
    return attributes;
  };
}

/** A message the queue holds, by id: waiting or delayed, newest first (a message just sent is last). */
export function queueMessages(queue: SqsQueue): QueueMessages {
  return {
    find: (messageId) => {
      const { ready, delayed } = queue.inspectMessages();
      for (const list of [ready, delayed]) {
        for (let index = list.length - 1; index >= 0; index--) if (list[index]?.messageId === messageId) return list[index] as Message;
      }
      return undefined;
    },
  };
}
