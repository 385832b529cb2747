import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import type { FailedOrderRecord, Order, OrderStatus } from '@dofs/contracts';
import { requireSystem, type Demo } from './demo-context';

/** What the recorded run ended with, read back from the runtime at the end; the test checks it. */
export interface RunSummary {
  readonly seed: string;
  readonly short: boolean;
  /** orders in the run's tables by status (GET /orders?status=S, every page) */
  readonly orders: Readonly<Record<OrderStatus, number>>;
  readonly journey?: Order;
  readonly failure?: Order;
  /** the failed_orders row of the failure scene's order (`dofs failed list --json`) */
  readonly failureRow?: FailedOrderRecord;
  readonly redrive?: Order;
  /** the alarms the failure scene's `dofs alerts read` printed, received through its subscription to the alerts topic */
  readonly alerts: readonly { readonly alarm_name: string; readonly new_state: string }[];
}

async function api<T>(demo: Demo, route: string): Promise<T> {
  const system = requireSystem(demo);
  const response = await fetch(new URL(route, system.apiUrl), { headers: { 'x-api-key': system.apiKey } });
  if (!response.ok) throw new Error(`GET ${route} answered ${response.status}`);
  return (await response.json()) as T;
}

async function countStatus(demo: Demo, status: OrderStatus): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  do {
    const query = `orders?status=${status}&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = await api<{ items: Order[]; next_cursor?: string }>(demo, query);
    count += page.items.length;
    cursor = page.next_cursor;
  } while (cursor);
  return count;
}

async function failedRow(demo: Demo, orderId: string): Promise<FailedOrderRecord | undefined> {
  const cli = path.join(demo.settings.root, 'apps/cli/bin/dofs.cjs');
  const { stdout } = await promisify(execFile)(process.execPath, [cli, 'failed', 'list', '--limit', '1000', '--json'], {
    cwd: demo.settings.root,
    env: { ...process.env, DOFS_DATA_DIR: demo.settings.dataDir },
  });
  const { records } = JSON.parse(stdout) as { records: FailedOrderRecord[] };
  return records.find((record) => record.order_id === orderId);
}

const orderOf = (demo: Demo, id: string | undefined): Promise<Order | undefined> =>
  id === undefined ? Promise.resolve(undefined) : api<Order>(demo, `order/${id}`);

export async function runSummary(demo: Demo): Promise<RunSummary> {
  const [PENDING, FULFILLED, FAILED] = await Promise.all((['PENDING', 'FULFILLED', 'FAILED'] as const).map((s) => countStatus(demo, s)));
  const failure = await orderOf(demo, demo.orders.failure);
  const row = demo.orders.failure === undefined ? undefined : await failedRow(demo, demo.orders.failure);
  return {
    seed: demo.settings.seed,
    short: demo.settings.short,
    orders: { PENDING: PENDING ?? 0, FULFILLED: FULFILLED ?? 0, FAILED: FAILED ?? 0 },
    ...optional('journey', await orderOf(demo, demo.orders.journey)),
    ...optional('failure', failure),
    ...optional('failureRow', row),
    ...optional('redrive', await orderOf(demo, demo.orders.redrive)),
    alerts: demo.alerts,
  };
}

function optional<K extends string, V>(key: K, value: V | undefined): Partial<Record<K, V>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, V>);
}
