import type { ConsoleWorkflow } from '@dofs/contracts';
import type { VNode } from 'preact';
import { h, mount, s, type Child } from '../dom';
import { statusBadge, time } from '../format';
import { live, onLive } from '../live';
import { layoutWorkflow, pathEdges, type AslDefinition, type WorkflowGraph } from '../workflow-graph';

function graphSvg(graph: WorkflowGraph, workflow: ConsoleWorkflow, highlight: readonly string[] | undefined): VNode {
  const byName = new Map(graph.nodes.map((node) => [node.name, node]));
  const onPath = new Set(highlight ?? []);
  const edgesOnPath = highlight ? pathEdges(highlight, graph.edges) : new Set<string>();
  const { nodeWidth: w, nodeHeight: hh } = graph;
  const edges = graph.edges.map((edge) => {
    const from = byName.get(edge.from);
    const to = byName.get(edge.to);
    if (!from || !to) return null;
    const x1 = from.x + w / 2;
    const y1 = from.y + hh;
    const x2 = to.x + w / 2;
    const y2 = to.y;
    const count = workflow.edge_counts[edge.key] ?? 0;
    const mid = (y1 + y2) / 2;
    // an edge that skips layers bows out to the side, around the boxes in between
    const skips = to.layer - from.layer > 1;
    const side = (x1 + x2) / 2 >= graph.width / 2 ? 1 : -1;
    const bow = side * (w / 2 + graph.nodeHeight);
    const d = skips
      ? `M${x1},${y1} C${x1 + bow},${y1 + hh} ${x2 + bow},${y2 - hh} ${x2},${y2 - 4}`
      : `M${x1},${y1} C${x1},${mid} ${x2},${mid} ${x2},${y2 - 4}`;
    const classes = ['edge', `edge-${edge.kind}`, edgesOnPath.has(edge.key) ? 'on-path' : '', count > 0 ? 'taken' : ''].join(' ');
    return s(
      'g',
      { class: classes, 'data-edge': edge.key },
      s('path', { d, 'marker-end': 'url(#arrow)' }),
      count > 0 ? s('text', { x: (x1 + x2) / 2 + 4 + (skips ? bow * 0.75 : 0), y: mid, class: 'edge-count' }, String(count)) : null,
      s('title', {}, `${edge.from} → ${edge.to} (${edge.kind}${edge.label ? `: ${edge.label}` : ''}): ${count}`),
    );
  });
  const nodes = graph.nodes.map((node) =>
    s(
      'g',
      { class: `state state-${node.type.toLowerCase()} ${onPath.has(node.name) ? 'on-path' : ''}`, 'data-state': node.name, transform: `translate(${node.x},${node.y})` },
      s('rect', { width: w, height: hh, rx: node.type === 'Choice' ? 18 : 4 }),
      s('text', { x: w / 2, y: 17, 'text-anchor': 'middle', class: 'state-name' }, node.name),
      s('text', { x: w / 2, y: 32, 'text-anchor': 'middle', class: 'state-count' }, `${node.type} · ${workflow.state_counts[node.name] ?? 0}`),
    ),
  );
  return s(
    'svg',
    { viewBox: `0 0 ${graph.width} ${graph.height}`, width: graph.width, class: 'workflow-graph', role: 'img', 'aria-label': `State machine ${workflow.name}` },
    s('defs', {}, s('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 5, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: 'userSpaceOnUse', orient: 'auto-start-reverse' }, s('path', { d: 'M0,0 L10,5 L0,10 z' }))),
    edges,
    nodes,
  );
}

function executionList(workflow: ConsoleWorkflow, selected: string | undefined, select: (name: string) => void): Child {
  if (workflow.executions.length === 0) return h('p', { class: 'empty-state' }, 'No execution yet: each POST /order runs one.');
  return h(
    'ul',
    { class: 'execution-list' },
    workflow.executions.slice(0, 60).map((candidate) =>
      h(
        'li',
        {},
        h(
          'button',
          {
            type: 'button',
            class: candidate.name === selected ? 'selected' : '',
            'aria-pressed': candidate.name === selected ? 'true' : 'false',
            'data-execution': candidate.name,
            onclick: () => select(candidate.name),
          },
          statusBadge(candidate.status),
          ' ',
          time(candidate.started_at),
          ' ',
          h('span', { class: 'mono' }, (candidate.order_id ?? candidate.name).slice(0, 8)),
          ' ',
          h('span', { class: 'muted' }, candidate.path.at(-1) ?? ''),
        ),
      ),
    ),
  );
}

export function workflowView(root: HTMLElement): () => void {
  let selected: string | undefined;
  let graph: WorkflowGraph | undefined;
  const select = (name: string): void => {
    selected = name === selected ? undefined : name;
    draw();
  };
  const draw = (): void => {
    const workflow = live.workflow;
    if (workflow) graph ??= layoutWorkflow(workflow.definition as AslDefinition);
    const execution = workflow?.executions.find((candidate) => candidate.name === selected);
    mount(
      root,
      h('div', { class: 'view-head' }, h('h1', {}, 'Workflow ', h('span', { class: 'muted' }, workflow?.name ?? ''))),
      h('p', { class: 'muted' }, 'Drawn from contracts/order-workflow.asl.json as the runtime runs it; each state shows how many times it was entered, each transition how many times it was taken (dashed red: a Catch, the error path). Select an execution to highlight its path.'),
      h(
        'div',
        { class: 'columns workflow' },
        h('div', { class: 'graph' }, workflow && graph ? graphSvg(graph, workflow, execution?.path) : h('p', { class: 'muted' }, 'Waiting for the runtime…')),
        h('div', { class: 'executions' }, workflow ? [h('h2', {}, 'Executions'), executionList(workflow, selected, select)] : null),
      ),
    );
  };
  draw();
  return onLive((change) => {
    if (change === 'workflow') draw();
  });
}
