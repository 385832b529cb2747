// The parity suite: each scenario does against `npm start`'s runtime what a recording did against
// AWS, and compares the answers (tests/parity/README.md). The runtime starts once for the suite.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { findWorkspaceRoot } from '@dofs/local-client';
import { SCENARIOS } from './scenarios';
import { startParitySystem, type ParitySystem } from './support/parity-system';
import { runScenario, type Outcome, type ScenarioResult, type WordingAllowance } from './support/scenario';
import knownDifferences from './known-differences.json';
import wordingDifferences from './wording-differences.json';
// the table's one renderer, shared with its generator
import { renderFidelityTable, readTableSection, RESULTS_FILE } from '../../tools/fidelity-table.mjs';

const root = findWorkspaceRoot();
const known = knownDifferences as Record<string, { outcome: Outcome; how: string }>;
const wording = wordingDifferences as Record<string, WordingAllowance>;
let parity: ParitySystem | undefined;
const results = new Map<string, ScenarioResult>();

beforeAll(async () => {
  parity = await startParitySystem();
  const context = parity.context;
  // independent scenarios (each has its own queues, tables, executions) run together: the
  // waits for visibility timeouts overlap
  const all = await Promise.all(SCENARIOS.map((scenario) => runScenario(scenario, context, wording[scenario.id])));
  for (const result of all) results.set(result.id, result);
  const file = path.join(root, RESULTS_FILE);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, JSON.stringify({ scenarios: all }, null, 2) + '\n');
}, 180_000);

afterAll(async () => {
  await parity?.[Symbol.asyncDispose]();
});

it('has unique scenario ids, each with a source', () => {
  expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  for (const scenario of SCENARIOS) expect(scenario.source.length).toBeGreaterThan(20);
});

it('lists only scenarios that exist as known or wording differences', () => {
  const ids = new Set(SCENARIOS.map((s) => s.id));
  expect([...Object.keys(known), ...Object.keys(wording)].filter((id) => !ids.has(id))).toEqual([]);
});

it('lists as wording differences only scenarios that still differ in wording', () => {
  // an allowance whose scenario now matches word for word is stale, like a known difference that no longer occurs
  expect(Object.keys(wording).filter((id) => results.get(id)?.outcome !== 'differs-wording')).toEqual([]);
});

describe.each([...new Set(SCENARIOS.map((s) => s.service))])('%s', (service) => {
  it.each(SCENARIOS.filter((s) => s.service === service).map((s) => [s.id, s] as const))('%s', (id) => {
    const result = results.get(id);
    expect(result).toBeDefined();
    // a behaviour difference fails, unless it is listed in known-differences.json (the runtime's
    // current, not yet fixed state); a listed difference that no longer occurs fails too, so
    // that the list shrinks as fixes land
    const allowed = known[id]?.outcome ?? 'matched';
    const outcome = result?.outcome === 'differs-wording' ? 'matched' : result?.outcome;
    expect({ id, outcome, differences: outcome === allowed ? [] : result?.differences }).toEqual({ id, outcome: allowed, differences: [] });
  });
});

it('keeps the fidelity table in apps/local/README.md current (node apps/local/tools/fidelity-table.mjs writes it)', async () => {
  const readme = await readFile(path.join(root, 'apps/local/README.md'), 'utf8');
  expect(readTableSection(readme)).toBe(renderFidelityTable([...results.values()]));
});
