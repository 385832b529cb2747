import type { AttemptError, FailedOrderRecord } from '@dofs/contracts';
import type { OrderRecord } from '../order';
import type { OrderListQuery, PagePosition } from '../order-list';
import type { Clock, FailedOrderStore, OrderQuery, OrderStore } from '../ports';

/** Keeps the conditional-write semantics of DynamoOrderStore, so use cases are tested against them. */
export class InMemoryOrderStore implements OrderStore, OrderQuery {
  readonly items = new Map<string, OrderRecord>();

  async get(orderId: string): Promise<OrderRecord | undefined> {
    const item = this.items.get(orderId);
    return item && structuredClone(item);
  }

  async createIfAbsent(order: OrderRecord): Promise<{ created: boolean; record: OrderRecord }> {
    const existing = this.items.get(order.order_id);
    if (existing) return { created: false, record: structuredClone(existing) };
    this.items.set(order.order_id, structuredClone(order));
    return { created: true, record: structuredClone(order) };
  }

  async discard(orderId: string, requestHash: string): Promise<boolean> {
    const item = this.items.get(orderId);
    if (!item || item.status !== 'PENDING' || item.attempts !== 0 || item.request_hash !== requestHash) return false;
    return this.items.delete(orderId);
  }

  async markFulfilled(orderId: string, at: string, maxAttempts: number): Promise<boolean> {
    return this.updatePending(orderId, (o) => ({ ...o, status: 'FULFILLED', attempts: o.attempts + 1, fulfilled_at: at, updated_at: at }), maxAttempts);
  }

  async recordFailedAttempt(orderId: string, error: AttemptError, maxAttempts: number): Promise<boolean> {
    return this.updatePending(orderId, (o) => ({ ...o, attempts: o.attempts + 1, last_error: { ...error }, updated_at: error.at }), maxAttempts);
  }

  async markFailed(orderId: string, reason: string, at: string): Promise<boolean> {
    return this.updatePending(orderId, (o) => ({ ...o, status: 'FAILED', failure_reason: reason, failed_at: at, updated_at: at }));
  }

  /** As a Query on the index: key = the selection, sorted by created_at (then order_id), range inclusive-exclusive. */
  async list(query: OrderListQuery, after?: PagePosition): Promise<{ records: OrderRecord[]; more: boolean }> {
    const position = (o: { created_at: string; order_id: string }): string => `${o.created_at}\u0000${o.order_id}`;
    const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    const direction = query.order === 'asc' ? 1 : -1;
    const start = after && position(after);
    const matching = [...this.items.values()]
      .filter((o) => o[query.select.by] === query.select.value)
      .filter((o) => (query.createdAfter === undefined || o.created_at >= query.createdAfter) && (query.createdBefore === undefined || o.created_at < query.createdBefore))
      .sort((a, b) => direction * compare(position(a), position(b)))
      .filter((o) => start === undefined || direction * compare(position(o), start) > 0);
    return { records: matching.slice(0, query.limit).map((o) => structuredClone(o)), more: matching.length > query.limit };
  }

  /** The condition of DynamoOrderStore's updates: PENDING, and with `maxAttempts`, fewer attempts counted. */
  private updatePending(orderId: string, change: (order: OrderRecord) => OrderRecord, maxAttempts = Number.POSITIVE_INFINITY): boolean {
    const item = this.items.get(orderId);
    if (!item || item.status !== 'PENDING' || item.attempts >= maxAttempts) return false;
    this.items.set(orderId, change(item));
    return true;
  }
}

export class InMemoryFailedOrderStore implements FailedOrderStore {
  readonly items = new Map<string, FailedOrderRecord>();

  async putIfAbsent(record: FailedOrderRecord): Promise<boolean> {
    if (this.items.has(record.order_id)) return false;
    this.items.set(record.order_id, structuredClone(record));
    return true;
  }

  async get(orderId: string): Promise<FailedOrderRecord | undefined> {
    const item = this.items.get(orderId);
    return item && structuredClone(item);
  }
}

export function fixedClock(iso = '2026-11-21T10:00:00.000Z'): Clock & { advance(ms: number): void } {
  let now = new Date(iso).getTime();
  return {
    now: () => new Date(now),
    advance: (ms) => {
      now += ms;
    },
  };
}
