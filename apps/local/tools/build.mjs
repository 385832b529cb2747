#!/usr/bin/env node
// Builds the local runtime into dist/apps/local with esbuild:
//   main.mjs          `npm start` (the whole pipeline in one process)
//   bench.mjs         `npm run bench`
//   bench-list.mjs    `npm run bench:list` (GET /orders pages)
//   bench-guard.mjs   `npm run bench:guard` (CPU per order against the parent commit, in pairs)
//   soak.mjs          `npm run soak` (faults, kills and the checks of issue 11)
//   dynamodb-thread.mjs dynalite, run in a thread of its own
//   lambda-worker.cjs the bootstrap each Lambda worker thread runs (CommonJS, like Lambda's runtime,
//                     because it require()s the CommonJS bundles)
// node_modules stay external: the runtime loads dynalite, fauxqs, aws-local-stepfunctions and the
// AWS SDK from the workspace, as installed by `npm ci`. The workspace's own TypeScript (apps/local,
// libs/contracts) is bundled, and so is ajv's runtime, which the generated validators import
// ESM-style from a CommonJS file (only a bundler's interop gets its default export right).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const outdir = path.join(root, 'dist/apps/local');
const shared = {
  absWorkingDir: root,
  bundle: true,
  platform: 'node',
  target: 'node24',
  plugins: [
    {
      name: 'external-node-modules',
      setup(build) {
        build.onResolve({ filter: /^[^./]/ }, (args) =>
          args.kind === 'entry-point' || args.path.startsWith('@dofs/') || args.path.startsWith('ajv/')
            ? undefined
            : { path: args.path, external: true },
        );
      },
    },
  ],
  tsconfig: path.join(root, 'apps/local/tsconfig.json'),
  sourcemap: 'linked',
  logLevel: 'warning',
};

rmSync(outdir, { recursive: true, force: true });
await build({
  ...shared,
  entryPoints: {
    main: 'apps/local/src/main.ts',
    bench: 'apps/local/src/bench.ts',
    'bench-list': 'apps/local/src/bench-list.ts',
    'bench-guard': 'apps/local/src/bench/cost-guard.ts',
    soak: 'apps/local/src/soak.ts',
    'dynamodb-thread': 'apps/local/src/dynamodb/dynamodb-thread.ts',
  },
  outdir,
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  // ESM has no __dirname/require; the sources are also run as CommonJS under jest, so they use
  // them and the bundle provides them.
  banner: {
    js: [
      "import { createRequire as __createRequire } from 'node:module';",
      "import { fileURLToPath as __fileURLToPath } from 'node:url';",
      "import { dirname as __pathDirname } from 'node:path';",
      'const require = __createRequire(import.meta.url);',
      'const __filename = __fileURLToPath(import.meta.url);',
      'const __dirname = __pathDirname(__filename);',
    ].join('\n'),
  },
});
await build({
  ...shared,
  entryPoints: { 'lambda-worker': 'apps/local/src/lambda/lambda-worker.ts' },
  outdir,
  format: 'cjs',
  outExtension: { '.js': '.cjs' },
});
console.log(`local: built ${path.relative(root, outdir)}/{main,bench,dynamodb-thread}.mjs, lambda-worker.cjs`);
