/** How a request is retried when no answer came back or the API said "try again later". */
export interface RetryOptions {
  /** Retries after the first request; 0 disables retrying. Default 3. */
  readonly retries?: number;
  /** The first backoff ceiling; each retry doubles it. Default 200 ms. */
  readonly baseDelayMs?: number;
  /** No wait is longer than this, a server's Retry-After included. Default 5,000 ms. */
  readonly maxDelayMs?: number;
}

export const DEFAULT_RETRY: Required<RetryOptions> = { retries: 3, baseDelayMs: 200, maxDelayMs: 5_000 };

/**
 * 429 and 503 mean "nothing was done, try again": safe to repeat, the more so with the same
 * Idempotency-Key. Every other status, 4xx above all, is an answer and is never retried; so is a
 * 429 QUOTA_EXCEEDED, since a used-up daily quota does not come back within a retry's wait.
 */
export const isRetryableStatus = (status: number, body?: unknown): boolean =>
  status === 503 || (status === 429 && (body as { error?: { code?: unknown } } | undefined)?.error?.code !== 'QUOTA_EXCEEDED');

/**
 * Exponential backoff with full jitter (a random wait between 0 and the ceiling), so that many
 * clients refused at once do not come back at once. A server's Retry-After raises the wait.
 */
export function backoffDelay(
  retry: number,
  options: Required<RetryOptions>,
  random: () => number,
  retryAfterHeader?: string | null,
): number {
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** retry);
  const jittered = Math.floor(random() * ceiling);
  const retryAfterMs = parseRetryAfter(retryAfterHeader);
  return Math.min(options.maxDelayMs, Math.max(jittered, retryAfterMs ?? 0));
}

/** Retry-After is either seconds or an HTTP date. */
export function parseRetryAfter(value: string | null | undefined, now = Date.now()): number | undefined {
  if (!value) return undefined;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}
