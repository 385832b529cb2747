import { parseArgs } from 'node:util';
import { DofsApiError, DofsError, DofsNetworkError, DofsResponseError, DofsWaitTimeoutError } from '@dofs/sdk';
import { CliError, usageError } from './cli-error';
import { Context, stringValue, type Command, type Options } from './command';
import { alertsRead, alertsSubscribe } from './commands/alerts';
import { dlqList, dlqRedrive } from './commands/dlq';
import { failedList } from './commands/failed';
import { health } from './commands/health';
import { load } from './commands/load';
import { orderCreate, orderGet, orderWait } from './commands/order';
import { smoke } from './commands/smoke';
import { orderList } from './commands/order-list';
import type { GlobalFlags } from './config';
import { EXIT, type ExitCode } from './exit-codes';
import { renderTable, type Io } from './output';

export const COMMANDS: readonly Command[] = [orderCreate, orderGet, orderWait, orderList, load, dlqList, dlqRedrive, failedList, alertsSubscribe, alertsRead, health, smoke];

const GLOBAL_OPTIONS: Options = {
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  'api-url': { type: 'string' },
  'api-key': { type: 'string' },
  endpoints: { type: 'string' },
  'data-dir': { type: 'string' },
  region: { type: 'string' },
  profile: { type: 'string' },
  'failed-orders-table': { type: 'string' },
  'order-queue': { type: 'string' },
  'order-dlq': { type: 'string' },
};

const GLOBAL_HELP = `Target (local by default):
  --endpoints FILE          the local system's endpoints.json
  --data-dir DIR            its data directory (or DOFS_DATA_DIR; default .dofs/data)
  --api-url URL             a deployed API (or DOFS_API_URL): remote mode
  --api-key KEY             the client's API key (or DOFS_API_KEY; local: endpoints.json's api_key)
  --profile NAME, --region REGION   AWS credentials and region for operator commands (remote mode)
  --failed-orders-table NAME                   (or DOFS_FAILED_ORDERS_TABLE)
  --order-queue, --order-dlq URL|NAME           (or DOFS_ORDER_QUEUE, DOFS_ORDER_DLQ)
Output:
  --json                    JSON on stdout for scripts; errors as JSON on stderr
Exit codes: 0 ok, 1 rejected by the API, 2 usage, 3 configuration, 4 timed out,
            5 unavailable, 6 the order FAILED, 7 a smoke check failed`;

export interface RunOptions {
  /** Replaces fetch for the API client (tests). */
  readonly fetch?: (request: Request) => Promise<Response>;
}

/** Runs `dofs` with `argv` (without node and script) and returns its exit code; never throws. */
export async function run(argv: readonly string[], io: Io, options: RunOptions = {}): Promise<ExitCode> {
  const json = argv.includes('--json');
  let context: Context | undefined;
  try {
    const { command, rest } = findCommand(argv);
    if (!command) {
      io.stdout.write(usage());
      return argv.length === 0 || argv.includes('--help') || argv.includes('-h') ? EXIT.OK : fail(io, json, unknownCommand(argv));
    }
    const { values, positionals } = parseCommandArgs(command, rest);
    if (values['help']) {
      io.stdout.write(commandHelp(command));
      return EXIT.OK;
    }
    const expected = command.positionals ?? { min: 0, max: 0 };
    if (positionals.length < expected.min || positionals.length > expected.max) {
      throw usageError(`Usage: ${command.usage}`);
    }
    context = new Context(io, json, globalFlags(values), options.fetch ? { fetch: options.fetch } : {});
    return await command.run(context, values, positionals);
  } catch (error) {
    return fail(io, json, toCliError(error));
  } finally {
    context?.close();
  }
}

/**
 * The command is named by the first words that are neither flags nor the values of global
 * flags, so `dofs --data-dir d order get ID` and `dofs order get ID --data-dir d` both work.
 */
function findCommand(argv: readonly string[]): { command: Command | undefined; rest: string[] } {
  const wordAt: number[] = [];
  for (let i = 0; i < argv.length && wordAt.length < 2; i++) {
    const arg = argv[i] ?? '';
    if (!arg.startsWith('-')) {
      wordAt.push(i);
      continue;
    }
    const option = GLOBAL_OPTIONS[arg.replace(/^--/, '')];
    if (!option) break;
    if (option.type === 'string' && !arg.includes('=')) i++;
  }
  for (const length of [2, 1].filter((n) => n <= wordAt.length)) {
    const name = wordAt.slice(0, length).map((i) => argv[i]).join(' ');
    const command = COMMANDS.find((c) => c.name === name);
    if (command) return { command, rest: argv.filter((_, i) => !wordAt.slice(0, length).includes(i)) };
  }
  return { command: undefined, rest: [...argv] };
}

function parseCommandArgs(command: Command, args: string[]) {
  try {
    return parseArgs({ args, options: { ...GLOBAL_OPTIONS, ...command.options }, allowPositionals: true, strict: true });
  } catch (error) {
    throw usageError(`${(error as Error).message}\nUsage: ${command.usage}`);
  }
}

function globalFlags(values: Readonly<Record<string, unknown>>): GlobalFlags {
  const v = values as Parameters<typeof stringValue>[0];
  const flags: Record<string, string | undefined> = {
    apiUrl: stringValue(v, 'api-url'),
    apiKey: stringValue(v, 'api-key'),
    endpoints: stringValue(v, 'endpoints'),
    dataDir: stringValue(v, 'data-dir'),
    region: stringValue(v, 'region'),
    profile: stringValue(v, 'profile'),
    failedOrdersTable: stringValue(v, 'failed-orders-table'),
    orderQueue: stringValue(v, 'order-queue'),
    orderDlq: stringValue(v, 'order-dlq'),
  };
  return Object.fromEntries(Object.entries(flags).filter(([, value]) => value !== undefined));
}

function unknownCommand(argv: readonly string[]): CliError {
  return usageError(`Unknown command: ${argv.filter((a) => !a.startsWith('-')).join(' ') || argv.join(' ')}. Run \`dofs --help\`.`);
}

export function usage(): string {
  const table = renderTable(COMMANDS, [
    { header: 'COMMAND', value: (c) => `dofs ${c.name}` },
    { header: 'WHAT IT DOES', value: (c) => c.summary },
  ]);
  return `dofs: the DOFS command line (orders, load runs, dead-letter operations)\n\n${table}\n${GLOBAL_HELP}\n\nRun \`dofs COMMAND --help\` for a command's flags.\n`;
}

function commandHelp(command: Command): string {
  return `dofs ${command.name}: ${command.summary}\n\nUsage: ${command.usage}\n${(command.help ?? []).map((l) => `  ${l}\n`).join('')}\n${GLOBAL_HELP}\n`;
}

/** Maps what went wrong to a message and an exit code; an unforeseen error keeps its message, never a stack. */
export function toCliError(error: unknown): CliError {
  if (error instanceof CliError) return error;
  if (error instanceof DofsApiError) {
    const exitCode = error.status >= 500 || error.status === 429 ? EXIT.UNAVAILABLE : EXIT.REJECTED;
    const request = error.requestId ? ` (request ${error.requestId})` : '';
    return new CliError(`The API answered ${error.status} ${error.code}: ${error.message}${request}`, {
      exitCode,
      code: error.code,
      details: error.details,
      cause: error,
    });
  }
  if (error instanceof DofsWaitTimeoutError) {
    return new CliError(`${error.message} (last seen ${error.lastSeen?.status ?? 'nothing'})`, { exitCode: EXIT.TIMEOUT, code: 'TIMEOUT', cause: error });
  }
  if (error instanceof DofsNetworkError || error instanceof DofsResponseError || error instanceof DofsError) {
    return new CliError(error.message, { exitCode: EXIT.UNAVAILABLE, code: 'UNAVAILABLE', cause: error });
  }
  if (isAwsError(error)) {
    const notFound = /NonExistentQueue|QueueDoesNotExist|ResourceNotFound/.test(error.name);
    return new CliError(`AWS ${error.name}: ${error.message}`, {
      exitCode: notFound ? EXIT.CONFIG : EXIT.UNAVAILABLE,
      code: notFound ? 'CONFIG' : 'UNAVAILABLE',
      cause: error,
    });
  }
  const message = error instanceof Error ? error.message : String(error);
  const network = error instanceof Error && /ECONNREFUSED|ENOTFOUND|ETIMEDOUT|ECONNRESET|socket hang up/.test(`${message} ${String((error as { code?: unknown }).code)}`);
  return new CliError(network ? `No answer: ${message}` : `Unexpected error: ${message}`, {
    exitCode: EXIT.UNAVAILABLE,
    code: network ? 'UNAVAILABLE' : 'INTERNAL',
    cause: error,
  });
}

const isAwsError = (error: unknown): error is Error & { $metadata: unknown } =>
  error instanceof Error && typeof (error as { $metadata?: unknown }).$metadata === 'object';

function fail(io: Io, json: boolean, error: CliError): ExitCode {
  if (json) {
    io.stderr.write(`${JSON.stringify({ error: { code: error.code, message: error.message, details: error.details, exit_code: error.exitCode } })}\n`);
  } else {
    io.stderr.write(`dofs: ${error.message}\n`);
    for (const d of error.details) io.stderr.write(`  - ${d.path || '(body)'}: ${d.problem}\n`);
  }
  return error.exitCode;
}
