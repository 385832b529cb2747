import type { AddressInfo } from 'node:net';
import {
  ConditionalCheckFailedException,
  CreateTableCommand,
  DeleteItemCommand,
  DynamoDBClient,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { alignDynaliteWithAws } from './dynalite-aws-answers';
import { untilTableActive } from './create-tables';

// Expected answers: LocalStack tests/aws/services/dynamodb/test_dynamodb.snapshot.json,
// test_return_values_on_conditions_check_failure (recorded on AWS): the failed DeleteItem's
// ConditionalCheckFailedException carries "Item", the item as it was.
describe('dynalite answers as DynamoDB does', () => {
  const server = dynalite({ createTableMs: 0 });
  let client: DynamoDBClient;
  const TableName = 'rvoccf';
  const item = { id: { S: '456' }, price: { N: '650' }, product: { S: 'sporting goods' } };
  const outOfRange = {
    ConditionExpression: 'price between :lo and :hi',
    ExpressionAttributeValues: { ':lo': { N: '500' }, ':hi': { N: '600' } },
  };

  beforeAll(async () => {
    alignDynaliteWithAws();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    client = new DynamoDBClient({ region: 'us-east-1', endpoint: `http://127.0.0.1:${port}`, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } });
    await client.send(
      new CreateTableCommand({
        TableName,
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
        BillingMode: 'PAY_PER_REQUEST',
      }),
    );
    await untilTableActive(client, TableName);
    await client.send(new PutItemCommand({ TableName, Item: item }));
  });

  afterAll(async () => {
    client.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const failure = (promise: Promise<unknown>): Promise<ConditionalCheckFailedException> =>
    promise.then(
      () => {
        throw new Error('the condition did not fail');
      },
      (error: unknown) => error as ConditionalCheckFailedException,
    );

  it('carries the old item with ALL_OLD, on DeleteItem, PutItem and UpdateItem', async () => {
    const deleted = await failure(
      client.send(new DeleteItemCommand({ TableName, Key: { id: { S: '456' } }, ...outOfRange, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
    );
    expect(deleted).toBeInstanceOf(ConditionalCheckFailedException);
    expect(deleted.Item).toEqual(item);
    const put = await failure(
      client.send(new PutItemCommand({ TableName, Item: { id: { S: '456' } }, ...outOfRange, ReturnValuesOnConditionCheckFailure: 'ALL_OLD' })),
    );
    expect(put.Item).toEqual(item);
    const updated = await failure(
      client.send(
        new UpdateItemCommand({
          TableName,
          Key: { id: { S: '456' } },
          UpdateExpression: 'SET product = :p',
          ...outOfRange,
          ExpressionAttributeValues: { ...outOfRange.ExpressionAttributeValues, ':p': { S: 'other' } },
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(updated.Item).toEqual(item);
  });

  it('carries no item without it, with NONE, or when there was no item', async () => {
    const without = await failure(client.send(new DeleteItemCommand({ TableName, Key: { id: { S: '456' } }, ...outOfRange })));
    expect(without.Item).toBeUndefined();
    const none = await failure(
      client.send(new DeleteItemCommand({ TableName, Key: { id: { S: '456' } }, ...outOfRange, ReturnValuesOnConditionCheckFailure: 'NONE' })),
    );
    expect(none.Item).toBeUndefined();
    const absent = await failure(
      client.send(
        new PutItemCommand({
          TableName,
          Item: { id: { S: 'new' } },
          ConditionExpression: 'attribute_exists(id)',
          ReturnValuesOnConditionCheckFailure: 'ALL_OLD',
        }),
      ),
    );
    expect(absent.Item).toBeUndefined();
  });

  it('words an unused expression attribute as DynamoDB does (moto test_update_item_unused_attributes, aws_verified)', async () => {
    const error = await client
      .send(
        new UpdateItemCommand({
          TableName,
          Key: { id: { S: '456' } },
          UpdateExpression: 'SET price = :p',
          ExpressionAttributeNames: { '#count': 'count' },
          ExpressionAttributeValues: { ':p': { N: '1' } },
        }),
      )
      .catch((e: unknown) => e as Error);
    expect(error).toMatchObject({
      name: 'ValidationException',
      message: '1 validation error detected: Value provided in ExpressionAttributeNames unused in expressions: keys: {#count}',
    });
    // a read words it without the prefix (test_get_item_unused_attribute_name, aws_verified)
    const read = await client
      .send(new GetItemCommand({ TableName, Key: { id: { S: '456' } }, ProjectionExpression: 'id', ExpressionAttributeNames: { '#count': 'count' } }))
      .catch((e: unknown) => e as Error);
    expect(read).toMatchObject({ name: 'ValidationException', message: 'Value provided in ExpressionAttributeNames unused in expressions: keys: {#count}' });
  });

  it('refuses a value outside the enum, as a validation error', async () => {
    const error = await client
      .send(new DeleteItemCommand({ TableName, Key: { id: { S: '456' } }, ReturnValuesOnConditionCheckFailure: 'ALL_NEW' as 'ALL_OLD' }))
      .catch((e: unknown) => e as Error);
    expect(error).toMatchObject({ name: 'ValidationException' });
  });
});
