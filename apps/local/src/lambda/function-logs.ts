import path from 'node:path';
import { runtimeEvents } from '../events/runtime-events';

/** A CloudWatch embedded-metric-format document, as Powertools Metrics prints it on stdout. */
export interface EmfDocument {
  readonly _aws: {
    readonly Timestamp?: number;
    readonly CloudWatchMetrics: readonly {
      readonly Namespace: string;
      readonly Dimensions: readonly (readonly string[])[];
      readonly Metrics: readonly { readonly Name: string; readonly Unit?: string }[];
    }[];
  };
  readonly [key: string]: unknown;
}

export type MetricListener = (functionName: string, document: EmfDocument) => void;

export function parseEmf(line: string): EmfDocument | undefined {
  if (!line.startsWith('{') || !line.includes('"CloudWatchMetrics"')) return undefined;
  try {
    const parsed = JSON.parse(line) as Partial<EmfDocument>;
    return Array.isArray(parsed._aws?.CloudWatchMetrics) ? (parsed as EmfDocument) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The runtime's side of function output, standing in for CloudWatch Logs: each worker writes its
 * function's lines to <data dir>/logs/<function>.log itself and sends here only what the runtime
 * needs: EMF documents (CloudWatch turns them into metrics; the failure alarm watches them) and,
 * when echoing, every line (for the terminal and the local console).
 */
export class FunctionLogs {
  private readonly listeners: MetricListener[] = [];

  constructor(
    readonly dir: string,
    private readonly echo: ((functionName: string, line: string) => void) | undefined,
  ) {}

  get echoing(): boolean {
    return this.echo !== undefined;
  }

  logFile(functionName: string): string {
    return path.join(this.dir, `${functionName}.log`);
  }

  onMetric(listener: MetricListener): void {
    this.listeners.push(listener);
  }

  line(functionName: string, kind: 'metric' | 'echo', line: string): void {
    if (kind === 'echo') {
      runtimeEvents.publish({ type: 'log', function: functionName, line });
      this.echo?.(functionName, line);
      return;
    }
    const emf = parseEmf(line);
    if (emf) for (const listener of this.listeners) listener(functionName, emf);
  }
}
