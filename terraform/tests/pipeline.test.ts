// The pipeline: source -> one build (tests, selective bundling, zip hashes) -> per environment
// (dev, staging, prod): plan (zips checked, saved plan) -> approval where asked (always before
// prod) -> apply of exactly that plan -> canary (CodeDeploy shifts the aliases) -> smoke. The
// buildspecs do what the pipeline promises.
import { parse as parseYaml } from 'yaml';
import { type Body, block, blocks, blocksIncludingDynamic, blocksOf, modulesOf, parseDir, readWorkspaceFile, variablesOf } from './support/terraform';

interface Buildspec {
  version: number;
  env: { variables?: Record<string, string>; 'exported-variables'?: string[] };
  phases: Record<string, { 'runtime-versions'?: Record<string, unknown>; commands?: string[] }>;
  artifacts?: { files: string[] };
}

const buildSpec = parseYaml(readWorkspaceFile('buildspec.yml')) as Buildspec;
const planSpec = parseYaml(readWorkspaceFile('terraform/cicd/buildspec-plan.yml')) as Buildspec;
const canarySpec = parseYaml(readWorkspaceFile('terraform/cicd/buildspec-canary.yml')) as Buildspec;
const applySpec = parseYaml(readWorkspaceFile('terraform/cicd/buildspec-apply.yml')) as Buildspec;
const smokeSpec = parseYaml(readWorkspaceFile('terraform/cicd/buildspec-smoke.yml')) as Buildspec;
const commandsOf = (spec: Buildspec) => Object.values(spec.phases).flatMap((phase) => phase.commands ?? []);

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

  it('builds once, then per environment plans, waits for approval where asked, applies the plan artifact, shifts the aliases, then smoke-tests, in one stage', async () => {
    const stages = blocksIncludingDynamic(await pipeline(), 'stage');
    expect(stages.map((stage) => stage.name)).toEqual(['Source', 'Build', '${local.stage_names[stage.value.name]}']);
    const build = blocks(stages[1] ?? {}, 'action')[0] ?? {};
    expect(build.input_artifacts).toEqual(['source']);
    expect(build.output_artifacts).toEqual(['release']);
    expect(String((build.configuration as Body).ProjectName)).toBe('${aws_codebuild_project.this["build"].name}');
    const environment = (stages[2]?.content ?? stages[2]) as Body;
    const actions = blocksIncludingDynamic(environment, 'action').sort((a, b) => Number(a.run_order) - Number(b.run_order));
    expect(actions.map((action) => [action.name, action.run_order, action.category])).toEqual([
      ['Plan', 1, 'Build'],
      ['${action.value}', 2, 'Approval'],
      ['Apply', 3, 'Build'],
      ['Canary', 4, 'Build'],
      ['Smoke', 5, 'Build'],
    ]);
    const [plan, approve, apply, canary, smoke] = actions;
    // every environment plans the one release the Build stage made
    expect(plan?.input_artifacts).toEqual(['release']);
    expect(plan?.output_artifacts).toEqual(['plan_${stage.value.name}']);
    expect(apply?.input_artifacts).toEqual(['plan_${stage.value.name}']);
    expect(apply?.output_artifacts).toEqual(['applied_${stage.value.name}']);
    expect(canary?.input_artifacts).toEqual(['applied_${stage.value.name}']);
    for (const [action, project] of [[plan, 'plan'], [apply, 'apply'], [canary, 'canary'], [smoke, 'smoke']] as const) {
      expect(String((action?.configuration as Body).ProjectName)).toBe(`\${aws_codebuild_project.this["${project}"].name}`);
    }
    // each environment with its own state key and variables file
    const planVariables = String((plan?.configuration as Body).EnvironmentVariables);
    expect(planVariables).toContain('value = stage.value.state_key');
    expect(planVariables).toContain('value = stage.value.var_file');
    // The smoke build checks the deployed API with the CLI built from the same commit's source.
    expect(smoke?.input_artifacts).toEqual(['source']);
    // The approval is where asked (always before prod), shows where to read the saved plan, and tells the alerts topic.
    const source = (await parseDir('cicd')).find((parsed) => parsed.file.endsWith('codepipeline.tf'))?.text ?? '';
    expect(source).toContain('for_each = stage.value.require_approval ? ["Approve"] : []');
    expect(String((approve?.configuration as Body).ExternalEntityLink)).toBe('#{${local.stage_names[stage.value.name]}Plan.PLAN_BUILD_URL}');
    expect(String((approve?.configuration as Body).CustomData)).toContain('Plan.PLAN_SUMMARY}');
    expect((approve?.configuration as Body).NotificationArn).toBe('${var.approval_topic_arn}');
    expect(variablesOf(await parseDir('')).approval_environments?.default).toEqual(['dev', 'staging', 'prod']);
  });

  it('starts on pushes to the branch', async () => {
    const trigger = blocksIncludingDynamic(await pipeline(), 'trigger')[0] ?? {};
    const push = blocks(block(trigger, 'git_configuration') ?? {}, 'push')[0] ?? {};
    expect(block(push, 'branches')?.includes).toEqual(['${trigger.value}']);
    expect(blocksOf(await parseDir('cicd'), 'resource', 'aws_cloudwatch_event_rule')).toHaveLength(1);
  });

  it('runs buildspec.yml once, and a buildspec of its own for each step of an environment', async () => {
    const text = (await parseDir('cicd')).map((p) => p.text).join('\n');
    for (const buildspec of ['buildspec.yml', 'terraform/cicd/buildspec-plan.yml', 'terraform/cicd/buildspec-apply.yml', 'terraform/cicd/buildspec-canary.yml', 'terraform/cicd/buildspec-smoke.yml']) {
      expect(text).toMatch(new RegExp(`buildspec\\s+= "${buildspec.replaceAll('.', '\\.')}"`));
    }
  });

  it('is created by the root when enable_pipeline is set', async () => {
    expect(modulesOf(await parseDir('')).cicd?.count).toBe('${var.enable_pipeline ? 1 : 0}');
  });
});

describe('buildspec.yml (the Build stage, once per run)', () => {
  const commands = commandsOf(buildSpec).join('\n');

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

  it('bundles only the affected Lambdas, reusing the deployed zips of the others, and records every zip\'s sha256', () => {
    expect(commands).toContain('node terraform/scripts/lambda-artifacts.mjs prepare --store "s3://$DOFS_RELEASE_BUCKET" --marker "$DOFS_RELEASE_MARKER"');
    expect(commands).not.toMatch(/npm run build|run-many -t bundle/);
  });

  it('checks the configuration and every environment\'s plan (mocked provider), but plans and applies nothing for real', () => {
    const order = ['fmt -check', '-chdir=terraform init ', '-chdir=terraform validate', '-chdir=terraform test', '-filter=tests/environments.tftest.hcl -var-file="environments/$env.tfvars"'];
    const positions = order.map((needle) => commands.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(commands).toContain('init -input=false -backend=false');
    expect(commands).not.toMatch(/terraform\s+(-chdir=\S+\s+)?(plan|apply)\b/);
  });

  it('hands every environment the configuration, the variables files and the zips with their hashes, not the providers', () => {
    const files = buildSpec.artifacts?.files ?? [];
    for (const file of ['terraform/terraform.tfvars', 'terraform/environments/*.tfvars', 'terraform/.terraform.lock.hcl', 'dist/artifacts/*', 'dist/release/*', 'terraform/modules/**/*', 'terraform/cicd/**/*', 'terraform/scripts/*']) expect(files).toContain(file);
    expect(files.some((file) => file.includes('.terraform/') || file.endsWith('.tfplan'))).toBe(false);
  });
});

describe('the plan buildspec (each environment)', () => {
  const commands = commandsOf(planSpec).join('\n');

  it('checks the zips against the build\'s hashes, then saves the plan of this environment\'s state and variables', () => {
    const order = ['lambda-artifacts.mjs verify', '-chdir=terraform init ', ' plan -input=false -lock-timeout=5m -var-file="$TF_VAR_FILE" -out=deploy.tfplan', ' show -no-color deploy.tfplan', 'plan-summary.mjs'];
    const positions = order.map((needle) => commands.indexOf(needle));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expect(commands).toContain('-backend-config="key=$TF_STATE_KEY"');
    expect(commands).toContain('test "$RELEASE_COMMIT" = "$SOURCE_COMMIT"');
    expect(commands).not.toMatch(/terraform\s+(-chdir=\S+\s+)?apply\b/);
  });

  it('exports its summary and build link for the approver', () => {
    expect(planSpec.env['exported-variables']).toEqual(['PLAN_SUMMARY', 'PLAN_BUILD_URL']);
    expect(commands).toContain('PLAN_BUILD_URL="$CODEBUILD_BUILD_URL"');
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

  it('refuses a plan of another commit or zips other than the built ones, and records the release only after the apply', () => {
    expect(commands).toContain('test "$RELEASE_COMMIT" = "$SOURCE_COMMIT"');
    const verify = commands.indexOf('lambda-artifacts.mjs verify');
    const apply = commands.indexOf('apply -input=false');
    const record = commands.indexOf('lambda-artifacts.mjs record');
    expect(verify).toBeGreaterThan(0);
    expect(apply).toBeGreaterThan(verify);
    expect(record).toBeGreaterThan(apply);
  });

  it('hands the Canary build the version each function just published', () => {
    expect(commands.indexOf('terraform -chdir=terraform output -json lambda_deployments > dist/release/deployments.json')).toBeGreaterThan(commands.indexOf('apply -input=false'));
    expect(applySpec.artifacts?.files).toEqual(expect.arrayContaining(['dist/release/deployments.json', 'terraform/scripts/lambda-canary.mjs', 'terraform/cicd/buildspec-canary.yml']));
  });
});

describe('the canary buildspec', () => {
  const commands = commandsOf(canarySpec).join('\n');

  it('runs the Canary step on what the apply published, and nothing else: no Terraform, no state', () => {
    expect(commands).toBe('node terraform/scripts/lambda-canary.mjs dist/release/deployments.json');
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
    expect(String(parameters?.resources)).toContain('compact(flatten([for env in var.environments : [env.smoke_api_url_parameter, env.smoke_api_key_parameter]]))');
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
