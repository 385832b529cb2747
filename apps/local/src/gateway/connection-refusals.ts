import { randomUUID } from 'node:crypto';
import { STATUS_CODES, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { renderGatewayResponse, type GatewayErrorType } from './gateway-responses';
import type { GatewayResponse } from './openapi-routes';

/** The gateway response for an error of node's HTTP parser (llhttp's HPE_* codes) or server. */
function responseTypeFor(error: NodeJS.ErrnoException): GatewayErrorType {
  if (error.code === 'HPE_HEADER_OVERFLOW') return 'REQUEST_HEADERS_TOO_LARGE';
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT' || error.code === 'ERR_HTTP_HEADERS_TIMEOUT') return 'REQUEST_TIMEOUT';
  return 'MALFORMED_REQUEST';
}

/** Writes a whole HTTP answer on a socket that has no ServerResponse, then closes it. */
function writeRefusal(socket: Duplex, responses: Readonly<Record<string, GatewayResponse>>, type: GatewayErrorType): void {
  const requestId = randomUUID();
  const { status, headers, body } = renderGatewayResponse(responses, type, requestId);
  const head = [
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? ''}`,
    ...Object.entries({ ...headers, 'x-amzn-RequestId': requestId }).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
  ];
  socket.end(`${head.join('\r\n')}\r\n\r\n${body}`, () => socket.destroy());
}

/**
 * Requests that never reach the routes still get an answer with the error envelope, as API
 * Gateway's own refusals do: node's HTTP parser refusing a request (bad framing, control
 * characters, oversized headers: 400 / 431), a request that did not arrive within the request
 * timeout (408), and CONNECT, which node hands to a 'connect' listener or else drops (403, as any
 * method the API does not define). A client that has gone away gets nothing, and no log line.
 */
export function answerRefusalsBelowTheApi(server: Server, responses: Readonly<Record<string, GatewayResponse>>): void {
  // the answer in progress on each connection: a refusal must not be written into the middle of it
  const answering = new WeakMap<Duplex, ServerResponse>();
  server.on('request', (req: IncomingMessage, res: ServerResponse) => answering.set(req.socket, res));
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    const current = answering.get(socket);
    const midAnswer = current !== undefined && current.headersSent && !current.writableFinished;
    if (error.code === 'ECONNRESET' || error.code === 'EPIPE' || !socket.writable || midAnswer) {
      socket.destroy();
      return;
    }
    writeRefusal(socket, responses, responseTypeFor(error));
  });
  server.on('connect', (_req: IncomingMessage, socket: Duplex) => {
    // the socket is the caller's from here on: a reset must not become an uncaught error
    socket.on('error', () => socket.destroy());
    writeRefusal(socket, responses, 'MISSING_AUTHENTICATION_TOKEN');
  });
}
