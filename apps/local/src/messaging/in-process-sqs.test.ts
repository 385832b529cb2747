import type { FastifyInstance } from 'fastify';
import { ServiceError } from '../service-call';
import { inProcessSqs } from './in-process-sqs';

type Injected = { method: string; url: string; headers: Record<string, string>; payload: string };

/** fauxqs's router stands behind app.inject; here a fake answers as it does. */
function fakeApp(statusCode: number, body: string, headers: Record<string, string> = {}): { app: FastifyInstance; requests: Injected[] } {
  const requests: Injected[] = [];
  const app = {
    inject: async (request: Injected) => {
      requests.push(request);
      return { statusCode, body, headers };
    },
  } as unknown as FastifyInstance;
  return { app, requests };
}

describe('the in-process SQS API', () => {
  it('sends the action as the JSON protocol does and answers its JSON', async () => {
    const { app, requests } = fakeApp(200, '{"MessageId":"m-1","MD5OfMessageBody":"abc"}');
    await expect(inProcessSqs(app)('SendMessage', { QueueUrl: 'http://q', MessageBody: 'hi' })).resolves.toEqual({
      MessageId: 'm-1',
      MD5OfMessageBody: 'abc',
    });
    expect(requests).toEqual([
      {
        method: 'POST',
        url: '/',
        headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': 'AmazonSQS.SendMessage' },
        payload: '{"QueueUrl":"http://q","MessageBody":"hi"}',
      },
    ]);
  });

  it('raises an error answer under the name the SDK would give it', async () => {
    const { app } = fakeApp(400, '{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"The specified queue does not exist."}');
    const error = await inProcessSqs(app)('ReceiveMessage', { QueueUrl: 'http://nope' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServiceError);
    expect(error).toMatchObject({ name: 'QueueDoesNotExist', message: 'The specified queue does not exist.', status: 400 });
  });

  it('names an error by its query code, as the SDK does for SQS (query compatible)', async () => {
    const invalid = fakeApp(400, '{"__type":"com.amazonaws.sqs#InvalidParameterValueException","message":"bad"}', {
      'x-amzn-query-error': 'InvalidParameterValue;Sender',
    });
    await expect(inProcessSqs(invalid.app)('ReceiveMessage', {})).rejects.toMatchObject({ name: 'InvalidParameterValue' });
    const missing = fakeApp(400, '{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"gone"}', {
      'x-amzn-query-error': 'AWS.SimpleQueueService.NonExistentQueue;Sender',
    });
    await expect(inProcessSqs(missing.app)('ReceiveMessage', {})).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
  });

  it('reports an answer that is not JSON instead of failing to parse it', async () => {
    const { app } = fakeApp(500, 'Internal Server Error');
    await expect(inProcessSqs(app)('DeleteMessageBatch', {})).rejects.toMatchObject({
      name: 'InternalFailure',
      message: 'SQS DeleteMessageBatch answered 500 with a body that is not JSON',
    });
  });
});
