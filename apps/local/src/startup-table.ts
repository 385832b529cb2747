import { DEFAULTS } from '@dofs/contracts';
import type { Notice } from './notice';
import type { LocalEndpoints } from '@dofs/local-client';

/** The short table `npm start` prints once everything answers. */
export function startupTable(endpoints: LocalEndpoints, notices: readonly Notice[], restoredMessages: number): string {
  const s = endpoints.settings;
  const rows: [string, string][] = [
    ['API', endpoints.api_url],
    [
      'API key',
      `client local (x-api-key, in endpoints.json): ${s.usage_plan.rate_limit} req/s, burst ${s.usage_plan.burst_limit}, ${s.usage_plan.daily_quota} per day`,
    ],
    ...(endpoints.console_url ? [['console', `${endpoints.console_url}  (watch orders flow: open it in a browser)`] as [string, string]] : []),
    ['data dir', endpoints.data_dir],
    ['DynamoDB', `${endpoints.endpoints.dynamodb}  (dynalite) tables ${Object.values(endpoints.tables).join(', ')}`],
    [
      'SQS + SNS',
      `${endpoints.endpoints.sqs}  (fauxqs) ${Object.keys(endpoints.queues).join(', ')}; topic ${Object.keys(endpoints.topics).join(', ')}`,
    ],
    ['Step Functions', `${endpoints.endpoints.stepfunctions}  ${Object.keys(endpoints.state_machines).join(', ')}`],
    ['fulfillment', `success rate ${s.fulfillment_success_rate}${s.fulfillment_seed === null ? '' : `, seed ${s.fulfillment_seed}`}`],
    [
      'retries',
      `visibility timeout ${s.visibility_timeout_s} s (${DEFAULTS.sqs_visibility_timeout_seconds} s on AWS), to order_dlq after ${s.max_receive_count} receives`,
    ],
    ['alert', `${s.dlq_alert_threshold} failed orders within the alarm period -> topic alerts`],
    ...(s.faults && s.faults.plan !== 'none' ? [['faults', `${s.faults.plan} (seed ${s.faults.seed})`] as [string, string]] : []),
    ...notices.map((notice): [string, string] => [notice.label, notice.text]),
  ];
  if (restoredMessages > 0) rows.push(['restored', `${restoredMessages} queued message(s) from the last run`]);
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `DOFS is running locally (pid ${endpoints.pid}); all services listen on 127.0.0.1 only`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
    `  (written to ${endpoints.data_dir}/endpoints.json; Ctrl-C stops, in-flight work is finished first)`,
    '',
    `Try: curl -s -X POST ${endpoints.api_url}/order -H 'Content-Type: application/json' -H 'x-api-key: ${endpoints.api_key}' \\`,
    `       -d '{"customer_id":"c-1","items":[{"product_id":"p-1","quantity":2,"price":9.99}],"total_amount":19.98}'`,
  ].join('\n');
}
