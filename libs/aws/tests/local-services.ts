// Real local servers that speak the AWS APIs, for the adapters' integration tests.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import type { AddressInfo } from 'node:net';
import { createServer, connect } from 'node:net';
import path from 'node:path';
import { CreateTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { TABLES } from '@dofs/contracts';
import { createTableInput } from '../src/table-definitions';

export function useLocalAwsEnvironment(): void {
  process.env['AWS_REGION'] = 'ap-south-1';
  process.env['AWS_ACCESS_KEY_ID'] = 'local';
  process.env['AWS_SECRET_ACCESS_KEY'] = 'local';
}

/** In-memory dynalite with the orders and failed_orders tables, reached through AWS_ENDPOINT_URL_DYNAMODB. */
export async function startDynalite(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  useLocalAwsEnvironment();
  const server = dynalite({ createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  process.env['AWS_ENDPOINT_URL_DYNAMODB'] = endpoint;
  const client = new DynamoDBClient({});
  for (const table of Object.values(TABLES)) await client.send(new CreateTableCommand(createTableInput(table)));
  client.destroy();
  return {
    endpoint,
    stop: async () => {
      delete process.env['AWS_ENDPOINT_URL_DYNAMODB'];
      server.close();
      await once(server, 'close');
    },
  };
}

async function freePort(): Promise<number> {
  const probe = createServer();
  probe.listen(0, '127.0.0.1');
  await once(probe, 'listening');
  const { port } = probe.address() as AddressInfo;
  probe.close();
  await once(probe, 'close');
  return port;
}

async function waitForPort(port: number, deadline: number): Promise<void> {
  for (;;) {
    const ok = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => (socket.destroy(), resolve(true)));
      socket.once('error', () => resolve(false));
    });
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Nothing listens on port ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** fauxqs (SQS + SNS API) in a child process: it is an ES module, which jest's runtime cannot load. */
export async function startFauxqs(): Promise<{ endpoint: string; stop: () => Promise<void> }> {
  useLocalAwsEnvironment();
  const port = await freePort();
  const root = path.resolve(__dirname, '../../..');
  const child = spawn(process.execPath, [path.join(root, 'node_modules/fauxqs/dist/cli.js')], {
    env: { ...process.env, FAUXQS_PORT: String(port), FAUXQS_HOST: '127.0.0.1' },
    stdio: 'ignore',
  });
  try {
    await waitForPort(port, Date.now() + 10_000);
  } catch (error) {
    child.kill();
    throw error;
  }
  const endpoint = `http://127.0.0.1:${port}`;
  process.env['AWS_ENDPOINT_URL_SQS'] = endpoint;
  return {
    endpoint,
    stop: async () => {
      delete process.env['AWS_ENDPOINT_URL_SQS'];
      child.kill();
      if (child.exitCode === null) await once(child, 'exit');
    },
  };
}
