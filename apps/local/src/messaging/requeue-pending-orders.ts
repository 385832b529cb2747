import { QueryCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { validateFulfillmentMessage, type FulfillmentMessage, type TableDefinition } from '@dofs/contracts';
import type { ServiceCall } from '../service-call';

/**
 * After an unclean stop (a crash, kill -9) the queue snapshot was never written, so the messages
 * of orders still PENDING are gone: SQS would have kept them, fauxqs could not. This puts one
 * fulfillment message back for each PENDING order, built from the order as stored. Consumers are
 * idempotent, so at worst an order gets an extra attempt; nothing is lost. Local only.
 */
export async function requeuePendingOrders(
  dynamo: DynamoDBClient,
  sqs: ServiceCall,
  orders: TableDefinition,
  queueUrl: string,
): Promise<{ requeued: number; skipped: string[] }> {
  const byStatus = orders.global_secondary_indexes.find((index) => index.hash_key.name === 'status');
  if (!byStatus) return { requeued: 0, skipped: [] };
  let requeued = 0;
  const skipped: string[] = [];
  let start: Record<string, never> | undefined;
  do {
    const page = await dynamo.send(
      new QueryCommand({
        TableName: orders.name,
        IndexName: byStatus.name,
        KeyConditionExpression: '#status = :pending',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': { S: 'PENDING' } },
        ExclusiveStartKey: start,
      }),
    );
    for (const item of page.Items ?? []) {
      const text = (name: string): string => item[name]?.S ?? '';
      const message: FulfillmentMessage = {
        schema_version: 1,
        order_id: text('order_id'),
        customer_id: text('customer_id'),
        total_amount: Number(item['total_amount']?.N),
        currency: text('currency'),
        correlation_id: text('correlation_id') || `requeued-${text('order_id')}`,
        created_at: text('created_at'),
      };
      if (!validateFulfillmentMessage(message)) {
        skipped.push(text('order_id'));
        continue;
      }
      await sqs('SendMessage', { QueueUrl: queueUrl, MessageBody: JSON.stringify(message) });
      requeued++;
    }
    start = page.LastEvaluatedKey as Record<string, never> | undefined;
  } while (start);
  return { requeued, skipped };
}
