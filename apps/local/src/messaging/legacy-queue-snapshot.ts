import { readFile } from 'node:fs/promises';
import { StartupError } from '../startup-error';
import type { QueuedMessage } from './fauxqs-store';
import type { JournalEntry } from './queue-journal';

/**
 * Before the queue journal, a clean stop wrote every queued message to <data dir>/queues.snapshot.json.
 * A data dir left so is read once: its messages go into the journal, then the file is removed.
 */
interface Snapshot {
  readonly version: 1;
  readonly queues: Record<string, { readonly message: QueuedMessage; readonly visibleAt: number }[]>;
}

/** The messages of a snapshot left by an older DOFS, or none when there is no snapshot. */
export async function readLegacySnapshot(file: string): Promise<JournalEntry[]> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return [];
  }
  let snapshot: Snapshot;
  try {
    snapshot = JSON.parse(text) as Snapshot;
    if (snapshot.version !== 1 || typeof snapshot.queues !== 'object') throw new Error('unknown format');
  } catch (error) {
    throw new StartupError(
      `The data dir is corrupt: the queue snapshot ${file} cannot be read (${(error as Error).message}). Move it away to start with empty queues.`,
      { cause: error },
    );
  }
  return Object.entries(snapshot.queues).flatMap(([queue, entries]) => entries.map(({ message, visibleAt }) => ({ queue, message, visibleAt })));
}
