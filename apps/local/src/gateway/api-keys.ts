import { createHash, randomInt, timingSafeEqual } from 'node:crypto';
import { readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from '../startup-error';

/** One client's key, as API Gateway keeps an aws_api_gateway_api_key: a name, a value, enabled. */
export interface ApiKeyRecord {
  readonly client: string;
  readonly value: string;
  readonly enabled: boolean;
  readonly created_at: string;
  /** this client's own usage plan; the DOFS_USAGE_PLAN_* settings when absent */
  readonly usage_plan?: { readonly rate_limit: number; readonly burst_limit: number; readonly daily_quota: number };
}

interface ApiKeysFile {
  readonly keys: readonly ApiKeyRecord[];
}

export const API_KEYS_FILE = 'api-keys.json';
/** The client `npm start` creates a key for on first start. */
export const LOCAL_CLIENT = 'local';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * 40 letters and digits (about 238 bits), like the keys API Gateway generates (it accepts 20 to
 * 128 characters); no '-' to be mistaken for a command-line flag.
 */
export function newApiKeyValue(): string {
  return Array.from({ length: 40 }, () => ALPHABET.charAt(randomInt(ALPHABET.length))).join('');
}

/**
 * The keys of a data dir, in <data dir>/api-keys.json (mode 0600): created with a key for the
 * `local` client on first start, then kept, so a key written into a script stays valid across
 * restarts. Rotating is deleting the file (or the entry) and starting again.
 */
export async function loadApiKeys(dataDir: string): Promise<{ readonly keys: readonly ApiKeyRecord[]; readonly created: boolean }> {
  const file = path.join(dataDir, API_KEYS_FILE);
  let text: string | undefined;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  const existing = text === undefined ? [] : parseKeysFile(text, file).keys;
  if (existing.some((key) => key.client === LOCAL_CLIENT)) return { keys: existing, created: false };
  const keys = [...existing, { client: LOCAL_CLIENT, value: newApiKeyValue(), enabled: true, created_at: new Date().toISOString() }];
  const temp = `${file}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify({ keys }, null, 2) + '\n', { mode: 0o600 });
  await rename(temp, file);
  return { keys, created: true };
}

function parseKeysFile(text: string, file: string): ApiKeysFile {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StartupError(`${file} is not valid JSON (${(error as Error).message}): fix it, or delete it to get a new key.`);
  }
  const keys = (parsed as Partial<ApiKeysFile> | null)?.keys;
  const valid =
    Array.isArray(keys) &&
    keys.every(
      (key: Partial<ApiKeyRecord>) =>
        typeof key.client === 'string' &&
        typeof key.value === 'string' &&
        key.value.length >= 20 &&
        typeof key.enabled === 'boolean' &&
        (key.usage_plan === undefined || [key.usage_plan.rate_limit, key.usage_plan.burst_limit, key.usage_plan.daily_quota].every((n) => typeof n === 'number' && n > 0)),
    );
  if (!valid) throw new StartupError(`${file} must be {"keys":[{"client","value" (20+ characters),"enabled","created_at","usage_plan"?: {"rate_limit","burst_limit","daily_quota"} (each > 0)}]}: fix it, or delete it to get a new key.`);
  return { keys: keys as ApiKeyRecord[] };
}

/**
 * Finds the client of a presented key. Keys are compared as SHA-256 digests in constant time, so
 * the time an answer takes says nothing about how much of a key was right.
 */
export class ApiKeyRegistry {
  private readonly digests: readonly { readonly digest: Buffer; readonly client: string }[];

  constructor(keys: readonly ApiKeyRecord[]) {
    this.digests = keys.filter((key) => key.enabled).map((key) => ({ digest: digest(key.value), client: key.client }));
  }

  clientOf(presented: string | undefined): string | undefined {
    if (presented === undefined || presented === '') return undefined;
    const candidate = digest(presented);
    let found: string | undefined;
    for (const entry of this.digests) if (timingSafeEqual(entry.digest, candidate)) found = entry.client;
    return found;
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();
