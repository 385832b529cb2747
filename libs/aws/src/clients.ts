import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';

// Endpoints come from the standard AWS_ENDPOINT_URL_<SERVICE> variables, which the SDK reads by
// itself: the handlers never know whether they talk to AWS or to the local emulators.

export function createDocumentClient(): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(new DynamoDBClient({}), {
    marshallOptions: { removeUndefinedValues: true },
  });
}

/**
 * StartSyncExecution is served on the `sync-` host prefix (sync-states.<region>.amazonaws.com);
 * in front of a local endpoint (`sync-127.0.0.1`) that prefix does not resolve, so it is dropped
 * when the endpoint is overridden.
 */
export function createSfnClient({ endpointOverridden }: { endpointOverridden: boolean }): SFNClient {
  return new SFNClient({ disableHostPrefix: endpointOverridden });
}
