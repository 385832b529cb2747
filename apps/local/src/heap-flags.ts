import v8 from 'node:v8';

/**
 * The runtime is started with a small young generation for its own isolate (RUNTIME_NODE_FLAGS in
 * @dofs/local-client). V8 reads --max-semi-space-size when it makes an isolate's heap and lets it
 * override the worker's resourceLimits, so once the main isolate has its heap the flag is cleared
 * (0 is V8's "not set"): each worker made afterwards gets the young generation of its own
 * resourceLimits, the function environments Lambda's split (heapLimits).
 */
export function releaseWorkerHeapLimits(): void {
  v8.setFlagsFromString('--max-semi-space-size=0');
}
