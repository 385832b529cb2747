import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { awsSqsError, sqsErrorAnswer, type SqsErrorAnswer } from './sqs-errors';

/**
 * Where fauxqs answers SQS's JSON protocol otherwise than AWS, two hooks on fauxqs's own Fastify
 * app make it answer as AWS does, for every client: the functions' SDK over HTTP, the CLI, the
 * runtime's in-process calls (app.inject runs the same hooks). A hook costs a property lookup per
 * request; a proxy in front would cost a hop. Each rule names the recording it answers to
 * (LocalStack's tests/aws/services/sqs/test_sqs.snapshot.json and test_sqs.py, the tests marked
 * aws.validated; moto's tests/test_sqs/test_sqs.py, the tests marked aws_verified).
 */

/** set by the store on a received message that a redrive moved here (see sqs-aws-queue.ts) */
export const DEAD_LETTER_SOURCE = Symbol('DeadLetterQueueSourceArn');
/** set by the store on a received message that was sent with an AWSTraceHeader */
export const TRACE_HEADER = Symbol('AWSTraceHeader');

type Body = Record<string, unknown>;
type Received = Record<string, unknown> & { [DEAD_LETTER_SOURCE]?: string; [TRACE_HEADER]?: string };

/** What these hooks need of a fauxqs queue: to find a message it holds by its id. */
export interface QueueMessages {
  find(messageId: string): { awsTraceHeader?: string } | undefined;
}

const TARGET_PREFIX = 'AmazonSQS.';
const MAX_BATCH_ENTRY_ID = 80;
// fauxqs issues UUIDs as receipt handles: anything else is not one it could have issued
const RECEIPT_HANDLE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isReceiptHandle = (handle: unknown): boolean => typeof handle === 'string' && RECEIPT_HANDLE.test(handle);

const invalidHandle = (handle: unknown): string => `The input receipt handle "${String(handle)}" is not a valid receipt handle.`;

function actionOf(request: FastifyRequest): string | undefined {
  const target = request.headers['x-amz-target'];
  return typeof target === 'string' && target.startsWith(TARGET_PREFIX) ? target.slice(TARGET_PREFIX.length) : undefined;
}

const entriesOf = (body: Body): Body[] => (Array.isArray(body['Entries']) ? (body['Entries'] as Body[]) : []);

/**
 * The refusals AWS makes that fauxqs does not, once the queue is known to exist (AWS answers
 * QueueDoesNotExist first: moto test_delete_message_from_unknown_url, aws_verified).
 * - DeleteMessage / ChangeMessageVisibility with a handle that is none: ReceiptHandleIsInvalid
 *   (test_delete_message_with_illegal_receipt_handle, test_invalid_receipt_handle_should_return_error_message);
 *   a well-formed handle of a deleted or expired message is accepted by DeleteMessage
 *   (test_delete_message_with_deleted_receipt_handle, test_remove_message_with_old_receipt_handle).
 * - a batch entry id over 80 characters: InvalidBatchEntryId (test_invalid_batch_id; fauxqs checks only the characters).
 */
function refusalOf(action: string, body: Body): SqsErrorAnswer | undefined {
  if (action === 'DeleteMessage' || action === 'ChangeMessageVisibility') {
    const handle = body['ReceiptHandle'];
    if (typeof handle === 'string' && handle.length > 0 && !isReceiptHandle(handle))
      return sqsErrorAnswer('ReceiptHandleIsInvalid', invalidHandle(handle));
  }
  if (action.endsWith('Batch') && entriesOf(body).some((entry) => String(entry['Id']).length > MAX_BATCH_ENTRY_ID)) {
    return sqsErrorAnswer(
      'InvalidBatchEntryId',
      'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    );
  }
  return undefined;
}

function sendError(reply: FastifyReply, answer: SqsErrorAnswer): FastifyReply {
  return reply
    .code(answer.status)
    .header('content-type', 'application/x-amz-json-1.0')
    .header('x-amzn-query-error', answer.queryError)
    .send(JSON.stringify(answer.body));
}

const entryBytes = (entry: Body): number =>
  Buffer.byteLength(String(entry['MessageBody'] ?? '')) +
  Object.entries((entry['MessageAttributes'] ?? {}) as Record<string, Body>).reduce(
    (sum, [name, value]) => sum + Buffer.byteLength(name) + Buffer.byteLength(String(value['DataType'] ?? '')) + Buffer.byteLength(String(value['StringValue'] ?? value['BinaryValue'] ?? '')),
    0,
  );

function firstRepeatedId(entries: Body[]): unknown {
  const seen = new Set<unknown>();
  return entries.find((entry) => seen.has(entry['Id']) || !seen.add(entry['Id']))?.['Id'];
}

/**
 * AWS's wording where fauxqs words the same error otherwise (moto tests/test_sqs/test_sqs.py,
 * aws_verified: test_send_message_batch_errors, test_delete_message_batch_with_zero_entries;
 * LocalStack test_send_receive_max_number_of_messages).
 */
function awsWording(action: string, body: Body, shape: string, message: string): string {
  const entries = entriesOf(body);
  switch (shape) {
    case 'EmptyBatchRequest':
      return `There should be at least one ${action}RequestEntry in the request.`;
    case 'TooManyEntriesInBatchRequest':
      return `Maximum number of entries per request are 10. You have sent ${entries.length}.`;
    case 'BatchEntryIdsNotDistinct':
      return `Id ${String(firstRepeatedId(entries))} repeated.`;
    case 'BatchRequestTooLong':
      return `Batch requests cannot be longer than 1048576 bytes. You have sent ${entries.reduce((sum, entry) => sum + entryBytes(entry), 0)} bytes.`;
    default:
      if (action === 'ReceiveMessage' && message.startsWith('Value for parameter MaxNumberOfMessages'))
        return `Value ${String(body['MaxNumberOfMessages'])} for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.`;
      return message;
  }
}

/**
 * fauxqs's error as AWS's: the code and type (sqs-errors.ts) and the wording; ChangeMessageVisibility
 * on a handle whose message is gone is InvalidParameterValue, not MessageNotInflight
 * (test_change_visibility_on_deleted_message_raises_invalid_parameter_value).
 */
function errorAsAws(action: string, body: Body, reply: FastifyReply, payload: Body, header: string): Body {
  const type = String(payload['__type'] ?? '');
  const shape = type.slice(type.lastIndexOf('#') + 1);
  let answer = awsSqsError(type, header, awsWording(action, body, shape, String(payload['message'] ?? '')));
  if (action === 'ChangeMessageVisibility' && type.endsWith('#MessageNotInflight')) {
    const reason = 'Message does not exist or is not available for visibility timeout change.';
    answer = sqsErrorAnswer('InvalidParameterValue', `Value ${String(body['ReceiptHandle'])} for parameter ReceiptHandle is invalid. Reason: ${reason}`);
  }
  reply.code(answer.status).header('x-amzn-query-error', answer.queryError);
  return { ...answer.body };
}

const asked = (names: unknown): string[] => (Array.isArray(names) ? names.map(String) : []);

/** an SQS message attribute as the JSON protocol carries it */
export interface MessageAttribute {
  readonly DataType: string;
  readonly StringValue?: string;
  readonly BinaryValue?: string;
}

/** the MD5 of message attributes as SQS computes it (fauxqs's own function, see fauxqs-store.ts) */
export type AttributesMd5 = (attributes: Record<string, MessageAttribute>) => string;

/**
 * The attributes MessageAttributeNames asks for, as SQS picks them: `All` or `.*` every one, a
 * name ending in `.*` every one that starts with what precedes it (`Hel.*` takes `Hello` and
 * `Help.Me`), any other name that one (test_receive_message_message_attribute_names_filters; fauxqs
 * read `Hel.*` as the prefix `Hel.`), none when none is asked.
 */
function chosenAttributes(names: string[], attributes: Record<string, MessageAttribute>): Record<string, MessageAttribute> {
  if (names.includes('All') || names.includes('.*')) return attributes;
  const prefixes = names.filter((name) => name.endsWith('.*')).map((name) => name.slice(0, -2));
  return Object.fromEntries(
    Object.entries(attributes).filter(([name]) => names.includes(name) || prefixes.some((prefix) => name.startsWith(prefix))),
  );
}

/** the MessageAttributeNames each ReceiveMessage asked for: fauxqs is asked for all of them, this file picks */
const askedAttributes = new WeakMap<FastifyRequest, string[]>();

/**
 * ReceiveMessage returns message attributes only when MessageAttributeNames asks for them
 * (test_send_receive_wait_time_seconds: none asked, none returned; fauxqs returned all), and
 * DeadLetterQueueSourceArn among the system attributes of a redriven message when asked
 * (test_dead_letter_queue_message_attributes, "dlq-messages").
 */
function receivedAsAws(names: string[], body: Body, payload: Body, md5: AttributesMd5): Body {
  const messages = Array.isArray(payload['Messages']) ? (payload['Messages'] as Received[]) : [];
  const systemNames = [...asked(body['AttributeNames']), ...asked(body['MessageSystemAttributeNames'])];
  const wants = (name: string): boolean => systemNames.includes('All') || systemNames.includes(name);
  for (const message of messages) {
    const attributes = chosenAttributes(names, (message['MessageAttributes'] ?? {}) as Record<string, MessageAttribute>);
    if (Object.keys(attributes).length === 0) {
      delete message['MessageAttributes'];
      delete message['MD5OfMessageAttributes'];
    } else {
      message['MessageAttributes'] = attributes;
      message['MD5OfMessageAttributes'] = md5(attributes);
    }
    const system: Body = {};
    if (wants('AWSTraceHeader') && message[TRACE_HEADER]) system['AWSTraceHeader'] = message[TRACE_HEADER];
    if (wants('DeadLetterQueueSourceArn') && message[DEAD_LETTER_SOURCE]) system['DeadLetterQueueSourceArn'] = message[DEAD_LETTER_SOURCE];
    if (Object.keys(system).length > 0) message['Attributes'] = { ...(message['Attributes'] as Body | undefined), ...system };
  }
  return payload;
}

const traceHeaderOf = (entry: Body): string | undefined => {
  const value = (entry['MessageSystemAttributes'] as Record<string, { StringValue?: string }> | undefined)?.['AWSTraceHeader']?.StringValue;
  return typeof value === 'string' ? value : undefined;
};

/**
 * A message sent with the system attribute AWSTraceHeader keeps it, and a receive that asks for
 * it (or All) gets it, in the queue it was sent to and after a redrive (test_dead_letter_queue_message_attributes,
 * "rec-pre-dlq" and "dlq-messages"); fauxqs dropped it. Noted on the stored message once fauxqs
 * has made it (its MessageId is in the answer); the journal does not keep it (X-Ray's header, not
 * the message's: a restart loses it).
 */
function keepTraceHeaders(action: string, body: Body, payload: Body, queue: QueueMessages | undefined): void {
  if (!queue) return;
  if (action === 'SendMessage') {
    const header = traceHeaderOf(body);
    const message = header === undefined ? undefined : queue.find(String(payload['MessageId']));
    if (message) message.awsTraceHeader = header;
    return;
  }
  const sent = new Map(((payload['Successful'] ?? []) as Body[]).map((entry) => [entry['Id'], String(entry['MessageId'])]));
  for (const entry of entriesOf(body)) {
    const header = traceHeaderOf(entry);
    const messageId = sent.get(entry['Id']);
    const message = header === undefined || messageId === undefined ? undefined : queue.find(messageId);
    if (message) message.awsTraceHeader = header;
  }
}

/** A DeleteMessageBatch entry whose handle is none fails alone with ReceiptHandleIsInvalid, as DeleteMessage would. */
function deletedBatchAsAws(body: Body, payload: Body): Body {
  const invalid = entriesOf(body).filter((entry) => !isReceiptHandle(entry['ReceiptHandle']));
  if (invalid.length === 0) return payload;
  const ids = new Set(invalid.map((entry) => entry['Id']));
  const successful = (payload['Successful'] as Body[] | undefined) ?? [];
  const failed = invalid.map((entry) => ({
    Id: entry['Id'],
    SenderFault: true,
    Code: 'ReceiptHandleIsInvalid',
    Message: invalidHandle(entry['ReceiptHandle']),
  }));
  return { Successful: successful.filter((entry) => !ids.has(entry['Id'])), Failed: [...((payload['Failed'] as Body[] | undefined) ?? []), ...failed] };
}

/**
 * Installs the hooks on fauxqs's app; `queueOf` finds the queue a URL names, `md5` computes
 * MD5OfMessageAttributes.
 */
export function answerSqsAsAws(app: FastifyInstance, queueOf: (queueUrl: string) => QueueMessages | undefined, md5: AttributesMd5): void {
  app.addHook('preHandler', async (request, reply) => {
    const action = actionOf(request);
    if (!action || typeof request.body !== 'object' || request.body === null) return;
    const body = request.body as Body;
    if (action === 'ReceiveMessage') {
      askedAttributes.set(request, asked(body['MessageAttributeNames']));
      body['MessageAttributeNames'] = ['All'];
    }
    if (!queueOf(String(body['QueueUrl'] ?? ''))) return;
    const refusal = refusalOf(action, body);
    if (refusal) return sendError(reply, refusal);
  });
  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const action = actionOf(request);
    if (!action || typeof payload !== 'object' || payload === null) return payload;
    const body = (request.body ?? {}) as Body;
    const header = reply.getHeader('x-amzn-query-error');
    if (typeof header === 'string') return errorAsAws(action, body, reply, payload as Body, header);
    if (action === 'ReceiveMessage') return receivedAsAws(askedAttributes.get(request) ?? [], body, payload as Body, md5);
    if (action === 'SendMessage' || action === 'SendMessageBatch') keepTraceHeaders(action, body, payload as Body, queueOf(String(body['QueueUrl'] ?? '')));
    const answer = action === 'DeleteMessageBatch' ? deletedBatchAsAws(body, payload as Body) : (payload as Body);
    // a batch without failures has no Failed member (test_send_message_batch_with_oversized_contents_with_updated_maximum_message_size[sqs])
    if (action.endsWith('Batch') && Array.isArray(answer['Failed']) && answer['Failed'].length === 0) delete answer['Failed'];
    return answer;
  });
}
