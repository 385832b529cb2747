import { forEachConcurrently } from '@dofs/local-client';
import { CreateTableCommand, DeleteTableCommand, PutItemCommand, waitUntilTableExists, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

/**
 * The raw conditional-put rate of the local DynamoDB at the same concurrency: the ceiling for an
 * order pipeline that writes each order at least once. Measured on a scratch table, removed after.
 */
export async function conditionalPutRate(dynamo: DynamoDBClient, count: number, concurrency: number): Promise<number> {
  const table = `bench_ceiling_${process.pid}_${Date.now()}`;
  await dynamo.send(
    new CreateTableCommand({
      TableName: table,
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [{ AttributeName: 'order_id', AttributeType: 'S' }],
      KeySchema: [{ AttributeName: 'order_id', KeyType: 'HASH' }],
    }),
  );
  // dynalite makes a table ACTIVE a moment after CreateTable answers (on a busy machine, after
  // the first puts, which then fail with ResourceNotFoundException)
  await waitUntilTableExists({ client: dynamo, maxWaitTime: 30, minDelay: 1 }, { TableName: table });
  try {
    // an item about the size of an order record
    const payload = 'x'.repeat(400);
    const started = performance.now();
    await forEachConcurrently(count, concurrency, async (i) => {
      await dynamo.send(
        new PutItemCommand({
          TableName: table,
          Item: { order_id: { S: `ceiling-${i}` }, status: { S: 'PENDING' }, payload: { S: payload } },
          ConditionExpression: 'attribute_not_exists(order_id)',
        }),
      );
    });
    return count / ((performance.now() - started) / 1000);
  } finally {
    await dynamo.send(new DeleteTableCommand({ TableName: table }));
  }
}
