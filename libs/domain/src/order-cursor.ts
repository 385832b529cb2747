import { createHash, createHmac, timingSafeEqual } from 'node:crypto';
import { InvalidCursorError } from './errors';
import type { OrderListQuery, PagePosition } from './order-list';
import type { Clock } from './ports';

/** How long a cursor stays valid after the page that gave it (stated in contracts/openapi.yaml). */
export const CURSOR_TTL_MS = 24 * 60 * 60 * 1000;

const VERSION = 1;

interface CursorPayload {
  readonly v: number;
  /** the query it continues, as a digest */
  readonly q: string;
  /** the position: [created_at, order_id] */
  readonly p: readonly [string, string];
  /** issued at, epoch milliseconds */
  readonly t: number;
}

const base64url = (data: Buffer | string): string => Buffer.from(data).toString('base64url');

/** What binds a cursor to its query: the selection, the range and the order (not the limit, which may change between pages). */
function queryDigest(query: OrderListQuery): string {
  const canonical = JSON.stringify([query.select.by, query.select.value, query.createdAfter ?? null, query.createdBefore ?? null, query.order]);
  return createHash('sha256').update(canonical).digest('base64url').slice(0, 22);
}

/**
 * Page cursors: opaque to clients, HMAC-SHA256 signed with a key only the API holds, bound to one
 * query and valid for CURSOR_TTL_MS. A cursor carries only a position within its own query's
 * partition (created_at, order_id), so even a valid one cannot reach another customer's orders.
 */
export class OrderCursors {
  private readonly key: Buffer;

  constructor(
    key: string,
    private readonly clock: Clock,
    private readonly ttlMs = CURSOR_TTL_MS,
  ) {
    this.key = Buffer.from(key, 'utf8');
  }

  issue(query: OrderListQuery, position: PagePosition): string {
    const payload: CursorPayload = { v: VERSION, q: queryDigest(query), p: [position.created_at, position.order_id], t: this.clock.now().getTime() };
    const body = base64url(JSON.stringify(payload));
    return `${body}.${this.sign(body)}`;
  }

  /** The position a cursor continues from, if it is intact, of this query and not expired. */
  open(cursor: string, query: OrderListQuery): PagePosition {
    const [body, signature, ...rest] = cursor.split('.');
    if (!body || !signature || rest.length > 0) throw new InvalidCursorError('is malformed');
    const expected = Buffer.from(this.sign(body), 'base64url');
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw new InvalidCursorError('was altered or was not issued by this API');
    const payload = parsePayload(body);
    if (payload.q !== queryDigest(query)) throw new InvalidCursorError('belongs to another query (customer_id or status, range and order must stay the same)');
    if (this.clock.now().getTime() - payload.t > this.ttlMs) throw new InvalidCursorError('has expired');
    return { created_at: payload.p[0], order_id: payload.p[1] };
  }

  private sign(body: string): string {
    return createHmac('sha256', this.key).update(body).digest('base64url');
  }
}

// Only reached with a valid signature, i.e. a payload this class wrote; checked anyway, so a
// change of format (or of key handling) fails as a 400, never as a 500.
function parsePayload(body: string): CursorPayload {
  let payload: Partial<CursorPayload>;
  try {
    payload = JSON.parse(Buffer.from(body, 'base64url').toString('utf8')) as Partial<CursorPayload>;
  } catch {
    throw new InvalidCursorError('is malformed');
  }
  const { v, q, p, t } = payload;
  if (v !== VERSION || typeof q !== 'string' || typeof t !== 'number' || !Array.isArray(p) || p.length !== 2 || !p.every((part) => typeof part === 'string')) {
    throw new InvalidCursorError('is malformed');
  }
  return { v, q, p, t };
}
