import { DEFAULTS } from '@dofs/contracts';
import { LOCAL_DEFAULTS, optionsFromEnv, optionsToEnv } from './local-settings';
import { StartupError } from './startup-error';

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
      DOFS_QUIET: 'true',
      DOFS_BUNDLES_DIR: '/tmp/bundles',
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
      quiet: true,
      bundlesDir: '/tmp/bundles',
    });
    expect(optionsFromEnv(optionsToEnv(options))).toEqual(options);
  });

  it.each([
    ['DOFS_PORT', '70000'],
    ['DOFS_PORT', 'http'],
    ['DOFS_FULFILLMENT_SUCCESS_RATE', '1.5'],
    ['DOFS_MAX_RECEIVE_COUNT', '0'],
    ['DOFS_VISIBILITY_TIMEOUT_S', '2.5'],
  ])('refuses %s=%s with a message naming it', (name, value) => {
    expect(() => optionsFromEnv({ [name]: value })).toThrow(StartupError);
    expect(() => optionsFromEnv({ [name]: value })).toThrow(`${name}=${value} is not valid`);
  });
});
