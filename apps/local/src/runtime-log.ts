import { createWriteStream } from 'node:fs';
import path from 'node:path';

/** progress and notices for a person, and problems, as the runtime's caller wants them shown */
export interface RuntimeOutput {
  /** progress and notices for a person; dropped when quiet */
  info(line: string): void;
  /** problems and alerts; always shown */
  error(line: string): void;
}

export interface RuntimeLog extends AsyncDisposable {
  /** a line for the person (when not quiet) and for <data dir>/logs/runtime.log */
  note(line: string): void;
}

export function openRuntimeLog(logsDir: string, out: RuntimeOutput): RuntimeLog {
  const file = createWriteStream(path.join(logsDir, 'runtime.log'), { flags: 'a' });
  return {
    note: (line) => {
      out.info(line);
      file.write(`${new Date().toISOString()} ${line}\n`);
    },
    [Symbol.asyncDispose]: () => new Promise<void>((resolve) => file.end(resolve)),
  };
}
