import { DynamoOrderStore, createDocumentClient, createLogger } from '@dofs/aws';
import { createFulfillmentSimulator, systemClock } from '@dofs/domain';
import { loadConfig } from './config';
import { createFulfillOrderHandler } from './handler';

const config = loadConfig(process.env);

export const handler = createFulfillOrderHandler({
  orders: new DynamoOrderStore(createDocumentClient(), config.ordersTableName),
  simulator: createFulfillmentSimulator({ successRate: config.successRate, seed: config.seed }),
  clock: systemClock,
  maxAttempts: config.maxAttempts,
  logger: createLogger('fulfill-order'),
});
