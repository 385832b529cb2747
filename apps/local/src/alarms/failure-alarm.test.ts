import type { EmfDocument } from '../lambda/function-logs';
import { FailureAlarm, metricValues, type AlarmDefinition, type AlarmStateChange } from './failure-alarm';

const definition: AlarmDefinition = {
  alarmName: 'dofs-failed-orders',
  namespace: 'DOFS',
  metricName: 'FailedOrders',
  dimensions: { service: 'dlq-processor' },
  threshold: 3,
  periodSeconds: 60,
};

const emf = (value: number | number[], at: number, overrides: Partial<{ namespace: string; service: string }> = {}): EmfDocument => ({
  _aws: {
    Timestamp: at,
    CloudWatchMetrics: [
      { Namespace: overrides.namespace ?? 'DOFS', Dimensions: [['service']], Metrics: [{ Name: 'FailedOrders', Unit: 'Count' }] },
    ],
  },
  service: overrides.service ?? 'dlq-processor',
  FailedOrders: value,
});

describe('the failure alarm', () => {
  it('reads the metric only for its namespace and dimensions', () => {
    expect(metricValues(emf(2, 0), definition)).toEqual([2]);
    expect(metricValues(emf([1, 1], 0), definition)).toEqual([1, 1]);
    expect(metricValues(emf(2, 0, { namespace: 'Other' }), definition)).toEqual([]);
    expect(metricValues(emf(2, 0, { service: 'fulfill-order' }), definition)).toEqual([]);
  });

  it('goes to ALARM once the Sum over the period reaches the threshold, and back to OK when it leaves it', () => {
    let now = 1_000_000;
    const changes: AlarmStateChange[] = [];
    const alarm = new FailureAlarm(
      definition,
      (change) => changes.push(change),
      () => now,
    );
    try {
      alarm.record(emf(1, now));
      alarm.record(emf(1, now));
      expect(changes).toEqual([]);
      alarm.record(emf(1, now));
      expect(changes).toEqual([expect.objectContaining({ state: 'ALARM', sum: 3 })]);
      alarm.record(emf(1, now));
      expect(changes).toHaveLength(1);
      now += 61_000;
      alarm.evaluate();
      expect(changes[1]).toMatchObject({ state: 'OK', sum: 0 });
    } finally {
      alarm.stop();
    }
  });
});
