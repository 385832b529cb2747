import { DEFAULTS } from '@dofs/contracts';
import { numberEnv, optionalEnv, requireEnv, type Env } from '@dofs/aws';

export function loadConfig(env: Env) {
  return {
    ordersTableName: requireEnv(env, 'ORDERS_TABLE_NAME', 'name of the orders table'),
    successRate: numberEnv(env, 'FULFILLMENT_SUCCESS_RATE', DEFAULTS.fulfillment_success_rate, { min: 0, max: 1 }),
    seed: optionalEnv(env, 'FULFILLMENT_SEED'),
    // SQS allows maxReceiveCount 1 to 1000.
    maxAttempts: numberEnv(env, 'MAX_RECEIVE_COUNT', DEFAULTS.max_receive_count, { min: 1, max: 1000, integer: true }),
  };
}
