import { DependencyUnavailableError } from '@dofs/domain';
import { callDependency, isTransient } from '../src/transient';

describe('isTransient', () => {
  it.each([
    [{ name: 'ProvisionedThroughputExceededException' }, true],
    [{ name: 'ThrottlingException' }, true],
    [{ name: 'X', $retryable: {} }, true],
    [{ name: 'X', $metadata: { httpStatusCode: 503 } }, true],
    [{ name: 'X', $metadata: { httpStatusCode: 429 } }, true],
    [{ name: 'Error', code: 'ECONNREFUSED' }, true],
    [{ name: 'ValidationException', $metadata: { httpStatusCode: 400 } }, false],
    [{ name: 'ConditionalCheckFailedException', $metadata: { httpStatusCode: 400 } }, false],
    ['text', false],
    [null, false],
  ])('%j -> %s', (error, transient) => expect(isTransient(error)).toBe(transient));
});

describe('callDependency', () => {
  it('wraps a transient failure, keeping it as the cause', async () => {
    const cause = Object.assign(new Error('slow down'), { name: 'ThrottlingException' });
    const failure = callDependency('orders table', () => Promise.reject(cause));
    await expect(failure).rejects.toThrow(DependencyUnavailableError);
    await expect(failure).rejects.toMatchObject({ dependency: 'orders table', cause });
  });

  it('passes other errors and results through', async () => {
    const bug = Object.assign(new Error('bad'), { name: 'ValidationException' });
    await expect(callDependency('t', () => Promise.reject(bug))).rejects.toBe(bug);
    await expect(callDependency('t', () => Promise.resolve(7))).resolves.toBe(7);
  });
});
