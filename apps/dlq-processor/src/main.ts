import { Metrics } from '@aws-lambda-powertools/metrics';
import { RESOURCES } from '@dofs/contracts';
import { DynamoFailedOrderStore, DynamoOrderStore, createDocumentClient, createLogger } from '@dofs/aws';
import { systemClock } from '@dofs/domain';
import { loadConfig } from './config';
import { createDlqProcessorHandler } from './handler';

const config = loadConfig(process.env);
const documentClient = createDocumentClient();

export const handler = createDlqProcessorHandler({
  orders: new DynamoOrderStore(documentClient, config.ordersTableName),
  failedOrders: new DynamoFailedOrderStore(documentClient, config.failedOrdersTableName),
  clock: systemClock,
  logger: createLogger('dlq-processor'),
  metrics: new Metrics({ namespace: config.metricsNamespace, serviceName: RESOURCES.metrics.failed_orders.service_dimension }),
});
