import type { ConsoleOrderDetail, ConsoleTimelineEntry } from '@dofs/contracts';
import type { VNode } from 'preact';
import { h, mount, type Child } from '../dom';
import { json, ms, statusBadge, table, time } from '../format';
import { getJson, live, onLive } from '../live';
import { logTable } from './logs';
import { searchForm } from './search';

const KIND_LABEL: Readonly<Record<ConsoleTimelineEntry['kind'], string>> = {
  api: 'API',
  execution: 'workflow',
  state: 'state',
  attempt: 'fulfillment',
  dlq: 'DLQ',
  failed: 'failed_orders',
};

function timelineItem(entry: ConsoleTimelineEntry): VNode {
  const io =
    entry.input !== undefined || entry.output !== undefined
      ? h(
          'details',
          {},
          h('summary', {}, 'input / output'),
          h('div', { class: 'io' }, h('div', {}, h('h4', {}, 'input'), h('pre', { class: 'code' }, json(entry.input))), h('div', {}, h('h4', {}, 'output'), h('pre', { class: 'code' }, json(entry.output)))),
        )
      : null;
  return h(
    'li',
    { class: `step step-${entry.kind} ${entry.ok ? 'ok' : 'failed'}`, 'data-kind': entry.kind },
    h('span', { class: 'step-time mono' }, time(entry.at)),
    h('span', { class: 'step-kind' }, KIND_LABEL[entry.kind]),
    h('span', { class: 'step-title' }, entry.ok ? '' : h('span', { class: 'sr-only' }, 'failed: '), entry.title),
    entry.duration_ms !== undefined ? h('span', { class: 'step-duration' }, ms(entry.duration_ms)) : null,
    entry.detail ? h('div', { class: 'step-detail muted' }, entry.detail) : null,
    io,
  );
}

function detailBody(detail: ConsoleOrderDetail): Child[] {
  const { order, failed } = detail;
  const timeline = [...detail.timeline];
  if (failed)
    timeline.push({ at: failed.failed_at, kind: 'failed', ok: false, title: `failed_orders row: ${failed.reason} after ${failed.attempts} attempt(s)`, detail: failed.last_error });
  timeline.sort((a, b) => a.at.localeCompare(b.at));
  return [
    order
      ? h(
          'section',
          { class: 'order-summary', 'aria-label': 'The order' },
          h('p', {}, statusBadge(order.status), ` ${order.attempts} attempt(s), ${order.total_amount} ${order.currency}, customer `, h('span', { class: 'mono' }, order.customer_id)),
          order.last_error ? h('p', { class: 'error-text' }, `last error (attempt ${order.last_error.attempt}, ${time(order.last_error.at)}): ${order.last_error.message}`) : null,
          order.failure_reason ? h('p', { class: 'error-text' }, `failure reason: ${order.failure_reason}`) : null,
          table(
            ['product', 'quantity', 'price'],
            order.items.map((item) => [item.product_id, item.quantity, item.price]),
            'no lines',
            'Order lines',
          ),
          h('details', {}, h('summary', {}, 'GET /order/', order.order_id), h('pre', { class: 'code' }, json(order))),
        )
      : h('p', { class: 'empty-state' }, 'GET /order/', detail.order_id, ' answers 404: no such order (yet). A rejected order (422) is never stored; its timeline below still shows what happened.'),
    failed ? h('details', {}, h('summary', {}, 'failed_orders row'), h('pre', { class: 'code' }, json(failed))) : null,
    h('h2', {}, 'Timeline'),
    timeline.length === 0
      ? h('p', { class: 'muted' }, 'Nothing seen for this order since the runtime started.')
      : h('ol', { class: 'timeline', 'aria-label': 'Timeline' }, timeline.map(timelineItem)),
    h('h2', {}, 'Function logs for this order'),
    logTable(detail.logs),
  ];
}

export function orderDetailView(root: HTMLElement, orderId: string | undefined): () => void {
  if (!orderId) {
    const recent = live.overview?.recent_orders ?? [];
    mount(
      root,
      h('div', { class: 'view-head' }, h('h1', {}, 'Orders'), searchForm()),
      h('p', { class: 'muted' }, 'Find an order by its id or the Idempotency-Key it was posted with, or pick one from the latest orders on the overview.'),
      recent.length > 0 ? h('ul', {}, recent.map((order) => h('li', {}, h('a', { href: `#/orders/${order.order_id}`, class: 'mono' }, order.order_id), ' ', statusBadge(order.status)))) : null,
    );
    return () => undefined;
  }
  let content: Child = h('p', { class: 'muted' }, 'Loading…');
  const draw = (): void => mount(root, h('div', { class: 'view-head' }, h('h1', {}, 'Order ', h('span', { class: 'mono' }, orderId)), searchForm()), h('div', {}, content));
  const load = (): void => {
    getJson<ConsoleOrderDetail>(`/api/orders/${encodeURIComponent(orderId)}`).then(
      (detail) => {
        content = detailBody(detail);
        draw();
      },
      (error: Error) => {
        content = h('p', { class: 'error-text' }, error.message);
        draw();
      },
    );
  };
  draw();
  load();
  return onLive((change, ids) => {
    if (change === 'orders' && ids.includes(orderId)) load();
  });
}
