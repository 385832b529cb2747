/**
 * Compares what the runtime answered with what AWS answered, as recorded. Only three kinds of
 * value are normalised, each by a placeholder in the recorded expectation:
 * - `<id>`: any non-empty string (message ids, receipt handles, request ids, execution names);
 * - `<timestamp>`: an epoch time in seconds or milliseconds, as a number or a numeric string,
 *   or an ISO-8601 date;
 * - `<host>`: inside a URL, any `http(s)://host[:port]` (queue URLs name the local endpoint).
 * Everything else (codes, statuses, MD5s, attribute names and values, shapes) compares exactly;
 * an object with a key the recording lacks differs, as does a missing key.
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface Difference {
  /** where, as a JSONPath-like path (`$.error.name`) */
  readonly path: string;
  readonly expected: Json | undefined;
  readonly actual: Json | undefined;
}

const TIMESTAMP = /^(\d{10}(\.\d+)?|\d{13}|\d{4}-\d\d-\d\dT[\d:.]+(Z|[+-]\d\d:?\d\d)?)$/;
const HOST = /^https?:\/\/[^/]+/;

function matchesPlaceholder(expected: string, actual: Json | undefined): boolean | undefined {
  if (expected === '<id>') return typeof actual === 'string' && actual.length > 0;
  if (expected === '<timestamp>') return (typeof actual === 'string' || typeof actual === 'number') && TIMESTAMP.test(String(actual));
  if (expected.startsWith('<host>')) return typeof actual === 'string' && actual.replace(HOST, '<host>') === expected;
  return undefined;
}

const isObject = (value: unknown): value is { [key: string]: Json } =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Every place where `actual` is not what `expected` recorded (empty: they match). */
export function differences(expected: Json | undefined, actual: Json | undefined, path = '$'): Difference[] {
  if (typeof expected === 'string') {
    const placeholder = matchesPlaceholder(expected, actual);
    if (placeholder !== undefined) return placeholder ? [] : [{ path, expected, actual }];
  }
  if (Array.isArray(expected) && Array.isArray(actual)) {
    if (expected.length !== actual.length) return [{ path, expected, actual }];
    return expected.flatMap((item, index) => differences(item, actual[index], `${path}[${index}]`));
  }
  if (isObject(expected) && isObject(actual)) {
    const keys = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
    return keys.flatMap((key) => differences(expected[key], actual[key], `${path}.${key}`));
  }
  return JSON.stringify(expected) === JSON.stringify(actual) ? [] : [{ path, expected, actual }];
}
