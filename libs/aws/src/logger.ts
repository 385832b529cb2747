import { Logger } from '@aws-lambda-powertools/logger';
import type { Context } from 'aws-lambda';

/**
 * Structured JSON logs. The level comes from POWERTOOLS_LOG_LEVEL (or Lambda's advanced logging
 * controls); handlers add `order_id` and `correlation_id` to every line they log about an order.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}

type Decorated = Parameters<ReturnType<Logger['injectLambdaContext']>>;

/**
 * The handler with Powertools' own invocation handling around it (injectLambdaContext): the
 * Lambda context on every line, and the keys the handler appends cleared when it ends, however it
 * ends (resetKeys). The handlers are functions, not class methods, so the decorator is applied to
 * the handler's descriptor as a function, which is what the decorator syntax does.
 */
export function withLambdaContext<E, R>(
  logger: Logger,
  handler: (event: E, context: Context) => Promise<R>,
): (event: E, context: Context) => Promise<R> {
  const descriptor = { value: handler };
  logger.injectLambdaContext({ resetKeys: true })({} as Decorated[0], 'handler', descriptor as unknown as Decorated[2]);
  return descriptor.value;
}

export type { Logger };
