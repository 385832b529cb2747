#!/usr/bin/env node
// The AWS cost of one million orders at the configured settings, per service (`npm run cost`),
// then, for each environment of terraform/environments/*.tfvars, what it costs at idle per month
// and per million orders.
//   node terraform/scripts/cost-per-million.mjs [--region us-east-1] [--gets-per-order 0] [--json]
// Reads the settings from where Terraform reads them (terraform.tfvars if committed, else the
// variable defaults; module defaults; contracts/resources.json; the ASL), the work each function
// does per invocation from terraform/cost/measured-lambda-work.json (scripts/measure-lambda-work.mjs
// measures it on the local system), and prices from the dated terraform/cost/aws-prices.json.
// docs/cost.md explains each line and compares a Standard workflow.
import { parse } from '@cdktf/hcl2json';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const WORKSPACE = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const read = (file) => readFileSync(path.join(WORKSPACE, file), 'utf8');

/** Lambda allocates CPU in proportion to memory: one full vCPU at 1,769 MB. */
const FULL_VCPU_MB = 1769;
/** In-region latencies a function waits for (billed, but not busy), in ms. */
const LATENCY_MS = { dynamodb: 6, sqs: 10, lambdaInvoke: 15, sfnState: 5 };
/** Bytes Lambda itself logs per invocation (START, END and REPORT lines, with X-Ray ids). */
const LAMBDA_PLATFORM_LOG_BYTES = 330;
/** One API Gateway access-log line: the 15 fields of modules/api_gateway's format, filled. */
const ACCESS_LOG_BYTES = 560;
/** A Step Functions history event as CloudWatch Logs receives it, without and with its payload. */
const SFN_EVENT_BYTES = 420;
const SFN_PAYLOAD_BYTES = 650;
/** DynamoDB write units per write: items stay under 1 KB (a few lines); each GSI the write touches adds one, a GSI key change two. */
const ITEM_KB = 1;
/** X-Ray's default sampling: the first request each second, then 5 %. */
const XRAY_SAMPLED = 0.05;

export async function costModel(options = {}) {
  const prices = JSON.parse(read('terraform/cost/aws-prices.json'));
  const work = JSON.parse(read('terraform/cost/measured-lambda-work.json'));
  const settings = await terraformSettings(options.varFile);
  const region = options.region ?? (prices.regions[settings.aws_region] ? settings.aws_region : 'us-east-1');
  const price = prices.regions[region];
  if (!price) throw new Error(`No committed prices for ${region} (terraform/cost/aws-prices.json has ${Object.keys(prices.regions).join(', ')}): add them there, with their source.`);
  const getsPerOrder = options.getsPerOrder ?? 0;

  // Fulfillment: each attempt succeeds with p; SQS delivers at most maxReceiveCount times.
  const p = settings.fulfillment_success_rate;
  const receives = Array.from({ length: settings.sqs_max_receive_count }, (_, k) => (1 - p) ** k).reduce((a, b) => a + b, 0);
  const failed = (1 - p) ** settings.sqs_max_receive_count;
  const failedAttempts = receives - (1 - failed);
  const batchFill = (fn) => Math.min(settings.sqs_batch_size, work.functions[fn]?.messages_per_invocation ?? 1);

  const memoryGb = settings.lambda_memory_size / 1024;
  const cpuStretch = Math.max(1, FULL_VCPU_MB / settings.lambda_memory_size);
  const billedMs = (busyMs, waitMs) => Math.ceil(busyMs * cpuStretch + waitMs);
  const fnWork = work.functions;
  const validatorMs = billedMs(fnWork.validator.busy_ms_per_invocation, 0);
  const storageMs = billedMs(fnWork['order-storage'].busy_ms_per_invocation, LATENCY_MS.dynamodb);
  const path_ = successPath(JSON.parse(read('contracts/order-workflow.asl.json')));
  const workflowMs = 2 * LATENCY_MS.lambdaInvoke + validatorMs + storageMs + LATENCY_MS.sqs + path_.length * LATENCY_MS.sfnState;

  // Lambda: invocations and billed ms per order, per function.
  const lambdas = [
    { fn: 'api-handler (POST)', invocations: 1, ms: billedMs(fnWork['api-handler'].post.busy_ms_per_invocation, workflowMs), logBytes: fnWork['api-handler'].log_bytes_per_invocation },
    ...(getsPerOrder ? [{ fn: 'api-handler (GET)', invocations: getsPerOrder, ms: billedMs(fnWork['api-handler'].get.busy_ms_per_invocation, LATENCY_MS.dynamodb), logBytes: fnWork['api-handler'].log_bytes_per_invocation }] : []),
    { fn: 'validator', invocations: 1, ms: validatorMs, logBytes: fnWork.validator.log_bytes_per_invocation },
    { fn: 'order-storage', invocations: 1, ms: storageMs, logBytes: fnWork['order-storage'].log_bytes_per_invocation },
    perMessage('fulfill-order', receives, fnWork['fulfill-order'], batchFill('fulfill-order'), LATENCY_MS.dynamodb),
    perMessage('dlq-processor', failed, fnWork['dlq-processor'], batchFill('dlq-processor'), 2 * LATENCY_MS.dynamodb),
  ];
  function perMessage(fn, messages, measured, fill, waitPerMessage) {
    const invocations = messages / fill;
    // billed per invocation: the batch's messages, each its busy time and its DynamoDB wait
    return { fn, invocations, ms: billedMs(measured.busy_ms_per_message * fill, waitPerMessage * fill), logBytes: measured.log_bytes_per_message * fill };
  }

  const lines = [];
  const add = (service, item, quantity, unit, dollarsPerUnit) => lines.push({ service, item, quantity_per_order: quantity, unit, usd_per_million_orders: quantity * dollarsPerUnit * 1e6 });

  const apiRequests = 1 + getsPerOrder;
  add('API Gateway REST', 'requests (POST /order' + (getsPerOrder ? ` + ${getsPerOrder} GET` : '') + '); API key check and usage plan free', apiRequests, 'request', price.api_gateway_rest_per_million_requests / 1e6);
  for (const l of lambdas) {
    add('Lambda', `${l.fn}: requests`, l.invocations, 'request', price.lambda_per_million_requests / 1e6);
    add('Lambda', `${l.fn}: ${settings.lambda_memory_size} MB x ${l.ms} ms`, l.invocations * memoryGb * (l.ms / 1000), 'GB-second', price.lambda_arm64_per_gb_second);
  }
  const sfnBilledS = Math.ceil(workflowMs / 100) / 10;
  add('Step Functions Express', 'requests (one synchronous execution)', 1, 'request', price.sfn_express_per_million_requests / 1e6);
  add('Step Functions Express', `64 MB x ${sfnBilledS * 1000} ms (${workflowMs} ms, rounded up to 100 ms)`, 0.0625 * sfnBilledS, 'GB-second', price.sfn_express_per_gb_second);

  const writes = dynamoWrites(settings.tables);
  const wru = writes.put + (1 - failed) * writes.fulfilled + failedAttempts * writes.failedAttempt + failed * (writes.failed + writes.failedRecord);
  add('DynamoDB on-demand', 'write units: put, FULFILLED, failed attempts, FAILED + failed_orders (GSI writes included)', wru, 'WRU', price.dynamodb_on_demand_per_million_write_units / 1e6);
  if (getsPerOrder) add('DynamoDB on-demand', 'read units: GET /order (strongly consistent GetItem)', getsPerOrder * Math.ceil(ITEM_KB / 4), 'RRU', price.dynamodb_on_demand_per_million_read_units / 1e6);

  const sqsRequests = 1 + receives / batchFill('fulfill-order') + (1 - failed) / batchFill('fulfill-order') + failed * (2 / batchFill('dlq-processor'));
  add('SQS', 'SendMessage, ReceiveMessage and DeleteMessageBatch shares (batches of the measured fill)', sqsRequests, 'request', price.sqs_standard_per_million_requests / 1e6);

  const lambdaLogBytes = lambdas.reduce((sum, l) => sum + l.invocations * (l.logBytes + LAMBDA_PLATFORM_LOG_BYTES), 0);
  const sfnEvents = settings.sfn_log_level === 'ALL' ? historyEvents(path_, JSON.parse(read('contracts/order-workflow.asl.json'))) : 0;
  const sfnLogBytes = sfnEvents * (SFN_EVENT_BYTES + (settings.sfn_include_execution_data ? SFN_PAYLOAD_BYTES : 0));
  const logBytes = lambdaLogBytes + apiRequests * ACCESS_LOG_BYTES + sfnLogBytes;
  add('CloudWatch Logs', `ingestion: functions ${Math.round(lambdaLogBytes)} B, access log ${apiRequests * ACCESS_LOG_BYTES} B, workflow ${Math.round(sfnLogBytes)} B (level ${settings.sfn_log_level})`, logBytes / 1024 ** 3, 'GB', price.cloudwatch_logs_ingestion_per_gb);
  add('CloudWatch metrics', 'FailedOrders (EMF) and AWS service metrics: a monthly charge per metric, not per order', 0, 'metric', 0);
  add('X-Ray', `traces recorded (default sampling, ~${XRAY_SAMPLED * 100} % of requests)`, apiRequests * XRAY_SAMPLED, 'trace', price.xray_per_million_traces_recorded / 1e6);
  add('KMS', 'none per order: SQS uses SSE-SQS, DynamoDB a cached table key, the alerts topic key only per notice', 0, 'request', price.kms_per_ten_thousand_requests / 1e4);

  const total = lines.reduce((sum, line) => sum + line.usd_per_million_orders, 0);
  const standardTransitions = path_.length + 1;
  const standard = {
    transitions_per_order: standardTransitions,
    usd_per_million_orders_workflow: standardTransitions * price.sfn_standard_per_thousand_transitions * 1000,
  };
  return {
    region,
    prices_as_of: prices.as_of,
    settings,
    measured: { at: work.measured_at, how: work.how },
    success_path: path_,
    lines,
    total_usd_per_million_orders: total,
    standard_workflow_instead: { ...standard, total_usd_per_million_orders: total - lines.filter((l) => l.service === 'Step Functions Express').reduce((s, l) => s + l.usd_per_million_orders, 0) + standard.usd_per_million_orders_workflow },
    assumptions: [
      `Prices: ${region}, list prices of ${prices.as_of} (terraform/cost/aws-prices.json), first tier, no free tier.${settings.aws_region !== region ? ` The configuration deploys to ${settings.aws_region}, whose prices are not committed.` : ''}`,
      `Settings: lambda_memory_size ${settings.lambda_memory_size} MB (arm64), sqs_max_receive_count ${settings.sqs_max_receive_count}, fulfillment success rate ${p}, SQS batch size ${settings.sqs_batch_size}; workflow logging ${settings.sfn_log_level}${settings.sfn_include_execution_data ? ' with execution data' : ''} (${settings.sources.join(', ')}).`,
      `Per order: ${receives.toFixed(3)} fulfillment receives, ${failedAttempts.toFixed(3)} failed attempts, ${(failed * 100).toFixed(2)} % of orders end FAILED.`,
      `Lambda billed ms = busy ms measured locally (${work.measured_at}: ${work.how}) x ${cpuStretch.toFixed(2)} (CPU scales with memory: a full vCPU at ${FULL_VCPU_MB} MB) + waits for AWS calls (DynamoDB ${LATENCY_MS.dynamodb} ms, SQS ${LATENCY_MS.sqs} ms, a Lambda task ${LATENCY_MS.lambdaInvoke} ms, ${LATENCY_MS.sfnState} ms per state); the api-handler is billed while it waits for the synchronous workflow (${workflowMs} ms). Cold starts are left out (rare at volume).`,
      `SQS consumers: batches of ${batchFill('fulfill-order')} messages (the fill measured locally; under 10 orders/s batches are smaller and requests grow). Empty long polls of the event source pollers are a fixed monthly cost, not per order.`,
      `DynamoDB: items under ${ITEM_KB} KB; write units per write from the tables' GSIs (contracts/resources.json): put ${writes.put}, FULFILLED ${writes.fulfilled}, failed attempt ${writes.failedAttempt}, FAILED ${writes.failed} + failed_orders ${writes.failedRecord}.`,
      `GET /order per order: ${getsPerOrder} (--gets-per-order); each is one API request, one api-handler invocation and one strongly consistent read.`,
    ],
  };
}

/** The states a successful execution passes through: from StartAt, each Choice taking its first rule. */
function successPath(asl) {
  const states = [];
  let name = asl.StartAt;
  while (name) {
    const state = asl.States[name];
    states.push(name);
    name = state.Type === 'Choice' ? state.Choices[0].Next : state.End ? undefined : state.Next;
  }
  return states;
}

/** History events a successful execution logs at level ALL: start and end, five per Task, two per other state. */
function historyEvents(statePath, asl) {
  return 2 + statePath.reduce((sum, name) => sum + (asl.States[name].Type === 'Task' ? 5 : 2), 0);
}

/** Write units per kind of write to `orders` (and `failed_orders`), from their GSIs and what each write changes. */
function dynamoWrites(tables) {
  const gsis = (table) => tables[table].global_secondary_indexes ?? [];
  const orders = gsis('orders');
  // A GSI with projection ALL is written when any projected attribute changes; a changed GSI key costs a delete and a put.
  const touched = (changed) => orders.reduce((sum, index) => sum + (changed.includes(index.hash_key.name) || changed.includes(index.range_key?.name) ? 2 : index.projection === 'ALL' ? 1 : 0), 0);
  return {
    put: ITEM_KB * (1 + orders.length),
    fulfilled: ITEM_KB * (1 + touched(['status', 'updated_at'])),
    failedAttempt: ITEM_KB * (1 + touched(['attempts', 'last_error', 'updated_at'])),
    failed: ITEM_KB * (1 + touched(['status', 'failure_reason', 'updated_at'])),
    failedRecord: ITEM_KB * (1 + gsis('failed_orders').length),
  };
}

/**
 * The values Terraform would use: terraform.tfvars when committed, then the environment's
 * variables file when given (as -var-file does), else the variable defaults.
 */
async function terraformSettings(varFile) {
  const defaults = await variableDefaults('terraform/variables.tf');
  const committed = existsSync(path.join(WORKSPACE, 'terraform/terraform.tfvars')) ? await parse('terraform.tfvars', read('terraform/terraform.tfvars')) : {};
  const environment = varFile ? await parse(path.basename(varFile), read(`terraform/${varFile}`)) : {};
  const tfvars = { ...committed, ...environment };
  const sfn = await variableDefaults('terraform/modules/stepfunctions/variables.tf');
  const resources = JSON.parse(read('contracts/resources.json'));
  const value = (name) => (name in tfvars ? tfvars[name] : defaults[name]);
  return {
    aws_region: value('aws_region'),
    environment: value('environment'),
    lambda_memory_size: value('lambda_memory_size'),
    sqs_max_receive_count: value('sqs_max_receive_count'),
    fulfillment_success_rate: value('fulfillment_success_rate') ?? resources.defaults.fulfillment_success_rate,
    sqs_batch_size: resources.defaults.sqs_batch_size,
    // the root passes workflow_log_level and workflow_log_execution_data to the workflow's module
    sfn_log_level: value('workflow_log_level') ?? sfn.log_level,
    sfn_include_execution_data: value('workflow_log_execution_data') ?? sfn.include_execution_data,
    enable_dlq_alerting: value('enable_dlq_alerting'),
    tables: resources.tables,
    sources: [
      ...(Object.keys(committed).length ? ['terraform/terraform.tfvars'] : []),
      ...(varFile ? [`terraform/${varFile}`] : []),
      'terraform/variables.tf defaults',
      'terraform/modules/stepfunctions/variables.tf defaults',
      'contracts/resources.json defaults',
    ],
  };
}

/**
 * What one environment costs with no traffic, per month: its alarms (per metric they read), its
 * dashboard, the alerts topic's KMS key, and the empty long polls of its two SQS event sources.
 * Everything else DOFS uses is billed per request or per GB, so it costs nothing idle; CodeDeploy
 * deployments to Lambda are free.
 */
async function idleCost(settings, price) {
  const functions = Object.keys(lambdaManifestsOf()).length;
  const alarmMetrics = (await alarmsOf('terraform/modules/monitoring/main.tf', functions, settings)) + (await alarmsOf('terraform/modules/deployments/main.tf', functions, settings));
  // Lambda keeps at least five pollers per SQS event source, each a 20 s long poll: 3 a minute.
  const pollsPerMonth = 2 * 5 * 3 * 60 * 24 * 30;
  const lines = [
    { item: `CloudWatch alarms: ${alarmMetrics} metrics (service alarms and the canaries' rollback alarms)`, usd_per_month: alarmMetrics * price.cloudwatch_alarm_per_metric_month },
    { item: 'CloudWatch dashboard: 1', usd_per_month: price.cloudwatch_dashboard_per_month },
    { item: 'KMS customer managed key of the alerts topic: 1', usd_per_month: price.kms_customer_managed_key_per_month },
    { item: `SQS empty receives of the two event sources' pollers: ~${(pollsPerMonth / 1e6).toFixed(2)} M`, usd_per_month: (pollsPerMonth / 1e6) * price.sqs_standard_per_million_requests },
  ];
  return { lines, usd_per_month: lines.reduce((sum, line) => sum + line.usd_per_month, 0) };
}

/** Metrics the alarms of a module read: one per function for a for_each alarm, per metric of a metric-math one. */
async function alarmsOf(file, functions, settings) {
  const hcl = await parse(path.basename(file), read(file));
  return Object.values(hcl.resource?.aws_cloudwatch_metric_alarm ?? {}).reduce((sum, [alarm]) => {
    const instances = alarm.for_each ? functions : alarm.count ? (settings.enable_dlq_alerting === false ? 0 : 1) : 1;
    const metrics = alarm.metric_query ? alarm.metric_query.filter((query) => query.metric).length : 1;
    return sum + instances * metrics;
  }, 0);
}

function lambdaManifestsOf() {
  return Object.fromEntries(
    readdirSync(path.join(WORKSPACE, 'apps'))
      .filter((app) => existsSync(path.join(WORKSPACE, 'apps', app, 'lambda.json')))
      .map((app) => [app, JSON.parse(read(`apps/${app}/lambda.json`))]),
  );
}

/** Each committed environment: idle per month, and the cost model's total per million orders. */
export async function environmentsCost(options = {}) {
  const prices = JSON.parse(read('terraform/cost/aws-prices.json'));
  const files = readdirSync(path.join(WORKSPACE, 'terraform/environments')).filter((file) => file.endsWith('.tfvars'));
  const order = ['dev', 'staging', 'prod'];
  const environments = [];
  for (const file of files.sort((a, b) => order.indexOf(a.replace('.tfvars', '')) - order.indexOf(b.replace('.tfvars', '')))) {
    const model = await costModel({ ...options, varFile: `environments/${file}` });
    const idle = await idleCost(model.settings, prices.regions[model.region]);
    environments.push({ environment: model.settings.environment, var_file: `terraform/environments/${file}`, idle_usd_per_month: idle.usd_per_month, idle: idle.lines, usd_per_million_orders: model.total_usd_per_million_orders, fulfillment_success_rate: model.settings.fulfillment_success_rate, workflow_log_level: model.settings.sfn_log_level });
  }
  return environments;
}

async function variableDefaults(file) {
  const hcl = await parse(path.basename(file), read(file));
  return Object.fromEntries(Object.entries(hcl.variable ?? {}).map(([name, [body]]) => [name, body.default]));
}

function print(model) {
  const money = (value) => `$${value.toFixed(value >= 0.1 || value === 0 ? 2 : 3)}`;
  const rows = model.lines.map((l) => [l.service, l.item, `${formatQuantity(l.quantity_per_order)} ${l.unit}`, money(l.usd_per_million_orders)]);
  const header = ['service', 'what', 'per order', 'per 1M orders'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  const line = (cells) => cells.map((c, i) => (i === 3 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  console.log(`AWS cost of one million orders, ${model.region}, prices of ${model.prices_as_of}\n`);
  console.log(line(header));
  console.log(line(widths.map((w) => '-'.repeat(w))));
  for (const row of rows) console.log(line(row));
  const byService = {};
  for (const l of model.lines) byService[l.service] = (byService[l.service] ?? 0) + l.usd_per_million_orders;
  console.log(`\nBy service: ${Object.entries(byService).map(([s, v]) => `${s} ${money(v)}`).join(', ')}`);
  console.log(`Total: ${money(model.total_usd_per_million_orders)} per million orders (${model.total_usd_per_million_orders < 10 ? 'under' : 'OVER'} the $10 goal)`);
  console.log(
    `As a Standard workflow: ${model.standard_workflow_instead.transitions_per_order} transitions per order = ${money(model.standard_workflow_instead.usd_per_million_orders_workflow)} for the workflow alone, ${money(model.standard_workflow_instead.total_usd_per_million_orders)} in all (docs/cost.md).`,
  );
  console.log(`\nAssumptions:\n${model.assumptions.map((a) => `- ${a}`).join('\n')}`);
}

function printEnvironments(environments) {
  const money = (value) => `$${value.toFixed(2)}`;
  console.log('\nThree environments (terraform/environments/*.tfvars), same prices:');
  const rows = environments.map((e) => [e.environment, money(e.idle_usd_per_month), money(e.usd_per_million_orders), `success rate ${e.fulfillment_success_rate}, workflow logs ${e.workflow_log_level}`]);
  const header = ['environment', 'idle per month', 'per 1M orders', 'settings that change the price'];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  for (const row of [header, ...rows]) console.log(row.map((c, i) => (i === 1 || i === 2 ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd());
  const idle = environments.reduce((sum, e) => sum + e.idle_usd_per_month, 0);
  console.log(`All three at idle: ${money(idle)} per month. Idle is ${environments[0]?.idle.map((line) => line.item).join('; ')}; nothing else DOFS runs bills without traffic (CodeDeploy to Lambda is free, the pipeline bills per run).`);
}

function formatQuantity(q) {
  return q === 0 ? '0' : q >= 100 ? q.toFixed(0) : q >= 0.01 ? Number(q.toFixed(4)).toString() : q.toExponential(2);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const flag = (name) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const options = { region: flag('region'), getsPerOrder: flag('gets-per-order') === undefined ? 0 : Number(flag('gets-per-order')) };
  const model = await costModel(options);
  const environments = await environmentsCost(options);
  if (process.argv.includes('--json')) console.log(JSON.stringify({ ...model, environments }, null, 2));
  else {
    print(model);
    printEnvironments(environments);
  }
}
