// The docs a newcomer follows: the Terraform README's sections, each module's inputs and outputs,
// the example files, and the top-level README's pointer.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_DIRS, TERRAFORM_DIR, outputsOf, parseDir, readWorkspaceFile, variablesOf } from './support/terraform';

const readme = readFileSync(path.join(TERRAFORM_DIR, 'README.md'), 'utf8');
const headings = [...readme.matchAll(/^#{2,3} (.+)$/gm)].map((m) => m[1] as string);

/** The body of a markdown section, up to the next heading of the same or a higher level. */
function section(markdown: string, heading: string): string {
  const start = markdown.search(new RegExp(`^(#{2,3}) ${heading}`, 'm'));
  if (start < 0) return '';
  const level = /^(#+)/.exec(markdown.slice(start))?.[1]?.length ?? 2;
  const rest = markdown.slice(markdown.indexOf('\n', start) + 1);
  const end = rest.search(new RegExp(`^#{1,${level}} `, 'm'));
  return end < 0 ? rest : rest.slice(0, end);
}

describe('terraform/README.md', () => {
  it('has the sections a newcomer needs, in order', () => {
    const wanted = ['Prerequisites', 'Setup', '1. Bootstrap the state bucket', '2. Backend configuration', '5. Apply', 'The pipeline, step by step', 'Troubleshooting'];
    const positions = wanted.map((heading) => headings.findIndex((h) => h.startsWith(heading)));
    expect(positions.every((p) => p >= 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('explains the pipeline as numbered steps: source, build, then per environment plan, approve, apply, canary, smoke; and how to roll back', () => {
    const steps = [...section(readme, 'The pipeline, step by step').matchAll(/^\s*\d+\. \*\*(\w+)/gm)].map((m) => m[1]);
    expect(steps).toEqual(['Source', 'Build', 'Plan', 'Approve', 'Apply', 'Canary', 'Smoke']);
    expect(section(readme, 'Rolling back')).toMatch(/previous good commit[\s\S]*content hash/);
  });

  it('gives the commands the setup needs, as the pipeline and tests run them', () => {
    for (const command of ['terraform -chdir=terraform/bootstrap apply', 'terraform -chdir=terraform init -backend-config=backend.conf', 'terraform -chdir=terraform apply deploy.tfplan', 'npm run build']) expect(readme).toContain(command);
  });

  it('has a troubleshooting table of at least eight symptoms', () => {
    expect(section(readme, 'Troubleshooting').split('\n').filter((line) => line.startsWith('| ') && !line.startsWith('| Symptom')).length).toBeGreaterThanOrEqual(8);
  });
});

describe.each(CONFIG_DIRS.filter((dir) => dir !== ''))('%s/README.md', (dir) => {
  const text = readFileSync(path.join(TERRAFORM_DIR, dir, 'README.md'), 'utf8');

  it('lists every input with its type and every output', async () => {
    const files = await parseDir(dir);
    const inputs = section(text, 'Inputs');
    const outputs = section(text, 'Outputs');
    expect(inputs).not.toBe('');
    expect(outputs).not.toBe('');
    for (const name of Object.keys(variablesOf(files))) expect(inputs).toContain(`| \`${name}\` |`);
    for (const name of Object.keys(outputsOf(files))) expect(outputs).toContain(`| \`${name}\` |`);
    const documented = [...inputs.matchAll(/^\| `([a-z0-9_]+)` \|/gm)].map((m) => m[1]);
    expect(documented.sort()).toEqual(Object.keys(variablesOf(files)).sort());
  });
});

describe('example files', () => {
  it('backend.conf.example sets bucket, key and region, nothing the backend already sets', () => {
    const keys = [...readFileSync(path.join(TERRAFORM_DIR, 'backend.conf.example'), 'utf8').matchAll(/^([a-z_]+)\s*=/gm)].map((m) => m[1]);
    expect(keys).toEqual(['bucket', 'key', 'region']);
  });

  it('terraform.tfvars.example sets only root variables, including the issue\'s tuning variables', async () => {
    const keys = [...readFileSync(path.join(TERRAFORM_DIR, 'terraform.tfvars.example'), 'utf8').matchAll(/^([a-z_]+)\s*=/gm)].map((m) => m[1] as string);
    const variables = variablesOf(await parseDir(''));
    for (const key of keys) expect(variables[key]).toBeDefined();
    for (const key of ['aws_region', 'environment', 'project_name', 'notification_email', 'lambda_timeout', 'lambda_memory_size', 'sqs_visibility_timeout', 'sqs_max_receive_count', 'enable_dlq_alerting', 'dlq_alert_threshold', 'repository', 'state_bucket']) expect(keys).toContain(key);
  });

  it('the root variables of the issue exist with their defaults', async () => {
    const variables = variablesOf(await parseDir(''));
    expect(variables.aws_region?.default).toBe('ap-south-1');
    expect(variables.environment?.default).toBe('dev');
    expect(variables.project_name?.default).toBe('dofs');
    expect(variables.notification_email?.default).toBeNull();
    expect(variables.enable_dlq_alerting?.default).toBe(true);
  });
});

describe('the top-level README', () => {
  it('points "Deploying to AWS" at terraform/README.md', () => {
    const top = readWorkspaceFile('README.md');
    expect(section(top, 'Deploying to AWS')).toContain('(terraform/README.md)');
    expect(existsSync(path.join(TERRAFORM_DIR, 'README.md'))).toBe(true);
  });
});
