import { GetQueueAttributesCommand } from '@aws-sdk/client-sqs';
import type { Json } from '../support/compare';
import type { ParityContext } from '../support/parity-system';
import { Unsupported, type Scenario } from '../support/scenario';

const LS = 'LocalStack tests/aws/services/sqs/test_sqs.py::TestSqsProvider';
const QUERY_DOCS = 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-making-api-requests-xml.html';

/** The attributes of a queue created with the recording's attributes, as AWS answered them (All). */
const CREATED_ATTRIBUTES: Record<string, Json> = {
  ApproximateNumberOfMessages: '0',
  ApproximateNumberOfMessagesDelayed: '0',
  ApproximateNumberOfMessagesNotVisible: '0',
  CreatedTimestamp: '<timestamp>',
  DelaySeconds: '0',
  LastModifiedTimestamp: '<timestamp>',
  MaximumMessageSize: '1048576',
  MessageRetentionPeriod: '604800',
  QueueArn: '<queue-arn>',
  ReceiveMessageWaitTimeSeconds: '10',
  SqsManagedSseEnabled: 'true',
  VisibilityTimeout: '20',
};
const CREATE_WITH = { MessageRetentionPeriod: '604800', ReceiveMessageWaitTimeSeconds: '10', VisibilityTimeout: '20' };

interface QueryAnswer {
  readonly status: number;
  readonly xml: string;
}

/**
 * An SQS query-protocol request as AWS CLI 2.9 (Debian's packaged one) and other older clients
 * send it: a form-encoded POST to the endpoint, Version 2012-11-05. Unsigned: the local
 * endpoints accept any credentials, and a signature is not what is compared here.
 */
async function query(context: ParityContext, parameters: Record<string, string>): Promise<QueryAnswer> {
  const body = new URLSearchParams({ ...parameters, Version: '2012-11-05' }).toString();
  const response = await fetch(context.endpoints.endpoints.sqs + '/', {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded; charset=utf-8' },
    body,
  });
  const xml = await response.text();
  if (/Unknown action|UnknownOperation|InvalidAction/i.test(xml)) throw new Unsupported(`the query protocol is not served: ${xml.slice(0, 200)}`);
  return { status: response.status, xml };
}

const element = (xml: string, name: string): string | null => new RegExp(`<${name}>([\\s\\S]*?)</${name}>`).exec(xml)?.[1] ?? null;
const rootOf = (xml: string): string | null => /<([A-Za-z]+)[\s>]/.exec(xml.replace(/^<\?xml[^>]*\?>\s*/, ''))?.[1] ?? null;
const queryError = ({ status, xml }: QueryAnswer): Json => ({
  status,
  root: rootOf(xml),
  code: element(xml, 'Code'),
  type: element(xml, 'Type'),
  message: element(xml, 'Message'),
});

function attributesOf(xml: string, queueArn: string): Record<string, Json> {
  const attributes: Record<string, Json> = {};
  for (const [, name = '', value = ''] of xml.matchAll(/<Attribute>\s*<Name>([^<]*)<\/Name>\s*<Value>([^<]*)<\/Value>\s*<\/Attribute>/g)) {
    attributes[name] = name === 'QueueArn' && value === queueArn ? '<queue-arn>' : value;
  }
  return attributes;
}

export const sqsQueryScenarios: readonly Scenario[] = [
  {
    id: 'sqs.GetQueueAttributes.All',
    service: 'sqs',
    operation: 'GetQueueAttributes',
    name: 'All attributes of a new queue (JSON protocol, the SDK)',
    source: `${LS}::test_create_and_update_queue_attributes[sqs] (get_queue_attributes), recorded 19-08-2025`,
    expected: CREATED_ATTRIBUTES,
    async run(context) {
      const { url, arn } = await context.createQueue('gqa-all', CREATE_WITH);
      const { Attributes = {} } = await context.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ['All'] }));
      return { ...Attributes, ...(Attributes['QueueArn'] === arn && { QueueArn: '<queue-arn>' }) };
    },
  },
  {
    id: 'sqs.query.GetQueueAttributes',
    service: 'sqs',
    operation: 'GetQueueAttributes (query protocol)',
    name: 'Action=GetQueueAttributes, form-encoded (AWS CLI 2.9): the XML answer with every attribute',
    source: `${LS}::test_create_and_update_queue_attributes[sqs_query], recorded 19-08-2025; XML shape: ${QUERY_DOCS}`,
    expected: { status: 200, root: 'GetQueueAttributesResponse', attributes: CREATED_ATTRIBUTES },
    async run(context) {
      const { url, arn } = await context.createQueue('q-gqa', CREATE_WITH);
      const answer = await query(context, { Action: 'GetQueueAttributes', QueueUrl: url, 'AttributeName.1': 'All' });
      return { status: answer.status, root: rootOf(answer.xml), attributes: attributesOf(answer.xml, arn) };
    },
  },
  {
    id: 'sqs.query.SendMessage',
    service: 'sqs',
    operation: 'SendMessage (query protocol)',
    name: 'Action=SendMessage: the XML answer with the MD5 of the body',
    source: `${LS}::test_send_receive_max_number_of_messages[sqs_query] (a query SendMessage answered with a MessageId); MD5 of "msg" as recorded in test_receive_message_message_attribute_names_filters; XML shape: ${QUERY_DOCS}`,
    expected: { status: 200, root: 'SendMessageResponse', md5: '6e2baaf3b97dbeef01c0043275f9a0e7', messageId: true },
    async run(context) {
      const { url } = await context.createQueue('q-sm');
      const answer = await query(context, { Action: 'SendMessage', QueueUrl: url, MessageBody: 'msg' });
      return { status: answer.status, root: rootOf(answer.xml), md5: element(answer.xml, 'MD5OfMessageBody'), messageId: Boolean(element(answer.xml, 'MessageId')) };
    },
  },
  {
    id: 'sqs.query.DeleteMessageBatch.invalid-entry-id',
    service: 'sqs',
    operation: 'DeleteMessageBatch (query protocol)',
    name: 'an entry id with a colon: the XML error AWS.SimpleQueueService.InvalidBatchEntryId',
    source: `${LS}::test_delete_message_batch_invalid_msg_id[sqs_query-invalid:id], recorded 30-04-2024`,
    expected: {
      status: 400,
      root: 'ErrorResponse',
      code: 'AWS.SimpleQueueService.InvalidBatchEntryId',
      type: 'Sender',
      message: 'A batch entry id can only contain alphanumeric characters, hyphens and underscores. It can be at most 80 letters long.',
    },
    async run(context) {
      const { url } = await context.createQueue('q-dmb');
      return queryError(
        await query(context, {
          Action: 'DeleteMessageBatch',
          QueueUrl: url,
          'DeleteMessageBatchRequestEntry.1.Id': 'invalid:id',
          'DeleteMessageBatchRequestEntry.1.ReceiptHandle': 'garbage',
        }),
      );
    },
  },
  {
    id: 'sqs.query.GetQueueAttributes.non-existent-queue',
    service: 'sqs',
    operation: 'GetQueueAttributes (query protocol)',
    name: 'a missing queue: the XML error AWS.SimpleQueueService.NonExistentQueue',
    source: `${LS}::test_non_existent_queue (queue-does-not-exist-query), recorded 30-04-2024`,
    expected: {
      status: 400,
      root: 'ErrorResponse',
      code: 'AWS.SimpleQueueService.NonExistentQueue',
      type: 'Sender',
      message: 'The specified queue does not exist for this wsdl version.',
    },
    async run(context) {
      const { url } = await context.createQueue('q-missing');
      return queryError(await query(context, { Action: 'GetQueueAttributes', QueueUrl: `${url}-not-there`, 'AttributeName.1': 'All' }));
    },
  },
];
