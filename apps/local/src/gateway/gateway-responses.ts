import type { GatewayResponse } from './openapi-routes';

/** The gateway response types the local gateway raises itself, with API Gateway's defaults. */
export const GATEWAY_ERRORS = {
  BAD_REQUEST_BODY: { status: 400, errorType: 'BadRequestException', message: 'Invalid request body' },
  BAD_REQUEST_PARAMETERS: { status: 400, errorType: 'BadRequestException', message: 'Missing required request parameters' },
  // a missing x-api-key and an unknown or disabled key are both INVALID_API_KEY on API Gateway
  INVALID_API_KEY: { status: 403, errorType: 'ForbiddenException', message: 'Forbidden' },
  THROTTLED: { status: 429, errorType: 'TooManyRequestsException', message: 'Too Many Requests' },
  QUOTA_EXCEEDED: { status: 429, errorType: 'LimitExceededException', message: 'Limit Exceeded' },
  MISSING_AUTHENTICATION_TOKEN: { status: 403, errorType: 'MissingAuthenticationTokenException', message: 'Missing Authentication Token' },
  REQUEST_TOO_LARGE: { status: 413, errorType: 'RequestEntityTooLargeException', message: 'Request Too Long' },
  INTEGRATION_TIMEOUT: { status: 504, errorType: 'InternalServerErrorException', message: 'Endpoint request timed out' },
  // A function error or a malformed proxy answer is a 502 that only DEFAULT_5XX customises.
  LAMBDA_FAILURE: { status: 502, errorType: 'InternalServerErrorException', message: 'Internal server error' },
  // Refusals of the HTTP server itself, below the API (on AWS, CloudFront's and API Gateway's
  // front door). They are no gateway response type, so DEFAULT_4XX renders them.
  MALFORMED_REQUEST: { status: 400, errorType: 'BadRequestException', message: 'The request is not valid HTTP/1.1' },
  REQUEST_TIMEOUT: { status: 408, errorType: 'RequestTimeoutException', message: 'The request did not arrive in time' },
  REQUEST_HEADERS_TOO_LARGE: { status: 431, errorType: 'RequestHeaderFieldsTooLargeException', message: 'The request headers are too large' },
} as const;

export type GatewayErrorType = keyof typeof GATEWAY_ERRORS;

export interface RenderedResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

/**
 * Renders a gateway response as API Gateway does from x-amazon-apigateway-gateway-responses:
 * the type's own entry, else DEFAULT_4XX / DEFAULT_5XX by status, else API Gateway's
 * {"message": ...}. Templates see $context.requestId and $context.error.* (messageString is the
 * message as a quoted JSON string).
 */
export function renderGatewayResponse(
  responses: Readonly<Record<string, GatewayResponse>>,
  type: GatewayErrorType,
  requestId: string,
  message: string = GATEWAY_ERRORS[type].message,
  validationErrorString = '',
): RenderedResponse {
  const defaults = GATEWAY_ERRORS[type];
  const own = type === 'LAMBDA_FAILURE' ? undefined : responses[type];
  const fallback = responses[defaults.status >= 500 ? 'DEFAULT_5XX' : 'DEFAULT_4XX'];
  const status = own?.statusCode ?? defaults.status;
  const template = own?.responseTemplates?.['application/json'] ?? fallback?.responseTemplates?.['application/json'];
  const context: Record<string, string> = {
    '$context.error.messageString': JSON.stringify(message),
    '$context.error.message': message,
    '$context.error.responseType': type,
    '$context.error.validationErrorString': validationErrorString,
    '$context.requestId': requestId,
  };
  const body = template ? template.replace(/\$context\.[A-Za-z.]+/g, (name) => context[name] ?? name) : JSON.stringify({ message });
  const headers: Record<string, string> = {
    'Content-Type': 'application/json',
    'x-amzn-ErrorType': defaults.errorType,
  };
  for (const [key, value] of Object.entries({ ...fallback?.responseParameters, ...own?.responseParameters })) {
    const header = key.match(/^gatewayresponse\.header\.(.+)$/)?.[1];
    const literal = value.match(/^'(.*)'$/)?.[1];
    if (header && literal !== undefined) headers[header] = literal;
  }
  return { status, headers, body };
}
