// `dofs smoke` (the real binary) against the real local system, found through its endpoints.json,
// and against an API that answers nothing right: every check is reported, the exit code tells.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { OPENAPI_API_KEY_HEADERS } from '@dofs/contracts';
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';
import { dofs } from './support/processes';

jest.setTimeout(180_000);

let system: LocalSystem;
let broken: Server;

beforeAll(async () => {
  // Half the attempts fail and a retry comes after 1 s, so the order ends FULFILLED or FAILED within seconds.
  system = await startLocalSystem({ successRate: 0.5, maxReceiveCount: 2, visibilityTimeoutSeconds: 1 });
  broken = createServer((_request, response) => response.writeHead(404, { 'Content-Type': 'text/plain' }).end('no such thing'));
  await new Promise<void>((resolve) => broken.listen(0, '127.0.0.1', resolve));
});
afterAll(async () => {
  await system?.stop();
  if (broken) await new Promise((resolve) => broken.close(resolve));
});

const KEY_REQUIRED = OPENAPI_API_KEY_HEADERS['createOrder'] !== undefined;

it('passes every check against the local system and prints them as a table', async () => {
  const r = await dofs(['smoke', '--data-dir', system.endpoints.data_dir, '--timeout', '90']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain(`Smoke test of ${system.endpoints.api_url}`);
  expect(r.stdout).toMatch(/^CHECK\s+EXPECTED\s+RESULT\s+DETAIL$/m);
  expect(r.stdout).toMatch(/^GET \/health\s.*\sPASS\s+200 \{"status":"ok"\}$/m);
  expect(r.stdout).toMatch(/^POST \/order \(valid\)\s.*\sPASS\s+201 order [0-9a-f-]{36}$/m);
  expect(r.stdout).toMatch(/^POST \/order \(same Idempotency-Key\)\s.*\sPASS\s+201 order [0-9a-f-]{36}, replayed$/m);
  expect(r.stdout).toMatch(/^POST \/order \(total off by 1\.00\)\s.*\sPASS\s+422 BUSINESS_RULE_VIOLATION: /m);
  expect(r.stdout).toMatch(/^order reaches a terminal status\s.*\sPASS\s+(FULFILLED|FAILED) after [\d.]+ s, \d attempt\(s\)$/m);
  // Switches on by itself once the contract gives POST /order an API-key requirement.
  if (KEY_REQUIRED) expect(r.stdout).toMatch(/^POST \/order without an API key\s.*\sPASS\s+403 /m);
  else expect(r.stdout).toMatch(/^POST \/order without an API key\s.*\sSKIP\s+the contract gives createOrder \(POST \/order\) no API-key security requirement$/m);
  expect(r.stdout).toContain(KEY_REQUIRED ? '6 passed, 0 failed, 0 skipped' : '5 passed, 0 failed, 1 skipped');
});

it('gives every check in --json, the created order replayed under the same id', async () => {
  const r = await dofs(['smoke', '--data-dir', system.endpoints.data_dir, '--timeout', '90', '--json']);
  expect(r.code).toBe(0);
  const report = JSON.parse(r.stdout);
  expect(report).toMatchObject({ api_url: system.endpoints.api_url, passed: true });
  expect(report.checks.map((c: { check: string; outcome: string }) => `${c.check}: ${c.outcome}`)).toEqual([
    'GET /health: pass',
    'POST /order (valid): pass',
    'POST /order (same Idempotency-Key): pass',
    'POST /order (total off by 1.00): pass',
    `POST /order without an API key: ${KEY_REQUIRED ? 'pass' : 'skip'}`,
    'order reaches a terminal status: pass',
  ]);
  const [, created, replayed] = report.checks;
  expect(replayed.detail).toContain(created.detail.replace(/^201 order /, ''));
});

it('exits 7 and names every failed check when the API does not answer as the contract says', async () => {
  const { port } = broken.address() as AddressInfo;
  const r = await dofs(['smoke', '--api-url', `http://127.0.0.1:${port}`, '--timeout', '1', '--json']);
  expect(r.code).toBe(7);
  const report = JSON.parse(r.stdout);
  expect(report.passed).toBe(false);
  const outcomes = Object.fromEntries(report.checks.map((c: { check: string; outcome: string; detail: string }) => [c.check, `${c.outcome}: ${c.detail}`]));
  expect(outcomes).toMatchObject({
    'GET /health': 'fail: 404 no such thing',
    'POST /order (valid)': 'fail: 404 no such thing',
    'POST /order (same Idempotency-Key)': 'fail: no order was created to replay',
    'POST /order (total off by 1.00)': 'fail: 404 no such thing',
    'order reaches a terminal status': 'fail: no order was created to follow',
  });
});
