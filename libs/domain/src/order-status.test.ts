import { InvalidTransitionError } from './errors';
import { assertTransition, canTransition, isTerminal } from './order-status';

describe('order status lifecycle', () => {
  it.each([
    ['PENDING', 'FULFILLED', true],
    ['PENDING', 'FAILED', true],
    ['PENDING', 'PENDING', false],
    ['FULFILLED', 'FAILED', false],
    ['FULFILLED', 'PENDING', false],
    ['FAILED', 'FULFILLED', false],
    ['FAILED', 'PENDING', false],
  ] as const)('%s -> %s allowed: %s', (from, to, allowed) => {
    expect(canTransition(from, to)).toBe(allowed);
  });

  it('is terminal only once FULFILLED or FAILED', () => {
    expect([isTerminal('PENDING'), isTerminal('FULFILLED'), isTerminal('FAILED')]).toEqual([false, true, true]);
  });

  it('throws a typed error for a forbidden transition', () => {
    expect(() => assertTransition('FAILED', 'FULFILLED')).toThrow(InvalidTransitionError);
    expect(() => assertTransition('PENDING', 'FAILED')).not.toThrow();
  });
});
