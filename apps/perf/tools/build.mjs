#!/usr/bin/env node
// Builds the tools that measure a local system into dist/apps/perf with esbuild:
//   bench.mjs         `npm run bench`
//   bench-list.mjs    `npm run bench:list` (GET /orders pages)
//   bench-guard.mjs   `npm run bench:guard` (CPU per order against the parent commit, in pairs)
//   soak.mjs          `npm run soak` (faults, kills and the checks of issue 11)
// They are clients: each starts the runtime (dist/apps/local/main.mjs) as a child process through
// @dofs/local-client. node_modules stay external (libs/tooling/src/node-app-build.mjs).
import { build } from 'esbuild';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { esmWithCommonJsGlobals, nodeAppOptions, workspaceRoot as root } from '#tooling/node-app-build.mjs';

const outdir = path.join(root, 'dist/apps/perf');

rmSync(outdir, { recursive: true, force: true });
await build({
  ...nodeAppOptions('perf'),
  ...esmWithCommonJsGlobals,
  entryPoints: {
    bench: 'apps/perf/src/bench.ts',
    'bench-list': 'apps/perf/src/bench-list.ts',
    'bench-guard': 'apps/perf/src/bench/cost-guard.ts',
    soak: 'apps/perf/src/soak.ts',
  },
  outdir,
});
console.log(`perf: built ${path.relative(root, outdir)}/{bench,bench-list,bench-guard,soak}.mjs`);
