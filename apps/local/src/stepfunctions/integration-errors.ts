import { randomUUID } from 'node:crypto';

/**
 * How Step Functions names a service integration's error (the Error that Retry and Catch match)
 * and words its Cause. The service runs on the Java SDK: v1 for the optimized integrations
 * (`sqs:sendMessage`), v2 for `aws-sdk:*`. A modeled error keeps its shape's name as a Java
 * exception class (`...Exception`); any other is the service's generic exception.
 * Recorded (LocalStack tests/aws/services/stepfunctions/v2/**.snapshot.json, TaskFailed events):
 * - error_handling/test_task_service_sqs.snapshot.json, test_send_message_empty_body:
 *   "SQS.AmazonSQSException", "The request must contain the parameter MessageBody. (Service:
 *   AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: ...; Proxy: null)";
 * - error_handling/test_task_service_sns (the SNS Publish errors): "SNS.NotFoundException" for the
 *   code NotFound, "SNS.InvalidParameterException" for InvalidParameter;
 * - error_handling/test_task_service_dynamodb, test_put_item_invalid_table_name:
 *   "DynamoDB.AmazonDynamoDBException" for ValidationException (Service: AmazonDynamoDBv2);
 * - the aws-sdk DynamoDB errors: "DynamoDb.ResourceNotFoundException", "DynamoDb.DynamoDbException",
 *   Cause "Requested resource not found (Service: DynamoDb, Status Code: 400, Request ID: ...)".
 */
export interface IntegrationNames {
  /** the error prefix of the optimized integration (`SQS`) and of the aws-sdk one (`Sqs`) */
  readonly optimizedPrefix: string;
  readonly sdkPrefix: string;
  /** the Java SDK v1 service name in a Cause (`AmazonSQS`) and its generic exception (`AmazonSQSException`) */
  readonly v1Service: string;
  readonly v1Exception: string;
  /** the SDK v3 package of the service: a modeled error is one it exports a class for */
  readonly module: Record<string, unknown>;
}

interface ServiceFailure {
  readonly name: string;
  readonly message: string;
  /** the code on the wire, where it differs from the name (SNS's `NotFound` for NotFoundException) */
  readonly code: string;
  readonly status: number;
}

function failureOf(error: unknown): ServiceFailure {
  const failure = error as Error & { code?: unknown; Code?: unknown; status?: unknown; $metadata?: { httpStatusCode?: number } };
  const name = failure.name || 'UnknownError';
  const code = typeof failure.code === 'string' ? failure.code : typeof failure.Code === 'string' ? failure.Code : name;
  const status = typeof failure.status === 'number' ? failure.status : (failure.$metadata?.httpStatusCode ?? 500);
  return { name, message: failure.message, code, status };
}

const javaName = (name: string): string => (name.endsWith('Exception') ? name : `${name}Exception`);

/** The Error and Cause of a failed service integration, as Step Functions reports them. */
export function integrationFailure(error: unknown, names: IntegrationNames, optimized: boolean): { error: string; cause: string } {
  const { name, message, code, status } = failureOf(error);
  const modeled = typeof names.module[name] === 'function';
  const requestId = randomUUID();
  if (optimized) {
    return {
      error: `${names.optimizedPrefix}.${modeled ? javaName(name) : names.v1Exception}`,
      cause: `${message} (Service: ${names.v1Service}; Status Code: ${status}; Error Code: ${code}; Request ID: ${requestId}; Proxy: null)`,
    };
  }
  return {
    error: `${names.sdkPrefix}.${modeled ? javaName(name) : `${names.sdkPrefix}Exception`}`,
    cause: `${message} (Service: ${names.sdkPrefix}, Status Code: ${status}, Request ID: ${requestId})`,
  };
}
