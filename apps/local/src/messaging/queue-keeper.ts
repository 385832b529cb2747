import { RESOURCES, TABLES } from '@dofs/contracts';
import type { DynamoDbThread } from '../dynamodb/dynamodb-service';
import type { Notice } from '../notice';
import type { RuntimeContext } from '../runtime-context';
import type { MessagingService } from './messaging-service';
import { restoreQueueSnapshot, saveQueueSnapshot } from './queue-snapshot';
import { requeuePendingOrders } from './requeue-pending-orders';

export interface KeptQueues extends AsyncDisposable {
  /** messages put back from the last clean stop */
  readonly restored: number;
  readonly notices: readonly Notice[];
}

/**
 * Keeps queued messages across a restart, as SQS would (fauxqs keeps them in memory): at start
 * it puts back what the last clean stop saved, and after an unclean stop queues the PENDING
 * orders again; disposing it saves every message of the runtime's queues for the next start.
 */
export async function keepQueues(
  setup: Pick<RuntimeContext, 'dataDir' | 'note' | 'out'> & { readonly messaging: MessagingService; readonly dynamodb: DynamoDbThread },
): Promise<KeptQueues> {
  const { messaging, dataDir } = setup;
  const restored = await restoreQueueSnapshot(messaging.store, dataDir.queueSnapshot);
  const notices: Notice[] = [];
  if (dataDir.uncleanStop) {
    const orderQueue = messaging.queueUrls[RESOURCES.queues.order_queue.name] ?? '';
    const { requeued, skipped } = await requeuePendingOrders(setup.dynamodb.client, messaging.sqs, TABLES.orders, orderQueue);
    if (requeued > 0)
      notices.push({ label: 'recovered', text: `the last run did not stop cleanly: ${requeued} PENDING order(s) queued again` });
    if (skipped.length > 0)
      setup.out.error(`could not queue again PENDING order(s) ${skipped.join(', ')}: not a valid fulfillment message`);
  }
  return {
    restored,
    notices,
    [Symbol.asyncDispose]: async () => {
      const saved = await saveQueueSnapshot(messaging.store, [...messaging.visibilityTimeouts.keys()], dataDir.queueSnapshot);
      if (saved > 0) setup.note(`kept ${saved} queued message(s) for the next start`);
    },
  };
}
