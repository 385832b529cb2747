#!/usr/bin/env node
// Bundles the CLI (SDK, contracts and AWS SDK clients included) into one file:
//   node apps/cli/tools/build.cjs   ->  dist/apps/cli/dofs.cjs
// bin/dofs.cjs calls buildCli() itself when the bundle is missing or older than its sources.
const { renameSync, mkdirSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const BUNDLE = path.join(root, 'dist/apps/cli/dofs.cjs');

function buildCli() {
  const { buildSync } = require('esbuild');
  mkdirSync(path.dirname(BUNDLE), { recursive: true });
  // written aside and renamed: two first runs at once never see half a file
  const temporary = `${BUNDLE}.${process.pid}.tmp`;
  buildSync({
    entryPoints: [path.join(root, 'apps/cli/src/main.ts')],
    outfile: temporary,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    tsconfig: path.join(root, 'apps/cli/tsconfig.json'),
    legalComments: 'none',
    logLevel: 'error',
  });
  renameSync(temporary, BUNDLE);
  return BUNDLE;
}

module.exports = { buildCli, BUNDLE };

if (require.main === module) {
  buildCli();
  console.log(`built ${path.relative(process.cwd(), BUNDLE)}`);
}
