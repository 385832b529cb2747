import { readFileSync } from 'node:fs';
import { rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';

/**
 * <data dir>/endpoints.json: how the CLI, the tests and a person find the running system.
 * The shape is an interface other projects read; change it only together with them.
 */
export interface LocalEndpoints {
  readonly api_url: string;
  /** the `local` client's API key (x-api-key), kept in <data dir>/api-keys.json */
  readonly api_key: string;
  /** the local web console (absent with DOFS_CONSOLE=0) */
  readonly console_url?: string;
  readonly data_dir: string;
  readonly region: string;
  readonly credentials: { readonly access_key_id: string; readonly secret_access_key: string };
  readonly endpoints: {
    readonly dynamodb: string;
    readonly sqs: string;
    readonly sns: string;
    readonly stepfunctions: string;
  };
  readonly tables: { readonly orders: string; readonly failed_orders: string };
  /** queue URLs */
  readonly queues: { readonly order_queue: string; readonly order_dlq: string };
  /** topic ARNs */
  readonly topics: { readonly alerts: string };
  /** state machine ARNs */
  readonly state_machines: { readonly 'order-workflow': string };
  readonly settings: {
    readonly max_receive_count: number;
    readonly visibility_timeout_s: number;
    readonly fulfillment_success_rate: number;
    readonly fulfillment_seed: string | null;
    readonly dlq_alert_threshold: number;
    /** the `local` client's usage plan */
    readonly usage_plan: { readonly rate_limit: number; readonly burst_limit: number; readonly daily_quota: number };
    /** the fault plan (DOFS_FAULTS, `none` when off) and its seed */
    readonly faults?: { readonly plan: string; readonly seed: string };
  };
  readonly pid: number;
  readonly started_at: string;
}

export const ENDPOINTS_FILE = 'endpoints.json';

export function endpointsPath(dataDir: string): string {
  return path.join(dataDir, ENDPOINTS_FILE);
}

/** Written whole or not at all (rename), so a reader never sees half a file. */
export async function writeEndpoints(dataDir: string, endpoints: LocalEndpoints): Promise<void> {
  const target = endpointsPath(dataDir);
  const temp = `${target}.${process.pid}.tmp`;
  await writeFile(temp, JSON.stringify(endpoints, null, 2) + '\n');
  await rename(temp, target);
}

/** An endpoints file that exists but is not one the runtime wrote. */
export class EndpointsFileError extends Error {
  override readonly name = 'EndpointsFileError';
}

const REQUIRED_KEYS = ['api_url', 'region', 'credentials', 'endpoints', 'tables', 'queues'] as const;

/**
 * The endpoints file `file` (an endpoints.json path), or undefined when there is none. A file
 * that is not JSON or lacks what the runtime writes is an EndpointsFileError naming the file.
 */
export function readEndpointsFile(file: string): LocalEndpoints | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new EndpointsFileError(`${file} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new EndpointsFileError(`${file} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
  const missing = REQUIRED_KEYS.filter((key) => typeof parsed !== 'object' || parsed === null || !(key in parsed));
  if (missing.length > 0) throw new EndpointsFileError(`${file} lacks ${missing.join(', ')}: was it written by the local runtime?`);
  return parsed as LocalEndpoints;
}

/** Removed on a clean stop: a present file names a running (or crashed) system. */
export async function removeEndpoints(dataDir: string): Promise<void> {
  await rm(endpointsPath(dataDir), { force: true });
}

/** SDK client settings for one service of the running system the endpoints file describes. */
export function localClientConfig(
  endpoints: LocalEndpoints,
  service: keyof LocalEndpoints['endpoints'],
): { region: string; endpoint: string; credentials: { accessKeyId: string; secretAccessKey: string }; maxAttempts: number } {
  const { access_key_id: accessKeyId, secret_access_key: secretAccessKey } = endpoints.credentials;
  // Few retries: locally a failing call is a bug to see, not congestion to ride out.
  return { region: endpoints.region, endpoint: endpoints.endpoints[service], credentials: { accessKeyId, secretAccessKey }, maxAttempts: 2 };
}
