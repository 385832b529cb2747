// Consumer contracts of the two readers of the fulfillment message with the order workflow, its
// producer (the EnqueueOrder state of contracts/order-workflow.asl.json), as PactV4 messages:
//   fulfill-order reads it from order_queue, dlq-processor from order_dlq (SQS moves it unchanged).
// Each is checked through the consumer's own code path: the domain's parseFulfillmentMessage
// (the contract validator validateFulfillmentMessage inside) and the use case the handler runs.
// Writes dist/pacts/{fulfill-order,dlq-processor}-order-workflow.json; apps/local/tests/pact checks
// them against pacts/ and verifies them against messages the real workflow sends.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { validateFailedOrderRecord, validateFulfillmentMessage } from '@dofs/contracts';
import { createFulfillmentSimulator, fulfillOrder, parseFulfillmentMessage, recordFailedOrder } from '@dofs/domain';
import { anOrderRecord, fixedClock, InMemoryFailedOrderStore, InMemoryOrderStore } from '@dofs/domain/testing';

process.env['PACT_DO_NOT_TRACK'] = 'true';

const { integer, number, regex, string } = MatchersV3;
const PACT_DIR = path.resolve(__dirname, '../../dist/pacts');
const ORDER_ID = '7c9e6679-7425-40de-944b-e07fc1f90ae7';

/** What both readers need of the message: every field of the contract, with its format. */
const fulfillmentMessage = {
  schema_version: integer(1),
  order_id: regex('^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$', ORDER_ID),
  customer_id: regex('^[A-Za-z0-9][A-Za-z0-9._:-]*$', 'cust-1'),
  total_amount: number(25.5),
  currency: regex('^[A-Z]{3}$', 'USD'),
  correlation_id: string('corr-1'),
  created_at: regex('^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$', '2025-01-01T12:00:00.000Z'),
};

/** The consumer's own parsing of an SQS body: what its handler does with `record.body`. */
function receive(content: unknown) {
  expect(validateFulfillmentMessage(content)).toBe(true);
  return parseFulfillmentMessage(JSON.stringify(content));
}

describe('fulfill-order reading order_queue (consumer contract with the order workflow)', () => {
  const pact = new PactV4({ consumer: 'fulfill-order', provider: 'order-workflow', dir: PACT_DIR, logLevel: 'warn' });
  beforeAll(() => rmSync(path.join(PACT_DIR, 'fulfill-order-order-workflow.json'), { force: true }));

  it('fulfills the order a queued message names', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('an order was accepted')
      .expectsToReceive('an order queued for fulfillment', (m) => m.withJSONContent(fulfillmentMessage))
      .executeTest(async (received) => {
        const message = receive(received.contents.content);
        const orders = new InMemoryOrderStore();
        await orders.createIfAbsent(anOrderRecord({ order_id: message.order_id }));
        const deps = { orders, simulator: createFulfillmentSimulator({ successRate: 1 }), clock: fixedClock(), maxAttempts: 3 };

        await expect(fulfillOrder(deps, message, 1)).resolves.toBe('FULFILLED');
        expect((await orders.get(message.order_id))?.status).toBe('FULFILLED');
      });
  });
});

describe('dlq-processor reading order_dlq (consumer contract with the order workflow)', () => {
  const pact = new PactV4({ consumer: 'dlq-processor', provider: 'order-workflow', dir: PACT_DIR, logLevel: 'warn' });
  beforeAll(() => rmSync(path.join(PACT_DIR, 'dlq-processor-order-workflow.json'), { force: true }));

  it('records the failure of the order a dead-lettered message names', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('an order was accepted')
      .expectsToReceive('an order whose fulfillment attempts ran out', (m) => m.withJSONContent(fulfillmentMessage))
      .executeTest(async (received) => {
        const message = receive(received.contents.content);
        const orders = new InMemoryOrderStore();
        await orders.createIfAbsent(anOrderRecord({ order_id: message.order_id, attempts: 3 }));
        const failedOrders = new InMemoryFailedOrderStore();
        const body = JSON.stringify(received.contents.content);

        const outcome = await recordFailedOrder({ orders, failedOrders, clock: fixedClock() }, { messageId: 'm-1', body, receiveCount: 3 });

        expect(outcome).toBe('RECORDED');
        const record = await failedOrders.get(message.order_id);
        expect(validateFailedOrderRecord(record)).toBe(true);
        expect(record).toMatchObject({ reason: 'MAX_RECEIVES_EXCEEDED', message_body: body, customer_id: message.customer_id });
        expect((await orders.get(message.order_id))?.status).toBe('FAILED');
      });
  });
});
