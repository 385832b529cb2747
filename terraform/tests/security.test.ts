// Encryption, data exposure and API access as the configuration renders them (support/render.ts
// evaluates the root module and its modules as a plan would), for the environments that differ.
import { loadConfiguration, type Configuration } from './support/render';
import { readWorkspaceFile } from './support/terraform';

let config: Configuration;
const PIPELINE = { repository: 'acme/dofs', state_bucket: 'dofs-tfstate-123456789012-ap-south-1' };

beforeAll(async () => {
  config = await loadConfiguration();
});

describe('tables', () => {
  it.each([
    ['dev', undefined, false],
    ['staging', undefined, true],
    ['prod', undefined, true],
    ['prod', false, false],
    ['dev', true, true],
  ])('in %s with deletion_protection = %s are protected from deletion: %s', (environment, setting, expected) => {
    const root = config.render('', { ...PIPELINE, environment, ...(setting === undefined ? {} : { deletion_protection: setting }) });
    const tables = root.child('dynamodb').instancesOf('aws_dynamodb_table');
    expect(tables).toHaveLength(2);
    for (const table of tables) expect(table.deletion_protection_enabled).toBe(expected);
  });

  it('take a customer managed key when given one, else the AWS managed key', () => {
    const key = 'arn:aws:kms:ap-south-1:123456789012:key/0000aaaa-1111-2222-3333-444455556666';
    const encryption = (inputs: Record<string, unknown>) =>
      config
        .render('', { ...PIPELINE, ...inputs })
        .child('dynamodb')
        .instancesOf('aws_dynamodb_table')
        .map((table) => table.server_side_encryption);
    expect(encryption({ table_kms_key_arn: key })).toEqual([[{ enabled: true, kms_key_arn: key }], [{ enabled: true, kms_key_arn: key }]]);
    expect(encryption({})).toEqual([[{ enabled: true, kms_key_arn: null }], [{ enabled: true, kms_key_arn: null }]]);
  });
});

describe('the workflow logs', () => {
  it('leave out execution data (orders carry customer ids) unless asked', () => {
    const logging = (inputs: Record<string, unknown>) =>
      (config.render('', { ...PIPELINE, ...inputs }).child('stepfunctions').value('aws_sfn_state_machine.this.logging_configuration') as { include_execution_data: boolean }[])[0];
    expect(logging({})?.include_execution_data).toBe(false);
    expect(logging({ workflow_log_execution_data: true })?.include_execution_data).toBe(true);
  });
});

describe('the alerts topic', () => {
  it('is encrypted with the customer managed key this stack creates, rotated yearly', () => {
    const monitoring = config.render('', PIPELINE).child('monitoring');
    expect(monitoring.value('aws_sns_topic.this.kms_master_key_id')).toBe(monitoring.value('aws_kms_key.this.arn'));
    expect(monitoring.value('aws_kms_key.this.enable_key_rotation')).toBe(true);
  });

  it('is what the manual approval notifies', () => {
    const root = config.render('', PIPELINE);
    expect(root.child('cicd[0]').value('var.approval_topic_arn')).toBe(root.child('monitoring').value('aws_sns_topic.this.arn'));
    expect(readWorkspaceFile('terraform/cicd/codepipeline.tf')).toMatch(/provider\s+= "Manual"[\s\S]*?NotificationArn\s+= var\.approval_topic_arn/);
  });
});

describe('the API clients', () => {
  it('each get an API key and a usage plan on the stage with their rate, burst and daily quota', () => {
    const clients = {
      shop: { rate_limit: 50, burst_limit: 100, daily_quota: 100000 },
      partner: { rate_limit: 5, burst_limit: 10, daily_quota: 1000, enabled: false },
    };
    const api = config.render('', { ...PIPELINE, api_clients: clients }).child('api_gateway');
    const keys = api.instancesOf('aws_api_gateway_api_key').map((key) => [key.name, key.enabled]);
    expect(keys).toEqual([
      ['dofs-dev-api-partner', false],
      ['dofs-dev-api-pipeline-smoke', true],
      ['dofs-dev-api-shop', true],
    ]);
    const plans = api.instancesOf('aws_api_gateway_usage_plan').map((plan) => [plan.name, plan.throttle_settings, plan.quota_settings]);
    expect(plans).toEqual([
      ['dofs-dev-api-partner', [{ rate_limit: 5, burst_limit: 10 }], [{ limit: 1000, period: 'DAY' }]],
      ['dofs-dev-api-pipeline-smoke', [{ rate_limit: 5, burst_limit: 10 }], [{ limit: 1000, period: 'DAY' }]],
      ['dofs-dev-api-shop', [{ rate_limit: 50, burst_limit: 100 }], [{ limit: 100000, period: 'DAY' }]],
    ]);
    expect(api.instancesOf('aws_api_gateway_usage_plan_key').map((binding) => binding.key_type)).toEqual(['API_KEY', 'API_KEY', 'API_KEY']);
  });

  it("are one shop by default, plus the pipeline's Smoke build when there is a pipeline, and their keys are a sensitive output", () => {
    const keyNames = (inputs: Record<string, unknown>) => config.render('', inputs).child('api_gateway').instancesOf('aws_api_gateway_api_key').map((key) => key.name);
    expect(keyNames(PIPELINE)).toEqual(['dofs-dev-api-pipeline-smoke', 'dofs-dev-api-shop']);
    expect(keyNames({ enable_pipeline: false })).toEqual(['dofs-dev-api-shop']);
    expect(readWorkspaceFile('terraform/outputs.tf')).toMatch(/output "api_keys" \{[\s\S]*?sensitive\s+= true/);
  });
});
