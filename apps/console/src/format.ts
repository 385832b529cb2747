import type { OrderStatus } from '@dofs/contracts';
import type { VNode } from 'preact';
import { h, type Child } from './dom';

export const time = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString(undefined, { hour12: false }) + '.' + String(date.getMilliseconds()).padStart(3, '0');
};

export const ms = (value: number | null | undefined): string => (value === null || value === undefined ? '–' : `${value} ms`);

export const statusBadge = (status: OrderStatus | string): VNode => h('span', { class: `badge status-${status.toLowerCase()}` }, status);

export const orderLink = (orderId: string): VNode => h('a', { href: `#/orders/${encodeURIComponent(orderId)}`, class: 'mono' }, orderId);

export const json = (value: unknown): string => JSON.stringify(value, null, 2);

/** A table with a header row; `empty` is shown in a full-width row when there are no rows. */
export function table(headers: readonly string[], rows: readonly (readonly Child[])[], empty: string, label?: string): VNode {
  return h(
    'table',
    label ? { 'aria-label': label } : {},
    h('thead', {}, h('tr', {}, headers.map((header) => h('th', { scope: 'col' }, header)))),
    h(
      'tbody',
      {},
      rows.length === 0
        ? h('tr', {}, h('td', { colspan: headers.length, class: 'empty' }, empty))
        : rows.map((row) => h('tr', {}, row.map((cell) => h('td', {}, cell)))),
    ),
  );
}

/** The curl that submits an order to this system's API. */
export const curlExample = (apiUrl: string, apiKey: string): string =>
  `curl -s -X POST ${apiUrl}/order -H 'Content-Type: application/json' -H 'x-api-key: ${apiKey}' \\\n  -d '{"customer_id":"c-1","items":[{"product_id":"p-1","quantity":2,"price":9.99}],"total_amount":19.98}'`;
