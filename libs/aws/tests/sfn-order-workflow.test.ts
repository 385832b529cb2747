import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { DependencyUnavailableError, InvalidMessageError, toAcceptedView } from '@dofs/domain';
import { aWorkflowInput, anOrderRecord } from '@dofs/domain/testing';
import { createSfnClient } from '../src/clients';
import { SfnOrderWorkflow } from '../src/sfn-order-workflow';
import { useLocalAwsEnvironment } from './local-services';

// A minimal endpoint speaking the Step Functions JSON protocol: the real SDK client serialises
// the request and parses the answer, so the adapter's mapping is tested end to end.
describe('SfnOrderWorkflow', () => {
  let server: Server;
  let answer: { status: number; body: unknown };
  const seen: { headers: IncomingHttpHeaders; body: Record<string, unknown> }[] = [];
  let workflow: SfnOrderWorkflow;

  beforeAll(async () => {
    useLocalAwsEnvironment();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', () => {
        seen.push({ headers: req.headers, body: JSON.parse(body) });
        res.writeHead(answer.status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(answer.body));
      });
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    process.env['AWS_ENDPOINT_URL_SFN'] = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    workflow = new SfnOrderWorkflow(createSfnClient({ endpointOverridden: true }), 'arn:aws:states:ap-south-1:000000000000:stateMachine:wf');
  });
  afterAll(async () => {
    delete process.env['AWS_ENDPOINT_URL_SFN'];
    server.close();
    await once(server, 'close');
  });
  beforeEach(() => (seen.length = 0));

  const accepted = { outcome: 'ACCEPTED', created: true, order: toAcceptedView(anOrderRecord()) };

  it('starts a synchronous execution with the input as JSON, on the local host without the sync- prefix', async () => {
    answer = { status: 200, body: { executionArn: 'arn:x', status: 'SUCCEEDED', output: JSON.stringify(accepted), startDate: 1, stopDate: 2 } };
    const result = await workflow.run(aWorkflowInput());
    expect(result).toEqual({ status: 'SUCCEEDED', output: accepted });
    expect(seen[0]?.headers['x-amz-target']).toBe('AWSStepFunctions.StartSyncExecution');
    expect(seen[0]?.headers.host).toMatch(/^127\.0\.0\.1:\d+$/);
    expect(JSON.parse(String(seen[0]?.body['input']))).toEqual(aWorkflowInput());
    expect(seen[0]?.body['stateMachineArn']).toBe('arn:aws:states:ap-south-1:000000000000:stateMachine:wf');
  });

  it('reports a failed execution with its error and cause', async () => {
    answer = { status: 200, body: { executionArn: 'arn:x', status: 'FAILED', error: 'StoreFailed', cause: 'The order could not be stored.', startDate: 1, stopDate: 2 } };
    expect(await workflow.run(aWorkflowInput())).toEqual({ status: 'FAILED', error: 'StoreFailed', cause: 'The order could not be stored.' });
  });

  it('reports a timed-out execution', async () => {
    answer = { status: 200, body: { executionArn: 'arn:x', status: 'TIMED_OUT', startDate: 1, stopDate: 2 } };
    expect(await workflow.run(aWorkflowInput())).toEqual({ status: 'TIMED_OUT', error: 'States.Timeout' });
  });

  it('refuses an output that breaks the workflow output contract', async () => {
    answer = { status: 200, body: { executionArn: 'arn:x', status: 'SUCCEEDED', output: '{"outcome":"MAYBE"}', startDate: 1, stopDate: 2 } };
    await expect(workflow.run(aWorkflowInput())).rejects.toThrow(InvalidMessageError);
  });

  it('turns throttling, after the SDK has retried, into DependencyUnavailableError', async () => {
    answer = { status: 400, body: { __type: 'com.amazonaws.swf.service.v2.model#ThrottlingException', message: 'Rate exceeded' } };
    await expect(workflow.run(aWorkflowInput())).rejects.toThrow(DependencyUnavailableError);
    expect(seen.length).toBeGreaterThan(1);
  });

  it('lets a non-transient error through as it is', async () => {
    answer = { status: 400, body: { __type: 'StateMachineDoesNotExist', message: 'no such machine' } };
    await expect(workflow.run(aWorkflowInput())).rejects.toMatchObject({ name: 'StateMachineDoesNotExist' });
  });
});
