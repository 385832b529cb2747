/** Request bodies for POST /order, in one place for every test. */
export interface OrderBody {
  customer_id: string;
  items: { product_id: string; quantity: number; price: number }[];
  total_amount: number;
  currency?: string;
}

export function validOrder(overrides: Partial<OrderBody> = {}): OrderBody {
  return {
    customer_id: 'customer-e2e',
    items: [
      { product_id: 'widget-1', quantity: 2, price: 9.99 },
      { product_id: 'gadget-7', quantity: 1, price: 25 },
    ],
    total_amount: 44.98,
    ...overrides,
  };
}

/** Breaks the schema (API Gateway's model): 400 from the gateway itself. */
export function schemaInvalidOrder(): object {
  return { customer_id: 'customer-e2e', items: 'not-a-list', total_amount: 'ten' };
}

/** Well formed, but the total does not match the lines: a business rule, 422 from the workflow. */
export function ruleBreakingOrder(): OrderBody {
  return validOrder({ total_amount: 1 });
}
