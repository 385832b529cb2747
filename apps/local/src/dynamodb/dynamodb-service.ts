import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import dynalite from 'dynalite';
import { close, listen, LOOPBACK } from '../http/listen';
import type { DynamoDbThreadMessage } from './dynamodb-thread';
import { StartupError } from '@dofs/local-client';

export interface DynamoDbService {
  readonly endpoint: string;
  stop(): Promise<void>;
}

export interface DynamoDbThread extends DynamoDbService {
  /** milliseconds the DynamoDB thread has been busy (its event loop not waiting) */
  busyMs(): number;
}

interface LevelError extends Error {
  code?: string;
  cause?: { code?: string; message?: string };
}

interface LevelDatabase {
  open(): Promise<void>;
  close(): Promise<void>;
}

/**
 * dynalite opens its LevelDB lazily and throws an uncaught exception from its request handler
 * when the open failed, so the data dir is opened (and closed) here first, with the same
 * LevelDB binding dynalite uses, to turn a locked or corrupt directory into a clear message.
 */
async function checkLevelDb(dir: string): Promise<void> {
  const requireFromDynalite = createRequire(require.resolve('dynalite'));
  const { Level } = requireFromDynalite('level') as { Level: new (path: string, options: object) => LevelDatabase };
  const db = new Level(dir, { valueEncoding: 'json' });
  try {
    await db.open();
  } catch (error) {
    const cause = (error as LevelError).cause;
    if (cause?.code === 'LEVEL_LOCKED') {
      throw new StartupError(`The DynamoDB data in ${dir} is in use by another process (is DOFS already running on this data dir?).`, {
        cause: error,
      });
    }
    throw new StartupError(
      `The data dir is corrupt: DynamoDB data in ${dir} cannot be opened (${cause?.message ?? (error as Error).message}). ` +
        'Move the data dir away to start empty, or set DOFS_DATA_DIR to another path.',
      { cause: error },
    );
  }
  await db.close();
}

/** dynalite on disk, listening on the loopback interface, in the calling thread. */
export async function startDynamoDbServer(dir: string, port: number): Promise<DynamoDbService> {
  await checkLevelDb(dir);
  // Tables are ACTIVE at once: nothing locally needs to wait for a table the way AWS makes you.
  const server = dynalite({ path: dir, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  // longer than the SDK keeps idle connections, so a reused connection is never closed under it
  server.keepAliveTimeout = 65_000;
  const actual = await listen(
    server,
    port,
    'DynamoDB (dynalite)',
    'Set DOFS_PORT to another port; the internal services use the ports after it.',
  );
  return {
    endpoint: `http://${LOOPBACK}:${actual}`,
    // dynalite's close() also closes LevelDB once pending writes are done
    stop: () => close(server),
  };
}

/** dynalite on disk in its own thread (dynamodb-thread.ts, built next to `threadScript`). */
export function startDynamoDb(threadScript: string, dir: string, port: number): Promise<DynamoDbThread> {
  const worker = new Worker(threadScript, { workerData: { dir, port } });
  return new Promise((resolve, reject) => {
    const onExit = (code: number): void => reject(new Error(`the DynamoDB thread exited with code ${code} while starting`));
    worker.once('exit', onExit);
    worker.once('error', reject);
    worker.once('message', (message: DynamoDbThreadMessage) => {
      worker.off('exit', onExit);
      if (message.type === 'failed') {
        void worker.terminate();
        reject(message.startup ? new StartupError(message.message) : new Error(message.message));
        return;
      }
      if (message.type !== 'ready') return;
      resolve({
        endpoint: message.endpoint,
        busyMs: () => worker.performance.eventLoopUtilization().active,
        stop: () =>
          new Promise<void>((done) => {
            // LevelDB is closed cleanly before the thread ends, so the next start finds it intact
            worker.once('exit', () => done());
            worker.postMessage({ type: 'stop' });
          }),
      });
    });
  });
}
