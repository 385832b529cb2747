import { createHash } from 'node:crypto';
import { rm } from 'node:fs/promises';
import { StartExecutionCommand, StartSyncExecutionCommand } from '@aws-sdk/client-sfn';
import type { Json } from '../support/compare';
import { plain, sdkErrorNamed } from '../support/observe';
import { buildParityWorkspace, type ParityContext } from '../support/parity-system';
import { startLocalSystem } from '@dofs/local-client';
import type { Scenario } from '../support/scenario';

const LS = 'LocalStack tests/aws/services/stepfunctions/v2';
const CONTEXT_DOCS = 'https://docs.aws.amazon.com/step-functions/latest/dg/input-output-contextobject.html';

type Execution = Record<string, Json>;

/** StartSyncExecution of a fixture, its answer with the JSON texts parsed and the ids named. */
async function startSync(context: ParityContext, machine: string, input: unknown): Promise<Execution> {
  const stateMachineArn = context.stateMachineArn(machine);
  const answer = plain(await context.sfn.send(new StartSyncExecutionCommand({ stateMachineArn, input: JSON.stringify(input) }))) as Execution;
  const parse = (text: Json | undefined): Json | undefined => (typeof text === 'string' ? (JSON.parse(text) as Json) : text);
  const arnParts = String(answer['executionArn'] ?? '').split(':');
  const arnShape = arnParts.length === 9 && arnParts[5] === 'express' && arnParts[6] === machine && arnParts[7] === answer['name'];
  const billing = answer['billingDetails'] as Record<string, Json> | undefined;
  const duration = billing?.['billedDurationInMilliseconds'];
  return {
    ...answer,
    executionArn: arnShape ? '<express-execution-arn>' : (answer['executionArn'] ?? null),
    stateMachineArn: answer['stateMachineArn'] === stateMachineArn ? '<state-machine-arn>' : (answer['stateMachineArn'] ?? null),
    ...(billing && { billingDetails: { ...billing, billedDurationInMilliseconds: typeof duration === 'number' && duration >= 100 && duration % 100 === 0 ? '<duration>' : duration } as Json }),
    ...(answer['input'] !== undefined && { input: parse(answer['input']) as Json }),
    ...(answer['output'] !== undefined && { output: parse(answer['output']) as Json }),
  };
}

const SYNC_COMMON = {
  billingDetails: { billedDurationInMilliseconds: '<duration>', billedMemoryUsedInMB: 64 },
  executionArn: '<express-execution-arn>',
  inputDetails: { included: true },
  name: '<id>',
  outputDetails: { included: true },
  startDate: '<timestamp>',
  stateMachineArn: '<state-machine-arn>',
  stopDate: '<timestamp>',
};

/** The keys of an object, sorted, and of the objects under the named keys. */
function shape(value: Json | undefined, nested: readonly string[] = []): Json {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value ?? null;
  return { keys: Object.keys(value).sort(), ...Object.fromEntries(nested.map((key) => [key, Object.keys((value[key] ?? {}) as object).sort()])) };
}

const md5 = (text: string): string => createHash('md5').update(text).digest('hex');

async function sqsTask(context: ParityContext, body: string | null): Promise<Json> {
  const { url } = await context.createQueue('sfn-sqs');
  const execution = await startSync(context, 'parity-sqs-send', { QueueUrl: url, MessageBody: body });
  return (execution['output'] ?? { status: execution['status'] ?? null, error: execution['error'] ?? null }) as Json;
}

export const stepFunctionsScenarios: readonly Scenario[] = [
  {
    id: 'stepfunctions.StartSyncExecution.succeeded',
    service: 'stepfunctions',
    operation: 'StartSyncExecution',
    name: 'a successful execution: status, input and output with their details, billing',
    source: `${LS}/express/test_express_sync.py::TestExpressSync::test_base[BASE_PASS_RESULT] and test_sfn_api_express.py::test_start_sync_execution, recorded 26-06-2024`,
    expected: { ...SYNC_COMMON, input: {}, output: { Arg1: 'argument1' }, status: 'SUCCEEDED' },
    run: (context) => startSync(context, 'parity-pass', {}),
  },
  {
    id: 'stepfunctions.StartSyncExecution.failed',
    service: 'stepfunctions',
    operation: 'StartSyncExecution',
    name: 'a failed execution: error and cause, outputDetails but no output',
    source: `${LS}/express/test_express_sync.py::TestExpressSync::test_base[BASE_RAISE_FAILURE], recorded 26-06-2024`,
    expected: { ...SYNC_COMMON, input: {}, status: 'FAILED', error: 'SomeFailure', cause: "This state machines raises a 'SomeFailure' failure." },
    run: (context) => startSync(context, 'parity-fail', {}),
  },
  {
    id: 'stepfunctions.StartSyncExecution.missing-input-path',
    service: 'stepfunctions',
    operation: 'StartSyncExecution',
    name: 'a path the input lacks fails the execution with States.Runtime and names the state, field and input',
    source: `${LS}/scenarios/test_base_scenarios.py::TestBaseScenarios::test_invalid_jsonpath[INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH], recorded 02-01-2025`,
    expected: {
      status: 'FAILED',
      error: 'States.Runtime',
      cause:
        "An error occurred while executing the state 'pass' (entered at the event id #2). The JSONPath '$.no_such_jsonpath' specified for the field 'value.$' could not be found in the input '{\"int-literal\":0}'",
    },
    async run(context) {
      const execution = await startSync(context, 'parity-missing-path', { 'int-literal': 0 });
      return { status: execution['status'] ?? null, error: execution['error'] ?? null, cause: execution['cause'] ?? null };
    },
  },
  {
    id: 'stepfunctions.StartSyncExecution.order-workflow-missing-input-path',
    service: 'stepfunctions',
    operation: 'StartSyncExecution',
    name: "DOFS's order-workflow given {} fails with States.Runtime naming ValidateOrder, the field and the input",
    source: `the cause recorded in ${LS}/scenarios/test_base_scenarios.py::TestBaseScenarios::test_invalid_jsonpath[INVALID_JSONPATH_IN_STRING_EXPR_JSONPATH] (recorded 02-01-2025), for the first Task of contracts/order-workflow.asl.json`,
    expected: {
      status: 'FAILED',
      error: 'States.Runtime',
      cause:
        "An error occurred while executing the state 'ValidateOrder' (entered at the event id #2). The JSONPath '$.order_id' specified for the field 'order_id.$' could not be found in the input '{}'",
    },
    async run(context) {
      const execution = await startSync(context, 'order-workflow', {});
      return { status: execution['status'] ?? null, error: execution['error'] ?? null, cause: execution['cause'] ?? null };
    },
  },
  {
    id: 'stepfunctions.StartExecution.state-machine-does-not-exist',
    service: 'stepfunctions',
    operation: 'StartExecution',
    name: 'an unknown state machine is StateMachineDoesNotExist',
    source: `${LS}/test_sfn_api.py::TestSnfApi::test_invalid_start_execution_arn (start_exec_of_deleted), recorded 22-06-2023`,
    expected: { status: 400, name: 'StateMachineDoesNotExist', message: "State Machine Does Not Exist: '<arn>'" },
    async run(context) {
      const stateMachineArn = context.stateMachineArn('parity-never-created');
      const error = (await sdkErrorNamed(() => context.sfn.send(new StartExecutionCommand({ stateMachineArn, input: '{}' })))) as Record<string, Json>;
      return { ...error, message: String(error['message'] ?? '').replace(stateMachineArn, '<arn>') };
    },
  },
  {
    id: 'stepfunctions.StartExecution.invalid-input',
    service: 'stepfunctions',
    operation: 'StartExecution',
    name: 'an input that is not JSON is InvalidExecutionInput',
    source: `${LS}/test_sfn_api.py::TestSnfApi::test_invalid_start_execution_input (start_exec_str_inp), recorded 22-06-2023`,
    expected: {
      status: 400,
      name: 'InvalidExecutionInput',
      message: "Invalid State Machine Execution Input: 'Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')'",
    },
    run: (context) => sdkErrorNamed(() => context.sfn.send(new StartExecutionCommand({ stateMachineArn: context.stateMachineArn('parity-pass'), input: 'not some json' }))),
  },
  {
    id: 'stepfunctions.ContextObject.pass-state',
    service: 'stepfunctions',
    operation: 'Context object ($$)',
    name: 'in a Pass state: Execution {Id, Input, Name, RoleArn, StartTime}, StateMachine {Id, Name}, State {EnteredTime, Name}',
    source: `${LS}/express/test_express_sync.py::TestExpressSync::test_query_runtime_memory (QUERY_CONTEXT_OBJECT_VALUES), recorded 15-07-2024`,
    expected: {
      context: { keys: ['Execution', 'State', 'StateMachine'], Execution: ['Id', 'Input', 'Name', 'RoleArn', 'StartTime'], State: ['EnteredTime', 'Name'], StateMachine: ['Id', 'Name'] },
      stateName: 'ReadContext',
      executionNameIsTheName: true,
      executionInput: { message: 'TestMessage' },
    },
    async run(context): Promise<Json> {
      const execution = await startSync(context, 'parity-context-pass', { message: 'TestMessage' });
      const output = (execution['output'] ?? {}) as Record<string, Json>;
      if (execution['status'] !== 'SUCCEEDED') return { status: execution['status'] ?? null, error: execution['error'] ?? null, cause: execution['cause'] ?? null };
      return {
        context: shape(output['context'], ['Execution', 'State', 'StateMachine']),
        stateName: output['stateName'] ?? null,
        executionNameIsTheName: output['executionName'] === execution['name'],
        executionInput: output['executionInput'] ?? null,
      };
    },
  },
  {
    id: 'stepfunctions.ContextObject.task-state',
    service: 'stepfunctions',
    operation: 'Context object ($$)',
    name: 'in a Task state with Retry: State {EnteredTime, Name, RetryCount 0}',
    source: `${LS}/scenarios/test_base_scenarios.py::TestBaseScenarios::test_lambda_service_invoke_with_retry_extended_input (ThisContextObject), recorded 24-10-2023; ${CONTEXT_DOCS}`,
    expected: { state: ['EnteredTime', 'Name', 'RetryCount'], stateName: 'ReadTaskContext', retryCount: 0, retries: 0 },
    async run(context): Promise<Json> {
      const execution = await startSync(context, 'parity-context-task', {});
      if (execution['status'] !== 'SUCCEEDED') return { status: execution['status'] ?? null, error: execution['error'] ?? null, cause: execution['cause'] ?? null };
      const output = execution['output'] as { payload: { context: { State: Record<string, Json> } }; retries: Json };
      const state = output.payload.context.State;
      return { state: Object.keys(state).sort(), stateName: state['Name'] ?? null, retryCount: state['RetryCount'] ?? null, retries: output.retries ?? null };
    },
  },
  {
    id: 'stepfunctions.Retry.retry-count-on-retry',
    service: 'stepfunctions',
    operation: 'Retry / Catch',
    name: 'a Task that fails once is retried, and the retry sees $$.State.RetryCount 1',
    source: `RetryCount 0 on the first attempt recorded in ${LS}/scenarios/test_base_scenarios.py::test_lambda_service_invoke_with_retry_extended_input; its value on a retry not recorded, AWS documentation: ${CONTEXT_DOCS}`,
    expected: { status: 'SUCCEEDED', output: { payload: { throw: 'ParityError', failUntilRetry: 1, retryCount: 1 } } },
    async run(context) {
      const execution = await startSync(context, 'parity-retry-count', { throw: 'ParityError', failUntilRetry: 1 });
      return { status: execution['status'] ?? null, output: execution['output'] ?? { error: execution['error'] ?? null, cause: execution['cause'] ?? null } };
    },
  },
  {
    id: 'stepfunctions.Catch.lambda-error-output',
    service: 'stepfunctions',
    operation: 'Retry / Catch',
    name: "after its retries a function's error is caught as {Error, Cause}: Error the errorType, Cause the function's error JSON",
    source: `${LS}/express/test_express_sync.py::TestExpressSync::test_catch and test_retry (output {Error, Cause}), recorded 15-07-2024; a Node.js function's error fields (errorType, errorMessage, trace): https://docs.aws.amazon.com/lambda/latest/dg/nodejs-exceptions.html`,
    expected: {
      status: 'SUCCEEDED',
      keys: ['Cause', 'Error'],
      Error: 'ParityError',
      cause: { keys: ['errorMessage', 'errorType', 'trace'], errorType: 'ParityError', errorMessage: 'parity fixture failed as asked (ParityError)' },
    },
    async run(context) {
      const execution = await startSync(context, 'parity-catch', { throw: 'ParityError' });
      const output = (execution['output'] ?? {}) as Record<string, Json>;
      let cause: Record<string, Json> = {};
      try {
        cause = JSON.parse(String(output['Cause'])) as Record<string, Json>;
      } catch {
        cause = { unparsable: output['Cause'] ?? null };
      }
      return {
        status: execution['status'] ?? null,
        keys: Object.keys(output).sort(),
        Error: output['Error'] ?? null,
        cause: { keys: Object.keys(cause).sort(), errorType: cause['errorType'] ?? null, errorMessage: cause['errorMessage'] ?? null },
      };
    },
  },
  {
    id: 'stepfunctions.sqs-sendMessage.output',
    service: 'stepfunctions',
    operation: 'sqs:sendMessage integration',
    name: 'the Task output: MD5OfMessageBody, MessageId, SdkHttpMetadata {AllHttpHeaders, HttpHeaders, HttpStatusCode 200}, SdkResponseMetadata {RequestId}',
    source: `${LS}/services/test_sqs_task_service.py::TestTaskServiceSqs::test_send_message (taskSucceededEventDetails.output), recorded 06-11-2025 and validated on AWS that day (test_sqs_task_service.validation.json; its needs_fixing marker is about LocalStack's own answer)`,
    expected: {
      keys: ['MD5OfMessageBody', 'MessageId', 'SdkHttpMetadata', 'SdkResponseMetadata'],
      md5IsOfTheBody: true,
      SdkHttpMetadata: ['AllHttpHeaders', 'HttpHeaders', 'HttpStatusCode'],
      HttpStatusCode: 200,
      SdkResponseMetadata: ['RequestId'],
    },
    async run(context) {
      const output = (await sqsTask(context, 'test_message_body')) as Record<string, Json>;
      const http = (output['SdkHttpMetadata'] ?? {}) as Record<string, Json>;
      return {
        keys: Object.keys(output).sort(),
        md5IsOfTheBody: output['MD5OfMessageBody'] === md5('test_message_body'),
        SdkHttpMetadata: Object.keys(http).sort(),
        HttpStatusCode: http['HttpStatusCode'] ?? null,
        SdkResponseMetadata: Object.keys((output['SdkResponseMetadata'] ?? {}) as object).sort(),
      };
    },
  },
  {
    id: 'stepfunctions.sqs-sendMessage.null-body',
    service: 'stepfunctions',
    operation: 'sqs:sendMessage integration',
    name: 'a null MessageBody fails the Task with SQS.AmazonSQSException (MissingParameter), nothing is sent',
    source: `${LS}/error_handling/test_task_service_sqs.py::TestTaskServiceSqs::test_send_message_empty_body, recorded 22-06-2023`,
    expected: {
      QueueUrl: '<queue-url>',
      MessageBody: null,
      aws_error: {
        Error: 'SQS.AmazonSQSException',
        Cause: 'The request must contain the parameter MessageBody. (Service: AmazonSQS; Status Code: 400; Error Code: MissingParameter; Request ID: <request_id>; Proxy: null)',
      },
    },
    async run(context) {
      const output = (await sqsTask(context, null)) as Record<string, Json>;
      const error = output['aws_error'] as Record<string, Json> | undefined;
      const cause = typeof error?.['Cause'] === 'string' ? error['Cause'].replace(/Request ID: [^;]*;/, 'Request ID: <request_id>;') : error?.['Cause'];
      return { ...output, QueueUrl: typeof output['QueueUrl'] === 'string' ? '<queue-url>' : (output['QueueUrl'] ?? null), ...(error && { aws_error: { ...error, Cause: cause ?? null } }) };
    },
  },
];

/**
 * AWS refuses to create an Express workflow with a .waitForTaskToken Task; the runtime, which
 * serves contracts/*.asl.json as Express workflows, must refuse such a contract too (at start-up,
 * its CreateStateMachine), naming the pattern and the state, rather than run it some other way.
 */
async function refusedWaitForTaskToken(): Promise<Json> {
  const workspace = await buildParityWorkspace('refused-state-machines');
  try {
    const system = await startLocalSystem({ console: false }, { workspaceRoot: workspace });
    await system.stop();
    return { refused: false };
  } catch (error) {
    const message = (error as Error).message;
    return { refused: true, namesThePattern: message.includes('.waitForTaskToken'), namesTheState: message.includes('Publish') };
  } finally {
    await rm(workspace, { recursive: true, force: true });
  }
}

export const stepFunctionsCallbackScenarios: readonly Scenario[] = [
  {
    id: 'stepfunctions.waitForTaskToken.express-refuses',
    service: 'stepfunctions',
    operation: 'waitForTaskToken',
    name: 'an Express workflow with a .waitForTaskToken Task is refused, naming the pattern and the state',
    source: `${LS}/test_sfn_api_express.py::TestSfnApiExpress::test_illegal_callbacks[WAIT_FOR_TASK_TOKEN] (InvalidDefinition), recorded 03-07-2024`,
    expected: { refused: true, namesThePattern: true, namesTheState: true },
    run: refusedWaitForTaskToken,
  },
];
