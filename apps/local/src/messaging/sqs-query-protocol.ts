import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { escapeXml, queryErrorXml } from './aws-xml';

/**
 * SQS's query protocol (form-encoded `Action=...&Version=2012-11-05`, XML answers), which AWS
 * still serves and older clients still send (AWS CLI 2.9, Debian's; boto before 1.31). fauxqs
 * speaks only SQS's JSON protocol and took every form for SNS (`Unknown action:
 * GetQueueAttributes`). A hook on fauxqs's app turns the form into the JSON request, runs it
 * through the same app (app.inject: the same handlers and AWS-parity hooks as a JSON client),
 * and writes the JSON answer as AWS's XML: flattened lists (`<Message>`, `<Attribute><Name/>
 * <Value/></Attribute>`, `<QueueUrl>`, `<{Action}ResultEntry>`, `<BatchResultErrorEntry>`), the
 * query error code (`AWS.SimpleQueueService.NonExistentQueue`) in `<ErrorResponse>`.
 * The shapes are those of the SQS API reference (2012-11-05, "Query API" examples) and of SQS's
 * Smithy model (the xmlName / xmlFlattened traits @aws-sdk/client-sqs carries).
 */
const XMLNS = 'http://queue.amazonaws.com/doc/2012-11-05/';

const ACTIONS = new Set([
  'CreateQueue', 'DeleteQueue', 'GetQueueUrl', 'ListQueues', 'GetQueueAttributes', 'SetQueueAttributes', 'PurgeQueue',
  'SendMessage', 'SendMessageBatch', 'ReceiveMessage', 'DeleteMessage', 'DeleteMessageBatch', 'ChangeMessageVisibility',
  'ChangeMessageVisibilityBatch', 'TagQueue', 'UntagQueue', 'ListQueueTags', 'ListDeadLetterSourceQueues',
]); // prettier-ignore

const NUMBERS = new Set(['DelaySeconds', 'MaxNumberOfMessages', 'VisibilityTimeout', 'WaitTimeSeconds', 'MaxResults']);
/** query list member -> JSON list */
const LISTS: Readonly<Record<string, string>> = {
  AttributeName: 'AttributeNames',
  MessageAttributeName: 'MessageAttributeNames',
  MessageSystemAttributeName: 'MessageSystemAttributeNames',
  TagKey: 'TagKeys',
};
/** query map entries -> JSON map, with the entry's key and value members */
const MAPS: Readonly<Record<string, readonly [string, string, string]>> = {
  Attribute: ['Attributes', 'Name', 'Value'],
  Tag: ['Tags', 'Key', 'Value'],
  MessageAttribute: ['MessageAttributes', 'Name', 'Value'],
  MessageSystemAttribute: ['MessageSystemAttributes', 'Name', 'Value'],
};

type Tree = { [key: string]: Tree | string };

/** `Attribute.1.Name=x` -> { Attribute: { 1: { Name: 'x' } } } */
function treeOf(form: Record<string, string>): Tree {
  const tree: Tree = {};
  for (const [key, value] of Object.entries(form)) {
    const path = key.split('.');
    let node = tree;
    for (const part of path.slice(0, -1)) node = (typeof node[part] === 'object' ? node[part] : (node[part] = {})) as Tree;
    node[path[path.length - 1] ?? key] = value;
  }
  return tree;
}

const members = (node: Tree | string): Tree[] =>
  typeof node === 'string' ? [] : Object.keys(node).sort((a, b) => Number(a) - Number(b)).map((index) => node[index] as Tree);

/** A query request's tree as the JSON protocol's request. */
function jsonOf(tree: Tree): Record<string, unknown> {
  const json: Record<string, unknown> = {};
  for (const [key, node] of Object.entries(tree)) {
    const map = MAPS[key];
    if (LISTS[key]) json[LISTS[key]] = members(node).map(String);
    else if (map) json[map[0]] = Object.fromEntries(members(node).map((entry) => [entry[map[1]], typeof entry[map[2]] === 'object' ? jsonOf(entry[map[2]] as Tree) : entry[map[2]]]));
    else if (key.endsWith('BatchRequestEntry')) json['Entries'] = members(node).map(jsonOf);
    else if (typeof node !== 'string') json[key] = jsonOf(node);
    else json[key] = NUMBERS.has(key) ? Number(node) : node;
  }
  return json;
}

const element = (name: string, content: string): string => `<${name}>${content}</${name}>`;

function mapXml(entryName: string, keyName: string, valueName: string, map: Record<string, unknown>): string {
  return Object.entries(map)
    .map(([key, value]) => element(entryName, element(keyName, escapeXml(key)) + element(valueName, typeof value === 'object' && value ? fieldsXml(value as Record<string, unknown>, '') : escapeXml(String(value)))))
    .join('');
}

/** A JSON answer's members as the query protocol's XML (lists flattened, maps as Name/Value entries). */
function fieldsXml(fields: Record<string, unknown>, action: string): string {
  return Object.entries(fields)
    .map(([key, value]) => {
      if (key === 'Attributes' || key === 'MessageSystemAttributes') return mapXml('Attribute', 'Name', 'Value', value as Record<string, unknown>);
      if (key === 'MessageAttributes') return mapXml('MessageAttribute', 'Name', 'Value', value as Record<string, unknown>);
      if (key === 'Tags') return mapXml('Tag', 'Key', 'Value', value as Record<string, unknown>);
      if (key === 'QueueUrls' || key === 'queueUrls') return (value as string[]).map((url) => element('QueueUrl', escapeXml(url))).join('');
      if (key === 'Messages') return (value as Record<string, unknown>[]).map((message) => element('Message', fieldsXml(message, action))).join('');
      if (key === 'Successful') return (value as Record<string, unknown>[]).map((entry) => element(`${action}ResultEntry`, fieldsXml(entry, action))).join('');
      if (key === 'Failed') return (value as Record<string, unknown>[]).map((entry) => element('BatchResultErrorEntry', fieldsXml(entry, action))).join('');
      if (value === null || value === undefined) return '';
      return element(key, escapeXml(String(value)));
    })
    .join('');
}

function answerXml(action: string, answer: Record<string, unknown>): string {
  const result = fieldsXml(answer, action);
  const metadata = element('ResponseMetadata', element('RequestId', randomUUID()));
  return `<?xml version="1.0"?><${action}Response xmlns="${XMLNS}">${result ? element(`${action}Result`, result) : ''}${metadata}</${action}Response>`;
}

/** Installs the query protocol on fauxqs's app (a hook before its router, which takes forms for SNS). */
export function serveSqsQueryProtocol(app: FastifyInstance): void {
  app.addHook('preHandler', async (request, reply) => {
    if (!String(request.headers['content-type'] ?? '').includes('x-www-form-urlencoded')) return;
    const form = request.body as Record<string, string> | undefined;
    const action = form?.['Action'];
    if (!form || !action || !ACTIONS.has(action)) return;
    const { Action: _action, Version: _version, ...parameters } = form;
    const answer = await app.inject({
      method: 'POST',
      url: '/',
      headers: { host: request.headers.host ?? '', 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
      payload: JSON.stringify(jsonOf(treeOf(parameters))),
    });
    const json = (answer.body ? JSON.parse(answer.body) : {}) as Record<string, unknown>;
    reply.header('content-type', 'text/xml');
    if (answer.statusCode < 300) return reply.send(answerXml(action, json));
    const [code = 'InternalFailure', type] = String(answer.headers['x-amzn-query-error'] ?? '').split(';');
    // the query protocol words a missing queue its own way (test_sqs.snapshot.json, test_non_existent_queue, queue-does-not-exist-query)
    const message = code === 'AWS.SimpleQueueService.NonExistentQueue' ? 'The specified queue does not exist for this wsdl version.' : String(json['message'] ?? '');
    return reply.code(answer.statusCode).send(queryErrorXml(XMLNS, code, message, type === 'Receiver' ? 'Receiver' : 'Sender'));
  });
}
