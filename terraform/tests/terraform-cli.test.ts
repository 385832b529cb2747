// The `terraform test` suites (*.tftest.hcl, run by scripts/terraform-checks.mjs through the real
// CLI) must keep up with the configuration: every validated variable and every precondition has a
// run that makes it fail. And the checks never pass on a machine without a Terraform CLI.
import { parse } from '@cdktf/hcl2json';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Body, TERRAFORM_DIR, WORKSPACE_DIR, block, blocks, blocksOf, outputsOf, parseDir, variablesOf } from './support/terraform';

interface TestRun {
  readonly file: string;
  readonly name: string;
  readonly module?: string; // ./modules/<name> when the run plans a module on its own
  readonly expectFailures: string[];
}

/** Every run block of the .tftest.hcl files under <root>/tests. */
async function testRuns(root: string): Promise<TestRun[]> {
  const dir = path.join(TERRAFORM_DIR, root, 'tests');
  const files = readdirSync(dir).filter((file) => file.endsWith('.tftest.hcl'));
  const parsed = await Promise.all(files.map(async (file) => ({ file, hcl: (await parse(file, readFileSync(path.join(dir, file), 'utf8'))) as { run?: Record<string, Body[]> } })));
  return parsed.flatMap(({ file, hcl }) =>
    Object.entries(hcl.run ?? {}).map(([name, bodies]) => {
      const body = bodies[0] as Body;
      const source = block(body, 'module')?.source;
      return {
        file,
        name,
        ...(typeof source === 'string' ? { module: source } : {}),
        // hcl2json gives references inside expect_failures as "${var.x}" strings (or one joined string).
        expectFailures: String(body.expect_failures ?? '')
          .replace(/^\$\{\[?|\]?\}$/g, '')
          .split(',')
          .map((ref) => ref.trim())
          .filter(Boolean),
      };
    }),
  );
}

function validatedVariables(variables: Record<string, Body>): string[] {
  return Object.entries(variables)
    .filter(([, body]) => blocks(body, 'validation').length > 0)
    .map(([name]) => name)
    .sort();
}

describe.each([
  ['terraform', ''],
  ['terraform/cicd', 'cicd'],
  ['terraform/bootstrap', 'bootstrap'],
])('terraform test of %s', (_label, root) => {
  it('has a failing run for every variable with a validation', async () => {
    const runs = (await testRuns(root)).filter((run) => run.module === undefined);
    const covered = new Set(runs.flatMap((run) => run.expectFailures).filter((ref) => ref.startsWith('var.')).map((ref) => ref.slice(4)));
    const validated = validatedVariables(variablesOf(await parseDir(root)));
    expect(validated.length).toBeGreaterThan(3);
    expect(validated.filter((name) => !covered.has(name))).toEqual([]);
  });

  // expect_failures proves which variable rejects the value; its message must say which one too.
  it('gives every validation a message that names its variable', async () => {
    for (const [name, body] of Object.entries(variablesOf(await parseDir(root)))) {
      for (const validation of blocks(body, 'validation')) expect([name, String(validation.error_message).includes(name)]).toEqual([name, true]);
    }
  });

  it('expects every failure from one variable, resource or output at a time (so a run proves one rule)', async () => {
    for (const run of await testRuns(root)) expect(run.expectFailures.length).toBeLessThanOrEqual(1);
  });
});

describe('terraform test of the preconditions', () => {
  it('makes every precondition of the root and its modules fail in a run of its own', async () => {
    const preconditions: string[] = [];
    for (const dir of ['', 'modules/api_gateway', 'modules/lambdas', 'modules/dynamodb', 'modules/sqs', 'modules/stepfunctions', 'modules/monitoring']) {
      const files = await parseDir(dir);
      const where = dir === '' ? '' : `./${dir}:`;
      for (const found of blocksOf(files, 'resource')) {
        if (blocks(block(found.body, 'lifecycle') ?? {}, 'precondition').length > 0) preconditions.push(`${where}${found.type}.${found.name}`);
      }
      for (const [name, body] of Object.entries(outputsOf(files))) if (blocks(body, 'precondition').length > 0) preconditions.push(`${where}output.${name}`);
    }
    const runs = await testRuns('');
    const covered = runs.flatMap((run) => run.expectFailures.map((ref) => `${run.module ? `${run.module}:` : ''}${ref}`));
    expect(preconditions.length).toBeGreaterThanOrEqual(4);
    expect(preconditions.filter((precondition) => !covered.includes(precondition)).sort()).toEqual([]);
  });
});

describe('scripts/terraform-checks.mjs without a Terraform CLI', () => {
  it('says so in one line and leaves a "not run" result that the summary shows and does not count as passed', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dofs-terraform-checks-'));
    const result = path.join(dir, 'terraform-cli.json');
    const run = spawnSync(process.execPath, [path.join(TERRAFORM_DIR, 'scripts/terraform-checks.mjs')], {
      env: { ...process.env, TERRAFORM_BIN: path.join(dir, 'no-such-terraform'), DOFS_TERRAFORM_CHECKS_RESULT: result },
      encoding: 'utf8',
    });
    expect(run.status).toBe(0);
    expect(run.stdout.trim().split('\n')).toEqual([expect.stringMatching(/^terraform-cli: not run: no Terraform CLI on PATH/)]);
    expect(JSON.parse(readFileSync(result, 'utf8'))).toEqual(expect.objectContaining({ project: 'terraform-cli', passed: 0, failed: 0, notRun: 'no Terraform CLI on PATH' }));

    writeFileSync(path.join(dir, 'domain.json'), JSON.stringify({ project: 'domain', passed: 3, failed: 0, skipped: 0 }));
    const summary = spawnSync(process.execPath, [path.join(WORKSPACE_DIR, 'libs/tooling/src/print-test-summary.mjs')], { env: { ...process.env, DOFS_TEST_RESULTS_DIR: dir }, encoding: 'utf8' });
    expect(summary.stdout).toMatch(/terraform-cli\s+not run: no Terraform CLI on PATH/);
    expect(summary.stdout).toContain('tests: 3 passed, 0 failed, 0 skipped; not run: terraform-cli');
  });
});
