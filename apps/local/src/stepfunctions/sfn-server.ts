import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { ExecutionAbortedError, ExecutionError, ExecutionTimeoutError } from 'aws-local-stepfunctions';
import { ACCOUNT_ID, arns } from '../aws-identity';
import { publishExecutionEvents } from '../console/workflow-events';
import { close, listen, LOOPBACK, readBody } from '../http/listen';
import type { LocalStateMachine } from './state-machine-catalog';

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

export interface StepFunctionsService {
  readonly endpoint: string;
  /** Resolves when no execution is running. */
  drain(): Promise<void>;
  stop(): Promise<void>;
}

const MAX_INPUT_BYTES = 256 * 1024;
const epochSeconds = (date: Date): number => date.getTime() / 1000;

/**
 * The part of the Step Functions API the handlers use, over HTTP (AWS JSON 1.0), running Express
 * workflows with aws-local-stepfunctions: StartSyncExecution (answers when the execution ends),
 * StartExecution (runs it in the background), DescribeStateMachine, ListStateMachines.
 */
export async function startStepFunctions(
  port: number,
  machines: readonly LocalStateMachine[],
  onFailure: (message: string) => void,
): Promise<StepFunctionsService> {
  const byArn = new Map(machines.map((machine) => [machine.arn, machine]));
  let running = 0;
  const idle: (() => void)[] = [];

  function find(arn: unknown): LocalStateMachine {
    if (typeof arn !== 'string' || !arn.startsWith('arn:aws:states:')) throw new ApiError('InvalidArn', `Invalid Arn: '${String(arn)}'`);
    const machine = byArn.get(arn);
    if (!machine) throw new ApiError('StateMachineDoesNotExist', `State Machine Does Not Exist: '${arn}'`);
    return machine;
  }

  async function execute(machine: LocalStateMachine, executionArn: string, name: string, input: Json): Promise<ExecutionOutcome> {
    running++;
    try {
      const execution = machine.machine.run(input, {
        overrides: { taskResourceLocalHandlers: machine.taskHandlers },
        context: {
          Execution: { Id: executionArn, Name: name, RoleArn: `arn:aws:iam::${ACCOUNT_ID}:role/local` },
          StateMachine: { Id: machine.arn, Name: machine.name },
        },
      });
      void publishExecutionEvents(name, execution.eventLogs);
      const output = await execution.result;
      return { status: 'SUCCEEDED', output: JSON.stringify(output) };
    } catch (error) {
      if (error instanceof ExecutionTimeoutError)
        return { status: 'TIMED_OUT', error: 'States.Timeout', cause: 'The execution timed out.' };
      if (error instanceof ExecutionAbortedError) return { status: 'ABORTED' };
      if (error instanceof ExecutionError && error.cause instanceof Error) {
        return { status: 'FAILED', error: error.cause.name, cause: error.cause.message };
      }
      return { status: 'FAILED', error: 'States.Runtime', cause: (error as Error).message };
    } finally {
      running--;
      if (running === 0) for (const resolve of idle.splice(0)) resolve();
    }
  }

  function parseInput(text: unknown): Json {
    if (text === undefined) return {};
    if (typeof text !== 'string') throw new ApiError('InvalidExecutionInput', 'Input must be a JSON string');
    if (Buffer.byteLength(text) > MAX_INPUT_BYTES) throw new ApiError('InvalidExecutionInput', 'Input exceeds 262144 bytes');
    try {
      return JSON.parse(text) as Json;
    } catch {
      throw new ApiError('InvalidExecutionInput', `Invalid State Machine Execution Input: '${text.slice(0, 100)}'`);
    }
  }

  const operations: Record<string, (request: Record<string, unknown>) => Promise<object>> = {
    async StartSyncExecution(request) {
      const machine = find(request['stateMachineArn']);
      const input = parseInput(request['input']);
      const name = typeof request['name'] === 'string' ? request['name'] : randomUUID();
      const executionArn = arns.expressExecution(machine.name, name, randomUUID());
      const startDate = new Date();
      const outcome = await execute(machine, executionArn, name, input);
      const stopDate = new Date();
      if (outcome.status === 'FAILED') onFailure(`${machine.name} execution ${name} FAILED: ${outcome.error}`);
      return {
        executionArn,
        stateMachineArn: machine.arn,
        name,
        startDate: epochSeconds(startDate),
        stopDate: epochSeconds(stopDate),
        status: outcome.status,
        ...(outcome.error !== undefined && { error: outcome.error }),
        ...(outcome.cause !== undefined && { cause: outcome.cause }),
        input: request['input'] ?? '{}',
        inputDetails: { included: true },
        ...(outcome.output !== undefined && { output: outcome.output, outputDetails: { included: true } }),
        billingDetails: {
          billedMemoryUsedInMB: 64,
          billedDurationInMilliseconds: Math.max(100, Math.ceil((stopDate.getTime() - startDate.getTime()) / 100) * 100),
        },
      };
    },
    async StartExecution(request) {
      const machine = find(request['stateMachineArn']);
      const input = parseInput(request['input']);
      const name = typeof request['name'] === 'string' ? request['name'] : randomUUID();
      const executionArn = arns.expressExecution(machine.name, name, randomUUID());
      const startDate = new Date();
      void execute(machine, executionArn, name, input).then((outcome) => {
        if (outcome.status !== 'SUCCEEDED') onFailure(`${machine.name} execution ${name} ${outcome.status}: ${outcome.error ?? ''}`);
      });
      return { executionArn, startDate: epochSeconds(startDate) };
    },
    async DescribeStateMachine(request) {
      const machine = find(request['stateMachineArn']);
      return {
        stateMachineArn: machine.arn,
        name: machine.name,
        status: 'ACTIVE',
        definition: machine.definitionText,
        roleArn: `arn:aws:iam::${ACCOUNT_ID}:role/local`,
        type: 'EXPRESS',
        creationDate: epochSeconds(machine.createdAt),
      };
    },
    async ListStateMachines() {
      return {
        stateMachines: machines.map((machine) => ({
          stateMachineArn: machine.arn,
          name: machine.name,
          type: 'EXPRESS',
          creationDate: epochSeconds(machine.createdAt),
        })),
      };
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const reply = (status: number, body: object): void => {
      res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': randomUUID() });
      res.end(JSON.stringify(body));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const operation = operations[target.replace(/^AWSStepFunctions\./, '')];
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
  }

  const server = createServer((req, res) => void handle(req, res));
  // a sync execution may run up to 5 minutes
  server.requestTimeout = 0;
  // longer than the SDK keeps idle connections, so a reused connection is never closed under it
  server.keepAliveTimeout = 65_000;
  const actual = await listen(
    server,
    port,
    'Step Functions',
    'Set DOFS_PORT to another port; the internal services use the ports after it.',
  );
  return {
    endpoint: `http://${LOOPBACK}:${actual}`,
    drain: () => (running === 0 ? Promise.resolve() : new Promise((resolve) => idle.push(resolve))),
    stop: () => close(server),
  };
}
