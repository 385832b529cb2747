import { DynamoOrderStore, createDocumentClient, createLogger } from '@dofs/aws';
import { loadConfig } from './config';
import { createOrderStorageHandler } from './handler';

const config = loadConfig(process.env);

export const handler = createOrderStorageHandler({
  orders: new DynamoOrderStore(createDocumentClient(), config.ordersTableName),
  logger: createLogger('order-storage'),
});
