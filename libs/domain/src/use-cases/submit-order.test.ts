import type { OrderWorkflowInput } from '@dofs/contracts';
import { IdempotencyConflictError, OrderRejectedError, WorkflowFailedError } from '../errors';
import { orderIdForKey, requestHash } from '../idempotency';
import type { OrderWorkflow, WorkflowResult } from '../ports';
import { anOrderRecord, anOrderRequest, fixedClock } from '../testing';
import { toAcceptedView } from '../order';
import { submitOrder } from './submit-order';

function workflowAnswering(result: WorkflowResult): OrderWorkflow & { inputs: OrderWorkflowInput[] } {
  const inputs: OrderWorkflowInput[] = [];
  return {
    inputs,
    run: async (input) => {
      inputs.push(input);
      return result;
    },
  };
}

const accepted = (created: boolean): WorkflowResult => ({
  status: 'SUCCEEDED',
  output: { outcome: 'ACCEPTED', created, order: toAcceptedView(anOrderRecord()) },
});
const request = { request: anOrderRequest(), idempotencyKey: undefined, correlationId: 'corr-9' };

describe('submitOrder', () => {
  it('starts the workflow with the order, its hash, the correlation id and the time', async () => {
    const workflow = workflowAnswering(accepted(true));
    const result = await submitOrder({ workflow, clock: fixedClock() }, request);
    expect(result).toEqual({ order: toAcceptedView(anOrderRecord()), replayed: false });
    const [input] = workflow.inputs;
    expect(input).toMatchObject({ request_hash: requestHash(anOrderRequest()), correlation_id: 'corr-9', received_at: '2026-11-21T10:00:00.000Z', order: anOrderRequest() });
  });

  it('derives the order id from the Idempotency-Key, and reports a replay', async () => {
    const workflow = workflowAnswering(accepted(false));
    const result = await submitOrder({ workflow, clock: fixedClock() }, { ...request, idempotencyKey: 'k-1' });
    expect(workflow.inputs[0]?.order_id).toBe(orderIdForKey('k-1'));
    expect(result.replayed).toBe(true);
  });

  it('uses a fresh order id per request without a key', async () => {
    const workflow = workflowAnswering(accepted(true));
    await submitOrder({ workflow, clock: fixedClock() }, request);
    await submitOrder({ workflow, clock: fixedClock() }, request);
    expect(workflow.inputs[0]?.order_id).not.toBe(workflow.inputs[1]?.order_id);
  });

  it('turns a rejection into OrderRejectedError with the violations', async () => {
    const violations = [{ rule: 'TOTAL_MISMATCH' as const, path: 'total_amount', problem: 'x' }];
    const workflow = workflowAnswering({ status: 'SUCCEEDED', output: { outcome: 'REJECTED', order_id: 'id', violations } });
    await expect(submitOrder({ workflow, clock: fixedClock() }, request)).rejects.toEqual(new OrderRejectedError('id', violations));
  });

  it('turns the IdempotencyConflict failure into IdempotencyConflictError', async () => {
    const workflow = workflowAnswering({ status: 'FAILED', error: 'IdempotencyConflict' });
    await expect(submitOrder({ workflow, clock: fixedClock() }, { ...request, idempotencyKey: 'k' })).rejects.toThrow(IdempotencyConflictError);
  });

  it.each([
    [{ status: 'FAILED' as const, error: 'StoreFailed', cause: 'table down' }, 'StoreFailed'],
    [{ status: 'FAILED' as const, error: 'EnqueueFailed' }, 'EnqueueFailed'],
    [{ status: 'TIMED_OUT' as const, error: 'States.Timeout' }, 'TimedOut'],
  ])('turns other endings into WorkflowFailedError', async (result, error) => {
    const failure = submitOrder({ workflow: workflowAnswering(result), clock: fixedClock() }, request);
    await expect(failure).rejects.toThrow(WorkflowFailedError);
    await expect(failure).rejects.toMatchObject({ error });
  });
});
