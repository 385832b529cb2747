import type { APIGatewayProxyEvent, Context, SQSEvent, SQSRecord } from 'aws-lambda';

let sequence = 0;

export function aLambdaContext(overrides: Partial<Context> = {}): Context {
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: 'test-function',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-south-1:000000000000:function:test-function',
    memoryLimitInMB: '256',
    awsRequestId: `req-${++sequence}`,
    logGroupName: '/aws/lambda/test-function',
    logStreamName: 'stream',
    getRemainingTimeInMillis: () => 10_000,
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
    ...overrides,
  };
}

export interface ApiEventOptions {
  readonly method: string;
  readonly resource: string;
  readonly path: string;
  readonly body?: string | null;
  readonly headers?: Record<string, string>;
  readonly pathParameters?: Record<string, string>;
  readonly isBase64Encoded?: boolean;
}

/** A REST API (v1) Lambda proxy event, as API Gateway sends it. */
export function anApiEvent({ method, resource, path, body = null, headers = {}, pathParameters, isBase64Encoded = false }: ApiEventOptions): APIGatewayProxyEvent {
  const requestId = `api-req-${++sequence}`;
  return {
    httpMethod: method,
    resource,
    path,
    body,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    isBase64Encoded,
    pathParameters: pathParameters ?? null,
    queryStringParameters: null,
    multiValueQueryStringParameters: null,
    stageVariables: null,
    requestContext: {
      accountId: '000000000000',
      apiId: 'local',
      authorizer: null,
      protocol: 'HTTP/1.1',
      httpMethod: method,
      identity: {
        accessKey: null,
        accountId: null,
        apiKey: null,
        apiKeyId: null,
        caller: null,
        clientCert: null,
        cognitoAuthenticationProvider: null,
        cognitoAuthenticationType: null,
        cognitoIdentityId: null,
        cognitoIdentityPoolId: null,
        principalOrgId: null,
        sourceIp: '127.0.0.1',
        user: null,
        userAgent: 'jest',
        userArn: null,
      },
      path,
      stage: 'dev',
      requestId,
      requestTimeEpoch: Date.now(),
      resourceId: 'res',
      resourcePath: resource,
    },
  };
}

export const aPostOrderEvent = (body: unknown, headers: Record<string, string> = {}): APIGatewayProxyEvent =>
  anApiEvent({
    method: 'POST',
    resource: '/order',
    path: '/order',
    body: typeof body === 'string' ? body : JSON.stringify(body),
    headers: { 'Content-Type': 'application/json', ...headers },
  });

export const aGetOrderEvent = (orderId: string, headers: Record<string, string> = {}): APIGatewayProxyEvent =>
  anApiEvent({ method: 'GET', resource: '/order/{order_id}', path: `/order/${orderId}`, pathParameters: { order_id: orderId }, headers });

/** GET /orders with a query string; a repeated parameter is given as an array. */
export function aListOrdersEvent(query: Record<string, string | string[]>, headers: Record<string, string> = {}): APIGatewayProxyEvent {
  const multi = Object.fromEntries(Object.entries(query).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]));
  const hasQuery = Object.keys(multi).length > 0;
  return {
    ...anApiEvent({ method: 'GET', resource: '/orders', path: '/orders', headers }),
    queryStringParameters: hasQuery ? Object.fromEntries(Object.entries(multi).map(([k, v]) => [k, v[v.length - 1] ?? ''])) : null,
    multiValueQueryStringParameters: hasQuery ? multi : null,
  };
}

export function anSqsRecord(body: string, { messageId, receiveCount = 1 }: { messageId?: string; receiveCount?: number } = {}): SQSRecord {
  const id = messageId ?? `msg-${++sequence}`;
  return {
    messageId: id,
    receiptHandle: `rh-${id}`,
    body,
    attributes: {
      ApproximateReceiveCount: String(receiveCount),
      SentTimestamp: '1763719200000',
      SenderId: 'AIDA',
      ApproximateFirstReceiveTimestamp: '1763719200000',
    },
    messageAttributes: {},
    md5OfBody: 'md5',
    eventSource: 'aws:sqs',
    eventSourceARN: 'arn:aws:sqs:ap-south-1:000000000000:order_queue',
    awsRegion: 'ap-south-1',
  };
}

export const anSqsEvent = (...records: SQSRecord[]): SQSEvent => ({ Records: records });
