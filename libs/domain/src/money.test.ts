import { formatCents, toCents } from './money';

describe('money', () => {
  it.each([
    [19.99, 1999],
    [0.1, 10],
    [1_000_000, 100_000_000],
    [0.29, 29],
    [-5, -500],
  ])('%s is %s cents', (amount, cents) => expect(toCents(amount)).toBe(cents));

  it.each([9.999, 0.001, 1.005])('%s has more than two decimals', (amount) => expect(toCents(amount)).toBeUndefined());

  it('refuses what floating-point arithmetic leaves near a cent, instead of rounding it', () => {
    // 0.1 * 3 and 0.1 + 0.2 print as 0.30000000000000004: sent as JSON, that is what the client meant
    expect([toCents(0.1 * 3), toCents(0.1 + 0.2), toCents(19.99 + 1e-12)]).toEqual([undefined, undefined, undefined]);
    expect(toCents(Number('0.30'))).toBe(30);
  });

  it('accepts every whole-cent amount exactly, as JSON.parse reads it', () => {
    for (let cents = -100_000; cents <= 2_000_000; cents += 37) {
      const amount = JSON.parse(formatCents(cents)) as number;
      expect(toCents(amount)).toBe(cents);
    }
  });

  it.each([Number.NaN, Number.POSITIVE_INFINITY, 1e300])('%s is not an amount of cents', (amount) => expect(toCents(amount)).toBeUndefined());

  it('formats cents', () => {
    expect([formatCents(2550), formatCents(5), formatCents(-120)]).toEqual(['25.50', '0.05', '-1.20']);
  });
});
