import type { SNSClient } from '@aws-sdk/client-sns';
import { RESOURCES } from '@dofs/contracts';
import { publishAlarm } from './alarm-notifier';
import { FailureAlarm, type AlarmDefinition } from './failure-alarm';
import { runtimeEvents } from '../console/runtime-events';

export const ALARM_NAME = 'dofs-failed-orders';

/**
 * The failure alarm of DESIGN.md on the FailedOrders metric of contracts/resources.json: on ALARM
 * it publishes to the alerts topic (CloudWatch's alarm action) and prints one clear line.
 */
export function startFailureAlarm(setup: {
  readonly threshold: number;
  readonly periodSeconds: number;
  readonly sns: SNSClient;
  readonly topicArn: string;
  readonly alert: (line: string) => void;
  readonly note: (line: string) => void;
}): FailureAlarm {
  const definition: AlarmDefinition = {
    alarmName: ALARM_NAME,
    namespace: RESOURCES.metrics.namespace,
    metricName: RESOURCES.metrics.failed_orders.name,
    dimensions: { service: RESOURCES.metrics.failed_orders.service_dimension },
    threshold: setup.threshold,
    periodSeconds: setup.periodSeconds,
  };
  return new FailureAlarm(definition, (change) => {
    runtimeEvents.publish({ type: 'alarm', alarm: change.alarmName, state: change.state, reason: change.reason });
    if (change.state !== 'ALARM') return setup.note(`alarm ${change.alarmName} back to OK: ${change.reason}`);
    setup.alert(`ALERT ${change.alarmName}: ${change.reason}; published to ${setup.topicArn}`);
    publishAlarm(setup.sns, setup.topicArn, definition, change).catch((error: unknown) =>
      setup.alert(`ALERT could not be published: ${(error as Error).message}`),
    );
  });
}
