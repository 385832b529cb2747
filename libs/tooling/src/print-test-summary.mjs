#!/usr/bin/env node
// Sums dist/test-results/*.json (written by jest-summary-reporter.cjs) into one closing line,
// after the ten slowest test suites of the run (where a faster `npm test` has to start).
//   --reset  forget the previous run's results (run first, so a removed project cannot count)
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dir = process.env.DOFS_TEST_RESULTS_DIR ?? path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../dist/test-results');

if (process.argv.includes('--reset')) {
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
}

/** @type {string[]} */
let files = [];
try {
  files = readdirSync(dir).filter((f) => f.endsWith('.json'));
} catch {
  // no results at all: reported below as zero tests, which fails
}
const totals = { passed: 0, failed: 0, skipped: 0 };
const rows = [];
const notRun = [];
/** @type {{ project: string, file: string, ms: number }[]} */
const suites = [];
for (const file of files.sort()) {
  const r = JSON.parse(readFileSync(path.join(dir, file), 'utf8'));
  // A check that could not run on this machine (e.g. no Terraform CLI) is shown, never counted as passed.
  if (r.notRun) {
    rows.push(`  ${r.project.padEnd(22)} not run: ${r.notRun}`);
    notRun.push(r.project);
    continue;
  }
  rows.push(`  ${r.project.padEnd(22)} ${String(r.passed).padStart(5)} passed ${String(r.failed).padStart(3)} failed ${String(r.skipped).padStart(3)} skipped`);
  totals.passed += r.passed;
  totals.failed += r.failed;
  totals.skipped += r.skipped;
  for (const suite of r.suiteTimes ?? []) suites.push({ project: r.project, ...suite });
}
const SLOWEST = 10;
if (suites.length > 0) {
  console.log(`\nThe ${Math.min(SLOWEST, suites.length)} slowest test suites (wall time, of ${suites.length}):`);
  for (const suite of suites.sort((a, b) => b.ms - a.ms).slice(0, SLOWEST))
    console.log(`  ${(suite.ms / 1000).toFixed(1).padStart(6)} s  ${suite.file}`);
}
console.log(`\nTest results by project (${files.length} projects):`);
console.log(rows.join('\n'));
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped${notRun.length ? `; not run: ${notRun.join(', ')}` : ''}`);
if (totals.failed > 0 || totals.passed === 0 || totals.skipped > 0) process.exit(1);
