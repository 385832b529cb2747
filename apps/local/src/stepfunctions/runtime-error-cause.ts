import type { StateMachine } from 'aws-local-stepfunctions';

type EventLog = ReturnType<StateMachine['run']>['eventLogs'] extends AsyncGenerator<infer E> ? E : never;
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

interface StateDefinition {
  readonly Type?: string;
  readonly InputPath?: string;
  readonly OutputPath?: string;
  readonly Parameters?: Json;
}

interface EnteredState {
  readonly name: string;
  readonly input: unknown;
  /** the id Step Functions' history gives the state's *StateEntered event */
  readonly eventId: number;
}

/**
 * Follows an execution's event log (aws-local-stepfunctions' `eventLogs`) for what a States.Runtime
 * Cause names: the state that failed, its input, and the id its entry has in Step Functions'
 * history. The ids count the events AWS writes: ExecutionStarted, a state's Entered and Exited,
 * and for each Task attempt TaskScheduled, TaskStarted, TaskSucceeded or TaskFailed (exact for
 * the Pass, Choice and Task states DOFS uses; Map and Parallel write more).
 * `events` is what the console reads; whatever it does not read, `lastEntered()` reads.
 */
export class EventTrail {
  readonly events: AsyncGenerator<EventLog>;
  private eventId = 0;
  private entered: EnteredState | undefined;
  private started = false;
  private readonly ended: Promise<void>;
  private end: () => void = () => undefined;

  constructor(source: AsyncGenerator<EventLog>) {
    this.ended = new Promise((resolve) => (this.end = resolve));
    this.events = this.follow(source);
  }

  private async *follow(source: AsyncGenerator<EventLog>): AsyncGenerator<EventLog> {
    this.started = true;
    try {
      for await (const event of source) {
        this.note(event);
        yield event;
      }
    } finally {
      this.end();
    }
  }

  private caught = false;

  private note(event: EventLog): void {
    if (event.type === 'ExecutionStarted') this.eventId = 1;
    else if (event.type === 'StateEntered') {
      this.eventId++;
      this.entered = { name: event.state.name, input: event.state.input, eventId: this.eventId };
    } else if (event.type === 'StateFailed' && event.state.type === 'Task') this.eventId += 3;
    else if (event.type === 'StateCaught') this.caught = true;
    else if (event.type === 'StateExited') {
      // a Task's successful attempt (scheduled, started, succeeded) is written with its exit
      this.eventId += event.state.type === 'Task' && !this.caught ? 4 : 1;
      this.caught = false;
    }
  }

  /** The last state entered, once the log has ended (reading it here if nobody else does). */
  async lastEntered(): Promise<EnteredState | undefined> {
    if (!this.started) for await (const _event of this.events);
    await this.ended;
    return this.entered;
  }
}

/** `$.a.b` -> `$['a']['b']`, as the Java JSONPath library Step Functions uses writes it */
function bracketed(path: string): string {
  const root = path.startsWith('$$') ? '$$' : '$';
  return path.slice(root.length).split('.').filter(Boolean).reduce((text, part) => `${text}['${part}']`, root);
}

/** The key of a Parameters field (at any depth) whose value is `path`. */
function fieldOf(template: Json | undefined, path: string): string | undefined {
  if (typeof template !== 'object' || template === null) return undefined;
  for (const [key, value] of Object.entries(template)) {
    if (key.endsWith('.$') && value === path) return key;
    const nested = fieldOf(value, path);
    if (nested) return nested;
  }
  return undefined;
}

const PATH_ERROR = /^Path expression '(.+)' does not point to a value$/;

/**
 * The Cause Step Functions writes for a path that finds nothing, where the interpreter says
 * "Path expression '$.x' does not point to a value". Recorded (LocalStack
 * tests/aws/services/stepfunctions/v2/**.snapshot.json): "An error occurred while executing the
 * state 'pass' (entered at the event id #2). The JSONPath '$.no_such_jsonpath' specified for the
 * field 'value.$' could not be found in the input '{"int-literal":0}'" (scenarios/test_base_scenarios,
 * test_invalid_jsonpath[INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH]), and for InputPath / OutputPath
 * "... Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']"
 * (test_base_scenarios, the Pass state's InputPath and OutputPath cases). Any other message is
 * kept as it is.
 */
export function awsRuntimeCause(message: string, state: EnteredState | undefined, definition: StateDefinition | undefined): string {
  const path = PATH_ERROR.exec(message)?.[1];
  if (!path || !state || !definition) return message;
  const where = `An error occurred while executing the state '${state.name}' (entered at the event id #${state.eventId}).`;
  if (definition.InputPath === path || definition.OutputPath === path) return `${where} Invalid path '${path}' : No results for path: ${bracketed(path)}`;
  const field = fieldOf(definition.Parameters, path);
  if (field) return `${where} The JSONPath '${path}' specified for the field '${field}' could not be found in the input '${JSON.stringify(state.input)}'`;
  return message;
}
