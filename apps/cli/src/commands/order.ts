import { readFileSync } from 'node:fs';
import { validateCreateOrderRequest, toErrorDetails } from '@dofs/contracts';
import type { CreateOrderRequest, Order } from '@dofs/sdk';
import { CliError, usageError } from '../cli-error';
import { secondsFlag, stringList, stringValue, type Command, type Context, type Values } from '../command';
import { EXIT, type ExitCode } from '../exit-codes';
import { printJson } from '../output';
import { renderOrder } from './order-view';

const WAIT_OPTIONS = {
  timeout: { type: 'string' },
  interval: { type: 'string' },
} as const;

export const orderCreate: Command = {
  name: 'order create',
  summary: 'submit an order, from flags or a JSON file',
  usage:
    'dofs order create --customer ID --item SKU:QTY:PRICE [--item ...] [--total AMOUNT] [--currency CODE]\n' +
    '       dofs order create --file order.json   (or --file - for standard input)\n' +
    '       [--idempotency-key KEY] [--correlation-id ID] [--wait [--timeout SECONDS]]',
  help: [
    '--total defaults to the sum of the lines; the API checks it to the cent (422 otherwise).',
    'Without --idempotency-key a UUID is generated and printed: reuse it to retry safely.',
    '--wait then waits for FULFILLED (exit 0) or FAILED (exit 6).',
  ],
  options: {
    customer: { type: 'string' },
    item: { type: 'string', multiple: true },
    total: { type: 'string' },
    currency: { type: 'string' },
    file: { type: 'string', short: 'f' },
    'idempotency-key': { type: 'string' },
    'correlation-id': { type: 'string' },
    wait: { type: 'boolean' },
    ...WAIT_OPTIONS,
  },
  async run(context, values) {
    const order = orderFromFlags(values);
    const created = await context.sdk().createOrder(order, {
      idempotencyKey: stringValue(values, 'idempotency-key'),
      correlationId: stringValue(values, 'correlation-id'),
    });
    const final = values['wait'] ? await waitFor(context, created.order.order_id, values) : undefined;
    const result = final ?? created.order;
    if (context.json) {
      printJson(context.io, {
        order: result,
        replayed: created.replayed,
        idempotency_key: created.idempotencyKey,
        location: created.location ?? null,
      });
    } else {
      const how = created.replayed ? 'replayed (this Idempotency-Key was used before)' : 'accepted';
      context.io.stdout.write(`Order ${created.order.order_id} ${how}; Idempotency-Key: ${created.idempotencyKey}\n\n`);
      context.io.stdout.write(renderOrder(result));
    }
    return final ? exitForStatus(final) : EXIT.OK;
  },
};

export const orderGet: Command = {
  name: 'order get',
  summary: 'show an order and its fulfillment status',
  usage: 'dofs order get ORDER_ID',
  options: {},
  positionals: { min: 1, max: 1 },
  async run(context, _values, positionals) {
    const order = await context.sdk().getOrder(orderIdArgument(positionals));
    if (context.json) printJson(context.io, order);
    else context.io.stdout.write(renderOrder(order));
    return EXIT.OK;
  },
};

export const orderWait: Command = {
  name: 'order wait',
  summary: 'wait until an order is FULFILLED (exit 0) or FAILED (exit 6)',
  usage: 'dofs order wait ORDER_ID [--timeout SECONDS (60)] [--interval SECONDS (0.5)]',
  help: ['Exits 4 when the order is still PENDING at the timeout.'],
  options: { ...WAIT_OPTIONS },
  positionals: { min: 1, max: 1 },
  async run(context, values, positionals) {
    const order = await waitFor(context, orderIdArgument(positionals), values);
    if (context.json) printJson(context.io, order);
    else context.io.stdout.write(renderOrder(order));
    return exitForStatus(order);
  },
};

function orderIdArgument(positionals: readonly string[]): string {
  const [orderId] = positionals;
  if (!orderId) throw usageError('Name the order: ORDER_ID');
  return orderId;
}

const exitForStatus = (order: Order): ExitCode => (order.status === 'FAILED' ? EXIT.ORDER_FAILED : EXIT.OK);

async function waitFor(context: Context, orderId: string, values: Values): Promise<Order> {
  const timeoutMs = secondsFlag(values, 'timeout', { max: 3600, fallback: 60 });
  const intervalMs = secondsFlag(values, 'interval', { max: 60, fallback: 0.5 });
  let seen = '';
  return context.sdk().waitForOrder(orderId, {
    timeoutMs,
    intervalMs,
    onPoll: (order) => {
      const line = `${order.status}, ${order.attempts} attempt(s)`;
      if (line !== seen && !context.json) context.io.stderr.write(`${orderId}: ${line}\n`);
      seen = line;
    },
  });
}

/** `--file` (JSON, `-` for stdin) or `--customer/--item/--total/--currency`, never both. */
export function orderFromFlags(values: Values): CreateOrderRequest {
  const file = stringValue(values, 'file');
  const items = stringList(values, 'item');
  const customer = stringValue(values, 'customer');
  if (file !== undefined) {
    if (customer !== undefined || items.length > 0 || values['total'] !== undefined || values['currency'] !== undefined) {
      throw usageError('Give the order either with --file or with --customer/--item/--total/--currency, not both');
    }
    return orderFromJson(readInput(file), file);
  }
  if (customer === undefined || items.length === 0) {
    throw usageError('An order needs --customer and at least one --item SKU:QTY:PRICE (or --file)');
  }
  const lines = items.map(parseItem);
  const totalFlag = stringValue(values, 'total');
  const total = totalFlag === undefined ? sumOfLines(lines) : Number(totalFlag);
  if (!Number.isFinite(total)) throw usageError(`--total must be a number (got "${totalFlag}")`);
  const currency = stringValue(values, 'currency');
  return { customer_id: customer, items: lines, total_amount: total, ...(currency ? { currency } : {}) };
}

export function parseItem(spec: string): CreateOrderRequest['items'][number] {
  const [, productId, quantity, price] = /^([^:]+):(\d+):(\d+(?:\.\d+)?)$/.exec(spec) ?? [];
  if (!productId || !quantity || !price) throw usageError(`--item must look like SKU:QUANTITY:PRICE, e.g. sku-1:2:9.99 (got "${spec}")`);
  return { product_id: productId, quantity: Number(quantity), price: Number(price) };
}

/** The sum of quantity x price, computed in cents so that 0.1 + 0.2 is 0.3. */
export function sumOfLines(lines: readonly { quantity: number; price: number }[]): number {
  return lines.reduce((cents, l) => cents + l.quantity * Math.round(l.price * 100), 0) / 100;
}

function readInput(file: string): string {
  try {
    return readFileSync(file === '-' ? 0 : file, 'utf8');
  } catch (error) {
    throw usageError(`Cannot read ${file === '-' ? 'standard input' : file}: ${(error as Error).message}`);
  }
}

function orderFromJson(text: string, file: string): CreateOrderRequest {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw usageError(`${file} is not JSON: ${(error as Error).message}`);
  }
  // Checked here against the same schema as the API's, so the mistake is shown before sending.
  if (!validateCreateOrderRequest(parsed)) {
    throw new CliError(`${file} is not a valid order`, {
      exitCode: EXIT.USAGE,
      code: 'VALIDATION_FAILED',
      details: toErrorDetails(validateCreateOrderRequest.errors),
    });
  }
  return parsed;
}
