import type { CreateTableCommandInput } from '@aws-sdk/client-dynamodb';
import type { TableDefinition } from '@dofs/contracts';

/**
 * The CreateTable input for a table of contracts/resources.json: the same keys and indexes that
 * Terraform creates on AWS, for the local runtime and the integration tests.
 */
export function createTableInput(definition: TableDefinition, tableName = definition.name): CreateTableCommandInput {
  const attributes = new Map<string, 'S' | 'N' | 'B'>();
  const keySchema = (hash: TableDefinition['hash_key'], range?: TableDefinition['hash_key']) => {
    attributes.set(hash.name, hash.type);
    if (range) attributes.set(range.name, range.type);
    return [
      { AttributeName: hash.name, KeyType: 'HASH' as const },
      ...(range ? [{ AttributeName: range.name, KeyType: 'RANGE' as const }] : []),
    ];
  };
  const KeySchema = keySchema(definition.hash_key, definition.range_key);
  const indexes = definition.global_secondary_indexes.map((index) => ({
    IndexName: index.name,
    KeySchema: keySchema(index.hash_key, index.range_key),
    Projection: { ProjectionType: index.projection },
  }));
  return {
    TableName: tableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema,
    AttributeDefinitions: [...attributes].map(([AttributeName, AttributeType]) => ({ AttributeName, AttributeType })),
    ...(indexes.length > 0 ? { GlobalSecondaryIndexes: indexes } : {}),
  };
}
