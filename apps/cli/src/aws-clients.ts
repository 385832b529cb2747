import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SQSClient } from '@aws-sdk/client-sqs';
import { SNSClient } from '@aws-sdk/client-sns';
import type { Target } from './config';

/** AWS SDK clients for the operator commands: the emulators' endpoints locally, the SDK's chain remotely. */
export interface AwsClients {
  readonly dynamo: DynamoDBDocumentClient;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  destroy(): void;
}

export function createAwsClients(target: Target): AwsClients {
  const common = {
    ...(target.aws.region ? { region: target.aws.region } : {}),
    ...(target.aws.profile ? { profile: target.aws.profile } : {}),
    ...(target.aws.credentials ? { credentials: target.aws.credentials } : {}),
    maxAttempts: 3,
  };
  const dynamo = DynamoDBDocumentClient.from(
    new DynamoDBClient({ ...common, ...(target.aws.dynamodbEndpoint ? { endpoint: target.aws.dynamodbEndpoint } : {}) }),
    { marshallOptions: { removeUndefinedValues: true } },
  );
  const sqs = new SQSClient({ ...common, ...(target.aws.sqsEndpoint ? { endpoint: target.aws.sqsEndpoint } : {}) });
  const sns = new SNSClient({ ...common, ...(target.aws.snsEndpoint ? { endpoint: target.aws.snsEndpoint } : {}) });
  return {
    dynamo,
    sqs,
    sns,
    destroy() {
      dynamo.destroy();
      sqs.destroy();
      sns.destroy();
    },
  };
}
