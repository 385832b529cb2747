import { readFileSync } from 'node:fs';
import path from 'node:path';
import { moduleResources, parseDirectory, resourceLines, terraformDiagram } from './terraform-diagram.mjs';

const workspace = path.resolve(__dirname, '../..');

describe('resourceLines', () => {
  it('lists each resource type once, with its names unless the only one is "this"', () => {
    expect(resourceLines([{ type: 'aws_sqs_queue', name: 'this' }, { type: 'aws_sqs_queue', name: 'dead_letter' }, { type: 'aws_sns_topic', name: 'this' }])).toEqual([
      'sns_topic',
      'sqs_queue (dead_letter, this)',
    ]);
  });

  it('folds the types that configure another type of the module under it', () => {
    expect(
      resourceLines([
        { type: 'aws_s3_bucket', name: 'this' },
        { type: 'aws_s3_bucket_policy', name: 'this' },
        { type: 'aws_s3_bucket_versioning', name: 'this' },
        { type: 'aws_s3_bucket_public_access_block', name: 'this' },
      ]),
    ).toEqual(['s3_bucket', '+ policy, public_access_block', '+ versioning']);
  });
});

describe('the committed Terraform modules diagram', () => {
  const committed = readFileSync(path.join(workspace, 'docs/diagrams/terraform-modules.mmd'), 'utf8');

  it('is what the generator draws from terraform/**/*.tf (npm run docs:diagrams)', async () => {
    expect(committed).toBe(await terraformDiagram(path.join(workspace, 'terraform'), workspace));
  });

  it('names every resource type of every module', async () => {
    for (const module of ['dynamodb', 'sqs', 'lambdas', 'stepfunctions', 'api_gateway', 'monitoring']) {
      const resources = moduleResources(await parseDirectory(path.join(workspace, 'terraform/modules', module)));
      expect(resources.length).toBeGreaterThan(0);
      const node = committed.split('\n').find((line) => line.startsWith(`  ${module}["module ${module}`));
      expect(node).toBeDefined();
      for (const { type } of resources) {
        const short = type.replace(/^aws_/, '');
        const folded = resources.map((r) => r.type.replace(/^aws_/, '')).find((other) => short.startsWith(`${other}_`));
        expect(node).toContain(folded ? short.slice(folded.length + 1) : short);
      }
    }
  });

  it("draws the root module's own resources and the modules they are passed into, through its locals too", async () => {
    const rootResources = moduleResources(await parseDirectory(path.join(workspace, 'terraform')));
    expect(rootResources.map(({ type, name }) => `${type}.${name}`).sort()).toEqual(['aws_iam_policy.permissions_boundary', 'aws_ssm_parameter.smoke_api_key', 'aws_ssm_parameter.smoke_api_url', 'terraform_data.cursor_signing_key']);
    expect(committed).toContain('  root["root module<br/>iam_policy (permissions_boundary)<br/>ssm_parameter (smoke_api_key, smoke_api_url)<br/>terraform_data (cursor_signing_key)"]:::module');
    // the smoke parameters reach the pipeline by name (one per environment), not as resources
    for (const module of ['api_gateway', 'stepfunctions', 'deployments', 'cicd']) expect(committed).toContain(`root -->|"iam_policy.permissions_boundary"| ${module}`);
    // the key reaches the functions only through local.functions and local.environment_sources
    expect(committed).toContain('root -->|"iam_policy.permissions_boundary, terraform_data.cursor_signing_key"| lambdas');
  });

  it('draws the wiring of the root module: module outputs and contract files passed into modules', () => {
    expect(committed).toContain('lambdas -->|"alias_name, function_arns"| stepfunctions');
    expect(committed).toContain('lambdas -->|"alias_invoke_arns, alias_name, function_names"| api_gateway');
    expect(committed).toContain('lambdas -->|"alias_arns, alias_name, function_names, versions"| deployments');
    expect(committed).toContain('dynamodb -->|"index_arns, table_arns, table_names"| lambdas');
    expect(committed).toContain('monitoring -->|"topic_arn, topic_key_arn"| cicd');
    expect(committed).toContain('contracts_order_workflow_asl_json -.->|templatefile| stepfunctions');
    expect(committed).toContain('contracts_openapi_yaml -.->|templatefile| api_gateway');
  });
});
