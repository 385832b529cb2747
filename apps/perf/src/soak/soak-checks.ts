import { DEFAULTS } from '@dofs/contracts';
import { orderIdForKey } from '@dofs/domain';
import { percentile, type LoadRun } from '@dofs/local-client';
import { unanswered, type KeyRecord } from './soak-client';

/** An orders row as the soak reads it (unmarshalled). */
export interface StoredOrder {
  readonly order_id: string;
  readonly status: string;
  readonly attempts?: number;
  readonly updated_at?: string;
  readonly fulfilled_at?: string;
  readonly failed_at?: string;
}

/** One life of the runtime: from its start to its kill or its stop, and what it printed. */
export interface SoakRun {
  readonly startedAt: number;
  endedAt?: number;
  output?: string;
}

/** What the soak saw, for the checks and the counts. */
export interface SoakEvidence {
  readonly settleMs: number;
  readonly records: readonly KeyRecord[];
  readonly orders: readonly StoredOrder[];
  /** failed_orders' order ids */
  readonly failedIds: ReadonlySet<string>;
  readonly runs: readonly SoakRun[];
  readonly load: LoadRun;
  readonly loadStarted: number;
  readonly byId: ReadonlyMap<string, StoredOrder>;
  /** order ids in 2xx answers */
  readonly accepted: ReadonlySet<string>;
}

export interface SoakCheck {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/** A check: its name, the violations it finds (none: it passes), and what it says when it passes. */
interface NamedCheck {
  readonly name: (evidence: SoakEvidence) => string;
  readonly violations: (evidence: SoakEvidence) => string[];
  readonly detail: (evidence: SoakEvidence) => string;
}

const withStatus = (evidence: SoakEvidence, status: string): StoredOrder[] => evidence.orders.filter((order) => order.status === status);

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

/** The alarm lives in the runtime: each run evaluates only the failures within its own life. */
function alarmRuns(evidence: SoakEvidence): { bad: string[]; seen: string[] } {
  const failedAt = withStatus(evidence, 'FAILED').map((order) => Date.parse(order.failed_at ?? ''));
  const periodMs = DEFAULTS.dlq_alert_period_seconds * 1000;
  const bad: string[] = [];
  const seen: string[] = [];
  evidence.runs.forEach((run, i) => {
    const inRun = failedAt.filter((at) => at >= run.startedAt && at <= (run.endedAt ?? Date.now()));
    const expected = maxInWindow(inRun, periodMs) >= DEFAULTS.dlq_alert_threshold;
    const fired = /ALERT dofs-failed-orders/.test(run.output ?? '');
    seen.push(`run ${i + 1}: ${inRun.length} failures, ${fired ? 'fired' : 'quiet'}`);
    if (expected !== fired) bad.push(`run ${i + 1}: ${expected ? 'crossed the threshold but did not fire' : 'fired below the threshold'}`);
  });
  return { bad, seen };
}

const maxReceiveCount = DEFAULTS.max_receive_count;

/** The checks of issue 11 §3, in the order the report prints them. */
export const SOAK_CHECKS: readonly NamedCheck[] = [
  {
    name: () => 'every request answered',
    violations: (e) => e.records.filter(unanswered).map((r) => `${r.key} last ${r.lastStatus}`),
    detail: (e) => `${e.records.length} keys, all answered (non-5xx)`,
  },
  {
    name: () => 'one order per key; every 201 order exists',
    violations: (e) =>
      e.records.flatMap((r) => [
        ...(r.orderIds.size > 1 ? [`${r.key} -> ${[...r.orderIds].join(',')}`] : []),
        ...[...r.orderIds].filter((id) => !e.byId.has(id)).map((id) => `${r.key}: ${id} missing`),
      ]),
    detail: (e) => `${e.accepted.size} accepted orders, each from one key, all stored`,
  },
  {
    name: (e) => `every order terminal within ${e.settleMs / 1000} s of the last POST`,
    violations: (e) =>
      withStatus(e, 'PENDING').map((o) => `${o.order_id} PENDING, ${o.attempts ?? 0} attempt(s), last written ${o.updated_at}`),
    detail: (e) => `${e.orders.filter((o) => o.status !== 'PENDING').length} of ${e.orders.length} FULFILLED or FAILED`,
  },
  {
    name: () => 'FAILED <=> one failed_orders row',
    violations: (e) => [
      ...e.orders.filter((o) => (o.status === 'FAILED') !== e.failedIds.has(o.order_id ?? '')).map((o) => `${o.order_id} ${o.status}`),
      ...[...e.failedIds].filter((id) => !e.byId.has(id)).map((id) => `${id}: row without an order`),
    ],
    detail: (e) => `${e.failedIds.size} rows for ${withStatus(e, 'FAILED').length} FAILED orders, none for FULFILLED`,
  },
  {
    name: () => `attempts <= maxReceiveCount (${maxReceiveCount})`,
    violations: (e) => e.orders.filter((o) => (o.attempts ?? 0) > maxReceiveCount).map((o) => `${o.order_id} attempts ${o.attempts}`),
    detail: (e) => `max attempts ${Math.max(0, ...e.orders.map((o) => o.attempts ?? 0))}`,
  },
  {
    name: () => 'no order that no client request created',
    violations: (e) => {
      const sentIds = new Set(e.records.map((record) => orderIdForKey(record.key)));
      return e.orders.filter((o) => !sentIds.has(o.order_id ?? '') || !e.accepted.has(o.order_id ?? '')).map((o) => `${o.order_id}`);
    },
    detail: (e) => `${e.orders.length} stored orders, all answered to a client`,
  },
  {
    name: () => `failure alarm fired iff >= ${DEFAULTS.dlq_alert_threshold} failures in ${DEFAULTS.dlq_alert_period_seconds} s`,
    violations: (e) => alarmRuns(e).bad,
    detail: (e) => alarmRuns(e).seen.join('; '),
  },
];

export function runChecks(evidence: SoakEvidence): SoakCheck[] {
  return SOAK_CHECKS.map((check) => {
    const bad = check.violations(evidence);
    return {
      name: check.name(evidence),
      ok: bad.length === 0,
      detail: bad.length === 0 ? check.detail(evidence) : `${bad.length} violation(s), e.g. ${bad.slice(0, 3).join('; ')}`,
    };
  });
}

/** The counts the report prints under the checks. */
export function soakCounts(e: SoakEvidence): Record<string, string | number> {
  const postLatencies = e.load.samples
    .filter((sample) => sample.outcome !== '0' && Number(sample.outcome) < 500)
    .map((s) => s.latencyMs)
    .sort((a, b) => a - b);
  const toTerminal = e.records
    .flatMap((record) => [...record.orderIds].map((id) => ({ record, order: e.byId.get(id) })))
    .map(({ record, order }) => Date.parse(order?.fulfilled_at ?? order?.failed_at ?? '') - record.dueAt)
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b);
  const round = (value: number | undefined): number | string => (value === undefined ? '-' : Math.round(value));
  return {
    orders: e.records.length,
    'not sent (max duration)': e.load.notSent,
    accepted: e.accepted.size,
    'retried (keys re-sent)': e.records.filter((record) => record.sends > 1).length,
    're-sends': e.records.reduce((sum, record) => sum + record.sends - 1, 0),
    'answered 4xx': e.records.filter((record) => record.lastStatus >= 400 && record.lastStatus < 500).length,
    FULFILLED: withStatus(e, 'FULFILLED').length,
    FAILED: withStatus(e, 'FAILED').length,
    kills: e.runs.length - 1,
    'POST p50 ms': round(percentile(postLatencies, 50)),
    'POST p99 ms': round(percentile(postLatencies, 99)),
    'POST->terminal p50 ms': round(percentile(toTerminal, 50)),
    'POST->terminal p99 ms': round(percentile(toTerminal, 99)),
    'duration s': Math.round((Date.now() - e.loadStarted) / 1000),
  };
}
