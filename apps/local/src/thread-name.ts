import { writeFileSync } from 'node:fs';

/**
 * Names the calling thread for the operating system (Linux: /proc/thread-self/comm, 15 bytes at
 * most), so that `top -H`, `ps -L` and the bench's CPU breakdown (bench/process-usage.ts) can tell
 * the DynamoDB thread and each function's environments apart. Elsewhere it does nothing.
 */
export function nameThisThread(name: string): void {
  try {
    writeFileSync('/proc/thread-self/comm', name.slice(0, 15));
  } catch {
    // not Linux, or no procfs: the thread keeps Node's name (WorkerThread)
  }
}
