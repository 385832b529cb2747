import { validateOrderPage } from '@dofs/contracts';
import { InvalidCursorError } from '../errors';
import { OrderCursors } from '../order-cursor';
import type { OrderListQuery } from '../order-list';
import { InMemoryOrderStore, anOrderRecord, fixedClock } from '../testing';
import { listOrders } from './list-orders';

const id = (n: number): string => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const at = (minute: number): string => new Date(Date.UTC(2026, 10, 21, 10, minute)).toISOString();

async function setUp() {
  const orders = new InMemoryOrderStore();
  for (let n = 1; n <= 7; n += 1) {
    await orders.createIfAbsent(anOrderRecord({ order_id: id(n), customer_id: n % 2 ? 'odd' : 'even', created_at: at(n), status: n === 3 ? 'FAILED' : 'PENDING' }));
  }
  const deps = { orders, cursors: new OrderCursors('k'.repeat(43), fixedClock()) };
  return { orders, deps };
}

const byCustomer = (value: string, overrides: Partial<OrderListQuery> = {}): OrderListQuery => ({ select: { by: 'customer_id', value }, order: 'desc', limit: 25, ...overrides });

describe('listOrders', () => {
  it("lists only the customer's orders, newest first, in the API's page shape", async () => {
    const { deps } = await setUp();
    const page = await listOrders(deps, byCustomer('odd'));
    expect(validateOrderPage(page)).toBe(true);
    expect(page.items.map((o) => o.order_id)).toEqual([id(7), id(5), id(3), id(1)]);
    expect(page.items[0]).not.toHaveProperty('request_hash');
    expect(page.next_cursor).toBeUndefined();
  });

  it('lists by status, oldest first when asked, within the range (after inclusive, before exclusive)', async () => {
    const { deps } = await setUp();
    const page = await listOrders(deps, { select: { by: 'status', value: 'PENDING' }, order: 'asc', limit: 25, createdAfter: at(2), createdBefore: at(6) });
    expect(page.items.map((o) => o.order_id)).toEqual([id(2), id(4), id(5)]);
  });

  it('pages through with cursors: every order once, no empty last page', async () => {
    const { deps } = await setUp();
    const query = { select: { by: 'status', value: 'PENDING' }, order: 'desc', limit: 2 } as const;
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = await listOrders(deps, query, cursor);
      pages.push(page.items.map((o) => o.order_id));
      cursor = page.next_cursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([[id(7), id(6)], [id(5), id(4)], [id(2), id(1)]]);
  });

  it("refuses another query's cursor before reading anything", async () => {
    const { deps } = await setUp();
    const first = await listOrders(deps, byCustomer('odd', { limit: 1 }));
    const list = jest.spyOn(deps.orders, 'list');
    await expect(listOrders(deps, byCustomer('even', { limit: 1 }), first.next_cursor ?? '')).rejects.toThrow(InvalidCursorError);
    expect(list).not.toHaveBeenCalled();
  });
});
