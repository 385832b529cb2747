import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { OPENAPI_API_KEY_HEADERS, validateErrorResponse, validateHealth, validateOrder } from '@dofs/contracts';
import { createDofsClient, DofsWaitTimeoutError, type CreateOrderRequest } from '@dofs/sdk';
import { secondsFlag, stringValue, type Command, type Context } from '../command';
import { EXIT } from '../exit-codes';
import { printJson, renderTable } from '../output';

type Outcome = 'pass' | 'fail' | 'skip';

export interface SmokeCheck {
  readonly check: string;
  readonly expected: string;
  readonly outcome: Outcome;
  /** What was seen, or why the check was skipped. */
  readonly detail: string;
}

interface Answer {
  readonly status: number;
  readonly headers: Headers;
  readonly body: unknown;
}

/** The operation whose key requirement decides the missing-key check (POST /order). */
const KEYED_OPERATION = 'createOrder';
const REQUEST_TIMEOUT_MS = 15_000;

export const smoke: Command = {
  name: 'smoke',
  summary: 'check a running system end to end: health, create, replay, 422, API key, terminal status',
  usage: 'dofs smoke [--api-url URL] [--api-key KEY] [--timeout SECONDS (60)]',
  help: [
    'Local by default (the endpoints file, like the other commands); --api-url (or DOFS_API_URL) for a deployed stage.',
    'The API key comes from --api-key, DOFS_API_KEY or, locally, the endpoints file.',
    'Creates one real order. Exits 0 when every check passes, 7 when any fails; prints a table (or --json).',
    'The missing-key check runs when the contract gives POST /order a security requirement, and is skipped, with the reason, otherwise.',
  ],
  options: {
    'api-key': { type: 'string' },
    timeout: { type: 'string' },
  },
  async run(context, values) {
    const timeoutMs = secondsFlag(values, 'timeout', { max: 3600, fallback: 60 });
    const apiKey = stringValue(values, 'api-key') ?? context.io.env['DOFS_API_KEY'] ?? localApiKey(context);
    const checks = await runSmoke({ apiUrl: context.apiUrl, apiKey, timeoutMs });
    const failed = checks.filter((c) => c.outcome === 'fail').length;
    if (context.json) printJson(context.io, { api_url: context.apiUrl, passed: failed === 0, checks });
    else {
      context.io.stdout.write(`Smoke test of ${context.apiUrl}\n\n`);
      context.io.stdout.write(
        renderTable(checks, [
          { header: 'CHECK', value: (c) => c.check },
          { header: 'EXPECTED', value: (c) => c.expected },
          { header: 'RESULT', value: (c) => c.outcome.toUpperCase() },
          { header: 'DETAIL', value: (c) => c.detail, maxWidth: 90 },
        ]),
      );
      const counts = (['pass', 'fail', 'skip'] as const).map((o) => `${checks.filter((c) => c.outcome === o).length} ${o === 'pass' ? 'passed' : o === 'fail' ? 'failed' : 'skipped'}`);
      context.io.stdout.write(`\n${counts.join(', ')}\n`);
    }
    return failed === 0 ? EXIT.OK : EXIT.SMOKE_FAILED;
  },
};

/** Every check in order; a check that needs an earlier one's order is failed, not skipped, when that one failed. */
export async function runSmoke(target: { apiUrl: string; apiKey: string | undefined; timeoutMs: number }): Promise<SmokeCheck[]> {
  const base = target.apiUrl.replace(/\/+$/, '');
  const keyHeader = OPENAPI_API_KEY_HEADERS[KEYED_OPERATION];
  // A key given is always sent (API Gateway's header is x-api-key); the contract decides whether its absence must be refused.
  const withKey: Record<string, string> = target.apiKey ? { [keyHeader ?? 'x-api-key']: target.apiKey } : {};
  const order = anOrder();
  const idempotencyKey = `smoke-${randomUUID()}`;
  const checks: SmokeCheck[] = [];

  checks.push(await checkHealth(base, withKey));
  const created = await checkCreate(base, withKey, order, idempotencyKey);
  checks.push(created.check);
  checks.push(await checkReplay(base, withKey, order, idempotencyKey, created.orderId));
  checks.push(await checkBusinessRule(base, withKey));
  checks.push(await checkMissingKey(base, keyHeader));
  checks.push(await checkTerminal(base, withKey, created.orderId, target.timeoutMs));
  return checks;
}

async function checkHealth(base: string, headers: Record<string, string>): Promise<SmokeCheck> {
  const check = 'GET /health';
  const expected = '200 {"status":"ok"}';
  return attempt(check, expected, async () => {
    const answer = await call(base, 'GET', '/health', headers);
    const ok = answer.status === 200 && validateHealth(answer.body);
    return result(check, expected, ok, ok ? `200 ${JSON.stringify(answer.body)}` : describe(answer));
  });
}

async function checkCreate(base: string, headers: Record<string, string>, order: CreateOrderRequest, key: string) {
  const check = 'POST /order (valid)';
  const expected = '201, an Order PENDING, not replayed';
  let orderId: string | undefined;
  const outcome = await attempt(check, expected, async () => {
    const answer = await call(base, 'POST', '/order', { ...headers, 'Idempotency-Key': key }, order);
    const valid = validateOrder(answer.body);
    if (valid) orderId = answer.body.order_id;
    const ok = answer.status === 201 && valid && answer.body.status === 'PENDING' && answer.headers.get('Idempotent-Replayed') !== 'true';
    return result(check, expected, ok, ok && valid ? `201 order ${answer.body.order_id}` : describe(answer));
  });
  return { check: outcome, orderId };
}

async function checkReplay(base: string, headers: Record<string, string>, order: CreateOrderRequest, key: string, orderId: string | undefined): Promise<SmokeCheck> {
  const check = 'POST /order (same Idempotency-Key)';
  const expected = '201, the same order, Idempotent-Replayed: true';
  if (!orderId) return { check, expected, outcome: 'fail', detail: 'no order was created to replay' };
  return attempt(check, expected, async () => {
    const answer = await call(base, 'POST', '/order', { ...headers, 'Idempotency-Key': key }, order);
    const sameOrder = validateOrder(answer.body) && answer.body.order_id === orderId;
    const replayed = answer.headers.get('Idempotent-Replayed') === 'true';
    const ok = answer.status === 201 && sameOrder && replayed;
    return result(check, expected, ok, ok ? `201 order ${orderId}, replayed` : `${describe(answer)}; same order: ${sameOrder}; replayed: ${replayed}`);
  });
}

async function checkBusinessRule(base: string, headers: Record<string, string>): Promise<SmokeCheck> {
  const check = 'POST /order (total off by 1.00)';
  const expected = '422 BUSINESS_RULE_VIOLATION in the error envelope';
  return attempt(check, expected, async () => {
    const broken = { ...anOrder(), total_amount: 20.98 };
    const answer = await call(base, 'POST', '/order', { ...headers, 'Idempotency-Key': `smoke-${randomUUID()}` }, broken);
    const envelope = validateErrorResponse(answer.body);
    const ok = answer.status === 422 && envelope && answer.body.error.code === 'BUSINESS_RULE_VIOLATION';
    return result(check, expected, ok, describe(answer));
  });
}

async function checkMissingKey(base: string, keyHeader: string | undefined): Promise<SmokeCheck> {
  const check = 'POST /order without an API key';
  const expected = '403 in the error envelope';
  if (!keyHeader) {
    return { check, expected, outcome: 'skip', detail: `the contract gives ${KEYED_OPERATION} (POST /order) no API-key security requirement` };
  }
  return attempt(check, expected, async () => {
    const answer = await call(base, 'POST', '/order', { 'Idempotency-Key': `smoke-${randomUUID()}` }, anOrder());
    const ok = answer.status === 403 && validateErrorResponse(answer.body);
    return result(check, expected, ok, describe(answer));
  });
}

async function checkTerminal(base: string, headers: Record<string, string>, orderId: string | undefined, timeoutMs: number): Promise<SmokeCheck> {
  const check = 'order reaches a terminal status';
  const expected = `FULFILLED or FAILED within ${timeoutMs / 1000} s`;
  if (!orderId) return { check, expected, outcome: 'fail', detail: 'no order was created to follow' };
  return attempt(check, expected, async () => {
    const client = createDofsClient({ baseUrl: base, headers, retry: { retries: 2 }, requestTimeoutMs: REQUEST_TIMEOUT_MS });
    const started = Date.now();
    try {
      const order = await client.waitForOrder(orderId, { timeoutMs, intervalMs: 500 });
      return result(check, expected, true, `${order.status} after ${((Date.now() - started) / 1000).toFixed(1)} s, ${order.attempts} attempt(s)`);
    } catch (error) {
      if (error instanceof DofsWaitTimeoutError) return result(check, expected, false, `still PENDING after ${timeoutMs / 1000} s`);
      throw error;
    }
  });
}

function anOrder(): CreateOrderRequest {
  return {
    customer_id: `smoke-${randomUUID().slice(0, 8)}`,
    items: [{ product_id: 'smoke-test-item', quantity: 2, price: 9.99 }],
    total_amount: 19.98,
  };
}

async function call(base: string, method: string, route: string, headers: Record<string, string>, body?: unknown): Promise<Answer> {
  const response = await fetch(`${base}${route}`, {
    method,
    headers: { ...headers, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: kept as text, and the check that expected JSON fails showing it
  }
  return { status: response.status, headers: response.headers, body: parsed };
}

function describe(answer: Answer): string {
  const body = answer.body as { error?: { code?: string; message?: string } } | undefined;
  if (body && typeof body === 'object' && body.error) return `${answer.status} ${body.error.code ?? '?'}: ${body.error.message ?? ''}`;
  return `${answer.status} ${typeof answer.body === 'string' ? answer.body.slice(0, 80) : JSON.stringify(answer.body).slice(0, 80)}`;
}

function result(check: string, expected: string, ok: boolean, detail: string): SmokeCheck {
  return { check, expected, outcome: ok ? 'pass' : 'fail', detail };
}

/** A check that throws (no answer, a timeout) fails with the reason instead of stopping the run. */
async function attempt(check: string, expected: string, body: () => Promise<SmokeCheck>): Promise<SmokeCheck> {
  try {
    return await body();
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return { check, expected, outcome: 'fail', detail: `no answer: ${(error as Error).message}${cause ? ` (${cause})` : ''}` };
  }
}

/** The local system's API key, when its endpoints file carries one. */
function localApiKey(context: Context): string | undefined {
  if (context.target.mode !== 'local') return undefined;
  const endpoints = JSON.parse(readFileSync(context.target.source, 'utf8')) as { api_key?: unknown };
  return typeof endpoints.api_key === 'string' ? endpoints.api_key : undefined;
}
