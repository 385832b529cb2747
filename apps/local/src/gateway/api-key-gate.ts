import type { RuntimeContext } from '../runtime-context';
import { API_KEYS_FILE, ApiKeyRegistry, loadApiKeys, LOCAL_CLIENT } from './api-keys';
import { UsagePlans, type UsagePlan } from './usage-plans';

export type GateRefusal = 'INVALID_API_KEY' | 'THROTTLED' | 'QUOTA_EXCEEDED';

/**
 * What API Gateway does before request validation on a method with `security: api_key`: a
 * missing or unknown x-api-key is INVALID_API_KEY (403), then the key's usage plan may refuse
 * (429). Methods without the requirement (GET /health, the CORS preflights) pass untouched.
 */
export function apiKeyGate(keys: ApiKeyRegistry, plans: UsagePlans) {
  return (apiKeyRequired: boolean, presentedKey: string | undefined): GateRefusal | undefined => {
    if (!apiKeyRequired) return undefined;
    const client = keys.clientOf(presentedKey);
    if (client === undefined) return 'INVALID_API_KEY';
    return plans.admit(client);
  };
}

export type ApiKeyGate = ReturnType<typeof apiKeyGate>;

/**
 * The gate of a data dir: its keys (the `local` client's created on first start) and their usage
 * plans, each client's own from api-keys.json or else `defaultPlan` (the DOFS_USAGE_PLAN_* settings).
 */
export async function dataDirApiKeyGate(
  dataDir: string,
  defaultPlan: UsagePlan,
): Promise<{ readonly gate: ApiKeyGate; readonly localKey: string; readonly created: boolean }> {
  const { keys, created } = await loadApiKeys(dataDir);
  const ownPlans = new Map<string, UsagePlan>();
  for (const key of keys) {
    if (key.usage_plan) ownPlans.set(key.client, { rateLimit: key.usage_plan.rate_limit, burstLimit: key.usage_plan.burst_limit, dailyQuota: key.usage_plan.daily_quota });
  }
  const gate = apiKeyGate(new ApiKeyRegistry(keys), new UsagePlans((client) => ownPlans.get(client) ?? defaultPlan));
  return { gate, localKey: keys.find((key) => key.client === LOCAL_CLIENT)?.value ?? '', created };
}

export interface LocalApiKeys {
  readonly gate: ApiKeyGate;
  /** the `local` client's key (endpoints.json's api_key) */
  readonly localKey: string;
  /** the default plan, from the DOFS_USAGE_PLAN_* settings */
  readonly usagePlan: UsagePlan;
}

/** The gate of this run's data dir, its default plan from the settings; says when it made the local key. */
export async function loadApiKeyGate({ options, dataDir, note }: Pick<RuntimeContext, 'options' | 'dataDir' | 'note'>): Promise<LocalApiKeys> {
  const usagePlan = { rateLimit: options.usagePlanRateLimit, burstLimit: options.usagePlanBurstLimit, dailyQuota: options.usagePlanDailyQuota };
  const { gate, localKey, created } = await dataDirApiKeyGate(dataDir.root, usagePlan);
  if (created) note(`created an API key for the local client in ${dataDir.root}/${API_KEYS_FILE}`);
  return { gate, localKey, usagePlan };
}
