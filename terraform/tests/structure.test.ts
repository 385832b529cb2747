import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CONFIG_DIRS, MODULE_DIRS, TERRAFORM_DIR, blocksOf, modulesOf, parseDir, parseTf, tfFiles, variablesOf } from './support/terraform';

describe('every .tf file', () => {
  const files = tfFiles();

  it('includes the root, the bootstrap, the cicd module and the seven modules', () => {
    const dirs = new Set(files.map((file) => path.dirname(file)));
    expect([...dirs].sort()).toEqual(['.', ...CONFIG_DIRS.filter((dir) => dir !== '')].sort());
  });

  it.each(files)('%s parses as HCL', async (file) => {
    const parsed = await parseTf(file);
    expect(Object.keys(parsed.hcl).length).toBeGreaterThan(0);
  });

  it.each(files)('%s is free of tab indentation and trailing whitespace (terraform fmt style)', (file) => {
    const text = readFileSync(path.join(TERRAFORM_DIR, file), 'utf8');
    expect(text.split('\n').filter((line) => /\t|\s+$/.test(line))).toEqual([]);
    expect(text.endsWith('\n')).toBe(true);
  });

  // terraform fmt aligns the `=` of consecutive single-line arguments; check that here too.
  it.each(files)('%s aligns the = of consecutive arguments', (file) => {
    const lines = readFileSync(path.join(TERRAFORM_DIR, file), 'utf8').split('\n');
    const misaligned: string[] = [];
    let group: { line: number; indent: number; column: number; keyEnd: number }[] = [];
    const flush = () => {
      const columns = new Set(group.map((entry) => entry.column));
      const widest = Math.max(...group.map((entry) => entry.keyEnd));
      if (group.length > 1 && (columns.size > 1 || [...columns][0] !== widest + 1)) misaligned.push(`lines ${group[0]?.line}-${group[group.length - 1]?.line}`);
      group = [];
    };
    let heredoc: string | null = null;
    lines.forEach((line, index) => {
      if (heredoc !== null) {
        if (line.trim() === heredoc) heredoc = null;
        return;
      }
      const opening = /<<-?([A-Z]+)\s*$/.exec(line);
      if (opening) {
        heredoc = opening[1] ?? null;
        return flush();
      }
      const match = /^(\s*)("[^"]+"|[A-Za-z_][A-Za-z0-9_-]*)(\s*)=(?!=|>)/.exec(line);
      const opens = (line.match(/[[({]/g) ?? []).length - (line.match(/[\])}]/g) ?? []).length;
      if (!match || opens !== 0 || line.includes('<<')) return flush();
      const indent = (match[1] ?? '').length;
      if (group.length > 0 && group[0]?.indent !== indent) flush();
      group.push({ line: index + 1, indent, column: indent + (match[2] ?? '').length + (match[3] ?? '').length, keyEnd: indent + (match[2] ?? '').length });
    });
    flush();
    expect(misaligned).toEqual([]);
  });
});

describe.each(CONFIG_DIRS.filter((dir) => dir !== ''))('%s', (dir) => {
  it('has main.tf, variables.tf, outputs.tf, versions.tf and a README.md', () => {
    for (const file of ['main.tf', 'variables.tf', 'outputs.tf', 'versions.tf', 'README.md']) {
      expect(existsSync(path.join(TERRAFORM_DIR, dir, file))).toBe(true);
    }
  });

  it('keeps every file short, or split (iam.tf) when it would pass ~150 lines of resources', () => {
    const long = readdirSync(path.join(TERRAFORM_DIR, dir))
      .filter((file) => file.endsWith('.tf') && !['variables.tf', 'iam.tf', 'iam_roles.tf'].includes(file))
      .filter((file) => readFileSync(path.join(TERRAFORM_DIR, dir, file), 'utf8').split('\n').length > 260);
    expect(long).toEqual([]);
  });

  it('names a resource `this` when it is the only one of its type', async () => {
    const resources = blocksOf(await parseDir(dir), 'resource');
    const byType = new Map<string, string[]>();
    for (const found of resources) byType.set(found.type, [...(byType.get(found.type) ?? []), found.name]);
    const lonely = [...byType.entries()].filter(([, names]) => names.length === 1 && names[0] !== 'this');
    // A single resource may keep a purposeful noun when a sibling of another type is `this`
    // (e.g. the API's access log group next to its execution log group).
    const allowed = new Set(['modules/api_gateway:aws_iam_role:cloudwatch', 'modules/api_gateway:aws_iam_role_policy:cloudwatch', 'modules/monitoring:aws_sns_topic_subscription:email', 'cicd:aws_iam_role:pipeline', 'cicd:aws_iam_role_policy:pipeline', 'cicd:aws_iam_role:events', 'cicd:aws_iam_role_policy:events', 'cicd:aws_cloudwatch_event_rule:codecommit', 'cicd:aws_cloudwatch_event_target:codecommit', 'cicd:aws_iam_role_policy_attachment:build', 'cicd:aws_iam_policy:build', 'cicd:aws_cloudwatch_log_group:build']);
    expect(lonely.map(([type, names]) => `${dir}:${type}:${names[0]}`).filter((key) => !allowed.has(key))).toEqual([]);
  });
});

describe.each(MODULE_DIRS)('module %s', (dir) => {
  it('is wired only by the root: it references no other module', async () => {
    const files = await parseDir(dir);
    for (const parsed of files) {
      expect(parsed.text).not.toMatch(/\bmodule\.[a-z_]+\./);
      expect(Object.keys(parsed.hcl.module ?? {})).toEqual([]);
    }
  });

  it('takes the one tag map and applies it', async () => {
    const files = await parseDir(dir);
    expect(variablesOf(files).tags).toBeDefined();
    const taggable = blocksOf(files, 'resource').filter((found) => 'tags' in found.body);
    expect(taggable.length).toBeGreaterThan(0);
    for (const found of taggable) expect(String(found.body.tags)).toMatch(/var\.tags/);
  });
});

describe('the root module', () => {
  it('calls every module, each with the one name prefix and the one tag map', async () => {
    const modules = modulesOf(await parseDir(''));
    expect(Object.keys(modules).sort()).toEqual(['api_gateway', 'cicd', 'deployments', 'dynamodb', 'lambdas', 'monitoring', 'sqs', 'stepfunctions']);
    for (const [name, body] of Object.entries(modules)) {
      expect(body.tags).toBe('${local.tags}');
      const naming = body.name_prefix ?? body.name;
      expect(`${name}: ${String(naming)}`).toMatch(/local\.name_prefix|local\.state_machine_name/);
      expect(body.source).toBe(name === 'cicd' ? './cicd' : `./modules/${name}`);
    }
  });

  it('builds the prefix from project and environment, and one tag map from them', async () => {
    const root = (await parseDir('')).find((parsed) => parsed.file === 'main.tf');
    expect(root?.text).toContain('name_prefix = "${var.project_name}-${var.environment}"');
    expect(root?.text).toMatch(/tags = merge\(var\.tags, \{\s+Project\s+= var\.project_name\s+Environment = var\.environment/);
  });

  it('names every resource of every module with the prefix it is given', async () => {
    for (const dir of MODULE_DIRS) {
      // These name another resource (a function), not themselves; an alias's own name is scoped to its function.
      const references = new Set(['aws_lambda_permission', 'aws_lambda_event_source_mapping', 'aws_lambda_alias']);
      const named = blocksOf(await parseDir(dir), 'resource').filter((found) => !references.has(found.type)).flatMap((found) =>
        ['name', 'function_name', 'alarm_name', 'dashboard_name', 'bucket'].filter((key) => typeof found.body[key] === 'string').map((key) => `${dir}:${found.type}.${found.name}.${key}=${String(found.body[key])}`),
      );
      expect(named.length).toBeGreaterThan(0);
      // `${each.value}-...` names alarms after the (prefixed) function names they watch.
      for (const entry of named) expect(entry).toMatch(/\$\{each\.value\}-|var\.name_prefix|var\.name\b|each\.value\.name|local\.(pipeline_name|dashboard_name|smoke_api_url_parameter|app_name|function_alarms|workflow_alarm)|aws_cloudwatch_log_group\.|aws_iam_role\.|aws_cloudwatch_event_rule\.|aws_codebuild_project\.|aws_s3_bucket\.this/);
    }
  });
});
