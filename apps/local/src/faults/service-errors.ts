import type { ServiceErrorAnswer } from './fault-proxy';

/** DynamoDB's JSON 1.0 error: the SDK reads the exception from __type and retries these two. */
export function dynamoDbError(kind: 'throttle' | 'error'): ServiceErrorAnswer {
  const [status, type, message] =
    kind === 'throttle'
      ? [400, 'ProvisionedThroughputExceededException', 'The level of configured provisioned throughput for the table was exceeded. Consider increasing your provisioning level with the UpdateTable API.']
      : [500, 'InternalServerError', 'Internal server error'];
  return {
    status,
    headers: { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': crypto.randomUUID() },
    body: JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message }),
  };
}

/** SQS's JSON protocol error, with the query-compatible code in x-amzn-query-error as SQS sends it. */
export function sqsError(): ServiceErrorAnswer {
  return {
    status: 500,
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amzn-requestid': crypto.randomUUID(),
      'x-amzn-query-error': 'InternalError;Receiver',
    },
    body: JSON.stringify({ __type: 'com.amazonaws.sqs#InternalError', message: 'We encountered an internal error. Please try again.' }),
  };
}

/** The error Lambda's Invoke answers (429) when the function's concurrency is exhausted. */
export const LAMBDA_THROTTLE = {
  errorType: 'Lambda.TooManyRequestsException',
  errorMessage: 'Rate Exceeded. (Service: Lambda, Status Code: 429, Error Code: TooManyRequestsException, Reason: ConcurrentInvocationLimitExceeded)',
} as const;

/** A Lambda service error as a Task's lambda:invoke reports it. */
export const LAMBDA_SERVICE_ERROR = {
  errorType: 'Lambda.ServiceException',
  errorMessage: 'Lambda was unable to process the request (Service: Lambda, Status Code: 500, Error Code: ServiceException)',
} as const;
