import path from 'node:path';
import { CHAPTERS } from '../chapters';
import { caption, chapter, hold, showTerminal, type Demo } from '../demo-context';

export const SOAK_ARGS = ['--orders', '60', '--rate', '20', '--kills', '1', '--seed', '11', '--settle-s', '60'];

export async function faultSoak(demo: Demo): Promise<void> {
  await chapter(demo, CHAPTERS.soak);
  await showTerminal(demo, 'A short fault soak', 'npm run soak runs this with 10,000 orders; here 60, and one SIGKILL');
  await caption(demo, 'A second runtime with faults injected where AWS produces them (throttles, crashes, timeouts, 5xx) and a kill -9 mid-run; the client retries with the same Idempotency-Key. Waits with no output are cut.');
  const soak = path.join(demo.settings.root, 'dist/apps/perf/soak.mjs');
  const result = await demo.terminal.run({
    shown: `node dist/apps/perf/soak.mjs ${SOAK_ARGS.join(' ')}`,
    file: process.execPath,
    args: [soak, ...SOAK_ARGS],
    cutIdleMs: 1500,
  });
  demo.terminal.save('08-fault-soak');
  if (result.code !== 0) throw new Error(`the soak failed (exit ${result.code}):\n${result.stdout.slice(-3000)}`);
  await hold(demo, 4000);
  await demo.terminal.scrollTo('check ');
  await caption(demo, 'The report: every accepted order terminal exactly once, FAILED if and only if one failed_orders row, attempts within maxReceiveCount, across the crash and the faults.');
  await hold(demo, 9000);
}
