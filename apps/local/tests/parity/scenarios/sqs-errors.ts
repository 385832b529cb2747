import {
  ChangeMessageVisibilityBatchCommand,
  ChangeMessageVisibilityCommand,
  DeleteMessageBatchCommand,
  DeleteMessageCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
} from '@aws-sdk/client-sqs';
import type { Json } from '../support/compare';
import { sdkError } from '../support/observe';
import type { ParityContext } from '../support/parity-system';
import type { Scenario } from '../support/scenario';

const LS = 'LocalStack tests/aws/services/sqs/test_sqs.py::TestSqsProvider';
const MOTO = 'moto tests/test_sqs/test_sqs.py';

/**
 * An SQS error as the JS SDK shows it: `name` is the modelled exception whose awsQueryError code
 * is the recorded Code (@aws-sdk/client-sqs's schema), or the recorded Code itself when no
 * exception is modelled for it; `code`/`type` are the recorded query-compatible Code and Type.
 */
const sqsError = (status: number, name: string, code: string, message: string): Json => ({ status, name, code, type: 'Sender', message });

/** Those fields of an error; a success stays `{ error: null }`, so that it reads as one. */
const pick = (value: Json, keys: readonly string[]): Json =>
  (value as Record<string, Json>)['error'] === null ? value : Object.fromEntries(keys.map((key) => [key, (value as Record<string, Json>)[key] ?? null]));

async function receivedHandle(context: ParityContext, url: string): Promise<string> {
  await context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'foo' }));
  const { Messages = [] } = await context.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, WaitTimeSeconds: 1 }));
  return Messages[0]?.ReceiptHandle ?? '';
}

const INVALID_BATCH_ID = 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.';
const LONG_ID = 'testLongId'.repeat(10);

function deleteBatchInvalidId(label: string, id: string): Scenario {
  return {
    id: `sqs.DeleteMessageBatch.invalid-entry-id-${label}`,
    service: 'sqs',
    operation: 'DeleteMessageBatch',
    name: `an entry id ${label} is InvalidBatchEntryId`,
    source: `${LS}::test_delete_message_batch_invalid_msg_id[sqs-${id}], recorded 30-04-2024 (test_sqs.snapshot.json)`,
    expected: sqsError(400, 'InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId', INVALID_BATCH_ID),
    async run(context) {
      const { url } = await context.createQueue('dmb-id');
      const handle = await receivedHandle(context, url);
      return sdkError(() => context.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: id, ReceiptHandle: handle }] })));
    },
  };
}

function tooLargeBatch(operation: 'DeleteMessageBatch' | 'ChangeMessageVisibilityBatch', test: string): Scenario {
  return {
    id: `sqs.${operation}.too-many-entries`,
    service: 'sqs',
    operation,
    name: '20 entries is TooManyEntriesInBatchRequest',
    source: `${LS}::${test}[sqs] (test_sqs.snapshot.json)`,
    expected: sqsError(400, 'TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'Maximum number of entries per request are 10. You have sent 20.'),
    async run(context) {
      const { url } = await context.createQueue('batch-20');
      const handle = await receivedHandle(context, url);
      const entries = Array.from({ length: 20 }, (_, i) => ({ Id: `id_${i}`, ReceiptHandle: handle }));
      if (operation === 'DeleteMessageBatch') return sdkError(() => context.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: entries })));
      const Entries = entries.map((entry) => ({ ...entry, VisibilityTimeout: 0 }));
      return sdkError(() => context.sqs.send(new ChangeMessageVisibilityBatchCommand({ QueueUrl: url, Entries })));
    },
  };
}

export const sqsErrorScenarios: readonly Scenario[] = [
  tooLargeBatch('DeleteMessageBatch', 'test_delete_message_batch_with_too_large_batch'),
  tooLargeBatch('ChangeMessageVisibilityBatch', 'test_change_message_visibility_batch_with_too_large_batch'),
  {
    id: 'sqs.DeleteMessage.garbage-receipt-handle',
    service: 'sqs',
    operation: 'DeleteMessage',
    name: 'a receipt handle that was never issued is ReceiptHandleIsInvalid',
    source: `${LS}::test_delete_message_with_illegal_receipt_handle (aws.validated; asserts Code and Message)`,
    expected: { name: 'ReceiptHandleIsInvalid', code: 'ReceiptHandleIsInvalid', message: 'The input receipt handle "garbage" is not a valid receipt handle.' },
    async run(context) {
      const { url } = await context.createQueue('dm-garbage');
      const error = await sdkError(() => context.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: 'garbage' })));
      return pick(error, ['name', 'code', 'message']);
    },
  },
  {
    id: 'sqs.DeleteMessage.deleted-receipt-handle',
    service: 'sqs',
    operation: 'DeleteMessage',
    name: 'deleting with the handle of a deleted message succeeds, again and again',
    source: `${LS}::test_delete_message_with_deleted_receipt_handle (aws.validated: three deletes, no error)`,
    expected: [{ error: null }, { error: null }, { error: null }],
    async run(context) {
      const { url } = await context.createQueue('dm-deleted');
      const handle = await receivedHandle(context, url);
      const results: Json[] = [];
      for (let i = 0; i < 3; i++) results.push(await sdkError(() => context.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: handle }))));
      return results;
    },
  },
  deleteBatchInvalidId('empty', ''),
  deleteBatchInvalidId('of-100-characters', LONG_ID),
  deleteBatchInvalidId('with-a-colon', 'invalid:id'),
  {
    id: 'sqs.DeleteMessageBatch.zero-entries',
    service: 'sqs',
    operation: 'DeleteMessageBatch',
    name: 'no entries is EmptyBatchRequest',
    source: `${MOTO}::test_delete_message_batch_with_zero_entries (aws_verified; asserts Code and Message)`,
    expected: {
      name: 'EmptyBatchRequest',
      code: 'AWS.SimpleQueueService.EmptyBatchRequest',
      message: 'There should be at least one DeleteMessageBatchRequestEntry in the request.',
    },
    async run(context) {
      const { url } = await context.createQueue('dmb-empty');
      return pick(await sdkError(() => context.sqs.send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: [] }))), ['name', 'code', 'message']);
    },
  },
  {
    id: 'sqs.SendMessageBatch.invalid-entry-id',
    service: 'sqs',
    operation: 'SendMessageBatch',
    name: 'an entry id with a colon is InvalidBatchEntryId',
    source: `${LS}::test_invalid_batch_id[sqs], recorded 30-04-2024 (test_sqs.snapshot.json)`,
    expected: sqsError(400, 'InvalidBatchEntryId', 'AWS.SimpleQueueService.InvalidBatchEntryId', INVALID_BATCH_ID),
    async run(context) {
      const { url } = await context.createQueue('smb-id');
      return sdkError(() => context.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [{ Id: 'message:abc123', MessageBody: 'body' }] })));
    },
  },
  {
    id: 'sqs.SendMessageBatch.too-many-entries',
    service: 'sqs',
    operation: 'SendMessageBatch',
    name: '20 entries is TooManyEntriesInBatchRequest',
    source: `${LS}::test_too_many_entries_in_batch_request[sqs], recorded 30-04-2024 (test_sqs.snapshot.json)`,
    expected: sqsError(
      400,
      'TooManyEntriesInBatchRequest',
      'AWS.SimpleQueueService.TooManyEntriesInBatchRequest',
      'Maximum number of entries per request are 10. You have sent 20.',
    ),
    async run(context) {
      const { url } = await context.createQueue('smb-many');
      const Entries = Array.from({ length: 20 }, (_, i) => ({ Id: `id_${i}`, MessageBody: `body_${i}` }));
      return sdkError(() => context.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries })));
    },
  },
  {
    id: 'sqs.SendMessageBatch.zero-entries',
    service: 'sqs',
    operation: 'SendMessageBatch',
    name: 'no entries is EmptyBatchRequest',
    source: `${MOTO}::test_send_message_batch_errors (aws_verified; asserts the Message)`,
    expected: { name: 'EmptyBatchRequest', message: 'There should be at least one SendMessageBatchRequestEntry in the request.' },
    async run(context) {
      const { url } = await context.createQueue('smb-empty');
      return pick(await sdkError(() => context.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries: [] }))), ['name', 'message']);
    },
  },
  {
    id: 'sqs.SendMessageBatch.repeated-ids',
    service: 'sqs',
    operation: 'SendMessageBatch',
    name: 'a repeated entry id is BatchEntryIdsNotDistinct, naming the first repeated id',
    source: `${MOTO}::test_send_message_batch_errors (aws_verified; asserts the Message)`,
    expected: { name: 'BatchEntryIdsNotDistinct', message: 'Id id_2 repeated.' },
    async run(context) {
      const { url } = await context.createQueue('smb-repeat');
      const Entries = ['id_1', 'id_2', 'id_2', 'id_1'].map((Id) => ({ Id, MessageBody: `body of ${Id}` }));
      return pick(await sdkError(() => context.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries }))), ['name', 'message']);
    },
  },
  {
    id: 'sqs.SendMessageBatch.too-long',
    service: 'sqs',
    operation: 'SendMessageBatch',
    name: 'a batch over 1 MiB is BatchRequestTooLong',
    source: `${MOTO}::test_send_message_batch_errors (aws_verified; asserts the Message)`,
    expected: { name: 'BatchRequestTooLong', message: 'Batch requests cannot be longer than 1048576 bytes. You have sent 1048577 bytes.' },
    async run(context) {
      const { url } = await context.createQueue('smb-long');
      const Entries = [{ Id: 'id_1', MessageBody: 'b'.repeat(1_048_577) }];
      return pick(await sdkError(() => context.sqs.send(new SendMessageBatchCommand({ QueueUrl: url, Entries }))), ['name', 'message']);
    },
  },
  {
    id: 'sqs.SendMessage.empty-body',
    service: 'sqs',
    operation: 'SendMessage',
    name: 'an empty body is MissingParameter',
    source: `${LS}::test_send_empty_message[sqs], recorded 22-09-2025 (test_sqs.snapshot.json)`,
    expected: sqsError(400, 'MissingParameter', 'MissingParameter', 'The request must contain the parameter MessageBody.'),
    async run(context) {
      const { url } = await context.createQueue('sm-empty');
      return sdkError(() => context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: '' })));
    },
  },
  {
    id: 'sqs.SendMessage.oversized-with-attributes',
    service: 'sqs',
    operation: 'SendMessage',
    name: 'body plus message attributes one byte over 1 MiB is InvalidParameterValue (attributes count)',
    source: `${LS}::test_send_oversized_message[sqs], recorded 19-08-2025 (test_sqs.snapshot.json)`,
    expected: sqsError(400, 'InvalidParameterValue', 'InvalidParameterValue', 'One or more parameters are invalid. Reason: Message must be shorter than 1048576 bytes.'),
    async run(context) {
      const { url } = await context.createQueue('sm-big');
      const attributesSize = 'k'.length + 'String'.length + 'x'.length;
      const MessageBody = 'a'.repeat(1_048_576 - attributesSize + 1);
      const MessageAttributes = { k: { DataType: 'String', StringValue: 'x' } };
      return sdkError(() => context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody, MessageAttributes })));
    },
  },
  {
    id: 'sqs.ReceiveMessage.max-number-11',
    service: 'sqs',
    operation: 'ReceiveMessage',
    name: 'MaxNumberOfMessages 11 is InvalidParameterValue',
    source: `${LS}::test_send_receive_max_number_of_messages[sqs] (test_sqs.snapshot.json)`,
    expected: sqsError(400, 'InvalidParameterValue', 'InvalidParameterValue', 'Value 11 for parameter MaxNumberOfMessages is invalid. Reason: Must be between 1 and 10, if provided.'),
    async run(context) {
      const { url } = await context.createQueue('rm-11');
      await context.sqs.send(new SendMessageCommand({ QueueUrl: url, MessageBody: 'message' }));
      return sdkError(() => context.sqs.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 11 })));
    },
  },
  {
    id: 'sqs.ChangeMessageVisibility.garbage-receipt-handle',
    service: 'sqs',
    operation: 'ChangeMessageVisibility',
    name: 'a receipt handle that was never issued is ReceiptHandleIsInvalid',
    source: `${LS}::test_invalid_receipt_handle_should_return_error_message (aws.validated; matches ReceiptHandleIsInvalid)`,
    expected: { name: 'ReceiptHandleIsInvalid', code: 'ReceiptHandleIsInvalid' },
    async run(context) {
      const { url } = await context.createQueue('cmv-garbage');
      const error = await sdkError(() =>
        context.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: 'INVALID', VisibilityTimeout: 60 })),
      );
      return pick(error, ['name', 'code']);
    },
  },
  {
    id: 'sqs.ChangeMessageVisibility.deleted-message',
    service: 'sqs',
    operation: 'ChangeMessageVisibility',
    name: 'the handle of a deleted message is InvalidParameterValue',
    source: `${LS}::test_change_visibility_on_deleted_message_raises_invalid_parameter_value (aws.validated; asserts Code and Message)`,
    expected: {
      code: 'InvalidParameterValue',
      message: 'Value <handle> for parameter ReceiptHandle is invalid. Reason: Message does not exist or is not available for visibility timeout change.',
    },
    async run(context) {
      const { url } = await context.createQueue('cmv-deleted');
      const handle = await receivedHandle(context, url);
      await context.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 42 }));
      await context.sqs.send(new DeleteMessageCommand({ QueueUrl: url, ReceiptHandle: handle }));
      const error = (await sdkError(() =>
        context.sqs.send(new ChangeMessageVisibilityCommand({ QueueUrl: url, ReceiptHandle: handle, VisibilityTimeout: 42 })),
      )) as Record<string, Json>;
      return { code: error['code'] ?? null, message: String(error['message'] ?? '').replace(handle, '<handle>') };
    },
  },
  {
    id: 'sqs.GetQueueAttributes.non-existent-queue',
    service: 'sqs',
    operation: 'GetQueueAttributes',
    name: 'a deleted queue is QueueDoesNotExist (NonExistentQueue)',
    source: `${LS}::test_non_existent_queue (queue-does-not-exist), recorded 30-04-2024 (test_sqs.snapshot.json)`,
    expected: sqsError(400, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.'),
    async run(context) {
      const { url } = await context.createQueue('gqa-missing');
      const missing = `${url}-not-there`;
      return sdkError(() => context.sqs.send(new GetQueueAttributesCommand({ QueueUrl: missing, AttributeNames: ['All'] })));
    },
  },
  {
    id: 'sqs.GetQueueUrl.non-existent-queue',
    service: 'sqs',
    operation: 'GetQueueUrl',
    name: 'an unknown name is QueueDoesNotExist (NonExistentQueue)',
    source: `${LS}::test_non_existent_queue (queue-does-not-exist-url), recorded 30-04-2024 (test_sqs.snapshot.json)`,
    expected: sqsError(400, 'QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'The specified queue does not exist.'),
    async run(context) {
      return sdkError(() => context.sqs.send(new GetQueueUrlCommand({ QueueName: context.unique('never-created') })));
    },
  },
];
