import { buildApp, type BuildAppOptions } from 'fauxqs';

/**
 * The one place the runtime reaches past fauxqs's exports. fauxqs's public server
 * (startFauxqs) binds 0.0.0.0 and keeps its message store to itself; the runtime listens on the
 * loopback interface only (buildApp, public) and must keep queued messages across a restart with
 * their ids and receive counts, which no SQS API call can set. So it hands buildApp (which takes
 * its stores as an option) an SqsStore of its own, loaded from the file that defines it: that file
 * is outside fauxqs's "exports". The types are fauxqs's public ones (BuildAppOptions names the
 * store class). fauxqs is pinned to an exact version, and fauxqs-store.test.ts fails, naming this
 * file, on an upgrade that moves or changes what is used here.
 */
type SqsStore = NonNullable<BuildAppOptions['stores']>['sqsStore'];
type QueueContents = NonNullable<ReturnType<SqsStore['inspectQueue']>>['messages'];
export type QueuedMessage = QueueContents['ready'][number];

/** What the runtime does with fauxqs's messages beyond the SQS API. */
export interface QueueStore {
  /** every message of the queue, without receiving any: waiting, delayed and in flight */
  inspect(queueName: string): QueueContents | undefined;
  /** puts a message back as it was (same id, body, attributes and receive count); false without that queue */
  restore(queueName: string, message: QueuedMessage): boolean;
  /** ends pending long polls at once instead of after their wait time */
  shutdown(): void;
}

const FAUXQS_STORE_MODULE = './sqs/sqsStore.js';

export async function buildFauxqsApp(): Promise<{ app: ReturnType<typeof buildApp>; store: QueueStore }> {
  const url = new URL(FAUXQS_STORE_MODULE, import.meta.resolve('fauxqs'));
  const { SqsStore } = (await import(url.href)) as { SqsStore: new () => SqsStore };
  const sqsStore = new SqsStore();
  // An empty host makes queue URLs http://<the endpoint's host:port>/<account>/<name>: URLs that
  // resolve, instead of fauxqs's default sqs.<region>.localhost (buildApp's `host` option cannot
  // be empty).
  sqsStore.host = '';
  // buildApp makes each store it is not given (`options.stores?.snsStore ?? new SnsStore()`); its
  // type asks for all three
  const stores = { sqsStore } as NonNullable<BuildAppOptions['stores']>;
  const app = buildApp({ logger: false, stores });
  return {
    app,
    store: {
      inspect: (name) => sqsStore.inspectQueue(name)?.messages,
      restore: (name, message) => {
        const queue = sqsStore.getQueueByName(name);
        queue?.enqueue(message);
        return queue !== undefined;
      },
      shutdown: () => sqsStore.shutdown(),
    },
  };
}
