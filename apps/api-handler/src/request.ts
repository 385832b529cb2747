import type { APIGatewayProxyEvent } from 'aws-lambda';
import { toErrorDetails, validateCreateOrderRequest, validateOrderId, type CreateOrderRequest } from '@dofs/contracts';
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
