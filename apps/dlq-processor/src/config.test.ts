import manifest from '../lambda.json';
import { loadConfig } from './config';

describe('loadConfig', () => {
  const required = Object.entries(manifest.environment).filter(([, v]) => v.required).map(([k]) => k);

  it('reads what lambda.json declares, defaulting the metrics namespace to DOFS', () => {
    expect(required).toEqual(['ORDERS_TABLE_NAME', 'FAILED_ORDERS_TABLE_NAME']);
    expect(loadConfig({ ORDERS_TABLE_NAME: 'o', FAILED_ORDERS_TABLE_NAME: 'f' })).toEqual({ ordersTableName: 'o', failedOrdersTableName: 'f', metricsNamespace: 'DOFS' });
  });

  it.each(required)('names %s when it is missing', (name) => {
    const env: Record<string, string | undefined> = { ORDERS_TABLE_NAME: 'o', FAILED_ORDERS_TABLE_NAME: 'f', [name]: undefined };
    expect(() => loadConfig(env)).toThrow(name);
  });
});
