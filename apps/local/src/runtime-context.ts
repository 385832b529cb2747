import type { LocalSystemOptions } from '@dofs/local-client';
import type { DataDirLayout } from './data-dir';
import type { FunctionManifest } from './function-manifest';
import type { RuntimeOutput } from './runtime-log';
import type { WorkspacePaths } from './workspace';

/** What every local service may read at start: one run's settings, files and output. */
export interface RuntimeContext {
  readonly options: LocalSystemOptions;
  readonly paths: WorkspacePaths;
  readonly dataDir: DataDirLayout;
  /** apps/<name>/lambda.json of every function */
  readonly manifests: readonly FunctionManifest[];
  readonly out: RuntimeOutput;
  /** a line for the person and for <data dir>/logs/runtime.log */
  readonly note: (line: string) => void;
}

/** The internal services (and the console) sit on the ports after the API's, in this order. */
const PORT_OFFSETS = { dynamodb: 1, messaging: 2, stepfunctions: 3, console: 4 } as const;

/** The port of an internal service; ephemeral (0) when the API's is. */
export function servicePort(options: LocalSystemOptions, service: keyof typeof PORT_OFFSETS): number {
  return options.port === 0 ? 0 : options.port + PORT_OFFSETS[service];
}
