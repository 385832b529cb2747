import { forEachConcurrently } from './concurrency';
import { runLoad, summarizeLoad, type SendOrder } from './load-run';

/** A sender whose answers come only when the test says so. */
function heldSender(): { send: SendOrder; sent: number[]; release(): void; inFlight(): number } {
  const sent: number[] = [];
  const waiting: (() => void)[] = [];
  let inFlight = 0;
  const send: SendOrder = async (index) => {
    sent.push(index);
    inFlight++;
    await new Promise<void>((resolve) => waiting.push(resolve));
    inFlight--;
    return index % 2 === 0 ? { outcome: '201 created', orderId: `o-${index}` } : { outcome: '503 SERVICE_UNAVAILABLE' };
  };
  return { send, sent, release: () => waiting.splice(0).forEach((resolve) => resolve()), inFlight: () => inFlight };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('a closed loop', () => {
  it('keeps at most `concurrency` orders in flight and sends the next when one is answered', async () => {
    const sender = heldSender();
    const running = runLoad({ orders: 5, arrival: { concurrency: 2 } }, sender.send);
    await tick();
    expect(sender.sent).toEqual([0, 1]);
    sender.release();
    await tick();
    expect(sender.sent).toEqual([0, 1, 2, 3]);
    expect(sender.inFlight()).toBe(2);
    sender.release();
    await tick();
    sender.release();
    const run = await running;
    expect(run.samples.map((s) => s.index).sort()).toEqual([0, 1, 2, 3, 4]);
    const result = summarizeLoad({ orders: 5, arrival: { concurrency: 2 } }, run);
    expect(result).toMatchObject({
      orders: 5,
      concurrency: 2,
      sent: 5,
      outcomes: { '201 created': 3, '503 SERVICE_UNAVAILABLE': 2 },
      accepted_order_ids: expect.arrayContaining(['o-0', 'o-2', 'o-4']),
    });
    expect(result.latency_ms.count).toBe(5);
    expect(result).not.toHaveProperty('rate_per_s');
  });

  it('counts the orders it had no time for as not sent', async () => {
    const send: SendOrder = async () => ({ outcome: '201 created' });
    const run = await runLoad({ orders: 3, arrival: { concurrency: 1 }, maxDurationMs: -1 }, send);
    expect(summarizeLoad({ orders: 3, arrival: { concurrency: 1 } }, run)).toMatchObject({ sent: 0, outcomes: { 'not sent': 3 } });
  });
});

describe('an open loop', () => {
  it('sends on schedule whatever the answers do, and times each order from its scheduled time', async () => {
    const sender = heldSender();
    // a high rate: every order is due at once, none is answered until all are sent
    const running = runLoad({ orders: 4, arrival: { ratePerSecond: 1e9 } }, sender.send);
    for (let i = 0; i < 10 && sender.sent.length < 4; i++) await tick();
    expect(sender.sent).toEqual([0, 1, 2, 3]);
    expect(sender.inFlight()).toBe(4);
    sender.release();
    const run = await running;
    const byIndex = [...run.samples].sort((a, b) => a.index - b.index);
    // due times are the schedule, not when the request happened to go out
    expect(byIndex.map((s) => s.dueAt - run.startedAt)).toEqual([0, 1e-6, 2e-6, 3e-6].map((ms) => expect.closeTo(ms, 3)));
    for (const s of byIndex) expect(s.latencyMs).toBeGreaterThanOrEqual(0);
    expect(summarizeLoad({ orders: 4, arrival: { ratePerSecond: 1e9 } }, run)).toMatchObject({ rate_per_s: 1e9, sent: 4 });
  });
});

describe('the worker pool', () => {
  it('runs every index once, at most `concurrency` at a time', async () => {
    let running = 0;
    let most = 0;
    const seen: number[] = [];
    await forEachConcurrently(10, 3, async (i) => {
      running++;
      most = Math.max(most, running);
      seen.push(i);
      await tick();
      running--;
    });
    expect(seen.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(most).toBe(3);
  });
});
