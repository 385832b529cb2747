import { createFulfillmentSimulator } from './fulfillment-simulator';

describe('createFulfillmentSimulator', () => {
  it('is deterministic with a seed, per order and attempt', () => {
    const a = createFulfillmentSimulator({ successRate: 0.5, seed: 's' });
    const b = createFulfillmentSimulator({ successRate: 0.5, seed: 's' });
    const outcomes = (sim: typeof a) => Array.from({ length: 50 }, (_, i) => sim.attempt(`order-${i}`, 1));
    expect(outcomes(a)).toEqual(outcomes(b));
    expect(outcomes(createFulfillmentSimulator({ successRate: 0.5, seed: 't' }))).not.toEqual(outcomes(a));
  });

  it('succeeds at about the configured rate', () => {
    const sim = createFulfillmentSimulator({ successRate: 0.7, seed: 'rate' });
    const successes = Array.from({ length: 10_000 }, (_, i) => sim.attempt(`o${i}`, 1)).filter(Boolean).length;
    expect(successes / 10_000).toBeGreaterThan(0.68);
    expect(successes / 10_000).toBeLessThan(0.72);
  });

  it('always fails at rate 0 and always succeeds at rate 1', () => {
    const never = createFulfillmentSimulator({ successRate: 0 });
    const always = createFulfillmentSimulator({ successRate: 1, seed: 'x' });
    expect(Array.from({ length: 100 }, (_, i) => never.attempt(`o${i}`, 1)).some(Boolean)).toBe(false);
    expect(Array.from({ length: 100 }, (_, i) => always.attempt(`o${i}`, 1)).every(Boolean)).toBe(true);
  });

  it('refuses a rate outside 0..1', () => {
    expect(() => createFulfillmentSimulator({ successRate: 1.5 })).toThrow(RangeError);
    expect(() => createFulfillmentSimulator({ successRate: Number.NaN })).toThrow(RangeError);
  });
});
