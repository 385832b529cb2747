import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalEndpoints } from './endpoints-file';
import { LOCAL_DEFAULTS, optionsToEnv, type LocalSystemOptions } from './local-settings';
import type { ChildMessage, ParentMessage, RuntimeStats } from './runtime-ipc';
import { findWorkspaceRoot, runtimeEntry } from './workspace-root';

export interface LocalSystem {
  readonly apiUrl: string;
  /** the content of <dataDir>/endpoints.json */
  readonly endpoints: LocalEndpoints;
  /** Drains in-flight work and stops (as Ctrl-C does); a temporary data dir is removed. */
  stop(): Promise<void>;
  /** Like UpdateEventSourceMapping Enabled; disabling resolves once no batch is being received. */
  setEventSourceEnabled(functionName: string, enabled: boolean): Promise<void>;
  /** Invocations per function and messages per event source mapping since start. */
  stats(): Promise<RuntimeStats>;
  /** Everything the runtime printed so far (stdout and stderr), for assertions and diagnostics. */
  output(): string;
  /** The runtime's process id. */
  readonly pid: number;
  /** Resolves with the exit code once the runtime has exited, however it was stopped. */
  readonly exited: Promise<number | null>;
}

/**
 * `npm start`'s defaults, except what tests need: ephemeral ports and a fresh temporary data dir
 * (so suites run in parallel), no console output, fast retries.
 */
const HARNESS_DEFAULTS: Omit<LocalSystemOptions, 'dataDir'> = {
  ...LOCAL_DEFAULTS,
  port: 0,
  quiet: true,
  visibilityTimeoutSeconds: 2,
};

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/**
 * Starts the local runtime (dist/apps/local/main.mjs, what `npm start` runs) as a child process
 * and resolves once its API answers. Running it out of process keeps the caller's event loop and
 * CPU share its own, exercises the real start-up and shutdown paths, and ends with the caller:
 * the runtime stops itself when its parent goes away.
 */
export async function startLocalSystem(options: Partial<LocalSystemOptions> = {}): Promise<LocalSystem> {
  const root = findWorkspaceRoot();
  const main = runtimeEntry(root);
  if (!existsSync(main)) throw new Error(`${path.relative(root, main)} is missing: run \`npx nx run local:build\` first.`);
  const temporary = options.dataDir === undefined ? await mkdtemp(path.join(os.tmpdir(), 'dofs-local-')) : undefined;
  const settings: LocalSystemOptions = { ...HARNESS_DEFAULTS, ...options, dataDir: options.dataDir ?? temporary ?? '' };
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('DOFS_')) delete env[key];
  const child = spawn(process.execPath, [main], {
    cwd: root,
    env: { ...env, ...optionsToEnv(settings) },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  let output = '';
  const capture = (chunk: Buffer): void => {
    output += chunk.toString('utf8');
    // keep memory bounded in long runs
    if (output.length > 4_000_000) output = output.slice(-2_000_000);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));

  const cleanup = async (): Promise<void> => {
    if (temporary) await rm(temporary, { recursive: true, force: true });
  };

  let endpoints: LocalEndpoints;
  try {
    endpoints = await new Promise<LocalEndpoints>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`the local runtime did not start within ${START_TIMEOUT_MS / 1000} s:\n${output}`)),
        START_TIMEOUT_MS,
      );
      child.on('message', (message: ChildMessage) => {
        if (message.type === 'ready') {
          clearTimeout(timer);
          resolve(message.endpoints);
        }
      });
      void exited.then((code) => {
        clearTimeout(timer);
        reject(new Error(`the local runtime exited with code ${code} while starting:\n${output.trim()}`));
      });
    });
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    await cleanup();
    throw error;
  }

  let nextId = 1;
  const request = (message: ParentMessage & { id: number }): Promise<ChildMessage & { type: 'reply' }> =>
    new Promise((resolve, reject) => {
      const onMessage = (reply: ChildMessage): void => {
        if (reply.type !== 'reply' || reply.id !== message.id) return;
        child.off('message', onMessage);
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply);
      };
      child.on('message', onMessage);
      child.send(message);
    });

  let stopped: Promise<void> | undefined;
  return {
    apiUrl: endpoints.api_url,
    endpoints,
    pid: child.pid ?? -1,
    exited,
    output: () => output,
    setEventSourceEnabled: async (functionName, enabled) => {
      await request({ type: 'set-event-source', id: nextId++, functionName, enabled });
    },
    stats: async () => (await request({ type: 'stats', id: nextId++ })).stats ?? { functions: {}, eventSources: {}, threadBusyMs: {} },
    stop: () =>
      (stopped ??= (async () => {
        // a runtime that has already exited (Ctrl-C, a crash, killLocalSystem) is only cleaned up
        if (child.exitCode === null && child.signalCode === null) {
          child.kill('SIGTERM');
          const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
          const code = await exited;
          clearTimeout(timer);
          if (code !== 0) {
            await cleanup();
            throw new Error(`the local runtime stopped with code ${code}:\n${output.slice(-4000)}`);
          }
        }
        await cleanup();
      })()),
  };
}

/** Kills a runtime without letting it stop cleanly, as a crash or `kill -9` would. */
export async function killLocalSystem(system: LocalSystem): Promise<void> {
  process.kill(system.pid, 'SIGKILL');
  await system.exited;
}
