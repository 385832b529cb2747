import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from './startup-error';

/** The `secret:<name>` sources of the manifests that this runtime knows how to make. */
export const LOCAL_SECRET_NAMES = ['cursor_signing_key'] as const;

/**
 * A secret for a manifest's `secret:<name>` source: 32 random bytes made at the first start and
 * kept in the data dir (secrets/<name>, readable by the owner only), so that what it signs (GET
 * /orders cursors) stays valid across restarts, as the value Terraform makes once does on AWS.
 */
export async function loadOrCreateSecret(dataDir: string, name: string): Promise<string> {
  const file = path.join(dataDir, 'secrets', name);
  const existing = await readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw new StartupError(`Cannot read the local secret ${file}: ${error.message}`, { cause: error });
  });
  if (existing !== undefined && existing.trim().length >= 32) return existing.trim();
  const value = randomBytes(32).toString('base64url');
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await writeFile(file, `${value}\n`, { mode: 0o600 });
  return value;
}

export async function loadLocalSecrets(dataDir: string): Promise<Record<string, string>> {
  const entries = await Promise.all(LOCAL_SECRET_NAMES.map(async (name) => [name, await loadOrCreateSecret(dataDir, name)] as const));
  return Object.fromEntries(entries);
}
