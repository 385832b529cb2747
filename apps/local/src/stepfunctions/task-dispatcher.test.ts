import type { InvokeResult } from '../lambda/execution-environment';
import { errorNameOf, ServiceError, type ServiceCall } from '../service-call';
import { functionNameOf, TaskDispatcher, TaskError, type FunctionInvoker, type ServiceCalls } from './task-dispatcher';
import { StartupError } from '../startup-error';
import { FaultInjector } from '../faults/fault-injector';

const unreachable: ServiceCall = () => Promise.reject(new Error('not called in this test'));
const noServices: ServiceCalls = { dynamodb: unreachable, sqs: unreachable, sns: unreachable };

function dispatcher(answer: InvokeResult | undefined, calls: unknown[][] = [], services: ServiceCalls = noServices): TaskDispatcher {
  const invoke: FunctionInvoker = async (...args) => {
    calls.push(args);
    return answer;
  };
  return new TaskDispatcher(invoke, services);
}

/** A service that records each call and answers with `answer` (or throws it, if it is an Error). */
function recording(answer: Record<string, unknown> | Error): { call: ServiceCall; calls: [string, Record<string, unknown>][] } {
  const calls: [string, Record<string, unknown>][] = [];
  return {
    calls,
    call: async (action, request) => {
      calls.push([action, request]);
      if (answer instanceof Error) throw answer;
      return answer;
    },
  };
}

describe('the Task dispatcher', () => {
  it('reads the function name from a name or an ARN', () => {
    expect(functionNameOf('validator')).toBe('validator');
    expect(functionNameOf('arn:aws:lambda:us-east-1:000000000000:function:order-storage')).toBe('order-storage');
    expect(functionNameOf('arn:aws:lambda:us-east-1:000000000000:function:order-storage:live')).toBe('order-storage');
  });

  it('answers lambda:invoke as Step Functions does, with the payload under Payload', async () => {
    const calls: unknown[][] = [];
    const run = dispatcher({ ok: true, payload: '{"valid":true}' }, calls).handlerFor('arn:aws:states:::lambda:invoke', 'ValidateOrder');
    await expect(run({ FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:validator', Payload: { a: 1 } })).resolves.toEqual({
      ExecutedVersion: '$LATEST',
      Payload: { valid: true },
      StatusCode: 200,
    });
    expect(calls).toEqual([['validator', { a: 1 }, false]]);
  });

  it('raises a function error under its errorType, with the error payload as Cause, for Retry and Catch', async () => {
    const run = dispatcher({ ok: false, error: { errorType: 'IdempotencyConflictError', errorMessage: 'taken' } }).handlerFor(
      'arn:aws:states:::lambda:invoke',
      'StoreOrder',
    );
    const error = await run({ FunctionName: 'order-storage', Payload: {} }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TaskError);
    expect(error).toMatchObject({ name: 'IdempotencyConflictError' });
    expect(JSON.parse((error as Error).message)).toEqual({ errorType: 'IdempotencyConflictError', errorMessage: 'taken' });
    const missing = await dispatcher(undefined)
      .handlerFor(
        'arn:aws:states:::lambda:invoke',
        'X',
      )({ FunctionName: 'nope' })
      .catch((e: unknown) => e);
    expect(missing).toMatchObject({ name: 'Lambda.ResourceNotFoundException' });
  });

  it('returns the bare payload for a Lambda ARN resource', async () => {
    const run = dispatcher({ ok: true, payload: '[1,2]' }).handlerFor('arn:aws:lambda:us-east-1:000000000000:function:validator', 'X');
    await expect(run({})).resolves.toEqual([1, 2]);
  });

  it('refuses at start-up what it cannot run locally', () => {
    const d = dispatcher(undefined);
    expect(() => d.handlerFor('arn:aws:states:::lambda:invoke.waitForTaskToken', 'X')).toThrow(StartupError);
    expect(() => d.handlerFor('arn:aws:states:::ecs:runTask.sync', 'X')).toThrow(StartupError);
    expect(() => d.handlerFor('arn:aws:states:::sqs:noSuchAction', 'X')).toThrow(
      'Task resource arn:aws:states:::sqs:noSuchAction is not supported locally',
    );
    expect(() => d.handlerFor('arn:aws:states:::sqs:sendMessage', 'X')).not.toThrow();
    expect(() => d.handlerFor('arn:aws:states:::dynamodb:putItem', 'X')).not.toThrow();
    expect(() => d.handlerFor('arn:aws:states:::aws-sdk:sns:publish', 'X')).not.toThrow();
  });

  it('sends an optimized integration its action with the Parameters as the request, a JSON MessageBody as text', async () => {
    const sqs = recording({ MessageId: 'm-1', MD5OfMessageBody: 'abc' });
    const run = dispatcher(undefined, [], { ...noServices, sqs: sqs.call }).handlerFor('arn:aws:states:::sqs:sendMessage', 'EnqueueOrder');
    // with the Java SDK's response metadata, as Step Functions answers (integration-output.ts)
    await expect(run({ QueueUrl: 'http://q', MessageBody: { order_id: 'o-1' } })).resolves.toEqual({
      MessageId: 'm-1',
      MD5OfMessageBody: 'abc',
      SdkHttpMetadata: {
        AllHttpHeaders: expect.objectContaining({ 'Content-Type': ['application/x-amz-json-1.0'] }),
        HttpHeaders: expect.objectContaining({ 'Content-Type': 'application/x-amz-json-1.0', connection: 'keep-alive' }),
        HttpStatusCode: 200,
      },
      SdkResponseMetadata: { RequestId: expect.any(String) },
    });
    expect(sqs.calls).toEqual([['SendMessage', { QueueUrl: 'http://q', MessageBody: '{"order_id":"o-1"}' }]]);
  });

  it('passes aws-sdk integration Parameters unchanged and names errors by integration, for Retry and Catch', async () => {
    const sqs = recording(new ServiceError('QueueDoesNotExist', 'no such queue', 400));
    const services = { ...noServices, sqs: sqs.call };
    const sdk = dispatcher(undefined, [], services).handlerFor('arn:aws:states:::aws-sdk:sqs:sendMessage', 'X');
    // a modeled error is named as the Java SDK's exception class (integration-errors.ts)
    await expect(sdk({ QueueUrl: 'http://q', MessageBody: { a: 1 } })).rejects.toMatchObject({
      name: 'Sqs.QueueDoesNotExistException',
      message: expect.stringMatching(/^no such queue \(Service: Sqs, Status Code: 400, Request ID: [0-9a-f-]{36}\)$/),
    });
    expect(sqs.calls[0]).toEqual(['SendMessage', { QueueUrl: 'http://q', MessageBody: { a: 1 } }]);
    const optimized = dispatcher(undefined, [], services).handlerFor('arn:aws:states:::sqs:sendMessage', 'X');
    await expect(optimized({ QueueUrl: 'http://q', MessageBody: 'text' })).rejects.toMatchObject({ name: 'SQS.QueueDoesNotExistException' });
  });

  it('sends a null MessageBody as none and fails as Step Functions does (test_task_service_sqs.snapshot.json, test_send_message_empty_body)', async () => {
    const sqs = recording(new ServiceError('MissingParameter', 'The request must contain the parameter MessageBody.', 400));
    const run = dispatcher(undefined, [], { ...noServices, sqs: sqs.call }).handlerFor('arn:aws:states:::sqs:sendMessage', 'X');
    const error = await run({ QueueUrl: 'http://q', MessageBody: null }).catch((e: unknown) => e);
    expect(sqs.calls).toEqual([['SendMessage', { QueueUrl: 'http://q' }]]);
    expect(error).toMatchObject({ name: 'SQS.AmazonSQSException' });
    expect((error as Error).message).toMatch(
      /^The request must contain the parameter MessageBody\. \(Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: [0-9a-f-]{36}; Proxy: null\)$/,
    );
  });

  it('reads the error name from a JSON-protocol __type as the SDK does', () => {
    expect(errorNameOf('com.amazonaws.sqs#QueueDoesNotExist')).toBe('QueueDoesNotExist');
    expect(errorNameOf('ConditionalCheckFailedException')).toBe('ConditionalCheckFailedException');
    expect(errorNameOf('com.amazonaws.dynamodb.v20120810#ResourceNotFoundException:http://internal')).toBe('ResourceNotFoundException');
    expect(errorNameOf(undefined)).toBe('UnknownError');
  });
});

it('sfn.task.error fails a Task\'s Lambda invoke with Lambda.ServiceException, which the ASL retries, without invoking', async () => {
  const calls: unknown[][] = [];
  const invoke: FunctionInvoker = async (...args) => {
    calls.push(args);
    return { ok: true, payload: '{}' };
  };
  const task = new TaskDispatcher(invoke, noServices, new FaultInjector({ 'sfn.task.error': 1 }, 's')).handlerFor('arn:aws:states:::lambda:invoke', 'S');
  await expect(task({ FunctionName: 'validator', Payload: {} })).rejects.toMatchObject({ name: 'Lambda.ServiceException' });
  expect(calls).toEqual([]);
});
