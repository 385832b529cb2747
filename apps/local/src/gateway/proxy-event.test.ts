import type { IncomingMessage } from 'node:http';
import { buildProxyEvent } from './proxy-event';
import type { Route } from './openapi-routes';
import type { RequestTarget } from './request-target';

// Recorded: LocalStack tests/aws/services/apigateway/test_apigateway_lambda.py::test_lambda_aws_proxy_integration
// (invocation-payload-without-trailing-slash): the keys of requestContext and of its identity.
it('builds the proxy event with every requestContext and identity field API Gateway sends', () => {
  const req = { rawHeaders: ['Host', 'abc.example:3000', 'User-Agent', 'ua'], headers: { host: 'abc.example:3000' }, httpVersion: '1.1', socket: { remoteAddress: '127.0.0.1' } };
  const event = buildProxyEvent({
    req: req as unknown as IncomingMessage,
    url: { path: '/echo', searchParams: new URLSearchParams() } as unknown as RequestTarget,
    route: { resourcePath: '/echo', method: 'GET', operationId: 'echo' } as unknown as Route,
    pathParameters: {},
    body: Buffer.alloc(0),
    requestId: 'r-1',
    traceId: 'Root=1-x',
    port: 3000,
    receivedAt: new Date(0),
  });
  expect(Object.keys(event.requestContext).sort()).toEqual([
    'accountId', 'apiId', 'deploymentId', 'domainName', 'domainPrefix', 'extendedRequestId', 'httpMethod', 'identity', 'path',
    'protocol', 'requestId', 'requestTime', 'requestTimeEpoch', 'resourceId', 'resourcePath', 'stage',
  ]); // prettier-ignore
  expect(Object.keys(event.requestContext['identity'] as object).sort()).toEqual([
    'accessKey', 'accountId', 'caller', 'cognitoAuthenticationProvider', 'cognitoAuthenticationType', 'cognitoIdentityId',
    'cognitoIdentityPoolId', 'principalOrgId', 'sourceIp', 'user', 'userAgent', 'userArn',
  ]); // prettier-ignore
  expect(event.requestContext).toMatchObject({ domainName: 'abc.example:3000', domainPrefix: 'abc', identity: { userAgent: 'ua', sourceIp: '127.0.0.1' } });
});
