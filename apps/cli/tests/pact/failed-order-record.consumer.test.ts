// Consumer contract of the CLI with dlq-processor for the failed_orders record (PactV4 message):
// what `dofs failed list` and `dofs dlq redrive --from failed` need of a record, checked through the
// CLI's own parsing. Writes dist/pacts/dofs-cli-dlq-processor.json; apps/local/tests/pact checks
// it against pacts/ and verifies it against records the real dlq-processor writes.
import { rmSync } from 'node:fs';
import path from 'node:path';
import { MatchersV3, PactV4 } from '@pact-foundation/pact';
import { isReplayable, parseFailedOrder } from '../../src/failed-order-record';

process.env['PACT_DO_NOT_TRACK'] = 'true';

const { integer, regex, string } = MatchersV3;
const PACT_DIR = path.resolve(__dirname, '../../../../dist/pacts');
const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const ISO_TIME = '^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$';
const ORDER_ID = '5d3c2b1a-0f9e-4d8c-b7a6-958473625140';
const BODY = JSON.stringify({
  schema_version: 1,
  order_id: ORDER_ID,
  customer_id: 'cust-1',
  total_amount: 6,
  currency: 'USD',
  correlation_id: 'corr-1',
  created_at: '2025-01-01T12:00:00.000Z',
});

describe('the CLI reading failed_orders records (consumer contract with dlq-processor)', () => {
  const pact = new PactV4({ consumer: 'dofs-cli', provider: 'dlq-processor', dir: PACT_DIR, logLevel: 'warn' });

  beforeAll(() => rmSync(path.join(PACT_DIR, 'dofs-cli-dlq-processor.json'), { force: true }));

  it('lists and replays the record of an order that exhausted its attempts', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('an order failed every fulfillment attempt')
      .expectsToReceive('a failed order record for an order that exhausted its attempts', (message) =>
        message.withJSONContent({
          order_id: regex(`^${UUID}$`, ORDER_ID),
          reason: 'MAX_RECEIVES_EXCEEDED',
          failed_at: regex(ISO_TIME, '2025-01-01T12:00:30.000Z'),
          receive_count: integer(3),
          attempts: integer(3),
          last_error: string('Simulated fulfillment failure'),
          message_id: string('0c1d2e3f-msg'),
          // kept for replay: the fulfillment message as it was received
          message_body: regex(`^\\{.*"order_id":"${UUID}".*\\}$`, BODY),
        }),
      )
      .executeTest(async (message) => {
        const parsed = parseFailedOrder(message.contents.content);
        expect(parsed).toMatchObject({ valid: true, record: { order_id: ORDER_ID, attempts: 3 } });
        if (!parsed.valid) throw new Error('unreachable');
        expect(isReplayable(parsed.record)).toBe(true);
        expect(parsed.message?.order_id).toBe(ORDER_ID);
      });
  });

  it('lists, and does not replay, the record of a message that named no order', async () => {
    await pact
      .addAsynchronousInteraction()
      .given('a message that is not a fulfillment message reached the DLQ')
      .expectsToReceive('a failed order record for an invalid message', (message) =>
        message.withJSONContent({
          order_id: regex('^invalid-message:.+$', 'invalid-message:0c1d2e3f-msg'),
          reason: 'INVALID_MESSAGE',
          failed_at: regex(ISO_TIME, '2025-01-01T12:00:30.000Z'),
          receive_count: integer(1),
          attempts: integer(0),
          message_id: string('0c1d2e3f-msg'),
          message_body: string('not json'),
        }),
      )
      .executeTest(async (message) => {
        const parsed = parseFailedOrder(message.contents.content);
        expect(parsed).toMatchObject({ valid: true, record: { reason: 'INVALID_MESSAGE' }, message: undefined });
        if (!parsed.valid) throw new Error('unreachable');
        expect(isReplayable(parsed.record)).toBe(false);
      });
  });
});
