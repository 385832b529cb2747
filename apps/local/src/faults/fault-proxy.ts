import { createServer, request, Agent, type IncomingMessage, type ServerResponse } from 'node:http';
import { close, listen, LOOPBACK } from '../http/listen';

/** What a proxy answers instead of forwarding: an AWS service error as that service sends it. */
export interface ServiceErrorAnswer {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

export interface FaultProxy extends AsyncDisposable {
  readonly endpoint: string;
}

/**
 * A pass-through HTTP proxy in front of a local emulator, for the functions' SDK clients only:
 * each request is forwarded as is, unless `fault()` answers an error for it first. The runtime's
 * own clients keep the emulator's direct endpoint and never see a fault.
 */
export async function startFaultProxy(target: string, label: string, fault: (req: IncomingMessage) => ServiceErrorAnswer | undefined): Promise<FaultProxy> {
  const upstream = new URL(target);
  const agent = new Agent({ keepAlive: true });
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const answer = fault(req);
    if (answer) {
      // the body is read and dropped, so the client's connection stays usable
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, { ...answer.headers, 'content-length': Buffer.byteLength(answer.body) });
        res.end(answer.body);
      });
      return;
    }
    const forwarded = request(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: req.headers, agent },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    forwarded.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    req.pipe(forwarded);
  });
  server.keepAliveTimeout = 65_000;
  const port = await listen(server, 0, `${label} fault proxy`, '');
  return {
    endpoint: `http://${LOOPBACK}:${port}`,
    [Symbol.asyncDispose]: async () => {
      agent.destroy();
      await close(server);
    },
  };
}
