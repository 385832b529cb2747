// Encryption, retention, redrive and the queue timeout rule, on every resource that needs them.
import { type Body, block, blocks, blocksOf, parseAll, parseDir, variablesOf } from './support/terraform';

describe('encryption at rest', () => {
  it('every DynamoDB table: KMS encryption, point-in-time recovery, on-demand', async () => {
    const tables = blocksOf(await parseAll(), 'resource', 'aws_dynamodb_table');
    expect(tables).toHaveLength(1);
    for (const table of tables) {
      expect(block(table.body, 'server_side_encryption')?.enabled).toBe(true);
      expect(block(table.body, 'point_in_time_recovery')?.enabled).toBe('${var.point_in_time_recovery}');
      expect(table.body.billing_mode).toBe('PAY_PER_REQUEST');
    }
    expect(variablesOf(await parseDir('modules/dynamodb')).point_in_time_recovery?.default).toBe(true);
  });

  it('every SQS queue: SSE', async () => {
    const queues = blocksOf(await parseAll(), 'resource', 'aws_sqs_queue');
    expect(queues.map((q) => q.name).sort()).toEqual(['dead_letter', 'this']);
    for (const queue of queues) expect(queue.body.sqs_managed_sse_enabled === true || queue.body.kms_master_key_id !== undefined).toBe(true);
  });

  it('every S3 bucket: SSE-KMS, versioning, public access blocked, owner-enforced, TLS-only policy', async () => {
    const files = await parseAll();
    const buckets = blocksOf(files, 'resource', 'aws_s3_bucket');
    expect(buckets.map((b) => `${b.file}:${b.name}`).sort()).toEqual(['bootstrap/main.tf:this', 'cicd/main.tf:this']);
    for (const bucket of buckets) {
      const dir = bucket.file.split('/').slice(0, -1).join('/');
      const companions = blocksOf(await parseDir(dir), 'resource');
      const of = (type: string): Body | undefined => companions.find((c) => c.type === type)?.body;
      // Same for_each as the bucket, pointing at it: one companion per bucket.
      for (const type of ['aws_s3_bucket_server_side_encryption_configuration', 'aws_s3_bucket_versioning', 'aws_s3_bucket_public_access_block', 'aws_s3_bucket_ownership_controls', 'aws_s3_bucket_policy', 'aws_s3_bucket_lifecycle_configuration']) {
        const companion = of(type);
        expect(`${dir}:${type}: ${companion === undefined ? 'missing' : 'present'}`).toBe(`${dir}:${type}: present`);
        expect(companion?.for_each).toBe(bucket.body.for_each);
        expect(String(companion?.bucket)).toMatch(/^\$\{aws_s3_bucket\.this(\[each\.key\])?\.id\}$/);
      }
      const sse = block(block(of('aws_s3_bucket_server_side_encryption_configuration') ?? {}, 'rule') ?? {}, 'apply_server_side_encryption_by_default');
      expect(sse?.sse_algorithm).toBe('aws:kms');
      expect(block(of('aws_s3_bucket_versioning') ?? {}, 'versioning_configuration')?.status).toBe('Enabled');
      const access = of('aws_s3_bucket_public_access_block') ?? {};
      for (const key of ['block_public_acls', 'block_public_policy', 'ignore_public_acls', 'restrict_public_buckets']) expect(access[key]).toBe(true);
      expect(block(of('aws_s3_bucket_ownership_controls') ?? {}, 'rule')?.object_ownership).toBe('BucketOwnerEnforced');
      const policyDoc = blocksOf(await parseDir(dir), 'data', 'aws_iam_policy_document').find((d) => String(of('aws_s3_bucket_policy')?.policy).includes(`aws_iam_policy_document.${d.name}`));
      const deny = blocks(policyDoc?.body ?? {}, 'statement')[0];
      expect(deny?.effect).toBe('Deny');
      expect(blocks(deny ?? {}, 'condition')[0]).toEqual({ test: 'Bool', variable: 'aws:SecureTransport', values: ['false'] });
    }
  });

  it('the state bucket cannot be destroyed by accident', async () => {
    const bucket = blocksOf(await parseDir('bootstrap'), 'resource', 'aws_s3_bucket')[0]?.body ?? {};
    expect(block(bucket, 'lifecycle')?.prevent_destroy).toBe(true);
  });

  it('the pipeline artifact store is the encrypted pipeline bucket', async () => {
    const pipeline = blocksOf(await parseDir('cicd'), 'resource', 'aws_codepipeline')[0]?.body ?? {};
    expect(block(pipeline, 'artifact_store')).toEqual({ type: 'S3', location: '${aws_s3_bucket.this["pipeline"].bucket}' });
  });
});

describe('logs', () => {
  it('every log group has a retention', async () => {
    const groups = blocksOf(await parseAll(), 'resource', 'aws_cloudwatch_log_group');
    expect(groups.length).toBe(5);
    for (const group of groups) expect(`${group.file}:${group.name} retention ${String(group.body.retention_in_days)}`).toMatch(/retention \$\{var\.log_retention_days\}$/);
  });

  it('every log group an AWS service would otherwise create itself (without retention) is created first', async () => {
    const names = blocksOf(await parseAll(), 'resource', 'aws_cloudwatch_log_group').map((g) => String(g.body.name));
    expect(names).toEqual(
      expect.arrayContaining([
        '/aws/lambda/${var.name_prefix}-${each.key}',
        'API-Gateway-Execution-Logs_${aws_api_gateway_rest_api.this.id}/${var.stage_name}',
        '/aws/codebuild/${var.name_prefix}-${each.key}',
      ]),
    );
  });
});

describe('queues', () => {
  it('order_queue redrives to the DLQ after max_receive_count receives', async () => {
    const queue = blocksOf(await parseDir('modules/sqs'), 'resource', 'aws_sqs_queue').find((q) => q.name === 'this')?.body ?? {};
    expect(String(queue.redrive_policy)).toMatch(/deadLetterTargetArn = aws_sqs_queue\.dead_letter\.arn\s+maxReceiveCount\s+= var\.max_receive_count/);
    const allow = blocksOf(await parseDir('modules/sqs'), 'resource', 'aws_sqs_queue_redrive_allow_policy')[0]?.body ?? {};
    expect(String(allow.redrive_allow_policy)).toMatch(/redrivePermission = "byQueue"\s+sourceQueueArns\s+= \[aws_sqs_queue\.this\.arn\]/);
  });

  it('the DLQ keeps messages 14 days by default', async () => {
    const dlq = blocksOf(await parseDir('modules/sqs'), 'resource', 'aws_sqs_queue').find((q) => q.name === 'dead_letter')?.body ?? {};
    expect(dlq.message_retention_seconds).toBe('${var.dead_letter_message_retention_seconds}');
    expect(variablesOf(await parseDir('modules/sqs')).dead_letter_message_retention_seconds?.default).toBe(1209600);
  });

  it('refuses a visibility timeout below 6 x the consumer timeout: module precondition and root validation', async () => {
    const queue = blocksOf(await parseDir('modules/sqs'), 'resource', 'aws_sqs_queue').find((q) => q.name === 'this')?.body ?? {};
    const preconditions = blocks(block(queue, 'lifecycle') ?? {}, 'precondition');
    expect(preconditions.map((p) => p.condition)).toContain('${var.visibility_timeout_seconds >= 6 * var.consumer_timeout_seconds}');
    const root = variablesOf(await parseDir(''));
    expect(blocks(root.sqs_visibility_timeout ?? {}, 'validation')[0]?.condition).toBe('${var.sqs_visibility_timeout >= 6 * var.lambda_timeout && var.sqs_visibility_timeout <= 43200}');
    // The defaults satisfy the rule for the function that consumes order_queue.
    expect(root.sqs_visibility_timeout?.default as number).toBeGreaterThanOrEqual(6 * (root.lambda_timeout?.default as number));
  });

  it('the consumer timeout given to the queue is that of the app whose manifest consumes it', async () => {
    const sqs = (await parseDir('')).find((p) => p.file === 'main.tf')?.text ?? '';
    expect(sqs).toContain('consumer_timeout_seconds              = local.function_timeouts[local.queue_consumer_apps[local.queue_name]]');
    expect(sqs).toContain('dead_letter_consumer_timeout_seconds  = local.function_timeouts[local.queue_consumer_apps[local.dead_letter_queue_name]]');
  });
});

describe('variables', () => {
  const enumOrName = /(^|_)(name|names|environment|region|provider|level|architecture|runtime|compute_type|image|email|branch|repository|bucket|key|version|prefix|file|retention_days)$/;

  it.each(['', 'bootstrap', 'cicd', 'modules/api_gateway', 'modules/lambdas', 'modules/dynamodb', 'modules/sqs', 'modules/stepfunctions', 'modules/monitoring'])('%s: every variable is typed and described; enums and names are validated', async (dir) => {
    const variables = variablesOf(await parseDir(dir));
    expect(Object.keys(variables).length).toBeGreaterThan(0);
    for (const [name, variable] of Object.entries(variables)) {
      expect(`${name}: ${typeof variable.type}`).toBe(`${name}: string`);
      expect(String(variable.description).length).toBeGreaterThan(10);
      if (enumOrName.test(name)) expect(`${name}: ${blocks(variable, 'validation').length > 0}`).toBe(`${name}: true`);
    }
  });
});

describe('state', () => {
  it('lives in S3, encrypted, locked by the native lock file (no DynamoDB table)', async () => {
    const backend = (await parseDir('')).find((p) => p.file === 'backend.tf');
    const s3 = ((backend?.hcl.terraform?.[0]?.backend as Record<string, Body[]>) ?? {}).s3?.[0];
    expect(s3).toEqual({ encrypt: true, use_lockfile: true });
    expect(backend?.text).not.toContain('dynamodb_table');
  });

  it('requires Terraform >= 1.11 and AWS provider 6.x everywhere', async () => {
    for (const dir of ['', 'bootstrap', 'cicd', 'modules/api_gateway', 'modules/lambdas', 'modules/dynamodb', 'modules/sqs', 'modules/stepfunctions', 'modules/monitoring']) {
      const versions = (await parseDir(dir)).find((p) => p.file.endsWith('versions.tf'));
      const terraform = versions?.hcl.terraform?.[0] ?? {};
      expect(terraform.required_version).toBe('>= 1.11.0, < 2.0.0');
      const aws = ((terraform.required_providers as Body[])[0]?.aws ?? {}) as Body;
      expect(aws.source).toBe('hashicorp/aws');
      expect(String(aws.version)).toMatch(/^(~> 6\.20|>= 6\.20\.0, < 7\.0\.0)$/);
    }
  });
});
