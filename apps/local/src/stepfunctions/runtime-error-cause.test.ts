import { ExecutionError, StateMachine } from 'aws-local-stepfunctions';
import { awsRuntimeCause, EventTrail } from './runtime-error-cause';

type Definition = { StartAt: string; States: Record<string, object> };

async function causeOf(definition: Definition, input: Record<string, number>, taskHandlers: Record<string, () => Promise<Record<string, boolean>>> = {}): Promise<string> {
  const execution = new StateMachine(definition as never).run(input, { overrides: { taskResourceLocalHandlers: taskHandlers } });
  const trail = new EventTrail(execution.eventLogs);
  const error = await execution.result.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ExecutionError) || !(error.cause instanceof Error)) throw new Error('the execution did not fail with a state error');
  expect(error.cause.name).toBe('States.Runtime');
  const entered = await trail.lastEntered();
  return awsRuntimeCause(error.cause.message, entered, entered && definition.States[entered.name]);
}

describe('the Cause of a path that finds nothing, as Step Functions writes it', () => {
  it('names the Parameters field and the input (test_base_scenarios, test_invalid_jsonpath[INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH])', async () => {
    const definition = { StartAt: 'pass', States: { pass: { Type: 'Pass', Parameters: { 'value.$': '$.no_such_jsonpath' }, End: true } } };
    await expect(causeOf(definition, { 'int-literal': 0 })).resolves.toBe(
      "An error occurred while executing the state 'pass' (entered at the event id #2). The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
    );
  });

  it('names an InputPath as an invalid path (test_base_scenarios, the InputPath case)', async () => {
    const definition = { StartAt: 'pass', States: { pass: { Type: 'Pass', InputPath: '$.NoSuchInputPath', End: true } } };
    await expect(causeOf(definition, {})).resolves.toBe(
      "An error occurred while executing the state 'pass' (entered at the event id #2). Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']",
    );
  });

  it('counts the history events before a later state: a Task writes five', async () => {
    const definition = {
      StartAt: 'task',
      States: {
        task: { Type: 'Task', Resource: 'arn:aws:lambda:us-east-1:000000000000:function:f', Next: 'pass' },
        pass: { Type: 'Pass', Parameters: { 'value.$': '$.missing' }, End: true },
      },
    };
    await expect(causeOf(definition, {}, { task: async () => ({ done: true }) })).resolves.toBe(
      "An error occurred while executing the state 'pass' (entered at the event id #7). The JSONPath '$.missing' specified for the field 'value.$' could not be found in the input '{\"done\":true}'",
    );
  });
});
