import { createHash, randomUUID } from 'node:crypto';
import type { CreateOrderRequest } from '@dofs/contracts';
import { DEFAULT_CURRENCY } from './order';

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * The order id for an Idempotency-Key: a UUID (version 8, name-based) derived from the key, so
 * every replay of a request lands on the same order without a lookup table.
 */
export function orderIdForKey(idempotencyKey: string): string {
  const hex = sha256(`dofs:order:${idempotencyKey}`).slice(0, 32).split('');
  hex[12] = '8';
  hex[16] = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

export const newOrderId = (): string => randomUUID();

/**
 * The Idempotency-Key of a replay of a failed order (`dofs dlq redrive --from failed`): the same
 * failed order replayed twice creates one new order, whose id is orderIdForKey of this key.
 */
export const replayIdempotencyKey = (orderId: string): string => `redrive:${orderId}`;

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/**
 * SHA-256 of the request as the domain sees it (keys sorted, the default currency filled in), so
 * that formatting or key order never turns a replay into a conflict.
 */
export function requestHash(request: CreateOrderRequest): string {
  return sha256(canonicalJson({ ...request, currency: request.currency ?? DEFAULT_CURRENCY }));
}
