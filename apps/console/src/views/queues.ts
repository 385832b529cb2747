import type { ConsoleDlqMessage, ConsoleQueues, ConsoleRedriveResult } from '@dofs/contracts';
import type { VNode } from 'preact';
import { h, mount, type Child } from '../dom';
import { orderLink, table, time } from '../format';
import { getJson, onLive, postJson } from '../live';

function dlqMessage(message: ConsoleDlqMessage, selected: Set<string>): VNode {
  return h(
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
  );
}

function queuesContent(data: ConsoleQueues, selected: Set<string>, status: string, actions: { redriveSelected: () => void; redriveAll: () => void }): Child[] {
  return [
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
            h('button', { type: 'button', onclick: actions.redriveSelected }, 'Redrive selected'),
            h('button', { type: 'button', onclick: actions.redriveAll }, 'Redrive all'),
          ),
          h('ul', { class: 'dlq-messages' }, data.dlq_messages.map((message) => dlqMessage(message, selected))),
        ],
    h('p', { role: 'status', class: 'muted' }, status),
  ];
}

/** The queues, the messages in order_dlq and their redrive (the console's only write, after a confirmation). */
export function queuesView(root: HTMLElement): () => void {
  const selected = new Set<string>();
  let latest: ConsoleQueues | undefined;
  let content: Child = h('p', { class: 'muted' }, 'Loading…');
  let status = '';
  const draw = (): void => mount(root, h('div', { class: 'view-head' }, h('h1', {}, 'Queues')), h('div', {}, content));
  const say = (text: string): void => {
    status = text;
    if (latest) show(latest);
  };

  const redrive = async (ids: string[] | undefined): Promise<void> => {
    const what = ids ? `${ids.length} selected message(s)` : `all ${latest?.dlq_messages.length ?? 0} message(s)`;
    if (!window.confirm(`Move ${what} from order_dlq back to order_queue? Each gets a new round of fulfillment attempts.`)) return;
    try {
      const result = await postJson<ConsoleRedriveResult>('/api/queues/order_dlq/redrive', ids ? { message_ids: ids } : {});
      selected.clear();
      say(`Moved ${result.moved} message(s) to order_queue.`);
      load();
    } catch (error) {
      say(`Redrive failed: ${(error as Error).message}`);
    }
  };
  const redriveSelected = (): void => {
    if (selected.size === 0) say('Select one or more messages first.');
    else void redrive([...selected]);
  };

  const show = (data: ConsoleQueues): void => {
    latest = data;
    for (const id of selected) if (!data.dlq_messages.some((message) => message.message_id === id)) selected.delete(id);
    content = queuesContent(data, selected, status, { redriveSelected, redriveAll: () => void redrive(undefined) });
    draw();
  };
  const load = (): void => {
    getJson<ConsoleQueues>('/api/queues').then(show, (error: Error) => {
      content = h('p', { class: 'error-text' }, error.message);
      draw();
    });
  };
  draw();
  load();
  return onLive((change) => {
    if (change === 'overview') load();
  });
}
