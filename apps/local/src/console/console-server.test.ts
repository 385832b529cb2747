import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { ConsoleData } from './console-data';
import { startConsole, type ConsoleService } from './console-server';
import { runtimeEvents } from '../events/runtime-events';

/** The console's reads of the services, faked: this test is about the HTTP side. */
function fakeData(redriven: (readonly string[] | undefined)[]): ConsoleData {
  const data: Partial<ConsoleData> = {
    statusCounts: async () => ({ PENDING: 1, FULFILLED: 2, FAILED: 0 }),
    recentOrders: async () => [],
    queueStats: async () => [],
    dlqMessages: () => [],
    failedOrderList: async () => [],
    order: async () => undefined,
    failedOrder: async () => undefined,
    redrive: async (ids) => {
      redriven.push(ids);
      return ids?.length ?? 7;
    },
  };
  return data as ConsoleData;
}

describe('the console server', () => {
  let service: ConsoleService;
  let staticDir: string;
  const redriven: (readonly string[] | undefined)[] = [];

  beforeAll(async () => {
    staticDir = await mkdtemp(path.join(os.tmpdir(), 'dofs-console-'));
    await writeFile(path.join(staticDir, 'index.html'), '<!doctype html><title>console</title>');
    service = await startConsole({
      port: 0,
      staticDir,
      apiUrl: 'http://127.0.0.1:1',
      apiKey: 'local-key-of-the-test',
      data: fakeData(redriven),
      functionNames: ['validator'],
      deadLetterQueues: ['order_dlq'],
      workflow: { name: 'order-workflow', definitionText: '{"StartAt":"A","States":{"A":{"Type":"Pass","End":true}}}' },
      alarm: { name: 'dofs-failed-orders', threshold: 5, periodSeconds: 300 },
      settings: { fulfillment_success_rate: 0.7, max_receive_count: 3, visibility_timeout_s: 5 },
      tickMs: 50,
    });
  });

  afterAll(async () => {
    await service?.[Symbol.asyncDispose]();
    await rm(staticDir, { recursive: true, force: true });
  });

  it('listens on 127.0.0.1 only and serves the app with a strict content security policy', async () => {
    expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${service.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(await page.text()).toContain('<title>console</title>');
  });

  it('answers what it does not have with the one error envelope, without a stack', async () => {
    const missing = await fetch(`${service.url}/api/nothing`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: { code: 'NOT_FOUND', message: 'No GET /api/nothing here', request_id: expect.any(String) } });
    const notBuilt = await fetch(`${service.url}/app.js`);
    expect(notBuilt.status).toBe(503);
    expect(((await notBuilt.json()) as { error: { message: string } }).error.message).toContain('npx nx run console:build');
  });

  it('redrives only on a JSON POST, the messages named or all', async () => {
    const url = `${service.url}/api/queues/order_dlq/redrive`;
    expect((await fetch(url, { method: 'POST', body: 'message_ids=1' })).status).toBe(415);
    const bad = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message_ids":"m-1"}' });
    expect(bad.status).toBe(400);
    const some = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"message_ids":["m-1","m-2"]}' });
    expect(await some.json()).toEqual({ moved: 2 });
    const all = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(await all.json()).toEqual({ moved: 7 });
    expect(redriven).toEqual([['m-1', 'm-2'], undefined]);
    expect((await fetch(`${service.url}/api/queues/order_dlq/redrive`)).status).toBe(404);
  });

  it('refuses a request for another host name (DNS rebinding)', async () => {
    const statusFor = (host: string): Promise<number | undefined> =>
      new Promise((resolve, reject) => {
        const req = request(`${service.url}/api/overview`, { headers: { host } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        });
        req.on('error', reject);
        req.end();
      });
    expect(await statusFor('attacker.example')).toBe(403);
    expect(await statusFor(`localhost:${new URL(service.url).port}`)).toBe(200);
  });

  it('finds the order an Idempotency-Key names', async () => {
    const answer = (await (await fetch(`${service.url}/api/lookup?idempotency_key=k-1`)).json()) as { order_id: string };
    expect(answer.order_id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-8[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('streams the overview, the workflow, and the log lines the functions print', async () => {
    const controller = new AbortController();
    const response = await fetch(`${service.url}/api/events`, { signal: controller.signal });
    expect(response.headers.get('content-type')).toBe('text/event-stream');
    const reader = response.body!.getReader();
    let received = '';
    const until = async (text: string): Promise<void> => {
      while (!received.includes(text)) received += new TextDecoder().decode((await reader.read()).value);
    };
    await until('event: overview');
    await until('event: workflow');
    runtimeEvents.publish({ type: 'log', function: 'validator', line: '{"level":"INFO","message":"Order meets the business rules"}' });
    await until('Order meets the business rules');
    expect(received).toContain('event: logs');
    controller.abort();
  });
});
