import { spawn } from 'node:child_process';
import path from 'node:path';
import { workspacePaths } from '../../src/workspace';

export interface RuntimeExit {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/apps/local/main.mjs` (what `npm start` runs) with DOFS_* settings and waits for
 * it to exit, killing it after `timeoutMs`: for start-ups that are meant to fail.
 */
export function runRuntimeUntilExit(env: Record<string, string>, timeoutMs = 30_000): Promise<RuntimeExit> {
  const paths = workspacePaths();
  const clean = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOFS_')));
  const child = spawn(process.execPath, [path.join(paths.runtimeDir, 'main.mjs')], {
    cwd: paths.root,
    env: { ...clean, DOFS_QUIET: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
