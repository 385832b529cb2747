#!/usr/bin/env node
// Terraform's own checks, run by `npm test` (`nx run terraform:terraform-cli`) and by CI: for each
// root (terraform/, terraform/cicd, terraform/bootstrap) `fmt -check`, `init -backend=false`,
// `validate` and `terraform test` (mock provider; no credentials, no AWS).
//
// Providers come from a filesystem mirror on this machine (offline-mirror.tfrc), found through
// DOFS_TERRAFORM_PROVIDER_MIRROR or a short list of known places; with DOFS_TERRAFORM_REGISTRY=true
// and no mirror (GitHub Actions) `init` downloads the pinned provider. The roots run on a scratch
// copy of terraform/ (plus the contracts, manifests and zips they read). When the provider at hand
// does not satisfy the pinned constraint, the copy gets the constraint (and, for a provider that
// predates nodejs24.x, the Lambda runtime) substituted, and every substitution is printed.
// No Terraform CLI at all: one line, and the test summary shows the checks as not run.
//
// After `init`, the provider binary it installed is started once with -debug, and `validate` and
// every `terraform test` attach to that process (TF_REATTACH_PROVIDERS) instead of starting the
// ~700 MB binary about twice per run block; when it cannot be started so, every run starts its own
// as before, and one line says so.
import { spawn, spawnSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const WORKSPACE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ROOTS = ['terraform', 'terraform/cicd', 'terraform/bootstrap'];
// Where `npm test`'s summary reads the counts (a test of this script points it elsewhere).
const RESULT_FILE = process.env.DOFS_TERRAFORM_CHECKS_RESULT ?? path.join(WORKSPACE, 'dist/test-results/terraform-cli.json');
const PROVIDER = 'registry.terraform.io/hashicorp/aws';
const KNOWN_MIRRORS = [
  '/opt/tf-plugins',
  path.join(os.homedir(), '.terraform.d/plugins'),
  path.join(os.homedir(), '.local/share/terraform/plugins'),
  '/usr/local/share/terraform/plugins',
  '/usr/share/terraform/plugins',
];
// The provider accepts the Lambda runtime nodejs24.x from 6.19 (terraform/versions.tf says why).
const RUNTIME = { name: 'nodejs24.x', since: '6.19.0', fallback: 'nodejs22.x' };
// A `# plan adds N resources` comment right above a run block states what its plan must create;
// `# plan adds N resources with environments/<env>.tfvars` what it creates with that variables file.
const PLAN_EXPECTATION = /^# plan adds (\d+) resources\n(?:#.*\n)*run "([^"]+)"/gm;
const ENVIRONMENT_EXPECTATION = /^# plan adds (\d+) resources with (environments\/[a-z]+\.tfvars)$/gm;
// The test file run once per committed environments/<env>.tfvars (terraform/ only).
const ENVIRONMENT_TESTS = 'tests/environments.tftest.hcl';
// Terraform and the provider are Go programs, and a plan of the whole root allocates much for a
// short life: Go's collector at its default (GOGC=100) is a third of terraform's CPU here. At 400 a
// run of variables.tftest.hcl took 20 CPU-s instead of 30, the provider 4.1 instead of 5.3, for a
// terraform peak of 600 MB instead of 270. An explicit GOGC wins.
const GO_GC_PERCENT = '400';
// How long a provider started with -debug may take to print its TF_REATTACH_PROVIDERS line (it
// takes well under a second here; a cold page cache for the 700 MB binary takes longer).
const REATTACH_TIMEOUT_MS = 30_000;

await main();

async function main() {
  const cli = findCli();
  if (!cli) {
    const reason = 'no Terraform CLI on PATH';
    console.log(`terraform-cli: not run: ${reason} (fmt, validate and terraform test need one; see terraform/README.md)`);
    writeResult({ passed: 0, failed: 0, notRun: reason });
    return;
  }
  const source = findProviderSource(cli.platform);
  if (!source) {
    const reason = `no offline mirror of ${PROVIDER} for ${cli.platform} (looked in DOFS_TERRAFORM_PROVIDER_MIRROR, ${KNOWN_MIRRORS.join(', ')}) and DOFS_TERRAFORM_REGISTRY is not true`;
    console.log(`terraform-cli: not run: ${reason}`);
    writeResult({ passed: 0, failed: 0, notRun: reason });
    return;
  }
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'dofs-terraform-'));
  try {
    const env = terraformEnv(scratch, source);
    copyWorkspace(scratch);
    const substitutions = substitute(scratch, source);
    printPreamble(cli, source, env, scratch, substitutions);
    const providers = debugProviders(scratch, cli.platform);
    const results = [];
    try {
      for (const root of ROOTS) results.push(await checkRoot(root, scratch, env, providers));
    } finally {
      await providers.stop();
    }
    printTable(results);
    const checks = results.flatMap((result) => result.checks);
    const failed = checks.filter((check) => !check.ok);
    writeResult({
      passed: checks.length - failed.length,
      failed: failed.length,
      terraform: cli.version,
      provider: source.version ?? 'registry',
      substitutions: substitutions.map((s) => s.line),
    });
    if (failed.length > 0) {
      console.error(`\nterraform-cli: ${failed.length} check(s) failed: ${failed.map((check) => check.name).join('; ')}`);
      process.exitCode = 1;
    }
  } finally {
    if (process.env.DOFS_KEEP_SCRATCH === 'true') console.log(`scratch copy kept: ${scratch}`);
    else rmSync(scratch, { recursive: true, force: true });
  }
}

/** `terraform version -json`, or null when there is no CLI. */
function findCli() {
  const run = spawnSync(process.env.TERRAFORM_BIN ?? 'terraform', ['version', '-json'], { encoding: 'utf8', env: { ...process.env, CHECKPOINT_DISABLE: '1' } });
  if (run.error || run.status !== 0) return null;
  const info = JSON.parse(run.stdout);
  return { version: info.terraform_version, platform: info.platform, bin: process.env.TERRAFORM_BIN ?? 'terraform' };
}

/** The mirror to install from (newest provider version in it), the registry when allowed, or null. */
function findProviderSource(platform) {
  const candidates = process.env.DOFS_TERRAFORM_PROVIDER_MIRROR ? [process.env.DOFS_TERRAFORM_PROVIDER_MIRROR] : KNOWN_MIRRORS;
  for (const mirror of candidates) {
    const dir = path.join(mirror, PROVIDER);
    if (!existsSync(dir)) continue;
    const versions = readdirSync(dir)
      .filter((version) => existsSync(path.join(dir, version, platform)))
      .sort(compareVersions);
    if (versions.length > 0) return { kind: 'mirror', path: mirror, version: versions.at(-1) };
  }
  return process.env.DOFS_TERRAFORM_REGISTRY === 'true' ? { kind: 'registry' } : null;
}

function terraformEnv(scratch, source) {
  const env = { ...process.env, CHECKPOINT_DISABLE: '1', TF_IN_AUTOMATION: '1', TF_INPUT: '0', GOGC: process.env.GOGC ?? GO_GC_PERCENT };
  if (source.kind === 'mirror') {
    const template = readFileSync(path.join(WORKSPACE, 'terraform/scripts/offline-mirror.tfrc'), 'utf8');
    env.TF_CLI_CONFIG_FILE = path.join(scratch, 'offline-mirror.tfrc');
    writeFileSync(env.TF_CLI_CONFIG_FILE, template.replaceAll('MIRROR_PATH', source.path));
  }
  return env;
}

/** terraform/ (without local state, data dirs and tfvars) plus what its roots read from outside it. */
function copyWorkspace(scratch) {
  // A local terraform.tfvars stays out; the committed environments/<env>.tfvars are what the tests plan.
  const skip = (file) =>
    ['.terraform', 'node_modules'].includes(path.basename(file)) || /\.tfstate|\.tfplan$/.test(file) || (/\.tfvars$/.test(file) && path.basename(path.dirname(file)) !== 'environments');
  cpSync(path.join(WORKSPACE, 'terraform'), path.join(scratch, 'terraform'), { recursive: true, filter: (file) => !skip(file) });
  cpSync(path.join(WORKSPACE, 'contracts'), path.join(scratch, 'contracts'), { recursive: true });
  for (const app of readdirSync(path.join(WORKSPACE, 'apps'))) {
    const manifest = path.join(WORKSPACE, 'apps', app, 'lambda.json');
    if (!existsSync(manifest)) continue;
    mkdirSync(path.join(scratch, 'apps', app), { recursive: true });
    cpSync(manifest, path.join(scratch, 'apps', app, 'lambda.json'));
  }
  // The zips `npm run build` made (the nx target depends on every bundle): the plan hashes them.
  symlinkSync(path.join(WORKSPACE, 'dist'), path.join(scratch, 'dist'));
}

/** Rewrites the copy so that the provider at hand is allowed; returns what it changed. */
function substitute(scratch, source) {
  if (source.kind !== 'mirror') return [];
  const substitutions = [];
  for (const file of tfFiles(path.join(scratch, 'terraform'))) {
    const text = readFileSync(file, 'utf8');
    const rewritten = text.replace(/(source\s*=\s*"hashicorp\/aws"[^}]*?version\s*=\s*")([^"]+)(")/g, (match, before, constraint, after) => {
      if (satisfies(source.version, constraint)) return match;
      substitutions.push({ line: `${relative(scratch, file)}: provider constraint "${constraint}" -> "${source.version}" (the mirror has ${source.version})` });
      return `${before}${source.version}${after}`;
    });
    if (rewritten !== text) writeFileSync(file, rewritten);
  }
  if (compareVersions(source.version, RUNTIME.since) < 0) {
    for (const file of tfFiles(path.join(scratch, 'terraform'))) {
      const text = readFileSync(file, 'utf8');
      const count = text.split(`"${RUNTIME.name}"`).length - 1;
      if (count === 0) continue;
      writeFileSync(file, text.replaceAll(`"${RUNTIME.name}"`, `"${RUNTIME.fallback}"`));
      substitutions.push({
        line: `${relative(scratch, file)}: Lambda runtime "${RUNTIME.name}" -> "${RUNTIME.fallback}" (${count} place${count === 1 ? '' : 's'}; provider ${source.version} predates ${RUNTIME.name}, accepted from ${RUNTIME.since})`,
      });
    }
  }
  return substitutions;
}

function printPreamble(cli, source, env, scratch, substitutions) {
  const provider =
    source.kind === 'mirror'
      ? `hashicorp/aws ${source.version} from the filesystem mirror ${source.path} (CLI config ${env.TF_CLI_CONFIG_FILE}, from terraform/scripts/offline-mirror.tfrc)`
      : 'hashicorp/aws as pinned, from the registry (DOFS_TERRAFORM_REGISTRY=true, no mirror found)';
  console.log(`terraform-cli: Terraform ${cli.version} (${cli.bin}, ${cli.platform}); provider ${provider}`);
  console.log(`terraform-cli: roots ${ROOTS.join(', ')} checked on a scratch copy in ${scratch}`);
  if (substitutions.length === 0) console.log('terraform-cli: substituted: nothing (the provider satisfies every pinned constraint)');
  else {
    console.log(`terraform-cli: substituted in the scratch copy (${substitutions.length}), the committed files are unchanged:`);
    for (const s of substitutions) console.log(`  ${s.line}`);
  }
}

/** fmt on the committed files; init, validate and test on the copy (the last two attached to a shared provider). */
async function checkRoot(root, scratch, env, providers) {
  const dir = path.join(scratch, root);
  const checks = [];
  const step = (name, args, cwd, stepEnv = env) => {
    const run = spawnSync(env.TERRAFORM_BIN ?? 'terraform', args, { cwd, env: stepEnv, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
    const ok = run.status === 0;
    checks.push({ name: `${root}: ${name}`, ok });
    if (!ok) console.error(`\n--- ${root}: terraform ${args.join(' ')} failed ---\n${run.stdout ?? ''}${run.stderr ?? run.error?.message ?? ''}`);
    return { ok, stdout: run.stdout ?? '' };
  };
  const fmt = step('fmt -check', ['fmt', '-check', '-diff', '-no-color', ...(root === 'terraform' ? ['-recursive'] : [])], path.join(WORKSPACE, root));
  // init starts the provider itself: installing it from the mirror (or the registry) is checked too.
  const init = step('init', ['init', '-backend=false', '-input=false', '-no-color'], dir);
  const runEnv = init.ok ? await providers.attach(root, dir, env) : env;
  const validate = init.ok ? step('validate', ['validate', '-no-color'], dir, runEnv) : { ok: false };
  const tests = { passed: 0, failed: 0, notes: init.ok ? [] : ['not run: init failed'] };
  // One file at a time: -verbose prints every plan, and all of them at once can pass what one
  // string holds.
  if (init.ok) for (const file of testFiles(dir)) addUp(tests, runTests(root, dir, runEnv, checks, { file }));
  if (init.ok) for (const varFile of environmentFiles(dir)) addUp(tests, runTests(root, dir, runEnv, checks, { file: ENVIRONMENT_TESTS, varFile }));
  return { root, fmt: fmt.ok, init: init.ok, validate: validate.ok, tests, checks };
}

/**
 * The provider processes shared by the roots: one per provider version that `init` installed,
 * started on first use with -debug. `attach` returns the environment of a root's validate and
 * test runs: with TF_REATTACH_PROVIDERS naming the shared process, or unchanged (the fallback:
 * every run starts its own provider) when it could not be started.
 */
function debugProviders(scratch, platform) {
  const started = new Map(); // version -> Promise<{ child, reattach, roots } | { reason }>
  return {
    async attach(root, dir, env) {
      const installed = installedProvider(dir, platform);
      if (!installed) {
        console.log(`terraform-cli: ${root}: no ${PROVIDER} binary under .terraform/providers; each terraform run starts its own provider`);
        return env;
      }
      if (!started.has(installed.version)) started.set(installed.version, startDebugProvider(installed, env, scratch));
      const provider = await started.get(installed.version);
      if (provider.reason) return env;
      provider.roots.push(root);
      return { ...env, TF_REATTACH_PROVIDERS: provider.reattach };
    },
    async stop() {
      for (const provider of await Promise.all(started.values())) {
        if (provider.reason) continue;
        const ended = provider.child.exitCode ?? provider.child.signalCode;
        await stopProcess(provider.child);
        console.log(`terraform-cli: provider pid ${provider.child.pid} served ${provider.roots.join(', ')}; ${ended === null ? 'stopped' : `it had ended on its own (${ended})`}`);
      }
    },
  };
}

/** The provider binary `init` installed in a root (under .terraform/providers), with its version. */
function installedProvider(dir, platform) {
  const base = path.join(dir, '.terraform/providers', PROVIDER);
  if (!existsSync(base)) return null;
  for (const version of readdirSync(base).sort(compareVersions).reverse()) {
    const binDir = path.join(base, version, platform);
    const binary = existsSync(binDir) && readdirSync(binDir).find((file) => file.startsWith('terraform-provider-aws'));
    if (binary) return { version, binary: path.join(binDir, binary) };
  }
  return null;
}

/**
 * Starts `<binary> -debug` and waits for its TF_REATTACH_PROVIDERS line. Its output goes to a file
 * in the scratch copy (a pipe nobody reads while spawnSync runs could fill and stall it), and so
 * does its socket (TMPDIR), so that nothing is left behind.
 */
async function startDebugProvider({ version, binary }, env, scratch) {
  const log = path.join(scratch, `provider-${version}.log`);
  const fd = openSync(log, 'w');
  // In debug mode the provider logs at trace level unless told otherwise (80 MB for one run of this
  // script); with TF_LOG set, its log is kept in the file.
  const quiet = env.TF_LOG ? {} : { TF_LOG_PROVIDER: 'off', TF_LOG_SDK: 'off', TF_LOG_SDK_PROTO: 'off' };
  const child = spawn(binary, ['-debug'], { env: { ...env, ...quiet, TMPDIR: scratch }, stdio: ['ignore', fd, fd] });
  closeSync(fd);
  let exited = null;
  child.on('error', (error) => (exited = error.message));
  child.on('exit', (code, signal) => (exited = signal ? `signal ${signal}` : `exit code ${code}`));
  const deadline = Date.now() + REATTACH_TIMEOUT_MS;
  while (exited === null && Date.now() < deadline) {
    const reattach = parseReattach(readFileSync(log, 'utf8'));
    if (reattach) {
      console.log(
        `terraform-cli: one provider process for validate and every terraform test run (hashicorp/aws ${version} started once with -debug, TF_REATTACH_PROVIDERS), pid ${child.pid}`,
      );
      return { child, reattach, roots: [] };
    }
    await sleep(50);
  }
  const lastLine = readFileSync(log, 'utf8').trim().split('\n').at(-1) ?? '';
  const reason = `${exited ? `it ended (${exited})` : `no TF_REATTACH_PROVIDERS line within ${REATTACH_TIMEOUT_MS / 1000} s`}${lastLine ? `: ${lastLine}` : ''}`;
  await stopProcess(child);
  console.log(`terraform-cli: could not start ${binary} -debug (${reason}); each terraform run starts its own provider`);
  return { reason };
}

/** The value of the `TF_REATTACH_PROVIDERS='…'` line a provider started with -debug prints, when it names the AWS provider. */
function parseReattach(output) {
  const match = /^\s*TF_REATTACH_PROVIDERS='(\{.*\})'\s*$/m.exec(output);
  if (!match) return null;
  try {
    return JSON.parse(match[1])[PROVIDER]?.Addr ? match[1] : null;
  } catch {
    return null;
  }
}

/** SIGINT (a provider in debug mode then closes its socket and exits 0), SIGKILL if that takes over 10 s; waits for the exit. */
async function stopProcess(child) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exit = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGINT');
  const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
  await exit;
  clearTimeout(timer);
}

/** environments/<env>.tfvars of a root that has the environments test file. */
function environmentFiles(dir) {
  if (!existsSync(path.join(dir, ENVIRONMENT_TESTS)) || !existsSync(path.join(dir, 'environments'))) return [];
  return readdirSync(path.join(dir, 'environments'))
    .filter((file) => file.endsWith('.tfvars'))
    .sort()
    .map((file) => `environments/${file}`);
}

function addUp(total, more) {
  total.passed += more.passed;
  total.failed += more.failed;
  total.notes.push(...more.notes);
}

function testFiles(dir) {
  const testsDir = path.join(dir, 'tests');
  if (!existsSync(testsDir)) return [];
  return readdirSync(testsDir)
    .filter((file) => file.endsWith('.tftest.hcl'))
    .sort()
    .map((file) => `tests/${file}`);
}

/**
 * `terraform test -json` of one test file: each run is a check, and so is each `# plan adds N`
 * expectation of that file (read from the plans -verbose prints). With a variables file, the runs
 * are named after it.
 */
function runTests(root, dir, env, checks, { file, varFile }) {
  const expectations = varFile ? environmentExpectations(dir, varFile) : planExpectations(dir).filter((expectation) => expectation.file === file);
  // -verbose only where a plan is checked: it prints every run's plan (412 MB for variables.tftest.hcl).
  const verbose = expectations.length > 0 ? ['-verbose'] : [];
  const args = ['test', '-json', ...verbose, '-no-color', `-filter=${file}`, ...(varFile ? [`-var-file=${varFile}`] : [])];
  const suffix = varFile ? ` [${varFile}]` : '';
  const run = spawnSync(env.TERRAFORM_BIN ?? 'terraform', args, { cwd: dir, env, encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 });
  const runs = new Map();
  const plans = new Map();
  const problems = [];
  for (const line of (run.stdout ?? '').split('\n')) {
    if (!line.startsWith('{')) continue;
    const message = JSON.parse(line);
    const name = message['@testrun'] ? `${message['@testfile']} ${message['@testrun']}${suffix}` : undefined;
    if (message.type === 'test_run' && message.test_run.progress === 'complete') runs.set(name, message.test_run.status);
    if (message.type === 'test_plan' && name) plans.set(name, createdResources(message.test_plan));
    if (message.type === 'diagnostic' && message['@level'] === 'error') problems.push(`${name ?? root}: ${message.diagnostic.summary}: ${message.diagnostic.detail ?? ''}`.trim());
  }
  if (run.status !== 0 && runs.size === 0) problems.push((run.stderr || run.stdout || run.error?.message || '').trim());
  for (const [name, status] of runs) checks.push({ name: `${root}: run ${name}`, ok: status === 'pass' });
  const notes = [];
  for (const { file: testFile, runName, expected } of expectations) {
    const actual = plans.get(`${testFile} ${runName}${suffix}`);
    const ok = actual === expected;
    checks.push({ name: `${root}: ${testFile} ${runName}${suffix} plan adds ${expected} resources (planned: ${actual ?? 'no plan'})`, ok });
    notes.push(`${runName}${suffix} plan adds ${actual ?? '?'} resources${ok ? '' : `, expected ${expected}`}`);
  }
  if (runs.size === 0) checks.push({ name: `${root}: terraform test of ${file}${suffix} found no run`, ok: false });
  for (const problem of problems) console.error(`  ${problem}`);
  const passed = [...runs.values()].filter((status) => status === 'pass').length;
  return { passed, failed: runs.size - passed, notes };
}

function createdResources(plan) {
  return (plan.resource_changes ?? []).filter((change) => change.mode === 'managed' && change.change.actions.includes('create')).length;
}

function planExpectations(dir) {
  const testsDir = path.join(dir, 'tests');
  if (!existsSync(testsDir)) return [];
  return readdirSync(testsDir)
    .filter((file) => file.endsWith('.tftest.hcl'))
    .flatMap((file) =>
      [...readFileSync(path.join(testsDir, file), 'utf8').matchAll(PLAN_EXPECTATION)].map((match) => ({ file: `tests/${file}`, runName: match[2], expected: Number(match[1]) })),
    );
}

function environmentExpectations(dir, varFile) {
  const text = readFileSync(path.join(dir, ENVIRONMENT_TESTS), 'utf8');
  return [...text.matchAll(ENVIRONMENT_EXPECTATION)]
    .filter((match) => match[2] === varFile)
    .map((match) => ({ file: ENVIRONMENT_TESTS, runName: /^run "([^"]+)"/m.exec(text.slice(match.index))?.[1], expected: Number(match[1]) }));
}

function printTable(results) {
  const mark = (ok) => (ok ? 'ok' : 'FAILED');
  const rows = results.map((r) => [r.root, mark(r.fmt), mark(r.init), mark(r.validate), `${r.tests.passed} passed, ${r.tests.failed} failed${r.tests.notes.length ? `; ${r.tests.notes.join('; ')}` : ''}`]);
  const header = ['root', 'fmt -check', 'init', 'validate', 'terraform test (mock provider)'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((cell, i) => cell.padEnd(widths[i])).join('  ').trimEnd());
}

function writeResult(result) {
  mkdirSync(path.dirname(RESULT_FILE), { recursive: true });
  writeFileSync(RESULT_FILE, JSON.stringify({ project: 'terraform-cli', skipped: 0, ...result }) + '\n');
}

function tfFiles(dir) {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.tf'))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

function relative(scratch, file) {
  return path.relative(scratch, file);
}

function parseVersion(version) {
  return version.split('.').map((part) => Number.parseInt(part, 10) || 0);
}

function compareVersions(a, b) {
  const [x, y] = [parseVersion(a), parseVersion(b)];
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** Terraform's version constraint syntax: comma-separated `op version`, with `~>` the pessimistic operator. */
function satisfies(version, constraint) {
  return constraint.split(',').every((part) => {
    const [, op = '=', wanted = ''] = /^\s*(~>|>=|<=|!=|>|<|=)?\s*([0-9.]+)\s*$/.exec(part) ?? [];
    const c = compareVersions(version, wanted);
    switch (op) {
      case '~>': {
        const parts = parseVersion(wanted);
        const upper = parts.length === 1 ? [parts[0] + 1] : [...parts.slice(0, -2), parts.at(-2) + 1];
        return c >= 0 && compareVersions(version, upper.join('.')) < 0;
      }
      case '>=':
        return c >= 0;
      case '<=':
        return c <= 0;
      case '>':
        return c > 0;
      case '<':
        return c < 0;
      case '!=':
        return c !== 0;
      default:
        return c === 0;
    }
  });
}
