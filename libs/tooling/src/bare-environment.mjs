// An environment like a bare machine's, for the steps that must need nothing but npm: its PATH is
// one directory that holds only `node` (the Node 24 running this) and `git`, and the variables
// that would point the browser elsewhere are gone. A step that shells out to a system tool fails
// there with ENOENT, even on a machine where the tool is installed.
import { existsSync, lstatSync, mkdirSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

/** The only programs a bare step may find on its PATH. */
const ALLOWED = ['node', 'git'];

/** Finds a program on the PATH of this process. */
function which(/** @type {string} */ name) {
  for (const dir of (process.env['PATH'] ?? '').split(path.delimiter)) {
    const file = path.join(dir, name);
    if (dir !== '' && existsSync(file)) return file;
  }
  return undefined;
}

/** The directory of the bare PATH (node_modules/.cache/dofs-bare-path), made once. */
function barePath() {
  const nodeModules = path.resolve(path.dirname(createRequire(import.meta.url).resolve('playwright-core')), '..');
  const dir = path.join(nodeModules, '.cache', 'dofs-bare-path');
  mkdirSync(dir, { recursive: true });
  for (const name of ALLOWED) {
    const target = name === 'node' ? process.execPath : which(name);
    const link = path.join(dir, name);
    if (!target || lstatSync(link, { throwIfNoEntry: false })) continue;
    try {
      symlinkSync(target, link);
    } catch (error) {
      // another process made the same link at the same moment
      if (!lstatSync(link, { throwIfNoEntry: false })) throw error;
    }
  }
  return dir;
}

/**
 * `env` with a PATH of node and git only, and no CHROMIUM_PATH or DOFS_CHROMIUM.
 * @param {NodeJS.ProcessEnv} [env]
 * @returns {NodeJS.ProcessEnv}
 */
export function bareEnvironment(env = process.env) {
  /** @type {NodeJS.ProcessEnv} */
  const bare = { ...env, PATH: barePath() };
  delete bare['CHROMIUM_PATH'];
  delete bare['DOFS_CHROMIUM'];
  return bare;
}
