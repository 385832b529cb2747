#!/usr/bin/env node
// Builds the local runtime into dist/apps/local with esbuild:
//   main.mjs          `npm start` (the whole pipeline in one process)
//   dynamodb-thread.mjs dynalite, run in a thread of its own
//   lambda-worker.cjs the bootstrap each Lambda worker thread runs (CommonJS, like Lambda's runtime,
//                     because it require()s the CommonJS bundles)
// node_modules stay external: the runtime loads dynalite, fauxqs, aws-local-stepfunctions and the
// AWS SDK from the workspace, as installed by `npm ci` (libs/tooling/src/node-app-build.mjs).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { esmWithCommonJsGlobals, nodeAppOptions, workspaceRoot as root } from '#tooling/node-app-build.mjs';

const outdir = path.join(root, 'dist/apps/local');
const shared = nodeAppOptions('local');

rmSync(outdir, { recursive: true, force: true });
await build({
  ...shared,
  ...esmWithCommonJsGlobals,
  entryPoints: {
    main: 'apps/local/src/main.ts',
    'dynamodb-thread': 'apps/local/src/dynamodb/dynamodb-thread.ts',
  },
  outdir,
});
await build({
  ...shared,
  entryPoints: { 'lambda-worker': 'apps/local/src/lambda/lambda-worker.ts' },
  outdir,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
});
console.log(`local: built ${path.relative(root, outdir)}/{main,dynamodb-thread}.mjs, lambda-worker.cjs`);
