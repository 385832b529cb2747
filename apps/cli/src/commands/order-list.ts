import type { Order, OrderListQuery, OrderStatus } from '@dofs/sdk';
import { usageError } from '../cli-error';
import { integerFlag, stringValue, type Command, type Values } from '../command';
import { EXIT } from '../exit-codes';
import { printJson, renderTable } from '../output';

const STATUSES: readonly OrderStatus[] = ['PENDING', 'FULFILLED', 'FAILED'];
/** The API's largest page. */
const PAGE = 100;
const UNIT_MS: Readonly<Record<string, number>> = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--since`: an ISO 8601 date or date-time as the API takes it, or an age such as 30m, 12h, 7d. */
export function sinceFlag(value: string, now: Date = new Date()): string {
  const age = /^(\d+)([smhd])$/.exec(value);
  if (age) return new Date(now.getTime() - Number(age[1]) * (UNIT_MS[age[2] ?? 's'] ?? 1_000)).toISOString();
  return value; // the API checks the format and names the parameter if it is wrong
}

/** The query of `order list`'s flags: exactly one of --customer and --status. */
export function listQueryFromFlags(values: Values, now?: Date): OrderListQuery {
  const customer = stringValue(values, 'customer');
  const status = stringValue(values, 'status');
  if ((customer === undefined) === (status === undefined)) throw usageError('List by --customer ID or by --status STATUS (one of the two)');
  const since = stringValue(values, 'since');
  const until = stringValue(values, 'until');
  const order = stringValue(values, 'order');
  if (order !== undefined && order !== 'asc' && order !== 'desc') throw usageError(`--order must be asc or desc (got "${order}")`);
  const sortOrder: 'asc' | 'desc' | undefined = order;
  const range = {
    ...(since !== undefined && { created_after: sinceFlag(since, now) }),
    ...(until !== undefined && { created_before: sinceFlag(until, now) }),
    ...(sortOrder !== undefined && { order: sortOrder }),
  };
  if (customer !== undefined) return { customer_id: customer, ...range };
  const upper = (status ?? '').toUpperCase() as OrderStatus;
  if (!STATUSES.includes(upper)) throw usageError(`--status must be one of ${STATUSES.join(', ')} (got "${status}")`);
  return { status: upper, ...range };
}

export const orderList: Command = {
  name: 'order list',
  summary: "list a customer's orders, or the orders in a status, newest first",
  usage:
    'dofs order list --customer ID | --status PENDING|FULFILLED|FAILED\n' +
    '       [--since WHEN] [--until WHEN] [--order desc|asc] [--limit N (25) | --all] [--cursor CURSOR]',
  help: [
    'WHEN is an ISO 8601 date or date-time (2026-11-01, 2026-11-01T08:00:00Z) or an age: 30m, 12h, 7d.',
    '--limit shows at most N orders (pages of up to 100 are read until then); --all shows every one.',
    'When more follow, the cursor to continue from is printed (valid for 24 hours; JSON: next_cursor).',
  ],
  options: {
    customer: { type: 'string' },
    status: { type: 'string' },
    since: { type: 'string' },
    until: { type: 'string' },
    order: { type: 'string' },
    limit: { type: 'string' },
    all: { type: 'boolean' },
    cursor: { type: 'string' },
  },
  async run(context, values) {
    const query = listQueryFromFlags(values);
    const all = values['all'] === true;
    if (all && values['limit'] !== undefined) throw usageError('Give --limit N or --all, not both');
    const wanted = all ? Number.POSITIVE_INFINITY : integerFlag(values, 'limit', { min: 1, max: 10_000, fallback: 25 });
    const sdk = context.sdk();
    const orders: Order[] = [];
    let cursor = stringValue(values, 'cursor');
    do {
      const page = await sdk.listOrders({ ...query, limit: Math.min(PAGE, wanted - orders.length), ...(cursor !== undefined && { cursor }) });
      orders.push(...page.items);
      cursor = page.next_cursor;
    } while (cursor !== undefined && orders.length < wanted);

    if (context.json) {
      printJson(context.io, { items: orders, next_cursor: cursor ?? null });
      return EXIT.OK;
    }
    const what = query.customer_id !== undefined ? `customer ${query.customer_id}` : `status ${query.status}`;
    if (orders.length === 0) {
      context.io.stdout.write(`No orders for ${what}.\n`);
      return EXIT.OK;
    }
    context.io.stdout.write(
      renderTable(orders, [
        { header: 'ORDER', value: (o) => o.order_id },
        { header: 'STATUS', value: (o) => o.status },
        { header: 'CUSTOMER', value: (o) => o.customer_id, maxWidth: 24 },
        { header: 'TOTAL', value: (o) => `${o.total_amount.toFixed(2)} ${o.currency}`, align: 'right' },
        { header: 'LINES', value: (o) => o.items.length, align: 'right' },
        { header: 'ATTEMPTS', value: (o) => o.attempts, align: 'right' },
        { header: 'CREATED AT', value: (o) => o.created_at },
      ]),
    );
    context.io.stdout.write(`\n${orders.length} order(s) for ${what}.\n`);
    if (cursor !== undefined) context.io.stdout.write(`More follow: add --all, or continue with --cursor ${cursor}\n`);
    return EXIT.OK;
  },
};
