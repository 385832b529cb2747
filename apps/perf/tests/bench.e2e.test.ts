// `npm run bench` on a small, bounded run: it starts its own runtime, measures, prints, and stops.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { findWorkspaceRoot } from '@dofs/local-client';

it('drives orders through the pipeline and reports every figure', async () => {
  const root = findWorkspaceRoot();
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith('DOFS_')));
  const child = spawn(
    process.execPath,
    [path.join(root, 'dist/apps/perf/bench.mjs'), '--orders', '30', '--concurrency', '4', '--warmup', '0', '--ceiling-puts', '100', '--json'],
    {
      cwd: root,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
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
