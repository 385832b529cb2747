import validator from 'asl-validator';
import { ORDER_WORKFLOW_ERRORS, ORDER_WORKFLOW_PLACEHOLDERS, fillPlaceholders } from '../src';
import { aslText } from './contract-files';

interface State {
  Type: string;
  Resource?: string;
  Next?: string;
  End?: boolean;
  Default?: string;
  Choices?: { Next: string }[];
  Retry?: { ErrorEquals: string[]; MaxAttempts?: number }[];
  Catch?: { ErrorEquals: string[]; Next: string }[];
  Parameters?: Record<string, unknown>;
}
interface Machine {
  StartAt: string;
  States: Record<string, State>;
  QueryLanguage?: string;
}

const values = {
  validator_function_arn: 'arn:aws:lambda:ap-south-1:000000000000:function:dofs-dev-validator',
  order_storage_function_arn: 'arn:aws:lambda:ap-south-1:000000000000:function:dofs-dev-order-storage',
  function_alias: 'live',
  order_queue_url: 'https://sqs.ap-south-1.amazonaws.com/000000000000/dofs-dev-order_queue',
};
const machine = (): Machine => JSON.parse(fillPlaceholders(aslText(), values)) as Machine;

describe('contracts/order-workflow.asl.json', () => {
  it('lists its placeholders, each filled by Terraform and the local runtime', () => {
    expect(ORDER_WORKFLOW_PLACEHOLDERS).toEqual(['function_alias', 'order_queue_url', 'order_storage_function_arn', 'validator_function_arn']);
  });

  it('has no other ${ that templatefile() would read as an interpolation', () => {
    const interpolations = new Set([...aslText().matchAll(/(?<!\$)\$\{([^}]*)\}/g)].map((m) => m[1]));
    expect([...interpolations].sort()).toEqual([...ORDER_WORKFLOW_PLACEHOLDERS]);
  });

  it('is valid ASL once filled (asl-validator)', () => {
    const result = validator(machine());
    expect(result.errors).toEqual([]);
    expect(result.isValid).toBe(true);
  });

  it('uses JSONPath, not JSONata (the local interpreter ignores JSONata)', () => {
    expect(machine().QueryLanguage ?? 'JSONPath').toBe('JSONPath');
    expect(aslText()).not.toMatch(/\{%/);
  });

  it('gives every Task a Retry for transient errors and a Catch to a named failure', () => {
    const states = machine().States;
    for (const [name, state] of Object.entries(states).filter(([, s]) => s.Type === 'Task')) {
      expect([name, (state.Retry ?? []).some((r) => (r.MaxAttempts ?? 3) > 0)]).toEqual([name, true]);
      expect([name, (state.Catch ?? []).some((c) => c.ErrorEquals.includes('States.ALL'))]).toEqual([name, true]);
    }
  });

  it('ends every failure in a Fail state whose error the API maps', () => {
    const states = machine().States;
    const fails = Object.entries(states).filter(([, s]) => s.Type === 'Fail').map(([name]) => name).sort();
    expect(fails).toEqual([...ORDER_WORKFLOW_ERRORS]);
  });

  it('reaches every state from StartAt, and every Next names a state', () => {
    const { StartAt, States } = machine();
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      expect(States[name]).toBeDefined();
      seen.add(name);
      const s = States[name] as State;
      [s.Next, s.Default, ...(s.Choices ?? []).map((c) => c.Next), ...(s.Catch ?? []).map((c) => c.Next)].filter((n): n is string => Boolean(n)).forEach(visit);
    };
    visit(StartAt);
    expect([...seen].sort()).toEqual(Object.keys(States).sort());
  });

  it('invokes Lambdas only through the placeholders, and sends to the queue only through its placeholder', () => {
    const states = Object.values(machine().States).filter((s) => s.Type === 'Task');
    for (const state of states) {
      if (state.Resource === 'arn:aws:states:::lambda:invoke') {
        // every task invokes a function's alias (CodeDeploy shifts it), never the function itself
        expect([`${values.validator_function_arn}:live`, `${values.order_storage_function_arn}:live`]).toContain(state.Parameters?.['FunctionName']);
      } else {
        expect(state.Resource).toBe('arn:aws:states:::sqs:sendMessage');
        expect(state.Parameters?.['QueueUrl']).toBe(values.order_queue_url);
      }
    }
  });
});
