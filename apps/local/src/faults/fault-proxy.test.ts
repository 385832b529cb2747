import { createServer, type Server } from 'node:http';
import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { clientConfig } from '../aws-identity';
import { close, listen } from '../http/listen';
import { FaultInjector } from './fault-injector';
import { startFaultProxy } from './fault-proxy';
import { dynamoDbError, sqsError } from './service-errors';

let upstream: Server;
let upstreamUrl: string;
let forwarded = 0;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    forwarded++;
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
      res.end('{}');
    });
  });
  upstreamUrl = `http://127.0.0.1:${await listen(upstream, 0, 'upstream', '')}`;
});

afterAll(() => close(upstream));

it.each([
  ['throttle', 'ProvisionedThroughputExceededException', 400],
  ['error', 'InternalServerError', 500],
] as const)('answers dynamodb.%s as DynamoDB does: the SDK sees %s (%d)', async (kind, name, status) => {
  await using proxy = await startFaultProxy(upstreamUrl, 'DynamoDB', () => dynamoDbError(kind));
  const client = new DynamoDBClient({ ...clientConfig(proxy.endpoint), maxAttempts: 1 });
  const error = (await client.send(new GetItemCommand({ TableName: 't', Key: { id: { S: '1' } } })).catch((e: unknown) => e)) as {
    name: string;
    $metadata: { httpStatusCode: number };
    $retryable?: unknown;
  };
  client.destroy();
  expect([error.name, error.$metadata.httpStatusCode]).toEqual([name, status]);
});

it('answers sqs.error as SQS does: the SDK sees InternalError (500)', async () => {
  await using proxy = await startFaultProxy(upstreamUrl, 'SQS', () => sqsError());
  const client = new SQSClient({ ...clientConfig(proxy.endpoint), maxAttempts: 1 });
  const error = (await client.send(new SendMessageCommand({ QueueUrl: `${proxy.endpoint}/000000000000/q`, MessageBody: 'x' })).catch((e: unknown) => e)) as {
    name: string;
    $metadata: { httpStatusCode: number };
  };
  client.destroy();
  expect([error.name, error.$metadata.httpStatusCode]).toEqual(['InternalError', 500]);
});

it('forwards every call it does not fail', async () => {
  const before = forwarded;
  await using proxy = await startFaultProxy(upstreamUrl, 'DynamoDB', () => undefined);
  const client = new DynamoDBClient(clientConfig(proxy.endpoint));
  await client.send(new GetItemCommand({ TableName: 't', Key: { id: { S: '1' } } }));
  client.destroy();
  expect(forwarded).toBe(before + 1);
});

describe('FaultInjector', () => {
  it('fires about as often as planned, counts each kind, and repeats for the same seed', () => {
    const draw = (seed: string): boolean[] => {
      const faults = new FaultInjector({ 'lambda.crash': 0.1 }, seed);
      return Array.from({ length: 2000 }, () => faults.roll('lambda.crash'));
    };
    const fired = draw('a').filter(Boolean).length;
    expect(fired).toBeGreaterThan(140);
    expect(fired).toBeLessThan(260);
    expect(draw('a')).toEqual(draw('a'));
    expect(draw('b')).not.toEqual(draw('a'));
    const faults = new FaultInjector({ 'sqs.error': 1 }, 'x');
    expect([faults.roll('sqs.error'), faults.roll('lambda.throttle')]).toEqual([true, false]);
    expect(faults.counts['sqs.error']).toBe(1);
    expect(faults.summary()).toBe('sqs.error 1');
  });
});
