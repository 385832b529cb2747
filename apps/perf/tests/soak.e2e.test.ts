// The short soak of issue 11 §3 in `npm test`: about 1,000 orders with the default fault plan and
// one kill of the whole runtime; `npm run soak` runs the long one (10,000 orders, 3 kills).
import { DEFAULT_FAULT_PLAN_TEXT } from '@dofs/local-client';
import { formatSoakReport, runSoak } from '../src/soak/soak-run';

it('loses nothing and does nothing twice under the default fault plan', async () => {
  const report = await runSoak({
    orders: 1000,
    ratePerSecond: 70,
    kills: 1,
    faults: DEFAULT_FAULT_PLAN_TEXT,
    seed: 7,
    maxDurationMs: 60_000,
    settleMs: 90_000,
  });
  const table = formatSoakReport(report);
  process.stdout.write(`${table}\n`);
  // the faults really ran: every kind of the plan fired at least once over 1,000 orders
  for (const [kind, count] of Object.entries(report.faults)) expect([kind, count > 0]).toEqual([kind, true]);
  expect(report.counts['kills']).toBe(1);
  // every check passes
  const violations = report.checks.filter((check) => !check.ok);
  expect(violations.map((check) => `${check.name}: ${check.detail}`)).toEqual([]);
}, 240_000);
