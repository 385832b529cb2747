import { InvalidSettingError } from '@dofs/local-client';

/** A failure the person running a tool can act on (a bad flag, a system that answered wrongly): printed without a stack. */
export class ToolError extends Error {
  override readonly name = 'ToolError';
}

/** What a tool prints when it stops on `error`: the message of one the person can act on, else the stack. */
export function failureText(error: unknown): string {
  return error instanceof ToolError || error instanceof InvalidSettingError ? error.message : ((error as Error).stack ?? String(error));
}
