import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { httpOrderSender, LOCAL_DEFAULTS, localClientConfig, runLoad, startLocalSystem, summarizeLatencies, type LocalEndpoints, type LocalSystemOptions } from '@dofs/local-client';
import { benchOrder } from './bench-order';
import { perOrderByThread, processUsage, threadCpuByName } from './process-usage';
import { waitForTerminal } from './terminal-watch';

const TERMINAL_DEADLINE_MS = 120_000;
/** warm-up orders are numbered from here, so that they are not the measured ones */
const WARMUP_OFFSET = 1_000_000;

export interface CostPlan {
  /** open-loop orders per second */
  readonly rate: number;
  readonly orders: number;
  /** orders sent first at the same rate, not measured */
  readonly warmup: number;
}

/** One run's cost: what the runtime process spent per order, and how the API answered meanwhile. */
export interface CostRun {
  readonly cpuMsPerOrder: number;
  /** the same by thread name (process-usage.ts): MainThread, dynalite, each function, V8Worker, libuv-worker */
  readonly cpuMsPerOrderByThread: Record<string, number>;
  readonly postP99Ms: number;
  readonly achievedPerSecond: number;
  readonly peakRssMb: number;
  readonly accepted: number;
  readonly orders: number;
}

/** Sends `orders` bench orders (numbered from `offset`) at `rate` per second and waits until every accepted one is terminal. */
export async function drive(endpoints: LocalEndpoints, dynamo: DynamoDBClient, rate: number, orders: number, offset: number) {
  const sender = httpOrderSender({ url: endpoints.api_url, apiKey: endpoints.api_key }, (i) => benchOrder(offset + i));
  const load = await runLoad({ orders, arrival: { ratePerSecond: rate } }, sender.send).finally(() => sender.close());
  const accepted = load.samples.flatMap((s) => (s.outcome === '201' && s.orderId ? [s.orderId] : []));
  const { pending } = await waitForTerminal(dynamo, endpoints.tables.orders, accepted, TERMINAL_DEADLINE_MS, 100);
  if (pending.length > 0) throw new Error(`${pending.length} orders were not FULFILLED or FAILED within ${TERMINAL_DEADLINE_MS / 1000} s`);
  return { load, accepted: accepted.length };
}

/**
 * Starts the runtime of the workspace at `root` as `npm start` would (success rate 1, console
 * off, quiet, its own data dir and ports), warms it up, then sends the plan's orders in an open
 * loop and reads the process's CPU time and peak memory from /proc before and after (the wait until
 * every order is terminal included, so fulfillment is counted).
 */
export async function measureCost(root: string, plan: CostPlan, settings: Partial<LocalSystemOptions> = {}): Promise<CostRun> {
  const system = await startLocalSystem(
    { ...LOCAL_DEFAULTS, successRate: 1, ...settings, port: 0, quiet: true, console: false, dataDir: undefined },
    { workspaceRoot: root },
  );
  const dynamo = new DynamoDBClient(localClientConfig(system.endpoints, 'dynamodb'));
  try {
    if (plan.warmup > 0) await drive(system.endpoints, dynamo, plan.rate, plan.warmup, WARMUP_OFFSET);
    const [before, threadsBefore] = [processUsage(system.pid), threadCpuByName(system.pid)];
    const { load, accepted } = await drive(system.endpoints, dynamo, plan.rate, plan.orders, 0);
    const [after, threadsAfter] = [processUsage(system.pid), threadCpuByName(system.pid)];
    const lastAnswerAt = Math.max(...load.samples.map((s) => s.dueAt + s.latencyMs));
    return {
      cpuMsPerOrder: (after.cpuMs - before.cpuMs) / plan.orders,
      cpuMsPerOrderByThread: perOrderByThread(threadsBefore, threadsAfter, plan.orders),
      postP99Ms: summarizeLatencies(load.samples.map((s) => s.latencyMs)).p99 ?? Number.NaN,
      achievedPerSecond: accepted / ((lastAnswerAt - load.startedAt) / 1000),
      peakRssMb: after.peakRssMb,
      accepted,
      orders: plan.orders,
    };
  } finally {
    dynamo.destroy();
    await system.stop();
  }
}
