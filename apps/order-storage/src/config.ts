import { requireEnv, type Env } from '@dofs/aws';

export const loadConfig = (env: Env) => ({ ordersTableName: requireEnv(env, 'ORDERS_TABLE_NAME', 'name of the orders table') });
