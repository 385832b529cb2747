import { clientConfig } from '../aws-identity';
import type { InvokeResult } from '../lambda/execution-environment';
import { StartupError } from '../startup-error';
import { functionNameOf, TaskDispatcher, TaskError, type FunctionInvoker } from './task-dispatcher';

const endpoints = { dynamodb: 'http://127.0.0.1:9', sqs: 'http://127.0.0.1:9', sns: 'http://127.0.0.1:9' };

function dispatcher(answer: InvokeResult | undefined, calls: unknown[][] = []): TaskDispatcher {
  const invoke: FunctionInvoker = async (...args) => {
    calls.push(args);
    return answer;
  };
  return new TaskDispatcher(invoke, endpoints, clientConfig);
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
});
