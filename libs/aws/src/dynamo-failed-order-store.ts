import { GetCommand, PutCommand, ScanCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { FailedOrderRecord } from '@dofs/contracts';
import type { FailedOrderStore } from '@dofs/domain';
import { callDependency, isConditionalCheckFailure } from './transient';

/** The failed_orders table (PK order_id): one record per order, written once. */
export class DynamoFailedOrderStore implements FailedOrderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async putIfAbsent(record: FailedOrderRecord): Promise<boolean> {
    try {
      await callDependency('failed_orders table', () =>
        this.client.send(
          new PutCommand({ TableName: this.tableName, Item: record, ConditionExpression: 'attribute_not_exists(order_id)' }),
        ),
      );
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }

  async get(orderId: string): Promise<FailedOrderRecord | undefined> {
    const { Item } = await callDependency('failed_orders table', () =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { order_id: orderId }, ConsistentRead: true })),
    );
    return Item as FailedOrderRecord | undefined;
  }

  /** A page of records, for operators (the table is small: one row per failed order). */
  async list(limit: number, cursor?: Record<string, unknown>): Promise<{ records: FailedOrderRecord[]; cursor?: Record<string, unknown> }> {
    const page = await callDependency('failed_orders table', () =>
      this.client.send(new ScanCommand({ TableName: this.tableName, Limit: limit, ExclusiveStartKey: cursor })),
    );
    return { records: (page.Items ?? []) as FailedOrderRecord[], ...(page.LastEvaluatedKey ? { cursor: page.LastEvaluatedKey } : {}) };
  }
}
