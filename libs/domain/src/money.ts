// Money is compared in integer cents: 0.1 + 0.2 is not 0.3 in floating point, but 10 + 20 is 30.
const EPSILON = 1e-6;

/** The amount in cents, or undefined when it has more than two decimals. */
export function toCents(amount: number): number | undefined {
  const cents = Math.round(amount * 100);
  return Math.abs(amount * 100 - cents) < EPSILON * Math.max(1, Math.abs(amount)) ? cents : undefined;
}

export function formatCents(cents: number): string {
  const sign = cents < 0 ? '-' : '';
  const abs = Math.abs(cents);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
