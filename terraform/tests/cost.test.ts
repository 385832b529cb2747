// The cost model (scripts/cost-per-million.mjs, `npm run cost`) prices what the configuration
// deploys: its quantities come from the same files Terraform reads, its durations from the
// committed local measurement, its prices from the dated table.
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { TERRAFORM_DIR, lambdaManifests, readWorkspaceFile } from './support/terraform';

interface CostLine {
  service: string;
  item: string;
  quantity_per_order: number;
  usd_per_million_orders: number;
}
interface CostModel {
  region: string;
  prices_as_of: string;
  settings: { aws_region: string; lambda_memory_size: number; sfn_log_level: string; sources: string[] };
  success_path: string[];
  lines: CostLine[];
  total_usd_per_million_orders: number;
  standard_workflow_instead: { transitions_per_order: number; total_usd_per_million_orders: number };
  assumptions: string[];
  environments: { environment: string; var_file: string; idle_usd_per_month: number; idle: { item: string; usd_per_month: number }[]; usd_per_million_orders: number }[];
}

function cost(...args: string[]) {
  return spawnSync(process.execPath, [path.join(TERRAFORM_DIR, 'scripts/cost-per-million.mjs'), ...args], { encoding: 'utf8' });
}

describe('npm run cost', () => {
  const run = cost('--json');
  const model = JSON.parse(run.stdout) as CostModel;

  it('prices every service the order path uses, and the lines add up to the total', () => {
    expect(run.status).toBe(0);
    expect([...new Set(model.lines.map((line) => line.service))]).toEqual([
      'API Gateway REST', 'Lambda', 'Step Functions Express', 'DynamoDB on-demand', 'SQS', 'CloudWatch Logs', 'CloudWatch metrics', 'X-Ray', 'KMS',
    ]);
    const sum = model.lines.reduce((total, line) => total + line.usd_per_million_orders, 0);
    expect(model.total_usd_per_million_orders).toBeCloseTo(sum, 6);
    expect(model.lines.find((line) => line.service === 'API Gateway REST')?.usd_per_million_orders).toBeCloseTo(3.5, 6);
  });

  it('has a Lambda line for every function apps/*/lambda.json deploys, from the committed measurement', () => {
    const measured = JSON.parse(readWorkspaceFile('terraform/cost/measured-lambda-work.json')) as { functions: Record<string, unknown> };
    expect(Object.keys(measured.functions).sort()).toEqual(Object.keys(lambdaManifests()).sort());
    for (const app of Object.keys(lambdaManifests())) expect(model.lines.some((line) => line.service === 'Lambda' && line.item.startsWith(app))).toBe(true);
  });

  it('reads its settings where Terraform does', () => {
    expect(model.settings.sources).toContain('contracts/resources.json defaults');
    expect(model.settings.lambda_memory_size).toBe(256);
    expect(model.settings.sfn_log_level).toBe('ERROR');
    // Write units follow the tables' GSIs: a put writes the base table and each of the orders GSIs.
    const resources = JSON.parse(readWorkspaceFile('contracts/resources.json')) as { tables: { orders: { global_secondary_indexes: unknown[] } } };
    expect(model.assumptions.join('\n')).toContain(`put ${1 + resources.tables.orders.global_secondary_indexes.length}`);
  });

  it('walks the ASL for the success path and prices the same workflow as a Standard state machine far higher', () => {
    expect(model.success_path).toEqual(['ValidateOrder', 'IsOrderValid', 'StoreOrder', 'ShouldEnqueue', 'EnqueueOrder', 'OrderAccepted']);
    expect(model.standard_workflow_instead.transitions_per_order).toBe(7);
    expect(model.standard_workflow_instead.total_usd_per_million_orders).toBeGreaterThan(10 * model.total_usd_per_million_orders);
  });

  it('says which prices it used, of which date, and that the deployed region differs when it does', () => {
    expect(model.prices_as_of).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    if (model.region !== model.settings.aws_region) expect(model.assumptions[0]).toContain(`deploys to ${model.settings.aws_region}, whose prices are not committed`);
  });

  it('refuses a region without committed prices, naming the file to add them to', () => {
    const other = cost('--region', 'eu-north-1');
    expect(other.status).not.toBe(0);
    expect(other.stderr).toContain('No committed prices for eu-north-1 (terraform/cost/aws-prices.json has us-east-1)');
  });

  it('counts GET /order when asked: one API request, one invocation and one read each', () => {
    const withGet = JSON.parse(cost('--json', '--gets-per-order', '1').stdout) as CostModel;
    expect(withGet.lines.find((line) => line.service === 'API Gateway REST')?.quantity_per_order).toBe(2);
    expect(withGet.lines.some((line) => line.item.startsWith('read units'))).toBe(true);
    expect(withGet.total_usd_per_million_orders).toBeGreaterThan(model.total_usd_per_million_orders + 3.5);
  });

  it('prices the three environments at idle per month and per million orders, each from its own variables file', () => {
    expect(model.environments.map((e) => [e.environment, e.var_file])).toEqual([
      ['dev', 'terraform/environments/dev.tfvars'],
      ['staging', 'terraform/environments/staging.tfvars'],
      ['prod', 'terraform/environments/prod.tfvars'],
    ]);
    const functions = Object.keys(lambdaManifests()).length;
    // monitoring: 4 single alarms (DLQ depth and age, queue age, API 5xx), the failed-orders alarm, errors and throttles per function, the
    // workflow's two-metric alarm; deployments: errors and p99 per function, the workflow's failures
    const alarmMetrics = 4 + 1 + 2 * functions + 2 + 2 * functions + 1;
    for (const e of model.environments) {
      expect(e.idle[0]?.item).toContain(`${alarmMetrics} metrics`);
      expect(e.idle[0]?.usd_per_month).toBeCloseTo(alarmMetrics * 0.1, 6);
      expect(e.idle_usd_per_month).toBeCloseTo(e.idle.reduce((sum, line) => sum + line.usd_per_month, 0), 6);
      // the same configuration, so the same per-order price as the default model unless a setting differs
      expect(e.usd_per_million_orders).toBeGreaterThan(9);
    }
    expect(model.environments.find((e) => e.environment === 'prod')?.usd_per_million_orders).toBeCloseTo(model.total_usd_per_million_orders, 6);
    const text = cost().stdout;
    expect(text).toMatch(/Three environments \(terraform\/environments\/\*\.tfvars\)/);
    expect(text).toMatch(/^prod\s+\$\d+\.\d\d\s+\$\d+\.\d\d/m);
    expect(text).toMatch(/All three at idle: \$\d+\.\d\d per month/);
  });
});
