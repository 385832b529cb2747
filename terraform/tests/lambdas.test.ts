// Every Lambda app has exactly one function, with the handler its bundle provides, every
// environment variable its code requires, and exactly the permissions its manifest lists.
import { TABLES } from '@dofs/contracts';
import { appProjects, block, blocksIncludingDynamic, blocksOf, expressionText, lambdaManifests, localsOf, modulesOf, parseDir, variablesOf } from './support/terraform';

const manifests = lambdaManifests();
const apps = Object.keys(manifests);

/** The root's lookup tables from a manifest token ("table:orders") to this deployment's value. */
async function rootLookups(): Promise<{ environment: Set<string>; permissions: Set<string>; pattern: RegExp }> {
  const root = await parseDir('');
  const main = root.find((parsed) => parsed.file === 'main.tf')?.text ?? '';
  const keysOf = (name: string): Set<string> => {
    const text = expressionText(main, name);
    const literal = [...text.matchAll(/"([a-z_]+:[A-Za-z0-9_-]+)"\s*=/g)].map((m) => m[1] as string);
    // `{ for key, ... in module.dynamodb.table_* : "table:${key}" => ... }` covers every table.
    const tables = /for key, \w+ in module\.dynamodb\.table_\w+ : "table:\$\{key\}"/.test(text) ? Object.keys(TABLES).map((t) => `table:${t}`) : [];
    // `{ for key, arn in module.dynamodb.index_arns : "index:${key}" => arn }` covers every index of every table.
    const indexes = /for key, \w+ in module\.dynamodb\.index_arns : "index:\$\{key\}"/.test(text)
      ? Object.entries(TABLES).flatMap(([table, definition]) => definition.global_secondary_indexes.map((index) => `index:${table}/${index.name}`))
      : [];
    // `"queue:${local.queue_name}"` and `"queue:${local.dead_letter_queue_name}"`.
    const queues = [...text.matchAll(/"queue:\$\{local\.(queue_name|dead_letter_queue_name)\}"/g)].map((m) => (m[1] === 'queue_name' ? 'queue:order_queue' : 'queue:order_dlq'));
    return new Set([...literal, ...tables, ...indexes, ...queues]);
  };
  const pattern = String(localsOf(root).permission_pattern);
  return { environment: keysOf('environment_sources'), permissions: keysOf('resource_arns'), pattern: new RegExp(pattern) };
}

describe('Lambda apps and functions', () => {
  it('finds the five Lambda apps', () => {
    expect(apps).toEqual(['api-handler', 'dlq-processor', 'fulfill-order', 'order-storage', 'validator']);
  });

  it('every app with a bundle target has a manifest, and every manifest belongs to such an app', () => {
    const bundled = Object.entries(appProjects())
      .filter(([, project]) => project.targets?.bundle && project.tags?.includes('scope:lambda'))
      .map(([app]) => app)
      .sort();
    expect(bundled).toEqual(apps);
  });

  it('the root makes one function per manifest (fileset of apps/*/lambda.json), and the module one resource for them', async () => {
    const locals = localsOf(await parseDir(''));
    expect(String(locals.lambda_manifests)).toContain('fileset("${path.root}/../apps", "*/lambda.json")');
    expect(String(locals.lambda_manifests)).toContain('dirname(manifest) => jsondecode(');
    expect(String(locals.functions)).toMatch(/^\$\{\{\s*for app, manifest in local\.lambda_manifests : app =>/);
    expect(modulesOf(await parseDir('')).lambdas?.functions).toBe('${local.functions}');
    const functions = blocksOf(await parseDir('modules/lambdas'), 'resource', 'aws_lambda_function');
    expect(functions.map((f) => `${f.name} for_each ${String(f.body.for_each)}`)).toEqual(['this for_each ${var.functions}']);
    expect(blocksOf(await parseDir(''), 'resource', 'aws_lambda_function')).toEqual([]);
  });

  it('every function key the root refers to is an app', async () => {
    const text = (await parseDir('')).map((parsed) => parsed.text).join('\n');
    const referenced = [...text.matchAll(/function_(?:arns|names)\["([a-z-]+)"\]/g)].map((m) => m[1] as string);
    expect(referenced.length).toBeGreaterThan(0);
    for (const app of referenced) expect(apps).toContain(app);
  });

  it.each(apps)('%s: the handler names the file its bundle produces', (app) => {
    const manifest = manifests[app];
    const [file, exported] = (manifest?.handler ?? '').split('.');
    expect(exported).toBe('handler');
    const project = appProjects()[app];
    expect(project?.targets?.build?.options?.outputFileName).toBe(`${file}.js`);
    expect(project?.targets?.bundle?.outputs).toContain(`{workspaceRoot}/dist/artifacts/${app}.zip`);
  });

  it('the root deploys dist/artifacts/<app>.zip, the bundle target output', async () => {
    expect(String(localsOf(await parseDir('')).functions)).toContain('package_path = "${path.root}/${var.artifacts_dir}/${app}.zip"');
    expect(variablesOf(await parseDir('')).artifacts_dir?.default).toBe('../dist/artifacts');
  });

  it('runs every function on nodejs24.x, arm64, with active tracing and its own log group', async () => {
    const files = await parseDir('modules/lambdas');
    const variables = variablesOf(files);
    expect(variables.runtime?.default).toBe('nodejs24.x');
    expect(variables.architecture?.default).toBe('arm64');
    const fn = blocksOf(files, 'resource', 'aws_lambda_function')[0]?.body ?? {};
    expect(fn.runtime).toBe('${var.runtime}');
    expect(fn.architectures).toEqual(['${var.architecture}']);
    expect(fn.handler).toBe('${each.value.handler}');
    expect(block(fn, 'tracing_config')?.mode).toBe('Active');
    const group = blocksOf(files, 'resource', 'aws_cloudwatch_log_group')[0]?.body ?? {};
    expect(group.name).toBe('/aws/lambda/${var.name_prefix}-${each.key}');
    expect(fn.function_name).toBe('${var.name_prefix}-${each.key}');
  });

  it('uses the manifest timeout, else lambda_timeout; the api-handler stays under the 29 s integration timeout', async () => {
    expect(String(localsOf(await parseDir('')).function_timeouts)).toContain('try(manifest.timeout_seconds, var.lambda_timeout)');
    expect(manifests['api-handler']?.timeout_seconds).toBeLessThan(29);
  });
});

describe('environment variables', () => {
  it.each(apps)('%s: every required variable has a source the root resolves', async (app) => {
    const { environment } = await rootLookups();
    const required = Object.entries(manifests[app]?.environment ?? {}).filter(([, v]) => v.required);
    for (const [name, variable] of required) expect(`${name} <- ${variable.source}: ${environment.has(variable.source)}`).toBe(`${name} <- ${variable.source}: true`);
  });

  it.each(apps)('%s: every optional variable is resolvable or explicitly unset (source "none")', async (app) => {
    const { environment } = await rootLookups();
    const optional = Object.entries(manifests[app]?.environment ?? {}).filter(([, v]) => !v.required);
    for (const [, variable] of optional) expect(environment.has(variable.source) || variable.source === 'none').toBe(true);
  });

  it('sets every required variable and fails the plan on an unresolvable one (no silent skip)', async () => {
    const functions = String(localsOf(await parseDir('')).functions);
    expect(functions).toContain('name => local.environment_sources[variable.source]');
    expect(functions).toContain('if variable.required || contains(keys(local.environment_sources), variable.source)');
  });

  it('passes each function its environment, plus POWERTOOLS_SERVICE_NAME = the app (the metric `service` dimension)', async () => {
    const fn = blocksOf(await parseDir('modules/lambdas'), 'resource', 'aws_lambda_function')[0]?.body ?? {};
    expect(block(fn, 'environment')?.variables).toBe('${merge({ POWERTOOLS_SERVICE_NAME = each.key, POWERTOOLS_LOG_LEVEL = var.log_level }, each.value.environment)}');
  });
});

describe('permissions', () => {
  it.each(apps)('%s: every permission parses as "<actions> on <kind>:<name>" with exact actions', async (app) => {
    const { pattern } = await rootLookups();
    for (const permission of manifests[app]?.permissions ?? []) {
      const match = pattern.exec(permission);
      expect(match).not.toBeNull();
      for (const action of (match?.[1] ?? '').split(',').map((a) => a.trim())) expect(action).toMatch(/^[a-z0-9-]+:[A-Za-z]+$/);
    }
  });

  it.each(apps)('%s: every permission target is a resource the root resolves to an ARN', async (app) => {
    const { pattern, permissions } = await rootLookups();
    for (const permission of manifests[app]?.permissions ?? []) {
      const target = pattern.exec(permission)?.[2] ?? '';
      expect(`${target}: ${permissions.has(target)}`).toBe(`${target}: true`);
    }
  });

  it('lets only the api-handler Query, on exactly the two orders indexes: not the table, and no Scan anywhere', () => {
    const granted = Object.entries(manifests).flatMap(([app, manifest]) => manifest.permissions.map((permission) => `${app}: ${permission}`));
    expect(granted.filter((p) => /dynamodb:(Query|Scan)\b/.test(p)).sort()).toEqual([
      'api-handler: dynamodb:Query on index:orders/customer_id-created_at-index',
      'api-handler: dynamodb:Query on index:orders/status-created_at-index',
    ]);
  });

  it('resolves index:<table>/<index> to the index ARN, <table ARN>/index/<index>', async () => {
    const outputs = (await parseDir('modules/dynamodb')).find((parsed) => parsed.file.endsWith('outputs.tf'))?.text ?? '';
    expect(outputs).toContain('"${key}/${index.name}" => "${table.arn}/index/${index.name}"');
    const main = (await parseDir('')).find((parsed) => parsed.file === 'main.tf')?.text ?? '';
    expect(main).toContain('{ for key, arn in module.dynamodb.index_arns : "index:${key}" => arn }');
  });

  it('signs cursors with a key made once: CURSOR_SIGNING_KEY from a terraform_data that keeps its first value', async () => {
    const root = await parseDir('');
    expect(manifests['api-handler']?.environment['CURSOR_SIGNING_KEY']).toMatchObject({ required: true, source: 'secret:cursor_signing_key' });
    expect(String(localsOf(root).environment_sources)).toContain('"secret:cursor_signing_key"        = terraform_data.cursor_signing_key.output');
    const key = blocksOf(root, 'resource', 'terraform_data').find((found) => found.name === 'cursor_signing_key')?.body ?? {};
    expect(key.input).toBe('${uuid()}${uuid()}');
    expect(block(key, 'lifecycle')?.ignore_changes).toEqual(['${input}']);
  });

  it('turns each manifest permission into one statement: its actions on its one resource', async () => {
    const functions = String(localsOf(await parseDir('')).functions);
    expect(functions).toContain('for permission in manifest.permissions : {');
    expect(functions).toContain('actions   = [for action in split(",", regex(local.permission_pattern, permission)[0]) : trimspace(action)]');
    expect(functions).toContain('resources = [local.resource_arns[regex(local.permission_pattern, permission)[1]]]');
  });

  it('grants each function nothing beyond its manifest but its own logs and X-Ray traces', async () => {
    const documents = blocksOf(await parseDir('modules/lambdas'), 'data', 'aws_iam_policy_document').filter((d) => d.name === 'this');
    expect(documents).toHaveLength(1);
    const statements = blocksIncludingDynamic(documents[0]?.body ?? {}, 'statement');
    expect(statements).toEqual([
      { sid: 'WriteOwnLogs', actions: ['logs:CreateLogStream', 'logs:PutLogEvents'], resources: ['${aws_cloudwatch_log_group.this[each.key].arn}:*'] },
      { sid: 'WriteTraces', actions: ['xray:PutTraceSegments', 'xray:PutTelemetryRecords'], resources: ['*'] },
      { sid: 'Manifest${statement.key}', actions: '${statement.value.actions}', resources: '${statement.value.resources}' },
    ]);
    expect(String(documents[0]?.body.for_each)).toBe('${var.functions}');
  });

  it('gives every function its own role', async () => {
    const roles = blocksOf(await parseDir('modules/lambdas'), 'resource', 'aws_iam_role');
    expect(roles.map((role) => [role.name, role.body.for_each, role.body.name])).toEqual([['this', '${var.functions}', '${var.name_prefix}-${each.key}']]);
  });
});

describe('SQS event sources', () => {
  const consumers = Object.entries(manifests).filter(([, manifest]) => manifest.trigger.type === 'sqs');

  it('fulfill-order consumes order_queue and dlq-processor consumes order_dlq', () => {
    expect(consumers.map(([app, manifest]) => `${app} <- ${manifest.trigger.queue}`).sort()).toEqual(['dlq-processor <- order_dlq', 'fulfill-order <- order_queue']);
  });

  it('maps every sqs-triggered app to its queue, with partial batch responses and a concurrency cap', async () => {
    const root = await parseDir('');
    expect(String(localsOf(root).queue_consumers)).toContain('if manifest.trigger.type == "sqs"');
    expect(String(modulesOf(root).lambdas?.queue_triggers)).toContain('queue_arn                          = local.resource_arns["queue:${queue}"]');
    const mapping = blocksOf(await parseDir('modules/lambdas'), 'resource', 'aws_lambda_event_source_mapping')[0]?.body ?? {};
    expect(mapping.for_each).toBe('${var.queue_triggers}');
    expect(mapping.function_response_types).toEqual(['ReportBatchItemFailures']);
    expect(block(mapping, 'scaling_config')?.maximum_concurrency).toBe('${each.value.maximum_concurrency}');
  });
});

describe('versions and the alias live', () => {
  it('publishes a version on every change, and leaves the alias version to CodeDeploy (no plan moves traffic)', async () => {
    const files = await parseDir('modules/lambdas');
    const fn = blocksOf(files, 'resource', 'aws_lambda_function')[0]?.body ?? {};
    expect(fn.publish).toBe(true);
    const alias = blocksOf(files, 'resource', 'aws_lambda_alias')[0]?.body ?? {};
    expect(alias.name).toBe('${var.alias_name}');
    expect(alias.function_version).toBe('${aws_lambda_function.this[each.key].version}');
    // Terraform sets the first version only; CodeDeploy owns function_version and routing_config afterwards.
    expect(JSON.stringify(block(alias, 'lifecycle')?.ignore_changes)).toMatch(/function_version[\s\S]*routing_config/);
    expect(variablesOf(files).alias_name?.default).toBe('live');
  });

  it('makes both event source mappings invoke the alias', async () => {
    const mapping = blocksOf(await parseDir('modules/lambdas'), 'resource', 'aws_lambda_event_source_mapping')[0]?.body ?? {};
    expect(mapping.function_name).toBe('${aws_lambda_alias.this[each.key].arn}');
  });
});
