import type { FailedOrderRecord } from '@dofs/contracts';
import { h, mount, type Child } from '../dom';
import { orderLink, table, time } from '../format';
import { getJson, live, onLive } from '../live';

export function failedOrdersView(root: HTMLElement): () => void {
  let content: Child = h('p', { class: 'muted' }, 'Loading…');
  const draw = (): void =>
    mount(root, h('div', { class: 'view-head' }, h('h1', {}, 'Failed orders'), h('span', { class: 'muted' }, 'the failed_orders table, newest first')), h('div', {}, content));
  let failedCount = -1;
  const load = (): void => {
    getJson<FailedOrderRecord[]>('/api/failed-orders').then(
      (records) => {
        content = table(
          ['failed at', 'order', 'reason', 'attempts', 'receives', 'last error'],
          records.map((record) => [time(record.failed_at), record.order_id.startsWith('invalid-message:') ? record.order_id : orderLink(record.order_id), record.reason, record.attempts, record.receive_count, record.last_error ?? '']),
          'No failed orders. Start with DOFS_FULFILLMENT_SUCCESS_RATE=0 to see orders fail, reach the DLQ and land here.',
          'Failed orders',
        );
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
  return onLive((change) => {
    const count = live.overview?.counts.FAILED ?? 0;
    if (change === 'overview' && count !== failedCount) {
      failedCount = count;
      load();
    }
  });
}
