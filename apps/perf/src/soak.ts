/**
 * `npm run soak`: the proof that nothing is lost or done twice when things break (issue 11 §3).
 * Open-loop orders with the fault plan on and K SIGKILLs of the runtime (each followed by a
 * restart on the same data dir); the client re-sends every request left without an answer or
 * with a 5xx, same Idempotency-Key and body; then it checks the tables and prints the report.
 * Exits 1 on any violation. The Nx target then runs the property-based request suite (apps/local/project.json).
 *   npm run soak -- [--orders 10000] [--rate 50] [--kills 3] [--faults <plan>|none] [--seed 11] [--max-duration-s 900] [--settle-s 180]
 */
import { parseArgs } from 'node:util';
import { parseNumberText } from '@dofs/contracts';
import { formatFaultPlan, parseFaultPlan } from '@dofs/local-client';
import { DEFAULT_SOAK_PLAN, formatSoakReport, runSoak, type SoakPlan } from './soak/soak-run';
import { failureText, ToolError } from './tool-error';

const USAGE = `usage: npm run soak -- [--orders N] [--rate R] [--kills K] [--faults PLAN|none] [--seed S] [--max-duration-s D] [--settle-s T]
  defaults: --orders ${DEFAULT_SOAK_PLAN.orders} --rate ${DEFAULT_SOAK_PLAN.ratePerSecond} --kills ${DEFAULT_SOAK_PLAN.kills} --seed ${DEFAULT_SOAK_PLAN.seed} --max-duration-s ${DEFAULT_SOAK_PLAN.maxDurationMs / 1000} --settle-s ${DEFAULT_SOAK_PLAN.settleMs / 1000}
  --faults ${DEFAULT_SOAK_PLAN.faults}
then \`npm run soak\` runs the property-based request suite with 3 times npm test's cases (DOFS_PROPERTY_SEED, default 11; DOFS_PROPERTY_RUNS, default 3)`;

function number(value: string | undefined, name: string, fallback: number, min: number): number {
  const n = parseNumberText(value, { min, max: 10_000_000 });
  if (n === null) throw new ToolError(`--${name} must be a number >= ${min}, not ${value}\n${USAGE}`);
  return n ?? fallback;
}

function readPlan(): SoakPlan | undefined {
  const { values } = parseArgs({
    options: {
      orders: { type: 'string' },
      rate: { type: 'string' },
      kills: { type: 'string' },
      faults: { type: 'string' },
      seed: { type: 'string' },
      'max-duration-s': { type: 'string' },
      'settle-s': { type: 'string' },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const d = DEFAULT_SOAK_PLAN;
  return {
    orders: Math.round(number(values.orders, 'orders', d.orders, 1)),
    ratePerSecond: number(values.rate, 'rate', d.ratePerSecond, 0.1),
    kills: Math.round(number(values.kills, 'kills', d.kills, 0)),
    faults: formatFaultPlan(parseFaultPlan(values.faults ?? d.faults, '--faults')),
    seed: Math.round(number(values.seed, 'seed', d.seed, 0)),
    maxDurationMs: number(values['max-duration-s'], 'max-duration-s', d.maxDurationMs / 1000, 1) * 1000,
    settleMs: number(values['settle-s'], 'settle-s', d.settleMs / 1000, 1) * 1000,
  };
}

async function main(): Promise<void> {
  const plan = readPlan();
  if (!plan) return void process.stdout.write(USAGE + '\n');
  const report = await runSoak(plan, (line) => process.stderr.write(`soak: ${line}\n`));
  process.stdout.write(formatSoakReport(report) + '\n');
  process.exitCode = report.ok ? 0 : 1;
}

main().catch((error: unknown) => {
  process.stderr.write(`soak: ${failureText(error)}\n`);
  process.exitCode = 1;
});
