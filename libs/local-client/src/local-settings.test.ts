import { DEFAULTS } from '@dofs/contracts';
import { LOCAL_DEFAULTS, optionsFromEnv, optionsToEnv } from './local-settings';
import { InvalidSettingError } from './invalid-setting-error';

describe('settings', () => {
  it('takes the defaults that also exist on AWS from contracts/resources.json', () => {
    expect(LOCAL_DEFAULTS).toMatchObject({
      successRate: DEFAULTS.fulfillment_success_rate,
      maxReceiveCount: DEFAULTS.max_receive_count,
      alertThreshold: DEFAULTS.dlq_alert_threshold,
      alertPeriodSeconds: DEFAULTS.dlq_alert_period_seconds,
    });
    // on purpose shorter than AWS's, so that a retry takes seconds
    expect(LOCAL_DEFAULTS.visibilityTimeoutSeconds).toBeLessThan(DEFAULTS.sqs_visibility_timeout_seconds);
  });

  it('reads every DOFS_* variable', () => {
    const options = optionsFromEnv({
      DOFS_PORT: '4000',
      DOFS_DATA_DIR: '/tmp/x',
      DOFS_FULFILLMENT_SUCCESS_RATE: '0.25',
      DOFS_FULFILLMENT_SEED: 'seed-1',
      DOFS_MAX_RECEIVE_COUNT: '5',
      DOFS_VISIBILITY_TIMEOUT_S: '7',
      DOFS_DLQ_ALERT_THRESHOLD: '2',
      DOFS_DLQ_ALERT_PERIOD_S: '60',
      DOFS_LAMBDA_CONCURRENCY: '3',
      DOFS_REQUEST_TIMEOUT_S: '9',
      DOFS_QUIET: 'true',
      DOFS_BUNDLES_DIR: '/tmp/bundles',
      DOFS_USAGE_PLAN_RATE_LIMIT: '5',
      DOFS_USAGE_PLAN_BURST_LIMIT: '10',
      DOFS_USAGE_PLAN_DAILY_QUOTA: '1000',
      DOFS_CONSOLE: '0',
      DOFS_CONSOLE_TICK_MS: '200',
      DOFS_LOG_FORMAT: 'json',
      DOFS_FAULTS: 'sqs.error=0.5, lambda.crash=0.1',
      DOFS_FAULTS_SEED: 's-2',
    });
    expect(options).toEqual({
      port: 4000,
      dataDir: '/tmp/x',
      successRate: 0.25,
      seed: 'seed-1',
      maxReceiveCount: 5,
      visibilityTimeoutSeconds: 7,
      alertThreshold: 2,
      alertPeriodSeconds: 60,
      lambdaConcurrency: 3,
      requestTimeoutSeconds: 9,
      quiet: true,
      bundlesDir: '/tmp/bundles',
      usagePlanRateLimit: 5,
      usagePlanBurstLimit: 10,
      usagePlanDailyQuota: 1000,
      console: false,
      consoleTickMs: 200,
      logFormat: 'json',
      faults: 'lambda.crash=0.1,sqs.error=0.5',
      faultsSeed: 's-2',
    });
    expect(optionsFromEnv(optionsToEnv(options))).toEqual(options);
  });

  it.each([
    ['DOFS_FAULTS', 'lambda.crash=2'],
    ['DOFS_PORT', '70000'],
    ['DOFS_PORT', 'http'],
    ['DOFS_FULFILLMENT_SUCCESS_RATE', '1.5'],
    ['DOFS_USAGE_PLAN_DAILY_QUOTA', '0'],
    ['DOFS_MAX_RECEIVE_COUNT', '0'],
    ['DOFS_VISIBILITY_TIMEOUT_S', '2.5'],
    ['DOFS_LOG_FORMAT', 'xml'],
    ['DOFS_REQUEST_TIMEOUT_S', '0'],
    ['DOFS_CONSOLE_TICK_MS', '10'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => optionsFromEnv({ [name]: value })).toThrow(InvalidSettingError);
    expect(() => optionsFromEnv({ [name]: value })).toThrow(`${name}=${value} is not valid`);
  });
});
