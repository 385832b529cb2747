import { Metrics } from '@aws-lambda-powertools/metrics';
import { validateFailedOrderRecord } from '@dofs/contracts';
import { createLogger } from '@dofs/aws';
import { aLambdaContext, anSqsEvent, anSqsRecord, captureLogs } from '@dofs/aws/testing';
import { InMemoryFailedOrderStore, InMemoryOrderStore, aFulfillmentMessage, anOrderRecord, fixedClock } from '@dofs/domain/testing';
import { createDlqProcessorHandler } from './handler';

const ids = ['00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000a2'];

async function setUp() {
  const orders = new InMemoryOrderStore();
  for (const order_id of ids) await orders.createIfAbsent(anOrderRecord({ order_id, attempts: 3, last_error: { attempt: 3, at: 't', message: 'boom' } }));
  const failedOrders = new InMemoryFailedOrderStore();
  const metrics = new Metrics({ namespace: 'DOFS', serviceName: 'dlq-processor' });
  const handler = createDlqProcessorHandler({ orders, failedOrders, clock: fixedClock(), logger: createLogger('dlq-processor'), metrics });
  return { orders, failedOrders, handler };
}
const letterFor = (order_id: string, messageId?: string) =>
  anSqsRecord(JSON.stringify(aFulfillmentMessage({ order_id })), { receiveCount: 4, ...(messageId ? { messageId } : {}) });

const logs = captureLogs();
const emfRecords = () => logs.lines().filter((line) => '_aws' in line);

describe('dlq-processor handler', () => {
  it('records each dead letter in failed_orders and marks its order FAILED', async () => {
    const { handler, orders, failedOrders } = await setUp();
    const result = await handler(anSqsEvent(...ids.map((id) => letterFor(id))), aLambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    for (const id of ids) {
      expect(validateFailedOrderRecord(await failedOrders.get(id))).toBe(true);
      expect(await orders.get(id)).toMatchObject({ status: 'FAILED', failure_reason: 'Fulfillment failed after 3 attempt(s): boom' });
    }
  });

  it('publishes FailedOrders as an EMF metric in namespace DOFS with the service dimension, 1 per failed order', async () => {
    const { handler } = await setUp();
    await handler(anSqsEvent(...ids.map((id) => letterFor(id))), aLambdaContext());
    expect(emfRecords().map((r) => r['FailedOrders'])).toEqual([1, 1]);
    const [emf] = emfRecords();
    expect(emf).toMatchObject({
      FailedOrders: 1,
      service: 'dlq-processor',
      _aws: { CloudWatchMetrics: [{ Namespace: 'DOFS', Dimensions: [['service']], Metrics: [{ Name: 'FailedOrders', Unit: 'Count' }] }] },
    });
  });

  it('does not count a redelivered dead letter twice', async () => {
    const { handler, failedOrders } = await setUp();
    await handler(anSqsEvent(letterFor(ids[0] ?? '', 'm-1')), aLambdaContext());
    await handler(anSqsEvent(letterFor(ids[0] ?? '', 'm-1')), aLambdaContext());
    expect(emfRecords().map((r) => r['FailedOrders'])).toEqual([1, 0]);
    expect(failedOrders.items.size).toBe(1);
  });

  it('keeps a poison message as invalid-message:<id> and counts it', async () => {
    const { handler, failedOrders } = await setUp();
    const result = await handler(anSqsEvent(anSqsRecord('not json', { messageId: 'poison-1' }), letterFor(ids[1] ?? '')), aLambdaContext());
    expect(result).toEqual({ batchItemFailures: [] });
    expect(await failedOrders.get('invalid-message:poison-1')).toMatchObject({ reason: 'INVALID_MESSAGE', message_body: 'not json' });
    expect(emfRecords().map((r) => r['FailedOrders'])).toEqual([1, 1]);
  });

  it('counts a failure the moment its row is written: an invocation cut off later in the batch cannot lose it', async () => {
    const { handler, failedOrders } = await setUp();
    const original = failedOrders.putIfAbsent.bind(failedOrders);
    // the second record's write never answers, as in an invocation that times out or crashes there
    jest.spyOn(failedOrders, 'putIfAbsent').mockImplementation((record) => (record.order_id === ids[1] ? new Promise<boolean>(() => undefined) : original(record)));
    void handler(anSqsEvent(...ids.map((id) => letterFor(id))), aLambdaContext());
    while (!failedOrders.items.has(ids[0] ?? '')) await new Promise((resolve) => setImmediate(resolve));
    await new Promise((resolve) => setImmediate(resolve));
    expect(emfRecords().map((r) => r['FailedOrders'])).toEqual([1]);
    // its redelivery finds the row and counts nothing: the data point above is the failure's only one
    const redelivered = await handler(anSqsEvent(letterFor(ids[0] ?? '')), aLambdaContext());
    expect(redelivered).toEqual({ batchItemFailures: [] });
    expect(emfRecords().map((r) => r['FailedOrders'])).toEqual([1, 0]);
  });

  it('fails only the record whose store write failed, so SQS delivers it again', async () => {
    const { handler, failedOrders } = await setUp();
    const original = failedOrders.putIfAbsent.bind(failedOrders);
    jest.spyOn(failedOrders, 'putIfAbsent').mockImplementation(async (record) => {
      if (record.order_id === ids[1]) throw new Error('table unavailable');
      return original(record);
    });
    const records = ids.map((id) => letterFor(id));
    const result = await handler(anSqsEvent(...records), aLambdaContext());
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: records[1]?.messageId }] });
    expect(emfRecords()[0]?.['FailedOrders']).toBe(1);
  });
});
