/**
 * The `order_id` a message or an answer carries, read for a log line, a timeline or a count: a
 * JSON text is parsed first. Not a validation: anything without a string `order_id` is undefined.
 */
export function orderIdOf(value: unknown): string | undefined {
  const parsed = typeof value === 'string' ? parsedJson(value) : value;
  const id = typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, unknown>)['order_id'] : undefined;
  return typeof id === 'string' ? id : undefined;
}

function parsedJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}
