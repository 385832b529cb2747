import { readFile } from 'node:fs/promises';
import { parse } from 'yaml';
import * as contracts from '@dofs/contracts';
import { fillPlaceholders, placeholdersOf } from '@dofs/contracts';
import { StartupError } from '../startup-error';

/** A request body check compiled from the same schema API Gateway's model is made of. */
export type BodyValidator = (body: unknown) => boolean;

export interface Parameter {
  readonly name: string;
  readonly in: 'path' | 'query' | 'header';
  readonly required: boolean;
}

export interface Route {
  readonly method: string;
  /** API Gateway's resource path, e.g. /order/{order_id} */
  readonly resourcePath: string;
  readonly operationId: string;
  readonly pattern: RegExp;
  readonly pathParameterNames: readonly string[];
  readonly parameters: readonly Parameter[];
  readonly validateBody: boolean;
  readonly validateParameters: boolean;
  /** `security` names an apiKey scheme (x-api-key in the header): API Gateway's apiKeyRequired */
  readonly apiKeyRequired: boolean;
  readonly body?: { readonly required: boolean; readonly contentTypes: readonly string[]; readonly validator: BodyValidator };
  readonly integration: LambdaIntegration | MockIntegration;
}

/** aws_proxy: the request becomes a proxy event for the function. */
export interface LambdaIntegration {
  readonly type: 'aws_proxy';
  readonly functionName: string;
  readonly timeoutMs: number;
}

/** mock: API Gateway answers by itself, with the integration response's status and headers. */
export interface MockIntegration {
  readonly type: 'mock';
  readonly statusCode: number;
  readonly headers: Readonly<Record<string, string>>;
}

export interface GatewayResponse {
  readonly statusCode?: number;
  readonly responseTemplates?: Readonly<Record<string, string>>;
  readonly responseParameters?: Readonly<Record<string, string>>;
}

export interface ApiDefinition {
  readonly routes: readonly Route[];
  readonly gatewayResponses: Readonly<Record<string, GatewayResponse>>;
}

type Doc = Record<string, unknown>;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];

function deref<T>(doc: Doc, value: unknown): T {
  const ref = (value as { $ref?: string } | undefined)?.$ref;
  if (!ref) return value as T;
  if (!ref.startsWith('#/')) throw new StartupError(`openapi.yaml: only local $refs are supported (${ref})`);
  const target = ref
    .slice(2)
    .split('/')
    .reduce<unknown>((node, key) => (node as Doc | undefined)?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
  if (target === undefined) throw new StartupError(`openapi.yaml: ${ref} does not exist`);
  return deref<T>(doc, target);
}

/**
 * The validator generated from this schema (libs/contracts compiles one per component schema,
 * named validate<Component>): the schema API Gateway's model is built from.
 */
function validatorFor(schema: unknown, where: string): BodyValidator {
  const ref = (schema as { $ref?: string } | undefined)?.$ref;
  const component = ref?.match(/^#\/components\/schemas\/([A-Za-z0-9_]+)$/)?.[1];
  const validator = component ? (contracts as Record<string, unknown>)[`validate${component}`] : undefined;
  if (typeof validator !== 'function') {
    throw new StartupError(`openapi.yaml: ${where} needs a generated validator (a $ref to a component schema, then \`npm run codegen\`).`);
  }
  return validator as BodyValidator;
}

function integrationFunction(uri: string, resolve: (name: string) => string | undefined, where: string): string {
  const values: Record<string, string> = {};
  for (const name of placeholdersOf(uri)) {
    const value = resolve(name);
    if (value === undefined) throw new StartupError(`openapi.yaml: ${where}: no local value for the placeholder \${${name}}.`);
    values[name] = value;
  }
  const filled = fillPlaceholders(uri, values);
  const functionArn = /\/functions\/(arn:aws:lambda:[^/]+)\/invocations$/.exec(filled)?.[1];
  const name = functionArn?.split(':function:')[1]?.split(':')[0];
  if (!name) throw new StartupError(`openapi.yaml: ${where}: the integration uri ${filled} does not name a Lambda function.`);
  return name;
}

interface IntegrationSpec {
  type?: string;
  uri?: string;
  timeoutInMillis?: number;
  responses?: Record<string, { statusCode?: string; responseParameters?: Record<string, string> }>;
}

/** A mock integration's default response: its status and its static header values ('...' literals). */
function mockIntegration(integration: IntegrationSpec, where: string): MockIntegration {
  const response = integration.responses?.['default'];
  if (!response?.statusCode) throw new StartupError(`openapi.yaml: ${where}: a mock integration needs responses.default.statusCode.`);
  const headers: Record<string, string> = {};
  for (const [key, value] of Object.entries(response.responseParameters ?? {})) {
    const header = /^method\.response\.header\.(.+)$/.exec(key)?.[1];
    const literal = /^'(.*)'$/.exec(value)?.[1];
    if (!header || literal === undefined) throw new StartupError(`openapi.yaml: ${where}: only static response headers ('value') run locally (${key}).`);
    headers[header] = literal;
  }
  return { type: 'mock', statusCode: Number(response.statusCode), headers };
}

/**
 * API Gateway's import sets apiKeyRequired on an operation whose `security` (or the document's)
 * names an apiKey scheme; the key is then read from x-api-key (api key source HEADER).
 */
function requiresApiKey(doc: Doc, operation: Doc, where: string): boolean {
  const security = (operation['security'] ?? doc['security'] ?? []) as Record<string, unknown>[];
  const schemes = ((doc['components'] as Doc | undefined)?.['securitySchemes'] ?? {}) as Record<string, { type?: string; in?: string; name?: string }>;
  return security.some((requirement) =>
    Object.keys(requirement).some((name) => {
      const scheme = schemes[name];
      if (!scheme) throw new StartupError(`openapi.yaml: ${where}: security scheme ${name} is not defined.`);
      if (scheme.type !== 'apiKey') throw new StartupError(`openapi.yaml: ${where}: only apiKey security schemes run locally (${name}).`);
      if (scheme.in !== 'header' || scheme.name?.toLowerCase() !== 'x-api-key')
        throw new StartupError(`openapi.yaml: ${where}: API Gateway reads API keys from the x-api-key header only (${name}).`);
      return true;
    }),
  );
}

/**
 * Reads the routes of contracts/openapi.yaml as API Gateway imports them: each operation's
 * x-amazon-apigateway-integration (aws_proxy to a Lambda function, or mock), its request
 * validator, and the gateway responses.
 */
export async function loadApiDefinition(file: string, resolvePlaceholder: (name: string) => string | undefined): Promise<ApiDefinition> {
  const doc = parse(await readFile(file, 'utf8')) as Doc;
  const validators = (doc['x-amazon-apigateway-request-validators'] ?? {}) as Record<
    string,
    { validateRequestBody?: boolean; validateRequestParameters?: boolean }
  >;
  const defaultValidator = doc['x-amazon-apigateway-request-validator'] as string | undefined;
  const routes: Route[] = [];
  for (const [resourcePath, item] of Object.entries((doc['paths'] ?? {}) as Record<string, Doc>)) {
    const pathParameterNames = [...resourcePath.matchAll(/\{([^}]+)\}/g)].map((m) => m[1] ?? '');
    // a path parameter matches one non-empty segment, as in API Gateway
    const pattern = new RegExp(`^${resourcePath.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\\?\{[^}]+\\?\}/g, '([^/]+)')}$`);
    for (const method of METHODS) {
      const operation = item[method] as Doc | undefined;
      if (!operation) continue;
      const where = `${method.toUpperCase()} ${resourcePath}`;
      const integration = operation['x-amazon-apigateway-integration'] as IntegrationSpec | undefined;
      if (!(integration?.type === 'mock' || (integration?.type === 'aws_proxy' && integration.uri))) {
        throw new StartupError(`openapi.yaml: ${where}: only aws_proxy (Lambda proxy) and mock integrations run locally.`);
      }
      const validatorName = (operation['x-amazon-apigateway-request-validator'] as string | undefined) ?? defaultValidator;
      const validator = validatorName ? validators[validatorName] : undefined;
      if (validatorName && !validator) throw new StartupError(`openapi.yaml: ${where}: request validator ${validatorName} is not defined.`);
      const parameters = [...((item['parameters'] as unknown[]) ?? []), ...((operation['parameters'] as unknown[]) ?? [])].map((p) =>
        deref<Parameter>(doc, p),
      );
      const requestBody = operation['requestBody']
        ? deref<{ required?: boolean; content?: Record<string, { schema?: unknown }> }>(doc, operation['requestBody'])
        : undefined;
      const json = requestBody?.content?.['application/json'];
      routes.push({
        method: method.toUpperCase(),
        resourcePath,
        operationId: String(operation['operationId'] ?? where),
        pattern,
        pathParameterNames,
        parameters: parameters.map((p) => ({ name: p.name, in: p.in, required: Boolean(p.required) })),
        validateBody: Boolean(validator?.validateRequestBody),
        validateParameters: Boolean(validator?.validateRequestParameters),
        apiKeyRequired: requiresApiKey(doc, operation, where),
        ...(requestBody &&
          json && {
            body: {
              required: Boolean(requestBody.required),
              contentTypes: Object.keys(requestBody.content ?? {}),
              validator: validatorFor(json.schema, `${where} request body`),
            },
          }),
        integration:
          integration.type === 'mock'
            ? mockIntegration(integration, where)
            : {
                type: 'aws_proxy',
                functionName: integrationFunction(integration.uri ?? '', resolvePlaceholder, where),
                timeoutMs: integration.timeoutInMillis ?? 29_000,
              },
      });
    }
  }
  return { routes, gatewayResponses: (doc['x-amazon-apigateway-gateway-responses'] ?? {}) as Record<string, GatewayResponse> };
}
