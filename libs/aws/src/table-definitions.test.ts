import { TABLES } from '@dofs/contracts';
import { createTableInput } from './table-definitions';

describe('tables from contracts/resources.json', () => {
  it('creates the orders table with its key and both GSIs, as Terraform declares it', () => {
    expect(createTableInput(TABLES.orders)).toEqual({
      TableName: 'orders',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'order_id', AttributeType: 'S' },
        { AttributeName: 'status', AttributeType: 'S' },
        { AttributeName: 'created_at', AttributeType: 'S' },
        { AttributeName: 'customer_id', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'order_id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'status-created_at-index',
          KeySchema: [
            { AttributeName: 'status', KeyType: 'HASH' },
            { AttributeName: 'created_at', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
        {
          IndexName: 'customer_id-created_at-index',
          KeySchema: [
            { AttributeName: 'customer_id', KeyType: 'HASH' },
            { AttributeName: 'created_at', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    });
    expect(createTableInput(TABLES.failed_orders).GlobalSecondaryIndexes?.map((i) => i.IndexName)).toEqual(['reason-failed_at-index']);
  });
});
