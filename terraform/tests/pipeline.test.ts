// The pipeline: source -> plan (tests, selective bundling, saved plan) -> optional approval ->
// apply of exactly that plan; the buildspecs do what the pipeline promises.
import { parse as parseYaml } from 'yaml';
import { type Body, block, blocks, blocksIncludingDynamic, blocksOf, modulesOf, parseDir, readWorkspaceFile, variablesOf } from './support/terraform';

interface Buildspec {
  version: number;
  env: { variables?: Record<string, string>; 'exported-variables'?: string[] };
  phases: Record<string, { 'runtime-versions'?: Record<string, unknown>; commands: string[] }>;
  artifacts?: { files: string[] };
}

const planSpec = parseYaml(readWorkspaceFile('buildspec.yml')) as Buildspec;
const applySpec = parseYaml(readWorkspaceFile('terraform/cicd/buildspec-apply.yml')) as Buildspec;
const smokeSpec = parseYaml(readWorkspaceFile('terraform/cicd/buildspec-smoke.yml')) as Buildspec;
const commandsOf = (spec: Buildspec) => Object.values(spec.phases).flatMap((phase) => phase.commands);

async function pipeline(): Promise<Body> {
  const found = blocksOf(await parseDir('cicd'), 'resource', 'aws_codepipeline');
  expect(found).toHaveLength(1);
  return found[0]?.body ?? {};
}

describe('the CodePipeline', () => {
  it('is a V2 pipeline whose newest push supersedes a waiting one', async () => {
    const body = await pipeline();
    expect(body.pipeline_type).toBe('V2');
    expect(body.execution_mode).toBe('SUPERSEDED');
  });

  it('gets a full git clone from GitHub (CodeConnections) or CodeCommit', async () => {
    const source = blocks(blocks(await pipeline(), 'stage')[0] ?? {}, 'action')[0] ?? {};
    expect(String(source.provider)).toBe('${local.github ? "CodeStarSourceConnection" : "CodeCommit"}');
    const configuration = String(source.configuration);
    expect(configuration.match(/OutputArtifactFormat = "CODEBUILD_CLONE_REF"/g)).toHaveLength(2);
    expect(configuration).toContain('ConnectionArn        = local.connection_arn');
    expect(configuration).toContain('FullRepositoryId     = var.repository');
    expect(source.output_artifacts).toEqual(['source']);
    const connection = blocksOf(await parseDir('cicd'), 'resource', 'aws_codeconnections_connection')[0]?.body ?? {};
    expect(connection.provider_type).toBe('GitHub');
  });

  it('plans, optionally waits for approval, applies the plan artifact, then smoke-tests, in that order and in one stage', async () => {
    const stages = blocks(await pipeline(), 'stage');
    expect(stages.map((stage) => stage.name)).toEqual(['Source', 'Deploy']);
    const actions = blocksIncludingDynamic(stages[1] ?? {}, 'action').sort((a, b) => Number(a.run_order) - Number(b.run_order));
    expect(actions.map((action) => [action.name, action.run_order, action.category])).toEqual([
      ['Plan', 1, 'Build'],
      ['${action.value}', 2, 'Approval'],
      ['Apply', 3, 'Build'],
      ['Smoke', 4, 'Build'],
    ]);
    const [plan, approve, apply, smoke] = actions;
    expect(plan?.output_artifacts).toEqual(['plan']);
    expect(apply?.input_artifacts).toEqual(['plan']);
    expect(String(plan?.configuration ? (plan.configuration as Body).ProjectName : '')).toBe('${aws_codebuild_project.this["plan"].name}');
    expect(String(apply?.configuration ? (apply.configuration as Body).ProjectName : '')).toBe('${aws_codebuild_project.this["apply"].name}');
    // The smoke build checks the deployed API with the CLI built from the same commit's source.
    expect(smoke?.input_artifacts).toEqual(['source']);
    expect(String(smoke?.configuration ? (smoke.configuration as Body).ProjectName : '')).toBe('${aws_codebuild_project.this["smoke"].name}');
    // The approval is optional, and shows where to read the saved plan.
    const dynamic = block(stages[1] ?? {}, 'dynamic') ?? (stages[1]?.dynamic as Body);
    expect(JSON.stringify(dynamic)).toContain('${var.require_approval ? [\\"Approve\\"] : []}');
    expect((approve?.configuration as Body).ExternalEntityLink).toBe('#{PlanVariables.PLAN_BUILD_URL}');
    expect(String((approve?.configuration as Body).CustomData)).toContain('#{PlanVariables.PLAN_SUMMARY}');
    expect(variablesOf(await parseDir('')).require_approval?.default).toBe(true);
  });

  it('starts on pushes to the branch', async () => {
    const trigger = blocksIncludingDynamic(await pipeline(), 'trigger')[0] ?? {};
    const push = blocks(block(trigger, 'git_configuration') ?? {}, 'push')[0] ?? {};
    expect(block(push, 'branches')?.includes).toEqual(['${trigger.value}']);
    expect(blocksOf(await parseDir('cicd'), 'resource', 'aws_cloudwatch_event_rule')).toHaveLength(1);
  });

  it('runs buildspec.yml for the plan and the apply buildspec for the apply', async () => {
    const text = (await parseDir('cicd')).map((p) => p.text).join('\n');
    expect(text).toContain('buildspec   = "buildspec.yml"');
    expect(text).toContain('buildspec   = "terraform/cicd/buildspec-apply.yml"');
  });

  it('is created by the root when enable_pipeline is set', async () => {
    expect(modulesOf(await parseDir('')).cicd?.count).toBe('${var.enable_pipeline ? 1 : 0}');
  });
});

describe('buildspec.yml (the plan build)', () => {
  const commands = commandsOf(planSpec).join('\n');

  it('installs a pinned, verified Terraform and Node 24', () => {
    expect(commands).toContain('bash terraform/cicd/install-terraform.sh');
    expect(commands).toContain('npm ci');
    expect(commands).toMatch(/node --version \| grep -q '\^v24\\\./);
    const installer = readWorkspaceFile('terraform/cicd/install-terraform.sh');
    expect(installer).toContain('gpg --batch --quiet --verify');
    expect(installer).toContain('sha256sum --check');
    expect(installer).toContain('C874011F0AB405110D02105534365D9472D7468F');
  });

  it('pins the same Terraform version in the pipeline and in CI', async () => {
    const pinned = variablesOf(await parseDir('')).terraform_version?.default as string;
    expect(pinned).toMatch(/^1\.(1[0-9]|[2-9][0-9])\.\d+$/);
    expect(readWorkspaceFile('.github/workflows/ci.yml')).toContain(`terraform_version: ${pinned}`);
  });

  it('tests what changed since the last deployed commit (all of it before the first deployment)', () => {
    expect(commands).toContain('DEPLOYED=$(node terraform/scripts/lambda-artifacts.mjs base');
    expect(commands).toContain('npx nx affected -t lint typecheck test --base="$DEPLOYED" --head=HEAD');
    expect(commands).toContain('npx nx run-many -t lint typecheck test');
    expect(commands).toContain('npm run codegen:check');
  });

  it('bundles only the affected Lambdas, reusing the deployed zips of the others', () => {
    expect(commands).toContain('node terraform/scripts/lambda-artifacts.mjs prepare --store "s3://$DOFS_RELEASE_BUCKET" --marker "$DOFS_RELEASE_MARKER"');
    expect(commands).not.toMatch(/npm run build|run-many -t bundle/);
  });

  it('checks and saves the plan, and exports its summary and build link for the approver', () => {
    const order = ['fmt -check', '-chdir=terraform init ', '-chdir=terraform validate', '-chdir=terraform test', ' plan -input=false -lock-timeout=5m -out=deploy.tfplan', ' show -no-color deploy.tfplan', 'plan-summary.mjs'];
    const positions = order.map((needle) => commands.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(planSpec.env['exported-variables']).toEqual(['PLAN_SUMMARY', 'PLAN_BUILD_URL']);
    expect(commands).toContain('PLAN_BUILD_URL="$CODEBUILD_BUILD_URL"');
    expect(commands).not.toMatch(/terraform\s+(-chdir=\S+\s+)?apply\b/);
  });

  it('hands the apply build the saved plan, its lock file and the zips it refers to, not the providers', () => {
    const files = planSpec.artifacts?.files ?? [];
    for (const file of ['terraform/deploy.tfplan', 'terraform/.terraform.lock.hcl', 'dist/artifacts/*', 'dist/release/*', 'terraform/modules/**/*', 'terraform/cicd/**/*', 'terraform/scripts/*']) expect(files).toContain(file);
    expect(files.some((file) => file.includes('.terraform/'))).toBe(false);
  });
});

describe('the apply buildspec', () => {
  const commands = commandsOf(applySpec).join('\n');

  it('applies exactly the saved plan: no new plan, no -auto-approve', () => {
    expect(commands).toContain('terraform -chdir=terraform apply -input=false -lock-timeout=5m deploy.tfplan');
    expect(commands).not.toContain('auto-approve');
    expect(commands).not.toMatch(/terraform\s+(-chdir=\S+\s+)?plan\b/);
    expect(commands).toContain('-lockfile=readonly');
  });

  it('refuses a plan of another commit, and records the release only after the apply', () => {
    expect(commands).toContain('test "$RELEASE_COMMIT" = "$SOURCE_COMMIT"');
    const apply = commands.indexOf('apply -input=false');
    const record = commands.indexOf('lambda-artifacts.mjs record');
    expect(apply).toBeGreaterThan(0);
    expect(record).toBeGreaterThan(apply);
  });
});

describe('the smoke buildspec', () => {
  const commands = commandsOf(smokeSpec).join('\n');

  it('reads the API URL (and the key, when configured) at run time from SSM, where the apply put them', () => {
    expect(commands).toContain('aws ssm get-parameter --name "$DOFS_SMOKE_API_URL_PARAMETER"');
    expect(commands).toMatch(/if \[ "\$\{DOFS_SMOKE_API_KEY_PARAMETER:-none\}" != "none" \]; then export DOFS_API_KEY=\$\(aws ssm get-parameter --name "\$DOFS_SMOKE_API_KEY_PARAMETER" --with-decryption/);
  });

  it('runs dofs smoke against it, the key never on the command line, and touches neither Terraform nor the state', () => {
    expect(commands).toMatch(/^npx dofs smoke --api-url "\$DOFS_API_URL"/m);
    expect(commands).not.toMatch(/--api-key/);
    expect(commands).not.toMatch(/terraform|tfstate|s3 /);
  });

  it('is run by a role that may read its source, its log group and the two parameters, and nothing else', async () => {
    const smoke = blocksOf(await parseDir('cicd'), 'data', 'aws_iam_policy_document').find((doc) => doc.name === 'smoke');
    const statements = blocksIncludingDynamic(smoke?.body ?? {}, 'statement');
    const actions = statements.flatMap((statement) => (Array.isArray(statement.actions) ? (statement.actions as string[]) : [String(statement.actions)]));
    expect(actions.filter((action) => !action.startsWith('${')).sort()).toEqual(
      ['codecommit:GitPull', 'logs:CreateLogStream', 'logs:PutLogEvents', 's3:GetBucketAcl', 's3:GetBucketLocation', 's3:GetObject', 's3:GetObjectVersion', 'ssm:GetParameter'].sort(),
    );
    const parameters = statements.find((statement) => statement.sid === 'ReadSmokeTarget');
    expect(String(parameters?.resources)).toContain('compact([local.smoke_api_url_parameter, var.smoke_api_key_parameter])');
  });
});

describe('.github/workflows/ci.yml', () => {
  const workflow = parseYaml(readWorkspaceFile('.github/workflows/ci.yml')) as { on: Record<string, unknown>; permissions: Record<string, string>; jobs: Record<string, { steps: { run?: string; uses?: string }[] }> };
  const runs = Object.values(workflow.jobs).flatMap((job) => job.steps.map((step) => step.run ?? '')).join('\n');

  it('runs on pull requests, read-only, and never deploys', () => {
    expect(Object.keys(workflow.on)).toContain('pull_request');
    expect(workflow.permissions).toEqual({ contents: 'read' });
    expect(runs).not.toMatch(/terraform[^\n]* (apply|plan)|aws-actions\/configure-aws-credentials/);
  });

  it('runs the same checks as the plan build: codegen, affected lint/typecheck/test, and the Terraform CLI checks', () => {
    expect(runs).toContain('npm ci');
    expect(runs).toContain('npm run codegen:check');
    expect(runs).toContain('npx nx affected -t lint typecheck test bundle');
    // fmt, init, validate and terraform test of every root: the target `npm test` runs, with the pinned provider.
    expect(runs).toContain('npx nx run terraform:terraform-cli');
    const terraformJob = workflow.jobs.terraform?.steps ?? [];
    expect(terraformJob.map((step) => step.uses ?? '')).toContain('hashicorp/setup-terraform@v3');
    expect(readWorkspaceFile('terraform/scripts/terraform-checks.mjs')).toMatch(/for \(const root of|ROOTS = \['terraform', 'terraform\/cicd', 'terraform\/bootstrap'\]/);
  });
});
