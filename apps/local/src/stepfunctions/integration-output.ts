import { randomUUID } from 'node:crypto';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/**
 * An optimized integration's result as Step Functions gives it: the service's answer plus the
 * Java SDK v1's response metadata (recorded: LocalStack
 * tests/aws/services/stepfunctions/v2/services/test_sqs_task_service.snapshot.json, test_send_message,
 * TaskSucceeded output: MD5OfMessageBody, MessageId, SdkHttpMetadata { AllHttpHeaders,
 * HttpHeaders, HttpStatusCode 200 }, SdkResponseMetadata { RequestId }). The aws-sdk
 * integrations give the answer alone.
 */
export function withSdkMetadata(answer: Record<string, Json>, contentType: string): Record<string, Json> {
  const requestId = randomUUID();
  const headers = {
    'x-amzn-RequestId': requestId,
    connection: 'keep-alive',
    'Content-Length': String(Buffer.byteLength(JSON.stringify(answer))),
    Date: new Date().toUTCString(),
    'Content-Type': contentType,
  };
  return {
    ...answer,
    SdkHttpMetadata: {
      AllHttpHeaders: Object.fromEntries(Object.entries(headers).map(([name, value]) => [name, [value]])),
      HttpHeaders: headers,
      HttpStatusCode: 200,
    },
    SdkResponseMetadata: { RequestId: requestId },
  };
}
