import type { Message } from './sqs-event-source';
import type { InvokeResult } from '../lambda/execution-environment';
import type { RuntimeEvent } from '../events/runtime-events';

/** An event source mapping's batch as the console sees it, at the time it was received: each message and whether it succeeded. */
export function batchEvent(
  functionName: string,
  queueUrl: string,
  batch: readonly Message[],
  succeeded: readonly Message[],
  result: InvokeResult,
  receivedAt: number,
): Extract<RuntimeEvent, { type: 'batch' }> {
  const ok = new Set(succeeded);
  return {
    type: 'batch',
    at: receivedAt,
    function: functionName,
    queue: queueUrl.slice(queueUrl.lastIndexOf('/') + 1),
    records: batch.map((message) => ({
      messageId: message.MessageId ?? '',
      body: message.Body ?? '',
      receiveCount: Number(message.Attributes?.['ApproximateReceiveCount'] ?? 0),
      ok: ok.has(message),
    })),
    ...(result.ok ? {} : { errorType: result.error.errorType }),
  };
}
