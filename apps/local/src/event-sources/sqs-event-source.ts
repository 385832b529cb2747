import { setTimeout as sleep } from 'node:timers/promises';
import type { EventSourceStats } from '@dofs/local-client';
import { REGION } from '../aws-identity';
import type { InvokeResult } from '../lambda/execution-environment';
import type { ServiceCall } from '../service-call';
import { batchEvent } from './batch-event';
import { runtimeEvents } from '../events/runtime-events';

/** A received message as ReceiveMessage answers it in SQS's JSON protocol. */
export interface Message {
  readonly MessageId?: string;
  readonly ReceiptHandle?: string;
  readonly MD5OfBody?: string;
  readonly Body?: string;
  readonly Attributes?: Record<string, string>;
  readonly MessageAttributes?: Record<
    string,
    { readonly DataType?: string; readonly StringValue?: string; readonly BinaryValue?: string }
  >;
}

export interface SqsEventSourceOptions {
  readonly functionName: string;
  readonly queueUrl: string;
  readonly queueArn: string;
  readonly batchSize: number;
  readonly maximumBatchingWindowMs: number;
  /** batches processed at once (Lambda starts with five) */
  readonly maxConcurrentBatches: number;
  /** the queue's SQS API */
  readonly sqs: ServiceCall;
  /** resolves once the queue holds a message to receive, or after `waitMs` (QueueStore.whenReceivable) */
  readonly whenReceivable: (waitMs: number) => Promise<void>;
  readonly invoke: (event: unknown) => Promise<InvokeResult>;
  readonly onError: (message: string) => void;
}


/** The SQS event Lambda builds from a batch of received messages. */
export function sqsEvent(messages: readonly Message[], queueArn: string): { Records: object[] } {
  return {
    Records: messages.map((message) => ({
      messageId: message.MessageId,
      receiptHandle: message.ReceiptHandle,
      body: message.Body,
      attributes: message.Attributes ?? {},
      messageAttributes: Object.fromEntries(
        Object.entries(message.MessageAttributes ?? {}).map(([name, value]) => [
          name,
          {
            stringValue: value.StringValue,
            binaryValue: value.BinaryValue,
            stringListValues: [],
            binaryListValues: [],
            dataType: value.DataType,
          },
        ]),
      ),
      md5OfBody: message.MD5OfBody,
      eventSource: 'aws:sqs',
      eventSourceARN: queueArn,
      awsRegion: REGION,
    })),
  };
}

/**
 * Which messages of a batch succeeded, under ReportBatchItemFailures: all but the listed ones.
 * As in Lambda, an answer that lists an id not in the batch (or an empty one) fails the whole
 * batch, and so does a function error.
 */
export function succeededMessages(messages: readonly Message[], result: InvokeResult): Message[] {
  if (!result.ok) return [];
  let answer: unknown;
  try {
    answer = JSON.parse(result.payload);
  } catch {
    return [];
  }
  const failures = (answer as { batchItemFailures?: unknown } | null)?.batchItemFailures;
  if (failures === undefined || failures === null) return [...messages];
  if (!Array.isArray(failures)) return [];
  const ids = new Set(messages.map((message) => message.MessageId));
  const failed = new Set<string>();
  for (const failure of failures as { itemIdentifier?: unknown }[]) {
    const id = failure?.itemIdentifier;
    if (typeof id !== 'string' || !ids.has(id)) return [];
    failed.add(id);
  }
  return messages.filter((message) => !failed.has(message.MessageId ?? ''));
}

/**
 * Lambda's SQS event source mapping: long-polls the queue, gathers up to batchSize messages
 * within the batching window, invokes the function, deletes the messages that succeeded and leaves
 * the rest to reappear after the visibility timeout; SQS itself redrives a message to the
 * dead-letter queue once it has been received maxReceiveCount times.
 */
/**
 * The mapping long-polls in two steps: the store's wait for a message to receive (over at once
 * when one is there; a message arrives the moment it is sent or visible again), then one
 * ReceiveMessage that does not wait. A ReceiveMessage with WaitTimeSeconds cannot be called off
 * (fauxqs would still hand it messages and count a receive that never reached a function), so
 * stopping or disabling would wait for its end; the wait alone is walked away from at once. It
 * lasts this long at most, as a long poll's WaitTimeSeconds does.
 */
const POLL_WAIT_MS = 1000;
/** how often a batch that is not full yet looks for more messages within the batching window */
const FILL_STEP_MS = 100;


/**
 * One receive loop feeds up to maxConcurrentBatches invocations. (Several loops long-polling the
 * same queue would all wake for each message and poll again, costing the CPU the functions need.)
 */
export class SqsEventSource {
  private enabled = true;
  private stopping = false;
  private loop: Promise<void> | undefined;
  private readonly inFlight = new Set<Promise<void>>();
  private parked = false;
  private wake: (() => void)[] = [];
  /** ends the current wait for a message: stopping or disabling */
  private interrupt: (() => void) | undefined;
  private parkedWaiters: (() => void)[] = [];
  private slotWaiters: (() => void)[] = [];
  /** what this mapping did, like its CloudWatch metrics */
  readonly stats: EventSourceStats = { batches: 0, messages: 0, deleted: 0, failedInvocations: 0 };

  constructor(private readonly options: SqsEventSourceOptions) {}

  start(): void {
    this.loop ??= this.run();
  }

  /**
   * Like UpdateEventSourceMapping Enabled. Disabling resolves once the mapping has stopped
   * receiving (batches already received still finish); messages then wait in the queue.
   */
  async setEnabled(enabled: boolean): Promise<void> {
    this.enabled = enabled;
    if (enabled) {
      for (const resolve of this.wake.splice(0)) resolve();
      return;
    }
    this.interrupt?.();
    if (!this.parked && this.loop) await new Promise<void>((resolve) => this.parkedWaiters.push(resolve));
  }

  private async receive(max: number): Promise<Message[]> {
    const received = await this.options.sqs('ReceiveMessage', {
      QueueUrl: this.options.queueUrl,
      MaxNumberOfMessages: max,
      WaitTimeSeconds: 0,
      MessageSystemAttributeNames: ['All'],
      MessageAttributeNames: ['All'],
    });
    return (received['Messages'] as Message[] | undefined) ?? [];
  }

  /** The long poll (see POLL_WAIT_MS): no messages if stopping or disabling ended its wait. */
  private async poll(max: number): Promise<Message[]> {
    if (this.stopping || !this.enabled) return [];
    const started = Date.now();
    const interrupted = new Promise<void>((resolve) => (this.interrupt = resolve));
    await Promise.race([this.options.whenReceivable(POLL_WAIT_MS), interrupted]);
    this.interrupt = undefined;
    if (this.stopping || !this.enabled) return [];
    const messages = await this.receive(max);
    // The store counted a message that this receive could not take (another consumer took it
    // first, or it is held by a FIFO group in flight): a step's pause, so that the loop cannot spin.
    if (messages.length === 0 && Date.now() - started < POLL_WAIT_MS) await sleep(FILL_STEP_MS);
    return messages;
  }

  /** Up to batchSize messages: the first long poll, then more until full or the window closes. */
  private async gather(): Promise<Message[]> {
    const { batchSize, maximumBatchingWindowMs } = this.options;
    const batch = await this.poll(batchSize);
    const deadline = Date.now() + maximumBatchingWindowMs;
    while (batch.length > 0 && batch.length < batchSize) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      await sleep(Math.min(left, FILL_STEP_MS));
      batch.push(...(await this.receive(batchSize - batch.length).catch(() => [])));
    }
    return batch;
  }

  private async park(): Promise<void> {
    this.parked = true;
    for (const resolve of this.parkedWaiters.splice(0)) resolve();
    await new Promise<void>((resolve) => this.wake.push(resolve));
    this.parked = false;
  }

  private async freeSlot(): Promise<void> {
    while (this.inFlight.size >= this.options.maxConcurrentBatches) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      if (!this.enabled) {
        await this.park();
        continue;
      }
      await this.freeSlot();
      if (this.stopping || !this.enabled) continue;
      let batch: Message[];
      try {
        batch = await this.gather();
      } catch (error) {
        if (this.stopping) break;
        this.options.onError(`${this.options.functionName}: ReceiveMessage failed: ${(error as Error).message}`);
        await sleep(1000);
        continue;
      }
      if (batch.length === 0) continue;
      const job = this.process(batch).finally(() => {
        this.inFlight.delete(job);
        for (const resolve of this.slotWaiters.splice(0)) resolve();
      });
      this.inFlight.add(job);
    }
    await Promise.all(this.inFlight);
  }

  private async process(batch: Message[]): Promise<void> {
    this.stats.batches++;
    this.stats.messages += batch.length;
    const receivedAt = Date.now();
    const result = await this.options.invoke(sqsEvent(batch, this.options.queueArn));
    if (!result.ok) {
      this.stats.failedInvocations++;
      this.options.onError(
        `${this.options.functionName}: ${result.error.errorType}: ${result.error.errorMessage} (${batch.length} message(s) will be retried)`,
      );
    }
    const succeeded = succeededMessages(batch, result);
    // built only for a listener (the console): the bench and a console-less run skip it
    if (runtimeEvents.listening) runtimeEvents.publish(batchEvent(this.options.functionName, this.options.queueUrl, batch, succeeded, result, receivedAt));
    if (succeeded.length === 0) return;
    try {
      const answer = await this.options.sqs('DeleteMessageBatch', {
        QueueUrl: this.options.queueUrl,
        Entries: succeeded.map((message, index) => ({ Id: String(index), ReceiptHandle: message.ReceiptHandle })),
      });
      const failed = (answer['Failed'] as { Id?: string; Message?: string }[] | undefined) ?? [];
      this.stats.deleted += succeeded.length - failed.length;
    } catch (error) {
      this.options.onError(`${this.options.functionName}: DeleteMessageBatch failed: ${(error as Error).message}`);
    }
  }

  /** Stops receiving and waits for the batches in flight to be processed and deleted. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.interrupt?.();
    for (const resolve of this.wake.splice(0)) resolve();
    for (const resolve of this.slotWaiters.splice(0)) resolve();
    await this.loop;
  }
}
