// The edges of the API, probed as an attacker would, below and at the gateway: raw paths that a
// normalising server would route elsewhere, stalled and oversized bodies, requests the HTTP parser
// refuses, CONNECT, and clients that go away. Every refusal carries the one error envelope.
import { validateErrorResponse } from '@dofs/contracts';
import { startLocalSystem, type LocalSystem } from '@dofs/local-client';
import { postOrder, request } from '../support/api';
import { validOrder } from '../support/orders';
import { rawConnection, rawRequest, type RawAnswer } from '../support/raw-http';
import { waitFor } from '../support/wait-for';

/** The headers every raw request starts with (what a client of the API must send). */
const HEAD = 'Host: localhost\r\n';
// short, so that the stalled requests below are answered within the test's time
const REQUEST_TIMEOUT_S = 2;
let system: LocalSystem;
let orderId: string;

beforeAll(async () => {
  system = await startLocalSystem({ successRate: 1, requestTimeoutSeconds: REQUEST_TIMEOUT_S });
  const created = await postOrder(system, validOrder());
  expect(created.status).toBe(201);
  orderId = created.body.order_id;
});

afterAll(async () => {
  await system?.stop();
});

/** The answer is an error with the envelope and no trace of the implementation. */
function expectEnvelope(answer: RawAnswer | undefined, status: number): void {
  expect(answer).toBeDefined();
  const { status: actual, headers, body } = answer as RawAnswer;
  expect({ status: actual, contentType: headers['content-type'] }).toEqual({ status, contentType: 'application/json' });
  const parsed: unknown = JSON.parse(body);
  expect(validateErrorResponse(parsed) ? [] : validateErrorResponse.errors).toEqual([]);
  expect(body).not.toMatch(/\bat .*\(|node:|Error:|HPE_|ERR_/);
}

// with the local client's key, so that what refuses a request is its path, not the key
const get = (path: string): string => `GET ${path} HTTP/1.1\r\n${HEAD}x-api-key: ${system.apiKey}\r\nConnection: close\r\n\r\n`;

describe('routes are matched on the raw path, as API Gateway matches them', () => {
  it('does not read /order\\<id> as /order/<id>', async () => {
    expect((await rawRequest(system.apiUrl, get(`/order/${orderId}`)))?.status).toBe(200);
    expectEnvelope(await rawRequest(system.apiUrl, get(`/order\\${orderId}`)), 403);
  });

  it('does not resolve dot segments into another route', async () => {
    expect((await rawRequest(system.apiUrl, get('/health')))?.status).toBe(200);
    expectEnvelope(await rawRequest(system.apiUrl, get('/order/../health')), 403);
    expectEnvelope(await rawRequest(system.apiUrl, get('/order/./health')), 403);
    expectEnvelope(await rawRequest(system.apiUrl, get('//health')), 403);
  });
});

describe('bodies', () => {
  it('refuses a declared Content-Length over the limit at once, before any of the body is sent', async () => {
    const connection = rawConnection(system.apiUrl);
    connection.write(`POST /order HTTP/1.1\r\n${HEAD}Content-Type: application/json\r\nContent-Length: 100000000\r\n\r\n`);
    const answer = await connection.answer;
    connection.socket.destroy();
    expectEnvelope(answer, 413);
  });

  it('stops reading a chunked body once it is over the limit, and answers 413 before the client has finished', async () => {
    const connection = rawConnection(system.apiUrl);
    connection.socket.on('error', () => undefined);
    connection.write(`POST /order HTTP/1.1\r\n${HEAD}Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`);
    const megabyte = Buffer.alloc(1024 * 1024, 0x20);
    // 11 MiB, over API Gateway's 10 MB, and never the closing chunk: only an early answer ends this
    for (let i = 0; i < 11 && !connection.socket.destroyed; i++) {
      connection.write(`${megabyte.length.toString(16)}\r\n`);
      connection.write(megabyte);
      connection.write('\r\n');
    }
    const answer = await connection.answer;
    connection.socket.destroy();
    expectEnvelope(answer, 413);
  });

  it('answers a body that stalls halfway with 408 once the request timeout has passed', async () => {
    const connection = rawConnection(system.apiUrl);
    const body = JSON.stringify(validOrder());
    connection.write(
      `POST /order HTTP/1.1\r\n${HEAD}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 20)}`,
    );
    const answer = await connection.answer;
    connection.socket.destroy();
    expectEnvelope(answer, 408);
  });
});

describe('requests the HTTP parser refuses get the envelope too', () => {
  it('answers headers that stall with 408', async () => {
    const connection = rawConnection(system.apiUrl);
    connection.write(`GET /health HTTP/1.1\r\n${HEAD}`);
    const answer = await connection.answer;
    connection.socket.destroy();
    expectEnvelope(answer, 408);
  });

  it.each([
    ['a control character in a header', `GET /health HTTP/1.1\r\n${HEAD}X-Probe: a\x01b\r\n\r\n`],
    ['Content-Length and Transfer-Encoding together', `POST /order HTTP/1.1\r\n${HEAD}Content-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n`],
    ['a broken chunk size', `POST /order HTTP/1.1\r\n${HEAD}Transfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n`],
    ['a request line that is not HTTP', 'HELLO THERE\r\n\r\n'],
    ['a method that does not exist', `FETCH /health HTTP/1.1\r\n${HEAD}\r\n`],
  ])('answers %s with 400', async (_what, bytes) => {
    expectEnvelope(await rawRequest(system.apiUrl, bytes), 400);
  });

  it('answers a 64 KB header with 431', async () => {
    expectEnvelope(await rawRequest(system.apiUrl, `GET /health HTTP/1.1\r\n${HEAD}X-Big: ${'a'.repeat(64 * 1024)}\r\n\r\n`), 431);
  });

  it('answers CONNECT as any method the API does not define, instead of dropping the connection', async () => {
    expectEnvelope(await rawRequest(system.apiUrl, 'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'), 403);
  });
});

it('takes a client going away as no error: no stack trace in the log, and it keeps answering', async () => {
  const body = JSON.stringify(validOrder({ customer_id: 'goes-away' }));
  const gone = Array.from({ length: 20 }, async (_, i) => {
    const connection = rawConnection(system.apiUrl);
    // half of them leave mid-body, the others once the request is in and being handled
    connection.write(
      i % 2 === 0
        ? `POST /order HTTP/1.1\r\n${HEAD}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body.slice(0, 10)}`
        : `POST /order HTTP/1.1\r\n${HEAD}Content-Type: application/json\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    connection.socket.resetAndDestroy();
  });
  await Promise.all(gone);
  const aborted = new AbortController();
  const pending = request(`${system.apiUrl}/health`, { signal: aborted.signal }).catch(() => undefined);
  aborted.abort();
  await pending;

  // the requests that got in are finished (or dropped) before the log is read
  await waitFor('the gateway to be idle', async () => ((await request(`${system.apiUrl}/health`)).status === 200 ? true : undefined));
  const stats = await system.stats();
  expect(stats.functions['api-handler']?.invocations).toBeGreaterThan(0);
  expect(system.output()).not.toMatch(/^\s+at /m);
  expect(system.output()).not.toMatch(/local gateway:|ECONNRESET|aborted/i);
});
