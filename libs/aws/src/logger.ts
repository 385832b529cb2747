import { Logger } from '@aws-lambda-powertools/logger';

/**
 * Structured JSON logs. The level comes from POWERTOOLS_LOG_LEVEL (or Lambda's advanced logging
 * controls); handlers add `order_id` and `correlation_id` to every line they log about an order.
 */
export function createLogger(serviceName: string): Logger {
  return new Logger({ serviceName });
}

export type { Logger };
