import type { APIGatewayProxyEvent, APIGatewayProxyResult, Context } from 'aws-lambda';
import { withLambdaContext, type Logger } from '@dofs/aws';
import { getOrder, listOrders, submitOrder, type Clock, type OrderCursors, type OrderQuery, type OrderStore, type OrderWorkflow } from '@dofs/domain';
import { toHttpFailure } from './error-mapper';
import { HttpError } from './http-error';
import {
  lowerCaseHeaders,
  readCorrelationId,
  readCreateOrderRequest,
  readIdempotencyKey,
  readOrderId,
  readOrderListRequest,
  type LowerCaseHeaders,
} from './request';
import { errorBody, json } from './responses';

export interface ApiHandlerDeps {
  readonly orders: OrderStore & OrderQuery;
  readonly cursors: OrderCursors;
  readonly workflow: OrderWorkflow;
  readonly clock: Clock;
  readonly logger: Logger;
}

interface Request {
  readonly event: APIGatewayProxyEvent;
  readonly headers: LowerCaseHeaders;
  readonly correlationId: string;
}

type Route = (deps: ApiHandlerDeps, request: Request) => Promise<APIGatewayProxyResult>;

const routes: Readonly<Record<string, Route>> = {
  'POST /order': async ({ workflow, clock, logger }, { event, headers, correlationId }) => {
    const idempotencyKey = readIdempotencyKey(headers);
    const request = readCreateOrderRequest(event, headers);
    const { order, replayed } = await submitOrder({ workflow, clock }, { request, idempotencyKey, correlationId });
    logger.appendKeys({ order_id: order.order_id });
    logger.info(replayed ? 'Order request replayed' : 'Order accepted', { replayed, total_amount: order.total_amount });
    return json(201, order, { Location: `/order/${order.order_id}`, 'Idempotent-Replayed': String(replayed) });
  },
  'GET /order/{order_id}': async ({ orders, logger }, { event }) => {
    const orderId = readOrderId(event);
    logger.appendKeys({ order_id: orderId });
    return json(200, await getOrder(orders, orderId));
  },
  'GET /orders': async ({ orders, cursors, logger }, { event }) => {
    const { query, cursor } = readOrderListRequest(event);
    const page = await listOrders({ orders, cursors }, query, cursor);
    logger.info('Orders listed', { by: query.select.by, count: page.items.length, more: page.next_cursor !== undefined });
    return json(200, page);
  },
  'GET /health': async () => json(200, { status: 'ok' }),
};

/** API Gateway (REST, Lambda proxy) -> route -> use case -> answer; every failure -> the one error body. */
export function createApiHandler(deps: ApiHandlerDeps) {
  const { logger } = deps;
  return withLambdaContext(logger, async (event: APIGatewayProxyEvent, context: Context): Promise<APIGatewayProxyResult> => {
    const requestId = event.requestContext?.requestId ?? context.awsRequestId;
    const headers = lowerCaseHeaders(event);
    let correlationId = requestId;
    logger.appendKeys({ correlation_id: correlationId, request_id: requestId });
    try {
      correlationId = readCorrelationId(headers) ?? requestId;
      logger.appendKeys({ correlation_id: correlationId });
      const route = routes[`${event.httpMethod} ${event.resource}`];
      if (!route) throw new HttpError(404, 'NOT_FOUND', `No route for ${event.httpMethod} ${event.path}.`);
      const result = await route(deps, { event, headers, correlationId });
      return withCommonHeaders(result, correlationId);
    } catch (error) {
      const failure = toHttpFailure(error);
      if (failure.unexpected) logger.error('Unexpected error', error as Error);
      else
        logger.warn('Request refused', {
          status: failure.status,
          code: failure.code,
          error_name: (error as Error).name,
          reason: (error as Error).message,
        });
      const body = errorBody(failure.code, failure.message, failure.details, requestId);
      return withCommonHeaders(json(failure.status, body, failure.headers), correlationId);
    }
  });
}

// With a Lambda proxy integration, CORS headers on actual answers are the function's job; the
// preflight (OPTIONS) is a mock integration in contracts/openapi.yaml. No credentials are involved,
// so any origin may read the answers.
const CORS_HEADERS = {
  'Access-Control-Allow-Origin': '*',
  'Access-Control-Expose-Headers': 'Location,Idempotent-Replayed,X-Correlation-Id,Retry-After',
};

const withCommonHeaders = (result: APIGatewayProxyResult, correlationId: string): APIGatewayProxyResult => ({
  ...result,
  headers: { ...result.headers, ...CORS_HEADERS, 'X-Correlation-Id': correlationId },
});
