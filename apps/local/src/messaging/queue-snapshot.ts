import { readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { QueuedMessage, QueueStore } from './fauxqs-store';
import { StartupError } from '@dofs/local-client';

/**
 * fauxqs keeps messages in memory, SQS keeps them durably. To keep "a restart loses no order",
 * a clean stop writes every message of the runtime's queues (waiting, delayed, in flight) with the
 * time it becomes visible, and the next start puts them back: same ids, bodies and receive counts,
 * so redrive after maxReceiveCount still counts the receives made before the restart.
 */
interface SnapshotEntry {
  readonly message: QueuedMessage;
  /** epoch ms when the message is receivable again; 0 = now */
  readonly visibleAt: number;
}

interface Snapshot {
  readonly version: 1;
  readonly saved_at: string;
  readonly queues: Record<string, SnapshotEntry[]>;
}

export async function saveQueueSnapshot(store: QueueStore, queueNames: readonly string[], file: string): Promise<number> {
  const queues: Record<string, SnapshotEntry[]> = {};
  let count = 0;
  for (const name of queueNames) {
    const contents = store.inspect(name);
    if (!contents) continue;
    const { ready, delayed, inflight } = contents;
    queues[name] = [
      ...ready.map((message) => ({ message, visibleAt: 0 })),
      ...delayed.map((message) => ({ message, visibleAt: message.delayUntil ?? 0 })),
      ...inflight.map((entry) => ({ message: entry.message, visibleAt: entry.visibilityDeadline })),
    ];
    count += queues[name].length;
  }
  const snapshot: Snapshot = { version: 1, saved_at: new Date().toISOString(), queues };
  await writeFile(`${file}.tmp`, JSON.stringify(snapshot));
  await rename(`${file}.tmp`, file);
  return count;
}

/** Puts the messages of a snapshot back and removes it, so that they are restored only once. */
export async function restoreQueueSnapshot(store: QueueStore, file: string, now = Date.now()): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    return 0;
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
  let count = 0;
  for (const [name, entries] of Object.entries(snapshot.queues)) {
    for (const { message, visibleAt } of entries) {
      const { delayUntil: _ignored, ...rest } = message;
      if (store.restore(name, visibleAt > now ? { ...rest, delayUntil: visibleAt } : rest)) count++;
    }
  }
  await rm(file, { force: true });
  return count;
}
