import type { ConsoleLogLine } from '@dofs/contracts';
import { h, mount } from '../dom';
import { orderLink, time } from '../format';
import { addLogLines, getJson, live, onLive } from '../live';

export function logTable(lines: readonly ConsoleLogLine[]): HTMLElement {
  if (lines.length === 0) return h('p', { class: 'muted' }, 'No log lines.');
  return h(
    'table',
    { class: 'logs', 'aria-label': 'Log lines' },
    h('thead', {}, h('tr', {}, ['time', 'function', 'level', 'message', 'order'].map((header) => h('th', { scope: 'col' }, header)))),
    h(
      'tbody',
      {},
      lines.map((line) =>
        h(
          'tr',
          { class: `level-${line.level.toLowerCase()}` },
          h('td', { class: 'mono' }, time(line.at)),
          h('td', { class: `fn fn-${line.function}` }, line.function),
          h('td', {}, line.level),
          h('td', { title: line.raw }, line.message),
          h('td', {}, line.order_id ? orderLink(line.order_id) : ''),
        ),
      ),
    ),
  );
}

export function logsView(root: HTMLElement): () => void {
  const functions = live.overview?.functions.map((fn) => fn.name) ?? [];
  const fn = h('select', { 'aria-label': 'Function' }, h('option', { value: '' }, 'all functions'), functions.map((name) => h('option', { value: name }, name)));
  const level = h('select', { 'aria-label': 'Level' }, ['', 'DEBUG', 'INFO', 'WARN', 'ERROR'].map((value) => h('option', { value }, value || 'all levels')));
  const orderId = h('input', { type: 'search', placeholder: 'order id', 'aria-label': 'Order id', size: 36 });
  const correlationId = h('input', { type: 'search', placeholder: 'correlation id', 'aria-label': 'Correlation id', size: 36 });
  const count = h('span', { class: 'muted', role: 'status' });
  const body = h('div', {});
  const render = (): void => {
    const lines = live.logs.filter(
      (line) =>
        (!fn.value || line.function === fn.value) &&
        (!level.value || line.level === level.value) &&
        (!orderId.value.trim() || line.order_id === orderId.value.trim()) &&
        (!correlationId.value.trim() || line.correlation_id === correlationId.value.trim()),
    );
    count.textContent = `${lines.length} line(s) (newest last; the live tail keeps ${live.logs.length})`;
    mount(body, lines.length === 0 && live.logs.length === 0 ? h('p', { class: 'empty-state' }, 'No function has logged yet: submit an order and its lines appear here live.') : logTable(lines.slice(-500)));
  };
  for (const control of [fn, level, orderId, correlationId]) control.addEventListener('input', render);
  mount(root, h('div', { class: 'view-head' }, h('h1', {}, 'Logs')), h('form', { class: 'filters', onsubmit: (event: Event) => event.preventDefault() }, fn, level, orderId, correlationId, count), body);
  void getJson<ConsoleLogLine[]>('/api/logs').then((lines) => {
    addLogLines(lines);
    render();
  });
  render();
  return onLive((change) => {
    if (change === 'logs') render();
  });
}
