import { DEFAULTS } from '@dofs/contracts';
import { arns } from '../aws-identity';
import type { LambdaFunction } from '../lambda/lambda-function';
import type { Notice } from '../notice';
import type { MessagingService } from '../messaging/messaging-service';
import type { RuntimeContext } from '../runtime-context';
import { SqsEventSource } from './sqs-event-source';
import { StartupError } from '../startup-error';

export interface EventSourcesSetup extends Pick<RuntimeContext, 'options' | 'manifests' | 'out'> {
  readonly functions: { readonly functions: ReadonlyMap<string, LambdaFunction> };
  /** the queues, and their SQS API in process */
  readonly messaging: Pick<MessagingService, 'queueUrls' | 'visibilityTimeouts' | 'sqs' | 'store'>;
}

/** The running event source mappings, by function name. */
export interface EventSourcesService extends AsyncDisposable {
  readonly eventSources: ReadonlyMap<string, SqsEventSource>;
  readonly notices: readonly Notice[];
}

/**
 * Starts an SQS event source mapping for each function whose manifest names a queue as its
 * trigger; disposing stops receiving and waits for the batches in flight.
 */
export function startEventSources(setup: EventSourcesSetup): EventSourcesService {
  const eventSources = new Map<string, SqsEventSource>();
  const notices: Notice[] = [];
  for (const manifest of setup.manifests) {
    if (manifest.trigger.type !== 'sqs') continue;
    const { queue } = manifest.trigger;
    const fn = setup.functions.functions.get(manifest.app);
    const queueUrl = setup.messaging.queueUrls[queue];
    if (!fn || !queueUrl)
      throw new StartupError(`apps/${manifest.app}/lambda.json: trigger queue ${queue} does not exist in contracts/resources.json.`);
    // Messages wait in flight while a batch fills up. With AWS's timeouts (60 s) the window is
    // negligible; with a short local visibility timeout it would outlast it and every batch
    // would come back, so it is kept to a quarter of the timeout.
    const visibilityMs = (setup.messaging.visibilityTimeouts.get(queue) ?? 0) * 1000;
    let windowMs = DEFAULTS.sqs_maximum_batching_window_seconds * 1000;
    if (windowMs > visibilityMs / 4) {
      windowMs = visibilityMs / 4;
      notices.push({
        label: `${manifest.app} batching`,
        text: `window ${windowMs / 1000} s (${DEFAULTS.sqs_maximum_batching_window_seconds} s on AWS): a quarter of ${queue}'s visibility timeout`,
      });
    }
    eventSources.set(
      manifest.app,
      new SqsEventSource({
        functionName: manifest.app,
        queueUrl,
        queueArn: arns.queue(queue),
        batchSize: DEFAULTS.sqs_batch_size,
        maximumBatchingWindowMs: windowMs,
        // Lambda starts a mapping with five concurrent batches
        maxConcurrentBatches: Math.min(5, setup.options.lambdaConcurrency),
        sqs: setup.messaging.sqs,
        whenReceivable: (waitMs) => setup.messaging.store.whenReceivable(queue, waitMs),
        invoke: (event) => fn.invoke(event),
        onError: setup.out.error,
      }),
    );
  }
  for (const source of eventSources.values()) source.start();
  return {
    eventSources,
    notices,
    [Symbol.asyncDispose]: async () => {
      await Promise.all([...eventSources.values()].map((source) => source.stop()));
    },
  };
}
