import type { ConsoleOverview } from '@dofs/contracts';
import { rateChart } from '../chart';
import type { VNode } from 'preact';
import { h, mount, type Child } from '../dom';
import { curlExample, orderLink, statusBadge, table, time } from '../format';
import { live, onLive } from '../live';
import { searchForm } from './search';

function emptyState(overview: ConsoleOverview): VNode {
  return h(
    'section',
    { class: 'empty-state', 'aria-label': 'No orders yet' },
    h('h2', {}, 'No orders yet'),
    h('p', {}, 'Submit one to the local API and watch it flow through the system:'),
    h('pre', { class: 'code' }, curlExample(overview.api_url, overview.api_key)),
    h('p', { class: 'muted' }, 'or generate load: ', h('code', {}, 'npx dofs load --orders 50')),
  );
}

function statusCards({ counts, alarm }: ConsoleOverview): VNode {
  return h(
    'section',
    { class: 'cards', 'aria-label': 'Orders by status' },
    (['PENDING', 'FULFILLED', 'FAILED'] as const).map((status) =>
      h('div', { class: `card card-${status.toLowerCase()}`, 'data-testid': `count-${status}` }, h('div', { class: 'card-label' }, status), h('div', { class: 'card-value' }, counts[status])),
    ),
    h(
      'div',
      { class: `card alarm-${alarm.state.toLowerCase()}`, 'data-testid': 'alarm' },
      h('div', { class: 'card-label' }, `alarm ${alarm.name}`),
      h('div', { class: 'card-value' }, alarm.state),
      h('div', { class: 'muted' }, `${alarm.threshold} failed orders in ${alarm.period_s} s`),
    ),
  );
}

function queuesAndAlerts({ queues, settings, alarm }: ConsoleOverview): VNode {
  return h(
    'div',
    { class: 'columns' },
    h(
      'section',
      {},
      h('h2', {}, 'Queues'),
      table(
        ['queue', 'visible', 'in flight', 'delayed'],
        queues.map((queue) => [h('a', { href: '#/queues' }, queue.name), queue.visible, queue.in_flight, queue.delayed]),
        'no queues',
        'Queue depths',
      ),
      h(
        'p',
        { class: 'muted' },
        `success rate ${settings.fulfillment_success_rate}, visibility timeout ${settings.visibility_timeout_s} s, to the DLQ after ${settings.max_receive_count} receives`,
      ),
    ),
    h(
      'section',
      {},
      h('h2', {}, 'Last alerts'),
      table(['time', 'state', 'reason'], alarm.alerts.map((alert) => [time(alert.at), statusBadge(alert.state), alert.reason]), 'no alert since start', 'Alerts'),
    ),
  );
}

function overviewBody(overview: ConsoleOverview): Child[] {
  const { counts } = overview;
  return [
    counts.PENDING + counts.FULFILLED + counts.FAILED === 0 && emptyState(overview),
    statusCards(overview),
    h('section', {}, h('h2', {}, 'Orders per second'), rateChart(overview.rates)),
    queuesAndAlerts(overview),
    h(
      'section',
      {},
      h('h2', {}, 'Latest orders'),
      table(
        ['order', 'status', 'attempts', 'created'],
        overview.recent_orders.map((order) => [orderLink(order.order_id), statusBadge(order.status), order.attempts, time(order.created_at)]),
        'no orders yet',
        'Latest orders',
      ),
    ),
  ];
}

export function overviewView(root: HTMLElement): () => void {
  const draw = (): void =>
    mount(
      root,
      h('div', { class: 'view-head' }, h('h1', {}, 'Overview'), searchForm()),
      h('div', {}, live.overview ? overviewBody(live.overview) : h('p', { class: 'muted' }, 'Waiting for the runtime…')),
    );
  draw();
  return onLive((change) => {
    if (change === 'overview') draw();
  });
}
