#!/usr/bin/env node
// Regenerates libs/contracts/src/generated/ from contracts/ (the source of truth).
//   node libs/contracts/tools/generate.mjs           write the generated files
//   node libs/contracts/tools/generate.mjs --check   exit 1, naming each stale file, if any differs
// The output depends only on the contracts and the pinned generator versions, so a fresh clone
// regenerates the same bytes.
import { readFile, writeFile, readdir, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import openapiTS, { astToString } from 'openapi-typescript';
import SwaggerParser from '@apidevtools/swagger-parser';
import $RefParser from '@apidevtools/json-schema-ref-parser';
import { compile } from 'json-schema-to-typescript';
import Ajv from 'ajv-draft-04';
import standaloneCode from 'ajv/dist/standalone/index.js';
import { parse as parseYaml } from 'yaml';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const contractsDir = path.join(root, 'contracts');
const eventsDir = path.join(contractsDir, 'events');
const outDir = path.join(root, 'libs/contracts/src/generated');
const banner = (source) =>
  `// Generated from ${source} by libs/contracts/tools/generate.mjs. Do not edit: run \`npm run codegen\`.\n`;

// `${name}` is a Terraform templatefile() placeholder; `$${` is Terraform's escape for a literal `${`.
export function placeholdersOf(text) {
  const names = new Set();
  for (const match of text.matchAll(/(?<!\$)\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g)) names.add(match[1]);
  return [...names].sort();
}

const pascal = (title) => title.replace(/(^|[^A-Za-z0-9])([a-z])/g, (_, __, c) => c.toUpperCase());

async function openapiTypes() {
  const ast = await openapiTS(pathToFileURL(path.join(contractsDir, 'openapi.yaml')));
  return banner('contracts/openapi.yaml') + '/* eslint-disable */\n' + astToString(ast);
}

async function eventSchemaFiles() {
  return (await readdir(eventsDir)).filter((f) => f.endsWith('.schema.json')).sort();
}

// The event schemas reference openapi.yaml's component schemas; each is dereferenced whole so
// that types and validators never depend on a second file at run time.
async function dereferencedEventSchemas() {
  const schemas = {};
  for (const file of await eventSchemaFiles()) {
    const schema = await $RefParser.dereference(path.join(eventsDir, file));
    delete schema.$schema;
    schemas[schema.title] = schema;
  }
  return schemas;
}

async function eventTypes(eventSchemas) {
  const blocks = [];
  for (const [title, schema] of Object.entries(eventSchemas)) {
    const ts = await compile(structuredClone(schema), title, {
      bannerComment: '',
      format: false,
      additionalProperties: false,
      declareExternallyReferenced: true,
      strictIndexSignatures: true,
    });
    blocks.push(ts.trim());
  }
  // Several schemas inline the same component (e.g. OrderLine); keep each declaration once.
  const seen = new Set();
  const unique = [];
  for (const block of blocks.join('\n').split(/\n(?=export )/)) {
    const name = /^export (?:interface|type) (\w+)/.exec(block)?.[1];
    if (name && seen.has(name)) continue;
    if (name) seen.add(name);
    unique.push(block);
  }
  return (
    banner('contracts/events/*.schema.json') + '/* eslint-disable */\n' + unique.join('\n') + '\n'
  );
}

async function validators(eventSchemas) {
  const api = await SwaggerParser.dereference(path.join(contractsDir, 'openapi.yaml'));
  const ajv = new Ajv({ allErrors: true, strict: true, messages: false, code: { source: true, esm: true, lines: false, optimize: true } });
  ajv.addKeyword({ keyword: 'example' });
  const exportsMap = {};
  const typeLines = [];
  // Validators for the bodies and ids that cross a boundary; the smaller components live inside them.
  const bodies = Object.entries(api.components.schemas).filter(([name, s]) => s.type === 'object' && !name.endsWith('Detail') && name !== 'AttemptError' && name !== 'OrderLine' || name === 'OrderId');
  for (const [name, schema] of bodies) {
    ajv.addSchema(schema, `openapi:${name}`);
    exportsMap[`validate${name}`] = `openapi:${name}`;
    typeLines.push(`export declare const validate${name}: ValidateFunction<components['schemas']['${name}']>;`);
  }
  for (const [title, schema] of Object.entries(eventSchemas)) {
    ajv.addSchema(schema, `event:${title}`);
    exportsMap[`validate${pascal(title)}`] = `event:${title}`;
    typeLines.push(`export declare const validate${pascal(title)}: ValidateFunction<events.${pascal(title)}>;`);
  }
  let code = standaloneCode(ajv, exportsMap);
  // Ajv's ESM output still require()s its runtime helpers; turn them into imports for bundlers.
  const imports = [];
  code = code.replace(/const (\w+) = require\("([^"]+)"\)\.default;/g, (_, id, mod) => {
    imports.push(`import ${id} from "${mod}.js";`);
    return '';
  });
  code = code.replace(/^"use strict";/, '');
  const js = banner('contracts/openapi.yaml and contracts/events/') + '/* eslint-disable */\n' + imports.join('\n') + '\n' + code + '\n';
  const dts =
    banner('contracts/openapi.yaml and contracts/events/') +
    "import type { ValidateFunction } from 'ajv';\n" +
    "import type { components } from './openapi';\n" +
    "import type * as events from './events';\n" +
    typeLines.join('\n') +
    '\n';
  return { js, dts };
}

/**
 * operationId -> header of the apiKey scheme its security requirement needs. An operation's own
 * `security` wins over the document's; an empty requirement (`{}`) among the alternatives makes
 * the key optional, so it is not listed.
 */
function apiKeyHeaders(openapi) {
  const schemes = openapi.components?.securitySchemes ?? {};
  const headers = {};
  for (const item of Object.values(openapi.paths ?? {})) {
    for (const operation of Object.values(item)) {
      if (!operation?.operationId) continue;
      const requirements = operation.security ?? openapi.security ?? [];
      if (requirements.length === 0 || requirements.some((requirement) => Object.keys(requirement).length === 0)) continue;
      const header = Object.keys(requirements[0])
        .map((name) => schemes[name])
        .find((scheme) => scheme?.type === 'apiKey' && scheme.in === 'header')?.name;
      if (header) headers[operation.operationId] = header;
    }
  }
  return Object.fromEntries(Object.entries(headers).sort(([a], [b]) => a.localeCompare(b)));
}

async function workflowConstants() {
  const aslFiles = (await readdir(contractsDir)).filter((f) => f.endsWith('.asl.json')).sort();
  const openapiText = await readFile(path.join(contractsDir, 'openapi.yaml'), 'utf8');
  let out = banner('contracts/*.asl.json and contracts/openapi.yaml');
  out += `\n/** Terraform templatefile() variables that contracts/openapi.yaml needs. */\n`;
  out += `export const OPENAPI_PLACEHOLDERS = ${JSON.stringify(placeholdersOf(openapiText))} as const;\n`;
  out += `\n/** The API-key header each operation must send (its effective OpenAPI security requirement), by operationId; absent: no key needed. */\n`;
  out += `export const OPENAPI_API_KEY_HEADERS: Readonly<Record<string, string>> = ${JSON.stringify(apiKeyHeaders(parseYaml(openapiText)))};\n`;
  for (const file of aslFiles) {
    const text = await readFile(path.join(contractsDir, file), 'utf8');
    const asl = JSON.parse(text);
    const base = pascal(file.replace(/\.asl\.json$/, ''));
    const states = Object.keys(asl.States).sort();
    const failErrors = Object.values(asl.States)
      .filter((s) => s.Type === 'Fail')
      .map((s) => s.Error)
      .sort();
    const constBase = base.replace(/([a-z])([A-Z])/g, '$1_$2').toUpperCase();
    out += `\n/** contracts/${file} */\n`;
    out += `export const ${constBase}_FILE = ${JSON.stringify(file)};\n`;
    out += `export const ${constBase}_PLACEHOLDERS = ${JSON.stringify(placeholdersOf(text))} as const;\n`;
    out += `export const ${constBase}_STATES = ${JSON.stringify(states)} as const;\n`;
    out += `export type ${base}State = (typeof ${constBase}_STATES)[number];\n`;
    out += `/** The Error of each Fail state: how an execution of this workflow can fail. */\n`;
    out += `export const ${constBase}_ERRORS = ${JSON.stringify(failErrors)} as const;\n`;
    out += `export type ${base}Error = (typeof ${constBase}_ERRORS)[number];\n`;
  }
  return out;
}

export async function generateAll() {
  const eventSchemas = await dereferencedEventSchemas();
  const { js, dts } = await validators(eventSchemas);
  return {
    'openapi.ts': await openapiTypes(),
    'events.ts': await eventTypes(eventSchemas),
    'validators.js': js,
    'validators.d.ts': dts,
    'workflow.ts': await workflowConstants(),
  };
}

async function main() {
  const check = process.argv.includes('--check');
  const files = await generateAll();
  await mkdir(outDir, { recursive: true });
  const stale = [];
  for (const [name, content] of Object.entries(files)) {
    const target = path.join(outDir, name);
    const current = await readFile(target, 'utf8').catch(() => null);
    if (current === content) continue;
    if (check) stale.push(path.relative(root, target));
    else await writeFile(target, content);
  }
  if (check && stale.length > 0) {
    console.error(`Generated contract code is stale: ${stale.join(', ')}.\nRun \`npm run codegen\` and commit the result.`);
    process.exit(1);
  }
  console.log(check ? 'codegen: generated contract code is up to date.' : `codegen: wrote ${outDir}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(`codegen failed: ${error.message}`);
    process.exit(1);
  });
}
