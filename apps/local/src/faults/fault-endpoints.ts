import type { LocalEndpoints } from '@dofs/local-client';
import { startFaultProxy } from './fault-proxy';
import type { FaultInjector } from './fault-injector';
import { dynamoDbError, sqsError } from './service-errors';

type Endpoints = LocalEndpoints['endpoints'];

export interface FunctionEndpoints extends AsyncDisposable {
  /** what the functions' AWS_ENDPOINT_URL_* point at: the proxies when faults are on */
  readonly endpoints: Endpoints;
}

/**
 * With a fault plan, the functions reach DynamoDB and SQS through proxies that answer some calls
 * with the service's own errors (dynamodb.throttle, dynamodb.error, sqs.error); without one,
 * they reach the emulators directly. SNS shares fauxqs's port and goes through the SQS proxy,
 * which only fails SQS calls (those with an x-amz-target of AmazonSQS).
 */
export async function functionEndpoints(aws: Endpoints, faults: FaultInjector): Promise<FunctionEndpoints> {
  if (!faults.active) return { endpoints: aws, [Symbol.asyncDispose]: async () => undefined };
  const dynamodb = await startFaultProxy(aws.dynamodb, 'DynamoDB', () => {
    const kind = faults.pick('dynamodb.throttle', 'dynamodb.error');
    if (kind === 'dynamodb.throttle') return dynamoDbError('throttle');
    if (kind === 'dynamodb.error') return dynamoDbError('error');
    return undefined;
  });
  const sqs = await startFaultProxy(aws.sqs, 'SQS', (req) => {
    const target = String(req.headers['x-amz-target'] ?? '');
    return target.startsWith('AmazonSQS.') && faults.roll('sqs.error') ? sqsError() : undefined;
  });
  return {
    endpoints: { ...aws, dynamodb: dynamodb.endpoint, sqs: sqs.endpoint, sns: sqs.endpoint },
    [Symbol.asyncDispose]: async () => {
      await dynamodb[Symbol.asyncDispose]();
      await sqs[Symbol.asyncDispose]();
    },
  };
}
