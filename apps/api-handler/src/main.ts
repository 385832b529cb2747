import { DynamoOrderStore, SfnOrderWorkflow, createDocumentClient, createLogger, createSfnClient } from '@dofs/aws';
import { OrderCursors, systemClock } from '@dofs/domain';
import { loadConfig } from './config';
import { createApiHandler } from './handler';

// Wired once per cold start: warm invocations reuse the clients and their connections.
const config = loadConfig(process.env);

export const handler = createApiHandler({
  orders: new DynamoOrderStore(createDocumentClient(), config.ordersTableName),
  cursors: new OrderCursors(config.cursorSigningKey, systemClock),
  workflow: new SfnOrderWorkflow(createSfnClient({ endpointOverridden: config.sfnEndpointOverridden }), config.stateMachineArn),
  clock: systemClock,
  logger: createLogger('api-handler'),
});
