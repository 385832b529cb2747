import { spawnSync } from 'node:child_process';
import path from 'node:path';

const root = path.resolve(__dirname, '../../../..');

// Node resolves the runtime's extensionless relative imports (`./sqs-errors`) to the .ts file.
const RESOLVE_TS = `export async function resolve(specifier, context, next) {
  try { return await next(specifier, context); } catch (error) {
    if (!specifier.startsWith('.') || /\\.[cm]?[jt]s$/.test(specifier)) throw error;
    return next(specifier + '.ts', context);
  }
}`;
const REGISTER = `import { register } from 'node:module'; register(${JSON.stringify(`data:text/javascript,${encodeURIComponent(RESOLVE_TS)}`)});`;

/** Node's flags to run an ES-module script (`-e`) that imports the runtime's TypeScript files. */
export const TS_MODULE_NODE_ARGS: readonly string[] = [
  '--experimental-transform-types',
  '--disable-warning=ExperimentalWarning',
  '--disable-warning=MODULE_TYPELESS_PACKAGE_JSON',
  '--import',
  `data:text/javascript,${encodeURIComponent(REGISTER)}`,
  '--input-type=module',
];

/**
 * Runs an ES-module script that imports the runtime's TypeScript files as they are, in a Node
 * process of its own: the emulators (fauxqs) are ES modules that jest's CommonJS runtime cannot
 * load. The script prints one JSON value, which this returns; a failing script throws its stderr.
 * `nodeFlags` go before the others (the runtime's own, RUNTIME_NODE_FLAGS).
 */
export function runTsModuleProbe<T>(script: string, timeoutMs = 30_000, nodeFlags: readonly string[] = []): T {
  const run = spawnSync(
    process.execPath,
    [...nodeFlags, ...TS_MODULE_NODE_ARGS, '-e', script],
    { cwd: root, encoding: 'utf8', timeout: timeoutMs },
  );
  if (run.status !== 0) throw new Error(`the probe failed (${run.status ?? run.signal}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
