import { CreateTableCommand, DescribeTableCommand, ResourceNotFoundException, type DynamoDBClient, type TableDescription } from '@aws-sdk/client-dynamodb';
import { createTableInput } from '@dofs/aws';
import type { TableDefinition } from '@dofs/contracts';
import { StartupError } from '../startup-error';

/** A comparable summary of keys and indexes, to tell a table kept on disk from today's definition. */
function shape(
  keys: { AttributeName?: string; KeyType?: string }[] | undefined,
  indexes: { IndexName?: string; KeySchema?: { AttributeName?: string; KeyType?: string }[] }[] | undefined,
): string {
  const k = (list: typeof keys) => (list ?? []).map((e) => `${e.AttributeName}:${e.KeyType}`).join(',');
  const i = (indexes ?? []).map((index) => `${index.IndexName}(${k(index.KeySchema)})`).sort();
  return `${k(keys)} | ${i.join(' ')}`;
}

async function describe(client: DynamoDBClient, name: string): Promise<TableDescription | undefined> {
  try {
    return (await client.send(new DescribeTableCommand({ TableName: name }))).Table;
  } catch (error) {
    if (error instanceof ResourceNotFoundException) return undefined;
    throw error;
  }
}

/**
 * Resolves once DescribeTable says ACTIVE, as a program must wait on AWS (Terraform's
 * aws_dynamodb_table does): CreateTable answers CREATING, and an item request before ACTIVE gets
 * ResourceNotFoundException. dynalite turns a table ACTIVE on a timer of 0 ms (dynalite-server.ts),
 * which a request on a busy thread can beat.
 */
export async function untilTableActive(client: DynamoDBClient, name: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = (await describe(client, name))?.TableStatus;
    if (status === 'ACTIVE') return;
    if (Date.now() > deadline) throw new Error(`the table ${name} is ${status ?? 'missing'} ${timeoutMs / 1000} s after CreateTable`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/**
 * Creates each table that does not exist yet, and answers once every one is ACTIVE. A table kept from an earlier run must have the
 * keys and indexes of today's definition; if not, the data dir predates a contract change.
 */
export async function ensureTables(client: DynamoDBClient, tables: readonly TableDefinition[]): Promise<void> {
  for (const table of tables) {
    const wanted = createTableInput(table);
    const existing = await describe(client, table.name);
    if (!existing) {
      await client.send(new CreateTableCommand(wanted));
      await untilTableActive(client, table.name);
      continue;
    }
    const have = shape(existing.KeySchema, existing.GlobalSecondaryIndexes);
    const want = shape(wanted.KeySchema, wanted.GlobalSecondaryIndexes);
    if (have !== want) {
      throw new StartupError(
        `The table ${table.name} in the data dir does not match contracts/resources.json (has ${have}; expected ${want}). ` +
          'It was created by an older version: move the data dir away, or set DOFS_DATA_DIR to another path.',
      );
    }
  }
}
