import { readFileSync } from 'node:fs';
import path from 'node:path';
import { InvalidCursorError } from './errors';
import { CURSOR_TTL_MS, OrderCursors } from './order-cursor';
import type { OrderListQuery } from './order-list';
import { fixedClock } from './testing';

const KEY = 'k'.repeat(43);
const query: OrderListQuery = { select: { by: 'customer_id', value: 'cust-1' }, order: 'desc', limit: 10 };
const position = { created_at: '2026-11-21T10:00:00.000Z', order_id: '3f1e6a52-9c4b-4d7e-8a1f-2b3c4d5e6f70' };

function problemOf(open: () => unknown): string {
  try {
    open();
  } catch (error) {
    if (error instanceof InvalidCursorError) return error.problem;
    throw error;
  }
  throw new Error('the cursor was accepted');
}

describe('OrderCursors', () => {
  it('gives back the position it was issued for, for the same query, whatever the limit', () => {
    const cursors = new OrderCursors(KEY, fixedClock());
    expect(cursors.open(cursors.issue(query, position), { ...query, limit: 99 })).toEqual(position);
  });

  it('is opaque: URL-safe and without the customer id or the order id in clear', () => {
    const cursor = new OrderCursors(KEY, fixedClock()).issue(query, position);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(cursor).not.toContain('cust-1');
    expect(cursor).not.toContain(position.order_id);
  });

  it.each([
    ['another customer', { ...query, select: { by: 'customer_id', value: 'cust-2' } }],
    ['a status list', { ...query, select: { by: 'status', value: 'PENDING' } }],
    ['another order', { ...query, order: 'asc' }],
    ['another range', { ...query, createdAfter: '2026-11-01T00:00:00.000Z' }],
  ] as const)('refuses a cursor of this query for %s', (_, other) => {
    const cursors = new OrderCursors(KEY, fixedClock());
    expect(problemOf(() => cursors.open(cursors.issue(query, position), other as OrderListQuery))).toMatch(/another query/);
  });

  it('refuses a cursor whose payload was altered, even when the change is valid JSON', () => {
    const cursors = new OrderCursors(KEY, fixedClock());
    const [body, signature] = cursors.issue(query, position).split('.');
    const payload = JSON.parse(Buffer.from(body ?? '', 'base64url').toString()) as { p: string[] };
    payload.p = ['2026-12-31T00:00:00.000Z', position.order_id];
    const forged = `${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${signature}`;
    expect(problemOf(() => cursors.open(forged, query))).toMatch(/altered/);
  });

  it('refuses a cursor signed with another key', () => {
    const cursor = new OrderCursors('x'.repeat(43), fixedClock()).issue(query, position);
    expect(problemOf(() => new OrderCursors(KEY, fixedClock()).open(cursor, query))).toMatch(/altered/);
  });

  it.each(['', 'abc', 'a.b.c', '.', 'not base64!.x', `${Buffer.from('{}').toString('base64url')}.`])('refuses the malformed cursor %j', (cursor) => {
    expect(problemOf(() => new OrderCursors(KEY, fixedClock()).open(cursor, query))).toMatch(/malformed|altered/);
  });

  it('refuses a correctly signed payload of another shape (never a 500)', () => {
    const cursors = new OrderCursors(KEY, fixedClock());
    const body = Buffer.from(JSON.stringify({ v: 1, q: 'x', p: 'not a pair', t: 0 })).toString('base64url');
    const signature = (cursors as unknown as { sign(body: string): string }).sign(body);
    expect(problemOf(() => cursors.open(`${body}.${signature}`, query))).toBe('is malformed');
  });

  it('is valid for 24 hours after it was issued, and no longer', () => {
    const clock = fixedClock();
    const cursors = new OrderCursors(KEY, clock);
    const cursor = cursors.issue(query, position);
    clock.advance(CURSOR_TTL_MS);
    expect(cursors.open(cursor, query)).toEqual(position);
    clock.advance(1);
    expect(problemOf(() => cursors.open(cursor, query))).toBe('has expired');
    expect(CURSOR_TTL_MS).toBe(86_400_000);
  });

  it('lives as long as the contract says', () => {
    const contract = readFileSync(path.resolve(__dirname, '../../../contracts/openapi.yaml'), 'utf8');
    const hours = CURSOR_TTL_MS / 3_600_000;
    expect(contract).toContain(`older than\n        ${hours} hours is a 400 \`INVALID_CURSOR\``);
    expect(contract).toContain(`valid for\n        ${hours} hours after the page that gave it was served`);
  });
});
