import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { ConsoleQueues, ConsoleRedriveRequest, ConsoleRedriveResult } from '@dofs/contracts';
import { orderIdForKey } from '@dofs/domain';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { LOOPBACK } from '../http/listen';
import type { ConsoleData } from './console-data';
import type { ConsoleState } from './console-state';
import type { ConsoleStream } from './console-stream';
import type { ConsoleViews } from './console-views';

/** An answer the console means to give, in its one error envelope. */
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

export const SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'content-security-policy': "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cache-control': 'no-store',
};

// Three fixed files: a route each reads them, where @fastify/static (not installed) would be a dependency for three paths.
const STATIC_TYPES: Readonly<Record<string, string>> = {
  '/index.html': 'text/html; charset=utf-8',
  '/app.js': 'text/javascript; charset=utf-8',
  '/app.css': 'text/css; charset=utf-8',
};

const LOOPBACK_NAMES = new Set([LOOPBACK, 'localhost']);
const REDRIVE_BODY_LIMIT = 64 * 1024;

export interface ConsoleRouteDeps {
  readonly views: ConsoleViews;
  readonly data: ConsoleData;
  readonly state: ConsoleState;
  readonly stream: ConsoleStream;
  /** the built browser app (dist/apps/console) */
  readonly staticDir: string;
}

const json = (reply: FastifyReply, status: number, body: unknown): FastifyReply =>
  reply.code(status).headers(SECURITY_HEADERS).type('application/json').send(JSON.stringify(body));

const searchParams = (request: FastifyRequest): URLSearchParams => new URL(request.url, 'http://console').searchParams;

/**
 * A page elsewhere that rebinds its own host name to 127.0.0.1 (DNS rebinding) would be
 * same-origin here; it still sends its own name as Host, so only loopback names are served.
 */
async function checkHost(request: FastifyRequest): Promise<void> {
  const host = (request.headers.host ?? '').replace(/:\d+$/, '');
  if (!LOOPBACK_NAMES.has(host)) throw new HttpError(403, 'FORBIDDEN_HOST', `The console answers only to ${LOOPBACK} and localhost, not ${host || '(no Host)'}`);
}

/** Every error in the one envelope, without a stack; one the console did not mean is a 500. */
function answerError(error: FastifyError | HttpError, _request: FastifyRequest, reply: FastifyReply): FastifyReply | void {
  if (reply.raw.headersSent) return void reply.raw.end();
  const known = error instanceof HttpError ? error : error.statusCode === 413 ? new HttpError(413, 'PAYLOAD_TOO_LARGE', 'The request body is too large') : undefined;
  return json(reply, known?.status ?? 500, {
    error: {
      code: known?.code ?? 'INTERNAL_ERROR',
      message: known?.message ?? 'The console could not answer; see the runtime log',
      request_id: randomUUID(),
    },
  });
}

/** The DLQ redrive takes a JSON POST only: a form on another site cannot send one without a CORS preflight, which is never granted. */
async function redrive(data: ConsoleData, request: FastifyRequest): Promise<ConsoleRedriveResult> {
  const body = request.body as Buffer | undefined;
  let parsed: ConsoleRedriveRequest;
  try {
    parsed = (body === undefined || body.length === 0 ? {} : JSON.parse(body.toString('utf8'))) as ConsoleRedriveRequest;
  } catch {
    throw new HttpError(400, 'MALFORMED_JSON', 'The body is not JSON');
  }
  const ids = parsed.message_ids;
  if (ids !== undefined && (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string')))
    throw new HttpError(400, 'VALIDATION_FAILED', 'message_ids must be an array of strings');
  return { moved: await data.redrive(ids) };
}

async function requireJson(request: FastifyRequest): Promise<void> {
  if (request.headers['content-type']?.split(';')[0]?.trim() !== 'application/json')
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', 'Send the redrive request as application/json');
}

function staticFiles(app: FastifyInstance, staticDir: string): void {
  for (const [file, type] of Object.entries(STATIC_TYPES)) {
    const serve = async (_request: FastifyRequest, reply: FastifyReply): Promise<FastifyReply> => {
      const content = await readFile(path.join(staticDir, file)).catch(() => undefined);
      if (!content) throw new HttpError(503, 'CONSOLE_NOT_BUILT', `The console app is not built: run \`npx nx run console:build\` (${staticDir})`);
      return reply.headers(SECURITY_HEADERS).type(type).send(content);
    };
    app.get(file, serve);
    if (file === '/index.html') app.get('/', serve);
  }
}

/** The console's HTTP face: the host check, the JSON API, the event stream and the app's files. */
export function consoleRoutes(app: FastifyInstance, { views, data, state, stream, staticDir }: ConsoleRouteDeps): void {
  app.addHook('onRequest', checkHost);
  app.setErrorHandler(answerError);
  app.setNotFoundHandler((request) => {
    throw new HttpError(404, 'NOT_FOUND', `No ${request.method} ${new URL(request.url, 'http://console').pathname} here`);
  });
  // bodies are read as bytes and judged by the routes (only the redrive takes one)
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: REDRIVE_BODY_LIMIT }, (_request, body, done) => done(null, body));

  app.get('/api/events', (_request, reply) => {
    reply.hijack();
    stream.open(reply.raw);
  });
  app.get('/api/overview', async (_request, reply) => json(reply, 200, await views.overview()));
  app.get('/api/workflow', async (_request, reply) => json(reply, 200, views.workflow()));
  app.get('/api/queues', async (_request, reply) =>
    json(reply, 200, { queues: await data.queueStats(), dlq_messages: data.dlqMessages() } satisfies ConsoleQueues),
  );
  app.get('/api/failed-orders', async (_request, reply) => json(reply, 200, await data.failedOrderList()));
  app.get('/api/orders/:orderId', async (request, reply) => json(reply, 200, await views.orderDetail((request.params as { orderId: string }).orderId)));
  app.get('/api/logs', async (request, reply) => {
    const query = searchParams(request);
    const filter = { function: query.get('function'), level: query.get('level'), orderId: query.get('order_id'), correlationId: query.get('correlation_id') };
    return json(reply, 200, state.logLines(Object.fromEntries(Object.entries(filter).filter(([, value]) => value !== null))));
  });
  app.get('/api/lookup', async (request, reply) => {
    const key = searchParams(request).get('idempotency_key');
    if (!key) throw new HttpError(400, 'BAD_REQUEST', 'idempotency_key is required');
    return json(reply, 200, { order_id: orderIdForKey(key) });
  });
  app.post('/api/queues/order_dlq/redrive', { preParsing: requireJson }, async (request, reply) => json(reply, 200, await redrive(data, request)));
  staticFiles(app, staticDir);
}
