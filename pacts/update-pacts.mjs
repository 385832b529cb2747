#!/usr/bin/env node
// `npm run pacts:update`: after the consumer tests have written dist/pacts/ (the npm script runs
// them first), makes the pact files of pacts/ the same set, to be reviewed and committed.
import { copyFileSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const committed = path.dirname(fileURLToPath(import.meta.url));
const written = path.resolve(committed, '../dist/pacts');

/** The pact files of a directory: JSON naming a consumer and a provider. */
export function pactFiles(dir) {
  return readdirSync(dir)
    .filter((file) => file.endsWith('.json'))
    .filter((file) => {
      const content = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
      return typeof content?.consumer?.name === 'string' && typeof content?.provider?.name === 'string';
    })
    .sort();
}

const fresh = pactFiles(written);
if (fresh.length === 0) throw new Error(`No pact in ${written}: run the consumer tests first.`);
for (const file of pactFiles(committed)) if (!fresh.includes(file)) rmSync(path.join(committed, file));
for (const file of fresh) copyFileSync(path.join(written, file), path.join(committed, file));
console.log(`pacts/ now holds: ${fresh.join(', ')}`);
