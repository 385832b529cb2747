import type { ConsoleOverview } from '@dofs/contracts';
import { rateChart } from '../chart';
import { h, mount } from '../dom';
import { curlExample, orderLink, statusBadge, table, time } from '../format';
import { live, onLive } from '../live';
import { searchForm } from './search';

function render(body: HTMLElement, overview: ConsoleOverview): void {
  const { counts } = overview;
  const none = counts.PENDING + counts.FULFILLED + counts.FAILED === 0;
  mount(
    body,
    none &&
      h(
        'section',
        { class: 'empty-state', 'aria-label': 'No orders yet' },
        h('h2', {}, 'No orders yet'),
        h('p', {}, 'Submit one to the local API and watch it flow through the system:'),
        h('pre', { class: 'code' }, curlExample(overview.api_url, overview.api_key)),
        h('p', { class: 'muted' }, 'or generate load: ', h('code', {}, 'npx dofs load --orders 50')),
      ),
    h(
      'section',
      { class: 'cards', 'aria-label': 'Orders by status' },
      (['PENDING', 'FULFILLED', 'FAILED'] as const).map((status) =>
        h('div', { class: `card card-${status.toLowerCase()}`, 'data-testid': `count-${status}` }, h('div', { class: 'card-label' }, status), h('div', { class: 'card-value' }, counts[status])),
      ),
      h(
        'div',
        { class: `card alarm-${overview.alarm.state.toLowerCase()}`, 'data-testid': 'alarm' },
        h('div', { class: 'card-label' }, `alarm ${overview.alarm.name}`),
        h('div', { class: 'card-value' }, overview.alarm.state),
        h('div', { class: 'muted' }, `${overview.alarm.threshold} failed orders in ${overview.alarm.period_s} s`),
      ),
    ),
    h('section', {}, h('h2', {}, 'Orders per second'), rateChart(overview.rates)),
    h(
      'div',
      { class: 'columns' },
      h(
        'section',
        {},
        h('h2', {}, 'Queues'),
        table(
          ['queue', 'visible', 'in flight', 'delayed'],
          overview.queues.map((queue) => [h('a', { href: '#/queues' }, queue.name), queue.visible, queue.in_flight, queue.delayed]),
          'no queues',
          'Queue depths',
        ),
        h(
          'p',
          { class: 'muted' },
          `success rate ${overview.settings.fulfillment_success_rate}, visibility timeout ${overview.settings.visibility_timeout_s} s, to the DLQ after ${overview.settings.max_receive_count} receives`,
        ),
      ),
      h(
        'section',
        {},
        h('h2', {}, 'Last alerts'),
        table(
          ['time', 'state', 'reason'],
          overview.alarm.alerts.map((alert) => [time(alert.at), statusBadge(alert.state), alert.reason]),
          'no alert since start',
          'Alerts',
        ),
      ),
    ),
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
  );
}

export function overviewView(root: HTMLElement): () => void {
  const body = h('div', {}, h('p', { class: 'muted' }, 'Waiting for the runtime…'));
  mount(root, h('div', { class: 'view-head' }, h('h1', {}, 'Overview'), searchForm()), body);
  if (live.overview) render(body, live.overview);
  return onLive((change) => {
    if (change === 'overview' && live.overview) render(body, live.overview);
  });
}
