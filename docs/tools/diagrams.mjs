#!/usr/bin/env node
// `npm run docs:diagrams` regenerates the diagrams drawn from the repository's own sources (the
// workflow from its ASL, the Terraform modules from their HCL) into docs/diagrams/, then copies
// every docs/diagrams/*.mmd into the Markdown files that show it, after their marker line
//   <!-- diagram: docs/diagrams/NAME.mmd -->
// so that GitHub renders the same diagram the PDF does. `--check` writes nothing and fails,
// naming the files, when anything is stale.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { terraformDiagram } from './terraform-diagram.mjs';
import { workflowDiagram } from './workflow-diagram.mjs';
import { embedDiagrams, markdownFiles } from './diagram-blocks.mjs';

const workspace = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const diagramsDir = path.join(workspace, 'docs/diagrams');
const check = process.argv.includes('--check');

const workflowSource = 'contracts/order-workflow.asl.json';
/** @type {Map<string, string>} file relative to the workspace => its expected content */
const expected = new Map([
  ['docs/diagrams/order-workflow.mmd', workflowDiagram(JSON.parse(readFileSync(path.join(workspace, workflowSource), 'utf8')), workflowSource)],
  ['docs/diagrams/terraform-modules.mmd', await terraformDiagram(path.join(workspace, 'terraform'), workspace)],
]);

const read = (/** @type {string} */ file) => {
  const full = path.join(workspace, file);
  return existsSync(full) ? readFileSync(full, 'utf8') : undefined;
};
const diagrams = new Map(
  readdirSync(diagramsDir)
    .filter((name) => name.endsWith('.mmd'))
    .map((name) => [`docs/diagrams/${name}`, read(`docs/diagrams/${name}`) ?? '']),
);
for (const [file, content] of expected) diagrams.set(file, content);

for (const file of markdownFiles(workspace)) {
  const text = read(file) ?? '';
  expected.set(file, embedDiagrams(text, diagrams, file));
}

const stale = [...expected].filter(([file, content]) => read(file) !== content).map(([file]) => file);
if (check) {
  if (stale.length > 0) {
    console.error(`Stale diagrams (run npm run docs:diagrams and commit):\n  ${stale.join('\n  ')}`);
    process.exit(1);
  }
  console.log(`diagrams: ${diagrams.size} up to date`);
} else {
  for (const file of stale) writeFileSync(path.join(workspace, file), /** @type {string} */ (expected.get(file)));
  console.log(stale.length > 0 ? `diagrams: wrote ${stale.join(', ')}` : `diagrams: ${diagrams.size} up to date`);
}
