import { QueryCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type {
  ConsoleDlqMessage,
  ConsoleQueueStats,
  ConsoleRecentOrder,
  FailedOrderRecord,
  FulfillmentMessage,
  OrderStatus,
  Order,
} from '@dofs/contracts';
import { TABLES, validateFulfillmentMessage } from '@dofs/contracts';
import { DynamoFailedOrderStore, DynamoOrderStore } from '@dofs/aws';
import type { QueueStore } from '../messaging/fauxqs-store';
import type { ServiceCall } from '../service-call';

const STATUSES: readonly OrderStatus[] = ['PENDING', 'FULFILLED', 'FAILED'];
const STATUS_INDEX = TABLES.orders.global_secondary_indexes.find((index) => index.hash_key.name === 'status')?.name ?? '';

/**
 * The console's reads of the running system, through the services' own APIs: the orders table's
 * status index (DynamoDB Query), failed_orders (the adapter dlq-processor writes with), the
 * queues' attributes (SQS GetQueueAttributes), an order as GET /order/{id} answers it, and
 * redrive (SQS Receive/Send/Delete). Only the DLQ's message list peeks at fauxqs's store: SQS has
 * no read that leaves a message's receive count alone.
 */
export class ConsoleData {
  private readonly failedOrders: DynamoFailedOrderStore;
  private readonly orders: DynamoOrderStore;

  constructor(
    private readonly setup: {
      readonly apiUrl: string;
      /** the `local` client's key: GET /order/{id} requires one */
      readonly apiKey: string;
      readonly dynamo: DynamoDBDocumentClient;
      readonly ordersTable: string;
      readonly failedOrdersTable: string;
      readonly sqs: ServiceCall;
      readonly queueStore: Pick<QueueStore, 'inspect'>;
      /** name -> URL; the dead-letter queues named */
      readonly queues: readonly { readonly name: string; readonly url: string; readonly deadLetter: boolean }[];
      readonly orderQueueUrl: string;
      readonly dlqUrl: string;
    },
  ) {
    this.failedOrders = new DynamoFailedOrderStore(setup.dynamo, setup.failedOrdersTable);
    this.orders = new DynamoOrderStore(setup.dynamo, setup.ordersTable);
  }

  async statusCounts(): Promise<Record<OrderStatus, number>> {
    const counts = await Promise.all(
      STATUSES.map(async (status) => {
        let total = 0;
        let ExclusiveStartKey: Record<string, unknown> | undefined;
        do {
          const page = await this.setup.dynamo.send(
            new QueryCommand({
              TableName: this.setup.ordersTable,
              IndexName: STATUS_INDEX,
              KeyConditionExpression: '#s = :s',
              ExpressionAttributeNames: { '#s': 'status' },
              ExpressionAttributeValues: { ':s': status },
              Select: 'COUNT',
              ExclusiveStartKey,
            }),
          );
          total += page.Count ?? 0;
          ExclusiveStartKey = page.LastEvaluatedKey;
        } while (ExclusiveStartKey);
        return [status, total] as const;
      }),
    );
    return Object.fromEntries(counts) as Record<OrderStatus, number>;
  }

  /** The newest orders of each status, merged, newest first: GET /orders' own query, per status. */
  async recentOrders(limit = 20): Promise<ConsoleRecentOrder[]> {
    const pages = await Promise.all(STATUSES.map((status) => this.orders.list({ select: { by: 'status', value: status }, order: 'desc', limit })));
    return pages
      .flatMap((page) => page.records)
      .map((record) => ({ order_id: record.order_id, status: record.status, created_at: record.created_at, attempts: record.attempts }))
      .sort((a, b) => b.created_at.localeCompare(a.created_at))
      .slice(0, limit);
  }

  /** The order as the API answers GET /order/{id}; undefined on 404. */
  async order(orderId: string): Promise<Order | undefined> {
    const response = await fetch(`${this.setup.apiUrl}/order/${encodeURIComponent(orderId)}`, { headers: { 'x-api-key': this.setup.apiKey } });
    if (response.status === 404 || response.status === 400) return undefined;
    if (!response.ok) throw new Error(`GET /order/${orderId} answered ${response.status}`);
    return (await response.json()) as Order;
  }

  failedOrder(orderId: string): Promise<FailedOrderRecord | undefined> {
    return this.failedOrders.get(orderId);
  }

  /** failed_orders, newest first (the table holds one row per failed order). */
  async failedOrderList(limit = 200): Promise<FailedOrderRecord[]> {
    const records: FailedOrderRecord[] = [];
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await this.failedOrders.list(500, cursor);
      records.push(...page.records);
      cursor = page.cursor;
    } while (cursor);
    return records.sort((a, b) => b.failed_at.localeCompare(a.failed_at)).slice(0, limit);
  }

  async queueStats(): Promise<ConsoleQueueStats[]> {
    return Promise.all(
      this.setup.queues.map(async (queue) => {
        const answer = await this.setup.sqs('GetQueueAttributes', {
          QueueUrl: queue.url,
          AttributeNames: ['ApproximateNumberOfMessages', 'ApproximateNumberOfMessagesNotVisible', 'ApproximateNumberOfMessagesDelayed'],
        });
        const attributes = (answer['Attributes'] ?? {}) as Record<string, string>;
        return {
          name: queue.name,
          url: queue.url,
          visible: Number(attributes['ApproximateNumberOfMessages'] ?? 0),
          in_flight: Number(attributes['ApproximateNumberOfMessagesNotVisible'] ?? 0),
          delayed: Number(attributes['ApproximateNumberOfMessagesDelayed'] ?? 0),
          dead_letter: queue.deadLetter,
        };
      }),
    );
  }

  dlqMessages(): ConsoleDlqMessage[] {
    const dlqName = this.setup.dlqUrl.slice(this.setup.dlqUrl.lastIndexOf('/') + 1);
    const messages = this.setup.queueStore.inspect(dlqName);
    if (!messages) return [];
    const { ready, delayed, inflight } = messages;
    return [...ready, ...delayed, ...inflight.map((entry) => entry.message)]
      .sort((a, b) => b.sentTimestamp - a.sentTimestamp)
      .map((message) => {
        let parsed: unknown;
        try {
          parsed = JSON.parse(message.body);
        } catch {
          parsed = undefined;
        }
        return {
          message_id: message.messageId,
          body: message.body,
          ...(validateFulfillmentMessage(parsed) ? { message: parsed as FulfillmentMessage } : {}),
          receive_count: message.approximateReceiveCount,
          sent_at: new Date(message.sentTimestamp).toISOString(),
        };
      });
  }

  /**
   * Moves DLQ messages (those named, or all) back to order_queue, as `dofs dlq redrive` does:
   * sent before deleted, so a crash in between leaves a duplicate (absorbed), never a loss.
   * Messages not named are made visible again at once.
   */
  async redrive(messageIds: readonly string[] | undefined): Promise<number> {
    const wanted = messageIds ? new Set(messageIds) : undefined;
    const { sqs, dlqUrl, orderQueueUrl } = this.setup;
    let moved = 0;
    const seen = new Set<string>();
    // kept invisible until the end, so that each receive brings messages not seen yet
    const putBack: string[] = [];
    for (;;) {
      const answer = await sqs('ReceiveMessage', {
        QueueUrl: dlqUrl,
        MaxNumberOfMessages: 10,
        WaitTimeSeconds: 0,
        VisibilityTimeout: 30,
        MessageAttributeNames: ['All'],
      });
      const messages = (answer['Messages'] ?? []) as { MessageId: string; ReceiptHandle: string; Body: string; MessageAttributes?: unknown }[];
      const fresh = messages.filter((message) => !seen.has(message.MessageId));
      if (fresh.length === 0) break;
      for (const message of fresh) {
        seen.add(message.MessageId);
        if (wanted && !wanted.has(message.MessageId)) {
          putBack.push(message.ReceiptHandle);
          continue;
        }
        await sqs('SendMessage', {
          QueueUrl: orderQueueUrl,
          MessageBody: message.Body,
          ...(message.MessageAttributes ? { MessageAttributes: message.MessageAttributes } : {}),
        });
        await sqs('DeleteMessage', { QueueUrl: dlqUrl, ReceiptHandle: message.ReceiptHandle });
        moved++;
      }
      if (wanted && [...wanted].every((id) => seen.has(id))) break;
    }
    for (const handle of putBack) await sqs('ChangeMessageVisibility', { QueueUrl: dlqUrl, ReceiptHandle: handle, VisibilityTimeout: 0 });
    return moved;
  }
}
