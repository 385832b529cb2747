import type { OrderValidationResult } from '@dofs/contracts';
import { withLambdaContext, type Logger } from '@dofs/aws';
import { parseOrderWorkflowInput, checkBusinessRules } from '@dofs/domain';

/**
 * The ValidateOrder task. An input that breaks its contract throws InvalidMessageError, which the
 * workflow catches as ValidationFailed; a rule violation is a normal answer.
 */
export function createValidatorHandler({ logger }: { logger: Logger }) {
  return withLambdaContext(logger, async (event: unknown): Promise<OrderValidationResult> => {
    try {
      const input = parseOrderWorkflowInput(event);
      logger.appendKeys({ order_id: input.order_id, correlation_id: input.correlation_id });
      const result = checkBusinessRules(input);
      if (result.valid) logger.info('Order meets the business rules');
      else logger.info('Order rejected', { rules: result.violations.map((v) => v.rule) });
      return result;
    } catch (error) {
      logger.error('Validation task failed', error as Error);
      throw error;
    }
  });
}
