import { StartSyncExecutionCommand, type SFNClient } from '@aws-sdk/client-sfn';
import { toErrorDetails, validateOrderWorkflowOutput, type OrderWorkflowInput } from '@dofs/contracts';
import { InvalidMessageError, type OrderWorkflow, type WorkflowResult } from '@dofs/domain';
import { callDependency } from './transient';

/** Runs the Express order workflow with StartSyncExecution and reports how it ended. */
export class SfnOrderWorkflow implements OrderWorkflow {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  async run(input: OrderWorkflowInput): Promise<WorkflowResult> {
    const execution = await callDependency('order workflow', () =>
      this.client.send(
        new StartSyncExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          input: JSON.stringify(input),
          // X-Ray links the API request to the execution when tracing is on.
          ...(process.env['_X_AMZN_TRACE_ID'] ? { traceHeader: process.env['_X_AMZN_TRACE_ID'] } : {}),
        }),
      ),
    );
    switch (execution.status) {
      case 'SUCCEEDED': {
        const output: unknown = JSON.parse(execution.output ?? 'null');
        if (!validateOrderWorkflowOutput(output)) {
          throw new InvalidMessageError('OrderWorkflowOutput', toErrorDetails(validateOrderWorkflowOutput.errors));
        }
        return { status: 'SUCCEEDED', output };
      }
      case 'TIMED_OUT':
        return { status: 'TIMED_OUT', error: execution.error ?? 'States.Timeout', ...(execution.cause ? { cause: execution.cause } : {}) };
      default:
        return {
          status: 'FAILED',
          error: execution.error ?? 'Unknown',
          ...(execution.cause ? { cause: execution.cause } : {}),
        };
    }
  }
}
