import { DynamoDBClient, GetItemCommand, ScanCommand } from '@aws-sdk/client-dynamodb';
import { GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { SNSClient } from '@aws-sdk/client-sns';
import { subscribeQueueToTopic } from '@dofs/aws';
import type { LocalEndpoints } from '@dofs/local-client';

/** SDK clients pointed at a running local system, as a user with the AWS CLI or SDK would. */
export function localAws(endpoints: LocalEndpoints) {
  const config = (endpoint: string) => ({
    region: endpoints.region,
    endpoint,
    credentials: { accessKeyId: endpoints.credentials.access_key_id, secretAccessKey: endpoints.credentials.secret_access_key },
  });
  const dynamodb = new DynamoDBClient(config(endpoints.endpoints.dynamodb));
  const sqs = new SQSClient(config(endpoints.endpoints.sqs));
  const sns = new SNSClient(config(endpoints.endpoints.sns));

  return {
    dynamodb,
    sqs,
    sns,
    async itemCount(table: string): Promise<number> {
      return (await dynamodb.send(new ScanCommand({ TableName: table, Select: 'COUNT' }))).Count ?? 0;
    },
    async getItem(table: string, orderId: string): Promise<Record<string, unknown> | undefined> {
      const { Item } = await dynamodb.send(
        new GetItemCommand({ TableName: table, Key: { order_id: { S: orderId } }, ConsistentRead: true }),
      );
      if (!Item) return undefined;
      return Object.fromEntries(Object.entries(Item).map(([k, v]) => [k, v.S ?? (v.N !== undefined ? Number(v.N) : v)]));
    },
    async scan(table: string): Promise<Record<string, unknown>[]> {
      const { Items } = await dynamodb.send(new ScanCommand({ TableName: table }));
      return (Items ?? []).map((item) =>
        Object.fromEntries(Object.entries(item).map(([k, v]) => [k, v.S ?? (v.N !== undefined ? Number(v.N) : v)])),
      );
    },
    /** visible + in flight + delayed */
    async queueDepth(queueUrl: string): Promise<number> {
      const { Attributes = {} } = await sqs.send(
        new GetQueueAttributesCommand({
          QueueUrl: queueUrl,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        }),
      );
      return (
        Number(Attributes.ApproximateNumberOfMessages ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesNotVisible ?? 0) +
        Number(Attributes.ApproximateNumberOfMessagesDelayed ?? 0)
      );
    },
    /** A queue subscribed to a topic, the way one would watch the alerts topic. */
    async subscribeQueue(topicArn: string, name: string): Promise<string> {
      return (await subscribeQueueToTopic({ sqs, sns }, topicArn, name)).queueUrl;
    },
    async receiveAll(queueUrl: string): Promise<string[]> {
      const { Messages } = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queueUrl, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }));
      return (Messages ?? []).map((m) => m.Body ?? '');
    },
    destroy(): void {
      dynamodb.destroy();
      sqs.destroy();
      sns.destroy();
    },
  };
}

export type LocalAws = ReturnType<typeof localAws>;
