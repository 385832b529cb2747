import { DynamoOrderStore, SfnOrderWorkflow, createDocumentClient, createLogger, createSfnClient } from '@dofs/aws';
import { systemClock } from '@dofs/domain';
import { loadConfig } from './config';
import { createApiHandler } from './handler';

// Wired once per cold start: warm invocations reuse the clients and their connections.
const config = loadConfig(process.env);

export const handler = createApiHandler({
  orders: new DynamoOrderStore(createDocumentClient(), config.ordersTableName),
  workflow: new SfnOrderWorkflow(createSfnClient({ endpointOverridden: config.sfnEndpointOverridden }), config.stateMachineArn),
  clock: systemClock,
  logger: createLogger('api-handler'),
});
