import { h } from '../dom';
import { getJson } from '../live';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Order id or Idempotency-Key -> the order's detail view. */
export function searchForm(initial = ''): HTMLFormElement {
  const input = h('input', {
    type: 'search',
    name: 'q',
    value: initial,
    placeholder: 'order id or Idempotency-Key',
    'aria-label': 'Order id or Idempotency-Key',
    size: 40,
  });
  const form = h('form', { class: 'search', role: 'search' }, input, h('button', { type: 'submit' }, 'Find order'));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const query = input.value.trim();
    if (!query) return;
    if (UUID.test(query)) {
      location.hash = `#/orders/${query.toLowerCase()}`;
      return;
    }
    void getJson<{ order_id: string }>(`/api/lookup?idempotency_key=${encodeURIComponent(query)}`).then(({ order_id }) => {
      location.hash = `#/orders/${order_id}`;
    });
  });
  return form;
}
