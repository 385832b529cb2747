import { StateMachine } from 'aws-local-stepfunctions';
import { trackStates } from './state-context';

// Recorded: LocalStack tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios.snapshot.json,
// test_lambda_invoke_with_retry_extended_input: a Task with Retry (MaxAttempts 3) whose ResultSelector
// reads $$.State.RetryCount, and the context object's "State": { Name, EnteredTime, RetryCount }.
const definition = {
  StartAt: 'InvokeWithRetry',
  States: {
    InvokeWithRetry: {
      Type: 'Task',
      Resource: 'arn:aws:lambda:us-east-1:000000000000:function:flaky',
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 3, IntervalSeconds: 1 }],
      ResultSelector: { 'Retries.$': '$$.State.RetryCount', 'Name.$': '$$.State.Name', 'Entered.$': '$$.State.EnteredTime' },
      Next: 'After',
    },
    After: {
      Type: 'Pass',
      Parameters: { 'task.$': '$', 'state.$': '$$.State' },
      End: true,
    },
  },
};

describe('$$.State in the context object', () => {
  const machine = new StateMachine(definition as never);

  async function run(failures: number): Promise<Record<string, unknown>> {
    let calls = 0;
    const tracked = trackStates({
      machine,
      taskHandlers: {
        InvokeWithRetry: async () => {
          calls++;
          if (calls <= failures) throw new Error('flaky');
          return {};
        },
      },
    });
    const execution = tracked.machine.run(
      {},
      {
        overrides: { taskResourceLocalHandlers: tracked.taskHandlers, retryIntervalOverrides: { InvokeWithRetry: 0 } },
        context: { State: tracked.state },
      },
    );
    return (await execution.result) as Record<string, unknown>;
  }

  it('gives each state its Name and RetryCount, counting the retries of each execution on its own', async () => {
    const [twice, never] = await Promise.all([run(2), run(0)]);
    expect(twice).toMatchObject({ task: { Retries: 2, Name: 'InvokeWithRetry', Entered: expect.stringMatching(/^\d{4}-\d\d-\d\dT/) } });
    expect(never).toMatchObject({ task: { Retries: 0, Name: 'InvokeWithRetry' } });
    // a Pass state cannot retry: its $$.State has no RetryCount (test_express_sync.snapshot.json, test_query_runtime_memory)
    expect(Object.keys(twice['state'] as object).sort()).toEqual(['EnteredTime', 'Name']);
    expect(twice['state']).toMatchObject({ Name: 'After' });
  });
});
