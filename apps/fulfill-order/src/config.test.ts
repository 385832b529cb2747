import manifest from '../lambda.json';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('matches lambda.json: one required variable, two optional ones with defaults', () => {
    const required = Object.entries(manifest.environment).filter(([, v]) => v.required).map(([k]) => k);
    expect(required).toEqual(['ORDERS_TABLE_NAME']);
    expect(loadConfig({ ORDERS_TABLE_NAME: 'orders' })).toEqual({ ordersTableName: 'orders', successRate: 0.7, seed: undefined });
    expect(loadConfig({ ORDERS_TABLE_NAME: 'orders', FULFILLMENT_SUCCESS_RATE: '0', FULFILLMENT_SEED: 's' })).toEqual({ ordersTableName: 'orders', successRate: 0, seed: 's' });
  });

  it('refuses a success rate outside 0..1 and a missing table name', () => {
    expect(() => loadConfig({ ORDERS_TABLE_NAME: 'o', FULFILLMENT_SUCCESS_RATE: '70%' })).toThrow('FULFILLMENT_SUCCESS_RATE');
    expect(() => loadConfig({})).toThrow('ORDERS_TABLE_NAME');
  });
});
