#!/usr/bin/env node
// Builds the local console's browser app into dist/apps/console: index.html, app.css and one
// minified app.js (esbuild). The local runtime serves these files; nothing is fetched from a CDN.
import { build } from 'esbuild';
import { copyFileSync, mkdirSync, rmSync, statSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outdir = path.join(root, 'dist/apps/console');
rmSync(outdir, { recursive: true, force: true });
mkdirSync(outdir, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: { app: 'apps/console/src/main.ts' },
  outdir,
  bundle: true,
  minify: true,
  format: 'iife',
  target: 'es2022',
  platform: 'browser',
  tsconfig: path.join(root, 'apps/console/tsconfig.json'),
  legalComments: 'none',
  logLevel: 'warning',
});
for (const file of ['index.html', 'app.css']) copyFileSync(path.join(root, 'apps/console/src', file), path.join(outdir, file));
const sizes = ['app.js', 'app.css', 'index.html'].map((file) => {
  const content = readFileSync(path.join(outdir, file));
  return `${file} ${(statSync(path.join(outdir, file)).size / 1024).toFixed(1)} KB (${(gzipSync(content).length / 1024).toFixed(1)} KB gzip)`;
});
console.log(`console: built ${path.relative(root, outdir)}: ${sizes.join(', ')}`);
