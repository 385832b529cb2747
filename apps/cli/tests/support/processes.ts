import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';

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

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
  await exited;
  clearTimeout(timer);
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
