// The command layer against a scripted HTTP API (fetch replaced): output, --json and exit codes.
// tests/cli-local-system.test.ts runs the real `dofs` binary against the real local system.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from './cli';
import { EXIT } from './exit-codes';
import { captureIo } from '../tests/support/capture-io';

const ID = '6f1c2d3e-4b5a-4c7d-8e9f-0a1b2c3d4e5f';
const order = (status = 'PENDING', attempts = 0) => ({
  order_id: ID,
  status,
  customer_id: 'c-1',
  items: [{ product_id: 'sku-1', quantity: 2, price: 1.25 }],
  total_amount: 2.5,
  currency: 'USD',
  attempts,
  created_at: '2025-01-01T00:00:00.000Z',
  updated_at: '2025-01-01T00:00:00.000Z',
  ...(status === 'FAILED' ? { failed_at: '2025-01-01T00:01:00.000Z', failure_reason: 'Fulfillment failed after 3 attempt(s)' } : {}),
});
const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });
const apiError = (status: number, code: string, details: unknown[] = []) =>
  json(status, { error: { code, message: `${code} said the API`, details, request_id: 'req-7' } });

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'dofs-cli-run-'));
  mkdirSync(path.join(cwd, '.dofs/data'), { recursive: true });
  writeFileSync(
    path.join(cwd, '.dofs/data/endpoints.json'),
    JSON.stringify({ api_url: 'http://api.test', region: 'us-east-1', credentials: {}, endpoints: {}, tables: {}, queues: {} }),
  );
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function dofs(argv: string[], answers: (Response | Error)[]) {
  const { io, stdout, stderr } = captureIo({}, cwd);
  const requests: Request[] = [];
  const fetch = async (request: Request) => {
    requests.push(request);
    const next = answers.shift();
    if (!next) throw new Error('no more scripted answers');
    if (next instanceof Error) throw next;
    return next;
  };
  const code = await run(argv, io, { fetch });
  return { code, out: stdout(), err: stderr(), requests };
}

describe('dofs order', () => {
  it('creates an order from flags and prints it with its Idempotency-Key', async () => {
    const r = await dofs(['order', 'create', '--customer', 'c-1', '--item', 'sku-1:2:1.25', '--idempotency-key', 'k-1'], [
      json(201, order(), { 'Idempotent-Replayed': 'false' }),
    ]);
    expect(r.code).toBe(EXIT.OK);
    expect(r.requests[0]?.headers.get('Idempotency-Key')).toBe('k-1');
    expect(await r.requests[0]?.json()).toEqual({ customer_id: 'c-1', items: [{ product_id: 'sku-1', quantity: 2, price: 1.25 }], total_amount: 2.5 });
    expect(r.out).toContain(`Order ${ID} accepted; Idempotency-Key: k-1`);
    expect(r.out).toMatch(/status\s+PENDING/);
    expect(r.out).toMatch(/sku-1\s+2\s+1\.25\s+2\.50/);
  });

  it('prints JSON for scripts', async () => {
    const r = await dofs(['order', 'create', '--json', '--customer', 'c-1', '--item', 'sku-1:2:1.25'], [
      json(201, order(), { 'Idempotent-Replayed': 'true', Location: `/order/${ID}` }),
    ]);
    expect(JSON.parse(r.out)).toMatchObject({ order: { order_id: ID }, replayed: true, location: `/order/${ID}`, idempotency_key: expect.any(String) });
  });

  it('exits 1 with the API error and its details on stderr for a 422', async () => {
    const r = await dofs(['order', 'create', '--customer', 'c-1', '--item', 'sku-1:2:1.25', '--total', '3'], [
      apiError(422, 'BUSINESS_RULE_VIOLATION', [{ path: 'total_amount', problem: 'must equal the sum of quantity x price' }]),
    ]);
    expect(r.code).toBe(EXIT.REJECTED);
    expect(r.out).toBe('');
    expect(r.err).toContain('The API answered 422 BUSINESS_RULE_VIOLATION: BUSINESS_RULE_VIOLATION said the API (request req-7)');
    expect(r.err).toContain('  - total_amount: must equal the sum of quantity x price');
  });

  it('writes errors as JSON on stderr with --json', async () => {
    const r = await dofs(['order', 'get', ID, '--json'], [apiError(404, 'NOT_FOUND')]);
    expect(r.code).toBe(EXIT.REJECTED);
    expect(JSON.parse(r.err)).toEqual({ error: { code: 'NOT_FOUND', message: expect.stringContaining('404'), details: [], exit_code: 1 } });
  });

  it('waits: exit 0 when FULFILLED, 6 when FAILED', async () => {
    const fulfilled = await dofs(['order', 'wait', ID, '--interval', '0.01'], [json(200, order()), json(200, order('FULFILLED', 1))]);
    expect(fulfilled.code).toBe(EXIT.OK);
    expect(fulfilled.err).toContain(`${ID}: PENDING, 0 attempt(s)`);
    const failed = await dofs(['order', 'wait', ID], [json(200, order('FAILED', 3))]);
    expect(failed.code).toBe(EXIT.ORDER_FAILED);
    expect(failed.out).toMatch(/failure reason\s+Fulfillment failed after 3 attempt\(s\)/);
  });

  it('exits 4 when the order is still PENDING at the timeout', async () => {
    const answers = Array.from({ length: 50 }, () => json(200, order()));
    const r = await dofs(['order', 'wait', ID, '--timeout', '0.05', '--interval', '0.01'], answers);
    expect(r.code).toBe(EXIT.TIMEOUT);
    expect(r.err).toContain('last seen PENDING');
  });

  it('exits 5 when the API does not answer', async () => {
    const refused = () => new TypeError('fetch failed', { cause: new Error('connect ECONNREFUSED 127.0.0.1:1') });
    const r = await dofs(['order', 'get', ID], [refused(), refused(), refused(), refused()]);
    expect(r.code).toBe(EXIT.UNAVAILABLE);
    expect(r.err).toContain('ECONNREFUSED');
  });
});

describe('dofs load', () => {
  it('sends N orders with distinct keys and reports throughput, latency and outcomes', async () => {
    const answers = [json(201, order()), apiError(503, 'SERVICE_UNAVAILABLE'), json(201, order()), json(201, order())];
    const r = await dofs(['load', '--orders', '4', '--concurrency', '2', '--seed', '7', '--json'], answers);
    const report = JSON.parse(r.out);
    expect(r.code).toBe(EXIT.REJECTED);
    expect(report).toMatchObject({ orders: 4, concurrency: 2, sent: 4, outcomes: { '201 created': 3, '503 SERVICE_UNAVAILABLE': 1 } });
    expect(report.latency_ms).toMatchObject({ count: 4, p50: expect.any(Number), p99: expect.any(Number) });
    const keys = r.requests.map((q) => q.headers.get('Idempotency-Key'));
    expect(new Set(keys).size).toBe(4);
    for (const q of r.requests) expect(q.url).toBe('http://api.test/order');
  });

  it('prints a summary table and exits 0 when every order is accepted', async () => {
    const r = await dofs(['load', '-n', '3', '-c', '3'], [json(201, order()), json(201, order()), json(201, order())]);
    expect(r.code).toBe(EXIT.OK);
    expect(r.out).toMatch(/throughput\s+[\d.]+ orders\/s/);
    expect(r.out).toMatch(/LATENCY P50.*LATENCY P99/);
    expect(r.out).toMatch(/201 created\s+3\s+100\.0%/);
  });

  it('runs an open loop with --rate and reports the rate instead of a concurrency', async () => {
    const r = await dofs(['load', '--orders', '3', '--rate', '1000', '--json'], [json(201, order()), json(201, order()), json(201, order())]);
    const report = JSON.parse(r.out);
    expect(r.code).toBe(EXIT.OK);
    expect(report).toMatchObject({ orders: 3, rate_per_s: 1000, sent: 3, outcomes: { '201 created': 3 } });
    expect(report).not.toHaveProperty('concurrency');
    expect(r.requests).toHaveLength(3);
  });

  it.each([
    [['load', '--orders', '0'], /--orders must be a whole number from 1 to 100000/],
    [['load', '--orders', '10', '--concurrency', '1000'], /--concurrency must be a whole number from 1 to 256/],
    [['load', '--orders', '10', '--rate', '5000'], /--rate must be a number above 0 and at most 1000/],
    [['load', '--orders', '10', '--rate', '0'], /--rate must be a number above 0 and at most 1000/],
    [['load', '--orders', '10', '--rate', '10', '--concurrency', '2'], /--rate and --concurrency exclude each other/],
  ])('refuses unbounded runs: %j', async (argv, message) => {
    const r = await dofs(argv, []);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toMatch(message);
    expect(r.requests).toHaveLength(0);
  });
});

describe('dofs itself', () => {
  it('prints help with every command and exits 0', async () => {
    const r = await dofs(['--help'], []);
    expect(r.code).toBe(EXIT.OK);
    for (const command of ['order create', 'order get', 'order wait', 'load', 'dlq list', 'dlq redrive', 'failed list']) {
      expect(r.out).toContain(`dofs ${command}`);
    }
  });

  it('exits 2 for an unknown command or flag', async () => {
    expect((await dofs(['ship', 'it'], [])).code).toBe(EXIT.USAGE);
    const r = await dofs(['order', 'get', ID, '--colour'], []);
    expect(r.code).toBe(EXIT.USAGE);
    expect(r.err).toContain("Unknown option '--colour'");
  });

  it('takes global flags before the command too', async () => {
    const r = await dofs(['--json', 'order', 'get', ID], [json(200, order())]);
    expect(r.code).toBe(EXIT.OK);
    expect(JSON.parse(r.out)).toMatchObject({ order_id: ID });
    const { io, stderr } = captureIo({}, tmpdir());
    expect(await run(['--data-dir', 'nowhere', 'order', 'get', ID], io)).toBe(EXIT.CONFIG);
    expect(stderr()).toContain(path.join(tmpdir(), 'nowhere/endpoints.json'));
  });

  it('exits 3 naming the missing endpoints.json', async () => {
    const { io, stderr } = captureIo({}, tmpdir());
    expect(await run(['order', 'get', ID, '--data-dir', 'nowhere'], io)).toBe(EXIT.CONFIG);
    expect(stderr()).toContain(path.join(tmpdir(), 'nowhere/endpoints.json'));
  });
});
