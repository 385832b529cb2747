import type { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { DynamoFailedOrderStore } from '@dofs/aws';
import { required } from '../config';
import { integerFlag, stringValue, type Command, type Context } from '../command';
import { usageError } from '../cli-error';
import { EXIT } from '../exit-codes';
import { parseFailedOrder, type ParsedFailedOrder } from '../failed-order-record';
import { printJson, renderTable } from '../output';

const REASONS = ['MAX_RECEIVES_EXCEEDED', 'INVALID_MESSAGE', 'ORDER_NOT_FOUND'];
const SCAN_LIMIT = 10_000;

export function failedOrdersTable(context: Context): string {
  return required(
    context.target.failedOrdersTable,
    'The failed_orders table',
    '--failed-orders-table',
    'DOFS_FAILED_ORDERS_TABLE',
    context.target,
  );
}

/** Every record of failed_orders (at most 10,000), newest first; or only the ones named. */
export async function readFailedOrders(
  dynamo: DynamoDBDocumentClient,
  table: string,
  orderIds: readonly string[] = [],
): Promise<ParsedFailedOrder[]> {
  const store = new DynamoFailedOrderStore(dynamo, table);
  // records as stored, checked against their contract by parseFailedOrder below
  const items: unknown[] = [];
  if (orderIds.length > 0) {
    for (const orderId of orderIds) {
      const record = await store.get(orderId);
      if (record) items.push(record);
    }
  } else {
    let cursor: Record<string, unknown> | undefined;
    do {
      const page = await store.list(500, cursor);
      items.push(...page.records);
      cursor = page.cursor;
    } while (cursor && items.length < SCAN_LIMIT);
  }
  const failedAt = (p: ParsedFailedOrder) => (p.valid ? p.record.failed_at : '');
  return items.map(parseFailedOrder).sort((a, b) => failedAt(b).localeCompare(failedAt(a)));
}

export const failedList: Command = {
  name: 'failed list',
  summary: 'list the failed_orders records written by the DLQ processor, newest first',
  usage: 'dofs failed list [--limit N (50)] [--reason MAX_RECEIVES_EXCEEDED|INVALID_MESSAGE|ORDER_NOT_FOUND]',
  help: ['A record that does not follow contracts/events/failed-order-record.schema.json is listed as INVALID RECORD.'],
  options: { limit: { type: 'string' }, reason: { type: 'string' } },
  async run(context, values) {
    const limit = integerFlag(values, 'limit', { min: 1, max: SCAN_LIMIT, fallback: 50 });
    const reason = stringValue(values, 'reason');
    if (reason !== undefined && !REASONS.includes(reason)) throw usageError(`--reason must be one of ${REASONS.join(', ')}`);
    const all = await readFailedOrders(context.aws.dynamo, failedOrdersTable(context));
    const shown = all.filter((p) => reason === undefined || (p.valid && p.record.reason === reason)).slice(0, limit);

    if (context.json) {
      printJson(context.io, {
        total: all.length,
        records: shown.map((p) => (p.valid ? p.record : { order_id: p.orderId, invalid: true, problems: p.problems })),
      });
      return EXIT.OK;
    }
    if (shown.length === 0) {
      context.io.stdout.write(`No failed orders${reason ? ` with reason ${reason}` : ''}.\n`);
      return EXIT.OK;
    }
    context.io.stdout.write(
      renderTable(shown, [
        { header: 'ORDER', value: (p) => (p.valid ? p.record.order_id : p.orderId) },
        { header: 'REASON', value: (p) => (p.valid ? p.record.reason : 'INVALID RECORD') },
        { header: 'FAILED AT', value: (p) => (p.valid ? p.record.failed_at : undefined) },
        { header: 'ATTEMPTS', value: (p) => (p.valid ? p.record.attempts : undefined), align: 'right' },
        { header: 'RECEIVES', value: (p) => (p.valid ? p.record.receive_count : undefined), align: 'right' },
        {
          header: 'LAST ERROR',
          value: (p) => (p.valid ? p.record.last_error : p.problems.map((d) => `${d.path} ${d.problem}`).join('; ')),
          maxWidth: 60,
        },
      ]),
    );
    context.io.stdout.write(`\n${shown.length} of ${all.length} record(s) shown.\n`);
    return EXIT.OK;
  },
};
