import type { APIGatewayProxyEvent } from 'aws-lambda';
import { toErrorDetails, validateCreateOrderRequest, validateOrderId, type CreateOrderRequest, type ErrorDetail, type OrderStatus } from '@dofs/contracts';
import { DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, type OrderListQuery, type OrderSelection } from '@dofs/domain';
import { HttpError } from './http-error';

export const MAX_BODY_BYTES = 65_536;
const PRINTABLE_ASCII = /^[\x21-\x7E]{1,128}$/;
const CORRELATION_ID = /^[A-Za-z0-9._:-]{1,128}$/;

export type LowerCaseHeaders = ReadonlyMap<string, string>;

export function lowerCaseHeaders(event: APIGatewayProxyEvent): LowerCaseHeaders {
  const headers = new Map<string, string>();
  for (const [name, value] of Object.entries(event.headers ?? {})) if (value !== undefined) headers.set(name.toLowerCase(), value);
  return headers;
}

export function readCorrelationId(headers: LowerCaseHeaders): string | undefined {
  const value = headers.get('x-correlation-id');
  if (value === undefined) return undefined;
  if (!CORRELATION_ID.test(value)) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'The X-Correlation-Id header is malformed.', [
      { path: 'X-Correlation-Id', problem: 'must be 1 to 128 characters from A-Z a-z 0-9 . _ : -' },
    ]);
  }
  return value;
}

export function readIdempotencyKey(headers: LowerCaseHeaders): string | undefined {
  const value = headers.get('idempotency-key');
  if (value === undefined) return undefined;
  if (!PRINTABLE_ASCII.test(value)) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'The Idempotency-Key header is malformed.', [
      { path: 'Idempotency-Key', problem: 'must be 1 to 128 printable ASCII characters without spaces' },
    ]);
  }
  return value;
}

/** The body of POST /order: media type, size, JSON, then the same schema API Gateway validates. */
export function readCreateOrderRequest(event: APIGatewayProxyEvent, headers: LowerCaseHeaders): CreateOrderRequest {
  const contentType = headers.get('content-type');
  if (!contentType || !/^application\/json\s*(;|$)/i.test(contentType)) {
    throw new HttpError(415, 'UNSUPPORTED_MEDIA_TYPE', `The body must be application/json, not ${contentType ?? 'unspecified'}.`, [
      { path: 'Content-Type', problem: 'must be application/json' },
    ]);
  }
  const raw = event.body ?? '';
  const bytes = Buffer.byteLength(raw, event.isBase64Encoded ? 'base64' : 'utf8');
  if (bytes > MAX_BODY_BYTES) {
    throw new HttpError(413, 'PAYLOAD_TOO_LARGE', `The body has ${bytes} bytes; at most ${MAX_BODY_BYTES} are accepted.`);
  }
  const text = event.isBase64Encoded ? Buffer.from(raw, 'base64').toString('utf8') : raw;
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof SyntaxError ? error.message : 'unparseable';
    throw new HttpError(400, 'MALFORMED_JSON', `The body is not valid JSON: ${reason}`, [{ path: '', problem: 'is not valid JSON' }]);
  }
  if (!validateCreateOrderRequest(body)) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'The body does not match the CreateOrderRequest schema.', toErrorDetails(validateCreateOrderRequest.errors));
  }
  return body;
}

export function readOrderId(event: APIGatewayProxyEvent): string {
  const orderId = event.pathParameters?.['order_id'];
  if (!validateOrderId(orderId)) {
    throw new HttpError(400, 'VALIDATION_FAILED', 'The order id is malformed.', [{ path: 'order_id', problem: 'must be a lowercase UUID' }]);
  }
  return orderId;
}

// contracts/openapi.yaml: Identifier, OrderStatus, Timestamp and the GET /orders parameters.
// API Gateway checks only that required query parameters are present, so these are checked here.
const IDENTIFIER = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,63}$/;
const STATUSES: readonly OrderStatus[] = ['PENDING', 'FULFILLED', 'FAILED'];
const TIMESTAMP = /^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,9})?)?(Z|[+-][0-9]{2}:[0-9]{2}))?$/;
const LIST_PARAMETERS = ['customer_id', 'status', 'created_after', 'created_before', 'limit', 'order', 'cursor'];

export interface OrderListRequest {
  readonly query: OrderListQuery;
  readonly cursor?: string;
}

/** An ISO 8601 instant as the table stores created_at (toISOString), or undefined when it is none. */
function instant(value: string): string | undefined {
  if (!TIMESTAMP.test(value)) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

type Params = Readonly<Record<string, string | undefined>>;
/** Records a problem with a parameter; returns undefined, so a reader can return it as "no value". */
type Problem = (path: string, text: string) => undefined;

function readSelection({ customer_id: customerId, status }: Params, problem: Problem): OrderSelection | undefined {
  if ((customerId === undefined) === (status === undefined)) return problem('', 'give exactly one of customer_id and status');
  if (customerId !== undefined) {
    if (IDENTIFIER.test(customerId)) return { by: 'customer_id', value: customerId };
    return problem('customer_id', 'must be 1 to 64 characters from A-Z a-z 0-9 . _ : -, starting with a letter or digit');
  }
  if ((STATUSES as readonly (string | undefined)[]).includes(status)) return { by: 'status', value: status as OrderStatus };
  return problem('status', `must be one of ${STATUSES.join(', ')}`);
}

function readInstant(params: Params, name: 'created_after' | 'created_before', problem: Problem): string | undefined {
  const value = params[name];
  const parsed = value === undefined ? undefined : instant(value);
  if (value !== undefined && parsed === undefined) problem(name, 'must be an ISO 8601 date or date-time with a time zone');
  return parsed;
}

function readLimit({ limit }: Params, problem: Problem): number {
  const value = limit === undefined ? DEFAULT_PAGE_LIMIT : /^[0-9]{1,3}$/.test(limit) ? Number(limit) : Number.NaN;
  if (!(value >= 1 && value <= MAX_PAGE_LIMIT)) problem('limit', `must be an integer from 1 to ${MAX_PAGE_LIMIT}`);
  return value;
}

/** The query string of GET /orders, every problem named at once with its parameter. */
export function readOrderListRequest(event: APIGatewayProxyEvent): OrderListRequest {
  const params: Params = event.queryStringParameters ?? {};
  const problems: ErrorDetail[] = [];
  const problem: Problem = (path, text) => {
    problems.push({ path, problem: text });
    return undefined;
  };
  for (const name of Object.keys(params)) if (!LIST_PARAMETERS.includes(name)) problem(name, 'is not a parameter of GET /orders');
  for (const [name, values] of Object.entries(event.multiValueQueryStringParameters ?? {})) if ((values?.length ?? 0) > 1) problem(name, 'is given more than once');

  const select = readSelection(params, problem);
  const createdAfter = readInstant(params, 'created_after', problem);
  const createdBefore = readInstant(params, 'created_before', problem);
  if (createdAfter !== undefined && createdBefore !== undefined && createdAfter >= createdBefore) problem('created_before', 'must be later than created_after');
  const limit = readLimit(params, problem);
  const { order, cursor } = params;
  if (order !== undefined && order !== 'asc' && order !== 'desc') problem('order', 'must be asc or desc');
  if (cursor !== undefined && (cursor.length === 0 || cursor.length > 1024)) problem('cursor', 'must be the next_cursor of a previous page');

  if (problems.length > 0 || !select) throw new HttpError(400, 'VALIDATION_FAILED', 'The query parameters of GET /orders are not valid.', problems);
  const query: OrderListQuery = {
    select,
    order: order === 'asc' ? 'asc' : 'desc',
    limit,
    ...(createdAfter !== undefined && { createdAfter }),
    ...(createdBefore !== undefined && { createdBefore }),
  };
  return cursor === undefined ? { query } : { query, cursor };
}
