import { DeleteCommand, GetCommand, PutCommand, UpdateCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { AttemptError } from '@dofs/contracts';
import type { OrderRecord, OrderStore } from '@dofs/domain';
import { callDependency, isConditionalCheckFailure } from './transient';

const IS_PENDING = '#status = :pending';

/** The orders table (PK order_id). Every write is conditional, hence safe to retry. */
export class DynamoOrderStore implements OrderStore {
  constructor(
    private readonly client: DynamoDBDocumentClient,
    private readonly tableName: string,
  ) {}

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const { Item } = await callDependency('orders table', () =>
      this.client.send(new GetCommand({ TableName: this.tableName, Key: { order_id: orderId }, ConsistentRead: true })),
    );
    return Item as OrderRecord | undefined;
  }

  async createIfAbsent(order: OrderRecord): Promise<{ created: boolean; record: OrderRecord }> {
    try {
      await callDependency('orders table', () =>
        this.client.send(
          new PutCommand({ TableName: this.tableName, Item: order, ConditionExpression: 'attribute_not_exists(order_id)' }),
        ),
      );
      return { created: true, record: order };
    } catch (error) {
      if (!isConditionalCheckFailure(error)) throw error;
      const existing = await this.get(order.order_id);
      // Deleted between the failed put and the read (a concurrent discard): nothing is stored now.
      if (!existing) return this.createIfAbsent(order);
      return { created: false, record: existing };
    }
  }

  async discard(orderId: string, requestHash: string): Promise<boolean> {
    return this.conditionally(
      new DeleteCommand({
        TableName: this.tableName,
        Key: { order_id: orderId },
        ConditionExpression: `${IS_PENDING} AND attempts = :zero AND request_hash = :hash`,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':zero': 0, ':hash': requestHash },
      }),
    );
  }

  async markFulfilled(orderId: string, at: string): Promise<boolean> {
    return this.conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { order_id: orderId },
        UpdateExpression: 'SET #status = :fulfilled, fulfilled_at = :at, updated_at = :at ADD attempts :one',
        ConditionExpression: IS_PENDING,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':fulfilled': 'FULFILLED', ':at': at, ':one': 1 },
      }),
    );
  }

  async recordFailedAttempt(orderId: string, error: AttemptError): Promise<boolean> {
    return this.conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { order_id: orderId },
        UpdateExpression: 'SET last_error = :error, updated_at = :at ADD attempts :one',
        ConditionExpression: IS_PENDING,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':error': error, ':at': error.at, ':one': 1 },
      }),
    );
  }

  async markFailed(orderId: string, reason: string, at: string): Promise<boolean> {
    return this.conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { order_id: orderId },
        UpdateExpression: 'SET #status = :failed, failure_reason = :reason, failed_at = :at, updated_at = :at',
        ConditionExpression: IS_PENDING,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':failed': 'FAILED', ':reason': reason, ':at': at },
      }),
    );
  }

  /** true when the write happened, false when its condition did not hold. */
  private async conditionally(command: DeleteCommand | UpdateCommand): Promise<boolean> {
    try {
      // One command class per call site; the client's overloads need the concrete type.
      await callDependency('orders table', () => this.client.send(command as UpdateCommand));
      return true;
    } catch (error) {
      if (isConditionalCheckFailure(error)) return false;
      throw error;
    }
  }
}
