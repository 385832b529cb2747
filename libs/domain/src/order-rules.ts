import type { CreateOrderRequest, RuleViolation } from '@dofs/contracts';
import { formatCents, toCents } from './money';

export const ORDER_LIMITS = {
  minLines: 1,
  maxLines: 100,
  minQuantity: 1,
  maxQuantity: 1000,
  maxPrice: 1_000_000,
} as const;

type OrderLine = CreateOrderRequest['items'][number];

/** A line's own rules: its quantity and price in range, its price in cents. */
function lineViolations(line: OrderLine, at: string): RuleViolation[] {
  const violations: RuleViolation[] = [];
  if (line.quantity < ORDER_LIMITS.minQuantity || line.quantity > ORDER_LIMITS.maxQuantity) {
    violations.push({
      rule: 'QUANTITY_RANGE',
      path: `${at}.quantity`,
      problem: `must be ${ORDER_LIMITS.minQuantity} to ${ORDER_LIMITS.maxQuantity}, is ${line.quantity}`,
    });
  }
  if (!(line.price > 0) || line.price > ORDER_LIMITS.maxPrice) {
    violations.push({
      rule: 'PRICE_RANGE',
      path: `${at}.price`,
      problem: `must be greater than 0 and at most ${ORDER_LIMITS.maxPrice}, is ${line.price}`,
    });
  }
  if (toCents(line.price) === undefined) {
    violations.push({ rule: 'PRICE_PRECISION', path: `${at}.price`, problem: `must have at most two decimals, is ${line.price}` });
  }
  return violations;
}

/** The total in cents, and that it is what the lines add up to (when every price has cents). */
function totalViolations(order: CreateOrderRequest, linesTotal: number | undefined): RuleViolation[] {
  const totalCents = toCents(order.total_amount);
  if (totalCents === undefined) {
    return [{ rule: 'TOTAL_PRECISION', path: 'total_amount', problem: `must have at most two decimals, is ${order.total_amount}` }];
  }
  if (linesTotal !== undefined && totalCents !== linesTotal) {
    return [{ rule: 'TOTAL_MISMATCH', path: 'total_amount', problem: `is ${formatCents(totalCents)} but the lines add up to ${formatCents(linesTotal)}` }];
  }
  return [];
}

/**
 * The business rules an order must meet beyond its schema. Returns every violation, each with the
 * field it concerns, so a client can fix them all in one round trip.
 */
export function checkOrderRules(order: CreateOrderRequest): RuleViolation[] {
  const violations: RuleViolation[] = [];
  const { items } = order;
  if (items.length < ORDER_LIMITS.minLines || items.length > ORDER_LIMITS.maxLines) {
    violations.push({
      rule: 'LINE_COUNT',
      path: 'items',
      problem: `must have ${ORDER_LIMITS.minLines} to ${ORDER_LIMITS.maxLines} lines, has ${items.length}`,
    });
  }
  const firstLineOf = new Map<string, number>();
  let linesTotal: number | undefined = 0;
  items.forEach((line, i) => {
    const at = `items[${i}]`;
    violations.push(...lineViolations(line, at));
    const priceCents = toCents(line.price);
    linesTotal = linesTotal === undefined || priceCents === undefined ? undefined : linesTotal + priceCents * line.quantity;
    const first = firstLineOf.get(line.product_id);
    if (first === undefined) {
      firstLineOf.set(line.product_id, i);
    } else {
      violations.push({
        rule: 'DUPLICATE_PRODUCT',
        path: `${at}.product_id`,
        problem: `${line.product_id} is already on items[${first}]; use one line with the combined quantity`,
      });
    }
  });
  violations.push(...totalViolations(order, linesTotal));
  return violations;
}
