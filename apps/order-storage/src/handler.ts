import type { OrderStorageResult } from '@dofs/contracts';
import { withLambdaContext, type Logger } from '@dofs/aws';
import { discardOrder, parseOrderStorageRequest, storeOrder, type OrderStore } from '@dofs/domain';

/**
 * The StoreOrder and DiscardOrder tasks. Both are conditional writes, so a Step Functions retry
 * after a lost answer finds the work done and answers the same.
 */
export function createOrderStorageHandler({ orders, logger }: { orders: OrderStore; logger: Logger }) {
  return withLambdaContext(logger, async (event: unknown): Promise<OrderStorageResult | { discarded: boolean }> => {
    try {
      const request = parseOrderStorageRequest(event);
      logger.appendKeys({ order_id: request.order_id, correlation_id: request.correlation_id, action: request.action });
      if (request.action === 'discard') {
        const result = await discardOrder(orders, request);
        logger.warn('Order discarded: it could not be queued', result);
        return result;
      }
      const result = await storeOrder(orders, request);
      logger.info(result.created ? 'Order stored' : 'Order already stored', { status: result.status });
      return result;
    } catch (error) {
      logger.error('Storage task failed', error as Error);
      throw error;
    }
  });
}
