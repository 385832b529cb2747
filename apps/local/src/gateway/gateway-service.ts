import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import path from 'node:path';
import type { InvokeResult } from '../lambda/execution-environment';
import type { ApiKeyGate } from './api-key-gate';
import { close, listen, LOOPBACK, readBody } from '../http/listen';
import { placeholderResolver, type LocalCatalog } from '../local-catalog';
import type { RuntimeContext } from '../runtime-context';
import { answerRefusalsBelowTheApi } from './connection-refusals';
import { renderGatewayResponse, type GatewayErrorType } from './gateway-responses';
import { loadApiDefinition, type Route } from './openapi-routes';
import { buildProxyEvent, parseProxyResult } from './proxy-event';
import { runtimeEvents } from '../events/runtime-events';
import { parseRequestTarget, type RequestTarget } from './request-target';

/** API Gateway's own payload limit; the handler enforces the API's smaller one (413 too). */
const MAX_PAYLOAD_BYTES = 10 * 1024 * 1024;

/** How often node checks connections against the request timeout: its 30 s default would add up to 30 s to it. */
const TIMEOUT_CHECK_INTERVAL_MS = 1000;

export type FunctionCaller = (functionName: string, event: unknown) => Promise<InvokeResult | undefined>;

export interface ApiGatewayService extends AsyncDisposable {
  readonly url: string;
  readonly port: number;
}

export interface ApiGatewaySetup extends Pick<RuntimeContext, 'options' | 'paths'> {
  /** fills contracts/openapi.yaml's Terraform placeholders (the integrations' function ARNs) */
  readonly catalog: LocalCatalog;
  readonly functions: { readonly functions: ReadonlyMap<string, { invoke(event: unknown): Promise<InvokeResult> }> };
  /** API keys and usage plans on the methods that require a key (api-key-gate.ts); none checked without it */
  readonly gate?: ApiKeyGate;
}

function match(routes: readonly Route[], pathname: string): { sameResource: Route[]; parameters: Record<string, string> } {
  for (const route of routes) {
    const found = route.pattern.exec(pathname);
    if (!found) continue;
    const parameters: Record<string, string> = {};
    route.pathParameterNames.forEach((name, index) => {
      const raw = found[index + 1] ?? '';
      try {
        parameters[name] = decodeURIComponent(raw);
      } catch {
        parameters[name] = raw;
      }
    });
    return { sameResource: routes.filter((r) => r.resourcePath === route.resourcePath), parameters };
  }
  return { sameResource: [], parameters: {} };
}

function mediaType(req: IncomingMessage): string | undefined {
  return req.headers['content-type']?.split(';')[0]?.trim().toLowerCase();
}

/** Why API Gateway's request validator refuses the request, if it does. */
function requestProblem(
  route: Route,
  req: IncomingMessage,
  url: RequestTarget,
  parameters: Record<string, string>,
  body: Buffer,
): { type: GatewayErrorType; message?: string } | undefined {
  if (route.validateParameters) {
    const missing = route.parameters.filter((p) => {
      if (!p.required) return false;
      if (p.in === 'header') return req.headers[p.name.toLowerCase()] === undefined;
      if (p.in === 'query') return !url.searchParams.has(p.name);
      return parameters[p.name] === undefined;
    });
    if (missing.length > 0)
      return { type: 'BAD_REQUEST_PARAMETERS', message: `Missing required request parameters: [${missing.map((p) => p.name).join(', ')}]` };
  }
  // API Gateway validates a body against the model of its content type; without a
  // Content-Type it assumes application/json. Other types pass to the handler unvalidated.
  const type = mediaType(req) ?? 'application/json';
  if (!route.validateBody || !route.body || !route.body.contentTypes.includes(type)) return undefined;
  let parsed: unknown;
  try {
    parsed = body.length === 0 ? undefined : JSON.parse(body.toString('utf8'));
  } catch {
    return { type: 'BAD_REQUEST_BODY' };
  }
  const valid = parsed === undefined ? !route.body.required : route.body.validator(parsed);
  return valid ? undefined : { type: 'BAD_REQUEST_BODY' };
}

/** The function's headers over API Gateway's default content type, the last of one name winning. */
function answerHeaders(answer: NonNullable<ReturnType<typeof parseProxyResult>>): Record<string, string | string[]> {
  // API Gateway answers application/json when the function names no content type
  const headers: Record<string, string | string[]> = { 'Content-Type': 'application/json' };
  const set = (name: string, value: string | string[]): void => {
    for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
    headers[name] = value;
  };
  for (const [name, values] of Object.entries(answer.multiValueHeaders ?? {})) set(name, values.map(String));
  for (const [name, value] of Object.entries(answer.headers ?? {})) set(name, String(value));
  return headers;
}

/**
 * A REST API (Lambda proxy) gateway driven by contracts/openapi.yaml: routes and integrations from
 * the document, request validation with the models' schemas, gateway responses from its
 * templates, the proxy event built for the handler and its answer mapped back.
 */
export async function startApiGateway({ options, paths, catalog, functions, gate }: ApiGatewaySetup): Promise<ApiGatewayService> {
  const api = await loadApiDefinition(path.join(paths.contractsDir, 'openapi.yaml'), placeholderResolver(catalog));
  const call: FunctionCaller = async (name, event) => functions.functions.get(name)?.invoke(event);
  let actualPort = options.port;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const receivedAt = new Date();
    const requestId = randomUUID();
    const traceId = `Root=1-${Math.floor(receivedAt.getTime() / 1000).toString(16)}-${randomUUID().replaceAll('-', '').slice(0, 24)}`;
    const url = parseRequestTarget(req.url ?? '/');
    const { sameResource, parameters } = match(api.routes, url.path);
    const route = sameResource.find((r) => r.method === req.method);
    const send = (status: number, headers: Record<string, string | string[]>, body: string | Buffer): void => {
      res.writeHead(status, { 'x-amzn-RequestId': requestId, 'X-Amzn-Trace-Id': traceId, ...headers });
      runtimeEvents.publish({ type: 'api', at: receivedAt.getTime(), method: req.method ?? '', path: url.path, status, ms: Date.now() - receivedAt.getTime(), requestId, idempotencyKey: req.headers['idempotency-key']?.toString(), body: typeof body === 'string' ? body : undefined });
      res.end(body);
    };
    const fail = (type: GatewayErrorType, message?: string, extraHeaders: Record<string, string> = {}): void => {
      const rendered = renderGatewayResponse(api.gatewayResponses, type, requestId, message);
      send(rendered.status, { ...rendered.headers, ...extraHeaders }, rendered.body);
    };

    // refused before the body is read (it may never come); the connection closes after the answer
    if (Number(req.headers['content-length']) > MAX_PAYLOAD_BYTES) return fail('REQUEST_TOO_LARGE', undefined, { Connection: 'close' });
    let body: Buffer | undefined;
    try {
      body = await readBody(req, MAX_PAYLOAD_BYTES);
    } catch {
      // the client went away mid-body (or the request timed out): nobody to answer, nothing wrong here
      return;
    }
    if (!route) return fail('MISSING_AUTHENTICATION_TOKEN');
    if (!body) return fail('REQUEST_TOO_LARGE', undefined, { Connection: 'close' });
    const refusal = gate?.(route.apiKeyRequired, req.headers['x-api-key']?.toString());
    if (refusal) return fail(refusal);

    const problem = requestProblem(route, req, url, parameters, body);
    if (problem) return fail(problem.type, problem.message);

    const { integration } = route;
    if (integration.type === 'mock') return send(integration.statusCode, { ...integration.headers }, '');

    const event = buildProxyEvent({ req, url, route, pathParameters: parameters, body, requestId, traceId, port: actualPort, receivedAt });
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), integration.timeoutMs)));
    const result = await Promise.race([call(integration.functionName, event), timeout]);
    clearTimeout(timer);
    if (result === 'timeout') return fail('INTEGRATION_TIMEOUT');
    if (!result?.ok) return fail('LAMBDA_FAILURE');
    const answer = parseProxyResult(JSON.parse(result.payload) as unknown);
    if (!answer) return fail('LAMBDA_FAILURE');
    const payload = answer.body ?? '';
    send(answer.statusCode, answerHeaders(answer), answer.isBase64Encoded ? Buffer.from(payload, 'base64') : payload);
  }

  const server = createServer({ connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS }, (req, res) => {
    handle(req, res).catch((error: unknown) => {
      // a bug in the gateway itself: answer as API Gateway's internal error, keep the detail in the log
      console.error(`local gateway: ${(error as Error).stack ?? String(error)}`);
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify({ message: 'Internal server error' }));
    });
  });
  // longer than clients keep idle connections, so a reused connection is never closed under them
  server.keepAliveTimeout = 65_000;
  server.requestTimeout = options.requestTimeoutSeconds * 1000;
  server.headersTimeout = options.requestTimeoutSeconds * 1000;
  answerRefusalsBelowTheApi(server, api.gatewayResponses);
  actualPort = await listen(server, options.port, 'the API', 'Set DOFS_PORT to a free port (0 picks one).');
  return { url: `http://${LOOPBACK}:${actualPort}`, port: actualPort, [Symbol.asyncDispose]: () => close(server) };
}
