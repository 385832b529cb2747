import { open, readFile, rename, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from '../startup-error';
import type { ChangeWriter, QueueChange, QueuedMessage, QueueStore } from './fauxqs-store';

/**
 * The queues' journal: one JSON line per change of queue state (fauxqs-store.ts reports them),
 * appended to <data dir>/queues.journal. The last line about a message says where it is: sent to
 * a queue (or moved to the DLQ) with its body, received (its receive count and when it is visible
 * again), its visibility changed, or deleted. Replaying the lines in order gives every message
 * that was left, exactly as the answers sent before a crash described it.
 *
 * Fsync policy: each batch of lines is written and fdatasync'ed before any SQS or SNS answer that
 * follows it is sent (group commit: the answers waiting meanwhile share the next write). So a
 * SendMessage is acknowledged only once it is on disk, and a receive count is on disk before the
 * consumer sees the message: no crash, not even a power loss, can grant an attempt beyond
 * maxReceiveCount or lose an acknowledged message. A power loss can cost only changes whose answer
 * was never sent (a send the sender sees fail, a receive no one saw). The journal is compacted at
 * each start and whenever it passes 64 MiB (written whole to a temporary file, fsynced, renamed,
 * the directory fsynced).
 */
type Line =
  | { readonly op: 'put'; readonly q: string; readonly m: QueuedMessage; readonly v: number }
  | { readonly op: 'recv'; readonly id: string; readonly n: number; readonly f: number; readonly v: number }
  | { readonly op: 'vis'; readonly id: string; readonly v: number }
  | { readonly op: 'del'; readonly id: string };

/** A message as the journal leaves it: in which queue, and when it is receivable (epoch ms; 0 = now). */
export interface JournalEntry {
  readonly queue: string;
  readonly message: QueuedMessage;
  readonly visibleAt: number;
}

export function encodeEntry({ queue, message, visibleAt }: JournalEntry): string {
  const line: Line = { op: 'put', q: queue, m: message, v: visibleAt };
  return `${JSON.stringify(line)}\n`;
}

export function encodeChange(change: QueueChange): string {
  let line: Line;
  switch (change.kind) {
    case 'enqueued':
      return encodeEntry({ queue: change.queue, message: change.message, visibleAt: change.message.delayUntil ?? 0 });
    case 'received':
      line = { op: 'recv', id: change.messageId, n: change.receiveCount, f: change.firstReceivedAt, v: change.visibleAt };
      break;
    case 'visibility':
      line = { op: 'vis', id: change.messageId, v: change.visibleAt };
      break;
    case 'deleted':
      line = { op: 'del', id: change.messageId };
      break;
  }
  return `${JSON.stringify(line)}\n`;
}

function parseLine(text: string): Line | undefined {
  try {
    const line = JSON.parse(text) as Line | null;
    if (typeof line !== 'object' || line === null) return undefined;
    const known = { put: 'q' in line && 'm' in line, recv: 'n' in line, vis: 'v' in line, del: 'id' in line };
    return known[line.op] ? line : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The messages a journal leaves, by message id, in the order they were first sent. An unreadable
 * tail is a write that a crash cut short, whose answers were never sent: it is left out. An
 * unreadable line followed by readable ones is damage, refused.
 */
export function replayJournal(text: string, file: string): Map<string, JournalEntry> {
  const entries = new Map<string, JournalEntry>();
  const lines = text.split('\n');
  // what follows the last newline was never completed
  lines.pop();
  let unreadable: number | undefined;
  lines.forEach((text, index) => {
    const line = parseLine(text);
    if (!line) {
      unreadable ??= index + 1;
      return;
    }
    if (unreadable !== undefined) {
      throw new StartupError(
        `The data dir is corrupt: line ${unreadable} of the queue journal ${file} cannot be read. Move the file away to start with empty queues.`,
      );
    }
    if (line.op === 'put') {
      entries.delete(line.m.messageId);
      entries.set(line.m.messageId, { queue: line.q, message: line.m, visibleAt: line.v });
      return;
    }
    const entry = entries.get(line.id);
    if (!entry) return;
    if (line.op === 'del') entries.delete(line.id);
    else if (line.op === 'vis') entries.set(line.id, { ...entry, visibleAt: line.v });
    else {
      const message = { ...entry.message, approximateReceiveCount: line.n, approximateFirstReceiveTimestamp: line.f || undefined };
      entries.set(line.id, { ...entry, message, visibleAt: line.v });
    }
  });
  return entries;
}

/** Every message of the queues as it is now: waiting, delayed (until then) and in flight (until its deadline). */
export function storeEntries(store: QueueStore, queueNames: readonly string[]): JournalEntry[] {
  return queueNames.flatMap((queue) => {
    const contents = store.inspect(queue);
    if (!contents) return [];
    return [
      ...contents.ready.map((message) => ({ queue, message, visibleAt: 0 })),
      ...contents.delayed.map((message) => ({ queue, message, visibleAt: message.delayUntil ?? 0 })),
      ...contents.inflight.map((entry) => ({ queue, message: entry.message, visibleAt: entry.visibilityDeadline })),
    ];
  });
}

/** Puts an entry back into the store: hidden until it is visible, with its receive count. */
export function restoreEntry(store: QueueStore, { queue, message, visibleAt }: JournalEntry, now = Date.now()): boolean {
  const { delayUntil: _replaced, ...rest } = message;
  return store.restore(queue, visibleAt > now ? { ...rest, delayUntil: visibleAt } : rest);
}

export async function readJournal(file: string): Promise<Map<string, JournalEntry>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new StartupError(`Cannot read the queue journal ${file}: ${(error as Error).message}`, { cause: error });
  }
  return replayJournal(text, file);
}

/** Makes a rename in the directory durable (Linux and macOS; Windows cannot open a directory). */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Replaces the journal with one line per message: written aside, fsynced, renamed, the directory fsynced. */
export async function compactJournal(file: string, entries: readonly JournalEntry[]): Promise<void> {
  const aside = `${file}.tmp`;
  const handle = await open(aside, 'w');
  try {
    await handle.writeFile(entries.map(encodeEntry).join(''));
    await handle.datasync();
  } finally {
    await handle.close();
  }
  await rename(aside, file);
  await syncDirectory(path.dirname(file));
}

/** A journal this long is compacted at its next write (about 90,000 orders' worth of changes). */
const COMPACT_AFTER_BYTES = 64 * 1024 * 1024;

/**
 * The open journal: `record` encodes a change at once and buffers it; `durable` writes and
 * fdatasyncs what is buffered, one write at a time, each taking all that waits (group commit).
 * Once the file has grown past `compactAfterBytes` (and twice its size after the last compaction,
 * so that many live messages do not compact at every write), the next write is a compaction: the
 * store's messages as they are at that moment (which include every change buffered so far)
 * replace the file. A failed write fails every later `durable`, so that no answer claims a change
 * the disk lacks.
 */
export class QueueJournal implements ChangeWriter, AsyncDisposable {
  private buffered: string[] = [];
  private recorded = 0;
  private synced = 0;
  private bytes = 0;
  /** the size right after the last compaction: a journal of many live messages compacts when it doubles */
  private compactedBytes = 0;
  private writing: Promise<void> | undefined;
  private failure: Error | undefined;
  /** lines written since the journal was opened */
  lines = 0;
  /** fdatasync'ed writes since the journal was opened: lines / writes is the group commit's batch */
  writes = 0;
  compactions = 0;

  private constructor(
    private handle: FileHandle,
    private readonly file: string,
    private readonly entries: () => readonly JournalEntry[],
    private readonly compactAfterBytes: number,
  ) {}

  /** Opens `file` for appending; `entries` gives the store's messages for a compaction. */
  static async open(file: string, entries: () => readonly JournalEntry[], compactAfterBytes = COMPACT_AFTER_BYTES): Promise<QueueJournal> {
    const handle = await open(file, 'a');
    const journal = new QueueJournal(handle, file, entries, compactAfterBytes);
    journal.bytes = (await handle.stat()).size;
    journal.compactedBytes = journal.bytes;
    return journal;
  }

  record(change: QueueChange): void {
    this.buffered.push(encodeChange(change));
    this.recorded++;
  }

  async durable(): Promise<void> {
    const target = this.recorded;
    while (this.synced < target) {
      if (this.failure) throw this.failure;
      const compacting = this.bytes >= Math.max(this.compactAfterBytes, 2 * this.compactedBytes);
      this.writing ??= (compacting ? this.compact() : this.writeBuffered()).finally(() => (this.writing = undefined));
      await this.writing;
    }
  }

  private fail(error: unknown): Error {
    this.failure = new Error(`the queue journal cannot be written: ${(error as Error).message}`, { cause: error });
    return this.failure;
  }

  private async writeBuffered(): Promise<void> {
    const text = this.buffered.join('');
    const count = this.buffered.length;
    const upTo = this.recorded;
    this.buffered = [];
    try {
      await this.handle.write(text);
      await this.handle.datasync();
    } catch (error) {
      throw this.fail(error);
    }
    this.bytes += Buffer.byteLength(text);
    this.lines += count;
    this.writes++;
    this.synced = upTo;
  }

  private async compact(): Promise<void> {
    const upTo = this.recorded;
    // taken in the same tick as the buffer is dropped: the store already holds those changes
    const entries = this.entries();
    this.buffered = [];
    try {
      await compactJournal(this.file, entries);
      const previous = this.handle;
      this.handle = await open(this.file, 'a');
      await previous.close();
      this.bytes = (await this.handle.stat()).size;
      this.compactedBytes = this.bytes;
    } catch (error) {
      throw this.fail(error);
    }
    this.compactions++;
    this.synced = upTo;
  }

  async [Symbol.asyncDispose](): Promise<void> {
    try {
      await this.durable();
    } finally {
      await this.handle.close();
    }
  }
}
