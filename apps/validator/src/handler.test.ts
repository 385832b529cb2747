import { validateOrderValidationResult } from '@dofs/contracts';
import { aLambdaContext, captureLogs } from '@dofs/aws/testing';
import { createLogger } from '@dofs/aws';
import { InvalidMessageError } from '@dofs/domain';
import { aWorkflowInput, anOrderRequest } from '@dofs/domain/testing';
import { createValidatorHandler } from './handler';

const handler = createValidatorHandler({ logger: createLogger('validator') });
captureLogs();

describe('validator handler', () => {
  it('answers valid for a good order', async () => {
    const result = await handler(aWorkflowInput(), aLambdaContext());
    expect(result).toEqual({ valid: true, violations: [] });
    expect(validateOrderValidationResult(result)).toBe(true);
  });

  it('answers the violations for an order that breaks the rules', async () => {
    const result = await handler(aWorkflowInput({ order: anOrderRequest({ total_amount: 99 }) }), aLambdaContext());
    expect(result.valid).toBe(false);
    expect(result.violations).toEqual([{ rule: 'TOTAL_MISMATCH', path: 'total_amount', problem: 'is 99.00 but the lines add up to 25.50' }]);
  });

  it.each([
    ['nothing', undefined],
    ['a string', 'order'],
    ['a missing order', { ...aWorkflowInput(), order: undefined }],
    ['a malformed order id', aWorkflowInput({ order_id: 'x' })],
    ['an unknown field', { ...aWorkflowInput(), extra: true }],
  ])('throws InvalidMessageError (the workflow catches it) for %s', async (_, event) => {
    await expect(handler(event, aLambdaContext())).rejects.toThrow(InvalidMessageError);
  });

  it('names the error InvalidMessageError, which is the errorType Step Functions sees', async () => {
    await expect(handler({}, aLambdaContext())).rejects.toMatchObject({ name: 'InvalidMessageError' });
  });
});
