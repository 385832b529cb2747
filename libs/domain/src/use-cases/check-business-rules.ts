import type { OrderValidationResult, OrderWorkflowInput } from '@dofs/contracts';
import { checkOrderRules } from '../order-rules';

/**
 * The ValidateOrder task: the business rules (order-rules.ts) over the workflow's input; a
 * rejection is an answer, not an error. Not to be confused with the contracts' validate* functions,
 * which check a value against its JSON schema.
 */
export function checkBusinessRules(input: OrderWorkflowInput): OrderValidationResult {
  const violations = checkOrderRules(input.order);
  return { valid: violations.length === 0, violations };
}
