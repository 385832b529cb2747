import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { killLocalSystem, startLocalSystem, type LocalSystem, type LocalSystemOptions } from '@dofs/local-client';

/**
 * Local systems that take turns on one data dir, for the suites that stop, crash and start again:
 * a fresh temporary dir before each test; after it, whatever the test left running is stopped (a
 * failed test leaves nothing behind) and the dir removed. Call at the top level of a test file.
 */
export function sharedDataDir(prefix: string) {
  const running: LocalSystem[] = [];
  let dir = '';
  const forget = (system: LocalSystem): void => void running.splice(running.indexOf(system), 1);

  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), prefix));
  });
  afterEach(async () => {
    await Promise.allSettled(running.splice(0).map((system) => system.stop()));
    await rm(dir, { recursive: true, force: true });
  });

  return {
    /** this test's data dir */
    get dataDir(): string {
      return dir;
    },
    async start(options: Partial<LocalSystemOptions> = {}): Promise<LocalSystem> {
      const system = await startLocalSystem({ dataDir: dir, ...options });
      running.push(system);
      return system;
    },
    /** a clean stop (Ctrl-C) */
    async stop(system: LocalSystem): Promise<void> {
      await system.stop();
      forget(system);
    },
    /** SIGKILL of the runtime */
    async crash(system: LocalSystem): Promise<void> {
      await killLocalSystem(system);
      forget(system);
    },
  };
}
