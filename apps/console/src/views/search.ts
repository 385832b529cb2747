import type { VNode } from 'preact';
import { h } from '../dom';
import { getJson } from '../live';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function find(event: Event): void {
  event.preventDefault();
  const field = (event.currentTarget as HTMLFormElement).elements.namedItem('q') as HTMLInputElement;
  const query = field.value.trim();
  if (!query) return;
  if (UUID.test(query)) {
    location.hash = `#/orders/${query.toLowerCase()}`;
    return;
  }
  void getJson<{ order_id: string }>(`/api/lookup?idempotency_key=${encodeURIComponent(query)}`).then(({ order_id }) => {
    location.hash = `#/orders/${order_id}`;
  });
}

/**
 * Order id or Idempotency-Key -> the order's detail view. The field is the browser's own (no
 * `value` given): the view's updates leave what is typed in it alone.
 */
export function searchForm(): VNode {
  return h(
    'form',
    { class: 'search', role: 'search', onsubmit: find },
    h('input', { type: 'search', name: 'q', placeholder: 'order id or Idempotency-Key', 'aria-label': 'Order id or Idempotency-Key', size: 40 }),
    h('button', { type: 'submit' }, 'Find order'),
  );
}
