// IAM: exact actions, on exact resources; "*" only where AWS offers no resource-level permission.
import { type Body, blocksIncludingDynamic, blocksOf, localsOf, parseAll, parseDir } from './support/terraform';

interface Statement {
  readonly where: string; // file:document:sid
  readonly body: Body;
}

async function allowStatements(): Promise<Statement[]> {
  return blocksOf(await parseAll(), 'data', 'aws_iam_policy_document').flatMap((doc) =>
    blocksIncludingDynamic(doc.body, 'statement')
      .filter((statement) => (statement.effect ?? 'Allow') === 'Allow')
      .map((statement) => ({ where: `${doc.file}:${doc.name}:${String(statement.sid)}`, body: statement })),
  );
}

/**
 * The only statements allowed a "*" resource, each because the AWS API has no resource-level
 * permission for its actions.
 */
const WILDCARD_RESOURCE_ALLOWED: Record<string, string> = {
  'modules/lambdas/iam.tf:this:WriteTraces': 'xray:PutTraceSegments/PutTelemetryRecords take no resource (AWS requires "*")',
  'modules/stepfunctions/iam.tf:this:WriteTraces': 'X-Ray trace and sampling APIs take no resource (AWS requires "*")',
  'modules/stepfunctions/iam.tf:this:DeliverExecutionLogs': 'CloudWatch Logs vended-log delivery APIs for Express workflow logging take no resource (AWS requires "*")',
  'modules/api_gateway/iam.tf:cloudwatch:WriteApiGatewayLogs': "the account-wide API Gateway logging role writes every API's log groups, named by API Gateway (as AWS's AmazonAPIGatewayPushToCloudWatchLogs policy)",
  'cicd/iam_roles.tf:terraform_read:WhoAmI': 'sts:GetCallerIdentity takes no resource (AWS requires "*")',
  'cicd/iam_roles.tf:terraform_read_platform:DescribeParameters': 'ssm:DescribeParameters takes no resource (AWS requires "*"); the provider refreshes parameters with it',
  'cicd/iam_roles.tf:terraform_write_application:CreateEventSourceMappings': 'CreateEventSourceMapping has no resource ARN before the mapping exists; narrowed by the lambda:FunctionArn condition',
  'cicd/iam_roles.tf:terraform_write_application:SetUpWorkflowLogDelivery': 'creating a state machine with logging needs the vended-log delivery APIs, which take no resource (AWS requires "*")',
  'cicd/iam_roles.tf:terraform_read_platform:ListKeyAliases': 'kms:ListAliases takes no resource (AWS requires "*")',
  'cicd/iam_roles.tf:terraform_write_monitoring:CreateOwnKeys': 'a KMS key has no ARN before CreateKey; narrowed by the aws:RequestTag/Name condition to this deployment',
  'modules/monitoring/kms.tf:alerts_key:AccountAdministersTheKey': 'in a key policy "*" is the key itself; the account statement keeps the key manageable (AWS default key policy)',
  'modules/monitoring/kms.tf:alerts_key:CloudWatchAlarmsPublish': 'in a key policy "*" is the key itself; narrowed to this account by aws:SourceAccount',
  'modules/monitoring/kms.tf:alerts_key:PipelineNotificationsPublish': 'in a key policy "*" is the key itself; narrowed to use through SNS by kms:ViaService',
  'permissions_boundary.tf:permissions_boundary:ServicesOfThisStack': 'a permissions boundary grants nothing: it caps every role at the stack\'s services; the roles\' own policies name exact resources',
};

/**
 * The only statements allowed a wildcard in an action: a boundary and a key policy, which grant
 * nothing to a role by themselves.
 */
const WILDCARD_ACTION_ALLOWED: Record<string, string> = {
  'permissions_boundary.tf:permissions_boundary:ServicesOfThisStack': 'the boundary caps roles at whole services; what a role may do is its own policy\'s exact actions (tests/iam-simulation.test.ts)',
  'modules/monitoring/kms.tf:alerts_key:AccountAdministersTheKey': "AWS's default key policy statement: without kms:* for the account the key can become unmanageable",
  'modules/monitoring/kms.tf:alerts_key:CloudWatchAlarmsPublish': 'kms:GenerateDataKey* as AWS documents for CloudWatch alarms publishing to an encrypted SNS topic',
  'modules/monitoring/kms.tf:alerts_key:PipelineNotificationsPublish': 'kms:GenerateDataKey* as AWS documents for notifications published to an encrypted SNS topic',
};

describe('IAM policy documents', () => {
  it('are the only way policies are written (no inline JSON, no AWS managed policy attachments)', async () => {
    const files = await parseAll();
    for (const parsed of files) {
      expect(parsed.text).not.toMatch(/(^|\s)(policy|assume_role_policy)\s*=\s*jsonencode/m);
      expect(parsed.text).not.toMatch(/arn:aws:iam::aws:policy\//);
    }
    const policies = blocksOf(files, 'resource').filter((found) => ['aws_iam_role_policy', 'aws_iam_policy'].includes(found.type));
    expect(policies.length).toBeGreaterThan(0);
    for (const found of policies) expect(String(found.body.policy)).toMatch(/^\$\{(data\.aws_iam_policy_document\.[a-z_]+(\[[^\]]+\])?\.json|each\.value)\}$/);
    for (const role of blocksOf(files, 'resource', 'aws_iam_role')) expect(String(role.body.assume_role_policy)).toMatch(/^\$\{data\.aws_iam_policy_document\.[a-z_]+(\[0\])?\.json\}$/);
  });

  it('list actions one by one: no "*" and no wildcard in any allowed action', async () => {
    const statements = await allowStatements();
    expect(statements.length).toBeGreaterThan(50);
    const wildcard = statements
      .filter((s) => !(s.where in WILDCARD_ACTION_ALLOWED))
      .flatMap((s) => (Array.isArray(s.body.actions) ? (s.body.actions as string[]) : []).filter((a) => a.includes('*')).map((a) => `${s.where}: ${a}`));
    expect(wildcard).toEqual([]);
    for (const reason of Object.values(WILDCARD_ACTION_ALLOWED)) expect(reason.length).toBeGreaterThan(20);
    for (const s of statements) expect(s.body.not_actions ?? s.body.not_resources).toBeUndefined();
  });

  it('build action lists from expressions only where those expressions hold exact actions', async () => {
    const expressions = (await allowStatements()).filter((s) => !Array.isArray(s.body.actions)).map((s) => `${s.where} = ${String(s.body.actions)}`);
    expect(expressions.sort()).toEqual([
      'cicd/iam_roles.tf:build_common:CloneThroughConnection = ${concat(local.source_connection_actions, ["codeconnections:GetConnection", "codeconnections:GetConnectionToken"])}',
      'cicd/iam_roles.tf:pipeline:UseGitHubConnection = ${local.source_connection_actions}',
      'cicd/iam_roles.tf:smoke:CloneThroughConnection = ${concat(local.source_connection_actions, ["codeconnections:GetConnection", "codeconnections:GetConnectionToken"])}',
      'modules/lambdas/iam.tf:this:Manifest${statement.key} = ${statement.value.actions}',
    ]);
    expect(localsOf(await parseDir('cicd')).source_connection_actions).toEqual(['codeconnections:UseConnection', 'codestar-connections:UseConnection']);
    // The manifest actions are checked by a validation of the lambdas module...
    const lambdaVariables = (await parseDir('modules/lambdas')).find((p) => p.file.endsWith('variables.tf'))?.text ?? '';
    expect(lambdaVariables).toContain('!strcontains(action, "*")');
    // ...and by lambdas.test.ts against every manifest.
  });

  it('give "*" as a resource only in the allow-listed statements, each for a reason AWS imposes', async () => {
    const wildcard = (await allowStatements())
      .filter((s) => Array.isArray(s.body.resources) && (s.body.resources as string[]).includes('*'))
      .map((s) => s.where)
      .sort();
    expect(wildcard).toEqual(Object.keys(WILDCARD_RESOURCE_ALLOWED).sort());
    for (const reason of Object.values(WILDCARD_RESOURCE_ALLOWED)) expect(reason.length).toBeGreaterThan(20);
  });

  it('never mix a "*" resource with a write to a named resource in one statement', async () => {
    for (const s of await allowStatements()) {
      const resources = Array.isArray(s.body.resources) ? (s.body.resources as string[]) : [];
      if (resources.includes('*')) expect(resources).toEqual(['*']);
    }
  });

  it('let only services assume the roles, each through its own service principal', async () => {
    const trust = blocksOf(await parseAll(), 'data', 'aws_iam_policy_document').filter((doc) => doc.name.includes('assume'));
    expect(trust.map((doc) => `${doc.file}:${doc.name}`).sort()).toEqual([
      'cicd/iam_roles.tf:codebuild_assume',
      'cicd/iam_roles.tf:events_assume',
      'cicd/iam_roles.tf:pipeline_assume',
      'modules/api_gateway/iam.tf:assume_role',
      'modules/deployments/iam.tf:assume_role',
      'modules/lambdas/iam.tf:assume_role',
      'modules/stepfunctions/iam.tf:assume_role',
    ]);
    for (const doc of trust) {
      for (const statement of blocksIncludingDynamic(doc.body, 'statement')) {
        expect(statement.actions).toEqual(['sts:AssumeRole']);
        const principals = (statement.principals as Body[]).map((p) => [p.type, p.identifiers]);
        expect(principals).toHaveLength(1);
        expect(principals[0]?.[0]).toBe('Service');
        expect((principals[0]?.[1] as string[]).every((id) => /^[a-z-]+\.amazonaws\.com$/.test(id))).toBe(true);
      }
    }
  });

  it('keep a principal "*" for Deny statements only (the TLS-only bucket policies)', async () => {
    const docs = blocksOf(await parseAll(), 'data', 'aws_iam_policy_document');
    for (const doc of docs) {
      for (const statement of blocksIncludingDynamic(doc.body, 'statement')) {
        const anyone = ((statement.principals as Body[] | undefined) ?? []).some((p) => p.type === '*');
        if (anyone) expect(`${doc.file}:${doc.name}:${String(statement.effect)}`).toMatch(/:Deny$/);
      }
    }
  });

  it('confine the deployer roles to resources named with the prefixes of the environments it deploys', async () => {
    const locals = localsOf(await parseDir('cicd'));
    // the fence: this deployment's prefix and those of the environments the pipeline promotes to
    expect(locals.fences).toBe('${distinct(concat([var.name_prefix], [for env in var.environments : env.name_prefix]))}');
    const arns = locals.arn as Record<string, string>;
    const scoped = Object.entries(arns).filter(([key]) => !['state_bucket', 'state_objects', 'state_locks', 'pipeline_bucket', 'release_bucket', 'all_log_groups', 'event_source_mappings', 'connections', 'pipeline', 'parameters', 'keys'].includes(key));
    expect(scoped.length).toBeGreaterThan(10);
    for (const [key, arn] of scoped) expect(`${key}: ${arn}`).toMatch(/^[a-z_]+: \$\{\[for prefix in local\.fences : "[^"]*\$\{prefix\}-\*"\]\}$/);
    expect(arns.pipeline).toMatch(/\$\{local\.pipeline_name\}$/);
    // SSM parameter names are paths: the prefix is their first segment.
    expect(arns.parameters).toMatch(/:parameter\/\$\{prefix\}\/\*"\]\}$/);
    // each environment's state, never another key of the bucket
    expect(arns.state_objects).toBe('${[for env in var.environments : "arn:${local.partition}:s3:::${var.state_bucket}/${env.state_key}"]}');
    // keys have no name in their ARN: every statement on them is narrowed by the Name tag
    const text = (await parseDir('cicd')).map((p) => p.text).join('\n');
    for (const sid of ['ReadOwnKeys', 'ManageOwnKeys']) expect(text).toMatch(new RegExp(`sid\\s+= "${sid}"[\\s\\S]*?variable = "aws:ResourceTag/Name"`));
  });

  it('attach to roles only this deployment\'s own managed policies, and pass roles only to their services', async () => {
    const text = (await parseDir('cicd')).map((p) => p.text).join('\n');
    expect(text).toMatch(/sid\s+= "AttachOwnPolicies"[\s\S]*?variable = "iam:PolicyARN"[\s\S]*?values\s+= local\.arn\.policies\n/);
    expect(text).toMatch(/sid\s+= "PassRolesToTheirServices"[\s\S]*?variable = "iam:PassedToService"/);
  });
});
