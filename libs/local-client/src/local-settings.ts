import path from 'node:path';
import { DEFAULTS, parseNumberText } from '@dofs/contracts';
import { formatFaultPlan, parseFaultPlan } from './fault-plan';
import { InvalidSettingError } from './invalid-setting-error';

/** How the runtime prints function logs on stdout: `pretty` one readable line each, `json` the raw lines. */
export type LogFormat = 'pretty' | 'json';

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
  /**
   * How long the API waits for a whole request, headers and body, before it answers 408: a client
   * that stalls cannot hold a connection for ever. Just over API Gateway's 29 s integration
   * timeout, so a slow client is cut no later than a slow function would be.
   */
  readonly requestTimeoutSeconds: number;
  /** No start-up table and no function logs on stdout (they still go to <dataDir>/logs). */
  readonly quiet: boolean;
  /** Where the Lambda bundles are (<bundlesDir>/<app>/index.js); dist/apps when unset. */
  readonly bundlesDir: string | undefined;
  /**
   * The `local` client's usage plan: requests per second, the burst (token bucket size) and the
   * requests per UTC day its API key may make. High by default so that the bench and the tests
   * measure the system, not the plan; lower them to see the 429s a client would get on AWS.
   */
  readonly usagePlanRateLimit: number;
  readonly usagePlanBurstLimit: number;
  readonly usagePlanDailyQuota: number;
  /** Serve the local web console (apps/console) on the port after the internal services'. */
  readonly console: boolean;
  /**
   * How often the console's stream sends the overview to the browser. Once a second suits a
   * person (the rate chart has one point per second); a test that watches live updates sets less.
   */
  readonly consoleTickMs: number;
  /** Function logs on stdout: `pretty` one readable line each, `json` the raw lines. */
  readonly logFormat: LogFormat;
  /**
   * The fault plan, `kind=probability,...` (fault-plan.ts), normalised; `none` injects nothing.
   * Faults are injected where AWS would produce them, with its error codes and bodies.
   */
  readonly faults: string;
  /** Makes the injected faults repeatable (the same seed, the same draws). */
  readonly faultsSeed: string;
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
  requestTimeoutSeconds: 'DOFS_REQUEST_TIMEOUT_S',
  quiet: 'DOFS_QUIET',
  bundlesDir: 'DOFS_BUNDLES_DIR',
  usagePlanRateLimit: 'DOFS_USAGE_PLAN_RATE_LIMIT',
  usagePlanBurstLimit: 'DOFS_USAGE_PLAN_BURST_LIMIT',
  usagePlanDailyQuota: 'DOFS_USAGE_PLAN_DAILY_QUOTA',
  console: 'DOFS_CONSOLE',
  consoleTickMs: 'DOFS_CONSOLE_TICK_MS',
  logFormat: 'DOFS_LOG_FORMAT',
  faults: 'DOFS_FAULTS',
  faultsSeed: 'DOFS_FAULTS_SEED',
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
  requestTimeoutSeconds: 30,
  quiet: false,
  bundlesDir: undefined,
  usagePlanRateLimit: 100_000,
  usagePlanBurstLimit: 100_000,
  usagePlanDailyQuota: 100_000_000,
  console: true,
  consoleTickMs: 1000,
  logFormat: 'pretty',
  faults: 'none',
  faultsSeed: '1',
};

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, key: keyof LocalSystemOptions, fallback: number, min: number, max: number): number {
  const raw = env[ENV_NAMES[key]];
  const value = parseNumberText(raw, { min, max, integer: true });
  if (value === null) throw new InvalidSettingError(`${ENV_NAMES[key]}=${raw} is not valid: expected an integer from ${min} to ${max}.`);
  return value ?? fallback;
}

function rate(env: Env, key: keyof LocalSystemOptions, fallback: number): number {
  const raw = env[ENV_NAMES[key]];
  const value = parseNumberText(raw, { min: 0, max: 1 });
  if (value === null) throw new InvalidSettingError(`${ENV_NAMES[key]}=${raw} is not valid: expected a number from 0 to 1.`);
  return value ?? fallback;
}

/** Reads the DOFS_* variables over `base`; a bad value is a InvalidSettingError naming the variable. */
export function optionsFromEnv(env: Env, base: LocalSystemOptions = LOCAL_DEFAULTS): LocalSystemOptions {
  const text = (key: keyof LocalSystemOptions): string | undefined => {
    const raw = env[ENV_NAMES[key]];
    return raw === undefined || raw.trim() === '' ? undefined : raw;
  };
  const quiet = text('quiet');
  const console = text('console');
  const logFormat = text('logFormat');
  if (logFormat !== undefined && logFormat !== 'pretty' && logFormat !== 'json')
    throw new InvalidSettingError(`${ENV_NAMES.logFormat}=${logFormat} is not valid: expected pretty or json.`);
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
    requestTimeoutSeconds: integer(env, 'requestTimeoutSeconds', base.requestTimeoutSeconds, 1, 3600),
    quiet: quiet === undefined ? base.quiet : quiet === '1' || quiet.toLowerCase() === 'true',
    bundlesDir: text('bundlesDir') ?? base.bundlesDir,
    // API Gateway's own bounds: rate and burst up to the account's 10,000 rps are typical, but
    // any positive value is accepted; a quota of at least 1 per period
    usagePlanRateLimit: integer(env, 'usagePlanRateLimit', base.usagePlanRateLimit, 1, 1_000_000_000),
    usagePlanBurstLimit: integer(env, 'usagePlanBurstLimit', base.usagePlanBurstLimit, 1, 1_000_000_000),
    usagePlanDailyQuota: integer(env, 'usagePlanDailyQuota', base.usagePlanDailyQuota, 1, 1_000_000_000),
    console: console === undefined ? base.console : !(console === '0' || console.toLowerCase() === 'false'),
    consoleTickMs: integer(env, 'consoleTickMs', base.consoleTickMs, 50, 60_000),
    logFormat: logFormat ?? base.logFormat,
    faults: formatFaultPlan(parseFaultPlan(text('faults') ?? base.faults, ENV_NAMES.faults)),
    faultsSeed: text('faultsSeed') ?? base.faultsSeed,
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
