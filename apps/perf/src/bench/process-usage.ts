import { readdirSync, readFileSync } from 'node:fs';

/** Linux's USER_HZ: /proc counts CPU time in ticks of 1/100 s on every architecture Node runs on. */
const TICKS_PER_SECOND = 100;

export interface ProcessUsage {
  /** user + system CPU time of every thread of the process so far */
  readonly cpuMs: number;
  /** the resident set now and its peak so far (VmRSS, VmHWM) */
  readonly rssMb: number;
  readonly peakRssMb: number;
}

/** user + system milliseconds from a /proc/.../stat file (a process's, or one of its threads'). */
function cpuMsOf(statFile: string): number {
  const stat = readFileSync(statFile, 'utf8');
  // the command name (field 2) may hold spaces and parentheses: count fields after its last ')'
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / TICKS_PER_SECOND;
}

/**
 * What a process has cost so far, read from /proc (Linux only): the CPU time of all its threads
 * (the runtime's main thread, its DynamoDB thread and every Lambda worker) and its memory. Two
 * fields of two files, so no library for it.
 */
export function processUsage(pid: number): ProcessUsage {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (name: string): number => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN);
  return { cpuMs: cpuMsOf(`/proc/${pid}/stat`), rssMb: kb('VmRSS') / 1024, peakRssMb: kb('VmHWM') / 1024 };
}

/**
 * CPU milliseconds so far of the process's threads, summed by thread name: `MainThread`, the
 * names the runtime gives its threads (`dynalite`, each function's environments by the function's
 * name: thread-name.ts), V8's helpers (`V8Worker`: concurrent GC and compilation) and libuv's pool
 * (`libuv-worker`: file system, fsync). A thread that has ended is no longer listed, nor its time.
 */
export function threadCpuByName(pid: number): Record<string, number> {
  const byName: Record<string, number> = {};
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const name = readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim();
      byName[name] = (byName[name] ?? 0) + cpuMsOf(`/proc/${pid}/task/${tid}/stat`);
    } catch {
      // the thread ended while being read
    }
  }
  return byName;
}

/** CPU milliseconds per order by thread name between two readings, largest first. */
export function perOrderByThread(before: Record<string, number>, after: Record<string, number>, orders: number): Record<string, number> {
  const spent = Object.entries(after).map(([name, ms]) => [name, (ms - (before[name] ?? 0)) / orders] as const);
  return Object.fromEntries(spent.filter(([, ms]) => ms > 0).sort((a, b) => b[1] - a[1]));
}
