import type { ErrorDetail } from '@dofs/contracts';
import { EXIT, type ExitCode } from './exit-codes';

/** An error the CLI explains to its user and exits with; never shown as a stack trace. */
export class CliError extends Error {
  override readonly name = 'CliError';
  readonly exitCode: ExitCode;
  readonly code: string;
  readonly details: readonly ErrorDetail[];

  constructor(message: string, options: { exitCode: ExitCode; code: string; details?: readonly ErrorDetail[]; cause?: unknown }) {
    super(message, { cause: options.cause });
    this.exitCode = options.exitCode;
    this.code = options.code;
    this.details = options.details ?? [];
  }
}

export const usageError = (message: string) => new CliError(message, { exitCode: EXIT.USAGE, code: 'USAGE' });
export const configError = (message: string) => new CliError(message, { exitCode: EXIT.CONFIG, code: 'CONFIG' });
