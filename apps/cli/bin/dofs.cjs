#!/usr/bin/env node
// The `dofs` command (apps/cli/package.json "bin", linked into node_modules/.bin by `npm ci`;
// `npx dofs …` or `npm run dofs -- …`). Runs the bundled CLI, building it first when it is
// missing or older than any of its sources, so that a fresh `npm ci` needs no build step and an
// edit is picked up on the next run.
const { existsSync, readdirSync, statSync } = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '../../..');
const SOURCES = ['apps/cli/src', 'libs/sdk/src', 'libs/contracts/src', 'contracts'].map((dir) => path.join(root, dir));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

const { buildCli, BUNDLE } = require('../tools/build.cjs');
const stale = !existsSync(BUNDLE) || statSync(BUNDLE).mtimeMs < Math.max(...SOURCES.filter(existsSync).map(newestMtime));
if (stale) buildCli();
require(BUNDLE);
