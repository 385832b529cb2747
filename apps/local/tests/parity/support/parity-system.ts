import { cp, mkdir, mkdtemp, readdir, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { SFNClient } from '@aws-sdk/client-sfn';
import { SNSClient } from '@aws-sdk/client-sns';
import { CreateQueueCommand, GetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { findWorkspaceRoot, startLocalSystem, type LocalEndpoints, type LocalSystem } from '@dofs/local-client';

const FIXTURES = path.join(__dirname, '..', 'fixtures');
const ECHO_APP = 'parity-echo';

/**
 * A scratch copy of the workspace that `npm start`'s runtime (dist/apps/local, copied byte for
 * byte) runs from: the same contracts, manifests and bundles, plus the parity fixtures. The
 * runtime serves only contracts/*.asl.json and openapi.yaml (it has no CreateStateMachine), so
 * the state machines a scenario needs, and an echo route for the proxy event, are added to the
 * copy's contracts, never to the repository's.
 */
export async function buildParityWorkspace(
  /** more fixture state machines (a fixtures/ folder of *.asl.json), beside fixtures/state-machines */
  extraStateMachines?: string,
  root: string = findWorkspaceRoot(),
): Promise<string> {
  const runtime = path.join(root, 'dist/apps/local/main.mjs');
  if (!existsSync(runtime)) throw new Error('dist/apps/local is missing: run `npx nx run local:build` and `npm run build` first.');
  const dir = await mkdtemp(path.join(os.tmpdir(), 'dofs-parity-'));
  await cp(path.join(root, 'nx.json'), path.join(dir, 'nx.json'));
  await cp(path.join(root, 'contracts'), path.join(dir, 'contracts'), { recursive: true });
  for (const folder of ['state-machines', ...(extraStateMachines ? [extraStateMachines] : [])]) {
    for (const file of await readdir(path.join(FIXTURES, folder))) await cp(path.join(FIXTURES, folder, file), path.join(dir, 'contracts', file));
  }
  await addEchoRoute(path.join(dir, 'contracts/openapi.yaml'));
  // the runtime finds its workspace from its own file: a copy, not a link (Node resolves links)
  await cp(path.join(root, 'dist/apps/local'), path.join(dir, 'dist/apps/local'), { recursive: true });
  await symlink(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
  for (const app of await readdir(path.join(root, 'apps'))) {
    if (!existsSync(path.join(root, 'apps', app, 'lambda.json'))) continue;
    await mkdir(path.join(dir, 'apps', app), { recursive: true });
    await symlink(path.join(root, 'apps', app, 'lambda.json'), path.join(dir, 'apps', app, 'lambda.json'));
    await symlink(path.join(root, 'dist/apps', app), path.join(dir, 'dist/apps', app), 'dir');
  }
  await mkdir(path.join(dir, 'apps', ECHO_APP), { recursive: true });
  await cp(path.join(FIXTURES, ECHO_APP, 'lambda.json'), path.join(dir, 'apps', ECHO_APP, 'lambda.json'));
  await mkdir(path.join(dir, 'dist/apps', ECHO_APP), { recursive: true });
  await cp(path.join(FIXTURES, ECHO_APP, 'index.js'), path.join(dir, 'dist/apps', ECHO_APP, 'index.js'));
  return dir;
}

/** The echo route goes first under `paths:`, as text, so the contract's own text stays as it is. */
async function addEchoRoute(openapiFile: string): Promise<void> {
  const text = await readFile(openapiFile, 'utf8');
  const route = await readFile(path.join(FIXTURES, ECHO_APP, 'openapi-paths.yaml'), 'utf8');
  if (!/^paths:\n/m.test(text)) throw new Error('contracts/openapi.yaml has no top-level `paths:`');
  await writeFile(openapiFile, text.replace(/^paths:\n/m, `paths:\n${route}`));
}

export interface ParityContext {
  readonly system: LocalSystem;
  readonly endpoints: LocalEndpoints;
  readonly sqs: SQSClient;
  readonly sns: SNSClient;
  readonly dynamodb: DynamoDBClient;
  readonly sfn: SFNClient;
  /** a name no other scenario uses (queues, tables and topics outlive a scenario) */
  unique(prefix: string): string;
  /** a queue of its own with these attributes; its URL and ARN */
  createQueue(prefix: string, attributes?: Record<string, string>): Promise<{ url: string; arn: string }>;
  /** the ARN of a state machine served from contracts/<name>.asl.json (fixtures included) */
  stateMachineArn(name: string): string;
}

export interface ParitySystem extends AsyncDisposable {
  readonly context: ParityContext;
}

/** Builds the parity workspace, starts its runtime as `npm start` would, and gives SDK clients for it. */
export async function startParitySystem(): Promise<ParitySystem> {
  const workspace = await buildParityWorkspace();
  const system = await startLocalSystem({ console: false, successRate: 1, maxReceiveCount: 3 }, { workspaceRoot: workspace }).catch(async (error: unknown) => {
    await rm(workspace, { recursive: true, force: true });
    throw error;
  });
  const { endpoints } = system;
  const config = (endpoint: string) => ({
    region: endpoints.region,
    endpoint,
    credentials: { accessKeyId: endpoints.credentials.access_key_id, secretAccessKey: endpoints.credentials.secret_access_key },
  });
  const sqs = new SQSClient(config(endpoints.endpoints.sqs));
  const sns = new SNSClient(config(endpoints.endpoints.sns));
  const dynamodb = new DynamoDBClient(config(endpoints.endpoints.dynamodb));
  // as DOFS's own client: StartSyncExecution's `sync-` host prefix would not resolve locally
  const sfn = new SFNClient({ ...config(endpoints.endpoints.stepfunctions), disableHostPrefix: true });
  let counter = 0;
  const unique = (prefix: string): string => `${prefix}-${process.pid}-${++counter}`;
  const workflowArn = endpoints.state_machines['order-workflow'];
  const context: ParityContext = {
    system,
    endpoints,
    sqs,
    sns,
    dynamodb,
    sfn,
    unique,
    async createQueue(prefix, attributes = {}) {
      const { QueueUrl = '' } = await sqs.send(new CreateQueueCommand({ QueueName: unique(prefix), Attributes: attributes }));
      const { Attributes = {} } = await sqs.send(new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn'] }));
      return { url: QueueUrl, arn: Attributes['QueueArn'] ?? '' };
    },
    stateMachineArn: (name) => workflowArn.replace(/:order-workflow$/, `:${name}`),
  };
  return {
    context,
    async [Symbol.asyncDispose]() {
      for (const client of [sqs, sns, dynamodb, sfn]) client.destroy();
      try {
        await system.stop();
      } finally {
        await rm(workspace, { recursive: true, force: true });
      }
    },
  };
}
