/**
 * SQS's error codes as AWS sends them. SQS speaks JSON but stays "query compatible": the JSON
 * `__type` names the error shape, and the `x-amzn-query-error` header carries the code of the
 * old query protocol, which is what the AWS SDK (v3, >= 3.9xx) takes for `error.name` unless a
 * modeled error shape declares that code. fauxqs prefixes every query code with
 * `AWS.SimpleQueueService.`; AWS prefixes only the codes below, so `InvalidParameterValue`
 * reached the SDK as `AWS.SimpleQueueService.InvalidParameterValue`.
 *
 * The codes are the `awsQueryError` traits of SQS's Smithy model (the SDK's
 * @aws-sdk/client-sqs carries them), and the recordings agree: LocalStack's
 * tests/aws/services/sqs/test_sqs.snapshot.json, e.g. test_invalid_batch_id
 * ("AWS.SimpleQueueService.InvalidBatchEntryId"), test_non_existent_queue
 * ("AWS.SimpleQueueService.NonExistentQueue", __type QueueDoesNotExist),
 * test_send_receive_max_number_of_messages (Code "InvalidParameterValue", __type
 * "InvalidParameterValueException"), test_posting_to_fifo_requires_deduplicationid_group_id
 * (Code "MissingParameter", __type "MissingRequiredParameterException").
 */

/** modeled error shape -> its query code and HTTP status (the model's awsQueryError trait) */
const MODELED: Readonly<Record<string, readonly [string, number]>> = {
  BatchEntryIdsNotDistinct: ['AWS.SimpleQueueService.BatchEntryIdsNotDistinct', 400],
  BatchRequestTooLong: ['AWS.SimpleQueueService.BatchRequestTooLong', 400],
  EmptyBatchRequest: ['AWS.SimpleQueueService.EmptyBatchRequest', 400],
  InvalidAddress: ['InvalidAddress', 404],
  InvalidBatchEntryId: ['AWS.SimpleQueueService.InvalidBatchEntryId', 400],
  InvalidSecurity: ['InvalidSecurity', 403],
  MessageNotInflight: ['AWS.SimpleQueueService.MessageNotInflight', 400],
  OverLimit: ['OverLimit', 403],
  PurgeQueueInProgress: ['AWS.SimpleQueueService.PurgeQueueInProgress', 403],
  QueueDeletedRecently: ['AWS.SimpleQueueService.QueueDeletedRecently', 400],
  QueueDoesNotExist: ['AWS.SimpleQueueService.NonExistentQueue', 400],
  QueueNameExists: ['QueueAlreadyExists', 400],
  ReceiptHandleIsInvalid: ['ReceiptHandleIsInvalid', 404],
  RequestThrottled: ['RequestThrottled', 403],
  ResourceNotFoundException: ['ResourceNotFoundException', 404],
  TooManyEntriesInBatchRequest: ['AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 400],
  UnsupportedOperation: ['AWS.SimpleQueueService.UnsupportedOperation', 400],
};

/** query code -> the JSON `__type` AWS sends for codes that have no modeled shape of that name */
const UNMODELED_TYPES: Readonly<Record<string, string>> = {
  InvalidParameterValue: 'InvalidParameterValueException',
  MissingParameter: 'MissingRequiredParameterException',
};

const byQueryCode = new Map(Object.entries(MODELED).map(([shape, [code]]) => [code, shape]));
const PREFIX = 'AWS.SimpleQueueService.';

/** An SQS error as AWS's JSON protocol sends it. */
export interface SqsErrorAnswer {
  readonly status: number;
  /** the x-amzn-query-error header: `<query code>;Sender|Receiver` */
  readonly queryError: string;
  readonly body: { readonly __type: string; readonly message: string };
}

/** The answer AWS gives for an error of this code (a modeled shape's name or a query code). */
export function sqsErrorAnswer(code: string, message: string, fault: 'Sender' | 'Receiver' = 'Sender', status?: number): SqsErrorAnswer {
  const modeled = MODELED[code] ?? MODELED[byQueryCode.get(code) ?? ''];
  const queryCode = modeled?.[0] ?? code;
  const shape = byQueryCode.get(queryCode) ?? UNMODELED_TYPES[queryCode] ?? queryCode;
  return {
    status: status ?? modeled?.[1] ?? 400,
    queryError: `${queryCode};${fault}`,
    body: { __type: `com.amazonaws.sqs#${shape}`, message },
  };
}

/**
 * fauxqs's error (its `__type` and its prefixed header) as AWS answers it: the query code with
 * the prefix only where AWS has one, and the JSON type AWS uses for it.
 */
export function awsSqsError(fauxqsType: string, queryErrorHeader: string, message: string): SqsErrorAnswer {
  const [headerCode = '', fault = 'Sender'] = queryErrorHeader.split(';');
  const bare = headerCode.startsWith(PREFIX) ? headerCode.slice(PREFIX.length) : headerCode;
  const shape = fauxqsType.slice(fauxqsType.lastIndexOf('#') + 1);
  const code = MODELED[shape] ? shape : bare;
  return sqsErrorAnswer(code, message, fault === 'Receiver' ? 'Receiver' : 'Sender');
}

/**
 * The name the AWS SDK gives an SQS error (`error.name`): the modeled shape that declares the
 * header's query code, else the query code itself; without the header, the JSON type's name.
 */
export function sdkErrorName(queryErrorHeader: string | undefined, type: string): string {
  const code = queryErrorHeader?.split(';')[0];
  if (code) return byQueryCode.get(code) ?? code;
  return type.slice(type.lastIndexOf('#') + 1) || 'UnknownError';
}
