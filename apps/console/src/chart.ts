import type { ConsoleRatePoint } from '@dofs/contracts';
import type { VNode } from 'preact';
import { h, s } from './dom';

const W = 640;
const H = 180;
const PAD = { left: 36, right: 10, top: 10, bottom: 24 };

/** Accepted and terminal orders per second, as two lines over the last minutes. */
export function rateChart(points: readonly ConsoleRatePoint[]): VNode {
  const max = Math.max(1, ...points.map((point) => Math.max(point.accepted, point.terminal)));
  const x = (index: number): number => PAD.left + (index / Math.max(1, points.length - 1)) * (W - PAD.left - PAD.right);
  const y = (value: number): number => H - PAD.bottom - (value / max) * (H - PAD.top - PAD.bottom);
  const line = (field: 'accepted' | 'terminal'): string => points.map((point, index) => `${x(index).toFixed(1)},${y(point[field]).toFixed(1)}`).join(' ');
  const seconds = points.length;
  const total = (field: 'accepted' | 'terminal'): number => points.reduce((sum, point) => sum + point[field], 0);
  const last10 = (field: 'accepted' | 'terminal'): string => (points.slice(-10).reduce((sum, point) => sum + point[field], 0) / 10).toFixed(1);
  return h(
    'figure',
    { class: 'chart' },
    s(
      'svg',
      { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': `Orders per second over the last ${seconds} s: ${total('accepted')} accepted, ${total('terminal')} terminal` },
      s('line', { x1: PAD.left, y1: y(0), x2: W - PAD.right, y2: y(0), class: 'axis' }),
      s('line', { x1: PAD.left, y1: y(max), x2: W - PAD.right, y2: y(max), class: 'grid' }),
      s('text', { x: PAD.left - 6, y: y(max) + 4, class: 'tick', 'text-anchor': 'end' }, String(max)),
      s('text', { x: PAD.left - 6, y: y(0) + 4, class: 'tick', 'text-anchor': 'end' }, '0'),
      s('text', { x: PAD.left, y: H - 6, class: 'tick' }, `-${seconds} s`),
      s('text', { x: W - PAD.right, y: H - 6, class: 'tick', 'text-anchor': 'end' }, 'now'),
      s('polyline', { points: line('accepted'), class: 'series-accepted' }),
      s('polyline', { points: line('terminal'), class: 'series-terminal' }),
    ),
    h(
      'figcaption',
      {},
      h('span', { class: 'key key-accepted' }, `accepted ${last10('accepted')}/s`),
      ' ',
      h('span', { class: 'key key-terminal' }, `terminal (FULFILLED or FAILED) ${last10('terminal')}/s`),
      h('span', { class: 'muted' }, ' — average of the last 10 s'),
    ),
  );
}
