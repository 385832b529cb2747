#!/usr/bin/env node
// Builds the local runtime into dist/apps/local with esbuild:
//   main.mjs          `npm start` (the whole pipeline in one process)
//   dynamodb-thread.mjs dynalite, run in a thread of its own
//   lambda-worker.cjs the bootstrap each Lambda worker thread runs (CommonJS, like Lambda's runtime,
//                     because it require()s the CommonJS bundles)
// node_modules stay external: the runtime loads dynalite, fauxqs, aws-local-stepfunctions and the
// AWS SDK from the workspace, as installed by `npm ci` (libs/tooling/src/node-app-build.mjs).
import { build } from 'esbuild';
import { existsSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { esmWithCommonJsGlobals, nodeAppOptions, workspaceRoot as root } from '#tooling/node-app-build.mjs';

const outdir = path.join(root, 'dist/apps/local');
const shared = nodeAppOptions('local');

const STEP_FUNCTIONS = 'aws-local-stepfunctions';
const JSONPATH_QUERY = path.join(root, 'apps/local/src/stepfunctions/jsonpath-query.ts');

/**
 * aws-local-stepfunctions is bundled into main.mjs (every other package stays in node_modules) so
 * that its one import of jsonpath-plus's JSONPath can be pointed at jsonpath-query.ts, which answers
 * the same without throwing an Error per scalar answer. Its other imports stay external: as bare
 * names where Node finds the same copy from dist/apps/local, and as paths into its own
 * node_modules where it has a copy of its own.
 */
const stepFunctionsJsonPath = {
  name: 'aws-local-stepfunctions-jsonpath',
  setup(build) {
    const packageDir = path.join(root, 'node_modules', STEP_FUNCTIONS);
    const fromPackage = createRequire(path.join(packageDir, 'package.json'));
    const fromWorkspace = createRequire(path.join(root, 'package.json'));
    if (fromPackage.resolve('jsonpath-plus') !== fromWorkspace.resolve('jsonpath-plus')) {
      throw new Error(`${STEP_FUNCTIONS} has a jsonpath-plus of its own; jsonpath-query.ts would import another copy`);
    }
    const inPackage = (importer) => importer.startsWith(packageDir + path.sep);
    build.onResolve({ filter: /^aws-local-stepfunctions$/ }, () => ({ path: fileURLToPath(import.meta.resolve(STEP_FUNCTIONS)) }));
    build.onResolve({ filter: /^jsonpath-plus$/ }, (args) => (inPackage(args.importer) ? { path: JSONPATH_QUERY } : undefined));
    build.onResolve({ filter: /^[^./]/ }, (args) => {
      if (!inPackage(args.importer)) return undefined;
      const name = args.path.startsWith('@') ? args.path.split('/').slice(0, 2).join('/') : args.path.split('/')[0];
      if (!existsSync(path.join(packageDir, 'node_modules', name))) return { path: args.path, external: true };
      const own = path.relative(outdir, fromPackage.resolve(args.path)).split(path.sep).join('/');
      return { path: own, external: true };
    });
  },
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...shared,
  ...esmWithCommonJsGlobals,
  plugins: [stepFunctionsJsonPath, ...shared.plugins],
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
