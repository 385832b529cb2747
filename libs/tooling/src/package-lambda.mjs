#!/usr/bin/env node
// Packs one Lambda bundle (dist/apps/<app>/index.js) into a deterministic zip
// (dist/artifacts/<app>.zip), records its hashes in dist/artifacts/<app>.json, prints its size,
// and fails when the minified bundle is over the size budget.
//   node libs/tooling/src/package-lambda.mjs <app> [--max-kb 300]
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { deterministicZip } from './deterministic-zip.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const [app] = process.argv.slice(2);
const maxKbFlag = process.argv.indexOf('--max-kb');
const maxKb = maxKbFlag > 0 ? Number(process.argv[maxKbFlag + 1]) : 300;
if (!app) {
  console.error('usage: package-lambda.mjs <app> [--max-kb N]');
  process.exit(2);
}

const bundlePath = path.join(root, 'dist/apps', app, 'index.js');
let bundle;
try {
  bundle = readFileSync(bundlePath);
} catch {
  console.error(`No bundle at ${path.relative(root, bundlePath)}: run \`npx nx run ${app}:build\` first.`);
  process.exit(1);
}
const zip = deterministicZip([{ name: 'index.js', data: bundle }]);
const artifacts = path.join(root, 'dist/artifacts');
mkdirSync(artifacts, { recursive: true });
writeFileSync(path.join(artifacts, `${app}.zip`), zip);
const record = {
  app,
  bundle_bytes: bundle.length,
  zip_bytes: zip.length,
  zip_sha256: createHash('sha256').update(zip).digest('hex'),
  // what Terraform's filebase64sha256() computes, i.e. the Lambda's source_code_hash
  zip_base64sha256: createHash('sha256').update(zip).digest('base64'),
};
writeFileSync(path.join(artifacts, `${app}.json`), JSON.stringify(record, null, 2) + '\n');
/** @param {number} n */
const kb = (n) => (n / 1024).toFixed(1);
console.log(
  `${app}: bundle ${kb(record.bundle_bytes)} KB (budget ${maxKb} KB), zip ${kb(record.zip_bytes)} KB, sha256 ${record.zip_sha256.slice(0, 16)}`,
);
if (record.bundle_bytes > maxKb * 1024) {
  console.error(`${app}: the bundle is over its ${maxKb} KB budget.`);
  process.exit(1);
}
