import type { ParseArgsConfig } from 'node:util';
import { parseNumberText } from '@dofs/contracts';
import { createDofsClient, type DofsClient } from '@dofs/sdk';
import { createAwsClients, type AwsClients } from './aws-clients';
import { required, resolveTarget, type GlobalFlags, type Target } from './config';
import type { ExitCode } from './exit-codes';
import type { Io } from './output';
import { usageError } from './cli-error';

export type Options = NonNullable<ParseArgsConfig['options']>;
export type Values = Readonly<Record<string, string | boolean | (string | boolean)[] | undefined>>;

export interface Command {
  /** The words that select it: `order create`. */
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: Options;
  /** Lines after the usage in `--help`. */
  readonly help?: readonly string[];
  readonly positionals?: { readonly min: number; readonly max: number };
  run(context: Context, values: Values, positionals: readonly string[]): Promise<ExitCode>;
}

/** What a command works with; the target and clients are made on first use, so `--help` needs no system. */
export class Context {
  private resolved: Target | undefined;
  private sdkClient: DofsClient | undefined;
  private awsClients: AwsClients | undefined;

  constructor(
    readonly io: Io,
    readonly json: boolean,
    private readonly flags: GlobalFlags,
    private readonly clientOverrides: { readonly fetch?: (request: Request) => Promise<Response> } = {},
  ) {}

  get target(): Target {
    this.resolved ??= resolveTarget(this.flags, this.io);
    return this.resolved;
  }

  get apiUrl(): string {
    return required(this.target.apiUrl, 'The API URL', '--api-url', 'DOFS_API_URL', this.target);
  }

  private get apiKey(): { readonly apiKey?: string } {
    const key = this.target.apiKey;
    return key === undefined ? {} : { apiKey: key };
  }

  sdk(retries?: number): DofsClient {
    if (retries !== undefined) {
      return createDofsClient({ baseUrl: this.apiUrl, ...this.apiKey, retry: { retries }, ...this.clientOverrides });
    }
    this.sdkClient ??= createDofsClient({ baseUrl: this.apiUrl, ...this.apiKey, ...this.clientOverrides });
    return this.sdkClient;
  }

  get aws(): AwsClients {
    this.awsClients ??= createAwsClients(this.target);
    return this.awsClients;
  }

  close(): void {
    this.awsClients?.destroy();
  }
}

export function stringValue(values: Values, name: string): string | undefined {
  const value = values[name];
  return typeof value === 'string' ? value : undefined;
}

export function stringList(values: Values, name: string): string[] {
  const value = values[name];
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : [];
}

/** An integer flag within bounds, or a usage error naming the flag. */
export function integerFlag(values: Values, name: string, bounds: { min: number; max: number; fallback: number }): number {
  const raw = stringValue(values, name);
  const value = parseNumberText(raw, { ...bounds, integer: true });
  if (value === null) throw usageError(`--${name} must be a whole number from ${bounds.min} to ${bounds.max} (got "${raw}")`);
  return value ?? bounds.fallback;
}

/** A number flag within bounds (decimals allowed), or a usage error naming the flag. */
export function numberFlag(values: Values, name: string, bounds: { min: number; max: number }): number | undefined {
  const raw = stringValue(values, name);
  const value = parseNumberText(raw, bounds);
  if (value === null || value === 0) throw usageError(`--${name} must be a number above 0 and at most ${bounds.max} (got "${raw}")`);
  return value;
}

/** A duration flag in seconds (decimals allowed), returned in milliseconds. */
export function secondsFlag(values: Values, name: string, bounds: { max: number; fallback: number }): number {
  const raw = stringValue(values, name);
  const value = parseNumberText(raw, { min: 0, max: bounds.max });
  if (value === null || value === 0) throw usageError(`--${name} must be a number of seconds above 0 and at most ${bounds.max} (got "${raw}")`);
  return Math.round((value ?? bounds.fallback) * 1000);
}
