import path from 'node:path';
import { RUNTIME_NODE_FLAGS } from '@dofs/local-client';
import { runTsModuleProbe } from '../tests/support/ts-module-probe';

interface Heaps {
  /** the main isolate's new space after a burst of short-lived objects */
  readonly mainNewSpaceMb: number;
  /** the heap limit of a function environment of 256 MB made afterwards, and its new space after the same burst */
  readonly functionLimitMb: number;
  readonly functionNewSpaceMb: number;
}

const here = (file: string): string => JSON.stringify(path.join(__dirname, file));

// A process as the runtime is started: it clears the flag, then makes a worker as an execution
// environment does. The burst keeps 200,000 small objects alive at a time, enough for V8 to grow
// a young generation to its limit.
const script = (release: boolean): string => `
import v8 from 'node:v8';
import { Worker } from 'node:worker_threads';
import { releaseWorkerHeapLimits } from ${here('heap-flags.ts')};
import { heapLimits } from ${here('lambda/execution-environment.ts')};
const burst = "let keep = []; for (let i = 0; i < 3e6; i++) { keep.push({ a: i, b: 'x' + i }); if (keep.length > 2e5) keep = []; }";
const newSpaceMb = "require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20";
eval(burst);
const mainNewSpaceMb = v8.getHeapSpaceStatistics().find((s) => s.space_name === 'new_space').space_size / 2 ** 20;
if (${release}) releaseWorkerHeapLimits();
const worker = new Worker(burst + "; require('node:worker_threads').parentPort.postMessage({ limit: require('node:v8').getHeapStatistics().heap_size_limit / 2 ** 20, newSpace: " + newSpaceMb + " })", { eval: true, execArgv: [], resourceLimits: heapLimits(256) });
worker.once('message', ({ limit, newSpace }) => {
  console.log(JSON.stringify({ mainNewSpaceMb, functionLimitMb: limit, functionNewSpaceMb: newSpace }));
  void worker.terminate();
});
`;

it("gives the runtime's own isolate a small young generation and leaves the functions Lambda's split", () => {
  const plain = runTsModuleProbe<Heaps>(script(false));
  const runtime = runTsModuleProbe<Heaps>(script(true), 30_000, RUNTIME_NODE_FLAGS);
  expect(runtime.mainNewSpaceMb).toBeLessThanOrEqual(16);
  expect(plain.mainNewSpaceMb).toBeGreaterThan(16);
  // the function environment is as it would be in a process started without the flag
  expect(runtime.functionLimitMb).toBe(plain.functionLimitMb);
  expect(runtime.functionNewSpaceMb).toBe(plain.functionNewSpaceMb);
  expect(runtime.functionNewSpaceMb).toBeGreaterThan(16);
});
