// The `terraform test` suites (*.tftest.hcl, run by scripts/terraform-checks.mjs through the real
// CLI) must keep up with the configuration: every validated variable and every precondition has a
// run that makes it fail. And the checks never pass on a machine without a Terraform CLI.
import { parse } from '@cdktf/hcl2json';
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
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

// A stand-in CLI and provider (shell scripts) show which process each step talks to: the CLI logs
// every call with its TF_REATTACH_PROVIDERS, the provider logs its stop. The stand-in plans nothing,
// so the plan-count checks fail there; these tests look only at the provider.
describe('scripts/terraform-checks.mjs and the shared provider process', () => {
  const VERSION = '6.99.0';
  const PROVIDER_DIR = `registry.terraform.io/hashicorp/aws/${VERSION}/linux_amd64`;
  const FAKE_TERRAFORM = `#!/bin/sh
echo "$1 gogc=\${GOGC:-unset} \${TF_REATTACH_PROVIDERS:-no-reattach}" >> "$FAKE_LOG"
case "$1" in
  version) echo '{"terraform_version":"1.11.4","platform":"linux_amd64"}' ;;
  init) mkdir -p .terraform/providers/registry.terraform.io/hashicorp/aws/${VERSION}
        ln -s "$FAKE_MIRROR/${PROVIDER_DIR}" .terraform/providers/${PROVIDER_DIR} ;;
  test) echo '{"type":"test_run","@testfile":"tests/x.tftest.hcl","@testrun":"x","test_run":{"progress":"complete","status":"pass"}}' ;;
esac
`;
  // What terraform-provider-aws prints when started with -debug, then it serves until SIGINT.
  const DEBUG_PROVIDER = `#!/bin/sh
echo 'Provider started. To attach Terraform CLI, set the TF_REATTACH_PROVIDERS environment variable with the following:'
echo
echo "\tTF_REATTACH_PROVIDERS='{\\"registry.terraform.io/hashicorp/aws\\":{\\"Protocol\\":\\"grpc\\",\\"ProtocolVersion\\":5,\\"Pid\\":$$,\\"Test\\":true,\\"Addr\\":{\\"Network\\":\\"unix\\",\\"String\\":\\"$TMPDIR/plugin1\\"}}}'"
trap 'echo "provider $$ stopped" >> "$FAKE_LOG"; kill $child; exit 0' INT
sleep 600 & child=$!
wait $child
`;
  const NO_DEBUG_PROVIDER = `#!/bin/sh
echo 'flag provided but not defined: -debug' >&2
exit 2
`;

  function runChecks(provider: string) {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'dofs-terraform-checks-'));
    const mirror = path.join(dir, 'mirror');
    mkdirSync(path.join(mirror, PROVIDER_DIR), { recursive: true });
    const executable = (file: string, text: string) => {
      writeFileSync(file, text);
      chmodSync(file, 0o755);
    };
    executable(path.join(mirror, PROVIDER_DIR, `terraform-provider-aws_v${VERSION}_x5`), provider);
    executable(path.join(dir, 'terraform'), FAKE_TERRAFORM);
    const log = path.join(dir, 'calls.log');
    const { GOGC: _unset, ...inherited } = process.env;
    const run = spawnSync(process.execPath, [path.join(TERRAFORM_DIR, 'scripts/terraform-checks.mjs')], {
      env: {
        ...inherited,
        TERRAFORM_BIN: path.join(dir, 'terraform'),
        DOFS_TERRAFORM_PROVIDER_MIRROR: mirror,
        DOFS_TERRAFORM_CHECKS_RESULT: path.join(dir, 'terraform-cli.json'),
        FAKE_LOG: log,
        FAKE_MIRROR: mirror,
      },
      encoding: 'utf8',
    });
    const calls = readFileSync(log, 'utf8').trim().split('\n');
    rmSync(dir, { recursive: true, force: true });
    return { stdout: run.stdout, calls };
  }

  it('starts the provider once for every root, attaches validate and terraform test to it, not init, and stops it', () => {
    const { stdout, calls } = runChecks(DEBUG_PROVIDER);
    const pid = /one provider process for validate and every terraform test run .*, pid (\d+)$/m.exec(stdout)?.[1];
    expect(pid).toBeDefined();
    expect(stdout).toContain(`terraform-cli: provider pid ${pid} served terraform, terraform/cicd, terraform/bootstrap; stopped`);
    const reattach = (call: string) => /"Pid":(\d+)/.exec(call)?.[1] ?? 'no-reattach';
    const byCommand = (command: string) => calls.filter((call) => call.startsWith(`${command} `)).map(reattach);
    expect(byCommand('init')).toEqual(['no-reattach', 'no-reattach', 'no-reattach']);
    expect(byCommand('validate')).toEqual([pid, pid, pid]);
    expect(new Set(byCommand('test'))).toEqual(new Set([pid]));
    expect(calls.at(-1)).toBe(`provider ${pid} stopped`);
    // Go's collector less often for these short, allocation-heavy runs (GO_GC_PERCENT)
    expect(calls.filter((call) => /^(init|validate|test) /.test(call)).every((call) => call.includes(' gogc=400 '))).toBe(true);
  });

  it('falls back to a provider per run, and says so, when the provider cannot start in debug mode', () => {
    const { stdout, calls } = runChecks(NO_DEBUG_PROVIDER);
    expect(stdout).toMatch(/terraform-cli: could not start \S+ -debug \(it ended \(exit code 2\): flag provided but not defined: -debug\); each terraform run starts its own provider/);
    expect(stdout).not.toContain('one provider process');
    const steps = calls.filter((call) => /^(validate|test) /.test(call));
    expect(steps.length).toBeGreaterThan(3);
    expect(steps.filter((call) => !call.endsWith(' no-reattach'))).toEqual([]);
  });
});
