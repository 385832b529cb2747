import { readFileSync } from 'node:fs';
import path from 'node:path';
import { edgesOf, layoutWorkflow, pathEdges, type AslDefinition } from './workflow-graph';

const asl = JSON.parse(readFileSync(path.join(__dirname, '../../../contracts/order-workflow.asl.json'), 'utf8')) as AslDefinition;

describe('the workflow graph drawn from contracts/order-workflow.asl.json', () => {
  const graph = layoutWorkflow(asl);
  const node = (name: string) => graph.nodes.find((candidate) => candidate.name === name);

  it('has every state of the ASL once, and nothing else', () => {
    expect(graph.nodes.map((n) => n.name).sort()).toEqual(Object.keys(asl.States ?? {}).sort());
  });

  it('has every transition: Next, each Choice, Default, and each Catch as an error path', () => {
    const edges = edgesOf(asl);
    expect(edges).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ from: 'ValidateOrder', to: 'IsOrderValid', kind: 'next', key: 'ValidateOrder->IsOrderValid' }),
        expect.objectContaining({ from: 'IsOrderValid', to: 'StoreOrder', kind: 'choice' }),
        expect.objectContaining({ from: 'IsOrderValid', to: 'OrderRejected', kind: 'default' }),
        expect.objectContaining({ from: 'StoreOrder', to: 'IdempotencyConflict', kind: 'catch', key: 'StoreOrder-!->IdempotencyConflict' }),
        expect.objectContaining({ from: 'EnqueueOrder', to: 'DiscardIfCreated', kind: 'catch' }),
      ]),
    );
    // every Fail and end state is a sink
    for (const [name, state] of Object.entries(asl.States ?? {}))
      if (state.Type === 'Fail' || state.End) expect(edges.filter((edge) => edge.from === name)).toEqual([]);
  });

  it('puts the start on top and every state below the states that lead to it', () => {
    expect(node('ValidateOrder')?.layer).toBe(0);
    for (const edge of edgesOf(asl)) expect(node(edge.to)!.layer).toBeGreaterThan(node(edge.from)!.layer);
  });

  it('does not overlap boxes', () => {
    for (const a of graph.nodes)
      for (const b of graph.nodes) {
        if (a === b) continue;
        const apart = Math.abs(a.x - b.x) >= graph.nodeWidth || Math.abs(a.y - b.y) >= graph.nodeHeight;
        expect(apart).toBe(true);
      }
  });

  it('turns an execution path into the edges it took', () => {
    const taken = pathEdges(['ValidateOrder', 'IsOrderValid', 'StoreOrder', 'ShouldEnqueue', 'EnqueueOrder', 'OrderAccepted'], graph.edges);
    expect([...taken]).toEqual([
      'ValidateOrder->IsOrderValid',
      'IsOrderValid->StoreOrder',
      'StoreOrder->ShouldEnqueue',
      'ShouldEnqueue->EnqueueOrder',
      'EnqueueOrder->OrderAccepted',
    ]);
  });
});
