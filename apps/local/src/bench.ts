/**
 * `npm run bench`: drives N orders through the local pipeline at a fixed concurrency, waits until
 * each is FULFILLED or FAILED, measures the raw conditional-put rate of the local DynamoDB as the
 * ceiling, prints the figures and stops. By default it starts its own runtime (temporary data dir,
 * ephemeral ports, success rate 1); --attach measures the one `npm start` runs.
 *   npm run bench -- --orders 2000 --concurrency 32 [--warmup 1000] [--ceiling-puts 2000] [--attach] [--json]
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { clientConfig } from './aws-identity';
import { conditionalPutRate } from './bench/dynamo-ceiling';
import { postOrders, summarize } from './bench/load-driver';
import { waitForTerminal } from './bench/terminal-watch';
import { readEndpoints, type LocalEndpoints } from './endpoints-file';
import { LOCAL_DEFAULTS, optionsFromEnv } from './settings';
import { StartupError } from './startup-error';
import { startLocalSystem, type LocalSystem } from './system';

const TARGETS = { ordersPerSecond: 200, postP99Ms: 100, terminalAfterLastPostMs: 10_000 };
const TERMINAL_DEADLINE_MS = 120_000;

function positive(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new StartupError(`--${name} must be a positive integer, not ${value}`);
  return n;
}

async function attach(): Promise<LocalEndpoints> {
  const dataDir = process.env['DOFS_DATA_DIR'] ?? LOCAL_DEFAULTS.dataDir;
  const endpoints = await readEndpoints(dataDir);
  if (!endpoints)
    throw new StartupError(
      `No running DOFS found in ${path.resolve(dataDir)} (no endpoints.json): start it with \`npm start\`, or run the bench without --attach.`,
    );
  const host = new URL(endpoints.api_url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost')
    throw new StartupError(`The bench only sends traffic to this machine; ${endpoints.api_url} is not local.`);
  return endpoints;
}

type BusySnapshot = Record<string, number>;

/**
 * Busy milliseconds of every thread that works on orders: the bench's own process (CPU time),
 * the runtime's main and DynamoDB threads and each function's environments (event-loop active
 * time). Only a runtime the bench started can be asked; --attach measures no breakdown.
 */
async function busySnapshot(system: LocalSystem | undefined): Promise<BusySnapshot | undefined> {
  if (!system) return undefined;
  const stats = await system.stats();
  const cpu = process.cpuUsage();
  return {
    bench: (cpu.user + cpu.system) / 1000,
    ...stats.threadBusyMs,
    ...Object.fromEntries(Object.entries(stats.functions).map(([name, fn]) => [name, fn.busyMs])),
  };
}

function perOrder(before: BusySnapshot | undefined, after: BusySnapshot | undefined, orders: number): BusySnapshot | undefined {
  if (!before || !after) return undefined;
  const result: BusySnapshot = {};
  let total = 0;
  for (const [name, value] of Object.entries(after)) {
    const spent = (value - (before[name] ?? 0)) / orders;
    result[name] = spent;
    total += spent;
  }
  return { ...result, total };
}

const ms = (value: number): string => `${value.toFixed(1)} ms`;
const seconds = (value: number): string => `${(value / 1000).toFixed(2)} s`;

const USAGE = `usage: npm run bench -- [--orders N] [--concurrency C] [--warmup W] [--ceiling-puts P] [--attach] [--json]
  --orders N         orders measured (2000)
  --concurrency C    requests in flight (32)
  --warmup W         orders sent first, not measured (1000; 0 for none)
  --ceiling-puts P   raw conditional puts for the DynamoDB ceiling (2000)
  --attach           measure the system \`npm start\` runs instead of starting one
  --json             print the figures as JSON only`;

function readArgs() {
  try {
    return parseArgs({
      options: {
        orders: { type: 'string' },
        concurrency: { type: 'string' },
        warmup: { type: 'string' },
        'ceiling-puts': { type: 'string' },
        attach: { type: 'boolean', default: false },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
    });
  } catch (error) {
    throw new StartupError(`${(error as Error).message}\n${USAGE}`);
  }
}

async function main(): Promise<void> {
  const { values } = readArgs();
  if (values.help) {
    console.log(USAGE);
    return;
  }
  const orders = positive(values.orders, 'orders', 2000);
  const concurrency = positive(values.concurrency, 'concurrency', 32);
  // Each function environment is its own V8 isolate and compiles its hot paths over its first few
  // hundred invocations; a warm-up of a few per environment would measure the compiler, not the
  // steady state (a handler's first 500 calls cost 1.8 x its later ones).
  const warmup = values.warmup === '0' ? 0 : positive(values.warmup, 'warmup', 1000);
  const ceilingPuts = positive(values['ceiling-puts'], 'ceiling-puts', 2000);
  const log = (line: string): void => {
    if (!values.json) console.log(line);
  };

  let system: LocalSystem | undefined;
  let endpoints: LocalEndpoints;
  if (values.attach) {
    endpoints = await attach();
  } else {
    // the targets are stated for success rate 1; other DOFS_* settings apply as for `npm start`
    const options = optionsFromEnv(process.env, { ...LOCAL_DEFAULTS, successRate: 1 });
    // without the console: it would add its own work (log lines sent from every function) to the figures
    system = await startLocalSystem({ ...options, port: 0, quiet: true, console: false, dataDir: undefined });
    endpoints = system.endpoints;
  }
  const dynamo = new DynamoDBClient(clientConfig(endpoints.endpoints.dynamodb));
  try {
    log(
      `DOFS local benchmark: ${orders} orders at concurrency ${concurrency}, success rate ${endpoints.settings.fulfillment_success_rate}, ${os.cpus().length} CPUs, API ${endpoints.api_url}`,
    );
    if (warmup > 0) {
      log(`  warm-up: ${warmup} orders (not measured; starts the functions' environments and lets V8 compile their hot paths)`);
      const warm = await postOrders({ url: endpoints.api_url, apiKey: endpoints.api_key }, warmup, concurrency, 1_000_000);
      await waitForTerminal(
        dynamo,
        endpoints.tables.orders,
        warm.results.flatMap((r) => (r.status === 201 && r.orderId ? [r.orderId] : [])),
        TERMINAL_DEADLINE_MS,
      );
    }

    log(`  measuring: ${orders} orders...`);
    const before = await busySnapshot(system);
    const load = await postOrders({ url: endpoints.api_url, apiKey: endpoints.api_key }, orders, concurrency);
    const accepted = load.results.filter((r) => r.status === 201 && r.orderId);
    const lastPostAt = Math.max(...load.results.map((r) => r.sentAt + r.latencyMs));
    const acceptedPerSecond = accepted.length / ((lastPostAt - load.startedAt) / 1000);
    const post = summarize(load.results.map((r) => r.latencyMs));
    const statuses = new Map<number, number>();
    for (const r of load.results) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);

    log(`  waiting for every accepted order to be FULFILLED or FAILED...`);
    const { terminal, pending } = await waitForTerminal(
      dynamo,
      endpoints.tables.orders,
      accepted.map((r) => r.orderId ?? ''),
      TERMINAL_DEADLINE_MS,
    );
    const toTerminal = summarize(
      accepted.flatMap((r) => {
        const done = terminal.get(r.orderId ?? '');
        return done ? [done.at - r.sentAt] : [];
      }),
    );
    const lastTerminalAt = Math.max(...[...terminal.values()].map((t) => t.at));
    const busyPerOrder = perOrder(before, await busySnapshot(system), orders);
    const fulfilled = [...terminal.values()].filter((t) => t.status === 'FULFILLED').length;

    log(`  measuring the DynamoDB ceiling: ${ceilingPuts} conditional puts...`);
    const putsPerSecond = await conditionalPutRate(dynamo, ceilingPuts, concurrency);
    const ratio = acceptedPerSecond / putsPerSecond;

    const figures = {
      orders,
      concurrency,
      accepted: accepted.length,
      statuses: Object.fromEntries(statuses),
      accepted_orders_per_s: acceptedPerSecond,
      post_latency_ms: post,
      post_to_terminal_ms: { p50: toTerminal.p50, p99: toTerminal.p99, max: toTerminal.max },
      fulfilled,
      failed: terminal.size - fulfilled,
      not_terminal: pending.length,
      last_terminal_after_last_post_ms: lastTerminalAt - lastPostAt,
      dynamodb_conditional_puts_per_s: putsPerSecond,
      ratio_orders_to_puts: ratio,
      ...(busyPerOrder && { busy_ms_per_order: busyPerOrder }),
    };
    if (values.json) {
      console.log(JSON.stringify(figures, null, 2));
    } else {
      const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');
      log('');
      log(`  accepted           ${accepted.length}/${orders} (${[...statuses].map(([s, n]) => `${n} x ${s || 'no answer'}`).join(', ')})`);
      log(
        `  accepted orders/s  ${acceptedPerSecond.toFixed(1)}   (target >= ${TARGETS.ordersPerSecond}: ${check(acceptedPerSecond >= TARGETS.ordersPerSecond)})`,
      );
      log(
        `  POST latency       p50 ${ms(post.p50)}  p95 ${ms(post.p95)}  p99 ${ms(post.p99)}  max ${ms(post.max)}   (p99 target <= ${TARGETS.postP99Ms} ms: ${check(post.p99 <= TARGETS.postP99Ms)})`,
      );
      log(
        `  POST -> terminal   p50 ${seconds(toTerminal.p50)}  p99 ${seconds(toTerminal.p99)}  max ${seconds(toTerminal.max)}; ${fulfilled} FULFILLED, ${terminal.size - fulfilled} FAILED, ${pending.length} not terminal`,
      );
      log(
        `  last terminal      ${seconds(lastTerminalAt - lastPostAt)} after the last POST   (target <= ${seconds(TARGETS.terminalAfterLastPostMs)}: ${check(pending.length === 0 && lastTerminalAt - lastPostAt <= TARGETS.terminalAfterLastPostMs)})`,
      );
      log(`  DynamoDB ceiling   ${putsPerSecond.toFixed(0)} conditional puts/s (dynalite, concurrency ${concurrency})`);
      log(`  ratio              ${ratio.toFixed(2)} accepted orders per raw put`);
      if (busyPerOrder) {
        const parts = Object.entries(busyPerOrder).filter(([name]) => name !== 'total');
        log(
          `  busy ms per order  ${(busyPerOrder['total'] ?? 0).toFixed(2)} in all (${os.cpus().length} CPUs): ${parts.map(([name, value]) => `${name} ${value.toFixed(2)}`).join(', ')}`,
        );
      }
    }
    if (pending.length > 0) process.exitCode = 1;
  } finally {
    dynamo.destroy();
    await system?.stop();
  }
}

main().catch((error: unknown) => {
  if (error instanceof StartupError) console.error(`bench: ${error.message}`);
  else console.error(`bench: ${(error as Error).stack ?? String(error)}`);
  process.exit(1);
});
