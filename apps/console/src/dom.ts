import { createElement, Fragment, render, type ComponentChildren, type VNode } from 'preact';

export type Child = ComponentChildren;
type Attributes = Record<string, unknown>;

/**
 * An element: `h('a', { href: '#/x', class: 'link' }, 'text', child)`: preact's own hyperscript
 * (SVG elements too: under an `<svg>` preact creates them in the SVG namespace).
 */
export function h(tag: string, attributes: Attributes = {}, ...children: Child[]): VNode {
  return createElement(tag, attributes as never, ...children);
}

/** An SVG element, for the chart and the workflow graph. */
export const s = h;

/**
 * Renders a view into its container, updating the page in place: preact changes only the nodes
 * that differ, so the focus, a text selection and what is typed in a field survive the updates
 * that arrive every second.
 */
export function mount(container: Element, ...children: Child[]): void {
  render(createElement(Fragment, null, ...children), container);
}
