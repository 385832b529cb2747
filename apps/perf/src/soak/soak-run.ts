import { Agent, request } from 'node:http';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import path from 'node:path';
import { DynamoDBClient, ScanCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { DEFAULTS, TABLES } from '@dofs/contracts';
import { orderIdForKey } from '@dofs/domain';
import {
  DEFAULT_FAULT_PLAN_TEXT,
  FAULT_KINDS,
  killLocalSystem,
  localClientConfig,
  percentile,
  runLoad,
  seededRandom,
  startLocalSystem,
  type LocalSystem,
} from '@dofs/local-client';
import { benchOrder } from '../bench/bench-order';

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

/** One client request (an Idempotency-Key with its body), and every answer it got. */
interface KeyRecord {
  readonly key: string;
  readonly body: string;
  /** epoch ms the first send was due */
  dueAt: number;
  /** the last answer's status; 0 when nothing came back */
  lastStatus: number;
  sends: number;
  /** order ids in 2xx answers */
  readonly orderIds: Set<string>;
  created: boolean;
}

export interface SoakCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

export interface SoakReport {
  readonly plan: SoakPlan;
  readonly checks: readonly SoakCheck[];
  readonly counts: Readonly<Record<string, string | number>>;
  readonly faults: Readonly<Record<string, number>>;
  readonly ok: boolean;
  /** kept when a check failed: the tables, the queue journal, and each run's output (run-N.log) */
  readonly dataDir?: string;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

function post(agent: Agent, apiUrl: string, apiKey: string, record: KeyRecord): Promise<Answer> {
  return new Promise((resolve) => {
    const outgoing = request(
      new URL(`${apiUrl}/order`),
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(record.body),
          'x-api-key': apiKey,
          'idempotency-key': record.key,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    outgoing.setTimeout(60_000, () => outgoing.destroy());
    outgoing.on('error', () => resolve({ status: 0, body: '' }));
    outgoing.end(record.body);
  });
}

const unanswered = (record: KeyRecord): boolean => record.lastStatus === 0 || record.lastStatus >= 500;

async function scanAll(client: DynamoDBClient, table: string): Promise<Record<string, AttributeValue>[]> {
  const items: Record<string, AttributeValue>[] = [];
  let start: Record<string, AttributeValue> | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: table, ExclusiveStartKey: start, ConsistentRead: true }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/** Most failures within any window of `periodMs` (sliding, as the local alarm evaluates). */
function maxInWindow(times: readonly number[], periodMs: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let first = 0;
  for (let last = 0; last < sorted.length; last++) {
    while ((sorted[last] ?? 0) - (sorted[first] ?? 0) >= periodMs) first++;
    best = Math.max(best, last - first + 1);
  }
  return best;
}

/**
 * The soak (issue 11 §3): open-loop orders with the fault plan on and `kills` SIGKILLs of the
 * runtime, each followed by a restart on the same data dir; the client re-sends every request that
 * got no answer or a 5xx with the same Idempotency-Key and body until answered; then the checks.
 */
export async function runSoak(plan: SoakPlan, log: (line: string) => void = () => undefined): Promise<SoakReport> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'dofs-soak-'));
  const random = seededRandom(plan.seed);
  const settings = {
    dataDir,
    faults: plan.faults,
    faultsSeed: String(plan.seed),
    ...(plan.lambdaConcurrency !== undefined && { lambdaConcurrency: plan.lambdaConcurrency }),
  };
  const agent = new Agent({ keepAlive: true, maxSockets: 256 });
  const records: KeyRecord[] = [];
  const runs: { system: LocalSystem; startedAt: number; endedAt?: number; output?: string }[] = [];
  const faults: Record<string, number> = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0]));
  let system = await startLocalSystem(settings);
  runs.push({ system, startedAt: Date.now() });
  const addFaults = async (from: LocalSystem): Promise<void> => {
    const stats = await from.stats().catch(() => undefined);
    for (const [kind, count] of Object.entries(stats?.faults ?? {})) faults[kind] = (faults[kind] ?? 0) + count;
  };
  // faults counted up to a kill are read just before it (a killed runtime cannot be asked)
  // while the runtime is down a send fails at once (connection refused) and is re-sent after the restart
  const send = async (record: KeyRecord): Promise<void> => {
    record.sends++;
    const answer = await post(agent, system.apiUrl, system.apiKey, record);
    record.lastStatus = answer.status;
    if (answer.status >= 200 && answer.status < 300) {
      const orderId = (JSON.parse(answer.body) as { order_id?: string }).order_id;
      if (orderId) record.orderIds.add(orderId);
      if (answer.status === 201) record.created = true;
    }
  };
  const resendUnanswered = async (): Promise<void> => {
    await Promise.all(records.filter(unanswered).map((record) => send(record)));
  };

  const loadMs = Math.min(plan.maxDurationMs, (plan.orders / plan.ratePerSecond) * 1000);
  const killAt = Array.from({ length: plan.kills }, () => loadMs * (0.1 + 0.8 * random())).sort((a, b) => a - b);
  const loadStarted = Date.now();
  const kills = (async () => {
    for (const at of killAt) {
      await sleep(Math.max(0, loadStarted + at - Date.now()));
      await addFaults(system);
      const killed = runs[runs.length - 1];
      await killLocalSystem(system);
      if (killed) Object.assign(killed, { endedAt: Date.now(), output: system.output() });
      log(`kill ${runs.length} of ${plan.kills} at ${((Date.now() - loadStarted) / 1000).toFixed(1)} s; restarting on the same data dir`);
      system = await startLocalSystem(settings);
      runs.push({ system, startedAt: Date.now() });
      void resendUnanswered();
    }
  })();

  const run = await runLoad({ orders: plan.orders, arrival: { ratePerSecond: plan.ratePerSecond }, maxDurationMs: plan.maxDurationMs }, async (index) => {
    const key = `soak-${plan.seed}-${index}`;
    const record: KeyRecord = { key, body: JSON.stringify(benchOrder(index)), dueAt: Date.now(), lastStatus: 0, sends: 0, orderIds: new Set(), created: false };
    records.push(record);
    await send(record);
    return { outcome: String(record.lastStatus) };
  }, (done, _outcomes, elapsedMs) => {
    if (done % 1000 === 0) log(`${done} orders sent in ${(elapsedMs / 1000).toFixed(0)} s`);
  });
  await kills;
  // re-send until every request is answered (bounded: a runtime that never answers fails the check)
  const resendDeadline = Date.now() + plan.settleMs;
  while (records.some(unanswered) && Date.now() < resendDeadline) {
    await resendUnanswered();
    if (records.some(unanswered)) await sleep(1000);
  }
  const lastPostAt = Date.now();
  log(`every request answered at ${((lastPostAt - loadStarted) / 1000).toFixed(1)} s (${records.filter(unanswered).length} still unanswered)`);
  const dynamo = new DynamoDBClient(localClientConfig(system.endpoints, 'dynamodb'));
  const accepted = new Set(records.flatMap((record) => [...record.orderIds]));
  // wait for every order the table holds to be terminal, up to settleMs after the last POST
  let orders: Record<string, AttributeValue>[] = [];
  while (true) {
    orders = await scanAll(dynamo, TABLES.orders.name);
    const open = orders.filter((item) => item['status']?.S === 'PENDING').length;
    if (open === 0 || Date.now() - lastPostAt > plan.settleMs) break;
    await sleep(1000);
  }
  log(`orders terminal at ${((Date.now() - loadStarted) / 1000).toFixed(1)} s`);
  const failedRows = await scanAll(dynamo, TABLES.failed_orders.name);
  dynamo.destroy();
  await addFaults(system);
  await system.stop();
  const last = runs[runs.length - 1];
  if (last) Object.assign(last, { endedAt: Date.now(), output: system.output() });
  agent.destroy();

  // ---- checks
  const checks: SoakCheck[] = [];
  const check = (name: string, bad: string[], detail: string): void => {
    checks.push({
      name,
      ok: bad.length === 0,
      detail: bad.length === 0 ? detail : `${bad.length} violation(s), e.g. ${bad.slice(0, 3).join('; ')}`,
    });
  };
  const byId = new Map(orders.map((item) => [item['order_id']?.S ?? '', item]));
  const sentIds = new Set(records.map((record) => orderIdForKey(record.key)));
  check('every request answered', records.filter(unanswered).map((r) => `${r.key} last ${r.lastStatus}`), `${records.length} keys, all answered (non-5xx)`);
  check(
    'one order per key; every 201 order exists',
    records.flatMap((r) => [
      ...(r.orderIds.size > 1 ? [`${r.key} -> ${[...r.orderIds].join(',')}`] : []),
      ...[...r.orderIds].filter((id) => !byId.has(id)).map((id) => `${r.key}: ${id} missing`),
    ]),
    `${accepted.size} accepted orders, each from one key, all stored`,
  );
  const terminal = orders.filter((item) => item['status']?.S !== 'PENDING');
  check(
    `every order terminal within ${plan.settleMs / 1000} s of the last POST`,
    orders
      .filter((item) => item['status']?.S === 'PENDING')
      .map((item) => `${item['order_id']?.S} PENDING, ${item['attempts']?.N ?? 0} attempt(s), last written ${item['updated_at']?.S}`),
    `${terminal.length} of ${orders.length} FULFILLED or FAILED`,
  );
  const failedIds = new Set(failedRows.map((row) => row['order_id']?.S ?? ''));
  check(
    'FAILED <=> one failed_orders row',
    [
      ...orders.filter((item) => (item['status']?.S === 'FAILED') !== failedIds.has(item['order_id']?.S ?? '')).map((item) => `${item['order_id']?.S} ${item['status']?.S}`),
      ...[...failedIds].filter((id) => !byId.has(id)).map((id) => `${id}: row without an order`),
    ],
    `${failedIds.size} rows for ${orders.filter((item) => item['status']?.S === 'FAILED').length} FAILED orders, none for FULFILLED`,
  );
  const maxReceiveCount = DEFAULTS.max_receive_count;
  check(
    `attempts <= maxReceiveCount (${maxReceiveCount})`,
    orders.filter((item) => Number(item['attempts']?.N ?? 0) > maxReceiveCount).map((item) => `${item['order_id']?.S} attempts ${item['attempts']?.N}`),
    `max attempts ${Math.max(0, ...orders.map((item) => Number(item['attempts']?.N ?? 0)))}`,
  );
  check(
    'no order that no client request created',
    orders.filter((item) => !sentIds.has(item['order_id']?.S ?? '') || !accepted.has(item['order_id']?.S ?? '')).map((item) => `${item['order_id']?.S}`),
    `${orders.length} stored orders, all answered to a client`,
  );
  // the alarm lives in the runtime: each run evaluates only the failures within its own life
  const failedAt = orders.filter((item) => item['status']?.S === 'FAILED').map((item) => Date.parse(item['failed_at']?.S ?? ''));
  const periodMs = DEFAULTS.dlq_alert_period_seconds * 1000;
  const alarmBad: string[] = [];
  const alarmSeen: string[] = [];
  runs.forEach((entry, i) => {
    const inRun = failedAt.filter((at) => at >= entry.startedAt && at <= (entry.endedAt ?? Date.now()));
    const expected = maxInWindow(inRun, periodMs) >= DEFAULTS.dlq_alert_threshold;
    const fired = /ALERT dofs-failed-orders/.test(entry.output ?? '');
    alarmSeen.push(`run ${i + 1}: ${inRun.length} failures, ${fired ? 'fired' : 'quiet'}`);
    if (expected !== fired) alarmBad.push(`run ${i + 1}: ${expected ? 'crossed the threshold but did not fire' : 'fired below the threshold'}`);
  });
  check(`failure alarm fired iff >= ${DEFAULTS.dlq_alert_threshold} failures in ${DEFAULTS.dlq_alert_period_seconds} s`, alarmBad, alarmSeen.join('; '));

  // ---- counts
  const postLatencies = run.samples.filter((sample) => sample.outcome !== '0' && Number(sample.outcome) < 500).map((s) => s.latencyMs).sort((a, b) => a - b);
  const toTerminal = records
    .flatMap((record) => [...record.orderIds].map((id) => ({ record, item: byId.get(id) })))
    .map(({ record, item }) => Date.parse(item?.['fulfilled_at']?.S ?? item?.['failed_at']?.S ?? '') - record.dueAt)
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b);
  const round = (value: number | undefined): number | string => (value === undefined ? '-' : Math.round(value));
  const counts = {
    orders: records.length,
    'not sent (max duration)': run.notSent,
    accepted: accepted.size,
    'retried (keys re-sent)': records.filter((record) => record.sends > 1).length,
    're-sends': records.reduce((sum, record) => sum + record.sends - 1, 0),
    'answered 4xx': records.filter((record) => record.lastStatus >= 400 && record.lastStatus < 500).length,
    FULFILLED: orders.filter((item) => item['status']?.S === 'FULFILLED').length,
    FAILED: orders.filter((item) => item['status']?.S === 'FAILED').length,
    kills: runs.length - 1,
    'POST p50 ms': round(percentile(postLatencies, 50)),
    'POST p99 ms': round(percentile(postLatencies, 99)),
    'POST->terminal p50 ms': round(percentile(toTerminal, 50)),
    'POST->terminal p99 ms': round(percentile(toTerminal, 99)),
    'duration s': Math.round((Date.now() - loadStarted) / 1000),
  };
  const ok = checks.every((c) => c.ok);
  if (ok) {
    await rm(dataDir, { recursive: true, force: true });
    return { plan, checks, counts, faults, ok };
  }
  await Promise.all(runs.map((entry, i) => writeFile(path.join(dataDir, `run-${i + 1}.log`), entry.output ?? '')));
  return { plan, checks, counts, faults, ok, dataDir };
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
