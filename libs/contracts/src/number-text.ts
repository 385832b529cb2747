/**
 * The one rule for a number given as text (an environment variable, a command-line flag): decimal
 * notation, finite, within [min, max], and whole when `integer`. Blank means "not given"
 * (undefined); anything else that breaks the rule is null, so each caller words its own error
 * (ConfigError at a Lambda's cold start, StartupError for `npm start`, a usage error in the CLI).
 */
export function parseNumberText(
  raw: string | undefined,
  rule: { readonly min: number; readonly max: number; readonly integer?: boolean },
): number | undefined | null {
  if (raw === undefined || raw.trim() === '') return undefined;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < rule.min || value > rule.max) return null;
  if (rule.integer && !Number.isInteger(value)) return null;
  return value;
}
