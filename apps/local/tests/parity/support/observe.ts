import type { Json } from './compare';

/** Turns an SDK answer into plain JSON (drops $metadata and undefined members). */
export function plain(value: unknown): Json {
  const { $metadata: _ignored, ...rest } = (value ?? {}) as Record<string, unknown>;
  return JSON.parse(JSON.stringify(rest)) as Json;
}

/**
 * What a program sees of an AWS SDK v3 error: the status, `error.name` (what code branches on),
 * the query-compatible `Code` and `Type` the SDK copies from `x-amzn-query-error` (SQS), and the
 * message. `{ error: null }` when the call succeeded.
 */
export async function sdkError(call: () => Promise<unknown>): Promise<Json> {
  try {
    await call();
    return { error: null };
  } catch (caught) {
    const error = caught as Error & { $metadata?: { httpStatusCode?: number }; Code?: string; Type?: string; Error?: { Code?: string } };
    return {
      status: error.$metadata?.httpStatusCode ?? null,
      name: error.name,
      code: error.Error?.Code ?? error.Code ?? null,
      type: error.Type ?? null,
      message: error.message,
    };
  }
}

/** Like sdkError, for services without the query-compatible Code (SNS, DynamoDB, Step Functions). */
export async function sdkErrorNamed(call: () => Promise<unknown>): Promise<Json> {
  try {
    await call();
    return { error: null };
  } catch (caught) {
    const error = caught as Error & { $metadata?: { httpStatusCode?: number } };
    return { status: error.$metadata?.httpStatusCode ?? null, name: error.name, message: error.message };
  }
}
