import { openSync, writeSync } from 'node:fs';
import { parseEmf } from './function-logs';

type Write = (
  chunk: string | Uint8Array,
  encodingOrCallback?: BufferEncoding | ((error?: Error | null) => void),
  callback?: (error?: Error | null) => void,
) => boolean;

/**
 * Inside a Lambda worker: stdout and stderr go line by line to the function's log file (written
 * here, in the worker, so logging costs the function and not the runtime's main thread). Lines
 * that are CloudWatch EMF documents are also handed to `onMetric`, and every line to `onEcho`
 * when the runtime shows function logs on its console.
 */
export function captureOutput(logFile: string, onMetric: (line: string) => void, onEcho: ((line: string) => void) | undefined): void {
  const fd = openSync(logFile, 'a');
  const capture = (stream: NodeJS.WriteStream): void => {
    let partial = '';
    const write: Write = (chunk, encodingOrCallback, callback) => {
      const text = partial + (typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
      const lines = text.split('\n');
      partial = lines.pop() ?? '';
      if (lines.length > 0) {
        writeSync(fd, lines.join('\n') + '\n');
        for (const line of lines) {
          if (parseEmf(line)) onMetric(line);
          onEcho?.(line);
        }
      }
      const done = typeof encodingOrCallback === 'function' ? encodingOrCallback : callback;
      done?.(null);
      return true;
    };
    stream.write = write as typeof stream.write;
  };
  capture(process.stdout);
  capture(process.stderr);
}
