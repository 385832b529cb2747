// The diagrams are sources in docs/diagrams/; the Markdown files show copies of them, and these
// tests keep the copies, the generated diagrams and the facts the hand-written ones state true.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { embedDiagrams, embeddedDiagrams, markdownFiles } from '../tools/diagram-blocks.mjs';

const workspace = path.resolve(__dirname, '../..');
const read = (file: string) => readFileSync(path.join(workspace, file), 'utf8');
const diagramFiles = readdirSync(path.join(workspace, 'docs/diagrams'))
  .filter((name) => name.endsWith('.mmd'))
  .map((name) => `docs/diagrams/${name}`);
const diagrams = new Map(diagramFiles.map((file) => [file, read(file)]));
const manifest = JSON.parse(read('docs/pdf/manifest.json')) as { chapters: { parts?: { file: string }[] }[] };
const pdfFiles = manifest.chapters.flatMap((chapter) => (chapter.parts ?? []).map((part) => part.file));

describe('the diagrams in the Markdown files', () => {
  it('are the same as their sources in docs/diagrams/ (npm run docs:diagrams copies them)', () => {
    for (const file of markdownFiles(workspace)) {
      const text = read(file);
      expect({ file, text: embedDiagrams(text, diagrams, file) }).toEqual({ file, text });
    }
  });

  it('include every diagram in a file the PDF is built from', () => {
    const shown = new Set(pdfFiles.flatMap((file) => embeddedDiagrams(read(file))));
    expect([...shown].sort()).toEqual([...diagramFiles].sort());
  });

  it('include the architecture in the README, where GitHub renders it', () => {
    expect(embeddedDiagrams(read('README.md'))).toContain('docs/diagrams/architecture.mmd');
  });

  it('are checked by `npm run docs:diagrams -- --check`, which passes on the committed tree', () => {
    const output = execFileSync(process.execPath, [path.join(workspace, 'docs/tools/diagrams.mjs'), '--check'], { encoding: 'utf8' });
    expect(output).toContain(`diagrams: ${diagramFiles.length} up to date`);
  });
});

describe('the hand-written diagrams state what the repository does', () => {
  it('the order lifecycle uses the defaults of contracts/resources.json', () => {
    const defaults = (JSON.parse(read('contracts/resources.json')) as { defaults: Record<string, number> }).defaults;
    const lifecycle = read('docs/diagrams/order-lifecycle.mmd');
    expect(lifecycle).toContain(`maxReceiveCount (${defaults.max_receive_count})`);
    expect(lifecycle).toContain(`receives 1 to ${defaults.max_receive_count}`);
    expect(lifecycle).toContain(`visibility timeout (${defaults.sqs_visibility_timeout_seconds} s)`);
    expect(lifecycle).toContain(`${defaults.dlq_alert_threshold} in ${defaults.dlq_alert_period_seconds} s`);
    expect(lifecycle).toContain('metric FailedOrders');
  });

  it('the pipeline names the stages and actions terraform/cicd declares, the environments, and the saved plan the builds use', () => {
    const pipeline = read('docs/diagrams/pipeline.mmd');
    const codepipeline = read('terraform/cicd/codepipeline.tf');
    for (const name of ['Source', 'Build', 'Plan', 'Apply', 'Canary', 'Smoke']) expect(codepipeline).toMatch(new RegExp(`name\\s+=\\s+"${name}"`));
    expect(codepipeline).toContain('["Approve"]');
    for (const buildspec of ['buildspec-plan.yml', 'buildspec-canary.yml', 'buildspec-smoke.yml']) expect(read('terraform/cicd/codebuild.tf')).toContain(`buildspec   = "terraform/cicd/${buildspec}"`);
    for (const name of ['Source', 'stage Build: Build (CodeBuild, buildspec.yml)', 'Plan (CodeBuild, buildspec-plan.yml)', 'Apply (CodeBuild, buildspec-apply.yml)', 'Canary (CodeBuild, buildspec-canary.yml)', 'Smoke (CodeBuild, buildspec-smoke.yml)']) {
      expect(pipeline).toContain(name);
    }
    // one stage per environment, with the deployment configuration its variables file sets
    for (const env of ['dev', 'staging', 'prod']) {
      const tfvars = read(`terraform/environments/${env}.tfvars`);
      const config = /deployment_config_name = "CodeDeployDefault\.Lambda(\w+)"/.exec(tfvars)?.[1] ?? 'none';
      expect(pipeline).toContain(`stage ${env[0]?.toUpperCase()}${env.slice(1)}: environments/${env}.tfvars, state dofs/${env}`);
      expect(pipeline).toContain(config === 'AllAtOnce' ? 'AllAtOnce' : `Lambda${config}`);
    }
    expect(read('terraform/cicd/buildspec-plan.yml')).toContain('-out=deploy.tfplan');
    expect(read('terraform/cicd/buildspec-apply.yml')).toContain('apply -input=false -lock-timeout=5m deploy.tfplan');
    expect(pipeline).toContain('terraform apply deploy.tfplan');
  });
});
