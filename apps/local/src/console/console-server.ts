import { createServer } from 'node:http';
import Fastify from 'fastify';
import { runtimeEvents } from '../events/runtime-events';
import { close, listen, LOOPBACK } from '../http/listen';
import type { ConsoleData } from './console-data';
import { consoleRoutes, SECURITY_HEADERS } from './console-routes';
import { ConsoleState } from './console-state';
import { ConsoleStream } from './console-stream';
import { consoleViews, type ConsoleFacts } from './console-views';

export interface ConsoleOptions extends ConsoleFacts {
  /** 0 = ephemeral */
  readonly port: number;
  /** the built browser app: index.html, app.js, app.css (dist/apps/console) */
  readonly staticDir: string;
  readonly data: ConsoleData;
  readonly functionNames: readonly string[];
  readonly deadLetterQueues: readonly string[];
  /** how often the stream sends the overview */
  readonly tickMs?: number;
}

export interface ConsoleService extends AsyncDisposable {
  readonly url: string;
  stop(): Promise<void>;
}

/**
 * The local console: the browser app and the JSON and server-sent-event API it reads, on its own
 * port of 127.0.0.1 (fastify on a node:http server, so that a taken port is the runtime's clear
 * StartupError). Read-only except the DLQ redrive. Made of the routes (console-routes.ts), the
 * stream (console-stream.ts) and its tick, over the state the runtime's events build.
 */
export async function startConsole(options: ConsoleOptions): Promise<ConsoleService> {
  const state = new ConsoleState(options.functionNames, new Set(options.deadLetterQueues));
  const unsubscribe = runtimeEvents.subscribe((event) => state.record(event));
  const views = consoleViews(options, options.data, state);
  const stream = new ConsoleStream(state, views, SECURITY_HEADERS);
  const app = Fastify({ serverFactory: (handler) => createServer(handler), exposeHeadRoutes: false });
  consoleRoutes(app, { views, data: options.data, state, stream, staticDir: options.staticDir });
  await app.ready();
  const port = await listen(app.server, options.port, 'the console', 'Set DOFS_PORT to another port, or DOFS_CONSOLE=0 to run without the console.');
  const timer = setInterval(() => void stream.tick(), options.tickMs ?? 1000);
  timer.unref();
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      clearInterval(timer);
      unsubscribe();
      stream.close();
      await close(app.server);
      await app.close();
    })());
  return { url: `http://${LOOPBACK}:${port}`, stop, [Symbol.asyncDispose]: stop };
}
