import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { unmarshall } from '@aws-sdk/util-dynamodb';
import { TABLES } from '@dofs/contracts';
import {
  DEFAULT_FAULT_PLAN_TEXT,
  FAULT_KINDS,
  killLocalSystem,
  localClientConfig,
  runLoad,
  seededRandom,
  startLocalSystem,
  type LoadRun,
  type LocalSystemOptions,
  type LocalSystem,
} from '@dofs/local-client';
import { benchOrder } from '../bench/bench-order';
import { SoakClient, unanswered } from './soak-client';
import { runChecks, soakCounts, type SoakCheck, type SoakEvidence, type SoakRun, type StoredOrder } from './soak-checks';

export type { SoakCheck } from './soak-checks';

export interface SoakPlan {
  readonly orders: number;
  readonly ratePerSecond: number;
  /** SIGKILLs of the whole runtime at random moments of the load, each followed by a restart */
  readonly kills: number;
  /** DOFS_FAULTS for the runtime */
  readonly faults: string;
  readonly seed: number;
  /** no order is sent after this long */
  readonly maxDurationMs: number;
  /** every order must be FULFILLED or FAILED this long after the last POST */
  readonly settleMs: number;
  readonly lambdaConcurrency?: number;
}

export const DEFAULT_SOAK_PLAN: SoakPlan = {
  orders: 10_000,
  ratePerSecond: 50,
  kills: 3,
  faults: DEFAULT_FAULT_PLAN_TEXT,
  seed: 11,
  maxDurationMs: 15 * 60_000,
  settleMs: 180_000,
};

export interface SoakReport {
  readonly plan: SoakPlan;
  readonly checks: readonly SoakCheck[];
  readonly counts: Readonly<Record<string, string | number>>;
  readonly faults: Readonly<Record<string, number>>;
  readonly ok: boolean;
  /** kept when a check failed: the tables, the queue journal, and each run's output (run-N.log) */
  readonly dataDir?: string;
}

async function scanAll<T>(client: DynamoDBClient, table: string): Promise<T[]> {
  const items: T[] = [];
  for await (const page of paginateScan({ client }, { TableName: table, ConsistentRead: true })) {
    items.push(...(page.Items ?? []).map((item) => unmarshall(item) as T));
  }
  return items;
}

/**
 * One soak: the runtime's lives (each started on the same data dir), the client, and the faults
 * counted in each life. Its methods are the soak's phases, in the order runSoak calls them.
 */
class SoakSession {
  readonly runs: (SoakRun & { readonly system: LocalSystem })[] = [];
  readonly faults: Record<string, number> = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0]));
  readonly client = new SoakClient(() => this.system);
  loadStarted = Date.now();

  private constructor(
    readonly plan: SoakPlan,
    readonly dataDir: string,
    private readonly settings: Partial<LocalSystemOptions>,
    private readonly log: (line: string) => void,
  ) {}

  static async start(plan: SoakPlan, log: (line: string) => void): Promise<SoakSession> {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dofs-soak-'));
    const settings = {
      dataDir,
      faults: plan.faults,
      faultsSeed: String(plan.seed),
      ...(plan.lambdaConcurrency !== undefined && { lambdaConcurrency: plan.lambdaConcurrency }),
    };
    const session = new SoakSession(plan, dataDir, settings, log);
    session.runs.push({ system: await startLocalSystem(settings), startedAt: Date.now() });
    return session;
  }

  get system(): LocalSystem {
    const run = this.runs[this.runs.length - 1];
    if (!run) throw new Error('the soak has no runtime');
    return run.system;
  }

  /** The open-loop load, with the kills at random moments of it. */
  async sendLoad(): Promise<LoadRun> {
    const { plan } = this;
    const random = seededRandom(plan.seed);
    const loadMs = Math.min(plan.maxDurationMs, (plan.orders / plan.ratePerSecond) * 1000);
    const killAt = Array.from({ length: plan.kills }, () => loadMs * (0.1 + 0.8 * random())).sort((a, b) => a - b);
    this.loadStarted = Date.now();
    const kills = this.killAt(killAt);
    const load = await runLoad(
      { orders: plan.orders, arrival: { ratePerSecond: plan.ratePerSecond }, maxDurationMs: plan.maxDurationMs },
      async (index) => {
        const record = await this.client.sendNew(`soak-${plan.seed}-${index}`, JSON.stringify(benchOrder(index)));
        return { outcome: String(record.lastStatus) };
      },
      (done, _outcomes, elapsedMs) => {
        if (done % 1000 === 0) this.log(`${done} orders sent in ${(elapsedMs / 1000).toFixed(0)} s`);
      },
    );
    await kills;
    return load;
  }

  /** SIGKILLs the runtime at each moment (ms after the load started) and restarts it on the same data dir. */
  private async killAt(moments: readonly number[]): Promise<void> {
    for (const at of moments) {
      await sleep(Math.max(0, this.loadStarted + at - Date.now()));
      // faults counted up to a kill are read just before it (a killed runtime cannot be asked)
      await this.addFaults();
      const killed = this.system;
      await killLocalSystem(killed);
      this.endRun(killed);
      this.log(`kill ${this.runs.length} of ${this.plan.kills} at ${((Date.now() - this.loadStarted) / 1000).toFixed(1)} s; restarting on the same data dir`);
      this.runs.push({ system: await startLocalSystem(this.settings), startedAt: Date.now() });
      void this.client.resendUnanswered();
    }
  }

  /** Re-sends until every request is answered (bounded: a runtime that never answers fails the check); returns when. */
  async resendUntilAnswered(): Promise<number> {
    const { records } = this.client;
    const deadline = Date.now() + this.plan.settleMs;
    while (records.some(unanswered) && Date.now() < deadline) {
      await this.client.resendUnanswered();
      if (records.some(unanswered)) await sleep(1000);
    }
    const lastPostAt = Date.now();
    this.log(`every request answered at ${((lastPostAt - this.loadStarted) / 1000).toFixed(1)} s (${records.filter(unanswered).length} still unanswered)`);
    return lastPostAt;
  }

  /** Waits for every order the table holds to be terminal, up to settleMs after the last POST; then reads the tables. */
  async readTables(lastPostAt: number): Promise<{ orders: StoredOrder[]; failedIds: Set<string> }> {
    const dynamo = new DynamoDBClient(localClientConfig(this.system.endpoints, 'dynamodb'));
    let orders: StoredOrder[] = [];
    while (true) {
      orders = await scanAll<StoredOrder>(dynamo, TABLES.orders.name);
      const open = orders.filter((order) => order.status === 'PENDING').length;
      if (open === 0 || Date.now() - lastPostAt > this.plan.settleMs) break;
      await sleep(1000);
    }
    this.log(`orders terminal at ${((Date.now() - this.loadStarted) / 1000).toFixed(1)} s`);
    const failedRows = await scanAll<{ order_id?: string }>(dynamo, TABLES.failed_orders.name);
    dynamo.destroy();
    return { orders, failedIds: new Set(failedRows.map((row) => row.order_id ?? '')) };
  }

  async stop(): Promise<void> {
    await this.addFaults();
    await this.system.stop();
    this.endRun(this.system);
    this.client.close();
  }

  /** Cleans up after a pass; keeps the data dir and each run's output after a failure. */
  async finish(checks: SoakCheck[], counts: Record<string, string | number>): Promise<SoakReport> {
    const { plan, faults, dataDir } = this;
    const ok = checks.every((c) => c.ok);
    if (ok) {
      await rm(dataDir, { recursive: true, force: true });
      return { plan, checks, counts, faults, ok };
    }
    await Promise.all(this.runs.map((run, i) => writeFile(path.join(dataDir, `run-${i + 1}.log`), run.output ?? '')));
    return { plan, checks, counts, faults, ok, dataDir };
  }

  private async addFaults(): Promise<void> {
    const stats = await this.system.stats().catch(() => undefined);
    for (const [kind, count] of Object.entries(stats?.faults ?? {})) this.faults[kind] = (this.faults[kind] ?? 0) + count;
  }

  private endRun(system: LocalSystem): void {
    const run = this.runs.find((candidate) => candidate.system === system);
    if (run) Object.assign(run, { endedAt: Date.now(), output: system.output() });
  }
}

/**
 * The soak (issue 11 §3): open-loop orders with the fault plan on and `kills` SIGKILLs of the
 * runtime, each followed by a restart on the same data dir; the client re-sends every request that
 * got no answer or a 5xx with the same Idempotency-Key and body until answered; then the checks.
 */
export async function runSoak(plan: SoakPlan, log: (line: string) => void = () => undefined): Promise<SoakReport> {
  const session = await SoakSession.start(plan, log);
  const load = await session.sendLoad();
  const lastPostAt = await session.resendUntilAnswered();
  const { orders, failedIds } = await session.readTables(lastPostAt);
  await session.stop();
  const records = session.client.records;
  const evidence: SoakEvidence = {
    settleMs: plan.settleMs,
    records,
    orders,
    failedIds,
    runs: session.runs,
    load,
    loadStarted: session.loadStarted,
    byId: new Map(orders.map((order) => [order.order_id ?? '', order])),
    accepted: new Set(records.flatMap((record) => [...record.orderIds])),
  };
  return session.finish(runChecks(evidence), soakCounts(evidence));
}

/** The report as the table `npm run soak` prints. */
export function formatSoakReport(report: SoakReport): string {
  const { plan } = report;
  const lines = [
    `soak: ${plan.orders} orders at ${plan.ratePerSecond}/s, ${plan.kills} kill(s), faults ${plan.faults} (seed ${plan.seed})`,
    '',
    'check                                                      result',
    ...report.checks.map((c) => `  ${c.name.padEnd(56)} ${c.ok ? 'ok  ' : 'FAIL'}  ${c.detail}`),
    '',
    'count',
    ...Object.entries(report.counts).map(([name, value]) => `  ${name.padEnd(28)} ${value}`),
    '',
    'faults injected',
    ...Object.entries(report.faults).map(([kind, count]) => `  ${kind.padEnd(28)} ${count}`),
    '',
    report.ok ? 'soak: every check passed' : `soak: ${report.checks.filter((c) => !c.ok).length} check(s) FAILED`,
    ...(report.dataDir ? [`soak: data dir kept for inspection: ${report.dataDir} (each run's output in run-N.log)`] : []),
  ];
  return lines.join('\n');
}
