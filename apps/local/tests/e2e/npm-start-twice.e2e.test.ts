// Two `npm start`s in one checkout, each on its own data dir and ports, both run. `local:serve` is
// an ordinary nx task: were it a continuous one, nx would share it between its processes and the
// second would print "Waiting for local:serve in another nx process" and wait for ever. One data
// dir still holds one runtime: data-dir-lock.e2e.test.ts.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ENDPOINTS_FILE, readEndpointsFile } from '@dofs/local-client';
import { workspacePaths } from '../../src/workspace';
import { waitFor } from '../support/wait-for';

const scratch = mkdtempSync(path.join(tmpdir(), 'dofs-start-twice-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** `nx run local:serve`, what `npm start` runs, in its own process group (as a terminal runs it); the test target has built what it needs. */
function serve(name: string) {
  const { root } = workspacePaths();
  const dataDir = path.join(scratch, name);
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOFS_') && !key.startsWith('NX_')));
  const child = spawn(process.execPath, [path.join(root, 'node_modules/.bin/nx'), 'run', 'local:serve', '--excludeTaskDependencies', '--outputStyle=static'], {
    cwd: root,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...inherited, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false', DOFS_PORT: '0', DOFS_DATA_DIR: dataDir, DOFS_CONSOLE: '0', DOFS_QUIET: '1' },
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  return {
    output: () => output,
    ready: () =>
      Promise.race([
        waitFor(`${name} to write its endpoints`, async () => readEndpointsFile(path.join(dataDir, ENDPOINTS_FILE)), 90_000),
        exited.then(() => Promise.reject(new Error(`${name} exited before it was ready:\n${output}`))),
      ]),
    /** Ctrl-C to the whole group, as a terminal sends it; SIGKILL if it lingers. */
    stop: async () => {
      if (child.pid === undefined || child.exitCode !== null) return;
      process.kill(-child.pid, 'SIGINT');
      const timer = setTimeout(() => child.pid !== undefined && process.kill(-child.pid, 'SIGKILL'), 20_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

it('runs a second npm start beside the first, on another data dir, instead of waiting for the first', async () => {
  const first = serve('first');
  let second: ReturnType<typeof serve> | undefined;
  try {
    // the second starts once the first is running, as a person would start it
    const firstEndpoints = await first.ready();
    second = serve('second');
    const secondEndpoints = await second.ready();
    expect(secondEndpoints.api_url).not.toBe(firstEndpoints.api_url);
    for (const run of [first, second]) expect(run.output()).not.toContain('in another nx process');
    const health = await Promise.all([firstEndpoints, secondEndpoints].map(async (endpoints) => (await fetch(`${endpoints.api_url}/health`)).status));
    expect(health).toEqual([200, 200]);
  } finally {
    await Promise.all([first.stop(), second?.stop()]);
  }
}, 180_000);
