// One runtime per data dir, held by a lock the kernel releases when the process dies: a restart
// right after kill -9 starts, a second runtime on a dir in use is refused, whatever pids say.
import { spawn } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ENDPOINTS_FILE, readEndpointsFile } from '@dofs/local-client';
import { workspacePaths } from '../../src/workspace';
import { getOrder, postOrder } from '../support/api';
import { validOrder } from '../support/orders';
import { runRuntimeUntilExit } from '../support/run-runtime';
import { sharedDataDir } from '../support/shared-data-dir';
import { waitFor } from '../support/wait-for';

const dir = sharedDataDir('dofs-lock-');
const start = () => dir.start({ successRate: 1 });

const withoutDofsSettings = (): NodeJS.ProcessEnv =>
  Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOFS_')));

/** The state letter of /proc/<pid>/stat (R, S, Z for a zombie, ...), or undefined once it is gone. */
function processState(pid: number): string | undefined {
  try {
    return /^\d+ \(.*\) (\S)/.exec(readFileSync(`/proc/${pid}/stat`, 'utf8'))?.[1];
  } catch {
    return undefined;
  }
}

it('starts again on the same data dir right after SIGKILL, while the killed runtime is not yet reaped', async () => {
  // `npm start`'s process under a parent that never reaps it (sh execs sleep): once killed it
  // stays a zombie, which a pid check takes for a live runtime
  const { runtimeDir, root } = workspacePaths();
  const parent = spawn('sh', ['-c', `"${process.execPath}" "${path.join(runtimeDir, 'main.mjs')}" & exec sleep 120`], {
    cwd: root,
    env: { ...withoutDofsSettings(), DOFS_PORT: '0', DOFS_DATA_DIR: dir.dataDir, DOFS_QUIET: '1' },
    stdio: 'ignore',
  });
  try {
    const endpoints = await waitFor('the first runtime to be ready', async () => readEndpointsFile(path.join(dir.dataDir, ENDPOINTS_FILE)), 60_000);
    const created = await postOrder({ apiUrl: endpoints.api_url, apiKey: endpoints.api_key }, validOrder());
    expect(created.status).toBe(201);
    process.kill(endpoints.pid, 'SIGKILL');
    await waitFor('the killed runtime to be a zombie', async () => (processState(endpoints.pid) === 'Z' ? true : undefined));

    const second = await start();
    expect((await getOrder(second, created.body.order_id)).status).toBe(200);
  } finally {
    parent.kill('SIGKILL');
  }
});

it('starts on a data dir whose last runtime died, even when its pid now belongs to a live process', async () => {
  const first = await start();
  process.kill(first.pid, 'SIGKILL');
  await first.exited;
  // the pid is taken again (as after a reboot, or by a zombie not yet reaped): only the lock counts
  const bystander = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 60000)'], { stdio: 'ignore' });
  try {
    const file = path.join(dir.dataDir, 'endpoints.json');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), pid: bystander.pid }));
    const second = await start();
    expect((await fetch(`${second.apiUrl}/health`)).status).toBe(200);
  } finally {
    bystander.kill('SIGKILL');
  }
});

it('refuses a second runtime on a data dir in use, naming the one that holds it, and starts once it has stopped', async () => {
  const first = await start();
  const refused = await runRuntimeUntilExit({ DOFS_PORT: '0', DOFS_DATA_DIR: dir.dataDir });
  expect(refused.code).toBe(1);
  expect(refused.stderr).toMatch(
    new RegExp(`^dofs: DOFS is already running on the data dir .* \\(pid ${first.pid}, API ${first.apiUrl}\\)\\. Stop it first, or set DOFS_DATA_DIR`),
  );
  // the refused start changed nothing: the first still runs, and the dir is free once it stops
  expect((await fetch(`${first.apiUrl}/health`)).status).toBe(200);
  await dir.stop(first);
  const again = await start();
  expect((await fetch(`${again.apiUrl}/health`)).status).toBe(200);
});
