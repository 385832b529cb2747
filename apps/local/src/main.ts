/**
 * `npm start`: runs the whole DOFS pipeline on this machine until Ctrl-C. Settings come from the
 * DOFS_* environment variables (local-settings.ts in @dofs/local-client). Started by startLocalSystem() it also speaks to
 * its parent over IPC (runtime-ipc.ts in @dofs/local-client).
 */
import { startRuntime, type Runtime } from './runtime';
import { startupTable } from './startup-table';
import { type ChildMessage, type ParentMessage, InvalidSettingError, LOCAL_DEFAULTS, optionsFromEnv } from '@dofs/local-client';
import { StartupError } from './startup-error';
import { releaseWorkerHeapLimits } from './heap-flags';

const send = (message: ChildMessage): void => {
  if (process.connected) process.send?.(message);
};

function fail(error: unknown): never {
  if (error instanceof StartupError || error instanceof InvalidSettingError) {
    process.stderr.write(`dofs: ${error.message}\n`);
  } else {
    process.stderr.write(`dofs: unexpected error while starting: ${(error as Error).stack ?? String(error)}\n`);
  }
  process.exit(1);
}

/** The bundles target nodejs24.x; on an older Node the SDK inside them fails in ways that only show as 503s. */
function requireNode24(): void {
  const major = Number(process.versions.node.split('.')[0]);
  if (major < 24) {
    throw new StartupError(
      `DOFS runs on Node 24 (Lambda's nodejs24.x); this is Node ${process.versions.node}. Start it with \`npm start\`, which uses the Node 24 that \`npm ci\` installed in node_modules/.bin.`,
    );
  }
}

/** Answers a request of the process that started this runtime (startLocalSystem). */
function answerParent(runtime: Runtime, message: ParentMessage, stop: (why: string) => Promise<void>): void {
  switch (message.type) {
    case 'stop':
      void stop('stop requested');
      break;
    case 'set-event-source': {
      const source = runtime.eventSources.get(message.functionName);
      if (!source) send({ type: 'reply', id: message.id, error: `no event source for ${message.functionName}` });
      else void source.setEnabled(message.enabled).then(() => send({ type: 'reply', id: message.id }));
      break;
    }
    case 'stats':
      send({
        type: 'reply',
        id: message.id,
        stats: {
          functions: Object.fromEntries([...runtime.functions].map(([name, fn]) => [name, fn.stats])),
          eventSources: Object.fromEntries([...runtime.eventSources].map(([name, source]) => [name, { ...source.stats }])),
          threadBusyMs: runtime.threadBusyMs(),
          faults: { ...runtime.faults.counts },
        },
      });
      break;
  }
}

async function main(): Promise<void> {
  requireNode24();
  releaseWorkerHeapLimits();
  // when the terminal or the parent that reads our output is gone, keep stopping cleanly anyway
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);
  const options = optionsFromEnv(process.env, LOCAL_DEFAULTS);
  const out = {
    info: (line: string) => {
      if (!options.quiet) process.stdout.write(line + '\n');
    },
    error: (line: string) => process.stderr.write(line + '\n'),
  };
  // the handlers below are in place before start-up yields, so Ctrl-C during start-up is handled too
  const starting: Promise<Runtime> = startRuntime(options, out);
  let stopping = false;
  const stop = async (why: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    out.info(`\n${why}: stopping; finishing in-flight work (Ctrl-C again to quit at once)`);
    try {
      // a signal during start-up stops what has started once it has
      const runtime = await starting.catch(() => undefined);
      await runtime?.stop();
      if (runtime?.faults.active) out.info(`faults injected: ${runtime.faults.summary()}`);
      out.info('DOFS stopped.');
      process.exit(0);
    } catch (error) {
      out.error(`dofs: error while stopping: ${(error as Error).message}`);
      process.exit(1);
    }
  };
  const onSignal = (signal: NodeJS.Signals): void => {
    // a second Ctrl-C means "now"
    if (stopping) process.exit(130);
    void stop(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // the parent that started this runtime has gone: nobody will stop it otherwise
  process.on('disconnect', () => void stop('parent process gone'));

  const started = await starting;
  if (stopping) return;
  out.info(startupTable(started.endpoints, started.notices, started.restoredMessages));
  process.on('message', (message: ParentMessage) => answerParent(started, message, stop));
  send({ type: 'ready', endpoints: started.endpoints });
}

main().catch(fail);
