import type { OrderStatus } from '@dofs/contracts';

/** Which orders a list holds: one customer's, or those in one status (one GSI each). */
export type OrderSelection = { readonly by: 'customer_id'; readonly value: string } | { readonly by: 'status'; readonly value: OrderStatus };

export type SortOrder = 'asc' | 'desc';

export const DEFAULT_PAGE_LIMIT = 25;
export const MAX_PAGE_LIMIT = 100;

export interface OrderListQuery {
  readonly select: OrderSelection;
  /** ISO 8601 as the table stores it (`toISOString()`), inclusive */
  readonly createdAfter?: string;
  /** ISO 8601 as the table stores it (`toISOString()`), exclusive */
  readonly createdBefore?: string;
  readonly order: SortOrder;
  readonly limit: number;
}

/** Where a page ended: its last order. The next page starts right after it. */
export interface PagePosition {
  readonly created_at: string;
  readonly order_id: string;
}
