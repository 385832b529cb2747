// The Terraform must agree with the contracts it deploys: templatefile() variables against the
// placeholders, tables and queues against resources.json, variable defaults against its defaults.
import { DEFAULTS, OPENAPI_PLACEHOLDERS, ORDER_WORKFLOW_FILE, ORDER_WORKFLOW_PLACEHOLDERS, RESOURCES, TABLES, fillPlaceholders, placeholdersOf } from '@dofs/contracts';
import { parse as parseYaml } from 'yaml';
import { localsOf, modulesOf, parseAll, parseDir, readWorkspaceFile, variablesOf } from './support/terraform';

/** Every templatefile(<file>, { key = ... }) call: the file expression and the keys it passes. */
async function templatefileCalls(): Promise<{ file: string; source: string; keys: string[] }[]> {
  return (await parseAll()).flatMap((parsed) =>
    [...parsed.text.matchAll(/templatefile\(([^,]+),\s*\{([^}]*)\}\)/g)].map((match) => ({
      file: parsed.file,
      source: (match[1] ?? '').trim(),
      keys: [...(match[2] ?? '').matchAll(/^\s*([A-Za-z_][A-Za-z0-9_]*)\s*=/gm)].map((key) => key[1] as string).sort(),
    })),
  );
}

describe('templatefile() against the contracts', () => {
  const openapi = readWorkspaceFile('contracts/openapi.yaml');
  const asl = readWorkspaceFile(`contracts/${ORDER_WORKFLOW_FILE}`);

  it('finds exactly two templatefile() calls: the API body and the workflow definition', async () => {
    const calls = await templatefileCalls();
    expect(calls.map((call) => `${call.file}: ${call.source}`).sort()).toEqual([
      'modules/api_gateway/main.tf: var.openapi_file',
      'modules/stepfunctions/main.tf: var.definition_file',
    ]);
  });

  it('the root hands each module its contract file', async () => {
    const modules = modulesOf(await parseDir(''));
    expect(modules.api_gateway?.openapi_file).toBe('${path.root}/../contracts/openapi.yaml');
    expect(modules.stepfunctions?.definition_file).toBe(`\${path.root}/../contracts/${ORDER_WORKFLOW_FILE}`);
  });

  it('passes openapi.yaml exactly its placeholders, both ways', async () => {
    const call = (await templatefileCalls()).find((c) => c.file.startsWith('modules/api_gateway'));
    expect(call?.keys).toEqual(placeholdersOf(openapi));
    expect(call?.keys).toEqual([...OPENAPI_PLACEHOLDERS].sort());
  });

  it('passes the ASL exactly its placeholders, both ways', async () => {
    const call = (await templatefileCalls()).find((c) => c.file.startsWith('modules/stepfunctions'));
    expect(call?.keys).toEqual(placeholdersOf(asl));
    expect(call?.keys).toEqual([...ORDER_WORKFLOW_PLACEHOLDERS].sort());
  });

  it('the contracts hold no template directive (%{) that templatefile() would interpret', () => {
    expect(openapi).not.toMatch(/(^|[^%])%\{/);
    expect(asl).not.toMatch(/(^|[^%])%\{/);
  });

  it('the filled OpenAPI body is still a valid 3.0 document with its gateway extensions untouched', () => {
    const arn = 'arn:aws:apigateway:ap-south-1:lambda:path/2015-03-31/functions/arn:aws:lambda:ap-south-1:123456789012:function:dofs-dev-api-handler/invocations';
    const body = parseYaml(fillPlaceholders(openapi, { api_handler_invoke_arn: arn })) as {
      openapi: string;
      paths: Record<string, Record<string, { 'x-amazon-apigateway-integration'?: { uri: string; type: string } }>>;
      'x-amazon-apigateway-gateway-responses': Record<string, { responseTemplates: Record<string, string> }>;
    };
    expect(body.openapi).toMatch(/^3\.0\./);
    const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch'];
    const integrations = Object.values(body.paths).flatMap((item) =>
      Object.entries(item)
        .filter(([key]) => methods.includes(key))
        .map(([, operation]) => operation['x-amazon-apigateway-integration']),
    );
    expect(integrations.length).toBe(8);
    // The CORS preflights are mock integrations answered by API Gateway; everything else is the api-handler.
    const proxies = integrations.filter((integration) => integration?.type !== 'mock');
    expect(proxies.length).toBe(4);
    for (const integration of proxies) expect(integration).toEqual(expect.objectContaining({ type: 'aws_proxy', uri: arn }));
    expect(body['x-amazon-apigateway-gateway-responses'].BAD_REQUEST_BODY?.responseTemplates['application/json']).toContain('$context.requestId');
  });

  it('the filled ASL is JSON whose tasks point at the given functions\' alias and queue', () => {
    const values = {
      validator_function_arn: 'arn:aws:lambda:ap-south-1:123456789012:function:dofs-dev-validator',
      order_storage_function_arn: 'arn:aws:lambda:ap-south-1:123456789012:function:dofs-dev-order-storage',
      function_alias: 'live',
      order_queue_url: 'https://sqs.ap-south-1.amazonaws.com/123456789012/dofs-dev-order_queue',
    };
    const definition = JSON.parse(fillPlaceholders(asl, values)) as { States: Record<string, { Parameters?: { FunctionName?: string; QueueUrl?: string } }> };
    const targets = Object.values(definition.States).flatMap((state) => [state.Parameters?.FunctionName, state.Parameters?.QueueUrl]).filter(Boolean);
    expect(new Set(targets)).toEqual(new Set([`${values.validator_function_arn}:live`, `${values.order_storage_function_arn}:live`, values.order_queue_url]));
  });

  it('gives the workflow role exactly the functions and the queue the ASL uses', async () => {
    const module = modulesOf(await parseDir('')).stepfunctions ?? {};
    expect(module.validator_function_arn).toBe('${module.lambdas.function_arns["validator"]}');
    expect(module.order_storage_function_arn).toBe('${module.lambdas.function_arns["order-storage"]}');
    expect(module.function_alias).toBe('${module.lambdas.alias_name}');
    expect(module.order_queue_url).toBe('${module.sqs.queue_url}');
    expect(module.order_queue_arn).toBe('${module.sqs.queue_arn}');
  });
});

describe('resources.json as the one source of names', () => {
  it('the root reads tables, queues, topic and metric from contracts/resources.json', async () => {
    const root = await parseDir('');
    const locals = localsOf(root);
    expect(locals.resources).toBe('${jsondecode(file("${path.root}/../contracts/resources.json"))}');
    const modules = modulesOf(root);
    expect(modules.dynamodb?.tables).toBe('${local.resources.tables}');
    expect(locals.queue_name).toBe('${local.resources.queues.order_queue.name}');
    expect(locals.dead_letter_queue_name).toBe('${local.resources.queues[local.resources.queues.order_queue.dead_letter_queue].name}');
    expect(modules.monitoring?.topic_name).toBe('${local.resources.topics.alerts.name}');
  });

  it('the tables module accepts resources.json tables as they are (same fields, same types)', async () => {
    const type = String(variablesOf(await parseDir('modules/dynamodb')).tables?.type);
    for (const table of Object.values(TABLES)) {
      for (const field of Object.keys(table)) expect(type).toContain(`${field} `);
      for (const index of table.global_secondary_indexes) for (const field of Object.keys(index)) expect(type).toContain(field);
      expect(['S', 'N', 'B']).toContain(table.hash_key.type);
    }
    expect(Object.keys(TABLES).sort()).toEqual(['failed_orders', 'orders']);
    expect(TABLES.orders.hash_key.name).toBe('order_id');
  });

  it('the metric the failure alarm watches is the one resources.json names', async () => {
    const failedOrders = RESOURCES.metrics.failed_orders;
    const monitoring = modulesOf(await parseDir('')).monitoring ?? {};
    expect(monitoring.failed_orders_metric).toEqual({
      name: '${local.resources.metrics.failed_orders.name}',
      namespace: '${local.resources.metrics.namespace}',
      service: '${local.resources.metrics.failed_orders.service_dimension}',
    });
    // Powertools takes the `service` dimension from POWERTOOLS_SERVICE_NAME, which the lambdas
    // module sets to the app name: the dimension must name an app.
    expect(readWorkspaceFile(`apps/${failedOrders.service_dimension}/lambda.json`)).toContain('FailedOrders');
  });
});

describe('variable defaults that repeat resources.json defaults', () => {
  const cases: [string, number][] = [
    ['lambda_timeout', DEFAULTS.lambda_timeout_seconds],
    ['lambda_memory_size', DEFAULTS.lambda_memory_size_mb],
    ['sqs_visibility_timeout', DEFAULTS.sqs_visibility_timeout_seconds],
    ['sqs_max_receive_count', DEFAULTS.max_receive_count],
    ['dlq_alert_threshold', DEFAULTS.dlq_alert_threshold],
  ];

  it.each(cases)('root %s defaults to resources.json (%d)', async (name, expected) => {
    expect(variablesOf(await parseDir(''))[name]?.default).toBe(expected);
  });

  it('the DLQ keeps messages as long as resources.json says (14 days), by default and from the root', async () => {
    expect(variablesOf(await parseDir('modules/sqs')).dead_letter_message_retention_seconds?.default).toBe(DEFAULTS.dlq_message_retention_seconds);
    expect(DEFAULTS.dlq_message_retention_seconds).toBe(14 * 24 * 3600);
    expect(modulesOf(await parseDir('')).sqs?.dead_letter_message_retention_seconds).toBe('${local.defaults.dlq_message_retention_seconds}');
  });

  it('batching and the alert period come from resources.json, not from literals', async () => {
    const root = await parseDir('');
    const text = root.map((parsed) => parsed.text).join('\n');
    expect(text).toContain('batch_size                         = local.defaults.sqs_batch_size');
    expect(text).toContain('maximum_batching_window_in_seconds = local.defaults.sqs_maximum_batching_window_seconds');
    expect(modulesOf(root).monitoring?.failed_orders_period_seconds).toBe('${local.defaults.dlq_alert_period_seconds}');
  });
});
