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

  it('formats cents', () => {
    expect([formatCents(2550), formatCents(5), formatCents(-120)]).toEqual(['25.50', '0.05', '-1.20']);
  });
});
