import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type {
  ConsoleOrderDetail,
  ConsoleOverview,
  ConsoleQueues,
  ConsoleRedriveRequest,
  ConsoleRedriveResult,
  ConsoleStreamEvent,
  ConsoleWorkflow,
} from '@dofs/contracts';
import { orderIdForKey } from '@dofs/domain';
import { close, listen, LOOPBACK, readBody } from '../http/listen';
import type { ConsoleData } from './console-data';
import { ConsoleState } from './console-state';
import { runtimeEvents } from '../events/runtime-events';

export interface ConsoleOptions {
  /** 0 = ephemeral */
  readonly port: number;
  /** the built browser app: index.html, app.js, app.css (dist/apps/console) */
  readonly staticDir: string;
  readonly apiUrl: string;
  /** the local client's key, for the curl the empty overview shows (the console answers 127.0.0.1 only) */
  readonly apiKey: string;
  readonly data: ConsoleData;
  readonly functionNames: readonly string[];
  readonly deadLetterQueues: readonly string[];
  readonly workflow: { readonly name: string; readonly definitionText: string };
  readonly alarm: { readonly name: string; readonly threshold: number; readonly periodSeconds: number };
  readonly settings: ConsoleOverview['settings'];
  /** how often the stream sends the overview */
  readonly tickMs?: number;
}

export interface ConsoleService extends AsyncDisposable {
  readonly url: string;
  stop(): Promise<void>;
}

class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HttpError';
  }
}

const STATIC_TYPES: Readonly<Record<string, string>> = {
  '/index.html': 'text/html; charset=utf-8',
  '/app.js': 'text/javascript; charset=utf-8',
  '/app.css': 'text/css; charset=utf-8',
};

const LOOPBACK_NAMES = new Set([LOOPBACK, 'localhost']);

const SECURITY_HEADERS = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

/**
 * The local console: the browser app and the JSON and server-sent-event API it reads, on its own
 * port of 127.0.0.1. Read-only except the DLQ redrive, which takes a JSON POST (a form on another
 * site cannot send one without a CORS preflight, which this server never grants).
 */
export async function startConsole(options: ConsoleOptions): Promise<ConsoleService> {
  const state = new ConsoleState(options.functionNames, new Set(options.deadLetterQueues));
  const unsubscribe = runtimeEvents.subscribe((event) => state.record(event));
  const definition = JSON.parse(options.workflow.definitionText) as unknown;
  const clients = new Set<ServerResponse>();

  const overview = async (): Promise<ConsoleOverview> => {
    const [counts, queues, recent] = await Promise.all([options.data.statusCounts(), options.data.queueStats(), options.data.recentOrders()]);
    return {
      api_url: options.apiUrl,
      api_key: options.apiKey,
      counts,
      rates: state.ratePoints(),
      queues,
      alarm: {
        name: options.alarm.name,
        state: state.alarmState,
        threshold: options.alarm.threshold,
        period_s: options.alarm.periodSeconds,
        alerts: state.alerts,
      },
      functions: state.functionStats(),
      recent_orders: recent,
      settings: options.settings,
    };
  };
  const workflow = (): ConsoleWorkflow => ({
    name: options.workflow.name,
    definition,
    state_counts: state.stateCounts,
    edge_counts: state.edgeCounts,
    executions: state.executionList(),
  });
  const orderDetail = async (orderId: string): Promise<ConsoleOrderDetail> => {
    const [order, failed] = await Promise.all([options.data.order(orderId), options.data.failedOrder(orderId)]);
    const correlationId = failed?.correlation_id ?? state.logLines({ orderId, limit: 1 })[0]?.correlation_id;
    const logs = state
      .logLines({ limit: 5000 })
      .filter((line) => line.order_id === orderId || (correlationId !== undefined && line.correlation_id === correlationId));
    return {
      order_id: orderId,
      ...(order ? { order } : {}),
      ...(failed ? { failed } : {}),
      timeline: state.timeline(orderId),
      logs: logs.slice(-500),
    };
  };

  const routes: Record<string, (url: URL, req: IncomingMessage) => Promise<unknown>> = {
    'GET /api/overview': () => overview(),
    'GET /api/workflow': async () => workflow(),
    'GET /api/queues': async (): Promise<ConsoleQueues> => ({ queues: await options.data.queueStats(), dlq_messages: options.data.dlqMessages() }),
    'GET /api/failed-orders': () => options.data.failedOrderList(),
    'GET /api/logs': async (url) =>
      state.logLines({
        function: url.searchParams.get('function') ?? undefined,
        level: url.searchParams.get('level') ?? undefined,
        orderId: url.searchParams.get('order_id') ?? undefined,
        correlationId: url.searchParams.get('correlation_id') ?? undefined,
      }),
    'GET /api/lookup': async (url) => {
      const key = url.searchParams.get('idempotency_key');
      if (!key) throw new HttpError(400, 'BAD_REQUEST', 'idempotency_key is required');
      return { order_id: orderIdForKey(key) };
    },
    'POST /api/queues/order_dlq/redrive': async (_url, req): Promise<ConsoleRedriveResult> => {
      if (req.headers['content-type']?.split(';')[0]?.trim() !== 'application/json')
        throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the redrive request as application/json');
      const body = await readBody(req, 64 * 1024);
      if (!body) throw new HttpError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large');
      let request: ConsoleRedriveRequest;
      try {
        request = (body.length === 0 ? {} : JSON.parse(body.toString('utf8'))) as ConsoleRedriveRequest;
      } catch {
        throw new HttpError(400, 'MALFORMED_JSON', 'The body is not JSON');
      }
      const ids = request.message_ids;
      if (ids !== undefined && (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')))
        throw new HttpError(400, 'VALIDATION_FAILED', 'message_ids must be an array of strings');
      return { moved: await options.data.redrive(ids) };
    },
  };

  const send = (res: ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { ...SECURITY_HEADERS, 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    // a page elsewhere that rebinds its own host name to 127.0.0.1 (DNS rebinding) would be
    // same-origin here; it still sends its own name as Host, so only loopback names are served
    const host = (req.headers.host ?? '').replace(/:\d+$/, '');
    if (!LOOPBACK_NAMES.has(host)) throw new HttpError(403, 'FORBIDDEN_HOST', `The console answers only to ${LOOPBACK} and localhost, not ${host || '(no Host)'}`);
    const url = new URL(req.url ?? '/', 'http://console');
    const pathname = url.pathname === '/' ? '/index.html' : url.pathname;
    if (req.method === 'GET' && pathname === '/api/events') return openStream(res);
    const orderMatch = /^\/api\/orders\/([^/]+)$/.exec(pathname);
    if (req.method === 'GET' && orderMatch) return send(res, 200, await orderDetail(decodeURIComponent(orderMatch[1] ?? '')));
    const route = routes[`${req.method} ${pathname}`];
    if (route) return send(res, 200, await route(url, req));
    const type = STATIC_TYPES[pathname];
    if (req.method === 'GET' && type) {
      const content = await readFile(path.join(options.staticDir, pathname)).catch(() => undefined);
      if (!content) throw new HttpError(503, 'CONSOLE_NOT_BUILT', `The console app is not built: run \`npx nx run console:build\` (${options.staticDir})`);
      res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': type });
      return void res.end(content);
    }
    throw new HttpError(404, 'NOT_FOUND', `No ${req.method ?? ''} ${url.pathname} here`);
  }

  const write = (res: ServerResponse, event: ConsoleStreamEvent): void => {
    res.write(`event: ${event.type}\ndata: ${JSON.stringify(event)}\n\n`);
  };

  function openStream(res: ServerResponse): void {
    res.writeHead(200, { ...SECURITY_HEADERS, 'content-type': 'text/event-stream', connection: 'keep-alive' });
    res.write('retry: 1000\n\n');
    clients.add(res);
    res.on('close', () => clients.delete(res));
    void overview().then(
      (value) => write(res, { type: 'overview', overview: value }),
      () => undefined,
    );
    write(res, { type: 'workflow', workflow: workflow() });
  }

  let ticking = false;
  let sentWorkflow = -1;
  const tick = async (): Promise<void> => {
    const lines = state.takeFreshLogs();
    const touched = state.takeTouched();
    if (clients.size === 0 || ticking) return;
    ticking = true;
    try {
      const events: ConsoleStreamEvent[] = [{ type: 'overview', overview: await overview() }];
      if (state.workflowVersion !== sentWorkflow) {
        sentWorkflow = state.workflowVersion;
        events.push({ type: 'workflow', workflow: workflow() });
      }
      if (lines.length > 0) events.push({ type: 'logs', lines });
      if (touched.length > 0) events.push({ type: 'orders', order_ids: touched });
      for (const res of clients) for (const event of events) write(res, event);
    } catch {
      // a service stopping under the console; the next tick tries again
    } finally {
      ticking = false;
    }
  };
  const timer = setInterval(() => void tick(), options.tickMs ?? 1000);
  timer.unref();

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      const known = error instanceof HttpError;
      if (res.headersSent) return void res.end();
      send(res, known ? error.status : 500, {
        error: {
          code: known ? error.code : 'INTERNAL_ERROR',
          message: known ? error.message : 'The console could not answer; see the runtime log',
          request_id: randomUUID(),
        },
      });
    });
  });
  const port = await listen(server, options.port, 'the console', 'Set DOFS_PORT to another port, or DOFS_CONSOLE=0 to run without the console.');
  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> =>
    (stopping ??= (async () => {
      clearInterval(timer);
      unsubscribe();
      for (const res of clients) res.end();
      await close(server);
    })());
  return { url: `http://${LOOPBACK}:${port}`, stop, [Symbol.asyncDispose]: stop };
}
