// The pipeline's "deploy only what changed" mechanism, run for real on a throwaway copy of the
// workspace: git history, `nx affected`, the apps' own bundle targets, a directory as the release
// store. A change to one app must bundle that app only, and hand Terraform the other apps' deployed
// zips byte for byte (same hash: no change in the plan).
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WORKSPACE_DIR, lambdaManifests } from './support/terraform';

jest.setTimeout(120_000);

const APPS = Object.keys(lambdaManifests());
const MARKER = 'deployments/dev/deployed.json';

interface Release {
  commit: string;
  base: string | null;
  bundled: string[];
  reused: string[];
  artifacts: Record<string, { zip_sha256: string; zip_base64sha256: string }>;
}

interface Marker {
  commit: string;
  artifacts: Record<string, { zip_sha256: string; zip_base64sha256: string; key: string }>;
}

let workspace: string;
let store: string;

const env = { ...process.env, PATH: `${path.join(WORKSPACE_DIR, 'node_modules/.bin')}:${process.env.PATH ?? ''}`, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', GIT_AUTHOR_NAME: 'test', GIT_AUTHOR_EMAIL: 'test@example.com', GIT_COMMITTER_NAME: 'test', GIT_COMMITTER_EMAIL: 'test@example.com' };
const git = (...args: string[]) => execFileSync('git', args, { cwd: workspace, env, encoding: 'utf8' }).trim();
const script = (...args: string[]) => execFileSync(process.execPath, ['terraform/scripts/lambda-artifacts.mjs', ...args, '--store', store, '--marker', MARKER], { cwd: workspace, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
const release = () => JSON.parse(readFileSync(path.join(workspace, 'dist/release/release.json'), 'utf8')) as Release;
const marker = () => JSON.parse(readFileSync(path.join(store, MARKER), 'utf8')) as Marker;
const zipSha256 = (app: string) => createHash('sha256').update(readFileSync(path.join(workspace, 'dist/artifacts', `${app}.zip`))).digest('hex');
const bundledApps = () => (existsSync(path.join(workspace, 'dist/apps')) ? readdirSync(path.join(workspace, 'dist/apps')).sort() : []);
const handler = (app: string, version: number) => `export const handler = async () => ({ app: '${app}', version: ${version} });\n`;

function commitChange(file: string, content: string, message: string): string {
  mkdirSync(path.dirname(path.join(workspace, file)), { recursive: true });
  writeFileSync(path.join(workspace, file), content);
  git('add', '-A');
  git('commit', '-q', '-m', message);
  return git('rev-parse', 'HEAD');
}

beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'dofs-release-'));
  store = path.join(workspace, '.release-store');
  // The workspace configuration and the bundler, as they are; each app's real project.json and
  // manifest, with a small handler of its own so the test does not depend on the apps' code.
  for (const file of ['nx.json', 'package.json', 'tsconfig.base.json', 'jest.preset.cjs', 'eslint.config.mjs']) cpSync(path.join(WORKSPACE_DIR, file), path.join(workspace, file));
  cpSync(path.join(WORKSPACE_DIR, 'libs/tooling'), path.join(workspace, 'libs/tooling'), { recursive: true });
  cpSync(path.join(WORKSPACE_DIR, 'terraform/scripts'), path.join(workspace, 'terraform/scripts'), { recursive: true });
  for (const app of APPS) {
    for (const file of ['project.json', 'lambda.json', 'tsconfig.json']) cpSync(path.join(WORKSPACE_DIR, 'apps', app, file), path.join(workspace, 'apps', app, file));
    mkdirSync(path.join(workspace, 'apps', app, 'src'), { recursive: true });
    writeFileSync(path.join(workspace, 'apps', app, 'src/main.ts'), handler(app, 1));
  }
  symlinkSync(path.join(WORKSPACE_DIR, 'node_modules'), path.join(workspace, 'node_modules'), 'dir');
  writeFileSync(path.join(workspace, '.gitignore'), 'node_modules\ndist\n.nx\n.release-store\n');
  git('init', '-q', '-b', 'main');
  git('add', '-A');
  git('commit', '-q', '-m', 'first release');
});

afterAll(() => {
  if (workspace) rmSync(workspace, { recursive: true, force: true });
});

describe('lambda-artifacts.mjs', () => {
  let first: Marker;

  it('first deployment: no deployed commit, so every Lambda is bundled, then recorded', () => {
    expect(script('base')).toBe('');
    const output = script('prepare');
    expect(output).toContain('no deployed commit recorded');
    expect(release().bundled).toEqual(APPS);
    expect(release().reused).toEqual([]);
    expect(bundledApps()).toEqual(APPS);

    script('record');
    first = marker();
    expect(first.commit).toBe(git('rev-parse', 'HEAD'));
    for (const app of APPS) {
      expect(first.artifacts[app]?.zip_sha256).toBe(zipSha256(app));
      expect(existsSync(path.join(store, `lambda/${app}/${zipSha256(app)}.zip`))).toBe(true);
    }
    expect(script('base').trim()).toBe(first.commit);
  });

  it('a change to one app bundles that app only; the others get their deployed zip, byte for byte', () => {
    const changed = APPS.includes('validator') ? 'validator' : (APPS[0] as string);
    commitChange(`apps/${changed}/src/main.ts`, handler(changed, 2), `change ${changed}`);
    rmSync(path.join(workspace, 'dist'), { recursive: true, force: true });

    const output = script('prepare');
    expect(output).toContain(`affected since deployed commit ${first.commit}: ${changed}`);
    const current = release();
    expect(current.base).toBe(first.commit);
    expect(current.bundled).toEqual([changed]);
    expect(current.reused).toEqual(APPS.filter((app) => app !== changed));
    // Only the changed app went through esbuild...
    expect(bundledApps()).toEqual([changed]);
    // ...every other zip is the deployed one: same bytes, same base64 SHA-256 (Terraform's
    // filebase64sha256, the functions' source_code_hash), so the plan shows no change for them.
    for (const app of APPS.filter((a) => a !== changed)) {
      expect(zipSha256(app)).toBe(first.artifacts[app]?.zip_sha256);
      expect(current.artifacts[app]?.zip_base64sha256).toBe(first.artifacts[app]?.zip_base64sha256);
    }
    expect(current.artifacts[changed]?.zip_sha256).not.toBe(first.artifacts[changed]?.zip_sha256);
    expect(zipSha256(changed)).toBe(current.artifacts[changed]?.zip_sha256);

    script('record');
    expect(marker().commit).toBe(git('rev-parse', 'HEAD'));
    expect(marker().artifacts[changed]?.zip_sha256).toBe(current.artifacts[changed]?.zip_sha256);
  });

  it('a change outside every app bundles nothing and keeps every deployed zip', () => {
    const deployed = marker();
    commitChange('docs/notes.md', '# Notes\n', 'docs only');
    rmSync(path.join(workspace, 'dist'), { recursive: true, force: true });

    script('prepare');
    expect(release().bundled).toEqual([]);
    expect(release().reused).toEqual(APPS);
    expect(bundledApps()).toEqual([]);
    for (const app of APPS) expect(zipSha256(app)).toBe(deployed.artifacts[app]?.zip_sha256);
  });

  it('verify: before each environment the zips are byte for byte the ones the build recorded, and no other', () => {
    const verify = () => execFileSync(process.execPath, ['terraform/scripts/lambda-artifacts.mjs', 'verify'], { cwd: workspace, env, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    expect(verify()).toContain(`Lambda zips match the build of ${release().commit}`);
    const app = APPS[1] as string;
    const zip = path.join(workspace, 'dist/artifacts', `${app}.zip`);
    const built = readFileSync(zip);
    const tampered = Buffer.from(built);
    tampered[tampered.length - 1] = (tampered[tampered.length - 1] ?? 0) ^ 1;
    writeFileSync(zip, tampered);
    expect(verify).toThrow(new RegExp(`${app}\\.zip: built ${release().artifacts[app]?.zip_sha256 ?? '?'}, found [0-9a-f]{64}`));
    writeFileSync(zip, built);
    writeFileSync(path.join(workspace, 'dist/artifacts/extra.zip'), 'not built');
    expect(verify).toThrow(/extra\.zip: not part of the release/);
    rmSync(path.join(workspace, 'dist/artifacts/extra.zip'));
    expect(verify()).toContain('Lambda zips match');
  });

  it('a deployed commit missing from the history (force-push) bundles everything rather than guess', () => {
    const deployed = marker();
    writeFileSync(path.join(store, MARKER), JSON.stringify({ ...deployed, commit: '0123456789abcdef0123456789abcdef01234567' }));
    rmSync(path.join(workspace, 'dist'), { recursive: true, force: true });

    expect(script('prepare')).toContain('is not in this clone');
    expect(release().bundled).toEqual(APPS);
    // Deterministic bundles: rebuilding untouched apps gives the deployed bytes anyway.
    for (const app of APPS) expect(zipSha256(app)).toBe(deployed.artifacts[app]?.zip_sha256);
    writeFileSync(path.join(store, MARKER), JSON.stringify(deployed));
  });

  it('refuses a stored zip that does not match its recorded hash', () => {
    const deployed = marker();
    const app = APPS[0] as string;
    writeFileSync(path.join(store, deployed.artifacts[app]?.key ?? ''), 'not the deployed zip');
    rmSync(path.join(workspace, 'dist'), { recursive: true, force: true });
    expect(() => script('prepare')).toThrow(/does not match its recorded sha256/);
  });
});

describe('plan-summary.mjs', () => {
  const summarize = (plan: unknown, extraEnv: Record<string, string> = {}) =>
    execFileSync(process.execPath, [path.join(WORKSPACE_DIR, 'terraform/scripts/plan-summary.mjs')], { input: JSON.stringify(plan), encoding: 'utf8', env: { ...process.env, ...extraEnv }, stdio: ['pipe', 'pipe', 'pipe'] });
  const change = (type: string, index: string, actions: string[], before: unknown = {}, after: unknown = {}) => ({ address: `module.x.${type}.this["${index}"]`, type, name: 'this', index, change: { actions, before, after } });

  it('counts the changes and names the functions whose code changes', () => {
    const plan = {
      resource_changes: [
        change('aws_lambda_function', 'validator', ['update'], { source_code_hash: 'a' }, { source_code_hash: 'b' }),
        change('aws_lambda_function', 'api-handler', ['update'], { source_code_hash: 'a' }, { source_code_hash: 'a' }),
        change('aws_cloudwatch_metric_alarm', 'x', ['create']),
        change('aws_lambda_function', 'order-storage', ['no-op']),
      ],
    };
    expect(summarize(plan).trim()).toBe('1 to add, 2 to change, 0 to destroy; lambda code changes: validator');
  });

  it('refuses to let a plan delete or replace a table unless explicitly allowed', () => {
    const plan = { resource_changes: [change('aws_dynamodb_table', 'orders', ['delete', 'create'])] };
    expect(() => summarize(plan)).toThrow();
    expect(summarize(plan, { DOFS_ALLOW_DESTROY: 'true' }).trim()).toBe('1 to add, 0 to change, 1 to destroy; lambda code changes: none');
  });

  it("refuses, before the approval, a plan that changes the canaries' rollback net, which the pipeline may not apply", () => {
    const group = { resource_changes: [change('aws_codedeploy_deployment_group', 'api-handler', ['update'])] };
    expect(() => summarize(group)).toThrow(/rollback net: module\.x\.aws_codedeploy_deployment_group\.this\["api-handler"\]/);
    const alarm = { resource_changes: [change('aws_cloudwatch_metric_alarm', 'x', ['delete'], { alarm_name: 'dofs-prod-rollback-x-errors' })] };
    expect(() => summarize(alarm)).toThrow(/rollback net/);
    // creating them is the apply's job, and so is changing an ordinary alarm
    const fine = {
      resource_changes: [
        change('aws_codedeploy_deployment_group', 'api-handler', ['create']),
        change('aws_cloudwatch_metric_alarm', 'y', ['update'], { alarm_name: 'dofs-prod-rollback-y-errors' }),
        change('aws_cloudwatch_metric_alarm', 'z', ['delete'], { alarm_name: 'dofs-prod-api-5xx' }),
      ],
    };
    expect(summarize(fine).trim()).toBe('1 to add, 1 to change, 1 to destroy; lambda code changes: none');
  });
});
