import { readFileSync } from 'node:fs';
import path from 'node:path';
import { summariseErrors, workflowDiagram } from './workflow-diagram.mjs';

const machine = {
  StartAt: 'Check',
  States: {
    Check: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke',
      Parameters: { FunctionName: '${checker_function_arn}' },
      Retry: [{ ErrorEquals: ['Lambda.A', 'Lambda.B', 'Lambda.C'], MaxAttempts: 2, IntervalSeconds: 1, BackoffRate: 2 }],
      Catch: [{ ErrorEquals: ['States.ALL'], Next: 'Broken' }],
      Next: 'Ok?',
    },
    'Ok?': { Type: 'Choice', Choices: [{ Variable: '$.check.ok', BooleanEquals: true, Next: 'Done' }], Default: 'Broken' },
    Done: { Type: 'Pass', Parameters: { outcome: 'DONE' }, End: true },
    Broken: { Type: 'Fail', Error: 'Broken' },
  },
};

describe('workflowDiagram', () => {
  const diagram = workflowDiagram(machine, 'x.asl.json');

  it('draws every state with its kind, what a Task calls and how it retries', () => {
    expect(diagram).toContain('Check["Check<br/>lambda:invoke checker<br/>retry ×2 (1 s, ×2): Lambda.* (3)"]:::task');
    expect(diagram).toContain('Ok?{"Ok?"}:::choice');
    expect(diagram).toContain('Done("Done<br/>outcome DONE"):::pass');
    expect(diagram).toContain('Broken[["Broken<br/>Fail: Broken"]]:::fail');
  });

  it('draws Next, each Choice rule, the default, each Catch (dashed) and the ends', () => {
    expect(diagram).toContain('start((start)) --> Check');
    expect(diagram).toContain('Check --> Ok?');
    expect(diagram).toContain('Check -.->|"catch States.ALL"| Broken');
    expect(diagram).toContain('Ok? -->|"check.ok = true"| Done');
    expect(diagram).toContain('Ok? -->|otherwise| Broken');
    expect(diagram).toContain('Done --> done');
  });

  it('names the function a Task invokes through an alias placeholder (`${x_function_arn}:${function_alias}`)', () => {
    const aliased = { ...machine, States: { ...machine.States, Check: { ...machine.States.Check, Parameters: { FunctionName: '${checker_function_arn}:${function_alias}' } } } };
    expect(workflowDiagram(aliased, 'x.asl.json')).toContain('Check["Check<br/>lambda:invoke checker<br/>');
  });

  it('names where it was drawn from', () => {
    expect(diagram.split('\n')[0]).toContain('Generated from x.asl.json');
  });
});

describe('summariseErrors', () => {
  it('names three or more errors of one family by the family, fewer one by one', () => {
    expect(summariseErrors(['Lambda.A', 'Lambda.B', 'Lambda.C', 'Other'])).toBe('Lambda.* (3), Other');
    expect(summariseErrors(['States.TaskFailed', 'States.Timeout'])).toBe('States.TaskFailed, States.Timeout');
  });
});

describe('the committed order workflow diagram', () => {
  const workspace = path.resolve(__dirname, '../..');
  const asl = JSON.parse(readFileSync(path.join(workspace, 'contracts/order-workflow.asl.json'), 'utf8')) as {
    States: Record<string, { Catch?: { Next: string }[]; Next?: string }>;
  };
  const committed = readFileSync(path.join(workspace, 'docs/diagrams/order-workflow.mmd'), 'utf8');

  it('is what the generator draws from contracts/order-workflow.asl.json (npm run docs:diagrams)', () => {
    expect(committed).toBe(workflowDiagram(asl as never, 'contracts/order-workflow.asl.json'));
  });

  it('shows every state of the ASL and every catch', () => {
    for (const [name, state] of Object.entries(asl.States)) {
      expect(committed).toMatch(new RegExp(`^  ${name}[[({]`, 'm'));
      for (const catcher of state.Catch ?? []) {
        expect(committed).toMatch(new RegExp(`^  ${name} -\\.->\\|"catch [^"]+"\\| ${catcher.Next}$`, 'm'));
      }
    }
  });
});
