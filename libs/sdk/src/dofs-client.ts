import createClient, { type Client } from 'openapi-fetch';
import type { CreateOrderRequest, Health, ListOrdersParameters, Order, OrderPage, OrderStatus, paths } from './api-types';
import { DofsApiError, DofsNetworkError, DofsResponseError, DofsWaitTimeoutError } from './errors';
import { backoffDelay, DEFAULT_RETRY, isRetryableStatus, type RetryOptions } from './retry';

export interface DofsClientOptions {
  /** Where the API answers, e.g. `http://localhost:3000` or an API Gateway stage URL. */
  readonly baseUrl: string;
  /**
   * The client's API key, sent as `x-api-key` (POST /order and GET /order/{id} require one; a
   * missing or unknown key is a 403 FORBIDDEN). `npm start` writes the local one to
   * `<data dir>/endpoints.json` (`api_key`).
   */
  readonly apiKey?: string;
  /** Headers sent with every request. */
  readonly headers?: Readonly<Record<string, string>>;
  readonly retry?: RetryOptions;
  /** Each request, each retry on its own, is abandoned after this long. Default 30,000 ms. */
  readonly requestTimeoutMs?: number;
  /** Replaces `globalThis.fetch`. */
  readonly fetch?: (request: Request) => Promise<Response>;
  /** The Idempotency-Key used when the caller gives none. Default `crypto.randomUUID()`. */
  readonly newIdempotencyKey?: () => string;
  /** Test seams for time and jitter. */
  readonly sleep?: (ms: number) => Promise<void>;
  readonly now?: () => number;
  readonly random?: () => number;
}

export interface RequestOptions {
  /** Sent as X-Correlation-Id and carried through every log line of the order. */
  readonly correlationId?: string;
  /** Aborts the call, retries and waits included; an abort is never retried. */
  readonly signal?: AbortSignal;
}

export interface CreateOrderOptions extends RequestOptions {
  /** Makes the call safe to repeat; generated when absent and returned in the result. */
  readonly idempotencyKey?: string;
}

export interface CreatedOrder {
  readonly order: Order;
  /** True when the API replayed an earlier request with the same Idempotency-Key. */
  readonly replayed: boolean;
  readonly idempotencyKey: string;
  readonly location: string | undefined;
  readonly correlationId: string | undefined;
  /** Requests sent, retries included. */
  readonly attempts: number;
}

export interface WaitForOrderOptions extends RequestOptions {
  /** Give up after this long. Default 60,000 ms. */
  readonly timeoutMs?: number;
  /** Time between reads. Default 500 ms. */
  readonly intervalMs?: number;
  /** Called with each read, PENDING ones included. */
  readonly onPoll?: (order: Order) => void;
}

/**
 * What GET /orders lists: one customer's orders or the orders in one status (exactly one, which
 * the type enforces), optionally within a creation range, newest first unless `order: 'asc'`.
 */
export type OrderListQuery = ({ readonly customer_id: string; readonly status?: never } | { readonly status: OrderStatus; readonly customer_id?: never }) & {
  /** Orders created at or after this instant (an ISO 8601 string or a Date). */
  readonly created_after?: string | Date;
  /** Orders created before this instant (an ISO 8601 string or a Date). */
  readonly created_before?: string | Date;
  /** 1 to 100; the API's default is 25. */
  readonly limit?: number;
  readonly order?: 'asc' | 'desc';
  /** The `next_cursor` of the previous page of the same query. */
  readonly cursor?: string;
};

export const TERMINAL_STATUSES: readonly Order['status'][] = ['FULFILLED', 'FAILED'];

interface Answer<T> {
  readonly data: T;
  readonly response: Response;
  readonly attempts: number;
}

/**
 * The DOFS API client. Every call goes through `api`, an openapi-fetch client typed by the
 * generated `paths` of contracts/openapi.yaml: a path, parameter or body the contract does not
 * have does not compile. The methods add what a caller would otherwise write each time: an
 * Idempotency-Key, retries of what is safe to retry, and typed errors.
 */
export class DofsClient {
  /** The generated, typed client: `api.GET('/order/{order_id}', { params: { path: { order_id } } })`. */
  readonly api: Client<paths>;
  readonly baseUrl: string;
  private readonly retry: Required<RetryOptions>;
  private readonly requestTimeoutMs: number;
  private readonly newIdempotencyKey: () => string;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;
  private readonly random: () => number;

  constructor(options: DofsClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.api = createClient<paths>({
      baseUrl: this.baseUrl,
      headers: { Accept: 'application/json', ...(options.apiKey === undefined ? {} : { 'x-api-key': options.apiKey }), ...options.headers },
      ...(options.fetch ? { fetch: options.fetch } : {}),
    });
    this.retry = { ...DEFAULT_RETRY, ...options.retry };
    this.requestTimeoutMs = options.requestTimeoutMs ?? 30_000;
    this.newIdempotencyKey = options.newIdempotencyKey ?? (() => globalThis.crypto.randomUUID());
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
  }

  /**
   * POST /order. Retried on no answer, 429 and 503 with the same Idempotency-Key, so a retry
   * can never create a second order. Throws DofsApiError for 400, 409, 413, 415, 422 and 500.
   */
  async createOrder(order: CreateOrderRequest, options: CreateOrderOptions = {}): Promise<CreatedOrder> {
    const idempotencyKey = options.idempotencyKey ?? this.newIdempotencyKey();
    const { data, response, attempts } = await this.send(options.signal, 'POST /order', (signal) =>
      this.api.POST('/order', {
        params: { header: { 'Idempotency-Key': idempotencyKey, ...correlationHeader(options.correlationId) } },
        body: order,
        signal,
      }),
    );
    return {
      order: data,
      replayed: response.headers.get('Idempotent-Replayed') === 'true',
      idempotencyKey,
      location: response.headers.get('Location') ?? undefined,
      correlationId: response.headers.get('X-Correlation-Id') ?? options.correlationId,
      attempts,
    };
  }

  /** GET /order/{order_id}. Throws DofsApiError with status 404 and code NOT_FOUND for an unknown id. */
  async getOrder(orderId: string, options: RequestOptions = {}): Promise<Order> {
    const { data } = await this.send(options.signal, `GET /order/${orderId}`, (signal) =>
      this.api.GET('/order/{order_id}', {
        params: { path: { order_id: orderId }, header: correlationHeader(options.correlationId) },
        signal,
      }),
    );
    return data;
  }

  /**
   * GET /orders: one page, and `next_cursor` (absent on the last page) to pass as `cursor` for the
   * next. Retried like every read. Throws DofsApiError 400 with code INVALID_CURSOR for a cursor
   * of another query or older than 24 hours.
   */
  async listOrders(query: OrderListQuery, options: RequestOptions = {}): Promise<OrderPage> {
    const { data } = await this.send(options.signal, 'GET /orders', (signal) =>
      this.api.GET('/orders', {
        params: { query: listParameters(query), header: correlationHeader(options.correlationId) },
        signal,
      }),
    );
    return data;
  }

  /**
   * Every order of the query, page after page, following the cursors: `for await (const order of
   * client.iterateOrders({ status: 'FAILED' }))`. Stop early with `break`; nothing more is read.
   */
  async *iterateOrders(query: OrderListQuery, options: RequestOptions = {}): AsyncGenerator<Order, void, undefined> {
    let cursor = query.cursor;
    do {
      const page = await this.listOrders({ ...query, ...(cursor !== undefined && { cursor }) }, options);
      yield* page.items;
      cursor = page.next_cursor;
    } while (cursor !== undefined);
  }

  /** GET /health. */
  async health(options: Pick<RequestOptions, 'signal'> = {}): Promise<Health> {
    const { data } = await this.send(options.signal, 'GET /health', (signal) => this.api.GET('/health', { signal }));
    return data;
  }

  /**
   * Reads the order until it is FULFILLED or FAILED and returns it (a FAILED order is returned,
   * not thrown: it is an outcome). Throws DofsWaitTimeoutError when the time is up.
   */
  async waitForOrder(orderId: string, options: WaitForOrderOptions = {}): Promise<Order> {
    const timeoutMs = options.timeoutMs ?? 60_000;
    const intervalMs = options.intervalMs ?? 500;
    const deadline = this.now() + timeoutMs;
    let lastSeen: Order | undefined;
    for (;;) {
      lastSeen = await this.getOrder(orderId, options);
      options.onPoll?.(lastSeen);
      if (TERMINAL_STATUSES.includes(lastSeen.status)) return lastSeen;
      const remaining = deadline - this.now();
      if (remaining <= 0) throw new DofsWaitTimeoutError(orderId, timeoutMs, lastSeen);
      await this.sleep(Math.min(intervalMs, remaining));
      options.signal?.throwIfAborted();
    }
  }

  private async send<T>(
    callerSignal: AbortSignal | undefined,
    operation: string,
    call: (signal: AbortSignal) => Promise<{ data?: T; error?: unknown; response: Response }>,
  ): Promise<Answer<T>> {
    for (let attempt = 1; ; attempt++) {
      const timeout = AbortSignal.timeout(this.requestTimeoutMs);
      const signal = callerSignal ? AbortSignal.any([callerSignal, timeout]) : timeout;
      const canRetry = attempt <= this.retry.retries;
      let result: { data?: T; error?: unknown; response: Response };
      try {
        result = await call(signal);
      } catch (error) {
        if (callerSignal?.aborted) throw error;
        if (error instanceof SyntaxError) {
          throw new DofsResponseError(`${operation}: the answer is not valid JSON`, 0, { cause: error });
        }
        if (!canRetry) {
          throw new DofsNetworkError(
            `${operation}: no answer from ${this.baseUrl} after ${attempt} attempt(s): ${describe(error)}`,
            attempt,
            { cause: error },
          );
        }
        await this.sleep(backoffDelay(attempt - 1, this.retry, this.random));
        continue;
      }
      const { response } = result;
      if (response.ok) {
        if (result.data === undefined) {
          throw new DofsResponseError(`${operation}: ${response.status} came with no body`, response.status);
        }
        return { data: result.data, response, attempts: attempt };
      }
      if (isRetryableStatus(response.status, result.error) && canRetry) {
        await this.sleep(backoffDelay(attempt - 1, this.retry, this.random, response.headers.get('Retry-After')));
        continue;
      }
      throw new DofsApiError(response.status, result.error, attempt);
    }
  }
}

export function createDofsClient(options: DofsClientOptions): DofsClient {
  return new DofsClient(options);
}

function listParameters(query: OrderListQuery): ListOrdersParameters {
  const instant = (value: string | Date | undefined) => (value instanceof Date ? value.toISOString() : value);
  const parameters: ListOrdersParameters = {
    customer_id: query.customer_id,
    status: query.status,
    created_after: instant(query.created_after),
    created_before: instant(query.created_before),
    limit: query.limit,
    order: query.order,
    cursor: query.cursor,
  };
  // openapi-fetch leaves out undefined values; dropping them here keeps the URL and the pacts tidy.
  return Object.fromEntries(Object.entries(parameters).filter(([, value]) => value !== undefined)) as ListOrdersParameters;
}

const correlationHeader = (correlationId: string | undefined) =>
  correlationId === undefined ? {} : { 'X-Correlation-Id': correlationId };

function describe(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause instanceof Error ? `: ${error.cause.message}` : '';
  return `${error.message}${cause}`;
}
