/**
 * `npm run bench`: drives N orders through the local pipeline, in a closed loop (--concurrency) or
 * an open loop (--rate), waits until each is FULFILLED or FAILED, measures the raw conditional-put
 * rate of the local DynamoDB as the ceiling, sweeps open-loop rates for the knee (the highest
 * whose POST p99 stays within 100 ms), prints the figures and stops. By default it starts its
 * own runtime (temporary data dir, ephemeral ports, success rate 1); --attach measures the one
 * `npm start` runs.
 *   npm run bench -- --orders 2000 (--concurrency 32 | --rate 150) [--warmup 1000] [--ceiling-puts 2000] [--attach] [--json]
 */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parseNumberText } from '@dofs/contracts';
import {
  endpointsPath,
  httpOrderSender,
  LOCAL_DEFAULTS,
  optionsFromEnv,
  readEndpointsFile,
  runLoad,
  startLocalSystem,
  summarizeLatencies,
  type Arrival,
  type LoadRun,
  type LocalEndpoints,
  type LocalSystem,
  localClientConfig,
} from '@dofs/local-client';
import { benchOrder } from './bench/bench-order';
import { conditionalPutRate } from './bench/dynamo-ceiling';
import { waitForTerminal } from './bench/terminal-watch';
import { drive } from './bench/open-loop-cost';
import { perOrderByThread, threadCpuByName } from './bench/process-usage';
import { describeSweep, findKnee, sweepRunner, type SweepPlan, type SweepResult } from './bench/sweep';
import { failureText, ToolError } from './tool-error';

const TARGETS = { ordersPerSecond: 200, postP99Ms: 100, terminalAfterLastPostMs: 10_000 };
const TERMINAL_DEADLINE_MS = 120_000;
/** issue 21: the knee should reach a quarter of what the raw DynamoDB emulator does alone */
const KNEE_RATIO_AIM = 0.25;
/** warm-up orders are numbered from here, so that they are not the measured ones */
const WARMUP_OFFSET = 1_000_000;

const USAGE = `usage: npm run bench -- [--orders N] [--concurrency C | --rate R] [--warmup W] [--ceiling-puts P] [--no-sweep | --sweep-from R --sweep-steps N --sweep-step-s S] [--attach] [--json]
  --orders N         orders measured (2000)
  --concurrency C    closed loop: requests in flight (32)
  --rate R           open loop: orders per second at fixed times; latency counts from each order's scheduled time
  --warmup W         orders sent first, not measured (1000; 0 for none)
  --ceiling-puts P   raw conditional puts for the DynamoDB ceiling (2000)
  --no-sweep         skip the sweep for the knee: the highest open-loop rate whose POST p99 stays within ${TARGETS.postP99Ms} ms
  --sweep-from R     the sweep's first rate (50 orders/s); it rises by half again per step, then bisects
  --sweep-steps N    the sweep's most steps (8), each --sweep-step-s seconds long (5)
  --attach           measure the system \`npm start\` runs instead of starting one
  --json             print the figures as JSON only`;

interface BenchArgs {
  readonly orders: number;
  readonly arrival: Arrival;
  /** for the DynamoDB ceiling: the closed loop's concurrency, 32 in an open loop */
  readonly concurrency: number;
  readonly warmup: number;
  readonly ceilingPuts: number;
  readonly attach: boolean;
  readonly json: boolean;
  readonly sweep: SweepPlan | undefined;
}

function count(value: string | undefined, name: string, fallback: number, min = 1): number {
  const n = parseNumberText(value, { min, max: Number.MAX_SAFE_INTEGER, integer: true });
  if (n === null) throw new ToolError(`--${name} must be a ${min === 0 ? 'whole number' : 'positive integer'}, not ${value}`);
  return n ?? fallback;
}

function readArgs(): BenchArgs | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        orders: { type: 'string' },
        concurrency: { type: 'string' },
        rate: { type: 'string' },
        warmup: { type: 'string' },
        'ceiling-puts': { type: 'string' },
        attach: { type: 'boolean', default: false },
        sweep: { type: 'boolean', default: true },
        'sweep-from': { type: 'string' },
        'sweep-steps': { type: 'string' },
        'sweep-step-s': { type: 'string' },
        json: { type: 'boolean', default: false },
        help: { type: 'boolean', default: false },
      },
      allowNegative: true,
    }));
  } catch (error) {
    throw new ToolError(`${(error as Error).message}\n${USAGE}`);
  }
  if (values.help) return undefined;
  const concurrency = count(values.concurrency, 'concurrency', 32);
  const rate = parseNumberText(values.rate, { min: Number.MIN_VALUE, max: 100_000 });
  if (rate === null) throw new ToolError(`--rate must be a number of orders per second above 0, not ${values.rate}`);
  if (rate !== undefined && values.concurrency !== undefined) throw new ToolError('--rate and --concurrency exclude each other');
  return {
    orders: count(values.orders, 'orders', 2000),
    arrival: rate === undefined ? { concurrency } : { ratePerSecond: rate },
    concurrency,
    // Each function environment is its own V8 isolate and compiles its hot paths over its first few
    // hundred invocations; a warm-up of a few per environment would measure the compiler, not the
    // steady state (a handler's first 500 calls cost 1.8 x its later ones).
    warmup: count(values.warmup, 'warmup', 1000, 0),
    ceilingPuts: count(values['ceiling-puts'], 'ceiling-puts', 2000),
    attach: values.attach,
    json: values.json,
    sweep: values.sweep
      ? {
          fromRate: count(values['sweep-from'], 'sweep-from', 50),
          maxSteps: count(values['sweep-steps'], 'sweep-steps', 8),
          stepSeconds: count(values['sweep-step-s'], 'sweep-step-s', 5),
          p99LimitMs: TARGETS.postP99Ms,
        }
      : undefined,
  };
}

async function attach(): Promise<LocalEndpoints> {
  const dataDir = process.env['DOFS_DATA_DIR'] ?? LOCAL_DEFAULTS.dataDir;
  const endpoints = readEndpointsFile(endpointsPath(dataDir));
  if (!endpoints)
    throw new ToolError(
      `No running DOFS found in ${path.resolve(dataDir)} (no endpoints.json): start it with \`npm start\`, or run the bench without --attach.`,
    );
  const host = new URL(endpoints.api_url).hostname;
  if (host !== '127.0.0.1' && host !== 'localhost')
    throw new ToolError(`The bench only sends traffic to this machine; ${endpoints.api_url} is not local.`);
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

/** Sends `orders` bench orders numbered from `offset` with the arrival of `args`. */
async function post(endpoints: LocalEndpoints, args: BenchArgs, orders: number, offset: number): Promise<LoadRun> {
  const sender = httpOrderSender({ url: endpoints.api_url, apiKey: endpoints.api_key }, (i) => benchOrder(offset + i));
  try {
    return await runLoad({ orders, arrival: args.arrival }, sender.send);
  } finally {
    sender.close();
  }
}

/** Every figure of one measured run, as printed with --json. */
async function measure(args: BenchArgs, endpoints: LocalEndpoints, system: LocalSystem | undefined, dynamo: DynamoDBClient, log: (line: string) => void) {
  if (args.warmup > 0) {
    log(`  warm-up: ${args.warmup} orders (not measured; starts the functions' environments and lets V8 compile their hot paths)`);
    const warm = await post(endpoints, args, args.warmup, WARMUP_OFFSET);
    await waitForTerminal(dynamo, endpoints.tables.orders, warm.samples.flatMap((s) => (s.orderId ? [s.orderId] : [])), TERMINAL_DEADLINE_MS);
  }

  log(`  measuring: ${args.orders} orders...`);
  const before = await busySnapshot(system);
  const threadsBefore = system && threadCpuByName(system.pid);
  const load = await post(endpoints, args, args.orders, 0);
  const accepted = load.samples.filter((s) => s.outcome === '201' && s.orderId);
  const lastPostAt = Math.max(...load.samples.map((s) => s.dueAt + s.latencyMs));
  const post_latency = summarizeLatencies(load.samples.map((s) => s.latencyMs));
  const statuses: Record<string, number> = {};
  for (const s of load.samples) statuses[s.outcome] = (statuses[s.outcome] ?? 0) + 1;

  log(`  waiting for every accepted order to be FULFILLED or FAILED...`);
  const { terminal, pending } = await waitForTerminal(dynamo, endpoints.tables.orders, accepted.map((s) => s.orderId ?? ''), TERMINAL_DEADLINE_MS);
  const toTerminal = summarizeLatencies(
    accepted.flatMap((s) => {
      const done = terminal.get(s.orderId ?? '');
      return done ? [done.at - s.dueAt] : [];
    }),
  );
  const lastTerminalAt = Math.max(...[...terminal.values()].map((t) => t.at));
  const busyPerOrder = perOrder(before, await busySnapshot(system), args.orders);
  const cpuPerOrder = system && threadsBefore && perOrderByThread(threadsBefore, threadCpuByName(system.pid), args.orders);
  const fulfilled = [...terminal.values()].filter((t) => t.status === 'FULFILLED').length;

  log(`  measuring the DynamoDB ceiling: ${args.ceilingPuts} conditional puts...`);
  const putsPerSecond = await conditionalPutRate(dynamo, args.ceilingPuts, args.concurrency);
  const acceptedPerSecond = accepted.length / ((lastPostAt - load.startedAt) / 1000);
  return {
    orders: args.orders,
    ...('concurrency' in args.arrival ? { concurrency: args.arrival.concurrency } : { rate_per_s: args.arrival.ratePerSecond }),
    accepted: accepted.length,
    statuses,
    accepted_orders_per_s: acceptedPerSecond,
    post_latency_ms: { p50: post_latency.p50, p95: post_latency.p95, p99: post_latency.p99, max: post_latency.max },
    post_to_terminal_ms: { p50: toTerminal.p50, p99: toTerminal.p99, max: toTerminal.max },
    fulfilled,
    failed: terminal.size - fulfilled,
    not_terminal: pending.length,
    last_terminal_after_last_post_ms: lastTerminalAt - lastPostAt,
    dynamodb_conditional_puts_per_s: putsPerSecond,
    ratio_orders_to_puts: acceptedPerSecond / putsPerSecond,
    ...(busyPerOrder && { busy_ms_per_order: busyPerOrder }),
    ...(cpuPerOrder && { cpu_ms_per_order_by_thread: cpuPerOrder }),
  };
}

/**
 * The knee of this machine, from the same run: the highest open-loop rate whose POST p99 stays
 * within the target, and that rate over the raw conditional-put rate measured above, a ratio that
 * holds across machines where the rates themselves do not.
 */
async function sweep(plan: SweepPlan, endpoints: LocalEndpoints, dynamo: DynamoDBClient, putsPerSecond: number, log: (line: string) => void) {
  log(`  sweeping for the knee: open-loop steps of ${plan.stepSeconds} s from ${plan.fromRate} orders/s...`);
  const result: SweepResult = await findKnee(sweepRunner((rate, orders, offset) => drive(endpoints, dynamo, rate, orders, offset)), plan);
  return { sweep: result, knee_per_s: result.kneePerSecond ?? null, knee_ratio_to_puts: result.kneePerSecond === undefined ? null : result.kneePerSecond / putsPerSecond };
}

type Figures = Awaited<ReturnType<typeof measure>> & Partial<Awaited<ReturnType<typeof sweep>>>;

const ms = (value: number | undefined): string => (value === undefined ? '-' : `${value.toFixed(1)} ms`);
const seconds = (value: number | undefined): string => (value === undefined ? '-' : `${(value / 1000).toFixed(2)} s`);
const check = (ok: boolean): string => (ok ? 'met' : 'MISSED');

function printFigures(f: Figures, log: (line: string) => void): void {
  const post = f.post_latency_ms;
  const toTerminal = f.post_to_terminal_ms;
  const p99 = post.p99 ?? Number.POSITIVE_INFINITY;
  log('');
  log(`  accepted           ${f.accepted}/${f.orders} (${Object.entries(f.statuses).map(([s, n]) => `${n} x ${s === '0' ? 'no answer' : s}`).join(', ')})`);
  // an open loop sends at the rate asked for, so its throughput says nothing about the target
  const throughputTarget =
    'rate_per_s' in f
      ? `offered ${f.rate_per_s}/s: the ${TARGETS.ordersPerSecond}/s target is measured in the closed loop`
      : `target >= ${TARGETS.ordersPerSecond}: ${check(f.accepted_orders_per_s >= TARGETS.ordersPerSecond)}`;
  log(`  accepted orders/s  ${f.accepted_orders_per_s.toFixed(1)}   (${throughputTarget})`);
  log(`  POST latency       p50 ${ms(post.p50)}  p95 ${ms(post.p95)}  p99 ${ms(post.p99)}  max ${ms(post.max)}   (p99 target <= ${TARGETS.postP99Ms} ms: ${check(p99 <= TARGETS.postP99Ms)})`);
  log(
    `  POST -> terminal   p50 ${seconds(toTerminal.p50)}  p99 ${seconds(toTerminal.p99)}  max ${seconds(toTerminal.max)}; ${f.fulfilled} FULFILLED, ${f.failed} FAILED, ${f.not_terminal} not terminal`,
  );
  const afterLast = f.last_terminal_after_last_post_ms;
  log(
    `  last terminal      ${seconds(afterLast)} after the last POST   (target <= ${seconds(TARGETS.terminalAfterLastPostMs)}: ${check(f.not_terminal === 0 && afterLast <= TARGETS.terminalAfterLastPostMs)})`,
  );
  log(`  DynamoDB ceiling   ${f.dynamodb_conditional_puts_per_s.toFixed(0)} conditional puts/s (dynalite)`);
  log(`  ratio              ${f.ratio_orders_to_puts.toFixed(2)} accepted orders per raw put`);
  if (f.sweep) {
    log(`  knee               ${describeSweep(f.sweep, TARGETS.postP99Ms)}`);
    const ratio = f.knee_ratio_to_puts;
    log(`  knee ratio         ${ratio == null ? '-' : ratio.toFixed(2)} (the knee over the raw conditional-put rate; aim >= ${KNEE_RATIO_AIM})`);
  }
  const busy = f.busy_ms_per_order;
  if (busy) {
    const parts = Object.entries(busy).filter(([name]) => name !== 'total');
    log(
      `  busy ms per order  ${(busy['total'] ?? 0).toFixed(2)} in all (${os.cpus().length} CPUs): ${parts.map(([name, value]) => `${name} ${value.toFixed(2)}`).join(', ')}`,
    );
  }
  const cpu = f.cpu_ms_per_order_by_thread;
  if (cpu) {
    const total = Object.values(cpu).reduce((sum, ms) => sum + ms, 0);
    log(`  CPU ms per order   ${total.toFixed(2)} in the runtime process (/proc, by thread): ${Object.entries(cpu).map(([name, ms]) => `${name} ${ms.toFixed(2)}`).join(', ')}`);
  }
}

async function main(): Promise<void> {
  const args = readArgs();
  if (!args) return console.log(USAGE);
  const log = (line: string): void => {
    if (!args.json) console.log(line);
  };
  // the targets are stated for success rate 1; other DOFS_* settings apply as for `npm start`
  const system = args.attach
    ? undefined
    : // without the console: it would add its own work (log lines sent from every function) to the figures
      await startLocalSystem({ ...optionsFromEnv(process.env, { ...LOCAL_DEFAULTS, successRate: 1 }), port: 0, quiet: true, console: false, dataDir: undefined });
  const endpoints = system?.endpoints ?? (await attach());
  const dynamo = new DynamoDBClient(localClientConfig(endpoints, 'dynamodb'));
  try {
    const loop = 'concurrency' in args.arrival ? `at concurrency ${args.arrival.concurrency}` : `open loop at ${args.arrival.ratePerSecond} orders/s`;
    log(
      `DOFS local benchmark: ${args.orders} orders ${loop}, success rate ${endpoints.settings.fulfillment_success_rate}, ${os.cpus().length} CPUs, API ${endpoints.api_url}`,
    );
    const measured = await measure(args, endpoints, system, dynamo, log);
    const figures = { ...measured, ...(args.sweep && (await sweep(args.sweep, endpoints, dynamo, measured.dynamodb_conditional_puts_per_s, log))) };
    if (args.json) console.log(JSON.stringify(figures, null, 2));
    else printFigures(figures, log);
    if (figures.not_terminal > 0) process.exitCode = 1;
  } finally {
    dynamo.destroy();
    await system?.stop();
  }
}

main().catch((error: unknown) => {
  console.error(`bench: ${failureText(error)}`);
  process.exit(1);
});
