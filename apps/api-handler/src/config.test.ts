import manifest from '../lambda.json';
import { loadConfig } from './config';

const fromManifest = () => Object.fromEntries(Object.entries(manifest.environment).filter(([, v]) => v.required).map(([name]) => [name, `value-of-${name}`]));

describe('loadConfig', () => {
  it('reads every variable lambda.json declares required', () => {
    expect(loadConfig(fromManifest())).toEqual({ ordersTableName: 'value-of-ORDERS_TABLE_NAME', stateMachineArn: 'value-of-STATE_MACHINE_ARN', sfnEndpointOverridden: false });
  });

  it.each(Object.keys(fromManifest()))('fails at cold start, naming %s, when it is missing', (name) => {
    const env: Record<string, string | undefined> = { ...fromManifest(), [name]: undefined };
    expect(() => loadConfig(env)).toThrow(name);
  });
});
