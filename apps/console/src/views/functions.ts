import { h, mount } from '../dom';
import { ms, table } from '../format';
import { live, onLive } from '../live';

export function functionsView(root: HTMLElement): () => void {
  const render = (): void => {
    const functions = live.overview?.functions ?? [];
    mount(
      root,
      h('div', { class: 'view-head' }, h('h1', {}, 'Functions')),
      h(
        'div',
        {},
        table(
        ['function', 'invocations', 'errors', 'cold starts', 'duration p50', 'duration p99', 'concurrency (last 5 s)', 'max concurrency'],
        functions.map((fn) => [h('a', { href: `#/logs`, class: `fn fn-${fn.name}` }, fn.name), fn.invocations, fn.errors, fn.cold_starts, ms(fn.p50_ms), ms(fn.p99_ms), fn.concurrency, fn.max_concurrency]),
        'Waiting for the runtime…',
        'Functions',
      ),
        h('p', { class: 'muted' }, 'Since the runtime started; durations of the last 2000 invocations per function, init excluded. The console’s own order look-ups call api-handler too.'),
      ),
    );
  };
  render();
  return onLive((change) => {
    if (change === 'overview') render();
  });
}
