import { InvalidMessageError } from './errors';
import { parseFulfillmentMessage, parseOrderStorageRequest, parseOrderWorkflowInput } from './message-parsers';
import { aFulfillmentMessage, aStoreRequest, aWorkflowInput } from './testing';

describe('parseFulfillmentMessage', () => {
  it('accepts the message the workflow sends', () => {
    expect(parseFulfillmentMessage(JSON.stringify(aFulfillmentMessage()))).toEqual(aFulfillmentMessage());
  });

  it.each([
    ['not JSON', '{"order_id":', ''],
    ['a wrong type', JSON.stringify(aFulfillmentMessage({ total_amount: '25.50' as unknown as number })), 'total_amount'],
    ['a missing field', JSON.stringify({ ...aFulfillmentMessage(), order_id: undefined }), 'order_id'],
    ['an unknown field', JSON.stringify({ ...aFulfillmentMessage(), extra: 1 }), 'extra'],
    ['an unknown schema version', JSON.stringify(aFulfillmentMessage({ schema_version: 2 as 1 })), 'schema_version'],
    ['an order id that is not a UUID', JSON.stringify(aFulfillmentMessage({ order_id: '../etc' })), 'order_id'],
    ['a JSON array', '[]', ''],
  ])('rejects %s, naming the field', (_, body, path) => {
    let caught: unknown;
    try {
      parseFulfillmentMessage(body);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(InvalidMessageError);
    expect((caught as InvalidMessageError).details.map((d) => d.path)).toContain(path);
  });
});

describe('task inputs', () => {
  it('parses the workflow input and the storage requests', () => {
    expect(parseOrderWorkflowInput(aWorkflowInput())).toEqual(aWorkflowInput());
    expect(parseOrderStorageRequest(aStoreRequest())).toEqual(aStoreRequest());
    const discard = { action: 'discard', order_id: aStoreRequest().order_id, request_hash: aStoreRequest().request_hash, correlation_id: 'c' };
    expect(parseOrderStorageRequest(discard)).toEqual(discard);
  });

  it('rejects a storage request with an unknown action or a missing order', () => {
    expect(() => parseOrderStorageRequest({ ...aStoreRequest(), action: 'drop' })).toThrow(InvalidMessageError);
    const { order: _order, ...withoutOrder } = aStoreRequest();
    expect(() => parseOrderStorageRequest(withoutOrder)).toThrow(InvalidMessageError);
    expect(() => parseOrderWorkflowInput(null)).toThrow(InvalidMessageError);
  });
});
