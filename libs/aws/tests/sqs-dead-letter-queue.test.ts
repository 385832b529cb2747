import { CreateQueueCommand, ReceiveMessageCommand, SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { queueUrlOf, SqsDeadLetterQueue } from '../src/sqs-dead-letter-queue';
import { startFauxqs } from './local-services';

describe('SqsDeadLetterQueue against fauxqs', () => {
  let sqs: Awaited<ReturnType<typeof startFauxqs>>;
  let client: SQSClient;
  beforeAll(async () => {
    sqs = await startFauxqs();
    // fauxqs's queue URLs name a host that does not resolve: every request goes to the endpoint
    client = new SQSClient({ endpoint: sqs.endpoint, useQueueUrlAsEndpoint: false });
  });
  afterAll(async () => {
    client.destroy();
    await sqs.stop();
  });

  const bodies = async (url: string) =>
    ((await client.send(new ReceiveMessageCommand({ QueueUrl: url, MaxNumberOfMessages: 10, WaitTimeSeconds: 1 }))).Messages ?? [])
      .map((m) => m.Body)
      .sort();

  it('lets an operator look without consuming, and moves the messages chosen to another queue', async () => {
    const dlqUrl = String((await client.send(new CreateQueueCommand({ QueueName: 'browse_dlq' }))).QueueUrl);
    const targetUrl = String((await client.send(new CreateQueueCommand({ QueueName: 'browse_target' }))).QueueUrl);
    for (const body of ['a', 'b', 'c']) await client.send(new SendMessageCommand({ QueueUrl: dlqUrl, MessageBody: body }));
    const dlq = new SqsDeadLetterQueue(client, await queueUrlOf(client, 'browse_dlq'));
    expect(dlq.url).toBe(dlqUrl);

    const seen: string[] = [];
    expect(await dlq.browse(10, async (m) => (seen.push(String(m.Body)), 'kept'))).toBe(3);
    expect(seen.sort()).toEqual(['a', 'b', 'c']);

    await dlq.browse(10, async (m) => {
      if (m.Body !== 'b') return 'kept';
      await dlq.moveTo(targetUrl, m);
      return 'consumed';
    });
    expect(await bodies(targetUrl)).toEqual(['b']);
    // what was kept is visible again at once, not after the hold
    expect(await bodies(dlqUrl)).toEqual(['a', 'c']);
  });
});
