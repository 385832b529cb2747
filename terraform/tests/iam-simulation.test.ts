// Least privilege, proven: every role this configuration creates is rendered from the Terraform
// source (support/render.ts evaluates the root module, its child modules and each
// aws_iam_policy_document as `terraform plan` would, for one account and region) and evaluated by
// @cloud-copilot/iam-simulate, AWS's policy evaluation logic offline, with the role's permissions
// boundary. Each role is asked what its code or its service needs (allowed) and what lies next
// to it (denied). A change to a policy, a manifest or a resource name changes the rendering and
// can fail these checks. The counts per role are printed at the end.
import { runSimulation } from '@cloud-copilot/iam-simulate';
import { sdkActionsOf } from './support/sdk-calls';
import { ACCOUNT, loadConfiguration, REGION, type PolicyDocument, type RenderedModule } from './support/render';
import { lambdaManifests } from './support/terraform';

const PREFIX = 'dofs-dev';
const arn = {
  role: (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`,
  policy: (name: string) => `arn:aws:iam::${ACCOUNT}:policy/${name}`,
  table: (name: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${name}`,
  index: (table: string, index: string) => `arn:aws:dynamodb:${REGION}:${ACCOUNT}:table/${table}/index/${index}`,
  queue: (name: string) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${name}`,
  fn: (name: string) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}`,
  alias: (name: string, alias = 'live') => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${name}:${alias}`,
  alarm: (name: string) => `arn:aws:cloudwatch:${REGION}:${ACCOUNT}:alarm:${name}`,
  deploymentGroup: (prefix: string, group: string) => `arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentgroup:${prefix}-functions/${group}`,
  codedeployApp: (prefix: string) => `arn:aws:codedeploy:${REGION}:${ACCOUNT}:application:${prefix}-functions`,
  deploymentConfig: (name: string) => `arn:aws:codedeploy:${REGION}:${ACCOUNT}:deploymentconfig:${name}`,
  machine: (name: string) => `arn:aws:states:${REGION}:${ACCOUNT}:stateMachine:${name}`,
  logGroup: (name: string) => `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${name}:log-stream:2026/01/01/abc`,
  topic: (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`,
  project: (name: string) => `arn:aws:codebuild:${REGION}:${ACCOUNT}:project/${name}`,
  parameter: (name: string) => `arn:aws:ssm:${REGION}:${ACCOUNT}:parameter${name}`,
};

interface Role {
  readonly name: string;
  readonly arn: string;
  readonly boundary: PolicyDocument | undefined;
  readonly boundaryArn: string | undefined;
  readonly inline: Record<string, PolicyDocument>;
  readonly managed: Record<string, PolicyDocument>;
  readonly trust: PolicyDocument;
}

type Decision = 'Allowed' | 'ExplicitlyDenied' | 'ImplicitlyDenied';

const roles = new Map<string, Role>();
const tally = new Map<string, { allowed: number; denied: number }>();
let root: RenderedModule;
/** The pipeline module on its own, given no API key parameter for the Smoke build. */
let cicdWithoutSmokeKey: RenderedModule;
const SMOKE_KEY_PARAMETER = `/${PREFIX}/smoke/api-key`;
let boundaryArn: string;
/** Resource policies IAM evaluates with the identity's: the alerts topic's KMS key policy. */
const resourcePolicies = new Map<string, PolicyDocument>();

const parse = (json: unknown): PolicyDocument => JSON.parse(String(json)) as PolicyDocument;
/** The request context of a role that carries this deployment's boundary. */
const withBoundary = (): Record<string, string> => ({ 'iam:PermissionsBoundary': boundaryArn });

/** The roles of a module with their inline policies, attached managed policies and boundary. */
function collectRoles(module: RenderedModule, boundary: PolicyDocument): void {
  const managedPolicies = new Map(module.instancesOf('aws_iam_policy').map((policy) => [String(policy.arn), parse(policy.policy)]));
  for (const role of module.instancesOf('aws_iam_role')) {
    const name = String(role.name);
    const inline = Object.fromEntries(
      module
        .instancesOf('aws_iam_role_policy')
        .filter((policy) => policy.role === name)
        .map((policy) => [String(policy.name), parse(policy.policy)]),
    );
    const managed = Object.fromEntries(
      module
        .instancesOf('aws_iam_role_policy_attachment')
        .filter((attachment) => attachment.role === name)
        .map((attachment) => {
          const policy = managedPolicies.get(String(attachment.policy_arn));
          if (!policy) throw new Error(`${name}: attached policy ${String(attachment.policy_arn)} is not this module's`);
          return [String(attachment.policy_arn), policy];
        }),
    );
    const boundaryOf = 'permissions_boundary' in role ? String(role.permissions_boundary) : undefined;
    roles.set(name, {
      name,
      arn: String(role.arn),
      boundaryArn: boundaryOf,
      boundary: boundaryOf === boundaryArn ? boundary : undefined,
      inline,
      managed,
      trust: parse(role.assume_role_policy),
    });
  }
}

function roleNamed(name: string): Role {
  const role = roles.get(name);
  if (!role) throw new Error(`no role ${name}; roles: ${[...roles.keys()].join(', ')}`);
  return role;
}

async function decide(role: Pick<Role, 'name' | 'arn' | 'inline' | 'managed' | 'boundary'>, action: string, resource: string, context: Record<string, string | string[]> = {}): Promise<Decision> {
  const resourcePolicy = resourcePolicies.get(resource);
  const response = await runSimulation(
    {
      request: { principal: role.arn, action, resource: { resource, accountId: ACCOUNT }, contextVariables: context },
      ...(resourcePolicy ? { resourcePolicy } : {}),
      identityPolicies: [...Object.entries(role.inline), ...Object.entries(role.managed)].map(([name, policy]) => ({ name, policy })),
      serviceControlPolicies: [],
      resourceControlPolicies: [],
      ...(role.boundary ? { permissionBoundaryPolicies: [{ name: 'permissions-boundary', policy: role.boundary }] } : {}),
    },
    {},
  );
  if (response.resultType === 'error') throw new Error(`${role.name} ${action} ${resource}: ${JSON.stringify(response.errors)}`);
  return response.overallResult as Decision;
}

function count(role: string, allowed: boolean): void {
  const entry = tally.get(role) ?? { allowed: 0, denied: 0 };
  if (allowed) entry.allowed += 1;
  else entry.denied += 1;
  tally.set(role, entry);
}

type Check = readonly [action: string, resource: string, context?: Record<string, string | string[]>];

async function expectAllowed(roleName: string, checks: readonly Check[]): Promise<void> {
  const role = roleNamed(roleName);
  const wrong: string[] = [];
  for (const [action, resource, context] of checks) {
    const decision = await decide(role, action, resource, context);
    if (decision !== 'Allowed') wrong.push(`${action} on ${resource}: ${decision}`);
    count(roleName, true);
  }
  expect(wrong).toEqual([]);
}

async function expectDenied(roleName: string, checks: readonly Check[], how: Decision | 'any' = 'any'): Promise<void> {
  const role = roleNamed(roleName);
  const wrong: string[] = [];
  for (const [action, resource, context] of checks) {
    const decision = await decide(role, action, resource, context);
    if (decision === 'Allowed' || (how !== 'any' && decision !== how)) wrong.push(`${action} on ${resource}: ${decision}`);
    count(roleName, false);
  }
  expect(wrong).toEqual([]);
}

beforeAll(async () => {
  const config = await loadConfiguration();
  // dev as environments/dev.tfvars makes it: the pipeline that promotes to staging and prod.
  root = config.render('', { repository: 'acme/dofs', state_bucket: `dofs-tfstate-${ACCOUNT}-${REGION}`, pipeline_environments: ['dev', 'staging', 'prod'], approval_environments: ['prod'] });
  boundaryArn = String(root.value('aws_iam_policy.permissions_boundary.arn'));
  const boundary = parse(root.value('aws_iam_policy.permissions_boundary.policy'));
  for (const child of ['lambdas', 'stepfunctions', 'api_gateway', 'deployments', 'cicd[0]']) collectRoles(root.child(child), boundary);
  // the inputs the root gives the pipeline (the API's URL, which AWS assigns, made up), but no
  // SecureString parameter of an API key
  const cicdInputs = root.child('cicd[0]').scope.var as Record<string, unknown>;
  const environments = cicdInputs.environments as Record<string, unknown>[];
  cicdWithoutSmokeKey = config.render('cicd', {
    ...Object.fromEntries(Object.keys(cicdInputs).map((name) => [name, cicdInputs[name]])),
    environments: environments.map((environment) => ({ ...environment, smoke_api_key_parameter: null })),
  });
  const monitoring = root.child('monitoring');
  resourcePolicies.set(String(monitoring.value('aws_kms_key.this.arn')), parse(monitoring.value('aws_kms_key.this.policy')));
});

/** The canary checks, printed as a table after the run (terraform/README.md quotes it). */
const canaryTable: string[][] = [];

type Row = readonly [action: string, resource: string, expected: Decision, context?: Record<string, string | string[]>];

/** Each row's decision must be the expected one; every row goes into the printed table. */
async function expectDecisions(roleName: string, rows: readonly Row[], label = roleName, role: Role = roleNamed(roleName)): Promise<void> {
  const wrong: string[] = [];
  for (const [action, resource, expected, context] of rows) {
    const decision = await decide(role, action, resource, context);
    if (decision !== expected) wrong.push(`${action} on ${resource}: ${decision}, expected ${expected}`);
    canaryTable.push([label, action, resource.replace(`arn:aws:`, '').replace(`:${REGION}:${ACCOUNT}:`, ' '), decision]);
    count(roleName, expected === 'Allowed');
  }
  expect(wrong).toEqual([]);
}

afterAll(() => {
  const widths = [0, 1, 2, 3].map((column) => Math.max(...canaryTable.map((row) => row[column]?.length ?? 0)));
  const table = canaryTable.map((row) => `  ${row.map((cell, column) => cell.padEnd(widths[column] ?? 0)).join('  ')}`);
  if (table.length > 0) process.stdout.write(`\nIAM simulation, canary deploys (role, action, resource, decision):\n${table.join('\n')}\n`);
  const lines = [...tally].map(([role, { allowed, denied }]) => `  ${role.padEnd(32)} ${String(allowed).padStart(3)} allowed  ${String(denied).padStart(3)} denied`);
  const total = [...tally.values()].reduce((sum, { allowed, denied }) => ({ allowed: sum.allowed + allowed, denied: sum.denied + denied }), { allowed: 0, denied: 0 });
  process.stdout.write(`\nIAM simulation (@cloud-copilot/iam-simulate), checks per role:\n${lines.join('\n')}\n  total: ${total.allowed} allowed, ${total.denied} denied\n`);
});

describe('every role the configuration creates', () => {
  it('carries the permissions boundary', () => {
    expect(roles.size).toBeGreaterThanOrEqual(10);
    const without = [...roles.values()].filter((role) => role.boundaryArn !== boundaryArn).map((role) => role.name);
    expect(without).toEqual([]);
  });

  it("fits IAM's size limits (non-whitespace characters: inline policies 10,240 per role, managed 6,144 each, trust 2,048, 10 attached)", () => {
    const over: string[] = [];
    const size = (document: PolicyDocument) => JSON.stringify(document).replace(/\s/g, '').length;
    for (const role of roles.values()) {
      const inline = Object.values(role.inline).reduce((sum, document) => sum + size(document), 0);
      if (inline > 10_240) over.push(`${role.name}: inline ${inline}`);
      for (const [name, document] of Object.entries(role.managed)) if (size(document) > 6_144) over.push(`${name}: ${size(document)}`);
      if (size(role.trust) > 2_048) over.push(`${role.name} trust: ${size(role.trust)}`);
      if (Object.keys(role.managed).length > 10) over.push(`${role.name}: ${Object.keys(role.managed).length} managed policies`);
    }
    const boundarySize = size(parse(root.value('aws_iam_policy.permissions_boundary.policy')));
    if (boundarySize > 6_144) over.push(`permissions boundary: ${boundarySize}`);
    expect(over).toEqual([]);
  });
});

describe('the Lambda roles', () => {
  const manifests = lambdaManifests();
  const tables = { orders: `${PREFIX}-orders`, failed_orders: `${PREFIX}-failed_orders` };
  const queues = { order_queue: `${PREFIX}-order_queue`, order_dlq: `${PREFIX}-order_dlq` };
  const TABLE_ACTIONS = ['dynamodb:GetItem', 'dynamodb:PutItem', 'dynamodb:UpdateItem', 'dynamodb:DeleteItem', 'dynamodb:Query', 'dynamodb:Scan', 'dynamodb:BatchWriteItem', 'dynamodb:DeleteTable'];
  const QUEUE_ACTIONS = ['sqs:SendMessage', 'sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes', 'sqs:PurgeQueue', 'sqs:DeleteQueue'];
  const SQS_TRIGGER_ACTIONS = ['sqs:ReceiveMessage', 'sqs:DeleteMessage', 'sqs:GetQueueAttributes'];

  /** "<actions> on <kind>:<name>" as ARNs, the way main.tf resolves a manifest's permissions. */
  function granted(app: string): Check[] {
    const resourceArns = root.value('local.resource_arns') as Record<string, string>;
    return (manifests[app]?.permissions ?? []).flatMap((permission) => {
      const [, actions = '', target = ''] = new RegExp(String(root.value('local.permission_pattern'))).exec(permission) ?? [];
      const resource = resourceArns[target];
      if (!resource) throw new Error(`${app}: ${permission} names no resource of this deployment`);
      return actions.split(',').map((action): Check => [action.trim(), resource]);
    });
  }

  it('name the tables and queues the deployment creates', () => {
    const resourceArns = root.value('local.resource_arns') as Record<string, string>;
    expect(resourceArns).toMatchObject({
      'table:orders': arn.table(tables.orders),
      'table:failed_orders': arn.table(tables.failed_orders),
      'queue:order_queue': arn.queue(queues.order_queue),
      'queue:order_dlq': arn.queue(queues.order_dlq),
    });
  });

  it.each(Object.keys(manifests))("%s: lambda.json's permissions are the AWS calls its code makes, plus what its trigger needs", (app) => {
    const manifest = manifests[app];
    const declared = [...new Set(granted(app).map(([action]) => action))].sort();
    const trigger = manifest?.trigger.type === 'sqs' ? SQS_TRIGGER_ACTIONS : [];
    expect(declared).toEqual([...new Set([...sdkActionsOf(app), ...trigger])].sort());
  });

  it.each(Object.keys(manifests))('%s: allowed exactly its permissions, its own logs and traces', async (app) => {
    const role = `${PREFIX}-${app}`;
    await expectAllowed(role, [
      ...granted(app),
      ['logs:CreateLogStream', arn.logGroup(`/aws/lambda/${role}`)],
      ['logs:PutLogEvents', arn.logGroup(`/aws/lambda/${role}`)],
      ['xray:PutTraceSegments', '*'],
    ]);
  });

  it.each(Object.keys(manifests))('%s: denied every neighbour (other actions and tables, other queues, other machines, others\' logs)', async (app) => {
    const role = `${PREFIX}-${app}`;
    const allowed = new Set(granted(app).map(([action, resource]) => `${action} ${resource}`));
    const neighbours = ([
      ...[...Object.values(tables), `${PREFIX}-other`, 'other-app-orders'].flatMap((table) => TABLE_ACTIONS.map((action): Check => [action, arn.table(table)])),
      ...[...Object.values(queues), `${PREFIX}-other-queue`].flatMap((queue) => QUEUE_ACTIONS.map((action): Check => [action, arn.queue(queue)])),
      ['states:StartSyncExecution', arn.machine(`${PREFIX}-other-workflow`)],
      ['states:StartExecution', arn.machine(`${PREFIX}-order-workflow`)],
      ['lambda:InvokeFunction', arn.fn(`${PREFIX}-api-handler`)],
      ['logs:PutLogEvents', arn.logGroup(`/aws/lambda/${PREFIX}-${app === 'validator' ? 'api-handler' : 'validator'}`)],
      ['logs:CreateLogGroup', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/${role}`],
      ['sns:Publish', arn.topic(`${PREFIX}-alerts`)],
      ['iam:PassRole', arn.role(role)],
      ['iam:PutRolePolicy', arn.role(role), { 'iam:PermissionsBoundary': boundaryArn }],
    ] satisfies Check[]).filter(([action, resource]) => !allowed.has(`${action} ${resource}`));
    await expectDenied(role, neighbours);
  });
});

describe("api-handler's GET /orders", () => {
  const role = `${PREFIX}-api-handler`;
  const orders = `${PREFIX}-orders`;

  it('queries the two indexes of orders and nothing else: not the table, not another index, no Scan', async () => {
    await expectAllowed(role, [
      ['dynamodb:Query', arn.index(orders, 'customer_id-created_at-index')],
      ['dynamodb:Query', arn.index(orders, 'status-created_at-index')],
    ]);
    await expectDenied(role, [
      ['dynamodb:Query', arn.table(orders)],
      ['dynamodb:Query', arn.index(orders, 'other-index')],
      ['dynamodb:Query', arn.index(`${PREFIX}-failed_orders`, 'status-created_at-index')],
      ['dynamodb:Query', arn.index('other-app-orders', 'status-created_at-index')],
      ['dynamodb:Scan', arn.table(orders)],
      ['dynamodb:Scan', arn.index(orders, 'customer_id-created_at-index')],
      ['dynamodb:Scan', arn.index(orders, 'status-created_at-index')],
      ['dynamodb:GetItem', arn.index(orders, 'status-created_at-index')],
      ['dynamodb:PartiQLSelect', arn.index(orders, 'status-created_at-index')],
      ['dynamodb:UpdateTable', arn.table(orders)],
    ]);
  });
});

describe('the Step Functions role', () => {
  const role = `${PREFIX}-order-workflow`;

  it('may invoke only its task functions and send only to order_queue', async () => {
    await expectAllowed(role, [
      ['lambda:InvokeFunction', arn.alias(`${PREFIX}-validator`)],
      ['lambda:InvokeFunction', arn.alias(`${PREFIX}-order-storage`)],
      ['sqs:SendMessage', arn.queue(`${PREFIX}-order_queue`)],
      ['logs:CreateLogDelivery', '*'],
      ['xray:PutTraceSegments', '*'],
    ]);
    await expectDenied(role, [
      ['lambda:InvokeFunction', arn.fn(`${PREFIX}-api-handler`)],
      ['lambda:InvokeFunction', arn.fn(`${PREFIX}-fulfill-order`)],
      ['lambda:InvokeFunction', arn.fn(`${PREFIX}-dlq-processor`)],
      ['lambda:InvokeFunction', arn.fn('other-app-validator')],
      // the alias only: never the unqualified function ($LATEST), nor a version behind CodeDeploy's back
      ['lambda:InvokeFunction', arn.fn(`${PREFIX}-validator`)],
      ['lambda:InvokeFunction', `${arn.fn(`${PREFIX}-order-storage`)}:7`],
      ['sqs:SendMessage', arn.queue(`${PREFIX}-order_dlq`)],
      ['sqs:SendMessage', arn.queue(`${PREFIX}-other-queue`)],
      ['sqs:DeleteQueue', arn.queue(`${PREFIX}-order_queue`)],
      ['sqs:PurgeQueue', arn.queue(`${PREFIX}-order_queue`)],
      ['dynamodb:PutItem', arn.table(`${PREFIX}-orders`)],
      ['states:StartExecution', arn.machine(`${PREFIX}-order-workflow`)],
      ['sns:Publish', arn.topic(`${PREFIX}-alerts`)],
      ['iam:PassRole', arn.role(`${PREFIX}-api-handler`)],
    ]);
  });
});

describe("API Gateway's logging role", () => {
  const role = `${PREFIX}-api-cloudwatch`;

  it('writes logs and nothing else', async () => {
    await expectAllowed(role, [
      ['logs:CreateLogGroup', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:API-Gateway-Execution-Logs_abc123/dev`],
      ['logs:PutLogEvents', arn.logGroup('API-Gateway-Execution-Logs_abc123/dev')],
    ]);
    await expectDenied(role, [
      ['logs:DeleteLogGroup', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/lambda/${PREFIX}-api-handler`],
      ['lambda:InvokeFunction', arn.fn(`${PREFIX}-api-handler`)],
      ['dynamodb:GetItem', arn.table(`${PREFIX}-orders`)],
      ['iam:PassRole', arn.role(`${PREFIX}-api-handler`)],
    ]);
  });
});

describe('the pipeline roles', () => {
  const apply = `${PREFIX}-apply`;
  const plan = `${PREFIX}-plan`;
  const smoke = `${PREFIX}-smoke`;
  const pipeline = `${PREFIX}-pipeline`;
  const pipelineRoles = [pipeline, plan, apply, smoke];
  const pipelinePolicies = ['build', 'terraform-read', 'terraform-app', 'terraform-platform', 'smoke'].map((name) => arn.policy(`${PREFIX}-${name}`));

  it('the apply role cannot change its own permissions, nor those of the other pipeline roles', async () => {
    const checks: Check[] = pipelineRoles.flatMap((target): Check[] => [
      ['iam:PutRolePolicy', arn.role(target), withBoundary()],
      ['iam:DeleteRolePolicy', arn.role(target), withBoundary()],
      ['iam:AttachRolePolicy', arn.role(target), { ...withBoundary(), 'iam:PolicyARN': arn.policy(`${PREFIX}-terraform-platform`) }],
      ['iam:DetachRolePolicy', arn.role(target), { ...withBoundary(), 'iam:PolicyARN': arn.policy(`${PREFIX}-terraform-platform`) }],
      ['iam:UpdateAssumeRolePolicy', arn.role(target)],
      ['iam:DeleteRolePermissionsBoundary', arn.role(target), withBoundary()],
      ['iam:PutRolePermissionsBoundary', arn.role(target), withBoundary()],
      ['iam:DeleteRole', arn.role(target)],
    ]);
    const policies: Check[] = [...pipelinePolicies, boundaryArn].flatMap((policy): Check[] => [
      ['iam:CreatePolicyVersion', policy],
      ['iam:SetDefaultPolicyVersion', policy],
      ['iam:DeletePolicy', policy],
    ]);
    await expectDenied(apply, [...checks, ...policies], 'ExplicitlyDenied');
  });

  it('the apply role creates and changes roles only with the boundary, and attaches only this deployment\'s policies', async () => {
    const lambdaRole = arn.role(`${PREFIX}-api-handler`);
    await expectAllowed(apply, [
      ['iam:CreateRole', arn.role(`${PREFIX}-new-function`), withBoundary()],
      ['iam:PutRolePolicy', lambdaRole, withBoundary()],
      ['iam:AttachRolePolicy', lambdaRole, { ...withBoundary(), 'iam:PolicyARN': arn.policy(`${PREFIX}-extra`) }],
      ['iam:PassRole', lambdaRole, { 'iam:PassedToService': 'lambda.amazonaws.com' }],
      ['dynamodb:CreateTable', arn.table(`${PREFIX}-orders`)],
      ['kms:CreateKey', '*', { 'aws:RequestTag/Name': `${PREFIX}-alerts` }],
      ['apigateway:POST', `arn:aws:apigateway:${REGION}::/usageplans`],
      ['apigateway:POST', `arn:aws:apigateway:${REGION}::/apikeys`],
      ['ssm:PutParameter', arn.parameter(`/${PREFIX}/smoke/api-url`)],
    ]);
    await expectDenied(apply, [
      ['iam:CreateRole', arn.role(`${PREFIX}-new-function`)],
      ['iam:CreateRole', arn.role(`${PREFIX}-new-function`), { 'iam:PermissionsBoundary': arn.policy('some-other-boundary') }],
      ['iam:PutRolePolicy', arn.role('someone-elses-role'), withBoundary()],
      ['iam:PutRolePolicy', arn.role(`${PREFIX}-unbounded`), { 'iam:PermissionsBoundary': arn.policy('some-other-boundary') }],
      ['iam:AttachRolePolicy', lambdaRole, { ...withBoundary(), 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' }],
      ['iam:DeleteRolePermissionsBoundary', lambdaRole, withBoundary()],
      ['iam:PassRole', lambdaRole, { 'iam:PassedToService': 'ec2.amazonaws.com' }],
      ['iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/${PREFIX}-deployer`],
      ['iam:CreateAccessKey', `arn:aws:iam::${ACCOUNT}:user/${PREFIX}-deployer`],
      ['kms:CreateKey', '*'],
      ['dynamodb:DeleteTable', arn.table('other-app-orders')],
      ['ec2:RunInstances', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`],
    ]);
  });

  it('the plan role reads and locks the state but changes nothing', async () => {
    await expectAllowed(plan, [
      ['sts:GetCallerIdentity', '*'],
      ['dynamodb:DescribeTable', arn.table(`${PREFIX}-orders`)],
      ['iam:GetRole', arn.role(`${PREFIX}-api-handler`)],
      ['s3:GetObject', `arn:aws:s3:::dofs-tfstate-${ACCOUNT}-${REGION}/dofs/dev/terraform.tfstate`],
    ]);
    await expectDenied(plan, [
      ['dynamodb:DeleteTable', arn.table(`${PREFIX}-orders`)],
      ['dynamodb:PutItem', arn.table(`${PREFIX}-orders`)],
      ['iam:CreateRole', arn.role(`${PREFIX}-new-function`), withBoundary()],
      ['iam:PutRolePolicy', arn.role(`${PREFIX}-plan`), withBoundary()],
      ['lambda:UpdateFunctionCode', arn.fn(`${PREFIX}-api-handler`)],
      ['s3:PutObject', `arn:aws:s3:::dofs-tfstate-${ACCOUNT}-${REGION}/dofs/dev/terraform.tfstate`],
    ]);
  });

  it('the pipeline role runs its three builds and notifies the approvers through the encrypted topic', async () => {
    const key = String(root.child('monitoring').value('aws_kms_key.this.arn'));
    await expectAllowed(pipeline, [
      ['codebuild:StartBuild', arn.project(`${PREFIX}-plan`)],
      ['codebuild:StartBuild', arn.project(`${PREFIX}-apply`)],
      ['codebuild:StartBuild', arn.project(`${PREFIX}-smoke`)],
      ['codebuild:BatchGetBuilds', arn.project(`${PREFIX}-smoke`)],
      ['sns:Publish', arn.topic(`${PREFIX}-alerts`)],
      ['kms:GenerateDataKey', key],
    ]);
    await expectDenied(pipeline, [
      ['codebuild:StartBuild', arn.project('other-app-build')],
      ['sns:Publish', arn.topic('other-topic')],
      ['kms:Decrypt', `arn:aws:kms:${REGION}:${ACCOUNT}:key/00000000-0000-0000-0000-000000000000`],
      ['iam:PassRole', arn.role(apply)],
      ['iam:PassRole', arn.role(smoke)],
      ['iam:PutRolePolicy', arn.role(pipeline), withBoundary()],
    ]);
  });

  const smokeLogs = arn.logGroup(`/aws/codebuild/${smoke}`);
  const artifactBucket = `${PREFIX}-pipeline-${ACCOUNT}-${REGION}`;
  const apiUrlParameter = arn.parameter(`/${PREFIX}/smoke/api-url`);
  /** What the Smoke build does whether or not it sends a key: its logs, the source, the API's URL. */
  const smokeNeeds = (): Check[] => [
    ['logs:CreateLogStream', smokeLogs],
    ['logs:PutLogEvents', smokeLogs],
    ['s3:GetObject', `arn:aws:s3:::${artifactBucket}/${PREFIX}-deploy/source/abc.zip`],
    ['s3:GetBucketLocation', `arn:aws:s3:::${artifactBucket}`],
    ['codeconnections:UseConnection', String(root.child('cicd[0]').value('local.connection_arn'))],
    ['ssm:GetParameter', apiUrlParameter],
  ];
  /** Next to it: other parameters and logs, writing anything, the state, the deployed resources. */
  const smokeNeighbours = (): Check[] => [
    ['ssm:GetParameter', arn.parameter(`/${PREFIX}/other`)],
    ['ssm:GetParameter', arn.parameter('/other-app/smoke/api-url')],
    ['ssm:GetParameters', apiUrlParameter],
    ['ssm:GetParametersByPath', arn.parameter(`/${PREFIX}/smoke`)],
    ['ssm:PutParameter', apiUrlParameter],
    ['ssm:DeleteParameter', apiUrlParameter],
    ['logs:PutLogEvents', arn.logGroup(`/aws/codebuild/${apply}`)],
    ['logs:DeleteLogGroup', `arn:aws:logs:${REGION}:${ACCOUNT}:log-group:/aws/codebuild/${smoke}`],
    ['s3:PutObject', `arn:aws:s3:::${artifactBucket}/${PREFIX}-deploy/source/abc.zip`],
    ['s3:DeleteObject', `arn:aws:s3:::${artifactBucket}/${PREFIX}-deploy/source/abc.zip`],
    ['s3:GetObject', `arn:aws:s3:::dofs-tfstate-${ACCOUNT}-${REGION}/dofs/dev/terraform.tfstate`],
    ['s3:GetObject', `arn:aws:s3:::${PREFIX}-releases-${ACCOUNT}-${REGION}/deployments/dev/deployed.json`],
    ['codebuild:StartBuild', arn.project(`${PREFIX}-apply`)],
    ['codepipeline:PutApprovalResult', `arn:aws:codepipeline:${REGION}:${ACCOUNT}:${PREFIX}-deploy/Deploy/Approve`],
    ['apigateway:GET', `arn:aws:apigateway:${REGION}::/apikeys`],
    ['dynamodb:GetItem', arn.table(`${PREFIX}-orders`)],
    ['dynamodb:PutItem', arn.table(`${PREFIX}-orders`)],
    ['states:StartSyncExecution', arn.machine(`${PREFIX}-order-workflow`)],
    ['lambda:InvokeFunction', arn.fn(`${PREFIX}-api-handler`)],
    ['lambda:UpdateFunctionCode', arn.fn(`${PREFIX}-api-handler`)],
    ['iam:PassRole', arn.role(apply)],
    ['iam:PutRolePolicy', arn.role(smoke), withBoundary()],
    ['iam:CreateRole', arn.role(`${PREFIX}-new-function`), withBoundary()],
    ['kms:Decrypt', String(root.child('monitoring').value('aws_kms_key.this.arn'))],
  ];

  // The key policy AWS gives every account's aws/ssm key: any principal of the account, via SSM.
  const awsSsmKey = `arn:aws:kms:${REGION}:${ACCOUNT}:key/aaaaaaaa-0000-4000-8000-000000000000`;
  const viaSsm = { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': `ssm.${REGION}.amazonaws.com` };

  it("the smoke role reads its logs, the source, the API's URL and its own API key (decrypted only through SSM), and changes nothing", async () => {
    expect(root.value('aws_ssm_parameter.smoke_api_key[0].name')).toBe(SMOKE_KEY_PARAMETER);
    expect(root.value('aws_ssm_parameter.smoke_api_key[0].type')).toBe('SecureString');
    resourcePolicies.set(awsSsmKey, {
      Version: '2012-10-17',
      Statement: [
        {
          Effect: 'Allow',
          Principal: { AWS: ['*'] },
          Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
          Resource: ['*'],
          Condition: { StringEquals: { 'kms:CallerAccount': [ACCOUNT], 'kms:ViaService': [`ssm.${REGION}.amazonaws.com`] } },
        },
      ],
    });
    await expectAllowed(smoke, [...smokeNeeds(), ['ssm:GetParameter', arn.parameter(SMOKE_KEY_PARAMETER)], ['kms:Decrypt', awsSsmKey, viaSsm]]);
    await expectDenied(smoke, [
      ...smokeNeighbours(),
      ['ssm:PutParameter', arn.parameter(SMOKE_KEY_PARAMETER)],
      ['kms:Decrypt', awsSsmKey, { 'kms:CallerAccount': ACCOUNT }],
      ['kms:Decrypt', awsSsmKey, { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': `s3.${REGION}.amazonaws.com` }],
    ]);
  });

  it('the smoke role of a pipeline given no API key parameter reads the URL parameter only', async () => {
    const boundary = parse(root.value('aws_iam_policy.permissions_boundary.policy'));
    collectRoles(cicdWithoutSmokeKey, boundary);
    await expectAllowed(smoke, smokeNeeds());
    await expectDenied(smoke, [...smokeNeighbours(), ['ssm:GetParameter', arn.parameter(SMOKE_KEY_PARAMETER)]]);
  });
});

describe("the alerts topic's KMS key", () => {
  it('lets CloudWatch alarms (this account) and pipeline notifications encrypt for the topic, and no other service', async () => {
    const monitoring = root.child('monitoring');
    const key = String(monitoring.value('aws_kms_key.this.arn'));
    const service = (principal: string) => ({ name: principal, arn: principal, inline: {}, managed: {}, boundary: undefined });
    const results: string[] = [];
    const check = async (principal: string, action: string, context: Record<string, string>, expected: boolean) => {
      const decision = await decide(service(principal), action, key, context);
      if ((decision === 'Allowed') !== expected) results.push(`${principal} ${action} ${JSON.stringify(context)}: ${decision}`);
      count(`kms key ${String(monitoring.value('aws_kms_alias.this.name'))}`, expected);
    };
    await check('cloudwatch.amazonaws.com', 'kms:GenerateDataKey', { 'aws:SourceAccount': ACCOUNT }, true);
    await check('cloudwatch.amazonaws.com', 'kms:Decrypt', { 'aws:SourceAccount': ACCOUNT }, true);
    await check('codestar-notifications.amazonaws.com', 'kms:GenerateDataKey', { 'kms:ViaService': `sns.${REGION}.amazonaws.com` }, true);
    await check('cloudwatch.amazonaws.com', 'kms:GenerateDataKey', { 'aws:SourceAccount': '999999999999' }, false);
    await check('cloudwatch.amazonaws.com', 'kms:ScheduleKeyDeletion', { 'aws:SourceAccount': ACCOUNT }, false);
    await check('codestar-notifications.amazonaws.com', 'kms:GenerateDataKey', { 'kms:ViaService': `s3.${REGION}.amazonaws.com` }, false);
    await check('s3.amazonaws.com', 'kms:Decrypt', { 'aws:SourceAccount': ACCOUNT }, false);
    expect(results).toEqual([]);
  });
});

describe('the permissions boundary, on its own', () => {
  // A role whose own policy allows everything (say, someone attached AdministratorAccess by hand)
  // is still held by the boundary.
  const anything: PolicyDocument = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: ['*'], Resource: ['*'] }] };

  it('caps an all-powerful role at the stack\'s services and keeps every escalation closed', async () => {
    const boundary = parse(root.value('aws_iam_policy.permissions_boundary.policy'));
    roles.set('boundary-only', { name: 'boundary-only', arn: arn.role(`${PREFIX}-boundary-probe`), boundaryArn, boundary, inline: { anything }, managed: {}, trust: anything });
    await expectAllowed('boundary-only', [
      ['dynamodb:PutItem', arn.table(`${PREFIX}-orders`)],
      ['iam:CreateRole', arn.role(`${PREFIX}-x`), withBoundary()],
    ]);
    await expectDenied(
      'boundary-only',
      [
        ['iam:CreateRole', arn.role(`${PREFIX}-x`)],
        ['iam:DeleteRolePermissionsBoundary', arn.role(`${PREFIX}-api-handler`), withBoundary()],
        ['iam:CreatePolicyVersion', boundaryArn],
        ['iam:PutRolePolicy', arn.role(`${PREFIX}-apply`), withBoundary()],
        ['iam:AttachRolePolicy', arn.role(`${PREFIX}-api-handler`), { ...withBoundary(), 'iam:PolicyARN': 'arn:aws:iam::aws:policy/AdministratorAccess' }],
        ['iam:CreateUser', `arn:aws:iam::${ACCOUNT}:user/anyone`],
      ],
      'ExplicitlyDenied',
    );
    await expectDenied('boundary-only', [
      ['ec2:RunInstances', `arn:aws:ec2:${REGION}:${ACCOUNT}:instance/*`],
      ['secretsmanager:GetSecretValue', `arn:aws:secretsmanager:${REGION}:${ACCOUNT}:secret:anything`],
    ]);
  });
});

describe('canary deploys', () => {
  const apps = Object.keys(lambdaManifests());
  const codedeploy = `${PREFIX}-codedeploy`;
  const canary = `${PREFIX}-canary`;
  const apply = `${PREFIX}-apply`;
  const ENVIRONMENTS = ['dofs-dev', 'dofs-staging', 'dofs-prod'];

  it("CodeDeploy's role may move only these functions' alias live and read only their rollback alarms", async () => {
    await expectDecisions(codedeploy, [
      ...apps.flatMap((app): Row[] => [
        ['lambda:GetAlias', arn.alias(`${PREFIX}-${app}`), 'Allowed'],
        ['lambda:UpdateAlias', arn.alias(`${PREFIX}-${app}`), 'Allowed'],
      ]),
      ['cloudwatch:DescribeAlarms', arn.alarm(`${PREFIX}-rollback-api-handler-errors`), 'Allowed'],
      ['cloudwatch:DescribeAlarms', arn.alarm(`${PREFIX}-rollback-workflow-failed`), 'Allowed'],
      ['lambda:UpdateAlias', arn.alias(`${PREFIX}-api-handler`, 'other'), 'ImplicitlyDenied'],
      ['lambda:UpdateAlias', arn.alias('dofs-prod-api-handler'), 'ImplicitlyDenied'],
      ['lambda:UpdateAlias', arn.alias('other-app-api-handler'), 'ImplicitlyDenied'],
      ['lambda:UpdateFunctionCode', arn.fn(`${PREFIX}-api-handler`), 'ImplicitlyDenied'],
      ['lambda:PublishVersion', arn.fn(`${PREFIX}-api-handler`), 'ImplicitlyDenied'],
      ['lambda:InvokeFunction', arn.alias(`${PREFIX}-api-handler`), 'ImplicitlyDenied'],
      ['cloudwatch:SetAlarmState', arn.alarm(`${PREFIX}-rollback-api-handler-errors`), 'ExplicitlyDenied'],
      ['cloudwatch:DescribeAlarms', arn.alarm(`${PREFIX}-api-5xx`), 'ImplicitlyDenied'],
      ['sns:Publish', arn.topic(`${PREFIX}-alerts`), 'ImplicitlyDenied'],
      ['iam:PassRole', arn.role(`${PREFIX}-api-handler`), 'ImplicitlyDenied'],
    ]);
  });

  it("the canary build may start and follow only these environments' function deployments", async () => {
    await expectDecisions(canary, [
      ...ENVIRONMENTS.flatMap((prefix): Row[] => [
        ['codedeploy:CreateDeployment', arn.deploymentGroup(prefix, 'api-handler'), 'Allowed'],
        ['codedeploy:GetDeployment', arn.deploymentGroup(prefix, 'fulfill-order'), 'Allowed'],
      ]),
      ['codedeploy:RegisterApplicationRevision', arn.codedeployApp('dofs-prod'), 'Allowed'],
      ['codedeploy:GetDeploymentConfig', arn.deploymentConfig('CodeDeployDefault.LambdaCanary10Percent5Minutes'), 'Allowed'],
      ['lambda:GetAlias', arn.alias('dofs-staging-validator'), 'Allowed'],
      ['codedeploy:CreateDeployment', arn.deploymentGroup('other-app', 'api-handler'), 'ImplicitlyDenied'],
      ['codedeploy:GetDeploymentConfig', arn.deploymentConfig('CodeDeployDefault.AllAtOnce'), 'ImplicitlyDenied'],
      ['codedeploy:StopDeployment', '*', 'ImplicitlyDenied'],
      ['codedeploy:UpdateDeploymentGroup', arn.deploymentGroup(PREFIX, 'api-handler'), 'ExplicitlyDenied'],
      ['codedeploy:CreateDeploymentGroup', arn.deploymentGroup(PREFIX, 'new'), 'ImplicitlyDenied'],
      ['lambda:UpdateAlias', arn.alias(`${PREFIX}-api-handler`), 'ImplicitlyDenied'],
      ['lambda:UpdateFunctionCode', arn.fn(`${PREFIX}-api-handler`), 'ImplicitlyDenied'],
      ['cloudwatch:SetAlarmState', arn.alarm(`${PREFIX}-rollback-workflow-failed`), 'ExplicitlyDenied'],
      ['iam:PassRole', arn.role(`${PREFIX}-codedeploy`), 'ImplicitlyDenied'],
      ['s3:GetObject', `arn:aws:s3:::dofs-tfstate-${ACCOUNT}-${REGION}/dofs/prod/terraform.tfstate`, 'ImplicitlyDenied'],
    ]);
  });

  it('the pipeline role starts the builds (the Canary one included) but no deployment itself', async () => {
    await expectDecisions(`${PREFIX}-pipeline`, [
      ['codebuild:StartBuild', arn.project(`${PREFIX}-build`), 'Allowed'],
      ['codebuild:StartBuild', arn.project(`${PREFIX}-canary`), 'Allowed'],
      ['codedeploy:CreateDeployment', arn.deploymentGroup(PREFIX, 'api-handler'), 'ImplicitlyDenied'],
      ['lambda:UpdateAlias', arn.alias(`${PREFIX}-api-handler`), 'ImplicitlyDenied'],
    ]);
  });

  it("apply creates the deployment groups and alarms, but may not change or silence the rollback net: its boundary denies it", async () => {
    const net: Row[] = [
      ['codedeploy:UpdateDeploymentGroup', arn.deploymentGroup('dofs-prod', 'api-handler'), 'ExplicitlyDenied'],
      ['codedeploy:DeleteDeploymentGroup', arn.deploymentGroup('dofs-prod', 'api-handler'), 'ExplicitlyDenied'],
      ['codedeploy:DeleteApplication', arn.codedeployApp('dofs-staging'), 'ExplicitlyDenied'],
      ['cloudwatch:DeleteAlarms', arn.alarm('dofs-prod-rollback-api-handler-errors'), 'ExplicitlyDenied'],
    ];
    await expectDecisions(apply, [
      ['codedeploy:CreateApplication', arn.codedeployApp('dofs-staging'), 'Allowed'],
      ['codedeploy:CreateDeploymentGroup', arn.deploymentGroup('dofs-prod', 'api-handler'), 'Allowed'],
      ['cloudwatch:PutMetricAlarm', arn.alarm('dofs-prod-rollback-api-handler-errors'), 'Allowed'],
      ['lambda:PublishVersion', arn.fn('dofs-prod-api-handler'), 'Allowed'],
      ['lambda:CreateAlias', arn.fn('dofs-prod-api-handler'), 'Allowed'],
      ['iam:PassRole', arn.role('dofs-prod-codedeploy'), 'Allowed', { 'iam:PassedToService': 'codedeploy.amazonaws.com' }],
      ['iam:CreateRole', arn.role('dofs-prod-codedeploy'), 'Allowed', { 'iam:PermissionsBoundary': arn.policy('dofs-prod-permissions-boundary') }],
      ['iam:CreateRole', arn.role('dofs-prod-codedeploy'), 'ExplicitlyDenied', { 'iam:PermissionsBoundary': arn.policy('other-app-permissions-boundary') }],
      ...net,
      ['cloudwatch:SetAlarmState', arn.alarm('dofs-staging-rollback-workflow-failed'), 'ExplicitlyDenied'],
      ['cloudwatch:DisableAlarmActions', arn.alarm('dofs-dev-rollback-validator-p99-duration'), 'ExplicitlyDenied'],
      ['codedeploy:CreateDeployment', arn.deploymentGroup('dofs-prod', 'api-handler'), 'ImplicitlyDenied'],
      ['lambda:UpdateAlias', arn.fn('other-app-api-handler'), 'ImplicitlyDenied'],
    ]);
    // The same role without its boundary: its own policy would let it change the net.
    const unbounded = { ...roleNamed(apply), boundary: undefined };
    await expectDecisions(apply, net.map(([action, resource]): Row => [action, resource, 'Allowed']), `${apply} without its boundary`, unbounded);
  });
});
