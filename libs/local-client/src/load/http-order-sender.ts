import { Agent, request } from 'node:http';
import { orderIdOf } from '@dofs/contracts';
import type { SendOrder } from './load-run';

interface Answer {
  readonly status: number;
  readonly body: string;
}

function post(agent: Agent, url: URL, apiKey: string, body: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const outgoing = request(
      url,
      { method: 'POST', agent, headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body), 'x-api-key': apiKey } },
      (response) => {
        let text = '';
        response.setEncoding('utf8');
        response.on('data', (chunk: string) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

/**
 * POSTs `order(index)` to <api.url>/order, with the client's key as x-api-key, with node:http over kept-alive connections; the outcome
 * is the HTTP status ("201"), "0" when nothing came back. The bench uses it instead of the SDK:
 * the driver shares the machine with what it measures, and fetch costs it several times the CPU
 * per request. Call close() when done.
 */
export function httpOrderSender(
  api: { readonly url: string; readonly apiKey: string },
  order: (index: number) => object,
): { send: SendOrder; close(): void } {
  const url = new URL(`${api.url}/order`);
  const agent = new Agent({ keepAlive: true });
  const send: SendOrder = async (index) => {
    const answer = await post(agent, url, api.apiKey, JSON.stringify(order(index))).catch(() => undefined);
    if (!answer) return { outcome: '0' };
    const orderId = answer.status === 201 ? orderIdOf(answer.body) : undefined;
    return { outcome: String(answer.status), ...(orderId === undefined ? {} : { orderId }) };
  };
  return { send, close: () => agent.destroy() };
}
