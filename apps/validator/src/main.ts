import { createLogger } from '@dofs/aws';
import { createValidatorHandler } from './handler';

export const handler = createValidatorHandler({ logger: createLogger('validator') });
