import type { StateMachine } from 'aws-local-stepfunctions';
import { runtimeEvents } from '../events/runtime-events';

type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;

/**
 * Reads an execution's event log (aws-local-stepfunctions' `eventLogs`: started, each state
 * entered / exited / failed / retried / caught, succeeded or failed) onto the runtime's events,
 * as Step Functions' execution history would show it.
 */
export async function publishExecutionEvents(execution: string, events: AsyncGenerator<EventLog>): Promise<void> {
  if (!runtimeEvents.listening) return;
  try {
    for await (const event of events) {
      const at = event.timestamp;
      switch (event.type) {
        case 'ExecutionStarted':
          runtimeEvents.publish({ type: 'execution', at, execution, phase: 'started', input: event.input });
          break;
        case 'ExecutionSucceeded':
          runtimeEvents.publish({ type: 'execution', at, execution, phase: 'succeeded', output: event.output });
          break;
        case 'ExecutionFailed':
          runtimeEvents.publish({ type: 'execution', at, execution, phase: 'failed', error: event.Error, cause: String(event.Cause) });
          break;
        case 'StateEntered':
          runtimeEvents.publish({ type: 'execution', at, execution, phase: 'entered', state: event.state.name, input: event.state.input });
          break;
        case 'StateExited':
          runtimeEvents.publish({ type: 'execution', at, execution, phase: 'exited', state: event.state.name, output: event.state.output });
          break;
        case 'StateFailed':
          runtimeEvents.publish({ type: 'execution', at, execution, phase: 'state-failed', state: event.state.name, error: event.Error, cause: String(event.Cause) });
          break;
        case 'StateRetried':
          runtimeEvents.publish({ type: 'execution', at, execution, phase: 'retried', state: event.state.name });
          break;
        case 'StateCaught':
          runtimeEvents.publish({ type: 'execution', at, execution, phase: 'caught', state: event.state.name });
          break;
        default:
          break;
      }
    }
  } catch {
    // the execution's own outcome is reported by the Step Functions server; the log only adds detail
  }
}
