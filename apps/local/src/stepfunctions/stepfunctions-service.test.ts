import type { LocalStateMachine } from './state-machine-catalog';
import { jsonParserComplaint, syncExecutionAnswer } from './stepfunctions-service';

// Recorded: LocalStack tests/aws/services/stepfunctions/v2/express/test_express_sync.snapshot.json,
// test_base[BASE_RAISE_FAILURE]: a FAILED StartSyncExecution answers error, cause, inputDetails and
// outputDetails { included: true }, and no output.
it('answers a failed sync execution with outputDetails and without output, as AWS does', () => {
  const machine = { arn: 'arn:aws:states:us-east-1:000000000000:stateMachine:m' } as LocalStateMachine;
  const start = new Date(1_000);
  const answer = syncExecutionAnswer(machine, 'arn:x', 'n', '{}', start, new Date(1_050), {
    status: 'FAILED',
    error: 'SomeFailure',
    cause: "This state machines raises a 'SomeFailure' failure.",
  });
  expect(answer).toEqual({
    executionArn: 'arn:x',
    stateMachineArn: machine.arn,
    name: 'n',
    startDate: 1,
    stopDate: 1.05,
    status: 'FAILED',
    error: 'SomeFailure',
    cause: "This state machines raises a 'SomeFailure' failure.",
    input: '{}',
    inputDetails: { included: true },
    outputDetails: { included: true },
    billingDetails: { billedMemoryUsedInMB: 64, billedDurationInMilliseconds: 100 },
  });
});

// Recorded: LocalStack tests/aws/services/stepfunctions/v2/test_sfn_api.snapshot.json,
// test_invalid_start_execution_input (start_exec_str_inp).
it('words an input that starts with a bare word as Step Functions JSON parser does', () => {
  expect(jsonParserComplaint('not some json')).toBe(
    "Unrecognized token 'not': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
  );
  expect(jsonParserComplaint('{"a":')).toBe('{"a":');
});
