import { createLogger } from '@dofs/aws';
import { aLambdaContext, anSqsEvent, anSqsRecord, captureLogs } from '@dofs/aws/testing';
import type { FulfillmentSimulator } from '@dofs/domain';
import { InMemoryOrderStore, aFulfillmentMessage, anOrderRecord, fixedClock } from '@dofs/domain/testing';
import { createFulfillOrderHandler } from './handler';

const ids = ['00000000-0000-4000-8000-000000000001', '00000000-0000-4000-8000-000000000002', '00000000-0000-4000-8000-000000000003'];

async function setUp(simulator: FulfillmentSimulator) {
  const orders = new InMemoryOrderStore();
  for (const order_id of ids) await orders.createIfAbsent(anOrderRecord({ order_id }));
  const handler = createFulfillOrderHandler({ orders, simulator, clock: fixedClock(), maxAttempts: 3, logger: createLogger('fulfill-order') });
  return { orders, handler };
}
const messageFor = (order_id: string) => JSON.stringify(aFulfillmentMessage({ order_id }));

const logs = captureLogs();

describe('fulfill-order handler', () => {
  it('fulfills every order of a batch and reports no failures', async () => {
    const { orders, handler } = await setUp({ attempt: () => true });
    const result = await handler(anSqsEvent(...ids.map((id) => anSqsRecord(messageFor(id)))), aLambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    for (const id of ids) expect((await orders.get(id))?.status).toBe('FULFILLED');
  });

  it('fails only the record whose attempt failed, recording the attempt', async () => {
    const { orders, handler } = await setUp({ attempt: (id) => id !== ids[1] });
    const records = ids.map((id) => anSqsRecord(messageFor(id), { receiveCount: 2 }));
    const result = await handler(anSqsEvent(...records), aLambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]?.messageId }] });
    expect(await orders.get(ids[1] ?? '')).toMatchObject({ status: 'PENDING', attempts: 1, last_error: { attempt: 2 } });
    expect((await orders.get(ids[0] ?? ''))?.status).toBe('FULFILLED');
  });

  it.each([
    ['malformed JSON', '{"order_id"'],
    ['a wrong type', JSON.stringify(aFulfillmentMessage({ total_amount: 'lots' as unknown as number }))],
    ['a missing field', JSON.stringify({ ...aFulfillmentMessage(), order_id: undefined })],
    ['an unknown field', JSON.stringify({ ...aFulfillmentMessage(), priority: 'high' })],
    ['an empty body', ''],
  ])('fails a poison record with %s alone; its neighbours succeed', async (_, body) => {
    const { orders, handler } = await setUp({ attempt: () => true });
    const poison = anSqsRecord(body);
    const result = await handler(anSqsEvent(anSqsRecord(messageFor(ids[0] ?? '')), poison, anSqsRecord(messageFor(ids[2] ?? ''))), aLambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: poison.messageId }] });
    expect((await orders.get(ids[0] ?? ''))?.status).toBe('FULFILLED');
    expect((await orders.get(ids[2] ?? ''))?.status).toBe('FULFILLED');
  });

  it('reports every record when the whole batch fails, without throwing', async () => {
    const { handler } = await setUp({ attempt: () => false });
    const records = ids.map((id) => anSqsRecord(messageFor(id)));
    const result = await handler(anSqsEvent(...records), aLambdaContext());
    expect(result.batchItemFailures.map((f) => f.itemIdentifier).sort()).toEqual(records.map((r) => r.messageId).sort());
  });

  it('changes nothing for a duplicate delivery of a fulfilled order', async () => {
    const { orders, handler } = await setUp({ attempt: () => true });
    await handler(anSqsEvent(anSqsRecord(messageFor(ids[0] ?? ''))), aLambdaContext());
    const after = await orders.get(ids[0] ?? '');
    const again = await handler(anSqsEvent(anSqsRecord(messageFor(ids[0] ?? ''), { receiveCount: 1 })), aLambdaContext());
    expect(again).toEqual({ batchItemFailures: [] });
    expect(await orders.get(ids[0] ?? '')).toEqual(after);
  });

  it('passes the receive count as the attempt number', async () => {
    const seen: number[] = [];
    const { handler } = await setUp({ attempt: (_, n) => (seen.push(n), true) });
    await handler(anSqsEvent(anSqsRecord(messageFor(ids[0] ?? ''), { receiveCount: 3 })), aLambdaContext());
    expect(seen).toEqual([3]);
  });

  it('logs each record with its own order id and correlation id, even in parallel', async () => {
    const { handler } = await setUp({ attempt: () => true });
    await handler(anSqsEvent(...ids.map((id) => anSqsRecord(JSON.stringify(aFulfillmentMessage({ order_id: id, correlation_id: `corr-${id}` }))))), aLambdaContext());
    const finished = logs.lines().filter((l) => l['message'] === 'Fulfillment attempt finished');
    expect(finished).toHaveLength(3);
    for (const line of finished) expect(line['correlation_id']).toBe(`corr-${String(line['order_id'])}`);
  });

  it('fails, counting nothing, a duplicate message of an order that has used its attempts, and says so in the log', async () => {
    const { orders, handler } = await setUp({ attempt: () => false });
    const id = ids[0] ?? '';
    for (const receiveCount of [1, 2, 3]) await handler(anSqsEvent(anSqsRecord(messageFor(id), { receiveCount })), aLambdaContext());
    const duplicate = anSqsRecord(messageFor(id), { receiveCount: 1 });
    expect(await handler(anSqsEvent(duplicate), aLambdaContext())).toEqual({ batchItemFailures: [{ itemIdentifier: duplicate.messageId }] });
    expect(await orders.get(id)).toMatchObject({ status: 'PENDING', attempts: 3 });
    expect(logs.lines().filter((l) => l['message'] === 'Order has used its attempts; this message goes on to the DLQ')).toEqual([
      expect.objectContaining({ level: 'WARN', order_id: id, max_attempts: 3 }),
    ]);
  });
});
