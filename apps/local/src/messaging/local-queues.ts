import { DEFAULTS, RESOURCES } from '@dofs/contracts';
import type { QueueSpec } from './messaging-service';
import type { LocalSystemOptions } from '@dofs/local-client';

/**
 * The queues of contracts/resources.json as Terraform creates them: a queue with a dead-letter
 * queue gets the redrive policy (maxReceiveCount) and the local visibility timeout; a DLQ keeps
 * AWS's timeout (nothing waits on its retries) and its long retention.
 */
export function localQueues(options: LocalSystemOptions): QueueSpec[] {
  return Object.values(RESOURCES.queues).map((queue) =>
    'dead_letter_queue' in queue
      ? {
          name: queue.name,
          visibilityTimeoutSeconds: options.visibilityTimeoutSeconds,
          deadLetter: {
            queue: RESOURCES.queues[queue.dead_letter_queue as keyof typeof RESOURCES.queues].name,
            maxReceiveCount: options.maxReceiveCount,
          },
        }
      : {
          name: queue.name,
          visibilityTimeoutSeconds: DEFAULTS.sqs_visibility_timeout_seconds,
          messageRetentionSeconds: DEFAULTS.dlq_message_retention_seconds,
        },
  );
}
