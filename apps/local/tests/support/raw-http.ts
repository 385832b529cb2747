import { connect, type Socket } from 'node:net';

/** An HTTP answer as it came off the socket, with no client in between to normalise or refuse it. */
export interface RawAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** the bytes as received, for diagnostics */
  readonly raw: string;
}

export interface RawConnection {
  readonly socket: Socket;
  /** Writes bytes exactly as given (paths are not normalised, headers not checked). */
  write(data: string | Buffer): void;
  /** Resolves with the first answer on the connection, once its body is complete or the server closes. */
  readonly answer: Promise<RawAnswer | undefined>;
}

/** The body of a chunked message, or undefined while its last chunk has not arrived. */
function dechunk(bytes: Buffer): Buffer | undefined {
  const chunks: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = bytes.indexOf('\r\n', at);
    if (lineEnd < 0) return undefined;
    const size = parseInt(bytes.subarray(at, lineEnd).toString('latin1'), 16);
    if (Number.isNaN(size)) return undefined;
    if (size === 0) return Buffer.concat(chunks);
    if (bytes.length < lineEnd + 2 + size + 2) return undefined;
    chunks.push(bytes.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
}

function parse(bytes: Buffer): RawAnswer | undefined {
  const end = bytes.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const raw = bytes.toString('utf8');
  const [statusLine = '', ...lines] = bytes.subarray(0, end).toString('latin1').split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1]);
  if (!status) return undefined;
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const rest = bytes.subarray(end + 4);
  if (headers['transfer-encoding']?.toLowerCase() === 'chunked') {
    const body = dechunk(rest);
    return body === undefined ? undefined : { status, headers, body: body.toString('utf8'), raw };
  }
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (length !== undefined && rest.length < length) return undefined;
  return { status, headers, body: rest.subarray(0, length).toString('utf8'), raw };
}

/**
 * Opens a TCP connection to an http:// URL's host and port, for requests that a well-behaved
 * client would not send: raw paths, stalled bodies, broken framing, oversized headers.
 */
export function rawConnection(url: string): RawConnection {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  let received = Buffer.alloc(0);
  const answer = new Promise<RawAnswer | undefined>((resolve) => {
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      const parsed = parse(received);
      if (parsed) resolve(parsed);
    });
    socket.on('close', () => resolve(parse(received)));
    // a reset after the answer was read (the server closing a connection it refused) is expected
    socket.on('error', () => resolve(parse(received)));
  });
  return { socket, write: (data) => socket.write(data), answer };
}

/** Sends `request` as is on a new connection and resolves with the answer, then closes. */
export async function rawRequest(url: string, request: string | Buffer): Promise<RawAnswer | undefined> {
  const connection = rawConnection(url);
  connection.write(request);
  const answer = await connection.answer;
  connection.socket.destroy();
  return answer;
}
