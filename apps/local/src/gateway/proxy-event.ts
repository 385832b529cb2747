import type { IncomingMessage } from 'node:http';
import { ACCOUNT_ID } from '../aws-identity';
import type { Route } from './openapi-routes';
import type { RequestTarget } from './request-target';

/** The REST API (payload format 1.0) Lambda proxy event API Gateway sends to the handler. */
export interface ProxyEvent {
  resource: string;
  path: string;
  httpMethod: string;
  headers: Record<string, string>;
  multiValueHeaders: Record<string, string[]>;
  queryStringParameters: Record<string, string> | null;
  multiValueQueryStringParameters: Record<string, string[]> | null;
  pathParameters: Record<string, string> | null;
  stageVariables: null;
  requestContext: Record<string, unknown>;
  body: string | null;
  isBase64Encoded: boolean;
}

export const STAGE = 'local';

/** Headers as sent (names keep their case, as in API Gateway), plus the ones API Gateway adds. */
export function requestHeaders(
  req: IncomingMessage,
  traceId: string,
  port: number,
): { single: Record<string, string>; multi: Record<string, string[]> } {
  const multi: Record<string, string[]> = {};
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) {
    const name = req.rawHeaders[i] ?? '';
    const existing = Object.keys(multi).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
    (multi[existing] ??= []).push(req.rawHeaders[i + 1] ?? '');
  }
  const add = (name: string, value: string): void => {
    const existing = Object.keys(multi).find((key) => key.toLowerCase() === name.toLowerCase());
    if (existing) multi[existing]?.push(value);
    else multi[name] = [value];
  };
  add('X-Forwarded-For', req.socket.remoteAddress ?? '127.0.0.1');
  add('X-Forwarded-Port', String(port));
  add('X-Forwarded-Proto', 'http');
  add('X-Amzn-Trace-Id', traceId);
  const single: Record<string, string> = {};
  for (const [name, values] of Object.entries(multi)) single[name] = values[values.length - 1] ?? '';
  return { single, multi };
}

/** requestContext.identity: every field API Gateway sends, null where no authorizer or IAM fills it */
function callerIdentity(sourceIp: string, userAgent: string | null): Record<string, string | null> {
  const absent = ['cognitoIdentityPoolId', 'accountId', 'cognitoIdentityId', 'caller', 'principalOrgId', 'accessKey'];
  const alsoAbsent = ['cognitoAuthenticationType', 'cognitoAuthenticationProvider', 'userArn', 'user'];
  return { ...Object.fromEntries([...absent, ...alsoAbsent].map((name) => [name, null])), sourceIp, userAgent };
}

export function buildProxyEvent(options: {
  req: IncomingMessage;
  url: RequestTarget;
  route: Route;
  pathParameters: Record<string, string>;
  body: Buffer;
  requestId: string;
  traceId: string;
  port: number;
  receivedAt: Date;
}): ProxyEvent {
  const { req, url, route, requestId, receivedAt } = options;
  const headers = requestHeaders(req, options.traceId, options.port);
  const query: Record<string, string[]> = {};
  for (const [key, value] of url.searchParams) (query[key] ??= []).push(value);
  const hasQuery = Object.keys(query).length > 0;
  const hasPath = Object.keys(options.pathParameters).length > 0;
  const domainName = req.headers.host ?? '127.0.0.1';
  const userAgent = headers.single[Object.keys(headers.single).find((key) => key.toLowerCase() === 'user-agent') ?? ''] ?? null;
  return {
    resource: route.resourcePath,
    path: url.path,
    httpMethod: route.method,
    headers: headers.single,
    multiValueHeaders: headers.multi,
    queryStringParameters: hasQuery ? Object.fromEntries(Object.entries(query).map(([k, v]) => [k, v[v.length - 1] ?? ''])) : null,
    multiValueQueryStringParameters: hasQuery ? query : null,
    pathParameters: hasPath ? options.pathParameters : null,
    stageVariables: null,
    requestContext: {
      accountId: ACCOUNT_ID,
      apiId: 'local',
      resourceId: route.operationId,
      stage: STAGE,
      requestId,
      extendedRequestId: requestId,
      requestTime: receivedAt.toUTCString(),
      requestTimeEpoch: receivedAt.getTime(),
      path: `/${STAGE}${url.path}`,
      resourcePath: route.resourcePath,
      httpMethod: route.method,
      protocol: `HTTP/${req.httpVersion}`,
      domainName,
      // the fields API Gateway always sends, null where nothing fills them (LocalStack
      // tests/aws/services/apigateway/test_apigateway_lambda.py::test_lambda_aws_proxy_integration,
      // invocation-payload-without-trailing-slash)
      domainPrefix: domainName.split('.')[0] ?? domainName,
      deploymentId: 'local',
      identity: callerIdentity(req.socket.remoteAddress ?? '127.0.0.1', userAgent),
    },
    body: options.body.length > 0 ? options.body.toString('utf8') : null,
    isBase64Encoded: false,
  };
}

/** What a proxy integration must answer; anything else is API Gateway's "Malformed Lambda proxy response". */
export interface ProxyResult {
  statusCode: number;
  headers?: Record<string, string | number | boolean>;
  multiValueHeaders?: Record<string, (string | number | boolean)[]>;
  body?: string | null;
  isBase64Encoded?: boolean;
}

export function parseProxyResult(payload: unknown): ProxyResult | undefined {
  if (typeof payload !== 'object' || payload === null) return undefined;
  const result = payload as Partial<ProxyResult>;
  const status = Number(result.statusCode);
  if (!Number.isInteger(status) || status < 100 || status > 599) return undefined;
  if (result.body !== undefined && result.body !== null && typeof result.body !== 'string') return undefined;
  if (result.headers !== undefined && (typeof result.headers !== 'object' || result.headers === null)) return undefined;
  if (result.multiValueHeaders !== undefined && (typeof result.multiValueHeaders !== 'object' || result.multiValueHeaders === null))
    return undefined;
  return { ...result, statusCode: status } as ProxyResult;
}
