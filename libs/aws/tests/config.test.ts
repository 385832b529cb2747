import { ConfigError, endpointOverridden, numberEnv, optionalEnv, requireEnv } from '../src/config';

describe('config helpers', () => {
  it('names the missing variable and what it is for', () => {
    expect(() => requireEnv({}, 'ORDERS_TABLE_NAME', 'the orders table')).toThrow(
      new ConfigError('Missing environment variable ORDERS_TABLE_NAME (the orders table)'),
    );
    expect(() => requireEnv({ X: '  ' }, 'X', 'x')).toThrow(ConfigError);
    expect(requireEnv({ X: 'orders' }, 'X', 'x')).toBe('orders');
  });

  it('reads bounded numbers with a fallback', () => {
    expect(numberEnv({}, 'RATE', 0.7, { min: 0, max: 1 })).toBe(0.7);
    expect(numberEnv({ RATE: '0' }, 'RATE', 0.7, { min: 0, max: 1 })).toBe(0);
    expect(() => numberEnv({ RATE: '1.5' }, 'RATE', 0.7, { min: 0, max: 1 })).toThrow('RATE must be a number from 0 to 1, is "1.5"');
    expect(() => numberEnv({ RATE: 'lots' }, 'RATE', 0.7, { min: 0, max: 1 })).toThrow(ConfigError);
  });

  it('tells when a service endpoint is overridden', () => {
    expect(endpointOverridden({ AWS_ENDPOINT_URL_SFN: 'http://127.0.0.1:1' }, 'SFN')).toBe(true);
    expect(endpointOverridden({ AWS_ENDPOINT_URL: 'http://127.0.0.1:1' }, 'SFN')).toBe(true);
    expect(endpointOverridden({}, 'SFN')).toBe(false);
    expect(optionalEnv({ A: '' }, 'A')).toBeUndefined();
  });
});
