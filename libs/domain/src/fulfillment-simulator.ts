import { createHash } from 'node:crypto';

/** Decides whether one fulfillment attempt succeeds. */
export interface FulfillmentSimulator {
  attempt(orderId: string, attemptNumber: number): boolean;
}

/**
 * Succeeds with probability `successRate`. With a seed the outcome is a pure function of
 * (seed, order, attempt): the same in every run, whatever the batching and concurrency.
 */
export function createFulfillmentSimulator({
  successRate,
  seed,
}: {
  successRate: number;
  seed?: string | undefined;
}): FulfillmentSimulator {
  if (!(successRate >= 0 && successRate <= 1)) throw new RangeError(`successRate must be 0 to 1, is ${successRate}`);
  if (seed === undefined) return { attempt: () => Math.random() < successRate };
  return {
    attempt(orderId, attemptNumber) {
      const digest = createHash('sha256').update(`${seed}:${orderId}:${attemptNumber}`).digest();
      return digest.readUIntBE(0, 6) / 2 ** 48 < successRate;
    },
  };
}
