import { validateOrderValidationResult } from '@dofs/contracts';
import { aWorkflowInput, anOrderRequest } from '../testing';
import { checkBusinessRules } from './check-business-rules';

describe('checkBusinessRules', () => {
  it('answers valid for a good order, in the task result contract', () => {
    const result = checkBusinessRules(aWorkflowInput());
    expect(result).toEqual({ valid: true, violations: [] });
    expect(validateOrderValidationResult(result)).toBe(true);
  });

  it('answers invalid with the violations, in the task result contract', () => {
    const result = checkBusinessRules(aWorkflowInput({ order: anOrderRequest({ total_amount: 1 }) }));
    expect(result.valid).toBe(false);
    expect(result.violations.map((v) => v.rule)).toEqual(['TOTAL_MISMATCH']);
    expect(validateOrderValidationResult(result)).toBe(true);
  });
});
