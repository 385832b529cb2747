/**
 * Lays out a state machine from its ASL definition: states as boxes in layers (a state sits one
 * layer below the furthest state that leads to it), transitions as edges labelled with how they
 * are taken. Pure, so that it is tested without a browser; views/workflow.ts draws it.
 */

interface AslState {
  readonly Type?: string;
  readonly Next?: string;
  readonly End?: boolean;
  readonly Default?: string;
  readonly Choices?: readonly { readonly Next?: string }[];
  readonly Catch?: readonly { readonly Next?: string; readonly ErrorEquals?: readonly string[] }[];
}

export interface AslDefinition {
  readonly StartAt?: string;
  readonly States?: Readonly<Record<string, AslState>>;
}

export type EdgeKind = 'next' | 'choice' | 'default' | 'catch';

export interface GraphEdge {
  readonly from: string;
  readonly to: string;
  readonly kind: EdgeKind;
  /** the key the console's edge counts use: `from->to`, or `from-!->to` for a Catch */
  readonly key: string;
  readonly label?: string;
}

export interface GraphNode {
  readonly name: string;
  readonly type: string;
  readonly layer: number;
  readonly x: number;
  readonly y: number;
}

export interface WorkflowGraph {
  readonly nodes: readonly GraphNode[];
  readonly edges: readonly GraphEdge[];
  readonly width: number;
  readonly height: number;
  readonly nodeWidth: number;
  readonly nodeHeight: number;
}

export const NODE = { width: 170, height: 40, gapX: 30, gapY: 46, margin: 20 };

export function edgesOf(definition: AslDefinition): GraphEdge[] {
  const edges: GraphEdge[] = [];
  const add = (from: string, to: string | undefined, kind: EdgeKind, label?: string): void => {
    if (to === undefined) return;
    if (edges.some((edge) => edge.from === from && edge.to === to && edge.kind === kind)) return;
    edges.push({ from, to, kind, key: kind === 'catch' ? `${from}-!->${to}` : `${from}->${to}`, ...(label ? { label } : {}) });
  };
  for (const [name, state] of Object.entries(definition.States ?? {})) {
    add(name, state.Next, 'next');
    for (const choice of state.Choices ?? []) add(name, choice.Next, 'choice');
    add(name, state.Default, 'default', 'default');
    for (const catcher of state.Catch ?? []) add(name, catcher.Next, 'catch', (catcher.ErrorEquals ?? []).join(', '));
  }
  return edges;
}

export function layoutWorkflow(definition: AslDefinition): WorkflowGraph {
  const states = definition.States ?? {};
  const names = Object.keys(states);
  const edges = edgesOf(definition);
  // back edges (loops) are left out of the layering, found by a depth-first walk from StartAt
  const forward = new Set<GraphEdge>();
  const visiting = new Set<string>();
  const done = new Set<string>();
  const walk = (name: string): void => {
    visiting.add(name);
    for (const edge of edges.filter((candidate) => candidate.from === name)) {
      if (visiting.has(edge.to)) continue;
      forward.add(edge);
      if (!done.has(edge.to)) walk(edge.to);
    }
    visiting.delete(name);
    done.add(name);
  };
  const start = definition.StartAt ?? names[0];
  if (start !== undefined && states[start]) walk(start);
  for (const name of names) if (!done.has(name)) walk(name);

  const layer = new Map<string, number>(names.map((name) => [name, 0]));
  for (let round = 0; round < names.length; round++) {
    let changed = false;
    for (const edge of forward) {
      const next = (layer.get(edge.from) ?? 0) + 1;
      if (next > (layer.get(edge.to) ?? 0)) {
        layer.set(edge.to, next);
        changed = true;
      }
    }
    if (!changed) break;
  }
  const layers: string[][] = [];
  for (const name of names) (layers[layer.get(name) ?? 0] ??= []).push(name);
  const widest = Math.max(1, ...layers.map((row) => row?.length ?? 0));
  const width = NODE.margin * 2 + widest * NODE.width + (widest - 1) * NODE.gapX;
  const nodes: GraphNode[] = [];
  layers.forEach((row, index) => {
    const rowWidth = row.length * NODE.width + (row.length - 1) * NODE.gapX;
    const left = (width - rowWidth) / 2;
    row.forEach((name, position) =>
      nodes.push({
        name,
        type: states[name]?.Type ?? 'State',
        layer: index,
        x: left + position * (NODE.width + NODE.gapX),
        y: NODE.margin + index * (NODE.height + NODE.gapY),
      }),
    );
  });
  const height = NODE.margin * 2 + layers.length * NODE.height + Math.max(0, layers.length - 1) * NODE.gapY;
  return { nodes, edges, width, height, nodeWidth: NODE.width, nodeHeight: NODE.height };
}

/** The edge keys an execution took, from the states it entered in order. */
export function pathEdges(path: readonly string[], edges: readonly GraphEdge[]): Set<string> {
  const taken = new Set<string>();
  for (let index = 1; index < path.length; index++) {
    const from = path[index - 1];
    const to = path[index];
    const edge = edges.find((candidate) => candidate.from === from && candidate.to === to && candidate.kind !== 'catch') ??
      edges.find((candidate) => candidate.from === from && candidate.to === to);
    if (edge) taken.add(edge.key);
  }
  return taken;
}
