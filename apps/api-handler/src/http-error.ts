import type { ErrorCode, ErrorDetail } from '@dofs/contracts';

/** A request the handler refuses before any use case runs. */
export class HttpError extends Error {
  override readonly name = 'HttpError';
  constructor(
    readonly status: number,
    readonly code: ErrorCode,
    message: string,
    readonly details: readonly ErrorDetail[] = [],
  ) {
    super(message);
  }
}
