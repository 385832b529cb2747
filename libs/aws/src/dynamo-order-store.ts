import { DeleteCommand, GetCommand, PutCommand, QueryCommand, UpdateCommand, type DynamoDBDocumentClient, type QueryCommandInput } from '@aws-sdk/lib-dynamodb';
import { TABLES, type AttemptError } from '@dofs/contracts';
import type { OrderListQuery, OrderQuery, OrderRecord, OrderSelection, OrderStore, PagePosition } from '@dofs/domain';
import { callDependency, isConditionalCheckFailure } from './transient';

const IS_PENDING = '#status = :pending';
/** An attempt counts only within the order's budget, however many messages carry the order. */
const IS_PENDING_WITH_ATTEMPTS_LEFT = `${IS_PENDING} AND attempts < :max`;

/** The orders table's index whose hash key is the selection's attribute (contracts/resources.json). */
function indexFor(by: OrderSelection['by']): string {
  const index = TABLES.orders.global_secondary_indexes.find((i) => i.hash_key.name === by && i.range_key?.name === 'created_at');
  if (!index) throw new Error(`contracts/resources.json: the orders table has no ${by}-created_at index`);
  return index.name;
}

/** created_before is exclusive; BETWEEN is inclusive, and created_at always has millisecond precision. */
const justBefore = (iso: string): string => new Date(new Date(iso).getTime() - 1).toISOString();

/** The sort-key part of the key condition (DynamoDB allows one condition on it). */
function rangeCondition(hasAfter: boolean, hasLast: boolean): string {
  if (hasAfter && hasLast) return ' AND #created BETWEEN :after AND :last';
  if (hasAfter) return ' AND #created >= :after';
  if (hasLast) return ' AND #created <= :last';
  return '';
}

/**
 * The Query of one page: the selection's index, the key condition `<attribute> = :key` plus the
 * creation range, newest first unless asc. Limit is one more than the page, so that a full page
 * knows whether another follows (no empty last page).
 */
export function pageQueryInput(tableName: string, query: OrderListQuery): QueryCommandInput | undefined {
  const { by, value } = query.select;
  const after = query.createdAfter;
  const last = query.createdBefore === undefined ? undefined : justBefore(query.createdBefore);
  if (after !== undefined && last !== undefined && after > last) return undefined; // an empty range: nothing to ask
  const range = rangeCondition(after !== undefined, last !== undefined);
  return {
    TableName: tableName,
    IndexName: indexFor(by),
    KeyConditionExpression: `#key = :key${range}`,
    ExpressionAttributeNames: { '#key': by, ...(range ? { '#created': 'created_at' } : {}) },
    ExpressionAttributeValues: { ':key': value, ...(after !== undefined && { ':after': after }), ...(last !== undefined && { ':last': last }) },
    ScanIndexForward: query.order === 'asc',
    Limit: query.limit + 1,
  };
}

/** The orders table (PK order_id). Every write is conditional, hence safe to retry. */
export class DynamoOrderStore implements OrderStore, OrderQuery {
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

  /** Queries the index (never a scan); a page cut short by DynamoDB's 1 MB limit is completed by the next Query. */
  async list(query: OrderListQuery, after?: PagePosition): Promise<{ records: OrderRecord[]; more: boolean }> {
    const input = pageQueryInput(this.tableName, query);
    if (!input) return { records: [], more: false };
    const records: OrderRecord[] = [];
    // The index key of the last order shown: its own index key plus the table key (order_id).
    let startKey: Record<string, unknown> | undefined = after && { [query.select.by]: query.select.value, created_at: after.created_at, order_id: after.order_id };
    do {
      const wanted = query.limit + 1 - records.length;
      const page = await callDependency('orders table', () => this.client.send(new QueryCommand({ ...input, Limit: wanted, ExclusiveStartKey: startKey })));
      records.push(...((page.Items ?? []) as OrderRecord[]));
      startKey = page.LastEvaluatedKey;
    } while (startKey && records.length <= query.limit);
    return { records: records.slice(0, query.limit), more: records.length > query.limit };
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

  async markFulfilled(orderId: string, at: string, maxAttempts: number): Promise<boolean> {
    return this.conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { order_id: orderId },
        UpdateExpression: 'SET #status = :fulfilled, fulfilled_at = :at, updated_at = :at ADD attempts :one',
        ConditionExpression: IS_PENDING_WITH_ATTEMPTS_LEFT,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':max': maxAttempts, ':fulfilled': 'FULFILLED', ':at': at, ':one': 1 },
      }),
    );
  }

  async recordFailedAttempt(orderId: string, error: AttemptError, maxAttempts: number): Promise<boolean> {
    return this.conditionally(
      new UpdateCommand({
        TableName: this.tableName,
        Key: { order_id: orderId },
        UpdateExpression: 'SET last_error = :error, updated_at = :at ADD attempts :one',
        ConditionExpression: IS_PENDING_WITH_ATTEMPTS_LEFT,
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: { ':pending': 'PENDING', ':max': maxAttempts, ':error': error, ':at': error.at, ':one': 1 },
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
