// The API Gateway body is checked against what API Gateway's REST API import accepts, as AWS
// documents it, on the body Terraform sends: contracts/openapi.yaml rendered the way templatefile()
// renders it (modules/api_gateway/main.tf). Written for any operation and any extension present, so
// a new route, a security scheme or an api-key source is checked the day it is added.
//
// Sources (read 2026-11-28):
// - REST import rules and exceptions ("Amazon API Gateway important notes for REST APIs"):
//   https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-known-issues.html#api-gateway-known-issues-rest-apis
// - Models are JSON Schema draft 4: https://docs.aws.amazon.com/apigateway/latest/developerguide/how-to-create-model.html
// - Importing OpenAPI (2.0 and 3.0 only): https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-import-api.html
// - ImportRestApi / PutRestApi body, "maximum size of the API definition file is 6MB":
//   https://docs.aws.amazon.com/apigateway/latest/api/API_ImportRestApi.html
// - The extensions: https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-swagger-extensions.html
//   integration:        .../api-gateway-swagger-extensions-integration.html
//   integration responses: .../api-gateway-swagger-extensions-integration-response.html
//   request validators: .../api-gateway-swagger-extensions-request-validators.html (and -request-validator.html)
//   gateway responses:  .../api-gateway-swagger-extensions-gateway-responses.html (types: .../supported-gateway-response-types.html)
//   api key source:     .../api-gateway-swagger-extensions-api-key-source.html
//   security schemes:   .../api-gateway-swagger-extensions-authtype.html, .../api-gateway-swagger-extensions-authorizer.html
import { OPENAPI_PLACEHOLDERS, fillPlaceholders } from '@dofs/contracts';
import { parse as parseYaml } from 'yaml';
import { blocksOf, modulesOf, parseDir, readWorkspaceFile } from './support/terraform';

type Json = Record<string, unknown>;

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'x-amazon-apigateway-any-method'];

// JSON Schema draft 4 (http://json-schema.org/draft-04/schema) keywords, plus OpenAPI's
// description/title, minus what the REST notes say API Gateway does not support in models:
// discriminator, example, exclusiveMinimum, oneOf, readOnly (and OpenAPI-only keywords such as
// nullable, writeOnly, xml, externalDocs, deprecated, which draft 4 does not know).
const MODEL_KEYWORDS = new Set([
  '$ref', 'title', 'description', 'default', 'type', 'enum', 'format',
  'multipleOf', 'maximum', 'exclusiveMaximum', 'minimum',
  'maxLength', 'minLength', 'pattern',
  'items', 'additionalItems', 'maxItems', 'minItems', 'uniqueItems',
  'properties', 'additionalProperties', 'patternProperties', 'required', 'maxProperties', 'minProperties', 'dependencies',
  'allOf', 'anyOf', 'not',
]);
/** "Numbers of the Int32 or Int64 type", and the decimal format, are not supported in models. */
const UNSUPPORTED_NUMBER_FORMATS = new Set(['int32', 'int64', 'decimal']);

/** The x-amazon-apigateway-* extensions of REST APIs, and where each may appear. */
const REST_EXTENSIONS: Record<string, 'root' | 'operation' | 'root-or-operation' | 'security-scheme'> = {
  'x-amazon-apigateway-api-key-source': 'root',
  'x-amazon-apigateway-binary-media-types': 'root',
  'x-amazon-apigateway-documentation': 'root',
  'x-amazon-apigateway-endpoint-configuration': 'root',
  'x-amazon-apigateway-gateway-responses': 'root',
  'x-amazon-apigateway-minimum-compression-size': 'root',
  'x-amazon-apigateway-policy': 'root',
  'x-amazon-apigateway-request-validators': 'root',
  'x-amazon-apigateway-tag-value': 'root',
  'x-amazon-apigateway-request-validator': 'root-or-operation',
  'x-amazon-apigateway-integration': 'operation',
  'x-amazon-apigateway-auth': 'operation',
  'x-amazon-apigateway-authtype': 'security-scheme',
  'x-amazon-apigateway-authorizer': 'security-scheme',
};

const INTEGRATION_TYPES = ['aws', 'aws_proxy', 'http', 'http_proxy', 'mock'];
const INTEGRATION_FIELDS = new Set([
  'type', 'uri', 'httpMethod', 'credentials', 'requestParameters', 'requestTemplates', 'responses', 'passthroughBehavior',
  'contentHandling', 'timeoutInMillis', 'cacheNamespace', 'cacheKeyParameters', 'connectionType', 'connectionId', 'tlsConfig', 'responseTransferMode',
]);
const GATEWAY_RESPONSE_TYPES = new Set([
  'ACCESS_DENIED', 'API_CONFIGURATION_ERROR', 'AUTHORIZER_CONFIGURATION_ERROR', 'AUTHORIZER_FAILURE', 'BAD_REQUEST_PARAMETERS',
  'BAD_REQUEST_BODY', 'DEFAULT_4XX', 'DEFAULT_5XX', 'EXPIRED_TOKEN', 'INTEGRATION_FAILURE', 'INTEGRATION_TIMEOUT', 'INVALID_API_KEY',
  'INVALID_SIGNATURE', 'MISSING_AUTHENTICATION_TOKEN', 'QUOTA_EXCEEDED', 'REQUEST_TOO_LARGE', 'RESOURCE_NOT_FOUND', 'THROTTLED',
  'UNAUTHORIZED', 'UNSUPPORTED_MEDIA_TYPE', 'WAF_FILTERED',
]);
const IMPORT_SIZE_LIMIT_BYTES = 6 * 1024 * 1024;

/** A value of the shape Terraform passes for each placeholder (modules/api_gateway/main.tf). */
function sampleValue(name: string): string {
  // The root passes the invoke ARN of the api-handler's alias `live` (aws_lambda_alias.invoke_arn).
  if (name.endsWith('_invoke_arn')) {
    return 'arn:aws:apigateway:ap-south-1:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-south-1:123456789012:function:dofs-dev-api-handler:live/invocations';
  }
  if (name.endsWith('_arn')) return `arn:aws:iam::123456789012:role/dofs-dev-${name.replace(/_arn$/, '').replaceAll('_', '-')}`;
  return `dofs-dev-${name.replaceAll('_', '-')}`;
}

const rendered = fillPlaceholders(readWorkspaceFile('contracts/openapi.yaml'), Object.fromEntries(OPENAPI_PLACEHOLDERS.map((name) => [name, sampleValue(name)])));
const body = parseYaml(rendered) as Json;
const paths = (body.paths ?? {}) as Record<string, Json>;
const components = (body.components ?? {}) as Record<string, Record<string, Json>>;

const operations = Object.entries(paths).flatMap(([route, item]) =>
  Object.entries(item)
    .filter(([method]) => METHODS.includes(method))
    .map(([method, operation]) => ({ id: `${method.toUpperCase()} ${route}`, route, operation: operation as Json, pathItem: item })),
);

/** Every (json pointer, key, value) in a document, depth first. */
function walk(value: unknown, pointer = '#', out: { pointer: string; key: string; value: unknown }[] = []) {
  if (Array.isArray(value)) value.forEach((item, index) => walk(item, `${pointer}/${index}`, out));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      out.push({ pointer, key, value: child });
      walk(child, `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`, out);
    }
  }
  return out;
}

/** The keywords a schema uses, its sub-schemas included (property names are not keywords). */
function schemaProblems(schema: unknown, where: string, problems: string[] = []): string[] {
  if (!schema || typeof schema !== 'object') return problems;
  for (const [key, value] of Object.entries(schema as Json)) {
    if (!MODEL_KEYWORDS.has(key)) problems.push(`${where}: "${key}" is not a keyword API Gateway models accept`);
    if (key === 'format' && UNSUPPORTED_NUMBER_FORMATS.has(String(value))) problems.push(`${where}: format ${String(value)} is not supported in models`);
    if (['properties', 'patternProperties', 'dependencies'].includes(key) && value && typeof value === 'object') {
      for (const [name, sub] of Object.entries(value as Json)) if (!Array.isArray(sub)) schemaProblems(sub, `${where}.${key}.${name}`, problems);
    } else if (['items', 'additionalItems', 'additionalProperties', 'not'].includes(key)) {
      if (Array.isArray(value)) value.forEach((sub, i) => schemaProblems(sub, `${where}.${key}[${i}]`, problems));
      else schemaProblems(value, `${where}.${key}`, problems);
    } else if (['allOf', 'anyOf'].includes(key) && Array.isArray(value)) value.forEach((sub, i) => schemaProblems(sub, `${where}.${key}[${i}]`, problems));
  }
  return problems;
}

/** Every schema API Gateway turns into a model: components.schemas and the inline media-type schemas. */
function modelSchemas(): { where: string; schema: unknown }[] {
  const named = Object.entries(components.schemas ?? {}).map(([name, schema]) => ({ where: `components.schemas.${name}`, schema }));
  const inline = walk(body)
    .filter(({ key, pointer }) => key === 'schema' && /\/content\/[^/]+$/.test(pointer))
    .map(({ pointer, value }) => ({ where: pointer, schema: value }));
  return [...named, ...inline];
}

describe('the rendered API body against API Gateway REST import rules', () => {
  it('is fully rendered: no ${...} placeholder is left, and the $${ escapes became literal ${', () => {
    expect(OPENAPI_PLACEHOLDERS.length).toBeGreaterThan(0);
    expect(rendered).not.toMatch(/(?<!\$)\$\{[A-Za-z_][A-Za-z0-9_]*\}/);
    for (const name of OPENAPI_PLACEHOLDERS) expect(rendered).toContain(sampleValue(name));
  });

  it('is OpenAPI 3.0.x (API Gateway imports 2.0 and 3.0, not 3.1) and under the 6 MB import limit', () => {
    expect(String(body.openapi)).toMatch(/^3\.0\.\d+$/);
    const bytes = Buffer.byteLength(rendered, 'utf8');
    expect(bytes).toBeLessThan(IMPORT_SIZE_LIMIT_BYTES);
    expect(Buffer.byteLength(JSON.stringify(body), 'utf8')).toBeLessThan(IMPORT_SIZE_LIMIT_BYTES);
  });

  it('has paths whose segments API Gateway accepts, with path parameters as whole segments', () => {
    expect(Object.keys(paths).length).toBeGreaterThan(0);
    for (const route of Object.keys(paths)) {
      expect(route).toMatch(/^\//);
      for (const segment of route.split('/').slice(1)) expect([route, segment]).toEqual([route, expect.stringMatching(/^([A-Za-z0-9._,:-]+|\{[A-Za-z0-9_.-]+\+?\})$/)]);
    }
  });

  it('names models with letters and digits only', () => {
    for (const name of Object.keys(components.schemas ?? {})) expect(name).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('uses in every model only the JSON Schema draft-4 keywords API Gateway supports', () => {
    const schemas = modelSchemas();
    expect(schemas.length).toBeGreaterThan(5);
    expect(schemas.flatMap(({ where, schema }) => schemaProblems(schema, where))).toEqual([]);
  });

  it('resolves every $ref inside the document (API Gateway imports no external reference)', () => {
    const refs = walk(body).filter(({ key }) => key === '$ref').map(({ value }) => String(value));
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) {
      expect(ref).toMatch(/^#\//);
      const target = ref
        .slice(2)
        .split('/')
        .reduce<unknown>((node, part) => (node && typeof node === 'object' ? (node as Json)[part.replaceAll('~1', '/').replaceAll('~0', '~')] : undefined), body);
      expect([ref, target === undefined ? 'missing' : 'found']).toEqual([ref, 'found']);
    }
  });

  it('uses only REST API extensions, each where API Gateway reads it', () => {
    const found = walk(body).filter(({ key }) => key.startsWith('x-amazon-apigateway-'));
    expect(found.length).toBeGreaterThan(0);
    for (const { pointer, key } of found) {
      const place = REST_EXTENSIONS[key];
      expect([key, place !== undefined]).toEqual([key, true]);
      const at =
        pointer === '#' ? 'root' : /^#\/paths\/[^/]+\/[^/]+$/.test(pointer) ? 'operation' : /^#\/components\/securitySchemes\/[^/]+$/.test(pointer) ? 'security-scheme' : pointer;
      const allowed: string[] = place === 'root-or-operation' ? ['root', 'operation'] : [place ?? ''];
      expect([key, at, allowed.includes(at)]).toEqual([key, at, true]);
    }
  });

  it('gives every operation a well-formed x-amazon-apigateway-integration (REST APIs need one inline per method)', () => {
    expect(operations.length).toBeGreaterThan(0);
    for (const { id, operation } of operations) {
      const integration = operation['x-amazon-apigateway-integration'] as Json | undefined;
      expect([id, integration === undefined ? 'no integration' : 'integration']).toEqual([id, 'integration']);
      if (!integration) continue;
      expect([id, Object.keys(integration).filter((field) => !INTEGRATION_FIELDS.has(field))]).toEqual([id, []]);
      expect(INTEGRATION_TYPES).toContain(integration.type);
      if (integration.type !== 'mock') {
        expect([id, typeof integration.uri]).toEqual([id, 'string']);
        expect([id, typeof integration.httpMethod]).toEqual([id, 'string']);
      }
      // A Lambda proxy integration invokes the function with POST through the Lambda invoke URI.
      if (integration.type === 'aws_proxy' && /:lambda:path\//.test(String(integration.uri))) {
        expect([id, integration.httpMethod]).toEqual([id, 'POST']);
        // The function ARN may carry a version or alias qualifier (":live"): API Gateway then invokes that alias.
        expect(String(integration.uri)).toMatch(/^arn:aws[a-z-]*:apigateway:[a-z0-9-]+:lambda:path\/2015-03-31\/functions\/arn:aws[a-z-]*:lambda:[a-z0-9-]+:\d{12}:function:[A-Za-z0-9_-]{1,64}(:[A-Za-z0-9_-]{1,128})?\/invocations$/);
      }
      if (integration.passthroughBehavior !== undefined) expect(['when_no_match', 'when_no_templates', 'never']).toContain(integration.passthroughBehavior);
      if (integration.contentHandling !== undefined) expect(['CONVERT_TO_BINARY', 'CONVERT_TO_TEXT']).toContain(integration.contentHandling);
      if (integration.connectionType !== undefined) expect(['INTERNET', 'VPC_LINK']).toContain(integration.connectionType);
      if (integration.timeoutInMillis !== undefined) {
        expect(Number.isInteger(integration.timeoutInMillis)).toBe(true);
        expect(integration.timeoutInMillis).toBeGreaterThanOrEqual(50);
        // 29 s is the default quota; raising it is a quota request, not an import setting.
        expect(integration.timeoutInMillis).toBeLessThanOrEqual(29000);
      }
      for (const [selector, response] of Object.entries((integration.responses ?? {}) as Record<string, Json>)) {
        expect([id, selector, String(response.statusCode)]).toEqual([id, selector, expect.stringMatching(/^[1-5]\d\d$/)]);
        // Every method.response.header.X the integration response sets must be declared on the method response.
        const declared = ((operation.responses as Record<string, Json> | undefined)?.[String(response.statusCode)]?.headers ?? {}) as Json;
        for (const header of Object.keys((response.responseParameters ?? {}) as Json)) {
          const name = header.replace(/^method\.response\.header\./, '');
          expect([id, header, header.startsWith('method.response.header.') && name in declared]).toEqual([id, header, true]);
        }
      }
    }
  });

  // A Lambda integration may name a qualified function ARN (an alias or a version) in its URI; the
  // invoke permission must then be granted on that qualifier (.../api-gateway-create-api-as-simple-proxy-for-lambda.html,
  // .../lambda/latest/dg/configuration-aliases.html). Every caller of DOFS invokes the alias `live`.
  it("invokes the api-handler's alias live: the alias's invoke ARN in every URI, the permission on that qualifier", async () => {
    const lambdaUris = operations
      .map(({ operation }) => operation['x-amazon-apigateway-integration'] as Json | undefined)
      .filter((integration) => integration?.type === 'aws_proxy')
      .map((integration) => String(integration?.uri));
    expect(lambdaUris.length).toBeGreaterThan(0);
    for (const uri of lambdaUris) expect(uri).toMatch(/:function:dofs-dev-api-handler:live\/invocations$/);
    const gateway = modulesOf(await parseDir('')).api_gateway ?? {};
    expect(gateway.api_handler_invoke_arn).toBe('${module.lambdas.alias_invoke_arns[local.api_handlers[0]]}');
    expect(gateway.api_handler_qualifier).toBe('${module.lambdas.alias_name}');
    const permission = blocksOf(await parseDir('modules/api_gateway'), 'resource', 'aws_lambda_permission')[0]?.body ?? {};
    expect(permission.qualifier).toBe('${var.api_handler_qualifier}');
    expect(permission.function_name).toBe('${var.api_handler_function_name}');
  });

  it('names only request validators that x-amazon-apigateway-request-validators defines, each of the documented shape', () => {
    const validators = (body['x-amazon-apigateway-request-validators'] ?? {}) as Record<string, Json>;
    for (const [name, validator] of Object.entries(validators)) {
      for (const [field, value] of Object.entries(validator)) {
        expect(['validateRequestBody', 'validateRequestParameters']).toContain(field);
        expect([name, field, typeof value]).toEqual([name, field, 'boolean']);
      }
    }
    const named = [body['x-amazon-apigateway-request-validator'], ...operations.map(({ operation }) => operation['x-amazon-apigateway-request-validator'])].filter((v) => v !== undefined);
    expect(named.length).toBeGreaterThan(0);
    for (const name of named) expect(Object.keys(validators)).toContain(name);
  });

  it('validates every request body and parameter the operations declare (a validator that checks them is named)', () => {
    const validators = (body['x-amazon-apigateway-request-validators'] ?? {}) as Record<string, Json>;
    const fallback = body['x-amazon-apigateway-request-validator'] as string | undefined;
    for (const { id, operation, pathItem } of operations) {
      const validator = validators[(operation['x-amazon-apigateway-request-validator'] as string | undefined) ?? fallback ?? ''];
      if (operation.requestBody) expect([id, validator?.validateRequestBody]).toEqual([id, true]);
      const parameters = [...((pathItem.parameters as unknown[]) ?? []), ...((operation.parameters as unknown[]) ?? [])];
      if (parameters.length > 0 && !id.startsWith('OPTIONS')) expect([id, validator?.validateRequestParameters]).toEqual([id, true]);
    }
  });

  it('gives gateway responses only documented types, each with a status code, header mappings and templates of the documented shape', () => {
    const responses = (body['x-amazon-apigateway-gateway-responses'] ?? {}) as Record<string, Json>;
    expect(Object.keys(responses).length).toBeGreaterThan(0);
    for (const [type, response] of Object.entries(responses)) {
      expect([type, GATEWAY_RESPONSE_TYPES.has(type)]).toEqual([type, true]);
      for (const field of Object.keys(response)) expect(['statusCode', 'responseParameters', 'responseTemplates']).toContain(field);
      // AWS documents statusCode as a string ("403"); the YAML here writes a bare integer, which reads the same.
      if (response.statusCode !== undefined) expect([type, String(response.statusCode)]).toEqual([type, expect.stringMatching(/^[1-5]\d\d$/)]);
      for (const [header, value] of Object.entries((response.responseParameters ?? {}) as Json)) {
        expect(header).toMatch(/^gatewayresponse\.header\.[A-Za-z0-9-]+$/);
        // A static value is quoted; a mapped one names a method.request/context/stageVariables source.
        expect(String(value)).toMatch(/^('.*'|method\.request\.(header|querystring|path)\.[A-Za-z0-9_-]+|context\.[A-Za-z.]+|stageVariables\.[A-Za-z0-9_]+)$/);
      }
      for (const [mediaType, template] of Object.entries((response.responseTemplates ?? {}) as Json)) {
        expect(mediaType).toMatch(/^[a-z]+\/[a-z0-9.+-]+$/);
        expect(typeof template).toBe('string');
      }
    }
  });

  it('when it sets an api-key source, sets HEADER or AUTHORIZER, and every key-protected operation reads the key from x-api-key', () => {
    const source = body['x-amazon-apigateway-api-key-source'];
    if (source !== undefined) expect(['HEADER', 'AUTHORIZER']).toContain(source);
    const schemes = (components.securitySchemes ?? {}) as Record<string, Json>;
    for (const [name, scheme] of Object.entries(schemes)) {
      // The REST notes: a securitySchemes type, if used, must be apiKey (other auth is a Lambda authorizer via extensions).
      expect([name, scheme.type]).toEqual([name, 'apiKey']);
      expect(['header', 'query']).toContain(scheme.in);
      if (scheme['x-amazon-apigateway-authtype'] === undefined && scheme['x-amazon-apigateway-authorizer'] === undefined) {
        // A plain API key scheme is API Gateway's own key check: the header is x-api-key.
        expect([name, String(scheme.name).toLowerCase(), scheme.in]).toEqual([name, 'x-api-key', 'header']);
      }
    }
    const requirements = [body.security, ...operations.map(({ operation }) => operation.security)].filter(Array.isArray).flat() as Json[];
    for (const requirement of requirements) for (const name of Object.keys(requirement)) expect(Object.keys(schemes)).toContain(name);
  });
});
