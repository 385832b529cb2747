import type { Context, SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { MetricUnit, type Metrics } from '@aws-lambda-powertools/metrics';
import { orderIdOf, RESOURCES } from '@dofs/contracts';
import { createSqsBatchHandler, receiveCountOf, type Logger } from '@dofs/aws';
import { recordFailedOrder, type Clock, type FailedOrderStore, type OrderStore } from '@dofs/domain';

export interface DlqProcessorDeps {
  readonly orders: OrderStore;
  readonly failedOrders: FailedOrderStore;
  readonly clock: Clock;
  readonly logger: Logger;
  readonly metrics: Metrics;
}

/**
 * order_dlq consumer: keeps each failure in failed_orders, marks the order FAILED, and publishes
 * FailedOrders (the count of failures newly recorded in this invocation) as an EMF metric: the
 * figure the failure alarm watches. The DLQ itself is drained, so its depth says little.
 */
export function createDlqProcessorHandler({ logger, metrics, ...deps }: DlqProcessorDeps) {
  let recorded = 0;
  const batch = createSqsBatchHandler(logger, async (record, log) => {
    const outcome = await recordFailedOrder(deps, { messageId: record.messageId, body: record.body, receiveCount: receiveCountOf(record) });
    if (outcome === 'RECORDED') recorded += 1;
    const level = outcome === 'RECORDED' ? 'error' : 'info';
    // the order id for the log line, when the body has one; the use case does the real parsing
    log[level]('Dead letter handled', { outcome, order_id: orderIdOf(record.body) });
  });
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    recorded = 0;
    try {
      return await batch(event, context);
    } finally {
      metrics.addMetric(RESOURCES.metrics.failed_orders.name, MetricUnit.Count, recorded);
      metrics.publishStoredMetrics();
    }
  };
}
