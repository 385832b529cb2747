import SwaggerParser from '@apidevtools/swagger-parser';
import type { OpenAPIV3 } from 'openapi-types';
import { OPENAPI_PLACEHOLDERS, validateErrorResponse } from '../src';
import { contractsDir, openapiDocument, openapiText } from './contract-files';
import path from 'node:path';

// The JSON Schema draft-4 keywords API Gateway models support (plus OpenAPI's description).
const API_GATEWAY_KEYWORDS = new Set([
  'type', 'properties', 'required', 'additionalProperties', 'items', 'enum', 'pattern', 'minLength', 'maxLength',
  'minimum', 'maximum', 'exclusiveMinimum', 'exclusiveMaximum', 'minItems', 'maxItems', 'uniqueItems', 'multipleOf',
  'minProperties', 'maxProperties', 'allOf', 'anyOf', 'oneOf', 'not', 'description', 'title', 'default', '$ref', 'format',
]);

const operations = (doc: OpenAPIV3.Document) =>
  Object.entries(doc.paths).flatMap(([route, item]) =>
    (['get', 'post', 'put', 'delete', 'patch', 'options'] as const).filter((m) => item?.[m]).map((m) => ({ route, method: m, op: item?.[m] as OpenAPIV3.OperationObject & Record<string, unknown> })),
  );

function keywordsOf(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((s) => keywordsOf(s, found));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      found.add(key);
      if (key === 'properties') Object.values(value as object).forEach((s) => keywordsOf(s, found));
      else if (['items', 'additionalProperties', 'allOf', 'anyOf', 'oneOf', 'not'].includes(key)) keywordsOf(value, found);
    }
  }
  return found;
}

describe('contracts/openapi.yaml', () => {
  it('is a valid OpenAPI 3.0.x document (API Gateway rejects 3.1)', async () => {
    const doc = (await SwaggerParser.validate(path.join(contractsDir, 'openapi.yaml'))) as OpenAPIV3.Document;
    expect(doc.openapi).toMatch(/^3\.0\.\d+$/);
  });

  it('serves exactly POST /order, GET /order/{order_id}, GET /orders and GET /health, and a CORS preflight on each path', () => {
    const doc = openapiDocument() as unknown as OpenAPIV3.Document;
    expect(operations(doc).map(({ route, method }) => `${method.toUpperCase()} ${route}`)).toEqual([
      'POST /order',
      'OPTIONS /order',
      'GET /order/{order_id}',
      'OPTIONS /order/{order_id}',
      'GET /orders',
      'OPTIONS /orders',
      'GET /health',
      'OPTIONS /health',
    ]);
  });

  it('integrates every operation but the preflights with the API handler through a Lambda proxy', () => {
    for (const { method, op } of operations(openapiDocument() as unknown as OpenAPIV3.Document)) {
      if (method === 'options') continue;
      expect(op['x-amazon-apigateway-integration']).toMatchObject({ type: 'aws_proxy', httpMethod: 'POST', uri: '${api_handler_invoke_arn}' });
    }
  });

  it('answers each preflight in API Gateway (mock) with the methods of its path', () => {
    const doc = openapiDocument() as unknown as OpenAPIV3.Document;
    for (const { route, method, op } of operations(doc)) {
      if (method !== 'options') continue;
      const methods = operations(doc).filter((o) => o.route === route).map((o) => o.method.toUpperCase());
      const integration = op['x-amazon-apigateway-integration'] as { type: string; responses: { default: { responseParameters: Record<string, string> } } };
      expect(integration.type).toBe('mock');
      const headers = integration.responses.default.responseParameters;
      expect(headers['method.response.header.Access-Control-Allow-Origin']).toBe("'*'");
      expect(headers['method.response.header.Access-Control-Allow-Methods']).toBe(`'${methods.filter((m) => m !== 'OPTIONS').concat('OPTIONS').join(',')}'`);
      for (const header of ['Content-Type', 'Idempotency-Key', 'X-Correlation-Id']) {
        expect(headers['method.response.header.Access-Control-Allow-Headers']).toContain(header);
      }
    }
  });

  it('names a request validator that exists for every operation with input', () => {
    const doc = openapiDocument();
    const validators = Object.keys(doc['x-amazon-apigateway-request-validators'] as object);
    for (const { route, method, op } of operations(doc as unknown as OpenAPIV3.Document)) {
      if (route === '/health' || method === 'options') continue;
      expect(validators).toContain(op['x-amazon-apigateway-request-validator']);
    }
  });

  it('has placeholders only where Terraform puts AWS values', () => {
    expect(OPENAPI_PLACEHOLDERS).toEqual(['api_handler_invoke_arn']);
    // Every other `${` would be read by templatefile() as an interpolation and break the apply.
    const interpolations = [...openapiText().matchAll(/(?<!\$)\$\{([^}]*)\}/g)].map((m) => m[1]);
    expect(interpolations).toEqual(['api_handler_invoke_arn', 'api_handler_invoke_arn', 'api_handler_invoke_arn', 'api_handler_invoke_arn']);
  });

  it('keeps request schemas within the draft-4 subset API Gateway models support', async () => {
    const doc = (await SwaggerParser.dereference(path.join(contractsDir, 'openapi.yaml'))) as OpenAPIV3.Document;
    for (const { op } of operations(doc)) {
      const body = op.requestBody as OpenAPIV3.RequestBodyObject | undefined;
      const schema = body?.content['application/json']?.schema;
      if (!schema) continue;
      const unsupported = [...keywordsOf(schema)].filter((k) => !API_GATEWAY_KEYWORDS.has(k));
      expect(unsupported).toEqual([]);
    }
  });

  it('documents the one error body for every error response', async () => {
    const doc = (await SwaggerParser.dereference(path.join(contractsDir, 'openapi.yaml'))) as OpenAPIV3.Document;
    const errorSchema = (doc.components?.schemas?.['ErrorResponse'] as object) ?? {};
    for (const { op } of operations(doc)) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (Number(status) < 400) continue;
        expect((response as OpenAPIV3.ResponseObject).content?.['application/json']?.schema).toEqual(errorSchema);
      }
    }
  });

  it("renders every API Gateway error template into the API's error body", () => {
    const responses = openapiDocument()['x-amazon-apigateway-gateway-responses'] as Record<string, { responseTemplates: Record<string, string> }>;
    expect(Object.keys(responses)).toEqual(expect.arrayContaining(['BAD_REQUEST_BODY', 'DEFAULT_4XX', 'DEFAULT_5XX']));
    for (const [type, response] of Object.entries(responses)) {
      const rendered = String(response.responseTemplates['application/json'])
        .replace('$context.error.messageString', JSON.stringify('Invalid request body'))
        .replace('$context.requestId', 'req-1');
      const body: unknown = JSON.parse(rendered);
      expect([type, validateErrorResponse(body)]).toEqual([type, true]);
      // API Gateway's own errors must be readable by browsers too.
      expect([type, (response as { responseParameters?: Record<string, string> }).responseParameters?.['gatewayresponse.header.Access-Control-Allow-Origin']]).toEqual([type, "'*'"]);
    }
  });
});
