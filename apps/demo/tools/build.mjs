#!/usr/bin/env node
// Builds `npm run demo:video` into dist/apps/demo/demo-video.mjs with esbuild, with the shared
// options of the workspace's Node apps (libs/tooling/src/node-app-build.mjs): node_modules stay
// external (playwright-core, @sparticuz/chromium, @ffmpeg-installer/ffmpeg are loaded as npm ci
// installed them); the workspace's own TypeScript (@dofs/*) is bundled.
import { build } from 'esbuild';
import path from 'node:path';
import { esmWithCommonJsGlobals, nodeAppOptions, workspaceRoot as root } from '#tooling/node-app-build.mjs';

await build({
  ...nodeAppOptions('demo'),
  ...esmWithCommonJsGlobals,
  entryPoints: { 'demo-video': 'apps/demo/src/main.ts' },
  outdir: path.join(root, 'dist/apps/demo'),
});
console.log('demo: built dist/apps/demo/demo-video.mjs');
