import type { EmfDocument } from '../lambda/function-logs';

export interface MetricSelector {
  readonly namespace: string;
  readonly metricName: string;
  /** the dimensions the alarm is defined on, e.g. { service: 'dlq-processor' } */
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface AlarmDefinition extends MetricSelector {
  readonly alarmName: string;
  /** fires when the Sum over the period is >= threshold */
  readonly threshold: number;
  readonly periodSeconds: number;
}

export interface AlarmStateChange {
  readonly alarmName: string;
  readonly state: 'ALARM' | 'OK';
  readonly sum: number;
  readonly reason: string;
  readonly at: Date;
}

/** The values an EMF document records for one metric, if its namespace and dimensions match. */
export function metricValues(document: EmfDocument, selector: MetricSelector): number[] {
  const values: number[] = [];
  for (const directive of document._aws.CloudWatchMetrics) {
    if (directive.Namespace !== selector.namespace) continue;
    if (!directive.Metrics.some((metric) => metric.Name === selector.metricName)) continue;
    const wanted = Object.keys(selector.dimensions).sort().join(',');
    const declared = directive.Dimensions.some((set) => [...set].sort().join(',') === wanted);
    const matches = Object.entries(selector.dimensions).every(([name, value]) => document[name] === value);
    if (!declared || !matches) continue;
    const raw = document[selector.metricName];
    for (const value of Array.isArray(raw) ? raw : [raw]) if (typeof value === 'number' && Number.isFinite(value)) values.push(value);
  }
  return values;
}

/**
 * CloudWatch's failure alarm, evaluated locally: Sum of the metric over a sliding period,
 * `>= threshold` -> ALARM, below it again -> OK. (CloudWatch evaluates fixed one-period buckets
 * about a minute late; a sliding window answers at once, which is what a local user wants.)
 * Only the transition to ALARM notifies, as the alarm's alarm_actions do.
 */
export class FailureAlarm {
  private points: { at: number; value: number }[] = [];
  private state: 'OK' | 'ALARM' = 'OK';
  private readonly timer: NodeJS.Timeout;

  constructor(
    readonly definition: AlarmDefinition,
    private readonly onChange: (change: AlarmStateChange) => void,
    private readonly now: () => number = Date.now,
  ) {
    // moves back to OK once old failures leave the period
    this.timer = setInterval(() => this.evaluate(), 1000);
    this.timer.unref();
  }

  get currentState(): 'OK' | 'ALARM' {
    return this.state;
  }

  record(document: EmfDocument): void {
    const values = metricValues(document, this.definition);
    if (values.length === 0) return;
    const at = typeof document._aws.Timestamp === 'number' ? document._aws.Timestamp : this.now();
    for (const value of values) this.points.push({ at, value });
    this.evaluate();
  }

  evaluate(): void {
    const since = this.now() - this.definition.periodSeconds * 1000;
    this.points = this.points.filter((point) => point.at >= since);
    const sum = this.points.reduce((total, point) => total + point.value, 0);
    const next = sum >= this.definition.threshold ? 'ALARM' : 'OK';
    if (next === this.state) return;
    this.state = next;
    const { metricName, threshold, periodSeconds } = this.definition;
    const reason =
      next === 'ALARM'
        ? `Threshold Crossed: ${metricName} Sum ${sum} >= ${threshold} in the last ${periodSeconds} s`
        : `${metricName} Sum ${sum} < ${threshold} in the last ${periodSeconds} s`;
    this.onChange({ alarmName: this.definition.alarmName, state: next, sum, reason, at: new Date(this.now()) });
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
