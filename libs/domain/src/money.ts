// Money is compared in integer cents: 0.1 + 0.2 is not 0.3 in floating point, but 10 + 20 is 30.

/**
 * The amount in cents, or undefined when it is not an amount of whole cents. The test is exact:
 * an amount has at most two decimals when it is the very number that JSON.parse makes of "c/100"
 * (c / 100 is that number: both are the double nearest to the decimal). So 19.99 passes, while
 * 0.30000000000000004 (0.1 * 3 in floating point) has seventeen decimals and is refused, never
 * rounded: what is accepted is what is stored and returned, digit for digit.
 */
export function toCents(amount: number): number | undefined {
  if (!Number.isFinite(amount)) return undefined;
  const cents = Math.round(amount * 100);
  return Number.isSafeInteger(cents) && cents / 100 === amount ? cents : undefined;
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
