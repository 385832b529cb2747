import { RESOURCES } from '@dofs/contracts';
import type { FunctionLogs } from '../lambda/function-logs';
import type { MessagingService } from '../messaging/messaging-service';
import type { RuntimeContext } from '../runtime-context';
import { publishAlarm } from './alarm-notifier';
import { FailureAlarm, type AlarmDefinition } from './failure-alarm';
import { runtimeEvents } from '../events/runtime-events';

export const ALARM_NAME = 'dofs-failed-orders';

/**
 * The failure alarm of DESIGN.md on the FailedOrders metric of contracts/resources.json: on ALARM
 * it publishes to the alerts topic (CloudWatch's alarm action) and prints one clear line.
 */
export function startFailureAlarm({
  options,
  out,
  note,
  functions,
  messaging,
}: Pick<RuntimeContext, 'options' | 'out' | 'note'> & {
  /** the functions' logs carry the metric (EMF documents) */
  readonly functions: { readonly logs: FunctionLogs };
  readonly messaging: Pick<MessagingService, 'sns' | 'topicArns'>;
}): Disposable {
  const topicArn = messaging.topicArns[RESOURCES.topics.alerts.name] ?? '';
  const definition: AlarmDefinition = {
    alarmName: ALARM_NAME,
    namespace: RESOURCES.metrics.namespace,
    metricName: RESOURCES.metrics.failed_orders.name,
    dimensions: { service: RESOURCES.metrics.failed_orders.service_dimension },
    threshold: options.alertThreshold,
    periodSeconds: options.alertPeriodSeconds,
  };
  const alarm = new FailureAlarm(definition, (change) => {
    runtimeEvents.publish({ type: 'alarm', alarm: change.alarmName, state: change.state, reason: change.reason });
    if (change.state !== 'ALARM') return note(`alarm ${change.alarmName} back to OK: ${change.reason}`);
    out.error(`ALERT ${change.alarmName}: ${change.reason}; published to ${topicArn}`);
    publishAlarm(messaging.sns, topicArn, definition, change).catch((error: unknown) =>
      out.error(`ALERT could not be published: ${(error as Error).message}`),
    );
  });
  functions.logs.onMetric((_fn, document) => alarm.record(document));
  return { [Symbol.dispose]: () => alarm.stop() };
}
