/**
 * `npm run bench:guard`: what a change costs per order, against its parent, on this machine. It
 * builds the base commit in a temporary git worktree (node_modules shared with this checkout),
 * then runs the same open-loop load on the base's runtime and on this checkout's, alternating
 * (base, new, base, new, ...), and prints each run and the change in CPU per order (the runtime
 * process's user + system time from /proc), POST p99 and peak RSS. Absolute figures move
 * ±30 % between runs and machines; the ratio within a pair does not (DESIGN.md). Not a test:
 * run it before a change lands and quote its figure.
 *   npm run bench:guard -- [--base HEAD~1] [--base-dir DIR] [--pairs 2] [--rate 100] [--orders 2000] [--warmup 1000] [--json]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { parseNumberText } from '@dofs/contracts';
import { findWorkspaceRoot } from '@dofs/local-client';
import { failureText, ToolError } from '../tool-error';
import { measureCost, type CostPlan, type CostRun } from './open-loop-cost';

const USAGE = `usage: npm run bench:guard -- [--base REF] [--base-dir DIR] [--pairs N] [--rate R] [--orders N] [--warmup W] [--json]
  --base REF       the commit to compare with (HEAD~1): checked out and built in a temporary worktree
  --base-dir DIR   a checkout of the base that is already built (dist/), instead of --base
  --pairs N        base/new pairs, run alternately (2)
  --rate R         open-loop orders per second (100)
  --orders N       orders measured per run (2000)
  --warmup W       orders sent first in each run, not measured (1000)
  --json           print the runs and the change as JSON only`;

interface GuardArgs {
  readonly base: string;
  readonly baseDir: string | undefined;
  readonly pairs: number;
  readonly plan: CostPlan;
  readonly json: boolean;
}

function readArgs(): GuardArgs | undefined {
  const { values } = parseArgs({
    options: {
      base: { type: 'string', default: 'HEAD~1' },
      'base-dir': { type: 'string' },
      pairs: { type: 'string' },
      rate: { type: 'string' },
      orders: { type: 'string' },
      warmup: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) return undefined;
  const number = (name: string, value: string | undefined, fallback: number, min = 1, integer = true): number => {
    const n = parseNumberText(value, { min, max: 1_000_000, integer });
    if (n === null) throw new ToolError(`--${name} must be a ${integer ? 'whole ' : ''}number of at least ${min}, not ${value}\n${USAGE}`);
    return n ?? fallback;
  };
  return {
    base: values.base,
    baseDir: values['base-dir'],
    pairs: number('pairs', values.pairs, 2),
    plan: { rate: number('rate', values.rate, 100, 1, false), orders: number('orders', values.orders, 2000), warmup: number('warmup', values.warmup, 1000, 0) },
    json: values.json,
  };
}

const run = (cwd: string, command: string, args: string[]): string =>
  execFileSync(command, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] }).trim();

/** The base commit checked out beside this one and built as `npm start` builds it; removed by the returned function. */
function checkOutBase(root: string, ref: string, log: (line: string) => void): { dir: string; remove: () => void } {
  const commit = run(root, 'git', ['rev-parse', '--verify', `${ref}^{commit}`]);
  const dir = path.join(mkdtempSync(path.join(os.tmpdir(), 'dofs-guard-')), commit.slice(0, 12));
  log(`base ${ref} = ${commit.slice(0, 12)}: checking out and building in ${dir}`);
  run(root, 'git', ['worktree', 'add', '--detach', dir, commit]);
  const remove = (): void => {
    run(root, 'git', ['worktree', 'remove', '--force', dir]);
    rmSync(path.dirname(dir), { recursive: true, force: true });
  };
  try {
    symlinkSync(path.join(root, 'node_modules'), path.join(dir, 'node_modules'), 'dir');
    const env = { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' };
    execFileSync('npm', ['run', 'build', '--silent'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
    execFileSync('npx', ['nx', 'run', 'local:build', '--outputStyle=static'], { cwd: dir, env, stdio: ['ignore', 'ignore', 'inherit'] });
  } catch (error) {
    remove();
    throw error;
  }
  return { dir, remove };
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? Number.NaN) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};

/** The median over the pairs of new ÷ base for one figure. */
function pairedRatio(pairs: readonly { base: CostRun; change: CostRun }[], figure: (run: CostRun) => number): number {
  return median(pairs.map(({ base, change }) => figure(change) / figure(base)));
}

function describe(run: CostRun): string {
  const threads = Object.entries(run.cpuMsPerOrderByThread).map(([name, ms]) => `${name} ${ms.toFixed(2)}`);
  return (
    `CPU ${run.cpuMsPerOrder.toFixed(2)} ms/order, POST p99 ${run.postP99Ms.toFixed(1)} ms, ${run.achievedPerSecond.toFixed(1)} orders/s, peak RSS ${run.peakRssMb.toFixed(0)} MB\n` +
    `               by thread: ${threads.join(', ')}`
  );
}

async function main(): Promise<void> {
  const args = readArgs();
  if (!args) return console.log(USAGE);
  const log = (line: string): void => {
    if (!args.json) console.log(line);
  };
  const root = findWorkspaceRoot();
  if (args.baseDir && !existsSync(path.join(args.baseDir, 'dist/apps/local/main.mjs')))
    throw new ToolError(`${args.baseDir} has no dist/apps/local/main.mjs: build it first (npm run build && npx nx run local:build)`);
  const base = args.baseDir ? { dir: path.resolve(args.baseDir), remove: () => undefined } : checkOutBase(root, args.base, log);
  const pairs: { base: CostRun; change: CostRun }[] = [];
  try {
    log(`open loop at ${args.plan.rate} orders/s, ${args.plan.orders} orders after ${args.plan.warmup} of warm-up, success rate 1, console off; ${args.pairs} pairs`);
    for (let i = 1; i <= args.pairs; i++) {
      const baseRun = await measureCost(base.dir, args.plan);
      log(`  pair ${i} base  ${describe(baseRun)}`);
      const change = await measureCost(root, args.plan);
      log(`  pair ${i} new   ${describe(change)}`);
      pairs.push({ base: baseRun, change });
    }
  } finally {
    base.remove();
  }
  const change = {
    cpu_ms_per_order: pairedRatio(pairs, (r) => r.cpuMsPerOrder),
    post_p99_ms: pairedRatio(pairs, (r) => r.postP99Ms),
    peak_rss_mb: pairedRatio(pairs, (r) => r.peakRssMb),
  };
  if (args.json) return console.log(JSON.stringify({ base: args.baseDir ?? args.base, plan: args.plan, pairs, change }, null, 2));
  const percent = (ratio: number): string => `${ratio >= 1 ? '+' : ''}${((ratio - 1) * 100).toFixed(1)} %`;
  log(`change (median of new ÷ base over the pairs): CPU per order ${percent(change.cpu_ms_per_order)} (x ${change.cpu_ms_per_order.toFixed(2)}), POST p99 ${percent(change.post_p99_ms)}, peak RSS ${percent(change.peak_rss_mb)}`);
}

main().catch((error: unknown) => {
  console.error(`bench:guard: ${failureText(error)}`);
  process.exit(1);
});
