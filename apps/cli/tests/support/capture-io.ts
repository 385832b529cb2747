import type { Io } from '../../src/output';

/** An Io whose output the test reads back. */
export function captureIo(env: Record<string, string | undefined> = {}, cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const io: Io = {
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env,
    cwd,
  };
  return { io, stdout: () => stdout, stderr: () => stderr };
}
