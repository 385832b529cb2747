import manifest from '../lambda.json';
import { loadConfig } from './config';

describe('loadConfig', () => {
  it('reads every variable lambda.json declares, and names a missing one', () => {
    expect(Object.keys(manifest.environment)).toEqual(['ORDERS_TABLE_NAME']);
    expect(loadConfig({ ORDERS_TABLE_NAME: 'orders' })).toEqual({ ordersTableName: 'orders' });
    expect(() => loadConfig({})).toThrow('ORDERS_TABLE_NAME');
  });
});
