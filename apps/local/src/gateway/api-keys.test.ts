import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { StartupError } from '../startup-error';
import { apiKeyGate, dataDirApiKeyGate } from './api-key-gate';
import { API_KEYS_FILE, ApiKeyRegistry, loadApiKeys } from './api-keys';
import { UsagePlans } from './usage-plans';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'dofs-api-keys-'));
});
afterEach(() => rm(dir, { recursive: true, force: true }));

const HIGH = { rateLimit: 1000, burstLimit: 1000, dailyQuota: 1000 };

describe('the API keys of a data dir', () => {
  it("creates the local client's key on first start, readable by its owner only, and keeps it", async () => {
    const first = await loadApiKeys(dir);
    expect(first.created).toBe(true);
    expect(first.keys).toEqual([expect.objectContaining({ client: 'local', enabled: true })]);
    expect(first.keys[0]?.value).toMatch(/^[A-Za-z0-9]{40}$/);
    expect((await stat(path.join(dir, API_KEYS_FILE))).mode & 0o777).toBe(0o600);
    const second = await loadApiKeys(dir);
    expect(second).toEqual({ keys: first.keys, created: false });
  });

  it('keeps the other clients of the file and adds the local one', async () => {
    const shop = { client: 'shop', value: 's'.repeat(24), enabled: true, created_at: '2026-01-01T00:00:00Z' };
    await writeFile(path.join(dir, API_KEYS_FILE), JSON.stringify({ keys: [shop] }));
    const { keys } = await loadApiKeys(dir);
    expect(keys.map((key) => key.client)).toEqual(['shop', 'local']);
    expect(JSON.parse(await readFile(path.join(dir, API_KEYS_FILE), 'utf8')).keys[0]).toEqual(shop);
  });

  it('refuses a file it cannot read as keys, naming the file', async () => {
    await writeFile(path.join(dir, API_KEYS_FILE), JSON.stringify({ keys: [{ client: 'shop', value: 'short', enabled: true }] }));
    await expect(loadApiKeys(dir)).rejects.toThrow(StartupError);
    await writeFile(path.join(dir, API_KEYS_FILE), '{ not json');
    await expect(loadApiKeys(dir)).rejects.toThrow(API_KEYS_FILE);
  });
});

describe('the API key gate', () => {
  const keys = new ApiKeyRegistry([
    { client: 'shop', value: 'k'.repeat(40), enabled: true, created_at: '' },
    { client: 'gone', value: 'g'.repeat(40), enabled: false, created_at: '' },
  ]);

  it('answers INVALID_API_KEY for a missing, empty, unknown or disabled key on a method that requires one', () => {
    const gate = apiKeyGate(keys, new UsagePlans(() => HIGH));
    expect([undefined, '', 'k'.repeat(39), 'g'.repeat(40)].map((key) => gate(true, key))).toEqual(Array(4).fill('INVALID_API_KEY'));
    expect(gate(true, 'k'.repeat(40))).toBeUndefined();
  });

  it('lets a method without the requirement pass without a key and without counting it', () => {
    const gate = apiKeyGate(keys, new UsagePlans(() => ({ rateLimit: 1, burstLimit: 1, dailyQuota: 1 })));
    expect([1, 2, 3].map(() => gate(false, undefined))).toEqual([undefined, undefined, undefined]);
    expect(gate(true, 'k'.repeat(40))).toBeUndefined();
    expect(gate(true, 'k'.repeat(40))).toBe('QUOTA_EXCEEDED');
  });

  it("applies a client's own usage plan from api-keys.json, else the default plan", async () => {
    const own = { client: 'tiny', value: 't'.repeat(40), enabled: true, created_at: '', usage_plan: { rate_limit: 0.001, burst_limit: 1, daily_quota: 100 } };
    await writeFile(path.join(dir, API_KEYS_FILE), JSON.stringify({ keys: [own] }));
    const { gate, localKey, created } = await dataDirApiKeyGate(dir, HIGH);
    expect(created).toBe(true);
    expect([1, 2].map(() => gate(true, own.value))).toEqual([undefined, 'THROTTLED']);
    expect([1, 2, 3].map(() => gate(true, localKey))).toEqual([undefined, undefined, undefined]);
  });
});
