/**
 * A problem the person starting DOFS can fix (a taken port, a corrupt data dir, a missing build).
 * main.ts prints its message and exits non-zero without a stack trace; anything else is a bug and
 * keeps its stack.
 */
export class StartupError extends Error {
  override readonly name = 'StartupError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
