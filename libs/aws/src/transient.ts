import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { DependencyUnavailableError } from '@dofs/domain';

/**
 * Whether an AWS SDK error (after the SDK's own retries) may go away on a later retry: the SDK's
 * own classification (@smithy/core/retry, what its retry strategy uses): throttling, transient
 * (timeouts, network errors, 500/502/503/504, retryable by trait) and other server errors.
 */
export function isTransient(error: unknown): boolean {
  if (typeof error !== 'object' || error === null) return false;
  const e = error as Parameters<typeof isTransientError>[0];
  return isThrottlingError(e) || isTransientError(e) || isServerError(e);
}

/** Runs an SDK call; a transient failure becomes DependencyUnavailableError (what the workflow retries on). */
export async function callDependency<T>(dependency: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (isTransient(error)) throw new DependencyUnavailableError(dependency, { cause: error });
    throw error;
  }
}

export const isConditionalCheckFailure = (error: unknown): boolean =>
  typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'ConditionalCheckFailedException';
