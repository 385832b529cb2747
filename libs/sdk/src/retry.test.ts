import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, parseRetryAfter } from './retry';

describe('retry policy', () => {
  it('retries only 429 and 503', () => {
    const retryable = [400, 401, 403, 404, 409, 413, 415, 422, 429, 500, 502, 503, 504].filter((status) => isRetryableStatus(status));
    expect(retryable).toEqual([429, 503]);
  });

  it('draws the wait between 0 and a ceiling that doubles up to maxDelayMs', () => {
    const ceilings = [0, 1, 2, 3, 4, 5, 6].map((retry) => backoffDelay(retry, DEFAULT_RETRY, () => 0.999999));
    expect(ceilings).toEqual([199, 399, 799, 1599, 3199, 4999, 4999]);
    expect(backoffDelay(3, DEFAULT_RETRY, () => 0)).toBe(0);
  });

  it('reads Retry-After as seconds or as a date', () => {
    expect(parseRetryAfter('3')).toBe(3000);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:10 GMT', Date.parse('2025-01-01T00:00:00Z'))).toBe(10_000);
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter(null)).toBeUndefined();
  });
});
