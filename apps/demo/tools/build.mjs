#!/usr/bin/env node
// Builds `npm run demo:video` into dist/apps/demo/demo-video.mjs with esbuild. node_modules stay
// external (playwright-core, @sparticuz/chromium, @ffmpeg-installer/ffmpeg are loaded from the
// workspace as npm ci installed them); the workspace's own TypeScript (@dofs/*) is bundled.
import { build } from 'esbuild';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
await build({
  absWorkingDir: root,
  entryPoints: { 'demo-video': 'apps/demo/src/main.ts' },
  outdir: path.join(root, 'dist/apps/demo'),
  bundle: true,
  platform: 'node',
  target: 'node24',
  format: 'esm',
  outExtension: { '.js': '.mjs' },
  tsconfig: path.join(root, 'apps/demo/tsconfig.json'),
  sourcemap: 'linked',
  logLevel: 'warning',
  plugins: [
    {
      name: 'external-node-modules',
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (args) =>
          args.kind === 'entry-point' || args.path.startsWith('@dofs/') || args.path.startsWith('ajv/') ? undefined : { path: args.path, external: true },
        );
      },
    },
  ],
  // the sources use __filename, __dirname and require (they also run as CommonJS under jest)
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
console.log('demo: built dist/apps/demo/demo-video.mjs');
