import {
  CreateTableCommand,
  DeleteItemCommand,
  GetItemCommand,
  PutItemCommand,
  QueryCommand,
  UpdateItemCommand,
  type AttributeValue,
  type CreateTableCommandInput,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';
import { untilTableActive } from '../../../src/dynamodb/create-tables';
import type { Json } from '../support/compare';
import { plain } from '../support/observe';
import type { ParityContext } from '../support/parity-system';
import type { Scenario } from '../support/scenario';

const LS = 'LocalStack tests/aws/services/dynamodb/test_dynamodb.py::TestDynamoDB';
const MOTO_QUERY = 'moto tests/test_dynamodb/test_dynamodb_query.py';
const MOTO_ERRORS = 'moto tests/test_dynamodb/exceptions/test_dynamodb_exceptions.py';
const API = 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference';

type Item = Record<string, AttributeValue>;

/** A table of its own: `pk` (S) and, as moto's aws_verified tests build it, optionally a GSI `test_gsi`. */
async function table(context: ParityContext, gsi: 'none' | 'hash' | 'numeric-range' = 'none'): Promise<string> {
  const TableName = context.unique('parity');
  const input: CreateTableCommandInput = {
    TableName,
    BillingMode: 'PAY_PER_REQUEST',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
  };
  if (gsi !== 'none') {
    input.AttributeDefinitions?.push({ AttributeName: 'gsi_pk', AttributeType: 'S' });
    const KeySchema = [{ AttributeName: 'gsi_pk', KeyType: 'HASH' as const }];
    if (gsi === 'numeric-range') {
      input.AttributeDefinitions?.push({ AttributeName: 'gsi_sk', AttributeType: 'N' });
      KeySchema.push({ AttributeName: 'gsi_sk', KeyType: 'RANGE' as never });
    }
    input.GlobalSecondaryIndexes = [{ IndexName: 'test_gsi', KeySchema, Projection: { ProjectionType: 'ALL' } }];
  }
  await context.dynamodb.send(new CreateTableCommand(input));
  await untilTableActive(context.dynamodb, TableName);
  return TableName;
}

/** The error a program sees: status, name, message, and the Item it carries (ReturnValuesOnConditionCheckFailure). */
async function conditionFailure(call: () => Promise<unknown>): Promise<Json> {
  try {
    await call();
    return { error: null };
  } catch (caught) {
    const error = caught as Error & { $metadata?: { httpStatusCode?: number }; Item?: Item };
    return { status: error.$metadata?.httpStatusCode ?? null, name: error.name, message: error.message, Item: (error.Item ?? null) as Json };
  }
}

const PRODUCT: Item = { pk: { S: '456' }, price: { N: '650' }, product: { S: 'sporting goods' } };
const FAILED_WITH_ITEM = { status: 400, name: 'ConditionalCheckFailedException', message: 'The conditional request failed', Item: PRODUCT as unknown as Json };
const RVOCCF_SOURCE = `${LS}::test_return_values_on_conditions_check_failure (DeleteItem), recorded 08-10-2025`;

function failedCondition(operation: 'PutItem' | 'UpdateItem' | 'DeleteItem', withItem: boolean): Scenario {
  const condition = { ConditionExpression: 'price between :lo and :hi', ExpressionAttributeValues: { ':lo': { N: '500' }, ':hi': { N: '600' } } };
  const extra = withItem ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' as const } : {};
  return {
    id: `dynamodb.${operation}.condition-failed${withItem ? '-return-all-old' : ''}`,
    service: 'dynamodb',
    operation,
    name: withItem
      ? 'a failed condition with ReturnValuesOnConditionCheckFailure ALL_OLD carries the item'
      : 'a failed condition without ReturnValuesOnConditionCheckFailure carries no item',
    source:
      operation === 'DeleteItem' && withItem
        ? RVOCCF_SOURCE
        : `the error recorded in ${RVOCCF_SOURCE}; for ${operation}${withItem ? '' : ' without the parameter'} not recorded, AWS documentation: ${API}/API_${operation}.html (ReturnValuesOnConditionCheckFailure)`,
    expected: withItem ? FAILED_WITH_ITEM : { ...FAILED_WITH_ITEM, Item: null },
    async run(context) {
      const TableName = await table(context);
      await context.dynamodb.send(new PutItemCommand({ TableName, Item: PRODUCT }));
      const Key = { pk: { S: '456' } };
      if (operation === 'PutItem') return conditionFailure(() => context.dynamodb.send(new PutItemCommand({ TableName, Item: { ...PRODUCT, price: { N: '1' } }, ...condition, ...extra })));
      if (operation === 'DeleteItem') return conditionFailure(() => context.dynamodb.send(new DeleteItemCommand({ TableName, Key, ...condition, ...extra })));
      return conditionFailure(() =>
        context.dynamodb.send(
          new UpdateItemCommand({ TableName, Key, UpdateExpression: 'SET price = :p', ...condition, ExpressionAttributeValues: { ...condition.ExpressionAttributeValues, ':p': { N: '1' } }, ...extra }),
        ),
      );
    },
  };
}

async function validation(context: ParityContext, input: Omit<QueryCommandInput, 'TableName'>, gsi: 'hash' | 'none' = 'hash'): Promise<Json> {
  const TableName = await table(context, gsi);
  const answer = (await conditionFailure(() => context.dynamodb.send(new QueryCommand({ TableName, ...input })))) as Record<string, Json>;
  return answer['error'] === null ? answer : { status: answer['status'] ?? null, name: answer['name'] ?? null, message: answer['message'] ?? null };
}

const validationError = (message: string): Json => ({ status: 400, name: 'ValidationException', message });

function queryValidation(id: string, name: string, source: string, message: string, input: Omit<QueryCommandInput, 'TableName'>): Scenario {
  return { id: `dynamodb.Query.${id}`, service: 'dynamodb', operation: 'Query', name, source, expected: validationError(message), run: (context) => validation(context, input) };
}

/** moto's test_query_gsi_pagination: five items of gsi_pk "b" among others, read in pages of 2. */
async function gsiPages(context: ParityContext): Promise<Json> {
  const TableName = await table(context, 'hash');
  const put = (pk: string, gsi: string) => context.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: pk }, gsi_pk: { S: gsi } } }));
  for (let i = 3; i < 7; i++) await put(`pk${i}`, 'a');
  for (let i = 11; i > 6; i--) await put(`pk${i}`, 'b');
  for (let i = 0; i < 3; i++) await put(`pk${i}`, 'c');
  const sizes: number[] = [];
  const seen: string[] = [];
  let firstKeyNames: string[] = [];
  let ExclusiveStartKey: Item | undefined;
  do {
    const page = await context.dynamodb.send(
      new QueryCommand({ TableName, IndexName: 'test_gsi', KeyConditionExpression: 'gsi_pk = :b', ExpressionAttributeValues: { ':b': { S: 'b' } }, Limit: 2, ExclusiveStartKey }),
    );
    sizes.push(page.Items?.length ?? 0);
    seen.push(...(page.Items ?? []).map((item) => item['pk']?.S ?? '?'));
    if (sizes.length === 1) firstKeyNames = Object.keys(page.LastEvaluatedKey ?? {}).sort();
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey && sizes.length < 10);
  return { pageSizes: sizes, items: seen.sort(), lastEvaluatedKeyNames: firstKeyNames };
}

async function gsiOrder(context: ParityContext, forward: boolean): Promise<Json> {
  const TableName = await table(context, 'numeric-range');
  for (const [pk, sk] of [['pk-3', '0.7'], ['pk-1', '-0.6'], ['pk-2', '-0.7']] as const) {
    await context.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: pk }, gsi_pk: { S: 'gsi-k1' }, gsi_sk: { N: sk } } }));
  }
  const { Items = [] } = await context.dynamodb.send(
    new QueryCommand({ TableName, IndexName: 'test_gsi', KeyConditionExpression: 'gsi_pk = :k', ExpressionAttributeValues: { ':k': { S: 'gsi-k1' } }, ScanIndexForward: forward }),
  );
  return Items.map((item) => Number(item['gsi_sk']?.N));
}

export const dynamodbScenarios: readonly Scenario[] = [
  failedCondition('DeleteItem', true),
  failedCondition('PutItem', true),
  failedCondition('UpdateItem', true),
  failedCondition('PutItem', false),
  {
    id: 'dynamodb.PutItem.attribute-not-exists-duplicate',
    service: 'dynamodb',
    operation: 'PutItem',
    name: 'a second put with attribute_not_exists(pk) (an idempotent create) is ConditionalCheckFailedException, with no item',
    source: `the error recorded in ${RVOCCF_SOURCE}; the condition: ${API}/API_PutItem.html#DDB-PutItem-request-ConditionExpression`,
    expected: { ...FAILED_WITH_ITEM, Item: null },
    async run(context) {
      const TableName = await table(context);
      const put = () => context.dynamodb.send(new PutItemCommand({ TableName, Item: PRODUCT, ConditionExpression: 'attribute_not_exists(pk)' }));
      await put();
      return conditionFailure(put);
    },
  },
  {
    id: 'dynamodb.GetItem.missing-item',
    service: 'dynamodb',
    operation: 'GetItem',
    name: 'a key with no item answers no Item element at all',
    source: `not recorded in the references; AWS documentation: "If there is no matching item, GetItem does not return any data and there will be no Item element in the response." (${API}/API_GetItem.html)`,
    expected: {},
    async run(context) {
      const TableName = await table(context);
      return plain(await context.dynamodb.send(new GetItemCommand({ TableName, Key: { pk: { S: 'nothing here' } }, ConsistentRead: true })));
    },
  },
  {
    id: 'dynamodb.PutItem.return-values-all-old',
    service: 'dynamodb',
    operation: 'PutItem',
    name: 'ReturnValues ALL_OLD answers the replaced item, and nothing for a new one',
    source: `${LS}::test_return_values_in_put_item (PutFirstItemOLD, PutSecondItem), recorded 08-10-2025`,
    expected: { replaced: { Attributes: { data: { S: 'foobar' }, pk: { S: 'id1' } } }, created: {} },
    async run(context) {
      const TableName = await table(context);
      const Item = { pk: { S: 'id1' }, data: { S: 'foobar' } };
      await context.dynamodb.send(new PutItemCommand({ TableName, Item }));
      const replaced = plain(await context.dynamodb.send(new PutItemCommand({ TableName, Item, ReturnValues: 'ALL_OLD' })));
      const created = plain(await context.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'id2' } }, ReturnValues: 'ALL_OLD' })));
      return { replaced, created };
    },
  },
  {
    id: 'dynamodb.UpdateItem.return-values',
    service: 'dynamodb',
    operation: 'UpdateItem',
    name: 'ReturnValues UPDATED_NEW answers only the updated attributes, ALL_NEW the whole item after the update',
    source: `not recorded in the references (${LS}::test_dynamodb_stream_stream_view_type makes such an update but records only the stream); AWS documentation: ${API}/API_UpdateItem.html#DDB-UpdateItem-request-ReturnValues`,
    expected: {
      updatedNew: { Attributes: { S: { S: 'Fred_Modified' } } },
      allNew: { Attributes: { pk: { S: 'Fred' }, S: { S: 'Fred_Again' }, other: { N: '1' } } },
    },
    async run(context) {
      const TableName = await table(context);
      const Key = { pk: { S: 'Fred' } };
      await context.dynamodb.send(new PutItemCommand({ TableName, Item: { ...Key, other: { N: '1' } } }));
      const update = (value: string, ReturnValues: 'UPDATED_NEW' | 'ALL_NEW') =>
        context.dynamodb.send(new UpdateItemCommand({ TableName, Key, UpdateExpression: 'set S=:r', ExpressionAttributeValues: { ':r': { S: value } }, ReturnValues }));
      return { updatedNew: plain(await update('Fred_Modified', 'UPDATED_NEW')), allNew: plain(await update('Fred_Again', 'ALL_NEW')) };
    },
  },
  {
    id: 'dynamodb.Query.gsi-pages',
    service: 'dynamodb',
    operation: 'Query',
    name: 'a GSI read with Limit 2 and ExclusiveStartKey: pages of 2, 2, 1; the key holds the index and table keys',
    source: `${MOTO_QUERY}::test_query_gsi_pagination (aws_verified); the LastEvaluatedKey of an index query: ${API}/API_Query.html#DDB-Query-response-LastEvaluatedKey`,
    expected: { pageSizes: [2, 2, 1], items: ['pk10', 'pk11', 'pk7', 'pk8', 'pk9'], lastEvaluatedKeyNames: ['gsi_pk', 'pk'] },
    run: gsiPages,
  },
  {
    id: 'dynamodb.Query.gsi-numeric-order',
    service: 'dynamodb',
    operation: 'Query',
    name: 'a GSI with a numeric range key answers in numeric order, negative numbers first',
    source: `${MOTO_QUERY}::test_gsi_verify_negative_number_order (aws_verified)`,
    expected: [-0.7, -0.6, 0.7],
    run: (context) => gsiOrder(context, true),
  },
  {
    id: 'dynamodb.Query.gsi-scan-index-forward-false',
    service: 'dynamodb',
    operation: 'Query',
    name: 'ScanIndexForward false on a GSI answers in descending order',
    source: `the items of ${MOTO_QUERY}::test_gsi_verify_negative_number_order; descending order not recorded, AWS documentation: ${API}/API_Query.html#DDB-Query-request-ScanIndexForward`,
    expected: [0.7, -0.6, -0.7],
    run: (context) => gsiOrder(context, false),
  },
  queryValidation(
    'missing-table-key',
    'a key condition on an attribute that is not the table key is ValidationException',
    `${MOTO_ERRORS}::test_query_table_with_wrong_attrs_used_in_key_condition_expression (aws_verified)`,
    'Query condition missed key schema element: pk',
    { KeyConditionExpression: 'wrongName = :pk', ExpressionAttributeValues: { ':pk': { S: 'pk' } } },
  ),
  queryValidation(
    'table-key-on-index',
    "the table's key on the GSI is ValidationException naming the index key",
    `${MOTO_ERRORS}::test_query_table_with_wrong_attrs_used_in_key_condition_expression (aws_verified)`,
    'Query condition missed key schema element: gsi_pk',
    { IndexName: 'test_gsi', KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'pk' } } },
  ),
  queryValidation(
    'empty-projection-expression',
    'an empty ProjectionExpression is ValidationException',
    `${MOTO_ERRORS}::test_query_with_empty_filter_expression (aws_verified)`,
    'Invalid ProjectionExpression: The expression can not be empty;',
    { KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: 'pk' } }, ProjectionExpression: '' },
  ),
  queryValidation(
    'unused-attribute-name',
    'an ExpressionAttributeNames entry no expression uses is ValidationException',
    `${MOTO_ERRORS}::test_query_unused_attribute_name (aws_verified; AWS answers this message about nine times in ten)`,
    'Value provided in ExpressionAttributeNames unused in expressions: keys: {#count}',
    { KeyConditionExpression: '#0 = :v', ExpressionAttributeNames: { '#0': 'pk', '#count': 'count' }, ExpressionAttributeValues: { ':v': { S: 'x' } } },
  ),
  {
    id: 'dynamodb.UpdateItem.unused-attribute-name',
    service: 'dynamodb',
    operation: 'UpdateItem',
    name: 'an ExpressionAttributeNames entry the update does not use is ValidationException',
    source: `${MOTO_ERRORS}::test_update_item_unused_attributes (aws_verified)`,
    expected: validationError('1 validation error detected: Value provided in ExpressionAttributeNames unused in expressions: keys: {#count}'),
    async run(context) {
      const TableName = await table(context);
      await context.dynamodb.send(new PutItemCommand({ TableName, Item: { pk: { S: 'pk1' }, spec: { M: {} }, am: { N: '0' } } }));
      const answer = (await conditionFailure(() =>
        context.dynamodb.send(
          new UpdateItemCommand({
            TableName,
            Key: { pk: { S: 'pk1' } },
            UpdateExpression: 'SET spec.#limit = :limit',
            ExpressionAttributeNames: { '#count': 'count', '#limit': 'limit' },
            ExpressionAttributeValues: { ':limit': { S: 'limit' } },
          }),
        ),
      )) as Record<string, Json>;
      return answer['error'] === null ? answer : { status: answer['status'] ?? null, name: answer['name'] ?? null, message: answer['message'] ?? null };
    },
  },
];
