/**
 * The bench's order i: one line, totals computed in cents so they match exactly. Kept apart from
 * `dofs load`'s random orders on purpose: the bench's figures are compared across runs and
 * commits, so its workload does not change.
 */
export function benchOrder(i: number): object {
  const quantity = 1 + (i % 3);
  const priceCents = 999 + (i % 7) * 100;
  return {
    customer_id: `bench-customer-${i % 50}`,
    items: [{ product_id: `bench-product-${i % 20}`, quantity, price: priceCents / 100 }],
    total_amount: (quantity * priceCents) / 100,
  };
}
