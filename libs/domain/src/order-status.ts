import type { OrderStatus } from '@dofs/contracts';
import { InvalidTransitionError } from './errors';

// PENDING -> FULFILLED | FAILED, and a terminal status never changes again.
const NEXT: Readonly<Record<OrderStatus, readonly OrderStatus[]>> = {
  PENDING: ['FULFILLED', 'FAILED'],
  FULFILLED: [],
  FAILED: [],
};

export const isTerminal = (status: OrderStatus): boolean => NEXT[status].length === 0;

export const canTransition = (from: OrderStatus, to: OrderStatus): boolean => NEXT[from].includes(to);

export function assertTransition(from: OrderStatus, to: OrderStatus): void {
  if (!canTransition(from, to)) throw new InvalidTransitionError(from, to);
}
