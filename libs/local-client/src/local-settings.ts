import path from 'node:path';
import { DEFAULTS, parseNumberText } from '@dofs/contracts';
import { StartupError } from './startup-error';

/** Everything `npm start` can be told; each has a DOFS_* variable (see ENV_NAMES). */
export interface LocalSystemOptions {
  /** Where dynalite keeps its tables, plus endpoints.json, logs and the queue snapshot. */
  readonly dataDir: string;
  /** The API's port; 0 puts the API and every internal service on ephemeral ports. */
  readonly port: number;
  /** Probability that one fulfillment attempt succeeds (fulfill-order's FULFILLMENT_SUCCESS_RATE). */
  readonly successRate: number;
  /** Makes fulfillment outcomes deterministic (fulfill-order's FULFILLMENT_SEED). */
  readonly seed: string | undefined;
  /** Receives of one message on order_queue before SQS moves it to order_dlq. */
  readonly maxReceiveCount: number;
  /** order_queue's visibility timeout: how long a failed attempt waits before the retry. */
  readonly visibilityTimeoutSeconds: number;
  /** FailedOrders in one alarm period that fire the failure alarm. */
  readonly alertThreshold: number;
  readonly alertPeriodSeconds: number;
  /**
   * Concurrent executions per function, each a worker thread with its own V8 isolate. More is
   * not faster on a small machine: every isolate compiles and collects garbage on its own.
   */
  readonly lambdaConcurrency: number;
  /** No start-up table and no function logs on stdout (they still go to <dataDir>/logs). */
  readonly quiet: boolean;
  /** Where the Lambda bundles are (<bundlesDir>/<app>/index.js); dist/apps when unset. */
  readonly bundlesDir: string | undefined;
}

export const ENV_NAMES: Readonly<Record<keyof LocalSystemOptions, string>> = {
  dataDir: 'DOFS_DATA_DIR',
  port: 'DOFS_PORT',
  successRate: 'DOFS_FULFILLMENT_SUCCESS_RATE',
  seed: 'DOFS_FULFILLMENT_SEED',
  maxReceiveCount: 'DOFS_MAX_RECEIVE_COUNT',
  visibilityTimeoutSeconds: 'DOFS_VISIBILITY_TIMEOUT_S',
  alertThreshold: 'DOFS_DLQ_ALERT_THRESHOLD',
  alertPeriodSeconds: 'DOFS_DLQ_ALERT_PERIOD_S',
  lambdaConcurrency: 'DOFS_LAMBDA_CONCURRENCY',
  quiet: 'DOFS_QUIET',
  bundlesDir: 'DOFS_BUNDLES_DIR',
};

/**
 * Local defaults. Those that also exist in AWS come from contracts/resources.json, the one place
 * Terraform reads them from too. The visibility timeout is the exception on purpose: AWS uses
 * 60 s (6 x the function timeout); locally a retry should take seconds, not minutes.
 */
export const LOCAL_DEFAULTS: LocalSystemOptions = {
  dataDir: '.dofs/data',
  port: 3000,
  successRate: DEFAULTS.fulfillment_success_rate,
  seed: undefined,
  maxReceiveCount: DEFAULTS.max_receive_count,
  visibilityTimeoutSeconds: 5,
  alertThreshold: DEFAULTS.dlq_alert_threshold,
  alertPeriodSeconds: DEFAULTS.dlq_alert_period_seconds,
  lambdaConcurrency: 4,
  quiet: false,
  bundlesDir: undefined,
};

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, key: keyof LocalSystemOptions, fallback: number, min: number, max: number): number {
  const raw = env[ENV_NAMES[key]];
  const value = parseNumberText(raw, { min, max, integer: true });
  if (value === null) throw new StartupError(`${ENV_NAMES[key]}=${raw} is not valid: expected an integer from ${min} to ${max}.`);
  return value ?? fallback;
}

function rate(env: Env, key: keyof LocalSystemOptions, fallback: number): number {
  const raw = env[ENV_NAMES[key]];
  const value = parseNumberText(raw, { min: 0, max: 1 });
  if (value === null) throw new StartupError(`${ENV_NAMES[key]}=${raw} is not valid: expected a number from 0 to 1.`);
  return value ?? fallback;
}

/** Reads the DOFS_* variables over `base`; a bad value is a StartupError naming the variable. */
export function optionsFromEnv(env: Env, base: LocalSystemOptions = LOCAL_DEFAULTS): LocalSystemOptions {
  const text = (key: keyof LocalSystemOptions): string | undefined => {
    const raw = env[ENV_NAMES[key]];
    return raw === undefined || raw.trim() === '' ? undefined : raw;
  };
  const quiet = text('quiet');
  return {
    dataDir: text('dataDir') ?? base.dataDir,
    port: integer(env, 'port', base.port, 0, 65535),
    successRate: rate(env, 'successRate', base.successRate),
    seed: text('seed') ?? base.seed,
    // SQS allows 1..1000
    maxReceiveCount: integer(env, 'maxReceiveCount', base.maxReceiveCount, 1, 1000),
    // SQS allows 0..43200; 0 would redeliver a message while it is being processed
    visibilityTimeoutSeconds: integer(env, 'visibilityTimeoutSeconds', base.visibilityTimeoutSeconds, 1, 43200),
    alertThreshold: integer(env, 'alertThreshold', base.alertThreshold, 1, 1_000_000),
    alertPeriodSeconds: integer(env, 'alertPeriodSeconds', base.alertPeriodSeconds, 1, 86400),
    lambdaConcurrency: integer(env, 'lambdaConcurrency', base.lambdaConcurrency, 1, 1000),
    quiet: quiet === undefined ? base.quiet : quiet === '1' || quiet.toLowerCase() === 'true',
    bundlesDir: text('bundlesDir') ?? base.bundlesDir,
  };
}

/** The inverse of optionsFromEnv, for starting the runtime as a child process. */
export function optionsToEnv(options: LocalSystemOptions): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, name] of Object.entries(ENV_NAMES) as [keyof LocalSystemOptions, string][]) {
    const value = options[key];
    if (value === undefined) continue;
    env[name] = key === 'dataDir' ? path.resolve(String(value)) : String(value);
  }
  return env;
}
