import { mkdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { endpointsPath, readEndpointsFile, removeEndpoints, StartupError, writeEndpoints, type LocalEndpoints } from '@dofs/local-client';

/** What lives in the data dir. Only dynamodb/ and the queue snapshot carry state across restarts. */
export interface DataDirLayout {
  readonly root: string;
  /** dynalite's LevelDB */
  readonly dynamodb: string;
  /** queue messages left at a clean stop, put back at the next start */
  readonly queueSnapshot: string;
  /** one file per function, like CloudWatch log groups */
  readonly logs: string;
  /** the last run on this data dir ended without a clean stop (its endpoints.json is still there) */
  readonly uncleanStop: boolean;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
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

/** Creates the data dir if needed and refuses one that another running DOFS is using. */
export async function prepareDataDir(dataDir: string): Promise<DataDirLayout> {
  const root = path.resolve(dataDir);
  await ensureDirectory(root, 'the data dir');
  const running = leftEndpoints(root);
  const layout: DataDirLayout = {
    root,
    dynamodb: path.join(root, 'dynamodb'),
    queueSnapshot: path.join(root, 'queues.snapshot.json'),
    logs: path.join(root, 'logs'),
    uncleanStop: running !== undefined,
  };
  if (running && running.pid !== process.pid && isAlive(running.pid)) {
    throw new StartupError(
      `DOFS is already running on the data dir ${root} (pid ${running.pid}, API ${running.api_url}). Stop it first, or set DOFS_DATA_DIR to another path.`,
    );
  }
  await ensureDirectory(layout.dynamodb, 'the DynamoDB directory');
  await ensureDirectory(layout.logs, 'the logs directory');
  return layout;
}

export interface EndpointsFile extends AsyncDisposable {
  /** Writes <data dir>/endpoints.json, once everything it names answers. */
  write(endpoints: LocalEndpoints): Promise<void>;
}

/**
 * The data dir's endpoints.json, removed again on a clean stop. Registered first on the service
 * stack, so that it is removed last, once the queues are saved: a leftover file tells the next
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
