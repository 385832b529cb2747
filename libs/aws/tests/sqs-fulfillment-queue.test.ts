import { CreateQueueCommand, ReceiveMessageCommand } from '@aws-sdk/client-sqs';
import { validateFulfillmentMessage } from '@dofs/contracts';
import { aFulfillmentMessage } from '@dofs/domain/testing';
import { createSqsClient } from '../src/clients';
import { SqsFulfillmentQueue } from '../src/sqs-fulfillment-queue';
import { startFauxqs } from './local-services';

describe('SqsFulfillmentQueue against fauxqs', () => {
  let sqs: Awaited<ReturnType<typeof startFauxqs>>;
  beforeAll(async () => {
    sqs = await startFauxqs();
  });
  afterAll(() => sqs.stop());

  it('sends the message as JSON that follows the fulfillment message contract', async () => {
    const client = createSqsClient({ endpointOverridden: true });
    const { QueueUrl } = await client.send(new CreateQueueCommand({ QueueName: 'order_queue' }));
    const queue = new SqsFulfillmentQueue(client, String(QueueUrl));
    const messageId = await queue.send(aFulfillmentMessage());
    const { Messages } = await client.send(new ReceiveMessageCommand({ QueueUrl, WaitTimeSeconds: 1 }));
    expect(Messages?.map((m) => m.MessageId)).toEqual([messageId]);
    const body: unknown = JSON.parse(String(Messages?.[0]?.Body));
    expect(validateFulfillmentMessage(body)).toBe(true);
    expect(body).toEqual(aFulfillmentMessage());
  });
});
