import { Agent, request } from 'node:http';
import { orderIdOf } from '@dofs/contracts';

/** One client request (an Idempotency-Key with its body), and every answer it got. */
export interface KeyRecord {
  readonly key: string;
  readonly body: string;
  /** epoch ms the first send was due */
  dueAt: number;
  /** the last answer's status; 0 when nothing came back */
  lastStatus: number;
  sends: number;
  /** a send is on its way: a key has one send at a time, so the last status is the latest answer */
  inFlight: boolean;
  /** order ids in 2xx answers */
  readonly orderIds: Set<string>;
  created: boolean;
}

interface Answer {
  readonly status: number;
  readonly body: string;
}

export const unanswered = (record: KeyRecord): boolean => record.lastStatus === 0 || record.lastStatus >= 500;

function post(agent: Agent, apiUrl: string, apiKey: string, record: KeyRecord): Promise<Answer> {
  return new Promise((resolve) => {
    const outgoing = request(
      new URL(`${apiUrl}/order`),
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(record.body),
          'x-api-key': apiKey,
          'idempotency-key': record.key,
        },
      },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', () => resolve({ status: 0, body: '' }));
      },
    );
    outgoing.setTimeout(60_000, () => outgoing.destroy());
    outgoing.on('error', () => resolve({ status: 0, body: '' }));
    outgoing.end(record.body);
  });
}

/**
 * The soak's client: it sends each key's request and re-sends, same Idempotency-Key and body,
 * every one left without an answer or with a 5xx. While the runtime is down a send fails at once
 * (connection refused) and is re-sent after the restart.
 */
export class SoakClient {
  readonly records: KeyRecord[] = [];
  private readonly agent = new Agent({ keepAlive: true, maxSockets: 256 });

  constructor(private readonly target: () => { readonly apiUrl: string; readonly apiKey: string }) {}

  /** A new key's first send. */
  async sendNew(key: string, body: string): Promise<KeyRecord> {
    const record: KeyRecord = { key, body, dueAt: Date.now(), lastStatus: 0, sends: 0, inFlight: false, orderIds: new Set(), created: false };
    this.records.push(record);
    await this.send(record);
    return record;
  }

  /** Re-sends every unanswered key that has no send on its way (the restart's re-send and the settle loop's overlap). */
  async resendUnanswered(): Promise<void> {
    await Promise.all(this.records.filter((record) => unanswered(record) && !record.inFlight).map((record) => this.send(record)));
  }

  close(): void {
    this.agent.destroy();
  }

  private async send(record: KeyRecord): Promise<void> {
    record.sends++;
    record.inFlight = true;
    const { apiUrl, apiKey } = this.target();
    const answer = await post(this.agent, apiUrl, apiKey, record).finally(() => (record.inFlight = false));
    record.lastStatus = answer.status;
    if (answer.status >= 200 && answer.status < 300) {
      const orderId = orderIdOf(answer.body);
      if (orderId) record.orderIds.add(orderId);
      if (answer.status === 201) record.created = true;
    }
  }
}
