import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import { ACCOUNT_ID, REGION } from '../aws-identity';
import type { AlarmDefinition, AlarmStateChange } from './failure-alarm';

/** The notification CloudWatch publishes to an alarm action topic, in CloudWatch's JSON shape. */
export function alarmMessage(definition: AlarmDefinition, change: AlarmStateChange): string {
  return JSON.stringify({
    AlarmName: definition.alarmName,
    AlarmDescription: `Orders reaching the dead-letter queue: ${definition.metricName} >= ${definition.threshold} in ${definition.periodSeconds} s (local)`,
    AWSAccountId: ACCOUNT_ID,
    NewStateValue: change.state,
    NewStateReason: change.reason,
    StateChangeTime: change.at.toISOString(),
    Region: REGION,
    OldStateValue: change.state === 'ALARM' ? 'OK' : 'ALARM',
    Trigger: {
      MetricName: definition.metricName,
      Namespace: definition.namespace,
      StatisticType: 'Statistic',
      Statistic: 'SUM',
      Dimensions: Object.entries(definition.dimensions).map(([name, value]) => ({ name, value })),
      Period: definition.periodSeconds,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: definition.threshold,
    },
  });
}

export async function publishAlarm(sns: SNSClient, topicArn: string, definition: AlarmDefinition, change: AlarmStateChange): Promise<void> {
  await sns.send(
    new PublishCommand({
      TopicArn: topicArn,
      Subject: `${change.state}: "${definition.alarmName}" in local`,
      Message: alarmMessage(definition, change),
    }),
  );
}
