import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const ROOT = path.resolve(__dirname, '../../../..');
/** Committed: what providers are verified against, and what reviewers read in a diff. */
export const COMMITTED_DIR = path.join(ROOT, 'pacts');
/** Written by the consumer tests of sdk, cli and pacts on every run. */
export const WRITTEN_DIR = path.join(ROOT, 'dist/pacts');

export const committedPact = (file: string): string => path.join(COMMITTED_DIR, file);
export const readPact = (file: string): unknown => JSON.parse(readFileSync(file, 'utf8'));

/** The pact files of a directory: JSON naming a consumer and a provider (pacts/ holds a README too). */
export function pactFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .filter((file) => {
      const content = readPact(path.join(dir, file)) as { consumer?: { name?: unknown }; provider?: { name?: unknown } };
      return typeof content.consumer?.name === 'string' && typeof content.provider?.name === 'string';
    })
    .sort();
}

/** The first JSON path at which two values differ, for a message a person can act on. */
export function firstDifference(a: unknown, b: unknown, at = '$'): string | undefined {
  if (Object.is(a, b)) return undefined;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null || Array.isArray(a) !== Array.isArray(b)) {
    return `${at}: committed ${JSON.stringify(a)}, written ${JSON.stringify(b)}`;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
  for (const key of keys) {
    const difference = firstDifference((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key], `${at}.${key}`);
    if (difference) return difference;
  }
  return undefined;
}
