/**
 * API Gateway usage plans, locally: each client's key is bound to a plan with a steady rate
 * (requests per second), a burst (the token bucket's size) and a quota of requests per day.
 * API Gateway applies the same three limits per key (plus the stage's own throttle, which the
 * local gateway does not have).
 */
export interface UsagePlan {
  /** tokens added per second */
  readonly rateLimit: number;
  /** the bucket's size: requests that may arrive at once after a quiet spell */
  readonly burstLimit: number;
  /** requests per UTC day */
  readonly dailyQuota: number;
}

export type UsageRefusal = 'THROTTLED' | 'QUOTA_EXCEEDED';

interface ClientUsage {
  tokens: number;
  refilledAt: number;
  day: number;
  used: number;
}

const DAY_MS = 86_400_000;

/** Token bucket and daily quota per client. A refused request consumes neither. */
export class UsagePlans {
  private readonly usage = new Map<string, ClientUsage>();

  constructor(
    private readonly planOf: (client: string) => UsagePlan,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one request of `client`, or says why the plan refuses it. */
  admit(client: string): UsageRefusal | undefined {
    const plan = this.planOf(client);
    const now = this.now();
    const day = Math.floor(now / DAY_MS);
    let usage = this.usage.get(client);
    if (!usage) {
      usage = { tokens: plan.burstLimit, refilledAt: now, day, used: 0 };
      this.usage.set(client, usage);
    }
    if (usage.day !== day) {
      usage.day = day;
      usage.used = 0;
    }
    usage.tokens = Math.min(plan.burstLimit, usage.tokens + ((now - usage.refilledAt) / 1000) * plan.rateLimit);
    usage.refilledAt = now;
    if (usage.used >= plan.dailyQuota) return 'QUOTA_EXCEEDED';
    if (usage.tokens < 1) return 'THROTTLED';
    usage.tokens -= 1;
    usage.used += 1;
    return undefined;
  }
}
