import manifest from '../lambda.json';
import { loadConfig } from './config';

const KEY = 'a-cursor-signing-key-of-43-random-characters';
const valueOf = (name: string): string => (name === 'CURSOR_SIGNING_KEY' ? KEY : `value-of-${name}`);
const fromManifest = () => Object.fromEntries(Object.entries(manifest.environment).filter(([, v]) => v.required).map(([name]) => [name, valueOf(name)]));

describe('loadConfig', () => {
  it('reads every variable lambda.json declares required', () => {
    expect(loadConfig(fromManifest())).toEqual({ ordersTableName: 'value-of-ORDERS_TABLE_NAME', stateMachineArn: 'value-of-STATE_MACHINE_ARN', sfnEndpointOverridden: false, cursorSigningKey: KEY });
  });

  it.each(Object.keys(fromManifest()))('fails at cold start, naming %s, when it is missing', (name) => {
    const env: Record<string, string | undefined> = { ...fromManifest(), [name]: undefined };
    expect(() => loadConfig(env)).toThrow(name);
  });

  it('refuses a cursor signing key shorter than 32 characters, without showing it', () => {
    expect(() => loadConfig({ ...fromManifest(), CURSOR_SIGNING_KEY: 'short-secret' })).toThrow('CURSOR_SIGNING_KEY must be at least 32 characters');
    expect(() => loadConfig({ ...fromManifest(), CURSOR_SIGNING_KEY: 'short-secret' })).not.toThrow('short-secret');
  });
});
