import { randomUUID } from 'node:crypto';
import * as dynamodbApi from '@aws-sdk/client-dynamodb';
import * as snsApi from '@aws-sdk/client-sns';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import { ACCOUNT_ID, arns } from '../aws-identity';
import { publishExecutionEvents } from './execution-events';
import { close, listen, LOOPBACK, readBody } from '../http/listen';
import type { InvokeResult } from '../lambda/execution-environment';
import type { DynamoDbService } from '../dynamodb/dynamodb-service';
import { placeholderResolver, type LocalCatalog } from '../local-catalog';
import type { MessagingService } from '../messaging/messaging-service';
import { servicePort, type RuntimeContext } from '../runtime-context';
import { sdkServiceCall } from '../service-call';
import { loadStateMachines, type LocalStateMachine } from './state-machine-catalog';
import { TaskDispatcher, type ServiceCalls } from './task-dispatcher';
import { trackStates } from './state-context';
import { awsRuntimeCause, EventTrail } from './runtime-error-cause';
import type { FaultInjector } from '../faults/fault-injector';
import { sqsError } from '../faults/service-errors';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** An AWS JSON 1.0 error: the SDK reads the exception name from __type. */
class ApiError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

export interface ExecutionOutcome {
  readonly status: 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';
  readonly output?: string;
  readonly error?: string;
  readonly cause?: string;
}

export interface StepFunctionsService extends AsyncDisposable {
  readonly endpoint: string;
  /** every contracts/*.asl.json, loaded (the console draws the workflow from its definition) */
  readonly machines: readonly LocalStateMachine[];
  /** Resolves when no execution is running. */
  drain(): Promise<void>;
}

export interface StepFunctionsSetup extends Pick<RuntimeContext, 'options' | 'paths' | 'note'> {
  readonly catalog: LocalCatalog;
  /** the local function of that name, to run a Task with */
  readonly findFunction: (functionName: string) => { invoke(payload: unknown): Promise<InvokeResult> } | undefined;
  /** the emulators the sqs:*, sns:* and dynamodb:* integrations call */
  readonly dynamodb: Pick<DynamoDbService, 'client'>;
  readonly messaging: Pick<MessagingService, 'sqs' | 'sns'>;
  /** sfn.task.error (a Task's Lambda invoke) and sqs.error (the sqs:* integrations) of DOFS_FAULTS */
  readonly faults?: FaultInjector;
}

const MAX_INPUT_BYTES = 256 * 1024;
const epochSeconds = (date: Date): number => date.getTime() / 1000;

/** Runs executions and knows how many are running, so that a stop can wait for them. */
class Executions {
  private running = 0;
  private readonly idle: (() => void)[] = [];

  async run(machine: LocalStateMachine, executionArn: string, name: string, input: Json): Promise<ExecutionOutcome> {
    this.running++;
    let trail: EventTrail | undefined;
    try {
      const tracked = trackStates(machine);
      const execution = tracked.machine.run(input, {
        overrides: { taskResourceLocalHandlers: tracked.taskHandlers },
        context: {
          Execution: { Id: executionArn, Name: name, RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/local` },
          StateMachine: { Id: machine.arn, Name: machine.name },
          State: tracked.state,
        },
      });
      trail = new EventTrail(execution.eventLogs);
      void publishExecutionEvents(name, trail.events);
      return { status: 'SUCCEEDED', output: JSON.stringify(await execution.result) };
    } catch (error) {
      return trail ? await failureOutcome(error, machine, trail) : outcomeOf(error);
    } finally {
      this.running--;
      if (this.running === 0) for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  drain(): Promise<void> {
    return this.running === 0 ? Promise.resolve() : new Promise((resolve) => this.idle.push(resolve));
  }
}

/** A runtime error (a path that finds nothing) gets the Cause Step Functions writes (runtime-error-cause.ts). */
async function failureOutcome(error: unknown, machine: LocalStateMachine, trail: EventTrail): Promise<ExecutionOutcome> {
  const outcome = outcomeOf(error);
  if (outcome.error !== 'States.Runtime' || outcome.cause === undefined) return outcome;
  const entered = await trail.lastEntered();
  const states = (JSON.parse(machine.definitionText) as { States: Record<string, object> }).States;
  return { ...outcome, cause: awsRuntimeCause(outcome.cause, entered, entered && states[entered.name]) };
}

function outcomeOf(error: unknown): ExecutionOutcome {
  if (error instanceof ExecutionTimeoutError) return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out.' };
  if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
  if (error instanceof ExecutionError && error.cause instanceof Error)
    return { status: 'FAILED', error: error.cause.name, cause: error.cause.message };
  return { status: 'FAILED', error: 'States.Runtime', cause: (error as Error).message };
}

function parseInput(text: unknown): Json {
  if (text === undefined) return {};
  if (typeof text !== 'string') throw new ApiError('InvalidExecutionInput', 'Input must be a JSON string');
  if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw new ApiError('InvalidExecutionInput', 'Input exceeds 262144 bytes');
  try {
    return JSON.parse(text) as Json;
  } catch {
    throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${jsonParserComplaint(text)}'`);
  }
}

/**
 * What Step Functions' JSON parser (Jackson) says of an input that starts with a word that is no
 * JSON value (LocalStack tests/aws/services/stepfunctions/v2/test_sfn_api.snapshot.json,
 * test_invalid_start_execution_input, start_exec_str_inp: "Unrecognized token 'not': was expecting
 * (JSON String, Number, Array, Object or token 'null', 'true' or 'false')"); any other
 * malformed input is quoted (its first 100 characters), as before: Jackson's other messages are not recorded.
 */
export function jsonParserComplaint(text: string): string {
  const word = /^\s*([A-Za-z_][\w$]*)/.exec(text)?.[1];
  if (!word || ['true', 'false', 'null'].includes(word)) return text.slice(0, 100);
  return `Unrecognized token '${word}': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')`;
}

type Operation = (request: Record<string, unknown>) => Promise<object>;

/**
 * The part of the Step Functions API the handlers use, each operation as AWS answers it:
 * StartSyncExecution (answers when the execution ends), StartExecution (runs it in the
 * background), DescribeStateMachine, ListStateMachines.
 */
function operations(
  machines: readonly LocalStateMachine[],
  executions: Executions,
  onFailure: (message: string) => void,
): Record<string, Operation> {
  const byArn = new Map(machines.map((machine) => [machine.arn, machine]));
  const find = (arn: unknown): LocalStateMachine => {
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:')) throw new ApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    const machine = byArn.get(arn);
    if (!machine) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  };
  const start = (request: Record<string, unknown>) => {
    const machine = find(request['stateMachineArn']);
    const input = parseInput(request['input']);
    const name = typeof request['name'] === 'string' ? request['name'] : randomUUID();
    return { machine, input, name, executionArn: arns.expressExecution(machine.name, name, randomUUID()), startDate: new Date() };
  };
  const summary = (machine: LocalStateMachine) => ({
    stateMachineArn: machine.arn,
    name: machine.name,
    type: 'EXPRESS',
    creationDate: epochSeconds(machine.createdAt),
  });
  return {
    async StartSyncExecution(request) {
      const { machine, input, name, executionArn, startDate } = start(request);
      const outcome = await executions.run(machine, executionArn, name, input);
      if (outcome.status === 'FAILED') onFailure(`${machine.name} execution ${name} FAILED: ${outcome.error}`);
      return syncExecutionAnswer(machine, executionArn, name, request['input'], startDate, new Date(), outcome);
    },
    async StartExecution(request) {
      const { machine, input, name, executionArn, startDate } = start(request);
      void executions.run(machine, executionArn, name, input).then((outcome) => {
        if (outcome.status !== 'SUCCEEDED') onFailure(`${machine.name} execution ${name} ${outcome.status}: ${outcome.error ?? ''}`);
      });
      return { executionArn, startDate: epochSeconds(startDate) };
    },
    async DescribeStateMachine(request) {
      const machine = find(request['stateMachineArn']);
      return {
        ...summary(machine),
        status: 'ACTIVE',
        definition: machine.definitionText,
        roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/local`,
      };
    },
    async ListStateMachines() {
      return { stateMachines: machines.map(summary) };
    },
  };
}

export function syncExecutionAnswer(
  machine: LocalStateMachine,
  executionArn: string,
  name: string,
  input: unknown,
  startDate: Date,
  stopDate: Date,
  outcome: ExecutionOutcome,
): object {
  return {
    executionArn,
    stateMachineArn: machine.arn,
    name,
    startDate: epochSeconds(startDate),
    stopDate: epochSeconds(stopDate),
    status: outcome.status,
    ...(outcome.error !== undefined && { error: outcome.error }),
    ...(outcome.cause !== undefined && { cause: outcome.cause }),
    input: input ?? '{}',
    inputDetails: { included: true },
    // a failed execution too has outputDetails, without output (LocalStack
    // tests/aws/services/stepfunctions/v2/express/test_express_sync.snapshot.json, test_base[BASE_RAISE_FAILURE])
    ...(outcome.output !== undefined && { output: outcome.output }),
    outputDetails: { included: true },
    billingDetails: {
      billedMemoryUsedInMB: 64,
      billedDurationInMilliseconds: Math.max(100, Math.ceil((stopDate.getTime() - startDate.getTime()) / 100) * 100),
    },
  };
}

/** AWS JSON 1.0 over HTTP: the operation from X-Amz-Target, the request and answer as JSON. */
function jsonProtocol(operationsByName: Record<string, Operation>) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const reply = (status: number, body: object): void => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(body));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = operationsByName[target.replace(/^AWSStepFunctions\./, '')];
      const body = await readBody(req, 1024 * 1024);
      if (!operation)
        throw new ApiError('UnknownOperationException', `Operation ${target || '(none)'} is not supported by the local Step Functions`);
      if (!body) throw new ApiError('ValidationException', 'Request too large');
      const request = body.length === 0 ? {} : (JSON.parse(body.toString('utf8')) as Record<string, unknown>);
      reply(200, await operation(request));
    } catch (error) {
      if (error instanceof ApiError) return reply(error.status, { __type: error.type, message: error.message });
      if (error instanceof SyntaxError) return reply(400, { __type: 'SerializationException', message: error.message });
      reply(500, { __type: 'InternalFailure', message: (error as Error).message });
    }
  };
}

function serviceCalls({ dynamodb, messaging, faults }: StepFunctionsSetup): ServiceCalls {
  // sqs.error reaches the workflow's sqs:sendMessage as SQS answers it: an InternalError
  const sqs: ServiceCalls['sqs'] = async (action, input) => {
    if (faults?.roll('sqs.error')) {
      const answer = JSON.parse(sqsError().body) as { message: string };
      throw Object.assign(new Error(answer.message), { name: 'InternalError' });
    }
    return messaging.sqs(action, input);
  };
  return { dynamodb: sdkServiceCall(dynamodb.client, dynamodbApi), sqs, sns: sdkServiceCall(messaging.sns, snsApi) };
}

/**
 * The local Step Functions: every contracts/*.asl.json as an Express workflow run by
 * aws-local-stepfunctions, its Tasks carried out by the TaskDispatcher, behind the part of the
 * Step Functions API the handlers use.
 */
export async function startStepFunctions(setup: StepFunctionsSetup): Promise<StepFunctionsService> {
  const dispatcher = new TaskDispatcher(async (name, payload, asynchronous) => {
    const fn = setup.findFunction(name);
    if (!fn) return undefined;
    if (!asynchronous) return fn.invoke(payload);
    void fn.invoke(payload);
    return { ok: true, payload: 'null' };
  }, serviceCalls(setup), setup.faults);
  const machines = await loadStateMachines(setup.paths.contractsDir, placeholderResolver(setup.catalog), dispatcher);
  const executions = new Executions();
  const handle = jsonProtocol(operations(machines, executions, setup.note));
  const server = createServer((req, res) => void handle(req, res));
  // a sync execution may run up to 5 minutes
  server.requestTimeout = 0;
  // longer than the SDK keeps idle connections, so a reused connection is never closed under it
  server.keepAliveTimeout = 65_000;
  const actual = await listen(
    server,
    servicePort(setup.options, 'stepfunctions'),
    'Step Functions',
    'Set DOFS_PORT to another port; the internal services use the ports after it.',
  );
  return {
    endpoint: `http://${LOOPBACK}:${actual}`,
    machines,
    drain: () => executions.drain(),
    [Symbol.asyncDispose]: () => close(server),
  };
}
