import type { StateMachine } from 'aws-local-stepfunctions';
import type { LocalStateMachine } from './state-machine-catalog';

type TaskHandlers = LocalStateMachine['taskHandlers'];

/** `$$.State` of the context object, as Step Functions fills it for the state that runs. */
export interface StateContext {
  Name: string;
  EnteredTime: string;
  /** only in a state that can retry (Task, Parallel, Map) */
  RetryCount?: number;
}

const RETRYING = new Set(['Task', 'Parallel', 'Map']);

export interface TrackedRun {
  /** the machine to run this execution with */
  readonly machine: StateMachine;
  /** `$$.State`: a live object, changed as the execution moves from state to state */
  readonly state: StateContext;
  /** the Task handlers for this execution: a failed attempt counts toward RetryCount */
  readonly taskHandlers: TaskHandlers;
}

/**
 * aws-local-stepfunctions fills `$$.Execution` and `$$.StateMachine` but not `$$.State`
 * (Name, EnteredTime, RetryCount). Step Functions gives them to every state (recorded: LocalStack
 * tests/aws/services/stepfunctions/v2/scenarios/test_base_scenarios.snapshot.json,
 * test_lambda_invoke_with_retry_extended_input: "State": { "Name": "InvokeLambdaWithRetry",
 * "EnteredTime", "RetryCount": 0 }, then 1, 2, 3 on the retries; a Pass state's has no RetryCount:
 * v2/express/test_express_sync.snapshot.json, test_query_runtime_memory).
 *
 * The library looks a state up in `definition.States` exactly when it enters it, and passes the
 * context object it was given to every path it evaluates, keeping the objects inside it by
 * reference. So each execution runs on a view of the built machine (Object.create: no second
 * validation) whose `States` notes the entered state in a `State` object of this execution's
 * context; a Task attempt that fails counts one retry, which is what the library does next if a
 * Retry matches (if none does, the state is left and the count is not read again). The
 * `definition` member is the library's own, not its API: state-context.test.ts fails on an
 * upgrade that renames it. Map and Parallel branches (new machines) keep no `$$.State`; DOFS has none.
 */
export function trackStates(local: Pick<LocalStateMachine, 'machine' | 'taskHandlers'>): TrackedRun {
  const state: StateContext = { Name: '', EnteredTime: '' };
  const built = local.machine as unknown as { definition: { States: Record<string, unknown> } };
  const States = new Proxy(built.definition.States, {
    get(target, key) {
      if (typeof key === 'string' && Object.hasOwn(target, key)) {
        state.Name = key;
        state.EnteredTime = new Date().toISOString();
        if (RETRYING.has((target[key] as { Type?: string }).Type ?? '')) state.RetryCount = 0;
        else delete state.RetryCount;
      }
      return Reflect.get(target, key);
    },
  });
  const view = Object.create(local.machine) as { definition: object };
  view.definition = { ...built.definition, States };
  const machine = view as unknown as StateMachine;
  const taskHandlers: TaskHandlers = {};
  for (const [name, handler] of Object.entries(local.taskHandlers)) {
    taskHandlers[name] = async (input) => {
      try {
        return await handler(input);
      } catch (error) {
        if (state.Name === name) state.RetryCount = (state.RetryCount ?? 0) + 1;
        throw error;
      }
    };
  }
  return { machine, state, taskHandlers };
}
