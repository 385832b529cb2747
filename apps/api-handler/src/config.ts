import { endpointOverridden, requireEnv, type Env } from '@dofs/aws';

export interface ApiHandlerConfig {
  readonly ordersTableName: string;
  readonly stateMachineArn: string;
  readonly sfnEndpointOverridden: boolean;
  readonly cursorSigningKey: string;
}

const MIN_KEY_LENGTH = 32;

/** Read once at cold start; a missing variable fails the init with a message naming it. */
export function loadConfig(env: Env): ApiHandlerConfig {
  return {
    ordersTableName: requireEnv(env, 'ORDERS_TABLE_NAME', 'name of the orders table'),
    stateMachineArn: requireEnv(env, 'STATE_MACHINE_ARN', 'ARN of the Express order workflow'),
    sfnEndpointOverridden: endpointOverridden(env, 'SFN'),
    cursorSigningKey: signingKey(requireEnv(env, 'CURSOR_SIGNING_KEY', 'the key that signs GET /orders cursors')),
  };
}

function signingKey(value: string): string {
  // The value is a secret: the message names the variable and the rule, never the value.
  if (value.length < MIN_KEY_LENGTH) throw new Error(`CURSOR_SIGNING_KEY must be at least ${MIN_KEY_LENGTH} characters of random data.`);
  return value;
}
