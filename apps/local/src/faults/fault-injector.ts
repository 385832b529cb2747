import { createHash } from 'node:crypto';
import { FAULT_KINDS, parseFaultPlan, seededRandom, type FaultKind, type FaultPlan } from '@dofs/local-client';

/**
 * Draws the faults of DOFS_FAULTS from one seeded generator and counts each injected one. One
 * stream for all kinds keeps a run repeatable for a given seed and order of calls (concurrency
 * makes the order, not the plan, vary between runs).
 */
export class FaultInjector {
  private readonly random: () => number;
  readonly counts: Record<FaultKind, number> = Object.fromEntries(FAULT_KINDS.map((kind) => [kind, 0])) as Record<FaultKind, number>;

  constructor(
    readonly plan: FaultPlan,
    seed: string,
  ) {
    this.random = seededRandom(createHash('sha256').update(seed).digest().readUInt32BE(0));
  }

  static from(options: { readonly faults: string; readonly faultsSeed: string }): FaultInjector {
    return new FaultInjector(parseFaultPlan(options.faults), options.faultsSeed);
  }

  get active(): boolean {
    return FAULT_KINDS.some((kind) => (this.plan[kind] ?? 0) > 0);
  }

  /** True (and counted) when this call should fail with `kind`. */
  roll(kind: FaultKind): boolean {
    const probability = this.plan[kind] ?? 0;
    if (probability <= 0 || this.random() >= probability) return false;
    this.counts[kind]++;
    return true;
  }

  /** The first of `kinds` that fires for this call, if any. */
  pick(...kinds: FaultKind[]): FaultKind | undefined {
    return kinds.find((kind) => this.roll(kind));
  }

  /** `lambda.crash 3, sqs.error 1` (kinds that fired), or `none`. */
  summary(): string {
    const fired = FAULT_KINDS.filter((kind) => this.counts[kind] > 0).map((kind) => `${kind} ${this.counts[kind]}`);
    return fired.length === 0 ? 'none' : fired.join(', ');
  }
}

/** No faults: what the runtime's own calls and the unit tests use. */
export const NO_FAULTS = new FaultInjector({}, '0');
