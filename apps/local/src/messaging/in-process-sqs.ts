import type { FastifyInstance } from 'fastify';
import { ServiceError, type ServiceCall } from '../service-call';
import { sdkErrorName } from './sqs-errors';

/**
 * The SQS API of the local fauxqs, called in this process: the runtime's own SQS clients (the
 * Step Functions `sqs:*` integrations and the event source mappings) send the same JSON-protocol
 * request the SDK would, through fauxqs's own router, without a socket, a signature or the
 * SDK's middleware. The functions still reach fauxqs over HTTP with the real SDK.
 */
export function inProcessSqs(app: FastifyInstance): ServiceCall {
  return async (action, request) => {
    const response = await app.inject({
      method: 'POST',
      url: '/',
      headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amz-target': `AmazonSQS.${action}` },
      payload: JSON.stringify(request),
    });
    let answer: Record<string, unknown>;
    try {
      answer = response.body.length === 0 ? {} : (JSON.parse(response.body) as Record<string, unknown>);
    } catch {
      throw new ServiceError('InternalFailure', `SQS ${action} answered ${response.statusCode} with a body that is not JSON`, response.statusCode);
    }
    if (response.statusCode >= 300) {
      const message = typeof answer['message'] === 'string' ? answer['message'] : `SQS ${action} failed with ${response.statusCode}`;
      const header = response.headers['x-amzn-query-error'];
      const queryError = typeof header === 'string' ? header : undefined;
      const name = sdkErrorName(queryError, String(answer['__type'] ?? ''));
      throw new ServiceError(name, message, response.statusCode, queryError?.split(';')[0] ?? name);
    }
    return answer;
  };
}
