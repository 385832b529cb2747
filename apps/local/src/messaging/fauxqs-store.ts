import { buildApp, type BuildAppOptions } from 'fauxqs';
import { alignQueueWithAws, queueMessages } from './sqs-aws-queue';
import { answerSqsAsAws, type AttributesMd5 } from './sqs-aws-answers';
import { answerSnsAsAws } from './sns-aws-answers';
import { serveSqsQueryProtocol } from './sqs-query-protocol';

/**
 * The one place the runtime reaches past fauxqs's exports. fauxqs's public server
 * (startFauxqs) binds 0.0.0.0 and keeps its message store to itself, in memory; the runtime
 * listens on the loopback interface only (buildApp, public) and must keep queued messages across a
 * restart, a crash included, with their ids and receive counts, which no SQS API call can set. So
 * it hands buildApp (which takes its stores as an option) an SqsStore of its own, loaded from the
 * file that defines it: that file is outside fauxqs's "exports". It watches each queue's five
 * state-changing methods (enqueue, dequeue, deleteMessage, changeVisibility, purge: every SQS and
 * SNS action that changes a message goes through them) to report each change to a journal, and
 * holds every answer until the journal has made the changes before it durable (a Fastify onSend
 * hook, public API). The event source mappings use a queue's long-poll wait (waitForMessages)
 * without its receive, so that they can stop waiting at once. The types are fauxqs's public ones
 * (BuildAppOptions names the store class). fauxqs is pinned to an exact version, and fauxqs-store.test.ts fails, naming this file, on an
 * upgrade that moves or changes what is used here.
 */
type SqsStore = NonNullable<BuildAppOptions['stores']>['sqsStore'];
type SqsQueue = ReturnType<SqsStore['createQueue']>;
type QueueContents = NonNullable<ReturnType<SqsStore['inspectQueue']>>['messages'];
export type QueuedMessage = QueueContents['ready'][number];

/** A change of queue state that at-least-once delivery and maxReceiveCount depend on. */
export type QueueChange =
  /** sent, or moved to a dead-letter queue (a message lives in one queue at a time) */
  | { readonly kind: 'enqueued'; readonly queue: string; readonly message: QueuedMessage }
  | {
      readonly kind: 'received';
      readonly messageId: string;
      readonly receiveCount: number;
      readonly firstReceivedAt: number;
      /** epoch ms when it is receivable again */
      readonly visibleAt: number;
    }
  | { readonly kind: 'visibility'; readonly messageId: string; readonly visibleAt: number }
  | { readonly kind: 'deleted'; readonly messageId: string };

/** Where the store reports its changes (see queue-journal.ts). */
export interface ChangeWriter {
  /** takes the change as it is now (the message object changes later) */
  record(change: QueueChange): void;
  /** resolves once every change recorded so far is durable */
  durable(): Promise<void>;
}

/** What the runtime does with fauxqs's messages beyond the SQS API. */
export interface QueueStore {
  /** every message of the queue, without receiving any: waiting, delayed and in flight */
  inspect(queueName: string): QueueContents | undefined;
  /** puts a message back as it was (same id, body, attributes and receive count), unreported; false without that queue */
  restore(queueName: string, message: QueuedMessage): boolean;
  /** reports every later change to `writer`, and answers no SQS or SNS request before `writer.durable()`; undefined stops */
  journalTo(writer: ChangeWriter | undefined): void;
  /**
   * Resolves once the queue holds a message to receive, or after `waitMs`: the wait of a long
   * poll (fauxqs's own, which surfaces messages whose visibility timeout ran out), without the
   * receive. So a caller can walk away from the wait, and no receive is counted for it. For a
   * standard queue, as all of contracts/resources.json's are (a FIFO queue's count would include
   * the messages of groups that are in flight, which no receive can take: the mapping then pauses
   * a step between polls, sqs-event-source.ts, rather than asking again at once).
   */
  whenReceivable(queueName: string, waitMs: number): Promise<void>;
  /** ends pending long polls at once instead of after their wait time */
  shutdown(): void;
}

const FAUXQS_STORE_MODULE = './sqs/sqsStore.js';
const FAUXQS_MD5_MODULE = './common/md5.js';

/** Wraps the queue's state-changing methods so that each change reaches the current writer. */
function watchQueue(queue: SqsQueue, writer: () => ChangeWriter | undefined): void {
  const { enqueue, dequeue, deleteMessage, changeVisibility, purge } = queue;
  queue.enqueue = (message) => {
    enqueue.call(queue, message);
    writer()?.record({ kind: 'enqueued', queue: queue.name, message });
  };
  queue.dequeue = (...args) => {
    const received = dequeue.apply(queue, args);
    for (const { ReceiptHandle } of received) {
      const entry = queue.inflightMessages.get(ReceiptHandle);
      if (!entry) continue;
      const { messageId, approximateReceiveCount, approximateFirstReceiveTimestamp } = entry.message;
      writer()?.record({
        kind: 'received',
        messageId,
        receiveCount: approximateReceiveCount,
        firstReceivedAt: approximateFirstReceiveTimestamp ?? 0,
        visibleAt: entry.visibilityDeadline,
      });
    }
    return received;
  };
  queue.deleteMessage = (receiptHandle) => {
    const entry = queue.inflightMessages.get(receiptHandle);
    const deleted = deleteMessage.call(queue, receiptHandle);
    if (deleted && entry) writer()?.record({ kind: 'deleted', messageId: entry.message.messageId });
    return deleted;
  };
  queue.changeVisibility = (receiptHandle, timeoutSeconds) => {
    const entry = queue.inflightMessages.get(receiptHandle);
    changeVisibility.call(queue, receiptHandle, timeoutSeconds);
    if (entry) {
      const visibleAt = timeoutSeconds === 0 ? Date.now() : entry.visibilityDeadline;
      writer()?.record({ kind: 'visibility', messageId: entry.message.messageId, visibleAt });
    }
  };
  queue.purge = () => {
    const { ready, delayed, inflight } = queue.inspectMessages();
    purge.call(queue);
    for (const message of [...ready, ...delayed, ...inflight.map((entry) => entry.message)])
      writer()?.record({ kind: 'deleted', messageId: message.messageId });
  };
}

export async function buildFauxqsApp(): Promise<{ app: ReturnType<typeof buildApp>; store: QueueStore }> {
  const url = new URL(FAUXQS_STORE_MODULE, import.meta.resolve('fauxqs'));
  const { SqsStore } = (await import(url.href)) as { SqsStore: new () => SqsStore };
  const md5Url = new URL(FAUXQS_MD5_MODULE, import.meta.resolve('fauxqs'));
  const { md5, md5OfMessageAttributes } = (await import(md5Url.href)) as { md5: (text: string) => string; md5OfMessageAttributes: AttributesMd5 };
  const sqsStore = new SqsStore();
  // An empty host makes queue URLs http://<the endpoint's host:port>/<account>/<name>: URLs that
  // resolve, instead of fauxqs's default sqs.<region>.localhost (buildApp's `host` option cannot
  // be empty).
  sqsStore.host = '';
  let writer: ChangeWriter | undefined;
  const createQueue = sqsStore.createQueue.bind(sqsStore);
  sqsStore.createQueue = (...args) => {
    const queue = createQueue(...args);
    alignQueueWithAws(queue, md5);
    watchQueue(queue, () => writer);
    return queue;
  };
  // buildApp makes each store it is not given (`options.stores?.snsStore ?? new SnsStore()`); its
  // type asks for all three
  const stores = { sqsStore } as NonNullable<BuildAppOptions['stores']>;
  const app = buildApp({ logger: false, stores });
  answerSqsAsAws(
    app,
    (queueUrl) => {
      const queue = sqsStore.getQueue(queueUrl);
      return queue && queueMessages(queue);
    },
    md5OfMessageAttributes,
  );
  answerSnsAsAws(app);
  serveSqsQueryProtocol(app);
  // every answer (SQS and SNS, over HTTP or app.inject) waits until what it changed is durable
  app.addHook('onSend', async (_request: unknown, _reply: unknown, payload: unknown) => {
    await writer?.durable();
    return payload;
  });
  return {
    app,
    store: {
      inspect: (name) => sqsStore.inspectQueue(name)?.messages,
      restore: (name, message) => {
        const queue = sqsStore.getQueueByName(name);
        if (!queue) return false;
        const reporting = writer;
        writer = undefined;
        try {
          queue.enqueue(message);
        } finally {
          writer = reporting;
        }
        return true;
      },
      journalTo: (next) => {
        writer = next;
      },
      whenReceivable: async (name, waitMs) => {
        const queue = sqsStore.getQueueByName(name);
        // the counter first brings back the messages whose visibility timeout ran out (sqs-aws-queue.ts)
        if (!queue || Number(queue.getAttribute('ApproximateNumberOfMessages')) > 0) return;
        await queue.waitForMessages(waitMs / 1000);
      },
      shutdown: () => sqsStore.shutdown(),
    },
  };
}
