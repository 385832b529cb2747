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

/** set by the store on a received message that a redrive moved here (see fauxqs-store.ts) */
export const DEAD_LETTER_SOURCE = Symbol('DeadLetterQueueSourceArn');

type Body = Record<string, unknown>;
type Received = Record<string, unknown> & { [DEAD_LETTER_SOURCE]?: string };

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

/**
 * fauxqs's error as AWS's: the code and type (sqs-errors.ts); ChangeMessageVisibility on a
 * handle whose message is gone is InvalidParameterValue, not MessageNotInflight
 * (test_change_visibility_on_deleted_message_raises_invalid_parameter_value).
 */
function errorAsAws(action: string, body: Body, reply: FastifyReply, payload: Body, header: string): Body {
  const type = String(payload['__type'] ?? '');
  let answer = awsSqsError(type, header, String(payload['message'] ?? ''));
  if (action === 'ChangeMessageVisibility' && type.endsWith('#MessageNotInflight')) {
    const reason = 'Message does not exist or is not available for visibility timeout change.';
    answer = sqsErrorAnswer('InvalidParameterValue', `Value ${String(body['ReceiptHandle'])} for parameter ReceiptHandle is invalid. Reason: ${reason}`);
  }
  reply.code(answer.status).header('x-amzn-query-error', answer.queryError);
  return { ...answer.body };
}

const asked = (names: unknown): string[] => (Array.isArray(names) ? names.map(String) : []);

/**
 * ReceiveMessage returns message attributes only when MessageAttributeNames asks for them
 * (test_send_receive_wait_time_seconds: none asked, none returned; fauxqs returned all), and
 * DeadLetterQueueSourceArn among the system attributes of a redriven message when asked
 * (test_dead_letter_queue_message_attributes, "dlq-messages").
 */
function receivedAsAws(body: Body, payload: Body): Body {
  const messages = Array.isArray(payload['Messages']) ? (payload['Messages'] as Received[]) : [];
  const wantsAttributes = asked(body['MessageAttributeNames']).length > 0;
  const system = [...asked(body['AttributeNames']), ...asked(body['MessageSystemAttributeNames'])];
  const wantsSource = system.includes('All') || system.includes('DeadLetterQueueSourceArn');
  for (const message of messages) {
    if (!wantsAttributes) {
      delete message['MessageAttributes'];
      delete message['MD5OfMessageAttributes'];
    }
    const source = message[DEAD_LETTER_SOURCE];
    if (wantsSource && source) message['Attributes'] = { ...(message['Attributes'] as Body | undefined), DeadLetterQueueSourceArn: source };
  }
  return payload;
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

/** Installs the hooks on fauxqs's app; `queueExists` tells whether a queue URL names a queue. */
export function answerSqsAsAws(app: FastifyInstance, queueExists: (queueUrl: string) => boolean): void {
  app.addHook('preHandler', async (request, reply) => {
    const action = actionOf(request);
    if (!action || typeof request.body !== 'object' || request.body === null) return;
    const body = request.body as Body;
    if (!queueExists(String(body['QueueUrl'] ?? ''))) return;
    const refusal = refusalOf(action, body);
    if (refusal) return sendError(reply, refusal);
  });
  app.addHook('preSerialization', async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const action = actionOf(request);
    if (!action || typeof payload !== 'object' || payload === null) return payload;
    const body = (request.body ?? {}) as Body;
    const header = reply.getHeader('x-amzn-query-error');
    if (typeof header === 'string') return errorAsAws(action, body, reply, payload as Body, header);
    if (action === 'ReceiveMessage') return receivedAsAws(body, payload as Body);
    if (action === 'DeleteMessageBatch') return deletedBatchAsAws(body, payload as Body);
    return payload;
  });
}
