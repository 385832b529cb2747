import { SqsEventSource, sqsEvent, succeededMessages, type Message } from './sqs-event-source';

const batch: Message[] = ['m1', 'm2', 'm3'].map((id) => ({
  MessageId: id,
  ReceiptHandle: `r-${id}`,
  Body: `{"id":"${id}"}`,
  Attributes: { ApproximateReceiveCount: '1' },
}));
const ids = (messages: Message[]) => messages.map((m) => m.MessageId);
const answer = (value: unknown) => ({ ok: true as const, payload: JSON.stringify(value) });

describe('ReportBatchItemFailures', () => {
  it('deletes every message but the reported failures', () => {
    expect(ids(succeededMessages(batch, answer({ batchItemFailures: [{ itemIdentifier: 'm2' }] })))).toEqual(['m1', 'm3']);
    expect(ids(succeededMessages(batch, answer({ batchItemFailures: [] })))).toEqual(['m1', 'm2', 'm3']);
    expect(ids(succeededMessages(batch, answer(null)))).toEqual(['m1', 'm2', 'm3']);
    expect(ids(succeededMessages(batch, answer({})))).toEqual(['m1', 'm2', 'm3']);
  });

  it('fails the whole batch on a function error or an answer it cannot trust, as Lambda does', () => {
    expect(succeededMessages(batch, { ok: false, error: { errorType: 'Error', errorMessage: 'x' } })).toEqual([]);
    expect(succeededMessages(batch, answer({ batchItemFailures: [{ itemIdentifier: 'not-in-batch' }] }))).toEqual([]);
    expect(succeededMessages(batch, answer({ batchItemFailures: [{ itemIdentifier: '' }] }))).toEqual([]);
    expect(succeededMessages(batch, answer({ batchItemFailures: 'm1' }))).toEqual([]);
  });

  it('builds the SQS event Lambda passes to the function', () => {
    const event = sqsEvent(batch.slice(0, 1), 'arn:aws:sqs:us-east-1:000000000000:order_queue');
    expect(event.Records[0]).toEqual({
      messageId: 'm1',
      receiptHandle: 'r-m1',
      body: '{"id":"m1"}',
      attributes: { ApproximateReceiveCount: '1' },
      messageAttributes: {},
      md5OfBody: undefined,
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:us-east-1:000000000000:order_queue',
      awsRegion: 'us-east-1',
    });
  });
});

describe('the long poll', () => {
  it('pauses a step when the store counts a message that the receive cannot take, instead of spinning', async () => {
    let receives = 0;
    const source = new SqsEventSource({
      functionName: 'fn',
      queueUrl: 'http://local/q',
      queueArn: 'arn:aws:sqs:us-east-1:000000000000:q',
      batchSize: 10,
      maximumBatchingWindowMs: 0,
      maxConcurrentBatches: 1,
      // a FIFO group in flight, or another consumer first: always "receivable", never received
      whenReceivable: () => Promise.resolve(),
      sqs: async () => {
        receives++;
        // an answer a turn of the event loop later, as fauxqs's router gives it
        await new Promise((resolve) => setImmediate(resolve));
        return { Messages: [] };
      },
      invoke: () => Promise.reject(new Error('no batch should reach the function')),
      onError: (message) => {
        throw new Error(message);
      },
    });
    source.start();
    await new Promise((resolve) => setTimeout(resolve, 500));
    await source.stop();
    // one receive per 100 ms step: 5 or 6 in 500 ms (thousands without the pause)
    expect(receives).toBeGreaterThanOrEqual(3);
    expect(receives).toBeLessThanOrEqual(7);
  });
});
