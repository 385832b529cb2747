// Draws the Terraform configuration as a Mermaid flowchart: one node per module called by the root
// module, listing the resources its .tf files declare, a node for the root module's own resources
// (when it has any), and an edge for every module output, root resource or contract file the root
// module passes into another module. Read from the HCL itself (the parser
// Terraform uses, @cdktf/hcl2json), so a new resource or a new wiring shows up on regeneration.
import { parse } from '@cdktf/hcl2json';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

/** @typedef {Record<string, unknown>} Body */
/** @typedef {{ resource?: Record<string, Record<string, Body[]>>, module?: Record<string, Body[]>, locals?: Body[] }} Hcl */

const quote = (/** @type {string} */ text) => `"${text.replaceAll('"', '#quot;')}"`;

/** Every .tf file of one directory, parsed and merged (not recursive: a module is one folder). */
export async function parseDirectory(/** @type {string} */ dir) {
  const files = readdirSync(dir).filter((name) => name.endsWith('.tf')).sort();
  /** @type {Hcl[]} */
  const parsed = await Promise.all(files.map((name) => parse(name, readFileSync(path.join(dir, name), 'utf8'))));
  return parsed;
}

/** The resources of one module: type and name. */
export function moduleResources(/** @type {Hcl[]} */ files) {
  return files.flatMap((file) =>
    Object.entries(file.resource ?? {}).flatMap(([type, byName]) => Object.keys(byName).map((name) => ({ type, name }))),
  );
}

/** A value's source text with that of every `local.Y` it reads, through the root's locals. */
function withLocals(/** @type {unknown} */ value, /** @type {Record<string, unknown>} */ locals, seen = new Set()) {
  const text = JSON.stringify(value);
  /** @type {string[]} */
  const texts = [text];
  for (const match of text.matchAll(/\blocal\.(\w+)/g)) {
    const name = String(match[1]);
    if (seen.has(name) || !(name in locals)) continue;
    seen.add(name);
    texts.push(withLocals(locals[name], locals, seen));
  }
  return texts.join('\n');
}

/** `module.X.output` references in a value, following `local.Y` through the root's locals. */
function moduleReferences(/** @type {unknown} */ value, /** @type {Record<string, unknown>} */ locals) {
  return [...withLocals(value, locals).matchAll(/\bmodule\.(\w+)\.(\w+)/g)].map((m) => ({ module: String(m[1]), output: String(m[2]) }));
}

/** The root module's own resources (`type.name`) a value reads, following its locals. */
function rootResourceReferences(/** @type {unknown} */ value, /** @type {Record<string, unknown>} */ locals, /** @type {{ type: string, name: string }[]} */ resources) {
  const text = withLocals(value, locals);
  return resources.filter(({ type, name }) => new RegExp(`\\b${type}\\.${name}\\b`).test(text)).map(({ type, name }) => `${type.replace(/^aws_/, '')}.${name}`);
}

/**
 * The lines of one module's node: a line per resource type (without the "aws_" they all have) with
 * its resource names unless the only one is "this"; the types that configure another type of the module (s3_bucket_policy
 * for s3_bucket) are folded under it, so a node says what a module creates without a line per knob.
 */
export function resourceLines(/** @type {{ type: string, name: string }[]} */ resources) {
  /** @type {Map<string, string[]>} */
  const namesByType = new Map();
  for (const { type, name } of resources) {
    const short = type.replace(/^aws_/, '');
    namesByType.set(short, [...(namesByType.get(short) ?? []), name]);
  }
  const types = [...namesByType.keys()].sort();
  const parentOf = (/** @type {string} */ type) =>
    types.filter((other) => type.startsWith(`${other}_`)).sort((a, b) => b.length - a.length)[0];
  return types
    .filter((type) => !parentOf(type))
    .flatMap((type) => {
      const names = [...new Set(namesByType.get(type))].sort();
      const children = types.filter((other) => parentOf(other) === type).map((child) => child.slice(type.length + 1));
      const named = names.length === 1 && names[0] === 'this' ? [] : names;
      const lines = chunk(named, 3).map((part) => part.join(', '));
      const head = lines.length > 0 ? [`${type} (${lines[0]}${lines.length > 1 ? ',' : ')'}`, ...lines.slice(1).map((line, i) => `${line}${i === lines.length - 2 ? ')' : ','}`)] : [type];
      return [...head, ...chunk(children, 2).map((part) => `+ ${part.join(', ')}`)];
    });
}

function chunk(/** @type {string[]} */ items, /** @type {number} */ size) {
  const chunks = [];
  for (let i = 0; i < items.length; i += size) chunks.push(items.slice(i, i + size));
  return chunks;
}

/**
 * @param {string} terraformDir the root module's directory
 * @param {string} workspaceDir paths in the diagram are relative to it
 */
export async function terraformDiagram(terraformDir, workspaceDir) {
  const root = await parseDirectory(terraformDir);
  /** @type {Record<string, unknown>} */
  const locals = Object.assign({}, ...root.flatMap((file) => file.locals ?? []));
  const calls = root.flatMap((file) => Object.entries(file.module ?? {}).map(([name, bodies]) => ({ name, body: bodies[0] ?? {} })));

  const lines = [
    `%% Generated from ${path.relative(workspaceDir, terraformDir)}/**/*.tf by \`npm run docs:diagrams\`: edit the Terraform, not this file.`,
    'flowchart TB',
  ];
  /** @type {Set<string>} */
  const contracts = new Set();
  const edges = [];
  const rootResources = moduleResources(root);
  if (rootResources.length > 0) lines.push(`  root[${quote(['root module', ...resourceLines(rootResources)].join('<br/>'))}]:::module`);
  for (const call of calls) {
    const dir = path.resolve(terraformDir, String(call.body.source));
    const resources = moduleResources(await parseDirectory(dir));
    const optional = 'count' in call.body ? ' (optional)' : '';
    const title = `module ${call.name}${optional}`;
    lines.push(`  ${call.name}[${quote([title, ...resourceLines(resources)].join('<br/>'))}]:::module`);

    /** @type {Map<string, Set<string>>} */
    const outputsBySource = new Map();
    const inputs = Object.fromEntries(Object.entries(call.body).filter(([key]) => key !== 'source'));
    for (const reference of moduleReferences(inputs, locals)) {
      if (reference.module === call.name) continue;
      outputsBySource.set(reference.module, (outputsBySource.get(reference.module) ?? new Set()).add(reference.output));
    }
    for (const [from, outputs] of [...outputsBySource.entries()].sort()) {
      edges.push(`  ${from} -->|${quote([...outputs].sort().join(', '))}| ${call.name}`);
    }
    const fromRoot = rootResourceReferences(inputs, locals, rootResources);
    if (fromRoot.length > 0) edges.push(`  root -->|${quote([...new Set(fromRoot)].sort().join(', '))}| ${call.name}`);
    for (const match of JSON.stringify(inputs).matchAll(/contracts\/([\w./-]+)/g)) {
      const file = `contracts/${match[1]}`;
      const id = file.replace(/\W/g, '_');
      if (!contracts.has(file)) lines.push(`  ${id}[/${quote(file)}/]:::contract`);
      contracts.add(file);
      edges.push(`  ${id} -.->|templatefile| ${call.name}`);
    }
  }
  return [
    ...lines,
    ...edges,
    '  classDef module fill:#e8f0fe,stroke:#3367d6',
    '  classDef contract fill:#fff4d6,stroke:#b38600',
    '',
  ].join('\n');
}
