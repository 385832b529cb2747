import type { Notice } from '../notice';
import type { RuntimeContext } from '../runtime-context';
import type { MessagingService } from './messaging-service';
import { compactJournal, QueueJournal, readJournal, restoreEntry, storeEntries } from './queue-journal';

export interface KeptQueues extends AsyncDisposable {
  /** messages put back from the journal */
  readonly restored: number;
  readonly notices: readonly Notice[];
}

/**
 * Keeps queue state across a restart, a crash included, as SQS would (fauxqs keeps it in memory):
 * at start it replays the journal (queue-journal.ts) into fauxqs, compacts the journal, and from then on every change is journaled before it is
 * answered. Messages that were in flight become visible when their visibility timeout ends, with
 * their receive counts, so redrive happens at maxReceiveCount, crash or not.
 */
export async function keepQueues(
  setup: Pick<RuntimeContext, 'dataDir' | 'note'> & { readonly messaging: MessagingService },
): Promise<KeptQueues> {
  const { messaging, dataDir } = setup;
  const queueNames = [...messaging.visibilityTimeouts.keys()];
  const journaled = await readJournal(dataDir.queueJournal);
  let restored = 0;
  for (const entry of journaled.values()) if (restoreEntry(messaging.store, entry)) restored++;
  await compactJournal(dataDir.queueJournal, storeEntries(messaging.store, queueNames));
  const journal = await QueueJournal.open(dataDir.queueJournal, () => storeEntries(messaging.store, queueNames));
  messaging.store.journalTo(journal);
  const notices: Notice[] = [];
  if (dataDir.uncleanStop) {
    notices.push({ label: 'recovered', text: `the last run did not stop cleanly: ${restored} queued message(s) replayed from its journal` });
  }
  return {
    restored,
    notices,
    [Symbol.asyncDispose]: async () => {
      messaging.store.journalTo(undefined);
      await journal[Symbol.asyncDispose]();
      setup.note(`journaled ${journal.lines} queue change(s) in ${journal.writes} fsynced write(s), ${journal.compactions} compaction(s)`);
    },
  };
}
