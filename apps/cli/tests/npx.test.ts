// `npx dofs …` is the first thing a new user types. npx runs the `dofs` that `npm ci` linked into
// node_modules/.bin (apps/cli/package.json, a devDependency of the root), at once. Were the root
// package.json to declare the bin itself, npx would install the whole project into its own cache
// on every call: seconds of work, and npm's engines check of the project against the Node that
// runs npm (a system Node 20 printed two `npm warn EBADENGINE` blocks, though dofs runs on Node 24).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ROOT } from './support/processes';

it('npx dofs runs the linked bin straight away: nothing installed in the npx cache, no npm warning', () => {
  expect(realpathSync(path.join(ROOT, 'node_modules/.bin/dofs'))).toBe(path.join(ROOT, 'apps/cli/bin/dofs.cjs'));
  const rootPackage = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { bin?: unknown };
  expect(rootPackage.bin).toBeUndefined();

  const cache = mkdtempSync(path.join(tmpdir(), 'dofs-npx-cache-'));
  try {
    const run = spawnSync('npx', ['dofs', '--help'], { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, npm_config_cache: cache, npm_config_update_notifier: 'false' } });
    expect({ status: run.status, warnings: run.stderr.split('\n').filter((line) => /^npm (warn|error|ERR)/i.test(line)) }).toEqual({ status: 0, warnings: [] });
    expect(run.stdout).toMatch(/^dofs: the DOFS command line/);
    expect(existsSync(path.join(cache, '_npx'))).toBe(false);
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }
});
