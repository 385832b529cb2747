import path from 'node:path';
import { arns } from '../aws-identity';
import { workspacePaths } from '../workspace';
import { renderGatewayResponse } from './gateway-responses';
import { loadApiDefinition, type ApiDefinition } from './openapi-routes';

let api: ApiDefinition;

beforeAll(async () => {
  const resolve = (name: string) =>
    name === 'api_handler_invoke_arn'
      ? `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${arns.function('api-handler')}/invocations`
      : undefined;
  api = await loadApiDefinition(path.join(workspacePaths().contractsDir, 'openapi.yaml'), resolve);
});

describe('routes from openapi.yaml', () => {
  it('has every operation with its integration and request validator', () => {
    const target = (r: (typeof api.routes)[number]) => (r.integration.type === 'mock' ? `mock ${r.integration.statusCode}` : r.integration.functionName);
    expect(api.routes.map((r) => `${r.method} ${r.resourcePath} -> ${target(r)}`).sort()).toEqual([
      'GET /health -> api-handler',
      'GET /order/{order_id} -> api-handler',
      'GET /orders -> api-handler',
      'OPTIONS /health -> mock 204',
      'OPTIONS /order -> mock 204',
      'OPTIONS /order/{order_id} -> mock 204',
      'OPTIONS /orders -> mock 204',
      'POST /order -> api-handler',
    ]);
    const create = api.routes.find((r) => r.operationId === 'createOrder');
    expect(create).toMatchObject({ validateBody: true, validateParameters: true, integration: { timeoutMs: 29_000 } });
    expect(create?.body?.validator({ customer_id: 'c', items: [], total_amount: 1 })).toBe(true);
    expect(create?.body?.validator({ customer_id: 'c' })).toBe(false);
    const preflight = api.routes.find((r) => r.method === 'OPTIONS' && r.resourcePath === '/order');
    expect(preflight?.integration).toMatchObject({ type: 'mock', statusCode: 204, headers: { 'Access-Control-Allow-Origin': '*', 'Access-Control-Allow-Methods': 'POST,OPTIONS' } });
    const get = api.routes.find((r) => r.operationId === 'getOrder');
    expect(get).toMatchObject({ validateBody: false, validateParameters: true, pathParameterNames: ['order_id'] });
    expect(get?.pattern.exec('/order/abc')?.[1]).toBe('abc');
    expect(get?.pattern.test('/order/')).toBe(false);
    expect(get?.pattern.test('/order/a/b')).toBe(false);
    // GET /orders: "exactly one of customer_id and status" is no presence rule, so API Gateway
    // requires no query parameter and the handler checks them all.
    const list = api.routes.find((r) => r.operationId === 'listOrders');
    expect(list).toMatchObject({ validateBody: false, validateParameters: true });
    expect(list?.parameters.filter((p) => p.in === 'query').map((p) => `${p.name}${p.required ? ' (required)' : ''}`)).toEqual([
      'customer_id',
      'status',
      'created_after',
      'created_before',
      'limit',
      'order',
      'cursor',
    ]);
    expect(list?.pattern.test('/orders')).toBe(true);
    expect(get?.pattern.test('/orders')).toBe(false);
  });

  it('requires an API key where the contract says security: api_key, and nowhere else', () => {
    const keyed = api.routes.filter((r) => r.apiKeyRequired).map((r) => `${r.method} ${r.resourcePath}`);
    expect(keyed.sort()).toEqual(['GET /order/{order_id}', 'GET /orders', 'POST /order']);
  });

  it('renders the API key and usage plan refusals with the error envelope and Retry-After', () => {
    const forbidden = renderGatewayResponse(api.gatewayResponses, 'INVALID_API_KEY', 'req-1');
    expect(forbidden.status).toBe(403);
    expect(JSON.parse(forbidden.body)).toEqual({
      error: { code: 'FORBIDDEN', message: 'A valid API key is required in the x-api-key header.', details: [], request_id: 'req-1' },
    });
    const throttled = renderGatewayResponse(api.gatewayResponses, 'THROTTLED', 'req-2');
    expect(throttled).toMatchObject({ status: 429, headers: { 'Retry-After': '1', 'Access-Control-Allow-Origin': '*' } });
    expect(JSON.parse(throttled.body).error.code).toBe('THROTTLED');
    const quota = renderGatewayResponse(api.gatewayResponses, 'QUOTA_EXCEEDED', 'req-3');
    expect(quota).toMatchObject({ status: 429, headers: { 'Retry-After': '3600' } });
    expect(JSON.parse(quota.body).error.code).toBe('QUOTA_EXCEEDED');
  });

  it('renders the gateway responses of openapi.yaml, as API Gateway fills their templates', () => {
    const badBody = renderGatewayResponse(api.gatewayResponses, 'BAD_REQUEST_BODY', 'req-1');
    expect(badBody.status).toBe(400);
    expect(badBody.headers['Access-Control-Allow-Origin']).toBe('*');
    expect(JSON.parse(badBody.body)).toEqual({
      error: { code: 'VALIDATION_FAILED', message: 'Invalid request body', details: [], request_id: 'req-1' },
    });
    const unknown = renderGatewayResponse(api.gatewayResponses, 'MISSING_AUTHENTICATION_TOKEN', 'req-2');
    expect(unknown.status).toBe(403);
    expect(JSON.parse(unknown.body).error).toMatchObject({ code: 'BAD_REQUEST', message: 'Missing Authentication Token' });
    const lambdaFailure = renderGatewayResponse(api.gatewayResponses, 'LAMBDA_FAILURE', 'req-3');
    expect(lambdaFailure.status).toBe(502);
    expect(JSON.parse(lambdaFailure.body).error).toMatchObject({ code: 'SERVICE_UNAVAILABLE', message: 'Internal server error' });
    expect(JSON.parse(renderGatewayResponse(api.gatewayResponses, 'BAD_REQUEST_BODY', 'r', 'a "quoted" message').body).error.message).toBe(
      'a "quoted" message',
    );
  });

  it("falls back to API Gateway's own body without gateway responses", () => {
    expect(renderGatewayResponse({}, 'INTEGRATION_TIMEOUT', 'r')).toMatchObject({
      status: 504,
      body: '{"message":"Endpoint request timed out"}',
    });
  });
});
