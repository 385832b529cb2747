#!/usr/bin/env node
// Measures what the cost model (scripts/cost-per-million.mjs) cannot know from the configuration:
// how much work each Lambda function does per invocation, and how many log bytes each writes.
// It starts the real local system (dist/apps/local/main.mjs, the real bundles), sends a short
// closed-loop load (POST /order, then one GET of each order), waits until every order is
// FULFILLED or FAILED, and reads the runtime's own counters through its control channel
// (apps/local/src/control-messages.ts: invocations and busy milliseconds per function) and the
// function log files (<data dir>/logs/<function>.log). Writes terraform/cost/measured-lambda-work.json.
//   npx nx run local:build && npm run build && node terraform/scripts/measure-lambda-work.mjs [--orders 400]
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKSPACE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const OUTPUT = path.join(WORKSPACE, 'terraform/cost/measured-lambda-work.json');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const ORDERS = arg('orders', 400);
const WARMUP = arg('warmup', 100);
const CONCURRENCY = arg('concurrency', 4);

const main = path.join(WORKSPACE, 'dist/apps/local/main.mjs');
if (!existsSync(main)) throw new Error('dist/apps/local/main.mjs is missing: run `npx nx run local:build` and `npm run build` first.');
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'dofs-measure-'));
const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOFS_')));
const child = spawn(process.execPath, [main], {
  cwd: WORKSPACE,
  env: { ...env, DOFS_DATA_DIR: dataDir, DOFS_PORT: '0', DOFS_QUIET: 'true', DOFS_VISIBILITY_TIMEOUT_S: '3' },
  stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
});

let nextId = 1;
const pending = new Map();
let ready;
const started = new Promise((resolve) => (ready = resolve));
child.on('message', (message) => {
  if (message.type === 'ready') ready(message.endpoints);
  if (message.type === 'reply') pending.get(message.id)?.(message);
});
const stats = () =>
  new Promise((resolve) => {
    const id = nextId++;
    pending.set(id, (reply) => resolve(reply.stats));
    child.send({ type: 'stats', id });
  });

try {
  const endpoints = await started;
  const api = endpoints.api_url;
  const order = (i) => ({ customer_id: `measure-${i % 50}`, items: [{ product_id: `sku-${i % 20}`, quantity: 2, price: 9.99 }, { product_id: 'sku-extra', quantity: 1, price: 4.5 }], total_amount: 24.48 });
  const post = async (i) => {
    const response = await fetch(`${api}/order`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': `measure-${process.pid}-${i}` }, body: JSON.stringify(order(i)) });
    const body = await response.json();
    if (response.status !== 201) throw new Error(`POST /order answered ${response.status}: ${JSON.stringify(body)}`);
    return body.order_id;
  };
  const postAll = async (from, count) => {
    const ids = [];
    let next = from;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < from + count) ids.push(await post(next++));
      }),
    );
    return ids;
  };
  const getEach = async (ids) => {
    for (const id of ids) await fetch(`${api}/order/${id}`).then((r) => r.arrayBuffer());
  };
  const settle = async (ids) => {
    for (const id of ids) {
      for (;;) {
        const status = (await (await fetch(`${api}/order/${id}`)).json()).status;
        if (status !== 'PENDING') break;
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
    }
  };

  // Warm-up: cold starts and JIT compilation are not what a million orders cost.
  await settle(await postAll(0, WARMUP));
  const s0 = await stats();
  const logs0 = logBytes(dataDir);
  const ids = await postAll(WARMUP, ORDERS);
  const s1 = await stats();
  await getEach(ids);
  const s2 = await stats();
  // Settling polls the API (api-handler), so the api-handler is measured by the two phases above.
  await settle(ids);
  await new Promise((resolve) => setTimeout(resolve, 1500));
  const s3 = await stats();
  const logs3 = logBytes(dataDir);

  const delta = (a, b, name, field) => (b.functions[name]?.[field] ?? 0) - (a.functions[name]?.[field] ?? 0);
  const perCall = (busy, calls) => (calls ? round(busy / calls, 2) : 0);
  const functions = {};
  for (const name of Object.keys(s3.functions)) {
    const app = appOf(name);
    const logBytesTotal = (logs3[name] ?? 0) - (logs0[name] ?? 0);
    if (app === 'api-handler') {
      const posts = delta(s0, s1, name, 'invocations');
      const gets = delta(s1, s2, name, 'invocations');
      functions[app] = {
        post: { invocations: posts, busy_ms_per_invocation: perCall(delta(s0, s1, name, 'busyMs'), posts) },
        get: { invocations: gets, busy_ms_per_invocation: perCall(delta(s1, s2, name, 'busyMs'), gets) },
        log_bytes_per_invocation: Math.round(logBytesTotal / delta(s0, s3, name, 'invocations')),
      };
      continue;
    }
    const invocations = delta(s0, s3, name, 'invocations');
    const busyMs = delta(s0, s3, name, 'busyMs');
    const messages = (s3.eventSources[name]?.messages ?? 0) - (s0.eventSources[name]?.messages ?? 0);
    functions[app] = {
      invocations,
      busy_ms_per_invocation: perCall(busyMs, invocations),
      log_bytes_per_invocation: invocations ? Math.round(logBytesTotal / invocations) : 0,
      ...(messages ? { sqs_messages: messages, messages_per_invocation: round(messages / invocations, 2), busy_ms_per_message: perCall(busyMs, messages), log_bytes_per_message: Math.round(logBytesTotal / messages) } : {}),
    };
  }
  const result = {
    measured_at: new Date().toISOString().slice(0, 10),
    how: `${ORDERS} orders (after ${WARMUP} warm-up orders) through the local system (npm start's runtime, the real bundles) at concurrency ${CONCURRENCY}, one GET per order, fulfillment success rate ${JSON.stringify(endpoints.settings?.fulfillment_success_rate ?? endpoints.settings?.successRate ?? 'default')}; busy ms = event-loop active time of the function's worker threads (apps/local LambdaFunction.stats.busyMs) on this machine (${os.cpus().length} x ${os.cpus()[0]?.model?.trim()}); log bytes from <data dir>/logs/<function>.log`,
    orders: ORDERS,
    functions,
  };
  writeFileSync(OUTPUT, JSON.stringify(result, null, 2) + '\n');
  console.log(JSON.stringify(result, null, 2));
  console.log(`wrote ${path.relative(WORKSPACE, OUTPUT)}`);
} finally {
  child.send({ type: 'stop' });
  await new Promise((resolve) => child.once('exit', resolve));
  rmSync(dataDir, { recursive: true, force: true });
}

function appOf(functionName) {
  return functionName.replace(/^.*?-?(api-handler|validator|order-storage|fulfill-order|dlq-processor)$/, '$1');
}

function logBytes(dir) {
  const logs = path.join(dir, 'logs');
  if (!existsSync(logs)) return {};
  return Object.fromEntries(readdirSync(logs).filter((f) => f.endsWith('.log')).map((f) => [f.replace(/\.log$/, ''), statSync(path.join(logs, f)).size]));
}

function round(value, digits) {
  return Number(value.toFixed(digits));
}
