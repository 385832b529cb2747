import { RESOURCES } from '@dofs/contracts';
import { optionalEnv, requireEnv, type Env } from '@dofs/aws';

export function loadConfig(env: Env) {
  return {
    ordersTableName: requireEnv(env, 'ORDERS_TABLE_NAME', 'name of the orders table'),
    failedOrdersTableName: requireEnv(env, 'FAILED_ORDERS_TABLE_NAME', 'name of the failed_orders table'),
    metricsNamespace: optionalEnv(env, 'POWERTOOLS_METRICS_NAMESPACE') ?? RESOURCES.metrics.namespace,
  };
}
