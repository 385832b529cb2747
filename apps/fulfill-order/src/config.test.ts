import manifest from '../lambda.json';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('matches lambda.json: one required variable, three optional ones with defaults', () => {
    const required = Object.entries(manifest.environment).filter(([, v]) => v.required).map(([k]) => k);
    expect(required).toEqual(['ORDERS_TABLE_NAME']);
    expect(Object.keys(manifest.environment).sort()).toEqual(['FULFILLMENT_SEED', 'FULFILLMENT_SUCCESS_RATE', 'MAX_RECEIVE_COUNT', 'ORDERS_TABLE_NAME']);
    expect(loadConfig({ ORDERS_TABLE_NAME: 'orders' })).toEqual({ ordersTableName: 'orders', successRate: 0.7, seed: undefined, maxAttempts: 3 });
    expect(loadConfig({ ORDERS_TABLE_NAME: 'orders', FULFILLMENT_SUCCESS_RATE: '0', FULFILLMENT_SEED: 's', MAX_RECEIVE_COUNT: '5' })).toEqual({
      ordersTableName: 'orders',
      successRate: 0,
      seed: 's',
      maxAttempts: 5,
    });
  });

  it('refuses a receive count that SQS would refuse', () => {
    for (const bad of ['0', '1001', '2.5', 'three']) expect(() => loadConfig({ ORDERS_TABLE_NAME: 'o', MAX_RECEIVE_COUNT: bad })).toThrow('MAX_RECEIVE_COUNT must be an integer from 1 to 1000');
  });

  it('refuses a success rate outside 0..1 and a missing table name', () => {
    expect(() => loadConfig({ ORDERS_TABLE_NAME: 'o', FULFILLMENT_SUCCESS_RATE: '70%' })).toThrow('FULFILLMENT_SUCCESS_RATE');
    expect(() => loadConfig({})).toThrow('ORDERS_TABLE_NAME');
  });
});
