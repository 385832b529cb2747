// `npm run bench` on a small, bounded run: it starts its own runtime, measures, prints, and stops.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findWorkspaceRoot } from '@dofs/local-client';

/** Runs `npm run bench` with these arguments and resolves with its exit code, stderr and stdout. */
async function bench(args: readonly string[]): Promise<{ code: number | null; stderr: string; stdout: string }> {
  const root = findWorkspaceRoot();
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOFS_')));
  const child = spawn(process.execPath, [path.join(root, 'dist/apps/perf/bench.mjs'), ...args], {
    cwd: root,
    env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { code, stderr, stdout };
}

// one bench run, with a short sweep, for both tests: each run starts a runtime of its own
let run: Promise<{ code: number | null; stderr: string; stdout: string }>;
beforeAll(() => {
  run = bench(['--orders', '30', '--concurrency', '4', '--warmup', '0', '--ceiling-puts', '100', '--sweep-from', '5', '--sweep-steps', '2', '--sweep-step-s', '1', '--json']);
});

it('drives orders through the pipeline and reports every figure', async () => {
  const { code, stderr, stdout } = await run;
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

  const figures = JSON.parse(stdout) as Record<string, unknown>;
  expect(figures).toMatchObject({
    orders: 30,
    concurrency: 4,
    accepted: 30,
    statuses: { '201': 30 },
    fulfilled: 30,
    failed: 0,
    not_terminal: 0,
  });
  for (const key of [
    'accepted_orders_per_s',
    'dynamodb_conditional_puts_per_s',
    'ratio_orders_to_puts',
    'last_terminal_after_last_post_ms',
  ]) {
    expect([key, figures[key]]).toEqual([key, expect.any(Number)]);
  }
  expect(figures['accepted_orders_per_s']).toBeGreaterThan(0);
  expect(figures['post_latency_ms']).toEqual({
    p50: expect.any(Number),
    p95: expect.any(Number),
    p99: expect.any(Number),
    max: expect.any(Number),
  });
  // where the time went: every thread that works on orders reports some, and the parts add up
  const busy = figures['busy_ms_per_order'] as Record<string, number>;
  for (const part of ['bench', 'main', 'dynamodb', 'api-handler', 'validator', 'order-storage', 'fulfill-order'])
    expect([part, busy[part]]).toEqual([part, expect.any(Number)]);
  for (const part of ['main', 'dynamodb', 'api-handler', 'validator', 'order-storage', 'fulfill-order'])
    expect([part, (busy[part] ?? 0) > 0]).toEqual([part, true]);
  const parts = Object.entries(busy).filter(([name]) => name !== 'total');
  expect(busy['total']).toBeCloseTo(parts.reduce((sum, [, value]) => sum + value, 0), 6);
});

it('sweeps open-loop rates for the knee and divides it by the raw put rate of the same run', async () => {
  const { code, stderr, stdout } = await run;
  expect({ code, stderr }).toEqual({ code: 0, stderr: '' });

  const figures = JSON.parse(stdout) as { sweep: { steps: { rate: number; p99Ms: number; ok: boolean }[] }; knee_per_s: number | null; knee_ratio_to_puts: number | null; dynamodb_conditional_puts_per_s: number };
  const { steps } = figures.sweep;
  expect(steps.length).toBeGreaterThanOrEqual(1);
  expect(steps.length).toBeLessThanOrEqual(2);
  expect(steps[0]).toEqual({ rate: 5, p99Ms: expect.any(Number), ok: expect.any(Boolean) });
  for (const step of steps) if (step.ok) expect(step.p99Ms).toBeLessThanOrEqual(100);
  // the knee is the highest rate that held, and the ratio is that over the same run's ceiling
  const held = steps.filter((step) => step.ok).map((step) => step.rate);
  expect(figures.knee_per_s).toBe(held.length > 0 ? Math.max(...held) : null);
  expect(figures.knee_ratio_to_puts).toBe(figures.knee_per_s === null ? null : figures.knee_per_s / figures.dynamodb_conditional_puts_per_s);
});
