import type { ConsoleLogLine } from '@dofs/contracts';
import type { VNode } from 'preact';
import { h, mount } from '../dom';
import { orderLink, time } from '../format';
import { addLogLines, getJson, live, onLive } from '../live';

export function logTable(lines: readonly ConsoleLogLine[]): VNode {
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

interface LogFilter {
  function: string;
  level: string;
  orderId: string;
  correlationId: string;
}

const matches = (line: ConsoleLogLine, filter: LogFilter): boolean =>
  (!filter.function || line.function === filter.function) &&
  (!filter.level || line.level === filter.level) &&
  (!filter.orderId.trim() || line.order_id === filter.orderId.trim()) &&
  (!filter.correlationId.trim() || line.correlation_id === filter.correlationId.trim());

export function logsView(root: HTMLElement): () => void {
  const functions = live.overview?.functions.map((fn) => fn.name) ?? [];
  const filter: LogFilter = { function: '', level: '', orderId: '', correlationId: '' };
  const field = (key: keyof LogFilter) => ({
    value: filter[key],
    oninput: (event: Event) => {
      filter[key] = (event.target as HTMLInputElement | HTMLSelectElement).value;
      draw();
    },
  });
  const draw = (): void => {
    const lines = live.logs.filter((line) => matches(line, filter));
    mount(
      root,
      h('div', { class: 'view-head' }, h('h1', {}, 'Logs')),
      h(
        'form',
        { class: 'filters', onsubmit: (event: Event) => event.preventDefault() },
        h('select', { 'aria-label': 'Function', ...field('function') }, h('option', { value: '' }, 'all functions'), functions.map((name) => h('option', { value: name }, name))),
        h('select', { 'aria-label': 'Level', ...field('level') }, ['', 'DEBUG', 'INFO', 'WARN', 'ERROR'].map((value) => h('option', { value }, value || 'all levels'))),
        h('input', { type: 'search', placeholder: 'order id', 'aria-label': 'Order id', size: 36, ...field('orderId') }),
        h('input', { type: 'search', placeholder: 'correlation id', 'aria-label': 'Correlation id', size: 36, ...field('correlationId') }),
        h('span', { class: 'muted', role: 'status' }, `${lines.length} line(s) (newest last; the live tail keeps ${live.logs.length})`),
      ),
      h(
        'div',
        {},
        lines.length === 0 && live.logs.length === 0
          ? h('p', { class: 'empty-state' }, 'No function has logged yet: submit an order and its lines appear here live.')
          : logTable(lines.slice(-500)),
      ),
    );
  };
  void getJson<ConsoleLogLine[]>('/api/logs').then((lines) => {
    addLogLines(lines);
    draw();
  });
  draw();
  return onLive((change) => {
    if (change === 'logs') draw();
  });
}
