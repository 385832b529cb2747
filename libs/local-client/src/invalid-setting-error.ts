/**
 * A DOFS_* setting, or a tool's flag of the same kind, that does not parse: the message names the
 * variable and what it expects. The runtime prints it like its own StartupError, without a stack.
 */
export class InvalidSettingError extends Error {
  override readonly name = 'InvalidSettingError';

  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
  }
}
