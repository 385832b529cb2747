import { styleText } from 'node:util';
import type { LogFormat } from '@dofs/local-client';

type Style = Parameters<typeof styleText>[0];

const FUNCTION_COLOURS: readonly Style[] = ['cyan', 'magenta', 'blue', 'yellow', 'green', 'cyanBright', 'magentaBright'];

/** The fields of a Powertools log line (and of a plain console.log JSON line) worth a glance. */
export interface ParsedLogLine {
  readonly level: string;
  readonly message: string;
  readonly timestamp?: string;
  readonly order_id?: string;
  readonly correlation_id?: string;
}

const text = (value: unknown): string | undefined => (typeof value === 'string' && value.length > 0 ? value : undefined);

/** Reads a function's output line; a line that is not a JSON object is its own message. */
export function parseLogLine(line: string): ParsedLogLine {
  if (!line.startsWith('{')) return { level: 'INFO', message: line };
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return { level: 'INFO', message: line };
  }
  const emf = parsed['_aws'] as { CloudWatchMetrics?: { Metrics?: { Name?: string }[] }[] } | undefined;
  const metrics = emf?.CloudWatchMetrics?.flatMap((directive) => directive.Metrics ?? []).map((metric) => metric.Name ?? '');
  const error = parsed['error'] as { name?: unknown; message?: unknown } | undefined;
  const message =
    text(parsed['message']) ??
    (metrics ? `metrics ${metrics.map((name) => `${name}=${JSON.stringify(parsed[name])}`).join(' ')}` : line);
  const errorText = error && typeof error === 'object' ? [text(error.name), text(error.message)].filter(Boolean).join(': ') : undefined;
  return {
    level: (text(parsed['level']) ?? 'INFO').toUpperCase(),
    message: errorText ? `${message} (${errorText})` : message,
    timestamp: text(parsed['timestamp']),
    order_id: text(parsed['order_id']),
    correlation_id: text(parsed['correlation_id']),
  };
}

/**
 * Formats function log lines for the terminal: time, the function in its colour, level, message,
 * order id; warnings and errors stand out. Colours only when `colour` (a TTY that wants them).
 */
export class TerminalLogFormat {
  private readonly colours = new Map<string, Style>();
  private readonly width: number;

  constructor(
    functionNames: readonly string[],
    private readonly colour: boolean,
  ) {
    functionNames.forEach((name, index) => this.colours.set(name, FUNCTION_COLOURS[index % FUNCTION_COLOURS.length] ?? 'cyan'));
    this.width = Math.max(0, ...functionNames.map((name) => name.length));
  }

  private paint(style: Style, value: string): string {
    return this.colour ? styleText(style, value, { validateStream: false }) : value;
  }

  format(functionName: string, line: string, now: Date = new Date()): string {
    const parsed = parseLogLine(line);
    const at = parsed.timestamp && !Number.isNaN(Date.parse(parsed.timestamp)) ? new Date(parsed.timestamp) : now;
    const time = at.toISOString().slice(11, 23);
    const level = parsed.level.padEnd(5);
    const name = this.paint(this.colours.get(functionName) ?? 'cyan', functionName.padEnd(this.width));
    const order = parsed.order_id ? `  ${this.paint('dim', `order ${parsed.order_id}`)}` : '';
    if (parsed.level === 'ERROR' || parsed.level === 'CRITICAL')
      return `${this.paint('dim', time)} ${name} ${this.paint(['red', 'bold'], level)} ${this.paint('red', parsed.message)}${order}`;
    if (parsed.level === 'WARN' || parsed.level === 'WARNING')
      return `${this.paint('dim', time)} ${name} ${this.paint('yellow', level)} ${parsed.message}${order}`;
    return `${this.paint('dim', time)} ${name} ${this.paint('dim', level)} ${parsed.message}${order}`;
  }
}

/** The raw line, prefixed with its function, as `npm start` printed it before (DOFS_LOG_FORMAT=json). */
export function formatJsonLine(functionName: string, line: string): string {
  return `${functionName.padEnd(14)}| ${line}`;
}

/**
 * Where function lines go besides their log files: the terminal (unless quiet) in the chosen
 * format, and the console (which needs the workers to send them). Undefined when nobody wants
 * them, so the workers do not send them at all.
 */
export function functionLogEcho(
  settings: { readonly quiet: boolean; readonly console: boolean; readonly logFormat: LogFormat },
  functionNames: readonly string[],
  print: (line: string) => void,
  colour: boolean,
): ((functionName: string, line: string) => void) | undefined {
  if (settings.quiet) return settings.console ? () => undefined : undefined;
  if (settings.logFormat === 'json') return (functionName, line) => print(formatJsonLine(functionName, line));
  const terminal = new TerminalLogFormat(functionNames, colour);
  return (functionName, line) => print(terminal.format(functionName, line));
}
