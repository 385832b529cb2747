import type { FulfillmentMessage, OrderWorkflowInput } from '@dofs/contracts';
import { IdempotencyConflictError } from '../errors';
import type { OrderStore, OrderWorkflow, WorkflowResult } from '../ports';
import { storeOrder } from '../use-cases/store-order';
import { checkBusinessRules } from '../use-cases/check-business-rules';

/**
 * Follows the paths of contracts/order-workflow.asl.json with the domain's use cases, for unit
 * tests of the API handler. The real ASL runs in the local runtime's end-to-end tests.
 */
export class InMemoryOrderWorkflow implements OrderWorkflow {
  readonly sent: FulfillmentMessage[] = [];
  /** Set to make every run end in this Fail state, or throw this error. */
  failWith: { error: string } | Error | undefined;

  constructor(private readonly orders: OrderStore) {}

  async run(input: OrderWorkflowInput): Promise<WorkflowResult> {
    if (this.failWith instanceof Error) throw this.failWith;
    if (this.failWith) return { status: 'FAILED', error: this.failWith.error };
    const validation = checkBusinessRules(input);
    if (!validation.valid) {
      return { status: 'SUCCEEDED', output: { outcome: 'REJECTED', order_id: input.order_id, violations: validation.violations } };
    }
    try {
      const { order_id, request_hash, correlation_id, received_at, order } = input;
      const stored = await storeOrder(this.orders, { action: 'store', order_id, request_hash, correlation_id, received_at, order });
      if (stored.status === 'PENDING') {
        const { customer_id, total_amount, currency, created_at } = stored.order;
        this.sent.push({ schema_version: 1, order_id, customer_id, total_amount, currency, correlation_id, created_at });
      }
      return { status: 'SUCCEEDED', output: { outcome: 'ACCEPTED', created: stored.created, order: stored.order } };
    } catch (error) {
      if (error instanceof IdempotencyConflictError) return { status: 'FAILED', error: 'IdempotencyConflict' };
      return { status: 'FAILED', error: 'StoreFailed' };
    }
  }
}
