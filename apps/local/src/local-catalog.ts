import { readdir } from 'node:fs/promises';
import { DEFAULTS, RESOURCES, TABLES } from '@dofs/contracts';
import { REGION, arns } from './aws-identity';
import type { FunctionManifest, SourceResolver } from './function-manifest';
import { type LocalSystemOptions } from '@dofs/local-client';
import { StartupError } from './startup-error';

const ASL_SUFFIX = '.asl.json';

/** What exists locally, by the names contracts/resources.json and the manifests use. */
export interface LocalCatalog {
  readonly functionArns: ReadonlyMap<string, string>;
  readonly queueUrls: Readonly<Record<string, string>>;
  readonly topicArns: Readonly<Record<string, string>>;
  readonly stateMachineArns: Readonly<Record<string, string>>;
  /** values of the manifests' `secret:<name>` sources, kept in the data dir (local-secrets.ts) */
  readonly secrets: Readonly<Record<string, string>>;
}

const withDashes = (name: string): string => name.replaceAll('_', '-');

/**
 * The catalog of this run: the manifests' functions, the created queues and topics, a state
 * machine per contracts/<name>.asl.json, and the data dir's secrets (loadLocalSecrets).
 */
export async function localCatalog(
  contractsDir: string,
  manifests: readonly FunctionManifest[],
  messaging: { readonly queueUrls: Readonly<Record<string, string>>; readonly topicArns: Readonly<Record<string, string>> },
  secrets: Readonly<Record<string, string>>,
): Promise<LocalCatalog> {
  const stateMachineNames = (await readdir(contractsDir))
    .filter((file) => file.endsWith(ASL_SUFFIX))
    .map((file) => file.slice(0, -ASL_SUFFIX.length));
  return {
    functionArns: new Map(manifests.map((manifest) => [manifest.app, arns.function(manifest.app)])),
    queueUrls: messaging.queueUrls,
    topicArns: messaging.topicArns,
    stateMachineArns: Object.fromEntries(stateMachineNames.map((name) => [name, arns.stateMachine(name)])),
    secrets,
  };
}

/** The alias name the contracts' `${function_alias}` stands for, as on AWS. */
const LOCAL_FUNCTION_ALIAS = 'live';

/** What a placeholder or a source names in the catalog: `queue:order_queue` is `${order_queue_url}`. */
type CatalogKind = 'table' | 'queue' | 'topic' | 'state_machine' | 'function';

/** The one lookup behind both spellings of a reference: a contract's placeholder and a manifest's source. */
function catalogValue(catalog: LocalCatalog, kind: CatalogKind, key: string): string | undefined {
  switch (kind) {
    case 'table':
      return TABLES[key as keyof typeof TABLES]?.name;
    case 'queue':
      return catalog.queueUrls[key];
    case 'topic':
      return catalog.topicArns[key];
    case 'state_machine':
      return catalog.stateMachineArns[key];
    case 'function':
      return catalog.functionArns.get(key);
  }
}

/**
 * The value of a Terraform placeholder in a contract (`${validator_function_arn}`,
 * `${order_queue_url}`, `${api_handler_invoke_arn}`), by the naming convention the contracts
 * follow, so that a new placeholder works without code here when it follows it.
 */
export function placeholderResolver(catalog: LocalCatalog): (name: string) => string | undefined {
  return (name) => {
    // On AWS the tasks invoke <function ARN>:live (the alias CodeDeploy shifts); locally each
    // function has one version, and the dispatcher calls it by name whatever the qualifier.
    if (name === 'function_alias') return LOCAL_FUNCTION_ALIAS;
    const [, base = '', suffix = ''] = /^(.+?)_(function_arn|function_name|invoke_arn|table_name|topic_arn|url|arn)$/.exec(name) ?? [];
    const functionArn = catalogValue(catalog, 'function', withDashes(base));
    switch (suffix) {
      case 'function_arn':
        return functionArn;
      case 'function_name':
        return functionArn ? withDashes(base) : undefined;
      case 'invoke_arn':
        return functionArn && `arn:aws:apigateway:${REGION}:lambda:path/2015-03-31/functions/${functionArn}/invocations`;
      case 'table_name':
        return catalogValue(catalog, 'table', base);
      case 'topic_arn':
        return catalogValue(catalog, 'topic', base);
      case 'url':
        return catalogValue(catalog, 'queue', base);
      case 'arn':
        if (catalogValue(catalog, 'queue', base)) return arns.queue(base);
        return catalogValue(catalog, 'topic', base) ?? catalogValue(catalog, 'state_machine', withDashes(base));
      default:
        return undefined;
    }
  };
}

/**
 * The value of a manifest environment `source`. Defaults come from contracts/resources.json,
 * overridden by the local settings of the same name; `none` sources have no value on AWS unless
 * set, and locally only when a DOFS_* setting feeds them.
 */
export function sourceResolver(catalog: LocalCatalog, options: LocalSystemOptions): SourceResolver {
  const localDefaults: Record<string, number> = {
    ...DEFAULTS,
    fulfillment_success_rate: options.successRate,
    max_receive_count: options.maxReceiveCount,
    dlq_alert_threshold: options.alertThreshold,
    dlq_alert_period_seconds: options.alertPeriodSeconds,
  };
  const unsetOnAws: Record<string, string | undefined> = { FULFILLMENT_SEED: options.seed };
  return (source, variable) => {
    const colon = source.indexOf(':');
    const kind = colon < 0 ? source : source.slice(0, colon);
    const key = colon < 0 ? '' : source.slice(colon + 1);
    switch (kind) {
      case 'table':
      case 'queue':
      case 'topic':
      case 'state_machine':
      case 'function':
        return catalogValue(catalog, kind, key);
      case 'default':
        return localDefaults[key] === undefined ? undefined : String(localDefaults[key]);
      case 'metrics':
        return key === 'namespace' ? RESOURCES.metrics.namespace : undefined;
      case 'none':
        return unsetOnAws[variable];
      case 'secret':
        return catalog.secrets[key];
      default:
        throw new StartupError(
          `Unknown environment source "${source}" for ${variable}: the local runtime does not know how to provide it.`,
        );
    }
  };
}
