import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { LocalEndpoints } from './endpoints-file';
import { LOCAL_DEFAULTS, optionsToEnv, type LocalSystemOptions } from './local-settings';
import type { ChildMessage, ParentMessage, RuntimeStats } from './runtime-ipc';
import { findWorkspaceRoot, runtimeEntry } from './workspace-root';

export interface LocalSystem extends AsyncDisposable {
  readonly apiUrl: string;
  /** the `local` client's API key, sent as x-api-key */
  readonly apiKey: string;
  /** the local web console; undefined with console: false (DOFS_CONSOLE=0) */
  readonly consoleUrl: string | undefined;
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

/**
 * Node flags the runtime is started with (`npm start` passes the same, apps/local/project.json).
 * Node 24 lets the main isolate's young generation grow to 128 MB (two 64 MB semi-spaces) under
 * load, most of it garbage kept resident; 8 MB semi-spaces hold the gateway's, fauxqs's and the
 * workflow engine's short-lived objects. V8 lets this flag override a worker's resourceLimits, so
 * the runtime clears it once its own heap is made (main.ts): the function environments keep
 * Lambda's split (heapLimits in execution-environment.ts).
 */
export const RUNTIME_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=8'];

const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

/** The runtime as a child process, its output kept for assertions and diagnostics. */
interface RuntimeProcess {
  readonly child: ChildProcess;
  readonly exited: Promise<number | null>;
  output(): string;
}

function spawnRuntime(root: string, main: string, settings: LocalSystemOptions): RuntimeProcess {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith('DOFS_')) delete env[key];
  const child = spawn(process.execPath, [...RUNTIME_NODE_FLAGS, main], {
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
  return { child, exited, output: () => output };
}

/** The endpoints the runtime announces once its API answers; an error if it exits or takes too long first. */
function ready(runtime: RuntimeProcess): Promise<LocalEndpoints> {
  return new Promise<LocalEndpoints>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the local runtime did not start within ${START_TIMEOUT_MS / 1000} s:\n${runtime.output()}`)),
      START_TIMEOUT_MS,
    );
    runtime.child.on('message', (message: ChildMessage) => {
      if (message.type !== 'ready') return;
      clearTimeout(timer);
      resolve(message.endpoints);
    });
    void runtime.exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the local runtime exited with code ${code} while starting:\n${runtime.output().trim()}`));
    });
  });
}

/** Asks the runtime over IPC and resolves with its reply (see runtime-ipc.ts). */
/** A request to the runtime; the id that pairs it with its reply is added when it is sent. */
type Request = ParentMessage extends infer M ? (M extends { id: number } ? Omit<M, 'id'> : never) : never;

function requester(child: ChildProcess): (message: Request) => Promise<ChildMessage & { type: 'reply' }> {
  let nextId = 1;
  return (message) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      const onMessage = (reply: ChildMessage): void => {
        if (reply.type !== 'reply' || reply.id !== id) return;
        child.off('message', onMessage);
        if (reply.error) reject(new Error(reply.error));
        else resolve(reply);
      };
      child.on('message', onMessage);
      child.send({ ...message, id });
    });
}

/** SIGTERM, as Ctrl-C: the runtime drains and stops; a stop that fails or hangs is reported. */
async function stopRuntime({ child, exited, output }: RuntimeProcess): Promise<void> {
  // a runtime that has already exited (Ctrl-C, a crash, killLocalSystem) has nothing to stop
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
  const code = await exited;
  clearTimeout(timer);
  if (code !== 0) throw new Error(`the local runtime stopped with code ${code}:\n${output().slice(-4000)}`);
}

/**
 * Starts the local runtime (dist/apps/local/main.mjs, what `npm start` runs) as a child process
 * and resolves once its API answers. Running it out of process keeps the caller's event loop and
 * CPU share its own, exercises the real start-up and shutdown paths, and ends with the caller:
 * the runtime stops itself when its parent goes away. `await using` stops it too.
 */
export async function startLocalSystem(
  options: Partial<LocalSystemOptions> = {},
  /** another workspace holding a built runtime (the parity suite's, with fixture contracts; the cost guard's base commit); this one by default */
  { workspaceRoot }: { readonly workspaceRoot?: string } = {},
): Promise<LocalSystem> {
  const root = workspaceRoot ?? findWorkspaceRoot();
  const main = runtimeEntry(root);
  if (!existsSync(main)) throw new Error(`${path.relative(root, main)} is missing: run \`npx nx run local:build\` first.`);
  const temporary = options.dataDir === undefined ? await mkdtemp(path.join(os.tmpdir(), 'dofs-local-')) : undefined;
  const cleanup = async (): Promise<void> => {
    if (temporary) await rm(temporary, { recursive: true, force: true });
  };
  const runtime = spawnRuntime(root, main, { ...HARNESS_DEFAULTS, ...options, dataDir: options.dataDir ?? temporary ?? '' });
  const endpoints = await ready(runtime).catch(async (error: unknown) => {
    runtime.child.kill('SIGKILL');
    await runtime.exited;
    await cleanup();
    throw error;
  });
  const request = requester(runtime.child);
  let stopped: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopped ??= stopRuntime(runtime).finally(cleanup));
  return {
    apiUrl: endpoints.api_url,
    apiKey: endpoints.api_key,
    consoleUrl: endpoints.console_url,
    endpoints,
    pid: runtime.child.pid ?? -1,
    exited: runtime.exited,
    output: runtime.output,
    setEventSourceEnabled: async (functionName, enabled) => {
      await request({ type: 'set-event-source', functionName, enabled });
    },
    stats: async () => (await request({ type: 'stats' })).stats ?? { functions: {}, eventSources: {}, threadBusyMs: {} },
    stop,
    [Symbol.asyncDispose]: stop,
  };
}

/** Kills a runtime without letting it stop cleanly, as a crash or `kill -9` would. */
export async function killLocalSystem(system: LocalSystem): Promise<void> {
  process.kill(system.pid, 'SIGKILL');
  await system.exited;
}
