import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { StartupError } from '../startup-error';

/** Every local server binds the loopback interface only: nothing here is meant for the network. */
export const LOOPBACK = '127.0.0.1';

/**
 * Listens on `port` (0 = ephemeral) and resolves with the port taken. A taken port becomes a
 * StartupError that says which service wanted it and how to pick another.
 */
export function listen(server: Server, port: number, service: string, hint: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const onError = (error: NodeJS.ErrnoException): void => {
      server.off('listening', onListening);
      if (error.code === 'EADDRINUSE') {
        reject(new StartupError(`Port ${port} (${service}) is already in use on ${LOOPBACK}. ${hint}`, { cause: error }));
      } else if (error.code === 'EACCES') {
        reject(new StartupError(`Not allowed to listen on port ${port} (${service}). ${hint}`, { cause: error }));
      } else {
        reject(error);
      }
    };
    const onListening = (): void => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, LOOPBACK);
  });
}

/**
 * Stops accepting connections and lets in-flight requests finish. Keep-alive connections are
 * closed as soon as they fall idle (a single closeIdleConnections() would miss those still busy,
 * which would then linger for the whole keep-alive timeout).
 */
export function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    const sweep = setInterval(() => server.closeIdleConnections(), 50);
    server.close(() => {
      clearInterval(sweep);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/**
 * Reads a request body up to `limit` bytes; resolves undefined as soon as it is larger, without
 * reading the rest (the caller answers, and closes the connection). Rejects when the request
 * breaks off (the client went away).
 */
export function readBody(req: NodeJS.ReadableStream, limit: number): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      req.off('data', onData);
      req.pause();
      resolve(undefined);
    };
    req.on('data', onData);
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
