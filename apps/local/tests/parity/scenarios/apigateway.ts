import type { Json } from '../support/compare';
import type { ParityContext } from '../support/parity-system';
import type { Scenario } from '../support/scenario';

const LS_LAMBDA = 'LocalStack tests/aws/services/apigateway/test_apigateway_lambda.py::test_lambda_aws_proxy_integration';
const LS_COMMON = 'LocalStack tests/aws/services/apigateway/test_apigateway_common.py';
const GATEWAY_RESPONSES = 'https://docs.aws.amazon.com/apigateway/latest/developerguide/supported-gateway-response-types.html';

const EVENT_KEYS = [
  'body',
  'headers',
  'httpMethod',
  'isBase64Encoded',
  'multiValueHeaders',
  'multiValueQueryStringParameters',
  'path',
  'pathParameters',
  'queryStringParameters',
  'requestContext',
  'resource',
  'stageVariables',
];
const REQUEST_CONTEXT_KEYS = [
  'accountId',
  'apiId',
  'deploymentId',
  'domainName',
  'domainPrefix',
  'extendedRequestId',
  'httpMethod',
  'identity',
  'path',
  'protocol',
  'requestId',
  'requestTime',
  'requestTimeEpoch',
  'resourceId',
  'resourcePath',
  'stage',
];
const IDENTITY_KEYS = [
  'accessKey',
  'accountId',
  'caller',
  'cognitoAuthenticationProvider',
  'cognitoAuthenticationType',
  'cognitoIdentityId',
  'cognitoIdentityPoolId',
  'principalOrgId',
  'sourceIp',
  'user',
  'userAgent',
  'userArn',
];

/** The proxy event the echo fixture received for this request (GET /parity/echo/{item}). */
async function echoedEvent(context: ParityContext, pathAndQuery: string, headers: Record<string, string> = {}): Promise<Record<string, Json>> {
  const response = await fetch(`${context.system.apiUrl}/parity/echo/${pathAndQuery}`, { headers });
  const text = await response.text();
  if (response.status !== 200) throw new Error(`the echo route answered ${response.status}: ${text.slice(0, 200)}`);
  return JSON.parse(text) as Record<string, Json>;
}

/** A gateway response as a client sees it: status, x-amzn-ErrorType, the envelope's code and message. */
async function gatewayResponse(url: string, init: RequestInit): Promise<Json> {
  const response = await fetch(url, init);
  const body = (await response.json().catch(() => ({}))) as { error?: { code?: string; message?: string } };
  return { status: response.status, errorType: response.headers.get('x-amzn-errortype'), code: body.error?.code ?? null, message: body.error?.message ?? null };
}

const keysOf = (value: Json | undefined): Json => (typeof value === 'object' && value !== null && !Array.isArray(value) ? Object.keys(value).sort() : null);

export const apiGatewayScenarios: readonly Scenario[] = [
  {
    id: 'apigateway.LambdaProxy.event-shape',
    service: 'apigateway',
    operation: 'Lambda proxy integration (event)',
    name: 'the event has the REST API (1.0) fields, requestContext and identity fields; null body, query and stage variables on a plain GET',
    source: `${LS_LAMBDA} (invocation-payload-without-trailing-slash), recorded 02-08-2024`,
    expected: {
      keys: EVENT_KEYS,
      requestContext: REQUEST_CONTEXT_KEYS,
      identity: IDENTITY_KEYS,
      httpMethod: 'GET',
      body: null,
      isBase64Encoded: false,
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      stageVariables: null,
      protocol: 'HTTP/1.1',
      resourcePathIsTheResource: true,
    },
    async run(context) {
      const event = await echoedEvent(context, 'proxy-value');
      const requestContext = (event['requestContext'] ?? {}) as Record<string, Json>;
      return {
        keys: keysOf(event),
        requestContext: keysOf(requestContext),
        identity: keysOf(requestContext['identity']),
        httpMethod: event['httpMethod'] ?? null,
        body: event['body'] ?? null,
        isBase64Encoded: event['isBase64Encoded'] ?? null,
        queryStringParameters: event['queryStringParameters'] ?? null,
        multiValueQueryStringParameters: event['multiValueQueryStringParameters'] ?? null,
        stageVariables: event['stageVariables'] ?? null,
        protocol: requestContext['protocol'] ?? null,
        resourcePathIsTheResource: requestContext['resourcePath'] === event['resource'],
      };
    },
  },
  {
    id: 'apigateway.LambdaProxy.repeated-query-parameters',
    service: 'apigateway',
    operation: 'Lambda proxy integration (event)',
    name: 'a repeated query parameter: its last value in queryStringParameters, all of them in multiValueQueryStringParameters',
    source: `${LS_LAMBDA} (invocation-payload-with-params-encoding-multi), recorded 02-08-2024`,
    expected: {
      queryStringParameters: { category: 'books', price: '30' },
      multiValueQueryStringParameters: { category: ['electronics', 'books'], price: ['10', '20', '30'] },
    },
    async run(context) {
      const event = await echoedEvent(context, 'proxy-value?category=electronics&category=books&price=10&price=20&price=30');
      return { queryStringParameters: event['queryStringParameters'] ?? null, multiValueQueryStringParameters: event['multiValueQueryStringParameters'] ?? null };
    },
  },
  {
    id: 'apigateway.LambdaProxy.header-case-and-path',
    service: 'apigateway',
    operation: 'Lambda proxy integration (event)',
    name: 'header names keep the case the client sent; path, pathParameters and resource',
    source: `${LS_LAMBDA} (invocation-payload-without-trailing-slash: "tEsT-HEADeR"), recorded 02-08-2024`,
    expected: {
      header: 'aValUE',
      multiValueHeader: ['aValUE'],
      path: '/parity/echo/proxy-value',
      pathParameters: { item: 'proxy-value' },
      resource: '/parity/echo/{item}',
    },
    async run(context) {
      const event = await echoedEvent(context, 'proxy-value', { 'tEsT-HEADeR': 'aValUE' });
      const headers = (event['headers'] ?? {}) as Record<string, Json>;
      const multi = (event['multiValueHeaders'] ?? {}) as Record<string, Json>;
      return {
        header: headers['tEsT-HEADeR'] ?? null,
        multiValueHeader: multi['tEsT-HEADeR'] ?? null,
        path: event['path'] ?? null,
        pathParameters: event['pathParameters'] ?? null,
        resource: event['resource'] ?? null,
      };
    },
  },
  {
    id: 'apigateway.GatewayResponse.unknown-route',
    service: 'apigateway',
    operation: 'Gateway responses',
    name: 'an unknown path is MISSING_AUTHENTICATION_TOKEN: 403, MissingAuthenticationTokenException, rendered by the contract\'s DEFAULT_4XX',
    source: `${LS_COMMON}::TestApigatewayRouting::test_routing_not_found (not-found), recorded 23-07-2024; status 403: ${GATEWAY_RESPONSES}`,
    expected: { status: 403, errorType: 'MissingAuthenticationTokenException', code: 'BAD_REQUEST', message: 'Missing Authentication Token' },
    run: (context) => gatewayResponse(`${context.system.apiUrl}/no-such-route`, { headers: { 'x-api-key': context.system.apiKey } }),
  },
  {
    id: 'apigateway.GatewayResponse.wrong-method',
    service: 'apigateway',
    operation: 'Gateway responses',
    name: 'a method the resource lacks is MISSING_AUTHENTICATION_TOKEN too',
    source: `${LS_COMMON}::TestApigatewayRouting::test_routing_not_found (wrong-method), recorded 23-07-2024`,
    expected: { status: 403, errorType: 'MissingAuthenticationTokenException', code: 'BAD_REQUEST', message: 'Missing Authentication Token' },
    run: (context) => gatewayResponse(`${context.system.apiUrl}/order`, { method: 'DELETE', headers: { 'x-api-key': context.system.apiKey } }),
  },
  {
    id: 'apigateway.GatewayResponse.missing-api-key',
    service: 'apigateway',
    operation: 'Gateway responses',
    name: 'a method that requires an API key, called without one, is 403 (INVALID_API_KEY, the contract\'s template)',
    source: `${LS_COMMON}::TestUsagePlans::test_api_key_required_for_methods (aws.validated; asserts 403 without a key); the response type: ${GATEWAY_RESPONSES}`,
    expected: { status: 403, code: 'FORBIDDEN', message: 'A valid API key is required in the x-api-key header.' },
    async run(context) {
      const answer = (await gatewayResponse(`${context.system.apiUrl}/order`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })) as Record<string, Json>;
      return { status: answer['status'] ?? null, code: answer['code'] ?? null, message: answer['message'] ?? null };
    },
  },
  {
    id: 'apigateway.GatewayResponse.invalid-body',
    service: 'apigateway',
    operation: 'Gateway responses',
    name: "a body its model rejects is BAD_REQUEST_BODY: 400, $context.error.messageString \"Invalid request body\" in the contract's template",
    source: `${LS_COMMON}::TestApiGatewayCommon::test_api_gateway_request_validator (invalid-request-body), recorded 10-01-2024`,
    expected: { status: 400, code: 'VALIDATION_FAILED', message: 'Invalid request body' },
    async run(context) {
      const init = { method: 'POST', headers: { 'content-type': 'application/json', 'x-api-key': context.system.apiKey }, body: '{}' };
      const answer = (await gatewayResponse(`${context.system.apiUrl}/order`, init)) as Record<string, Json>;
      return { status: answer['status'] ?? null, code: answer['code'] ?? null, message: answer['message'] ?? null };
    },
  },
];
