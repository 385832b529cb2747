import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { CliError } from './cli-error';
import { resolveTarget } from './config';
import { EXIT } from './exit-codes';

const endpoints = {
  api_url: 'http://127.0.0.1:4000',
  api_key: 'local-key-from-endpoints-json-0000000000',
  data_dir: '/x',
  region: 'us-east-1',
  credentials: { access_key_id: 'local', secret_access_key: 'local' },
  endpoints: { dynamodb: 'http://127.0.0.1:4001', sqs: 'http://127.0.0.1:4002', sns: 'http://127.0.0.1:4002', stepfunctions: 'http://127.0.0.1:4003' },
  tables: { orders: 'orders', failed_orders: 'failed_orders' },
  queues: { order_queue: 'http://sqs.us-east-1.localhost:4002/000000000000/order_queue', order_dlq: 'http://sqs.us-east-1.localhost:4002/000000000000/order_dlq' },
  topics: { alerts: 'arn:aws:sns:us-east-1:000000000000:alerts' },
  state_machines: { 'order-workflow': 'arn:aws:states:us-east-1:000000000000:stateMachine:order-workflow' },
  settings: {},
  pid: 1,
  started_at: '2025-01-01T00:00:00.000Z',
};

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'dofs-cli-config-'));
});
afterEach(() => rmSync(cwd, { recursive: true, force: true }));

function writeEndpoints(dir: string) {
  mkdirSync(dir, { recursive: true });
  writeFileSync(path.join(dir, 'endpoints.json'), JSON.stringify(endpoints));
}

describe('resolveTarget', () => {
  it('reads .dofs/data/endpoints.json under the current directory by default', () => {
    writeEndpoints(path.join(cwd, '.dofs/data'));
    const target = resolveTarget({}, { env: {}, cwd });
    expect(target).toMatchObject({
      mode: 'local',
      apiUrl: 'http://127.0.0.1:4000',
      failedOrdersTable: 'failed_orders',
      orderDlq: endpoints.queues.order_dlq,
      aws: { region: 'us-east-1', credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, sqsEndpoint: 'http://127.0.0.1:4002' },
    });
  });

  it("sends the local client's API key from endpoints.json, DOFS_API_KEY over it, --api-key over both", () => {
    writeEndpoints(path.join(cwd, '.dofs/data'));
    expect(resolveTarget({}, { env: {}, cwd }).apiKey).toBe(endpoints.api_key);
    expect(resolveTarget({}, { env: { DOFS_API_KEY: 'from-env' }, cwd }).apiKey).toBe('from-env');
    expect(resolveTarget({ apiKey: 'from-flag' }, { env: { DOFS_API_KEY: 'from-env' }, cwd }).apiKey).toBe('from-flag');
  });

  it('takes a deployed API key from --api-key or DOFS_API_KEY in remote mode', () => {
    expect(resolveTarget({ apiUrl: 'https://api.example.test/dev' }, { env: { DOFS_API_KEY: 'from-env' }, cwd }).apiKey).toBe('from-env');
    expect(resolveTarget({ apiUrl: 'https://api.example.test/dev', apiKey: 'from-flag' }, { env: {}, cwd }).apiKey).toBe('from-flag');
    expect(resolveTarget({ apiUrl: 'https://api.example.test/dev' }, { env: {}, cwd }).apiKey).toBeUndefined();
  });

  it('takes the data dir from DOFS_DATA_DIR, and --data-dir over it', () => {
    writeEndpoints(path.join(cwd, 'from-env'));
    writeEndpoints(path.join(cwd, 'from-flag'));
    expect(resolveTarget({}, { env: { DOFS_DATA_DIR: 'from-env' }, cwd }).source).toBe(path.join(cwd, 'from-env/endpoints.json'));
    expect(resolveTarget({ dataDir: 'from-flag' }, { env: { DOFS_DATA_DIR: 'from-env' }, cwd }).source).toBe(
      path.join(cwd, 'from-flag/endpoints.json'),
    );
  });

  it('lets flags and environment override what endpoints.json says', () => {
    writeEndpoints(path.join(cwd, 'd'));
    const target = resolveTarget({ endpoints: 'd/endpoints.json', failedOrdersTable: 'flagged' }, { env: { DOFS_ORDER_DLQ: 'other_dlq' }, cwd });
    expect(target).toMatchObject({ mode: 'local', failedOrdersTable: 'flagged', orderDlq: 'other_dlq' });
  });

  it('explains how to start a system when there is none', () => {
    let error: unknown;
    try {
      resolveTarget({}, { env: {}, cwd });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CliError);
    expect(error).toMatchObject({ exitCode: EXIT.CONFIG, message: expect.stringContaining('npm start') });
  });

  it('is remote with --api-url or DOFS_API_URL, names from flags and env, credentials from the AWS chain', () => {
    const target = resolveTarget(
      { apiUrl: 'https://api.example.test/prod', profile: 'ops' },
      { env: { AWS_REGION: 'eu-west-1', DOFS_FAILED_ORDERS_TABLE: 'dofs-prod-failed_orders' }, cwd },
    );
    expect(target).toMatchObject({
      mode: 'remote',
      apiUrl: 'https://api.example.test/prod',
      failedOrdersTable: 'dofs-prod-failed_orders',
      aws: { region: 'eu-west-1', profile: 'ops', credentials: undefined, sqsEndpoint: undefined },
    });
    expect(resolveTarget({}, { env: { DOFS_API_URL: 'https://x.test' }, cwd }).mode).toBe('remote');
    expect(resolveTarget({ region: 'eu-west-1' }, { env: {}, cwd }).apiUrl).toBeUndefined();
  });
});
