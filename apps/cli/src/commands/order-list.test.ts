// `dofs order list` against a scripted HTTP API (fetch replaced): the requests it makes, its table,
// --json, --all and its refusals. tests/cli-local-system.test.ts runs it against the real system.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../cli';
import { EXIT } from '../exit-codes';
import { captureIo } from '../../tests/support/capture-io';
import { listQueryFromFlags, sinceFlag } from './order-list';

const anOrder = (n: number, status = 'PENDING') => ({
  order_id: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
  status,
  customer_id: 'c-1',
  items: [{ product_id: 'sku-1', quantity: 2, price: 1.25 }],
  total_amount: 2.5,
  currency: 'USD',
  attempts: 0,
  created_at: `2026-11-21T10:00:0${n}.000Z`,
  updated_at: `2026-11-21T10:00:0${n}.000Z`,
});
const page = (items: unknown[], next: string | null) =>
  new Response(JSON.stringify({ items, ...(next !== null && { next_cursor: next }) }), { status: 200, headers: { 'Content-Type': 'application/json' } });

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'dofs-cli-list-'));
  mkdirSync(path.join(cwd, '.dofs/data'), { recursive: true });
  writeFileSync(path.join(cwd, '.dofs/data/endpoints.json'), JSON.stringify({ api_url: 'http://api.test', region: 'us-east-1', credentials: {}, endpoints: {}, tables: {}, queues: {} }));
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function dofs(argv: string[], answers: Response[]) {
  const { io, stdout, stderr } = captureIo({}, cwd);
  const queries: Record<string, string>[] = [];
  const fetch = async (request: Request) => {
    queries.push(Object.fromEntries(new URL(request.url).searchParams));
    const next = answers.shift();
    if (!next) throw new Error('no more scripted answers');
    return next;
  };
  const code = await run(argv, io, { fetch });
  return { code, out: stdout(), err: stderr(), queries };
}

describe('dofs order list', () => {
  it("prints a customer's first page as a table, and the cursor to continue from", async () => {
    const r = await dofs(['order', 'list', '--customer', 'c-1', '--limit', '2'], [page([anOrder(2), anOrder(1)], 'cur.sig')]);
    expect(r.code).toBe(EXIT.OK);
    expect(r.queries).toEqual([{ customer_id: 'c-1', limit: '2' }]);
    expect(r.out).toMatch(/^ORDER\s+STATUS\s+CUSTOMER\s+TOTAL\s+LINES\s+ATTEMPTS\s+CREATED AT$/m);
    expect(r.out).toMatch(/00000000-0000-4000-8000-000000000002\s+PENDING\s+c-1\s+2\.50 USD\s+1\s+0\s+2026-11-21T10:00:02\.000Z/);
    expect(r.out).toContain('2 order(s) for customer c-1.');
    expect(r.out).toContain('More follow: add --all, or continue with --cursor cur.sig');
  });

  it('follows every cursor with --all, in pages of 100, and prints the page shape with --json', async () => {
    const r = await dofs(['order', 'list', '--status', 'failed', '--all', '--json', '--order', 'asc'], [page([anOrder(1, 'FAILED')], 'c2.s'), page([anOrder(2, 'FAILED')], null)]);
    expect(r.code).toBe(EXIT.OK);
    expect(r.queries).toEqual([
      { status: 'FAILED', order: 'asc', limit: '100' },
      { status: 'FAILED', order: 'asc', limit: '100', cursor: 'c2.s' },
    ]);
    const body = JSON.parse(r.out) as { items: { order_id: string }[]; next_cursor: string | null };
    expect(body.items.map((o) => o.order_id.slice(-1))).toEqual(['1', '2']);
    expect(body.next_cursor).toBeNull();
  });

  it('reads pages until --limit is reached when it is above the largest page', async () => {
    const first = Array.from({ length: 100 }, (_, i) => anOrder(i % 10));
    const r = await dofs(['order', 'list', '--customer', 'c-1', '--limit', '150', '--json'], [page(first, 'c2.s'), page(first.slice(0, 50), 'c3.s')]);
    expect(r.queries.map((q) => q['limit'])).toEqual(['100', '50']);
    const body = JSON.parse(r.out) as { items: unknown[]; next_cursor: string };
    expect([body.items.length, body.next_cursor]).toEqual([150, 'c3.s']);
  });

  it('says so when there is nothing to list', async () => {
    const r = await dofs(['order', 'list', '--customer', 'nobody'], [page([], null)]);
    expect(r.out).toBe('No orders for customer nobody.\n');
  });

  it.each([
    [['order', 'list'], /--customer ID or by --status/],
    [['order', 'list', '--customer', 'c', '--status', 'FAILED'], /one of the two/],
    [['order', 'list', '--status', 'SHIPPED'], /--status must be one of PENDING, FULFILLED, FAILED/],
    [['order', 'list', '--status', 'FAILED', '--all', '--limit', '5'], /not both/],
    [['order', 'list', '--status', 'FAILED', '--order', 'newest'], /--order must be asc or desc/],
    [['order', 'list', '--status', 'FAILED', '--limit', '0'], /--limit must be a whole number/],
  ])('refuses %j with a usage error, sending nothing', async (argv, message) => {
    const r = await dofs(argv, []);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toMatch(message);
    expect(r.queries).toEqual([]);
  });

  it('exits 1 with the API error for a cursor of another query', async () => {
    const invalid = new Response(JSON.stringify({ error: { code: 'INVALID_CURSOR', message: 'The cursor belongs to another query.', details: [{ path: 'cursor', problem: 'belongs to another query' }], request_id: 'r-1' } }), {
      status: 400,
      headers: { 'Content-Type': 'application/json' },
    });
    const r = await dofs(['order', 'list', '--customer', 'c-2', '--cursor', 'x.y'], [invalid]);
    expect(r.code).toBe(EXIT.REJECTED);
    expect(r.err).toContain('400 INVALID_CURSOR');
  });
});

describe('order list flags', () => {
  const now = new Date('2026-11-21T12:00:00.000Z');
  it('turns an age into the instant it names, and passes a date through for the API to check', () => {
    expect(sinceFlag('30m', now)).toBe('2026-11-21T11:30:00.000Z');
    expect(sinceFlag('7d', now)).toBe('2026-11-14T12:00:00.000Z');
    expect(sinceFlag('2026-11-01', now)).toBe('2026-11-01');
    expect(listQueryFromFlags({ customer: 'c', since: '1h', until: '2026-11-21T12:00:00Z' }, now)).toEqual({
      customer_id: 'c',
      created_after: '2026-11-21T11:00:00.000Z',
      created_before: '2026-11-21T12:00:00Z',
    });
  });
});
