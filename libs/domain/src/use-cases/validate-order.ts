import type { OrderValidationResult, OrderWorkflowInput } from '@dofs/contracts';
import { checkOrderRules } from '../order-rules';

/** The ValidateOrder task: a rejection is an answer, not an error. */
export function validateOrder(input: OrderWorkflowInput): OrderValidationResult {
  const violations = checkOrderRules(input.order);
  return { valid: violations.length === 0, violations };
}
