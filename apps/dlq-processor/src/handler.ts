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
 * FailedOrders as an EMF metric, the figure the failure alarm watches: one data point of 1 the
 * moment a record's row is written, not one sum at the end of the batch. An invocation that times
 * out or crashes later in the batch ends without its `finally`, and the redelivery finds the row
 * and counts nothing: a sum held until then was lost with it. An invocation that recorded nothing
 * publishes 0. The DLQ itself is drained, so its depth says little.
 */
export function createDlqProcessorHandler({ logger, metrics, ...deps }: DlqProcessorDeps) {
  let counted = false;
  const publishFailedOrders = (count: number): void => {
    metrics.addMetric(RESOURCES.metrics.failed_orders.name, MetricUnit.Count, count);
    metrics.publishStoredMetrics();
  };
  const batch = createSqsBatchHandler(logger, async (record, log) => {
    const outcome = await recordFailedOrder(deps, { messageId: record.messageId, body: record.body, receiveCount: receiveCountOf(record) });
    if (outcome === 'RECORDED') {
      publishFailedOrders(1);
      counted = true;
    }
    const level = outcome === 'RECORDED' ? 'error' : 'info';
    // the order id for the log line, when the body has one; the use case does the real parsing
    log[level]('Dead letter handled', { outcome, order_id: orderIdOf(record.body) });
  });
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    counted = false;
    try {
      return await batch(event, context);
    } finally {
      if (!counted) publishFailedOrders(0);
    }
  };
}
