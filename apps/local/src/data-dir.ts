import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { ClassicLevel } from 'classic-level';
import { endpointsPath, readEndpointsFile, removeEndpoints, writeEndpoints, type LocalEndpoints } from '@dofs/local-client';
import { StartupError } from './startup-error';

/**
 * What lives in the data dir. Only dynamodb/, the queue journal and secrets/ (local-secrets.ts)
 * carry state across restarts. Held by this process until disposed (see prepareDataDir).
 */
export interface DataDirLayout extends AsyncDisposable {
  readonly root: string;
  /** dynalite's LevelDB */
  readonly dynamodb: string;
  /** every change of queue state, fsynced before it is answered (queue-journal.ts) */
  readonly queueJournal: string;
  /** one file per function, like CloudWatch log groups */
  readonly logs: string;
  /** the last run on this data dir ended without a clean stop (its endpoints.json is still there) */
  readonly uncleanStop: boolean;
}

/** Data dirs this process holds: see lockDataDir. */
const heldHere = new Set<string>();

/**
 * Takes the data dir for this process alone, or returns undefined when another process has it.
 *
 * Node has no flock(), so the lock is a tiny LevelDB in <dataDir>/.lock: LevelDB holds its LOCK
 * file with fcntl(F_SETLK) (LockFileEx on Windows), a lock the kernel drops the moment its
 * process dies, SIGKILL included, so a restart right after a crash finds the dir free; and
 * classic-level is already here (dynalite's LevelDB binding, prebuilt). A pid check cannot tell
 * a killed process that is not yet reaped from a live one. fcntl locks belong to the process and
 * a second open of the same file in it would release the first, hence the in-process set.
 */
async function lockDataDir(root: string): Promise<(() => Promise<void>) | undefined> {
  if (heldHere.has(root)) return undefined;
  const lock = new ClassicLevel(path.join(root, '.lock'));
  try {
    await lock.open();
  } catch (error) {
    // abstract-level reports LEVEL_LOCKED as the cause of LEVEL_DATABASE_NOT_OPEN (the refusal test fails loudly if that changes)
    const { code, cause } = error as { code?: string; cause?: { code?: string } };
    if (code === 'LEVEL_LOCKED' || cause?.code === 'LEVEL_LOCKED') return undefined;
    throw new StartupError(`Cannot lock the data dir ${root}: ${(error as Error).message}`, { cause: error });
  }
  heldHere.add(root);
  return async () => {
    heldHere.delete(root);
    await lock.close();
  };
}

async function ensureDirectory(dir: string, what: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info && !info.isDirectory()) {
    throw new StartupError(
      `The data dir is corrupt: ${dir} (${what}) is a file, not a directory. Move it away or set DOFS_DATA_DIR to another path.`,
    );
  }
  try {
    await mkdir(dir, { recursive: true });
  } catch (error) {
    throw new StartupError(`Cannot create ${what} ${dir}: ${(error as Error).message}`, { cause: error });
  }
}

/** The endpoints.json a run left behind; an unreadable one counts as none, as it names no process. */
function leftEndpoints(root: string): LocalEndpoints | undefined {
  try {
    return readEndpointsFile(endpointsPath(root));
  } catch {
    return undefined;
  }
}

/**
 * Creates the data dir if needed and takes it for this process; refuses one that another running
 * DOFS holds. Disposing the layout gives the data dir up (the first service on the stack, so the
 * last to stop).
 */
export async function prepareDataDir(dataDir: string): Promise<DataDirLayout> {
  const root = path.resolve(dataDir);
  await ensureDirectory(root, 'the data dir');
  const release = await lockDataDir(root);
  // read once the lock is held: the endpoints.json of a run that holds the lock names it, one
  // left by a run that no longer does says that run did not stop cleanly
  const running = leftEndpoints(root);
  if (!release) {
    const holder = running ? ` (pid ${running.pid}, API ${running.api_url})` : '';
    throw new StartupError(`DOFS is already running on the data dir ${root}${holder}. Stop it first, or set DOFS_DATA_DIR to another path.`);
  }
  try {
    await ensureDirectory(path.join(root, 'dynamodb'), 'the DynamoDB directory');
    await ensureDirectory(path.join(root, 'logs'), 'the logs directory');
  } catch (error) {
    await release();
    throw error;
  }
  return {
    root,
    dynamodb: path.join(root, 'dynamodb'),
    queueJournal: path.join(root, 'queues.journal'),
    logs: path.join(root, 'logs'),
    uncleanStop: running !== undefined,
    [Symbol.asyncDispose]: release,
  };
}

export interface EndpointsFile extends AsyncDisposable {
  /** Writes <data dir>/endpoints.json, once everything it names answers. */
  write(endpoints: LocalEndpoints): Promise<void>;
}

/**
 * The data dir's endpoints.json, removed again on a clean stop. Registered first on the service
 * stack, so that it is removed last, once the queue journal is closed: a leftover file tells the next
 * start that this run did not stop cleanly.
 */
export function endpointsFile(dataDir: DataDirLayout): EndpointsFile {
  let written = false;
  return {
    write: async (endpoints) => {
      await writeEndpoints(dataDir.root, endpoints);
      written = true;
    },
    [Symbol.asyncDispose]: async () => {
      if (written) await removeEndpoints(dataDir.root);
    },
  };
}
