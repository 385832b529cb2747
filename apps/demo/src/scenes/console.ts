import { spawn } from 'node:child_process';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ConsoleOverview } from '@dofs/contracts';
import { CHAPTERS } from '../chapters';
import { caption, chapter, hold, requireSystem, showTerminal, type Demo } from '../demo-context';
import { plainEnv } from '../terminal-pane';

/** Light enough for a 2-core machine that also runs the browser and the encoder (bench: ~90 orders/s alone). */
export const LOAD = { orders: 75, rate: 5 };

/** The console's own overview (counts by a DynamoDB Query per status, the alarm's state). */
export async function consoleOverview(demo: Demo): Promise<ConsoleOverview> {
  const consoleUrl = requireSystem(demo).consoleUrl;
  if (!consoleUrl) throw new Error('the local system runs without its console');
  const response = await fetch(new URL('api/overview', consoleUrl));
  if (!response.ok) throw new Error(`console /api/overview answered ${response.status}`);
  return (await response.json()) as ConsoleOverview;
}

/** Waits, with the video cut, until no order is PENDING and the alarm is back to OK (at most `limitMs`). */
export async function settle(demo: Demo, limitMs: number, alarmOk = true): Promise<ConsoleOverview> {
  return demo.recorder.cut(async () => {
    const deadline = Date.now() + limitMs;
    for (;;) {
      const overview = await consoleOverview(demo);
      const settled = overview.counts.PENDING === 0 && (!alarmOk || overview.alarm.state === 'OK');
      if (settled || Date.now() > deadline) return overview;
      await sleep(500);
    }
  });
}

/** What each console view shows once its data has come (the wait for it is cut). */
const READY: Readonly<Record<string, string>> = {
  overview: 'main h2',
  orders: 'ol.timeline',
  workflow: 'main svg',
  failed: 'main table, main .empty-state',
};

/** Opens a view of the console that the runtime serves, and waits (cut) until its data is shown. */
export async function openConsole(demo: Demo, route: string): Promise<void> {
  const consoleUrl = requireSystem(demo).consoleUrl ?? '';
  await demo.recorder.cut(async () => {
    await demo.page.goto(new URL(`#/${route}`, consoleUrl).href);
    await demo.page.waitForSelector(READY[route.split('/')[0] ?? ''] ?? 'main', { timeout: 60_000 });
  });
}

/** `dofs load` as a child process; its output is kept with the time each chunk came. */
function startLoad(demo: Demo): { shown: string; done: Promise<string> } {
  const args = ['load', '--orders', String(LOAD.orders), '--rate', String(LOAD.rate)];
  const child = spawn(process.execPath, [path.join(demo.settings.root, 'apps/cli/bin/dofs.cjs'), ...args], {
    cwd: demo.settings.root,
    env: plainEnv({ DOFS_DATA_DIR: demo.settings.dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  const done = new Promise<string>((resolve) => child.once('close', () => resolve(output)));
  return { shown: `npx dofs ${args.join(' ')}`, done };
}

export async function consoleUnderLoad(demo: Demo): Promise<void> {
  await chapter(demo, CHAPTERS.load);
  await openConsole(demo, 'overview');
  const load = startLoad(demo);
  await caption(demo, `${load.shown}: ${LOAD.rate} orders per second at fixed times (open loop), ${LOAD.orders} in all. The console, served by the runtime, counts them by status as they flow.`);
  await hold(demo, 8000);
  await caption(demo, 'About 30 % of attempts fail and are retried 2 s later; an order that fails 3 times goes to the DLQ, so a few end FAILED and the alarm fires.');
  await hold(demo, 8000);
  const output = await demo.recorder.cut(() => load.done);
  await showTerminal(demo, 'dofs load', 'what the load run printed when it finished');
  await caption(demo, 'The load run\'s own report: throughput, latency percentiles from each order\'s scheduled time, and the answers it got.');
  await demo.terminal.write(`\x1b[32m$\x1b[0m ${load.shown}\n${output}`);
  demo.terminal.save('04-load');
  await hold(demo, 7000);
}

export async function timelineAndWorkflow(demo: Demo): Promise<void> {
  await chapter(demo, CHAPTERS.timeline);
  await openConsole(demo, `orders/${demo.orders.journey ?? ''}`);
  await caption(demo, 'The curl order\'s timeline: the POST, the workflow execution and each state with its input and output, the failed first attempt, the retry that fulfilled it, and every function\'s log lines.');
  await hold(demo, 9000);
  await demo.page.mouse.wheel(0, 500);
  await hold(demo, 4000);
  await openConsole(demo, 'workflow');
  await caption(demo, 'The workflow graph, drawn at run time from contracts/order-workflow.asl.json (the file Terraform deploys), with how often each state ran. Dashed red: the Catch paths.');
  await hold(demo, 9000);
}
