import { DEFAULTS, RESOURCES } from '@dofs/contracts';
import type { QueueSpec } from './messaging-service';
import type { LocalSystemOptions } from '@dofs/local-client';

/**
 * The queues of contracts/resources.json as Terraform creates them: a queue with a dead-letter
 * queue gets the redrive policy (maxReceiveCount); a DLQ keeps its long retention. Both get the
 * local visibility timeout: a dead letter whose processing failed (a crash, a kill, a DynamoDB
 * error) comes back in seconds, as a work-queue message does, not after AWS's timeout, which
 * kept an order PENDING for a minute or more after a fault in the soak.
 */
export function localQueues(options: LocalSystemOptions): QueueSpec[] {
  return Object.values(RESOURCES.queues).map((queue) => ({
    name: queue.name,
    visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
    ...('dead_letter_queue' in queue
      ? {
          deadLetter: {
            queue: RESOURCES.queues[queue.dead_letter_queue as keyof typeof RESOURCES.queues].name,
            maxReceiveCount: options.maxReceiveCount,
          },
        }
      : { messageRetentionSeconds: DEFAULTS.dlq_message_retention_seconds }),
  }));
}
