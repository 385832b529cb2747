import { setTimeout as sleep } from 'node:timers/promises';
import { BatchGetItemCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';

export interface TerminalOrder {
  readonly status: 'FULFILLED' | 'FAILED';
  /** epoch ms of fulfilled_at / failed_at as the functions recorded them */
  readonly at: number;
}

/**
 * Waits until every order is FULFILLED or FAILED, reading the orders table directly (not through
 * the API, which would add load to what is being measured), and returns when each got there.
 */
export async function waitForTerminal(
  dynamo: DynamoDBClient,
  table: string,
  orderIds: readonly string[],
  deadlineMs: number,
  pollMs = 500,
): Promise<{ terminal: Map<string, TerminalOrder>; pending: string[] }> {
  const terminal = new Map<string, TerminalOrder>();
  let pending = [...orderIds];
  const deadline = Date.now() + deadlineMs;
  while (pending.length > 0 && Date.now() < deadline) {
    for (let i = 0; i < pending.length; i += 100) {
      let keys: Record<string, { S: string }>[] | undefined = pending.slice(i, i + 100).map((id) => ({ order_id: { S: id } }));
      while (keys && keys.length > 0) {
        const answer = await dynamo.send(
          new BatchGetItemCommand({
            RequestItems: {
              [table]: {
                Keys: keys,
                ProjectionExpression: 'order_id, #s, fulfilled_at, failed_at',
                ExpressionAttributeNames: { '#s': 'status' },
              },
            },
          }),
        );
        for (const item of answer.Responses?.[table] ?? []) {
          const status = item['status']?.S;
          const at = status === 'FULFILLED' ? item['fulfilled_at']?.S : status === 'FAILED' ? item['failed_at']?.S : undefined;
          const id = item['order_id']?.S;
          if (id && at && (status === 'FULFILLED' || status === 'FAILED')) terminal.set(id, { status, at: Date.parse(at) });
        }
        keys = answer.UnprocessedKeys?.[table]?.Keys as typeof keys;
      }
    }
    pending = pending.filter((id) => !terminal.has(id));
    if (pending.length > 0) await sleep(pollMs);
  }
  return { terminal, pending };
}
