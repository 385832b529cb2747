import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { StartupError } from './startup-error';

/** apps/<app>/lambda.json: what a function needs, read by Terraform and by this runtime alike. */
export interface FunctionManifest {
  /** the app's directory name, which is also the function's local name */
  readonly app: string;
  readonly description?: string;
  /** `<module>.<export>`, e.g. index.handler */
  readonly handler: string;
  readonly timeout_seconds?: number;
  readonly memory_size_mb?: number;
  readonly trigger:
    | { readonly type: 'api'; readonly contract: string }
    | { readonly type: 'workflow'; readonly state: string }
    | { readonly type: 'sqs'; readonly queue: string };
  readonly environment: Readonly<Record<string, { readonly required: boolean; readonly source: string; readonly description?: string }>>;
}

export async function loadManifests(appsDir: string): Promise<FunctionManifest[]> {
  const manifests: FunctionManifest[] = [];
  for (const app of (await readdir(appsDir)).sort()) {
    const file = path.join(appsDir, app, 'lambda.json');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      continue; // not a Lambda app (e.g. this one)
    }
    try {
      manifests.push({ ...(JSON.parse(text) as Omit<FunctionManifest, 'app'>), app });
    } catch (error) {
      throw new StartupError(`${path.relative(path.dirname(appsDir), file)} is not valid JSON: ${(error as Error).message}`, {
        cause: error,
      });
    }
  }
  return manifests;
}

/** Resolves one `source` of a manifest (`table:orders`, `default:...`); undefined = leave unset. */
export type SourceResolver = (source: string, variable: string) => string | undefined;

/**
 * The function's environment variables, each from its declared source, the way Terraform wires
 * them. An unknown source or a required variable without a value stops the start-up, so the
 * manifests and the runtime cannot drift apart silently.
 */
export function resolveEnvironment(manifest: FunctionManifest, resolve: SourceResolver): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [name, variable] of Object.entries(manifest.environment)) {
    const value = resolve(variable.source, name);
    if (value === undefined) {
      if (variable.required) {
        throw new StartupError(
          `apps/${manifest.app}/lambda.json: ${name} is required but its source "${variable.source}" has no local value.`,
        );
      }
      continue;
    }
    env[name] = value;
  }
  return env;
}

export function parseHandler(handler: string): { module: string; exportName: string } {
  const dot = handler.lastIndexOf('.');
  if (dot <= 0 || dot === handler.length - 1) throw new StartupError(`Handler "${handler}" is not <module>.<export>`);
  return { module: handler.slice(0, dot), exportName: handler.slice(dot + 1) };
}
