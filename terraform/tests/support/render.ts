// Renders a Terraform configuration the way `terraform plan` would compute what IAM sees: the
// root module with its input variables, its child modules with the inputs the root gives them,
// their locals, and every aws_iam_policy_document as the JSON policy the provider produces. Only
// what a test reads is evaluated (lazily). Values AWS assigns (ARNs, ids) are built from each
// resource's own name attribute in the ARN format of its type, for one account and region.
import path from 'node:path';
import { evaluateValue, lazyLocals, Unsupported, type Scope, type Value } from './hcl-eval';
import { type Body, blocks, type ParsedFile, parseAll, TERRAFORM_DIR } from './terraform';

export const ACCOUNT = '123456789012';
export const REGION = 'ap-south-1';
const PARTITION = 'aws';

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Action: string[];
  Resource: string[];
  Principal?: Record<string, string[]>;
  Condition?: Record<string, Record<string, string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** What ARN (and id) AWS gives a resource of each type, from its evaluated attributes. */
const ARN_OF: Record<string, (attributes: Record<string, Value>) => Record<string, Value>> = {
  aws_iam_role: (a) => ({ arn: `arn:${PARTITION}:iam::${ACCOUNT}:role/${String(a.name)}`, id: a.name, name: a.name }),
  aws_iam_policy: (a) => ({ arn: `arn:${PARTITION}:iam::${ACCOUNT}:policy/${String(a.name)}`, id: a.name, name: a.name }),
  aws_cloudwatch_log_group: (a) => ({ arn: `arn:${PARTITION}:logs:${REGION}:${ACCOUNT}:log-group:${String(a.name)}`, name: a.name }),
  aws_s3_bucket: (a) => ({ arn: `arn:${PARTITION}:s3:::${String(a.bucket)}`, id: a.bucket, bucket: a.bucket }),
  aws_codebuild_project: (a) => ({ arn: `arn:${PARTITION}:codebuild:${REGION}:${ACCOUNT}:project/${String(a.name)}`, name: a.name }),
  aws_codepipeline: (a) => ({ arn: `arn:${PARTITION}:codepipeline:${REGION}:${ACCOUNT}:${String(a.name)}`, name: a.name }),
  aws_codeconnections_connection: (a) => ({ arn: `arn:${PARTITION}:codeconnections:${REGION}:${ACCOUNT}:connection/0f1e2d3c-${String(a.name)}`, name: a.name }),
  aws_sns_topic: (a) => ({ arn: `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:${String(a.name)}`, name: a.name, id: `arn:${PARTITION}:sns:${REGION}:${ACCOUNT}:${String(a.name)}` }),
  aws_kms_key: () => ({ arn: `arn:${PARTITION}:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`, key_id: '1234abcd-12ab-34cd-56ef-1234567890ab' }),
  aws_sqs_queue: (a) => ({ arn: `arn:${PARTITION}:sqs:${REGION}:${ACCOUNT}:${String(a.name)}`, name: a.name, url: `https://sqs.${REGION}.amazonaws.com/${ACCOUNT}/${String(a.name)}` }),
  aws_dynamodb_table: (a) => ({ arn: `arn:${PARTITION}:dynamodb:${REGION}:${ACCOUNT}:table/${String(a.name)}`, name: a.name, id: a.name }),
  aws_lambda_function: (a) => {
    const arn = `arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:${String(a.function_name)}`;
    // the first version a publish = true function gets
    return { arn, function_name: a.function_name, version: '1', invoke_arn: `arn:${PARTITION}:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn}/invocations` };
  },
  aws_lambda_alias: (a) => {
    const arn = `arn:${PARTITION}:lambda:${REGION}:${ACCOUNT}:function:${String(a.function_name)}:${String(a.name)}`;
    return { arn, name: a.name, invoke_arn: `arn:${PARTITION}:apigateway:${REGION}:lambda:path/2015-03-31/functions/${arn}/invocations` };
  },
  aws_codedeploy_app: (a) => ({ arn: `arn:${PARTITION}:codedeploy:${REGION}:${ACCOUNT}:application:${String(a.name)}`, name: a.name }),
  aws_sfn_state_machine: (a) => ({ arn: `arn:${PARTITION}:states:${REGION}:${ACCOUNT}:stateMachine:${String(a.name)}`, name: a.name }),
};

/** Attributes a resource type computes from another of its own: terraform_data's output is its input. */
const MIRRORED: Record<string, Record<string, string>> = {
  terraform_data: { output: 'input' },
};

/** The attributes a resource's ARN is made of. */
const NAME_ATTRIBUTES = ['name', 'bucket', 'function_name'];

export interface RenderedModule {
  readonly dir: string;
  /** every instance of every resource of a type in this module, as attribute objects */
  instancesOf(type: string): Record<string, Value>[];
  /** a child module instance as the root instantiates it: child('lambdas'), child('cicd[0]') */
  child(name: string): RenderedModule;
  /** the output blocks, as parsed */
  readonly outputs: Record<string, Body[]>;
  /** `var`, `local`, `data`, resources, `module`: what expressions of this module see */
  readonly scope: Scope;
  /** every aws_iam_policy_document of this module, by `name` or `name[key]` */
  documents(): Map<string, PolicyDocument>;
  /** an attribute of this module, evaluated: value('aws_iam_role.this["x"].name') */
  value(expression: string): Value;
}

function lazyObject(keys: readonly string[], build: (key: string) => Value, where: string): Record<string, Value> {
  const cache = new Map<string, Value>();
  return new Proxy(
    {},
    {
      has: (_t, key) => typeof key === 'string' && keys.includes(key),
      ownKeys: () => [...keys],
      getOwnPropertyDescriptor: (_t, key) => (typeof key === 'string' && keys.includes(key) ? { enumerable: true, configurable: true } : undefined),
      get: (_t, key) => {
        if (typeof key !== 'string' || !keys.includes(key)) throw new Unsupported(`${where}: no ${String(key)}`);
        if (!cache.has(key)) cache.set(key, build(key));
        return cache.get(key);
      },
    },
  );
}

/**
 * The instances of a block with for_each (an object by key), count (a list) or neither (the
 * single instance), each built with `each` / `count` in scope.
 */
function instances(body: Body, scope: Scope, where: string, build: (scope: Scope) => Value): Value {
  if ('for_each' in body) {
    const source = evaluateValue(body.for_each, scope, `${where}.for_each`);
    // Terraform orders map keys (and set elements) lexically
    const entries: [string, Value][] = (Array.isArray(source) ? source.map((v): [string, Value] => [String(v), v]) : Object.entries(source as object)).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return lazyObject(
      entries.map(([key]) => key),
      (key) => build({ ...scope, each: { key, value: entries.find(([k]) => k === key)?.[1] } }),
      where,
    );
  }
  if ('count' in body) {
    const count = Number(evaluateValue(body.count, scope, `${where}.count`));
    return Array.from({ length: count }, (_, index) => build({ ...scope, count: { index } }));
  }
  return build(scope);
}

function statementOf(raw: Body, scope: Scope, where: string): PolicyStatement {
  const value = (name: string) => evaluateValue(raw[name], scope, `${where}.${name}`);
  const list = (name: string): string[] => (raw[name] === undefined ? [] : (value(name) as Value[]).map(String));
  const statement: PolicyStatement = {
    ...(raw.sid === undefined ? {} : { Sid: String(value('sid')) }),
    Effect: raw.effect === undefined ? 'Allow' : (String(value('effect')) as 'Allow' | 'Deny'),
    Action: list('actions'),
    Resource: list('resources'),
  };
  if (raw.not_actions !== undefined || raw.not_resources !== undefined || raw.not_principals !== undefined) {
    throw new Unsupported(`${where}: not_* elements are not rendered`);
  }
  const principals = blocks(raw, 'principals');
  if (principals.length > 0) {
    statement.Principal = {};
    for (const principal of principals) {
      const type = String(evaluateValue(principal.type, scope, where));
      statement.Principal[type] = [...(statement.Principal[type] ?? []), ...(evaluateValue(principal.identifiers, scope, where) as string[])];
    }
  }
  const conditions = blocks(raw, 'condition');
  if (conditions.length > 0) {
    statement.Condition = {};
    for (const condition of conditions) {
      const test = String(evaluateValue(condition.test, scope, where));
      const variable = String(evaluateValue(condition.variable, scope, where));
      statement.Condition[test] = { ...statement.Condition[test], [variable]: (evaluateValue(condition.values, scope, where) as Value[]).map(String) };
    }
  }
  return statement;
}

/** An aws_iam_policy_document as the provider renders it: statements, then dynamic ones. */
function renderDocument(body: Body, scope: Scope, where: string): PolicyDocument {
  for (const key of Object.keys(body)) {
    if (!['statement', 'dynamic', 'for_each', 'count', 'version'].includes(key)) throw new Unsupported(`${where}: ${key} is not rendered`);
  }
  const statements = blocks(body, 'statement').map((raw, index) => statementOf(raw, scope, `${where}.statement[${index}]`));
  const rawDynamic = body.dynamic;
  const dynamics = (Array.isArray(rawDynamic) ? rawDynamic : rawDynamic ? [rawDynamic] : []) as Body[];
  for (const dynamic of dynamics) {
    for (const block of blocks(dynamic, 'statement')) {
      const iterator = block.iterator === undefined ? 'statement' : String(block.iterator);
      const source = evaluateValue(block.for_each, scope, `${where}.dynamic.for_each`);
      const entries: [Value, Value][] = Array.isArray(source) ? source.map((v, i) => [i, v]) : Object.entries(source as object);
      for (const [key, value] of entries) {
        for (const content of blocks(block, 'content')) statements.push(statementOf(content, { ...scope, [iterator]: { key, value } }, `${where}.dynamic`));
      }
    }
  }
  return { Version: '2012-10-17', Statement: statements };
}

/** Every .tf file of the configuration, parsed once, by directory ("" for the root). */
export async function loadConfiguration(): Promise<Configuration> {
  const byDir = new Map<string, ParsedFile[]>();
  for (const file of await parseAll()) {
    const dir = path.posix.dirname(file.file) === '.' ? '' : path.posix.dirname(file.file);
    byDir.set(dir, [...(byDir.get(dir) ?? []), file]);
  }
  return { render: (dir, inputs) => renderModule(byDir, dir, inputs) };
}

export interface Configuration {
  /** The module in `dir` (relative to terraform/, "" for the root) with these input variables. */
  render(dir: string, inputs: Readonly<Record<string, Value>>): RenderedModule;
}

function renderModule(byDir: ReadonlyMap<string, ParsedFile[]>, dir: string, inputs: Readonly<Record<string, Value>>): RenderedModule {
  const files = byDir.get(dir);
  if (!files) throw new Unsupported(`no module in terraform/${dir}`);
  const where = dir || 'root';
  const merged = <T>(pick: (file: ParsedFile) => Record<string, T> | undefined): Record<string, T> => Object.assign({}, ...files.map((file) => pick(file) ?? {}));
  const variables = merged((file) => file.hcl.variable);
  // blocks of one type may be spread over several files
  const byType = (kind: 'resource' | 'data'): Record<string, Record<string, Body[]>> => {
    const all: Record<string, Record<string, Body[]>> = {};
    for (const file of files) for (const [type, named] of Object.entries(file.hcl[kind] ?? {})) all[type] = { ...all[type], ...named };
    return all;
  };
  const resources = byType('resource');
  const data = byType('data');
  const modules = merged((file) => file.hcl.module);
  const outputs = merged((file) => file.hcl.output);
  const rawLocals: Record<string, Value> = Object.assign({}, ...files.flatMap((file) => file.hcl.locals ?? []));

  const variableValues = lazyObject(
    Object.keys(variables),
    (name) => {
      if (name in inputs) return withOptionalDefaults(resolveInput(inputs[name]), String((variables[name]?.[0] as Body).type ?? ''));
      const body = variables[name]?.[0] as Body;
      if (!('default' in body)) throw new Unsupported(`${where}: the input variable ${name} has no value`);
      return body.default;
    },
    `${where} var`,
  );

  let scope: Scope = {};
  const resourceOf = (type: string, bodies: Record<string, Body[]>) =>
    lazyObject(
      Object.keys(bodies),
      (name) => {
        const body = bodies[name]?.[0] as Body;
        return instances(body, scope, `${where} ${type}.${name}`, (inner) => {
          const attributes: Record<string, Value> = {};
          for (const attribute of NAME_ATTRIBUTES) if (attribute in body) attributes[attribute] = evaluateValue(body[attribute], inner, `${where} ${type}.${name}.${attribute}`);
          const known = ARN_OF[type]?.(attributes) ?? {};
          const mirrored = MIRRORED[type] ?? {};
          return lazyObject(
            [...new Set([...Object.keys(known), ...Object.keys(body), ...Object.keys(mirrored)])],
            (attribute) =>
              attribute in known
                ? known[attribute]
                : evaluateValue(body[mirrored[attribute] ?? attribute], inner, `${where} ${type}.${name}.${mirrored[attribute] ?? attribute}`),
            `${where} ${type}.${name}`,
          );
        });
      },
      `${where} ${type}`,
    );

  const dataSources: Record<string, Value> = {
    aws_caller_identity: { current: { account_id: ACCOUNT } },
    aws_partition: { current: { partition: PARTITION } },
    aws_region: { current: { name: REGION, region: REGION } },
    aws_iam_policy_document: lazyObject(
      Object.keys(data.aws_iam_policy_document ?? {}),
      (name) => {
        const body = data.aws_iam_policy_document?.[name]?.[0] as Body;
        return instances(body, scope, `${where} data.aws_iam_policy_document.${name}`, (inner) => {
          const document = renderDocument(body, inner, `${where} ${name}`);
          return { json: JSON.stringify(document), document };
        });
      },
      `${where} data.aws_iam_policy_document`,
    ),
  };
  for (const type of Object.keys(data)) {
    if (!(type in dataSources)) throw new Unsupported(`${where}: the data source ${type} is not rendered`);
  }

  const rendered = new Map<string, RenderedModule>();
  const childModules = lazyObject(
    Object.keys(modules),
    (name) => {
      const body = modules[name]?.[0] as Body;
      const childDir = path.posix.normalize(path.posix.join(dir || '.', String(body.source)));
      return instances(body, scope, `${where} module.${name}`, (inner) => {
        const childInputs = Object.fromEntries(
          Object.keys(body)
            .filter((key) => !['source', 'count', 'for_each', 'depends_on', 'providers'].includes(key))
            .map((key) => [key, lazyInput(() => evaluateValue(body[key], inner, `${where} module.${name}.${key}`))]),
        );
        const child = renderModule(byDir, childDir === '.' ? '' : childDir, childInputs);
        const instanceKey = 'each' in inner ? `${name}[${String((inner.each as { key: string }).key)}]` : 'count' in inner ? `${name}[${String((inner.count as { index: number }).index)}]` : name;
        rendered.set(instanceKey, child);
        return lazyObject(
          Object.keys(child.outputs),
          (output) => evaluateValue((child.outputs[output]?.[0] as Body).value, child.scope, `${childDir} output.${output}`),
          `${where} module.${name}`,
        );
      });
    },
    `${where} module`,
  );

  scope = {
    var: variableValues,
    local: lazyLocals(rawLocals, () => scope, where),
    data: dataSources,
    module: childModules,
    path: { root: TERRAFORM_DIR, module: path.join(TERRAFORM_DIR, dir) },
    ...Object.fromEntries(Object.entries(resources).map(([type, bodies]) => [type, resourceOf(type, bodies)])),
  };

  return {
    dir,
    scope,
    outputs,
    instancesOf: (type) => {
      const byName = (scope[type] ?? {}) as Record<string, Value>;
      return Object.keys(resources[type] ?? {}).flatMap((name) => {
        const body = resources[type]?.[name]?.[0] as Body;
        const instance = byName[name] as Record<string, Value> | Record<string, Value>[];
        if (Array.isArray(instance)) return instance;
        if ('for_each' in body) return Object.keys(instance).map((key) => instance[key] as Record<string, Value>);
        return [instance];
      });
    },
    child: (name) => {
      // reading module.<name> instantiates it (and records each instance in `rendered`)
      Reflect.get(childModules, name.replace(/\[.*$/, ''));
      const found = rendered.get(name);
      if (!found) throw new Unsupported(`${where}: no module instance ${name}`);
      return found;
    },
    documents: () => {
      const documents = new Map<string, PolicyDocument>();
      const all = dataSources.aws_iam_policy_document as Record<string, Value>;
      for (const name of Object.keys(all)) {
        const rendered = all[name] as Record<string, Value> | Value[];
        if (Array.isArray(rendered)) rendered.forEach((instance, index) => documents.set(`${name}[${index}]`, (instance as { document: PolicyDocument }).document));
        else if ('document' in rendered) documents.set(name, rendered.document as PolicyDocument);
        else for (const key of Object.keys(rendered)) documents.set(`${name}[${key}]`, (rendered[key] as { document: PolicyDocument }).document);
      }
      return documents;
    },
    value: (expression) => evaluateValue(`\${${expression}}`, scope, `${where}: ${expression}`),
  };
}

/**
 * Terraform fills the optional attributes of an object type with their defaults (or null) when a
 * value is converted to the variable's type: `map(object({ a = optional(bool, true) }))`.
 */
function withOptionalDefaults(value: Value, type: string): Value {
  const optional = [...type.matchAll(/(\w+)\s*=\s*optional\(\s*[a-z]+(?:\([^)]*\))?\s*(?:,\s*([^)]+?))?\s*\)/g)];
  if (optional.length === 0 || value === null || typeof value !== 'object') return value;
  const fill = (object: Record<string, Value>): Record<string, Value> => {
    const filled = { ...object };
    for (const [, name = '', fallback] of optional) if (!(name in filled)) filled[name] = fallback === undefined ? null : (JSON.parse(fallback) as Value);
    return filled;
  };
  if (/^\$\{map\(object\(/.test(type)) return Object.fromEntries(Object.entries(value as Record<string, Record<string, Value>>).map(([key, item]) => [key, fill(item)]));
  if (/^\$\{object\(/.test(type)) return fill(value as Record<string, Value>);
  return value;
}

/** A module input is evaluated in the calling module's scope when the child first reads it. */
const LAZY = Symbol('lazy input');
function lazyInput(evaluate: () => Value): Value {
  return { [LAZY]: evaluate };
}
function resolveInput(value: Value): Value {
  return value !== null && typeof value === 'object' && LAZY in value ? (value as { [LAZY]: () => Value })[LAZY]() : value;
}
