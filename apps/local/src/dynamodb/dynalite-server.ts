import { createRequire } from 'node:module';
import dynalite from 'dynalite';
import { close, listen, LOOPBACK } from '../http/listen';
import { StartupError } from '../startup-error';
import { alignDynaliteWithAws } from './dynalite-aws-answers';

export interface DynaliteServer {
  readonly endpoint: string;
  stop(): Promise<void>;
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
export async function startDynamoDbServer(dir: string, port: number): Promise<DynaliteServer> {
  await checkLevelDb(dir);
  alignDynaliteWithAws();
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
