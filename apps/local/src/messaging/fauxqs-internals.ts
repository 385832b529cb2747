import type { FastifyInstance } from 'fastify';

/**
 * fauxqs's public entry starts a server on 0.0.0.0 and keeps its stores to itself. The runtime
 * needs the loopback interface only, and the message store itself to keep queued messages across
 * a restart (fauxqs is in memory), so it builds the app from fauxqs's own stores. These modules
 * are outside fauxqs's "exports", hence the file URLs; fauxqs is pinned to an exact version in
 * package.json, and the restart end-to-end test fails if these internals move.
 */
export interface FauxqsMessage {
  messageId: string;
  body: string;
  md5OfBody: string;
  messageAttributes: Record<string, unknown>;
  md5OfMessageAttributes: string;
  sentTimestamp: number;
  approximateReceiveCount: number;
  approximateFirstReceiveTimestamp?: number;
  delayUntil?: number;
}

export interface FauxqsQueue {
  readonly name: string;
  readonly url: string;
  readonly arn: string;
  enqueue(message: FauxqsMessage): void;
  inspectMessages(): {
    ready: FauxqsMessage[];
    delayed: FauxqsMessage[];
    inflight: { message: FauxqsMessage; receiptHandle: string; visibilityDeadline: number }[];
  };
}

export interface FauxqsSqsStore {
  host: string;
  getQueueByName(name: string): FauxqsQueue | undefined;
  shutdown(): void;
}

export interface Fauxqs {
  readonly app: FastifyInstance;
  readonly sqsStore: FauxqsSqsStore;
}

type Constructor<T> = new () => T;

export async function buildFauxqs(): Promise<Fauxqs> {
  const entry = import.meta.resolve('fauxqs');
  const load = async <T>(relative: string, name: string): Promise<Constructor<T>> =>
    ((await import(new URL(relative, entry).href)) as Record<string, Constructor<T>>)[name] as Constructor<T>;
  const [{ buildApp }, SqsStore, SnsStore, S3Store] = await Promise.all([
    import('fauxqs'),
    load<FauxqsSqsStore>('./sqs/sqsStore.js', 'SqsStore'),
    load<object>('./sns/snsStore.js', 'SnsStore'),
    load<object>('./s3/s3Store.js', 'S3Store'),
  ]);
  const sqsStore = new SqsStore();
  // An empty host makes queue URLs http://<the endpoint's host:port>/<account>/<name>: URLs that
  // resolve, instead of fauxqs's default sqs.<region>.localhost.
  sqsStore.host = '';
  // fauxqs types its stores as its own classes, which these are, loaded by URL
  const stores = { sqsStore, snsStore: new SnsStore(), s3Store: new S3Store() } as never;
  const app = buildApp({ logger: false, stores }) as unknown as FastifyInstance;
  return { app, sqsStore };
}
