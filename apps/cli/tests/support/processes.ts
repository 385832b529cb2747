import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LocalEndpoints } from '../../src/config';

export const ROOT = path.resolve(__dirname, '../../../..');
const DOFS_BIN = path.join(ROOT, 'apps/cli/bin/dofs.cjs');

/** Runs the real `dofs` binary, as a person or a script would. */
export function dofs(args: readonly string[], env: Record<string, string> = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [DOFS_BIN, ...args], { cwd: ROOT, env: { ...withoutDofsEnv(), ...env }, timeout: 120_000 }, (error, stdout, stderr) => {
      const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
      resolve({ code, stdout, stderr });
    });
  });
}

function withoutDofsEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOFS_')));
}

async function until<T>(what: string, probe: () => T | undefined, timeoutMs: number, child: ChildProcess, output: () => string): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = probe();
    if (value !== undefined) return value;
    if (child.exitCode !== null) throw new Error(`${what}: the process exited with ${child.exitCode}\n${output()}`);
    if (Date.now() > deadline) throw new Error(`${what}: not within ${timeoutMs} ms\n${output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
}

export interface RunningLocalSystem {
  readonly dataDir: string;
  readonly endpoints: LocalEndpoints;
  stop(): Promise<void>;
}

/**
 * Starts the local runtime the way `npm start` does (dist/apps/local/main.mjs, DOFS_* settings) on
 * ephemeral ports in a temporary data dir, and waits for the endpoints.json the CLI reads. The IPC
 * channel makes the runtime stop if this process dies.
 */
export async function startLocalRuntime(settings: Record<string, string>): Promise<RunningLocalSystem> {
  const main = path.join(ROOT, 'dist/apps/local/main.mjs');
  if (!existsSync(main)) throw new Error('dist/apps/local/main.mjs is missing: run `npx nx run local:build` (cli:test depends on it)');
  const dataDir = mkdtempSync(path.join(tmpdir(), 'dofs-cli-e2e-'));
  const child = spawn(process.execPath, [main], {
    cwd: ROOT,
    env: { ...withoutDofsEnv(), DOFS_DATA_DIR: dataDir, DOFS_PORT: '0', DOFS_QUIET: 'true', ...settings },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const file = path.join(dataDir, 'endpoints.json');
  const stop = async () => {
    await stopChild(child);
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    const endpoints = await until(
      'the local runtime writing endpoints.json',
      () => {
        if (!existsSync(file)) return undefined;
        const parsed = JSON.parse(readFileSync(file, 'utf8')) as LocalEndpoints;
        return parsed.pid === child.pid ? parsed : undefined;
      },
      60_000,
      child,
      () => output,
    );
    return { dataDir, endpoints, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** fauxqs alone (tests/support/sqs-emulator.mjs), for DLQ commands that need messages to stay put. */
export async function startSqsEmulator(): Promise<{ address: string; queues: { order_queue: string; order_dlq: string }; stop(): Promise<void> }> {
  const child = spawn(process.execPath, [path.join(__dirname, 'sqs-emulator.mjs')], { cwd: ROOT, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const ready = await new Promise<{ address: string; queues: { order_queue: string; order_dlq: string } }>((resolve, reject) => {
    child.once('message', (message) => resolve(message as { address: string; queues: { order_queue: string; order_dlq: string } }));
    child.once('exit', (code) => reject(new Error(`the SQS emulator exited with ${code}`)));
  });
  return { ...ready, stop: () => stopChild(child) };
}
