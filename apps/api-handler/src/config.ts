import { endpointOverridden, requireEnv, type Env } from '@dofs/aws';

export interface ApiHandlerConfig {
  readonly ordersTableName: string;
  readonly stateMachineArn: string;
  readonly sfnEndpointOverridden: boolean;
}

/** Read once at cold start; a missing variable fails the init with a message naming it. */
export function loadConfig(env: Env): ApiHandlerConfig {
  return {
    ordersTableName: requireEnv(env, 'ORDERS_TABLE_NAME', 'name of the orders table'),
    stateMachineArn: requireEnv(env, 'STATE_MACHINE_ARN', 'ARN of the Express order workflow'),
    sfnEndpointOverridden: endpointOverridden(env, 'SFN'),
  };
}
