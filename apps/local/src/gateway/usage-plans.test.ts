import { UsagePlans, type UsagePlan } from './usage-plans';

function plans(plan: UsagePlan, start = Date.UTC(2026, 0, 1, 12)) {
  let now = start;
  const usage = new UsagePlans(() => plan, () => now);
  return { usage, advance: (ms: number) => (now += ms) };
}

describe('usage plans (token bucket and daily quota per client)', () => {
  it('admits a burst, then refuses until the rate refills the bucket', () => {
    const { usage, advance } = plans({ rateLimit: 2, burstLimit: 3, dailyQuota: 1000 });
    expect([1, 2, 3, 4].map(() => usage.admit('shop'))).toEqual([undefined, undefined, undefined, 'THROTTLED']);
    advance(499);
    expect(usage.admit('shop')).toBe('THROTTLED');
    advance(1);
    expect(usage.admit('shop')).toBeUndefined();
    advance(10_000);
    // the bucket holds at most the burst, however long the quiet spell
    expect([1, 2, 3, 4].map(() => usage.admit('shop'))).toEqual([undefined, undefined, undefined, 'THROTTLED']);
  });

  it('keeps one bucket per client', () => {
    const { usage } = plans({ rateLimit: 1, burstLimit: 1, dailyQuota: 1000 });
    expect(usage.admit('a')).toBeUndefined();
    expect(usage.admit('a')).toBe('THROTTLED');
    expect(usage.admit('b')).toBeUndefined();
  });

  it('refuses past the daily quota until the next UTC day, and a refusal uses no quota', () => {
    const { usage, advance } = plans({ rateLimit: 1000, burstLimit: 1000, dailyQuota: 2 }, Date.UTC(2026, 0, 1, 23, 59));
    expect([1, 2, 3, 4].map(() => usage.admit('shop'))).toEqual([undefined, undefined, 'QUOTA_EXCEEDED', 'QUOTA_EXCEEDED']);
    advance(60_000);
    expect([1, 2, 3].map(() => usage.admit('shop'))).toEqual([undefined, undefined, 'QUOTA_EXCEEDED']);
  });

  it('does not count a throttled request against the quota', () => {
    const { usage, advance } = plans({ rateLimit: 1, burstLimit: 1, dailyQuota: 2 });
    expect([1, 2, 3].map(() => usage.admit('shop'))).toEqual([undefined, 'THROTTLED', 'THROTTLED']);
    advance(1000);
    expect(usage.admit('shop')).toBeUndefined();
    advance(1000);
    expect(usage.admit('shop')).toBe('QUOTA_EXCEEDED');
  });
});
