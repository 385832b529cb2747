import type { Message } from '@aws-sdk/client-sqs';
import { queueUrlOf, SqsDeadLetterQueue } from '@dofs/aws';
import { replayIdempotencyKey } from '@dofs/domain';
import { usageError } from '../cli-error';
import { integerFlag, stringList, stringValue, type Command, type Context } from '../command';
import { required } from '../config';
import { EXIT } from '../exit-codes';
import { isReplayable, tryParseFulfillmentMessage } from '../failed-order-record';
import { printJson, renderTable } from '../output';
import { failedOrdersTable, readFailedOrders } from './failed';

const MAX_MESSAGES = 10_000;

const orderDlq = async (context: Context) =>
  new SqsDeadLetterQueue(
    context.aws.sqs,
    await queueUrlOf(
      context.aws.sqs,
      required(context.target.orderDlq, 'The order_dlq queue', '--order-dlq', 'DOFS_ORDER_DLQ', context.target),
    ),
  );
const orderQueueUrl = async (context: Context) =>
  queueUrlOf(
    context.aws.sqs,
    required(context.target.orderQueue, 'The order_queue queue', '--order-queue', 'DOFS_ORDER_QUEUE', context.target),
  );

interface DlqMessageView {
  readonly message_id: string | undefined;
  readonly order_id: string | undefined;
  readonly valid: boolean;
  readonly receive_count: number | undefined;
  readonly sent_at: string | undefined;
  readonly body: string | undefined;
}

function view(message: Message): DlqMessageView {
  const parsed = tryParseFulfillmentMessage(message.Body);
  const sent = message.Attributes?.SentTimestamp;
  return {
    message_id: message.MessageId,
    order_id: parsed?.order_id,
    valid: parsed !== undefined,
    // counts this look too: a DLQ has no redrive of its own, so it is only informative
    receive_count: message.Attributes?.ApproximateReceiveCount ? Number(message.Attributes.ApproximateReceiveCount) : undefined,
    sent_at: sent ? new Date(Number(sent)).toISOString() : undefined,
    body: message.Body,
  };
}

export const dlqList: Command = {
  name: 'dlq list',
  summary: 'list the messages waiting on order_dlq, without consuming them',
  usage: 'dofs dlq list [--max N (100)]',
  help: [
    'The DLQ processor drains order_dlq into failed_orders, so it is usually empty: messages',
    'that stay here mean the DLQ processor is failing (see `dofs failed list` for the drained ones).',
  ],
  options: { max: { type: 'string' } },
  async run(context, values) {
    const max = integerFlag(values, 'max', { min: 1, max: MAX_MESSAGES, fallback: 100 });
    const messages: DlqMessageView[] = [];
    await (
      await orderDlq(context)
    ).browse(max, async (m) => {
      messages.push(view(m));
      return 'kept';
    });
    if (context.json) {
      printJson(context.io, { messages });
    } else if (messages.length === 0) {
      context.io.stdout.write('order_dlq is empty.\n');
    } else {
      context.io.stdout.write(
        renderTable(messages, [
          { header: 'MESSAGE', value: (m) => m.message_id },
          { header: 'ORDER', value: (m) => m.order_id ?? '(not a fulfillment message)' },
          { header: 'SENT AT', value: (m) => m.sent_at },
          { header: 'RECEIVES', value: (m) => m.receive_count, align: 'right' },
        ]),
      );
      context.io.stdout.write(`\n${messages.length} message(s).\n`);
    }
    return EXIT.OK;
  },
};

interface RedriveRow {
  readonly source: 'dlq' | 'failed_orders';
  readonly order_id: string;
  readonly action: string;
  readonly new_order_id?: string;
}

export const dlqRedrive: Command = {
  name: 'dlq redrive',
  summary: 'move DLQ messages back to order_queue, and/or replay failed_orders entries as new orders',
  usage: 'dofs dlq redrive [--from dlq|failed|all (dlq)] [--order-id ID ...] [--max N (100)] [--dry-run]',
  help: [
    '--from dlq     moves each message of order_dlq to order_queue unchanged, for another round of',
    '               fulfillment attempts (then deletes it from order_dlq).',
    '--from failed  replays each MAX_RECEIVES_EXCEEDED record of failed_orders as a new order through',
    '               the API (same customer, lines and total), with Idempotency-Key redrive:<order id>:',
    '               replaying the same record twice creates one new order. The FAILED order stays FAILED.',
    '--dry-run      shows what would be done and changes nothing.',
  ],
  options: {
    from: { type: 'string' },
    'order-id': { type: 'string', multiple: true },
    max: { type: 'string' },
    'dry-run': { type: 'boolean' },
  },
  async run(context, values) {
    const from = stringValue(values, 'from') ?? 'dlq';
    if (!['dlq', 'failed', 'all'].includes(from)) throw usageError('--from must be dlq, failed or all');
    const only = new Set(stringList(values, 'order-id'));
    const max = integerFlag(values, 'max', { min: 1, max: MAX_MESSAGES, fallback: 100 });
    const dryRun = values['dry-run'] === true;
    const rows: RedriveRow[] = [];

    if (from === 'dlq' || from === 'all') rows.push(...(await redriveDlq(context, only, max, dryRun)));
    if (from === 'failed' || from === 'all') rows.push(...(await replayFailed(context, only, max, dryRun)));

    if (context.json) {
      printJson(context.io, { dry_run: dryRun, results: rows });
    } else if (rows.length === 0) {
      context.io.stdout.write(`Nothing to redrive${only.size ? ' for the orders named' : ''}.\n`);
    } else {
      context.io.stdout.write(
        renderTable(rows, [
          { header: 'SOURCE', value: (r) => r.source },
          { header: 'ORDER', value: (r) => r.order_id },
          { header: 'ACTION', value: (r) => r.action },
          { header: 'NEW ORDER', value: (r) => r.new_order_id },
        ]),
      );
    }
    return rows.some((r) => r.action.startsWith('error')) ? EXIT.UNAVAILABLE : EXIT.OK;
  },
};

async function redriveDlq(context: Context, only: ReadonlySet<string>, max: number, dryRun: boolean): Promise<RedriveRow[]> {
  const [dlq, toUrl] = [await orderDlq(context), await orderQueueUrl(context)];
  const rows: RedriveRow[] = [];
  await dlq.browse(max, async (message) => {
    const { order_id } = view(message);
    const label = order_id ?? `(message ${message.MessageId})`;
    if (only.size > 0 && (order_id === undefined || !only.has(order_id))) return 'kept';
    if (dryRun) {
      rows.push({ source: 'dlq', order_id: label, action: 'would move to order_queue' });
      return 'kept';
    }
    await dlq.moveTo(toUrl, message);
    rows.push({ source: 'dlq', order_id: label, action: 'moved to order_queue' });
    return 'consumed';
  });
  return rows;
}

async function replayFailed(context: Context, only: ReadonlySet<string>, max: number, dryRun: boolean): Promise<RedriveRow[]> {
  const records = await readFailedOrders(context.aws.dynamo, failedOrdersTable(context), [...only]);
  const sdk = context.sdk();
  const rows: RedriveRow[] = [];
  for (const parsed of records.slice(0, max)) {
    if (!parsed.valid) {
      rows.push({ source: 'failed_orders', order_id: parsed.orderId, action: 'skipped: record does not follow its contract' });
      continue;
    }
    const { record } = parsed;
    if (!isReplayable(record)) {
      rows.push({ source: 'failed_orders', order_id: record.order_id, action: `skipped: ${record.reason} names no order to replay` });
      continue;
    }
    if (dryRun) {
      rows.push({ source: 'failed_orders', order_id: record.order_id, action: 'would replay as a new order' });
      continue;
    }
    try {
      const original = await sdk.getOrder(record.order_id);
      const created = await sdk.createOrder(
        {
          customer_id: original.customer_id,
          items: original.items,
          total_amount: original.total_amount,
          currency: original.currency,
        },
        { idempotencyKey: replayIdempotencyKey(record.order_id), correlationId: `redrive:${record.order_id}` },
      );
      rows.push({
        source: 'failed_orders',
        order_id: record.order_id,
        action: created.replayed ? 'already replayed' : 'replayed as a new order',
        new_order_id: created.order.order_id,
      });
    } catch (error) {
      rows.push({ source: 'failed_orders', order_id: record.order_id, action: `error: ${(error as Error).message}` });
    }
  }
  return rows;
}
