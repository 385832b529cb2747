import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { QueuedMessage, QueueStore } from './fauxqs-store';
import { compactJournal, encodeChange, encodeEntry, QueueJournal, readJournal, replayJournal, restoreEntry, storeEntries } from './queue-journal';

const message = (id: string, receives = 0): QueuedMessage => ({
  messageId: id,
  body: `{"order_id":"${id}"}`,
  md5OfBody: 'md5',
  messageAttributes: {},
  md5OfMessageAttributes: '',
  sentTimestamp: 1_000,
  approximateReceiveCount: receives,
});

const sent = (id: string, queue = 'order_queue') => encodeChange({ kind: 'enqueued', queue, message: message(id) });

describe('replaying the queue journal', () => {
  it('leaves each message as its last line says: sent, received, made visible, moved, deleted', () => {
    const text = [
      sent('a'),
      sent('b'),
      sent('c'),
      encodeChange({ kind: 'received', messageId: 'a', receiveCount: 1, firstReceivedAt: 5_000, visibleAt: 8_000 }),
      encodeChange({ kind: 'received', messageId: 'b', receiveCount: 1, firstReceivedAt: 5_000, visibleAt: 8_000 }),
      encodeChange({ kind: 'visibility', messageId: 'b', visibleAt: 6_000 }),
      encodeChange({ kind: 'deleted', messageId: 'c' }),
      // redriven after its fourth receive: the same message, now in the DLQ
      encodeChange({ kind: 'enqueued', queue: 'order_dlq', message: message('b', 4) }),
    ].join('');
    const entries = replayJournal(text, 'queues.journal');
    expect([...entries.values()].map((entry) => [entry.queue, entry.message.messageId, entry.message.approximateReceiveCount, entry.visibleAt])).toEqual([
      ['order_queue', 'a', 1, 8_000],
      ['order_dlq', 'b', 4, 0],
    ]);
    expect(entries.get('a')?.message.approximateFirstReceiveTimestamp).toBe(5_000);
  });

  it('keeps a delayed message hidden until its delay ends', () => {
    const delayed = encodeChange({ kind: 'enqueued', queue: 'order_queue', message: { ...message('d'), delayUntil: 9_000 } });
    expect(replayJournal(delayed, 'queues.journal').get('d')?.visibleAt).toBe(9_000);
  });

  it('leaves out a tail that a crash cut short, and changes to messages it never saw sent', () => {
    const text = `${sent('a')}${encodeChange({ kind: 'deleted', messageId: 'ghost' })}{"op":"recv","id":"a","n":1,"f":`;
    expect([...replayJournal(text, 'queues.journal').keys()]).toEqual(['a']);
    // the cut can also fall on a line end, leaving zeros behind it
    expect([...replayJournal(`${sent('a')}\0\0\0\n`, 'queues.journal').keys()]).toEqual(['a']);
  });

  it('refuses an unreadable line followed by readable ones, naming the line', () => {
    expect(() => replayJournal(`${sent('a')}{"op":"nope"}\n${sent('b')}`, '/data/queues.journal')).toThrow(
      'The data dir is corrupt: line 2 of the queue journal /data/queues.journal cannot be read. Move the file away to start with empty queues.',
    );
  });
});

describe('the journal on disk', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'dofs-journal-unit-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('appends what was recorded once durable() resolves, and reads it back', async () => {
    const file = path.join(dir, 'queues.journal');
    const journal = await QueueJournal.open(file, () => []);
    journal.record({ kind: 'enqueued', queue: 'order_queue', message: message('a') });
    journal.record({ kind: 'enqueued', queue: 'order_queue', message: message('b') });
    // answers waiting together share the writes
    await Promise.all([journal.durable(), journal.durable()]);
    journal.record({ kind: 'deleted', messageId: 'a' });
    await journal.durable();
    expect([journal.lines, journal.writes]).toEqual([3, 2]);
    await journal[Symbol.asyncDispose]();
    expect([...(await readJournal(file)).keys()]).toEqual(['b']);
  });

  it('writes nothing for an answer that changed nothing', async () => {
    const file = path.join(dir, 'queues.journal');
    const journal = await QueueJournal.open(file, () => []);
    await journal.durable();
    await journal[Symbol.asyncDispose]();
    expect(await readFile(file, 'utf8')).toBe('');
  });

  it('compacts to one line per message, replacing the file whole', async () => {
    const file = path.join(dir, 'queues.journal');
    await writeFile(file, `${sent('a')}${sent('b')}${encodeChange({ kind: 'deleted', messageId: 'a' })}`);
    const entries = [...(await readJournal(file)).values()];
    await compactJournal(file, entries);
    expect(await readFile(file, 'utf8')).toBe(entries.map(encodeEntry).join(''));
    expect(await readdir(dir)).toEqual(['queues.journal']);
  });

  it('compacts once past its size, to the store as it is, the changes buffered meanwhile included', async () => {
    const file = path.join(dir, 'queues.journal');
    // what the store holds when the compaction runs: 'a' was deleted, 'b' received once
    const store = [{ queue: 'order_queue', message: message('b', 1), visibleAt: 9_000 }];
    // past the limit after the first write, below it after the compaction
    const journal = await QueueJournal.open(file, () => store, encodeEntry(store[0]!).length + 1);
    journal.record({ kind: 'enqueued', queue: 'order_queue', message: message('a') });
    journal.record({ kind: 'enqueued', queue: 'order_queue', message: message('b') });
    await journal.durable();
    journal.record({ kind: 'deleted', messageId: 'a' });
    journal.record({ kind: 'received', messageId: 'b', receiveCount: 1, firstReceivedAt: 5_000, visibleAt: 9_000 });
    await journal.durable();
    expect([journal.writes, journal.compactions]).toEqual([1, 1]);
    expect(await readFile(file, 'utf8')).toBe(store.map(encodeEntry).join(''));
    // and appends after it
    journal.record({ kind: 'deleted', messageId: 'b' });
    await journal[Symbol.asyncDispose]();
    expect((await readJournal(file)).size).toBe(0);
    expect(await readdir(dir)).toEqual(['queues.journal']);
  });

  it('reads a missing journal as empty queues', async () => {
    expect((await readJournal(path.join(dir, 'none'))).size).toBe(0);
  });
});

describe('between the journal and the store', () => {
  const fakeStore = (contents: ReturnType<QueueStore['inspect']>) => {
    const restored: [string, QueuedMessage][] = [];
    const store: QueueStore = {
      inspect: (name) => (name === 'order_queue' ? contents : undefined),
      restore: (name, m) => (restored.push([name, m]), true),
      journalTo: () => undefined,
      whenReceivable: async () => undefined,
      shutdown: () => undefined,
    };
    return { store, restored };
  };

  it('takes every message of the store: waiting now, delayed and in flight until then', () => {
    const { store } = fakeStore({
      ready: [message('r')],
      delayed: [{ ...message('d'), delayUntil: 7_000 }],
      inflight: [{ message: message('i', 1), receiptHandle: 'h', visibilityDeadline: 9_000 }],
    });
    expect(storeEntries(store, ['order_queue', 'order_dlq']).map((entry) => [entry.message.messageId, entry.visibleAt])).toEqual([
      ['r', 0],
      ['d', 7_000],
      ['i', 9_000],
    ]);
  });

  it('puts a message back hidden until it is visible, with its receive count', () => {
    const { store, restored } = fakeStore(undefined);
    restoreEntry(store, { queue: 'order_queue', message: message('later', 2), visibleAt: 9_000 }, 5_000);
    restoreEntry(store, { queue: 'order_queue', message: { ...message('now', 1), delayUntil: 4_000 }, visibleAt: 4_000 }, 5_000);
    expect(restored.map(([queue, m]) => [queue, m.messageId, m.approximateReceiveCount, m.delayUntil])).toEqual([
      ['order_queue', 'later', 2, 9_000],
      ['order_queue', 'now', 1, undefined],
    ]);
  });
});
