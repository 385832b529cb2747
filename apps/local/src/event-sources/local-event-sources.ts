import { DEFAULTS } from '@dofs/contracts';
import { arns } from '../aws-identity';
import type { FunctionManifest } from '../lambda/function-manifest';
import type { LambdaFunction } from '../lambda/lambda-function';
import type { Notice } from '../notice';
import type { ServiceCall } from '../service-call';
import { SqsEventSource } from './sqs-event-source';
import { StartupError } from '@dofs/local-client';

export interface LocalEventSourcesSetup {
  readonly manifests: readonly FunctionManifest[];
  readonly functions: ReadonlyMap<string, LambdaFunction>;
  readonly queueUrls: Readonly<Record<string, string>>;
  readonly visibilityTimeouts: ReadonlyMap<string, number>;
  readonly lambdaConcurrency: number;
  /** the queues' SQS API (in process) */
  readonly sqs: ServiceCall;
  readonly onError: (line: string) => void;
}

/** An SQS event source mapping for each function whose manifest names a queue as its trigger. */
export function createEventSources(setup: LocalEventSourcesSetup): { eventSources: Map<string, SqsEventSource>; notices: Notice[] } {
  const eventSources = new Map<string, SqsEventSource>();
  const notices: Notice[] = [];
  for (const manifest of setup.manifests) {
    if (manifest.trigger.type !== 'sqs') continue;
    const { queue } = manifest.trigger;
    const fn = setup.functions.get(manifest.app);
    const queueUrl = setup.queueUrls[queue];
    if (!fn || !queueUrl)
      throw new StartupError(`apps/${manifest.app}/lambda.json: trigger queue ${queue} does not exist in contracts/resources.json.`);
    // Messages wait in flight while a batch fills up. With AWS's timeouts (60 s) the window is
    // negligible; with a short local visibility timeout it would outlast it and every batch
    // would come back, so it is kept to a quarter of the timeout.
    const visibilityMs = (setup.visibilityTimeouts.get(queue) ?? 0) * 1000;
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
        maxConcurrentBatches: Math.min(5, setup.lambdaConcurrency),
        sqs: setup.sqs,
        invoke: (event) => fn.invoke(event),
        onError: setup.onError,
      }),
    );
  }
  return { eventSources, notices };
}
