import { createFulfillmentSimulator, orderIdForKey, replayIdempotencyKey } from '@dofs/domain';

/**
 * The orders the demo sends itself, with an `Idempotency-Key` each. The order id is a function
 * of the key (orderIdForKey) and, with DOFS_FULFILLMENT_SEED, each attempt's outcome is a
 * function of (seed, order id, attempt): fulfill-order draws it with this same simulator. So the
 * script can choose keys whose orders take the path a scene shows, and the same seed gives the
 * same scenes. Nothing is forced: the runtime makes each draw itself, at the usual 70 % rate.
 */
export interface ScriptedOrders {
  /** fails its first attempt, is fulfilled by the second */
  readonly journeyKey: string;
  /** fails all its attempts (p = 0.3^3, 2.7 %), and its replay by `dofs dlq redrive` succeeds at once */
  readonly failureKey: string;
}

type Outcomes = (orderId: string) => boolean[];

function outcomes(seed: string, successRate: number, attempts: number): Outcomes {
  const simulator = createFulfillmentSimulator({ successRate, seed });
  return (orderId) => Array.from({ length: attempts }, (_, i) => simulator.attempt(orderId, i + 1));
}

function firstKey(prefix: string, accept: (key: string) => boolean): string {
  for (let n = 0; n < 100_000; n++) {
    const key = `${prefix}-${n}`;
    if (accept(key)) return key;
  }
  throw new Error(`no key ${prefix}-N in 100000 takes the path the demo needs; try another seed`);
}

export function chooseScriptedOrders(seed: string, successRate: number, maxReceiveCount: number): ScriptedOrders {
  const draws = outcomes(seed, successRate, maxReceiveCount);
  const journeyKey = firstKey('demo-journey', (key) => {
    const [first, second] = draws(orderIdForKey(key));
    return first === false && second === true;
  });
  const failureKey = firstKey('demo-failure', (key) => {
    const orderId = orderIdForKey(key);
    return draws(orderId).every((ok) => !ok) && draws(orderIdForKey(replayIdempotencyKey(orderId)))[0] === true;
  });
  return { journeyKey, failureKey };
}
