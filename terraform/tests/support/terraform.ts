// Reads the Terraform configuration the way the static tests need it: every .tf file parsed by the
// HCL parser Terraform uses (@cdktf/hcl2json, compiled to WASM), plus the manifests and contracts
// it must agree with. Attribute values that are expressions come back as "${...}" strings.
import { parse } from '@cdktf/hcl2json';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

export const TERRAFORM_DIR = path.resolve(__dirname, '../..');
export const WORKSPACE_DIR = path.resolve(TERRAFORM_DIR, '..');

/** Blocks of one kind/label as hcl2json returns them: label => list of bodies. */
export type Body = Record<string, unknown>;
export type Blocks = Record<string, Record<string, Body[]>>;

export interface ParsedFile {
  readonly file: string; // relative to terraform/
  readonly text: string;
  readonly hcl: {
    resource?: Blocks;
    data?: Blocks;
    variable?: Record<string, Body[]>;
    output?: Record<string, Body[]>;
    locals?: Body[];
    module?: Record<string, Body[]>;
    terraform?: Body[];
    provider?: Record<string, Body[]>;
  };
}

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === '.terraform' || name === 'node_modules') return [];
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

/** Every .tf file under terraform/, relative paths, sorted. */
export function tfFiles(): string[] {
  return walk(TERRAFORM_DIR)
    .filter((file) => file.endsWith('.tf'))
    .map((file) => path.relative(TERRAFORM_DIR, file))
    .sort();
}

const cache = new Map<string, Promise<ParsedFile>>();

export function parseTf(file: string): Promise<ParsedFile> {
  let parsed = cache.get(file);
  if (!parsed) {
    const text = readFileSync(path.join(TERRAFORM_DIR, file), 'utf8');
    parsed = parse(file, text).then((hcl) => ({ file, text, hcl: hcl as ParsedFile['hcl'] }));
    cache.set(file, parsed);
  }
  return parsed;
}

export async function parseAll(): Promise<ParsedFile[]> {
  return Promise.all(tfFiles().map(parseTf));
}

/** The parsed files of one configuration directory (e.g. "", "modules/sqs", "cicd"). */
export async function parseDir(dir: string): Promise<ParsedFile[]> {
  const files = tfFiles().filter((file) => path.dirname(file) === (dir === '' ? '.' : dir));
  return Promise.all(files.map(parseTf));
}

export const MODULE_DIRS = ['modules/api_gateway', 'modules/lambdas', 'modules/dynamodb', 'modules/sqs', 'modules/stepfunctions', 'modules/monitoring', 'modules/deployments', 'cicd'];
export const CONFIG_DIRS = ['', 'bootstrap', ...MODULE_DIRS];

export interface Found<T> {
  readonly file: string;
  readonly type: string;
  readonly name: string;
  readonly body: T;
}

/** Every resource (or data source) of a type across files. */
export function blocksOf(files: readonly ParsedFile[], kind: 'resource' | 'data', type?: string): Found<Body>[] {
  return files.flatMap((parsed) =>
    Object.entries(parsed.hcl[kind] ?? {})
      .filter(([blockType]) => type === undefined || blockType === type)
      .flatMap(([blockType, byName]) =>
        Object.entries(byName).flatMap(([name, bodies]) => bodies.map((body) => ({ file: parsed.file, type: blockType, name, body }))),
      ),
  );
}

export function variablesOf(files: readonly ParsedFile[]): Record<string, Body> {
  return Object.fromEntries(files.flatMap((parsed) => Object.entries(parsed.hcl.variable ?? {}).map(([name, bodies]) => [name, bodies[0] as Body])));
}

export function outputsOf(files: readonly ParsedFile[]): Record<string, Body> {
  return Object.fromEntries(files.flatMap((parsed) => Object.entries(parsed.hcl.output ?? {}).map(([name, bodies]) => [name, bodies[0] as Body])));
}

export function localsOf(files: readonly ParsedFile[]): Record<string, unknown> {
  return Object.assign({}, ...files.flatMap((parsed) => parsed.hcl.locals ?? []));
}

export function modulesOf(files: readonly ParsedFile[]): Record<string, Body> {
  return Object.fromEntries(files.flatMap((parsed) => Object.entries(parsed.hcl.module ?? {}).map(([name, bodies]) => [name, bodies[0] as Body])));
}

/** The first (only) nested block of a kind, e.g. block(body, 'lifecycle'). */
export function block(body: Body, name: string): Body | undefined {
  const value = body[name];
  return Array.isArray(value) ? (value[0] as Body) : undefined;
}

export function blocks(body: Body, name: string): Body[] {
  const value = body[name];
  return Array.isArray(value) ? (value as Body[]) : [];
}

/** Blocks written directly and through `dynamic "<name>" { content { ... } }`. */
export function blocksIncludingDynamic(body: Body, name: string): Body[] {
  // hcl2json returns `dynamic` as an object keyed by block name (or a list of such objects).
  const raw = body.dynamic;
  const dynamics = (Array.isArray(raw) ? raw : raw ? [raw] : []) as Body[];
  const generated = dynamics.flatMap((dynamic) => blocks(dynamic, name)).flatMap((d) => blocks(d, 'content'));
  return [...blocks(body, name), ...generated];
}

export interface LambdaManifest {
  readonly description: string;
  readonly handler: string;
  readonly timeout_seconds?: number;
  readonly trigger: { readonly type: 'api' | 'workflow' | 'sqs'; readonly queue?: string; readonly state?: string; readonly contract?: string };
  readonly environment: Record<string, { readonly required: boolean; readonly source: string; readonly description: string }>;
  readonly permissions: readonly string[];
}

/** apps/<app>/lambda.json of every app, read as data (apps are not importable from type:infra). */
export function lambdaManifests(): Record<string, LambdaManifest> {
  const appsDir = path.join(WORKSPACE_DIR, 'apps');
  return Object.fromEntries(
    readdirSync(appsDir)
      .filter((app) => existsSync(path.join(appsDir, app, 'lambda.json')))
      .sort()
      .map((app) => [app, JSON.parse(readFileSync(path.join(appsDir, app, 'lambda.json'), 'utf8')) as LambdaManifest]),
  );
}

export interface ProjectJson {
  readonly name: string;
  readonly tags?: readonly string[];
  readonly targets?: Record<string, { readonly options?: Record<string, unknown>; readonly outputs?: readonly string[] }>;
}

export function appProjects(): Record<string, ProjectJson> {
  const appsDir = path.join(WORKSPACE_DIR, 'apps');
  return Object.fromEntries(
    readdirSync(appsDir)
      .filter((app) => existsSync(path.join(appsDir, app, 'project.json')))
      .map((app) => [app, JSON.parse(readFileSync(path.join(appsDir, app, 'project.json'), 'utf8')) as ProjectJson]),
  );
}

export function readWorkspaceFile(relative: string): string {
  return readFileSync(path.join(WORKSPACE_DIR, relative), 'utf8');
}

/** The text between `name = <open>` and its matching close, for expressions hcl2json keeps as text. */
export function expressionText(text: string, name: string): string {
  const start = text.search(new RegExp(`^\\s*${name}\\s*=`, 'm'));
  if (start < 0) throw new Error(`No ${name} = in the text`);
  const open = text.slice(start).search(/[({[]/) + start;
  const pairs: Record<string, string> = { '(': ')', '{': '}', '[': ']' };
  const stack: string[] = [];
  for (let i = open; i < text.length; i += 1) {
    const char = text.charAt(i);
    if (char in pairs) stack.push(pairs[char] as string);
    else if (char === stack[stack.length - 1]) {
      stack.pop();
      if (stack.length === 0) return text.slice(start, i + 1);
    }
  }
  throw new Error(`Unbalanced expression for ${name}`);
}
