import { readFile, rename, rm, writeFile } from 'node:fs/promises';
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

export async function readEndpoints(dataDir: string): Promise<LocalEndpoints | undefined> {
  try {
    return JSON.parse(await readFile(endpointsPath(dataDir), 'utf8')) as LocalEndpoints;
  } catch {
    return undefined;
  }
}

/** Removed on a clean stop: a present file names a running (or crashed) system. */
export async function removeEndpoints(dataDir: string): Promise<void> {
  await rm(endpointsPath(dataDir), { force: true });
}
