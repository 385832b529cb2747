import type { FastifyInstance } from 'fastify';
import { REGION } from '../aws-identity';
import { queryErrorXml } from './aws-xml';

/**
 * Where fauxqs's SNS Publish answers otherwise than AWS, a hook on fauxqs's app refuses first,
 * as AWS does (recorded: LocalStack tests/aws/services/sns/test_sns.snapshot.json):
 * - a TopicArn that is no ARN: InvalidParameter "... An ARN must have at least 6 elements, not N"
 *   (test_publish_wrong_arn_format; fauxqs answered NotFound), and one of another region:
 *   InvalidParameter "Invalid parameter: TopicArn" (test_topic_publish_another_region). A
 *   well-formed ARN of no topic stays NotFound, 404 (test_unknown_topic_publish).
 * - the message attributes count toward the 256 KiB limit: each attribute's name, data type and
 *   value (test_publish_too_long_message, "error-with-attrs"; fauxqs counted the body alone).
 * - an empty message, an empty Subject, an empty String attribute are refused (below; fauxqs
 *   accepted the last two).
 */
const SNS_XMLNS = 'http://sns.amazonaws.com/doc/2010-03-31/';
const MAX_MESSAGE_BYTES = 262_144;

type Params = Record<string, string | undefined>;

function topicArnRefusal(topicArn: string): string | undefined {
  const parts = topicArn.split(':');
  if (parts.length < 6) return `Invalid parameter: TopicArn Reason: An ARN must have at least 6 elements, not ${parts.length}`;
  if (parts[3] !== REGION) return 'Invalid parameter: TopicArn';
  return undefined;
}

/** The size AWS counts: the message and, per attribute, its name, data type and value, in bytes. */
export function publishedBytes(params: Params): number {
  let bytes = Buffer.byteLength(params['Message'] ?? '');
  for (const [key, value] of Object.entries(params)) {
    if (/^MessageAttributes\.entry\.\d+\.(Name|Value\.DataType|Value\.StringValue|Value\.BinaryValue)$/.test(key)) {
      bytes += key.endsWith('BinaryValue') ? Buffer.from(value ?? '', 'base64').length : Buffer.byteLength(value ?? '');
    }
  }
  return bytes;
}

interface Refusal {
  readonly code: string;
  readonly message: string;
}

const invalidParameter = (message: string): Refusal => ({ code: 'InvalidParameter', message });

/** a String attribute with an empty value (test_empty_or_wrong_message_attributes, missing_string_attr) */
function emptyAttributeRefusal(params: Params): Refusal | undefined {
  for (const [key, value] of Object.entries(params)) {
    const entry = /^MessageAttributes\.entry\.(\d+)\.Value\.DataType$/.exec(key)?.[1];
    if (!entry || !value?.startsWith('String') || params[`MessageAttributes.entry.${entry}.Value.StringValue`] !== '') continue;
    const name = params[`MessageAttributes.entry.${entry}.Name`] ?? '';
    return {
      code: 'ParameterValueInvalid',
      message: `The message attribute '${name}' must contain non-empty message attribute value for message attribute type '${value}'.`,
    };
  }
  return undefined;
}

function publishRefusal(params: Params): Refusal | undefined {
  const topicArn = params['TopicArn'];
  const arnRefusal = topicArn === undefined ? undefined : topicArnRefusal(topicArn);
  if (arnRefusal) return invalidParameter(arnRefusal);
  // test_empty_sns_message (empty-msg-error), test_publish_with_empty_subject (response-with-empty-subject)
  if (params['Message'] === '') return invalidParameter('Invalid parameter: Empty message');
  if (params['Subject'] === '') return invalidParameter('Invalid parameter: Subject');
  if (publishedBytes(params) > MAX_MESSAGE_BYTES) return invalidParameter('Invalid parameter: Message too long');
  return emptyAttributeRefusal(params);
}

/**
 * Publishes being answered: fauxqs writes the notification it delivers to an SQS subscription
 * (not raw) with `"Subject": null` when the publish had none, where AWS leaves the key out
 * (test_publish_sqs_from_sns, message-raw-false). The queues (sqs-aws-queue.ts) take the key out
 * of a notification enqueued while a publish is being answered.
 */
export const publishes = { inProgress: 0 };

const NULL_SUBJECT = /^(\{"Type":"Notification","MessageId":"[^"]*","TopicArn":"[^"]*"),"Subject":null,/;

/** The notification body as AWS writes it, or undefined when it needs no change. */
export function notificationWithoutNullSubject(body: string): string | undefined {
  if (publishes.inProgress === 0 || !NULL_SUBJECT.test(body)) return undefined;
  return body.replace(NULL_SUBJECT, '$1,');
}

export function answerSnsAsAws(app: FastifyInstance): void {
  const publishing = new WeakSet<object>();
  app.addHook('preHandler', async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return;
    const params = request.body as Params | undefined;
    if (params?.['Action'] !== 'Publish' && params?.['Action'] !== 'PublishBatch') return;
    const refusal = params['Action'] === 'Publish' ? publishRefusal(params) : undefined;
    if (refusal) return reply.code(400).header('content-type', 'text/xml').send(queryErrorXml(SNS_XMLNS, refusal.code, refusal.message));
    publishing.add(request);
    publishes.inProgress++;
  });
  app.addHook('onSend', async (request, _reply, payload) => {
    if (publishing.delete(request)) publishes.inProgress--;
    return payload;
  });
}
