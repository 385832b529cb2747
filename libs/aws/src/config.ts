import { parseNumberText } from '@dofs/contracts';

/** A missing or malformed environment variable: thrown at cold start, so a bad deploy fails loudly at once. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

export type Env = Readonly<Record<string, string | undefined>>;

export function requireEnv(env: Env, name: string, what: string): string {
  const value = env[name]?.trim();
  if (!value) throw new ConfigError(`Missing environment variable ${name} (${what})`);
  return value;
}

export function optionalEnv(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value ? value : undefined;
}

export function numberEnv(env: Env, name: string, fallback: number, rule: { min: number; max: number; integer?: boolean }): number {
  const value = parseNumberText(env[name], rule);
  if (value === null) {
    const kind = rule.integer ? 'an integer' : 'a number';
    throw new ConfigError(`Environment variable ${name} must be ${kind} from ${rule.min} to ${rule.max}, is "${env[name]?.trim()}"`);
  }
  return value ?? fallback;
}

/** Whether the SDK will talk to a local endpoint for this service (AWS_ENDPOINT_URL_<SERVICE> or AWS_ENDPOINT_URL). */
export const endpointOverridden = (env: Env, service: string): boolean =>
  Boolean(optionalEnv(env, `AWS_ENDPOINT_URL_${service}`) ?? optionalEnv(env, 'AWS_ENDPOINT_URL'));
