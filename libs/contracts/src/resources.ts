import resources from '../../../contracts/resources.json';

/**
 * Table and queue definitions and tunable defaults shared with the local runtime and Terraform
 * (contracts/resources.json).
 */
export const RESOURCES = resources;

export interface KeyAttribute {
  readonly name: string;
  readonly type: 'S' | 'N' | 'B';
}

export interface TableDefinition {
  readonly name: string;
  readonly hash_key: KeyAttribute;
  readonly range_key?: KeyAttribute;
  readonly global_secondary_indexes: readonly {
    readonly name: string;
    readonly hash_key: KeyAttribute;
    readonly range_key?: KeyAttribute;
    readonly projection: 'ALL' | 'KEYS_ONLY';
  }[];
}

export const TABLES = resources.tables as Readonly<Record<'orders' | 'failed_orders', TableDefinition>>;
export const DEFAULTS = resources.defaults;
