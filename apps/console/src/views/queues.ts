import type { ConsoleQueues, ConsoleRedriveResult } from '@dofs/contracts';
import { h, mount } from '../dom';
import { orderLink, table, time } from '../format';
import { getJson, onLive, postJson } from '../live';

export function queuesView(root: HTMLElement): () => void {
  const selected = new Set<string>();
  const status = h('p', { role: 'status', class: 'muted' });
  const body = h('div', {}, h('p', { class: 'muted' }, 'Loading…'));
  let latest: ConsoleQueues | undefined;

  const redrive = async (ids: string[] | undefined): Promise<void> => {
    const what = ids ? `${ids.length} selected message(s)` : `all ${latest?.dlq_messages.length ?? 0} message(s)`;
    if (!window.confirm(`Move ${what} from order_dlq back to order_queue? Each gets a new round of fulfillment attempts.`)) return;
    try {
      const result = await postJson<ConsoleRedriveResult>('/api/queues/order_dlq/redrive', ids ? { message_ids: ids } : {});
      status.textContent = `Moved ${result.moved} message(s) to order_queue.`;
      selected.clear();
      load();
    } catch (error) {
      status.textContent = `Redrive failed: ${(error as Error).message}`;
    }
  };

  const render = (data: ConsoleQueues): void => {
    latest = data;
    for (const id of selected) if (!data.dlq_messages.some((message) => message.message_id === id)) selected.delete(id);
    const messages = data.dlq_messages.map((message) =>
      h(
        'li',
        { class: 'dlq-message', 'data-message-id': message.message_id },
        h(
          'label',
          {},
          h('input', {
            type: 'checkbox',
            checked: selected.has(message.message_id),
            'aria-label': `select message ${message.message_id}`,
            onchange: (event: Event) => {
              if ((event.target as HTMLInputElement).checked) selected.add(message.message_id);
              else selected.delete(message.message_id);
            },
          }),
          ' ',
          message.message ? orderLink(message.message.order_id) : h('span', { class: 'mono' }, message.message_id),
          h('span', { class: 'muted' }, ` received ${message.receive_count}×, sent ${time(message.sent_at)}`),
        ),
        h('pre', { class: 'code' }, message.body),
      ),
    );
    mount(
      body,
      table(
        ['queue', 'visible', 'in flight', 'delayed', ''],
        data.queues.map((queue) => [queue.name, queue.visible, queue.in_flight, queue.delayed, queue.dead_letter ? 'dead-letter queue' : '']),
        'no queues',
        'Queues',
      ),
      h('h2', {}, 'Messages in order_dlq'),
      data.dlq_messages.length === 0
        ? h('p', { class: 'empty-state' }, 'order_dlq is empty. dlq-processor drains it as messages arrive; a message stays here only while dlq-processor is off or failing.')
        : [
            h(
              'div',
              { class: 'actions' },
              h(
                'button',
                {
                  type: 'button',
                  onclick: () => {
                    if (selected.size === 0) status.textContent = 'Select one or more messages first.';
                    else void redrive([...selected]);
                  },
                },
                'Redrive selected',
              ),
              h('button', { type: 'button', onclick: () => void redrive(undefined) }, 'Redrive all'),
            ),
            h('ul', { class: 'dlq-messages' }, messages),
          ],
      status,
    );
  };
  const load = (): void => {
    getJson<ConsoleQueues>('/api/queues').then(render, (error: Error) => mount(body, h('p', { class: 'error-text' }, error.message)));
  };
  mount(root, h('div', { class: 'view-head' }, h('h1', {}, 'Queues')), body);
  load();
  return onLive((change) => {
    if (change === 'overview') load();
  });
}
