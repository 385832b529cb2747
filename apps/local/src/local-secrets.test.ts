import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadLocalSecrets, loadOrCreateSecret } from './local-secrets';

describe('local secrets', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'dofs-secrets-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('makes 32 random bytes once, readable by the owner only, and gives the same value at the next start', async () => {
    const first = await loadOrCreateSecret(dir, 'cursor_signing_key');
    expect(first).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await stat(path.join(dir, 'secrets', 'cursor_signing_key'))).mode & 0o777).toBe(0o600);
    expect(await loadOrCreateSecret(dir, 'cursor_signing_key')).toBe(first);
    expect(await loadOrCreateSecret(await mkdtemp(path.join(tmpdir(), 'dofs-secrets-')), 'cursor_signing_key')).not.toBe(first);
  });

  it('replaces a value too short to be a key', async () => {
    await loadOrCreateSecret(dir, 'cursor_signing_key');
    await writeFile(path.join(dir, 'secrets', 'cursor_signing_key'), 'short\n');
    const value = await loadOrCreateSecret(dir, 'cursor_signing_key');
    expect(value).toHaveLength(43);
    expect((await readFile(path.join(dir, 'secrets', 'cursor_signing_key'), 'utf8')).trim()).toBe(value);
  });

  it('provides every secret the runtime knows', async () => {
    expect(Object.keys(await loadLocalSecrets(dir))).toEqual(['cursor_signing_key']);
  });
});
