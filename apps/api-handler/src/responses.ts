import type { APIGatewayProxyResult } from 'aws-lambda';
import type { ErrorCode, ErrorDetail, ErrorResponse } from '@dofs/contracts';

export type Headers = Record<string, string>;

export function json(statusCode: number, body: unknown, headers: Headers = {}): APIGatewayProxyResult {
  return {
    statusCode,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify(body),
  };
}

export function errorBody(code: ErrorCode, message: string, details: readonly ErrorDetail[], requestId: string): ErrorResponse {
  return { error: { code, message, details: [...details], request_id: requestId } };
}
