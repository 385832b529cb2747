import { BatchProcessor, EventType, processPartialResponse } from '@aws-lambda-powertools/batch';
import type { Context, SQSBatchResponse, SQSEvent, SQSRecord } from 'aws-lambda';
import type { Logger } from './logger';

export type SqsRecordHandler = (record: SQSRecord, log: Logger) => Promise<void>;

/**
 * An SQS-triggered handler with partial batch responses (the event source mapping must enable
 * ReportBatchItemFailures): a record whose handler throws is reported alone and comes back after
 * the visibility timeout; its neighbours are deleted. Records run in parallel, so each gets its
 * own child logger rather than sharing keys on the parent.
 */
export function createSqsBatchHandler(logger: Logger, handleRecord: SqsRecordHandler) {
  const processor = new BatchProcessor(EventType.SQS);
  const recordHandler = async (record: SQSRecord): Promise<void> => {
    const log = logger.createChild({
      persistentKeys: { message_id: record.messageId, receive_count: Number(record.attributes.ApproximateReceiveCount) },
    });
    await handleRecord(record, log);
  };
  return async (event: SQSEvent, context: Context): Promise<SQSBatchResponse> => {
    logger.addContext(context);
    // With every record failed, answer the full list instead of throwing: the effect is the
    // same (all come back) and the invocation is not counted as a Lambda error.
    return processPartialResponse(event, recordHandler, processor, { context, throwOnFullBatchFailure: false });
  };
}

/** The receive count SQS reports for a record: the attempt number of this delivery. */
export const receiveCountOf = (record: SQSRecord): number => Math.max(1, Number(record.attributes.ApproximateReceiveCount) || 1);
