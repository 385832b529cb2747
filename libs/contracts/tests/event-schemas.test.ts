import * as contracts from '../src';
import { eventSchemaFiles, readContract } from './contract-files';

const pascal = (title: string) => title.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, __, c: string) => c.toUpperCase());

describe('contracts/events', () => {
  it.each(eventSchemaFiles())('%s is draft-4 and has a generated validator', (file) => {
    const schema = JSON.parse(readContract(`events/${file}`)) as { $schema: string; title: string };
    expect(schema.$schema).toBe('http://json-schema.org/draft-04/schema#');
    expect(typeof (contracts as Record<string, unknown>)[`validate${pascal(schema.title)}`]).toBe('function');
  });

  it('accepts a fulfillment message and rejects one with a missing field or an unknown one', () => {
    const message = { schema_version: 1, order_id: '3f1e6a52-9c4b-4d7e-8a1f-2b3c4d5e6f70', customer_id: 'c', total_amount: 1, currency: 'USD', correlation_id: 'x', created_at: 't' };
    expect(contracts.validateFulfillmentMessage(message)).toBe(true);
    expect(contracts.validateFulfillmentMessage({ ...message, currency: undefined })).toBe(false);
    expect(contracts.validateFulfillmentMessage({ ...message, extra: 1 })).toBe(false);
  });

  it('keys a failed order by its id or invalid-message:<id>, nothing else', () => {
    const record = { order_id: 'invalid-message:abc', reason: 'INVALID_MESSAGE', failed_at: 't', receive_count: 3, attempts: 0, message_id: 'abc', message_body: 'x' };
    expect(contracts.validateFailedOrderRecord(record)).toBe(true);
    expect(contracts.validateFailedOrderRecord({ ...record, order_id: 'whatever' })).toBe(false);
  });
});
