import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { TABLES } from '@dofs/contracts';
import { StartupError } from '../startup-error';
import { clientConfig } from '../aws-identity';
import { servicePort, type RuntimeContext } from '../runtime-context';
import { ensureTables } from './create-tables';
import type { DynamoDbThreadMessage } from './dynamodb-thread';

/** The local DynamoDB: dynalite on disk in a thread of its own, with the contract's tables. */
export interface DynamoDbService extends AsyncDisposable {
  readonly endpoint: string;
  /** the runtime's own client (the Step Functions dynamodb:* integrations, the recovery scan) */
  readonly client: DynamoDBClient;
  /** milliseconds the DynamoDB thread has been busy (its event loop not waiting) */
  busyMs(): number;
}

/**
 * dynalite on disk (<data dir>/dynamodb) in its own thread (dynamodb-thread.ts, built into
 * dist/apps/local), with the tables of contracts/resources.json created as Terraform does.
 */
export async function startDynamoDb({
  options,
  paths,
  dataDir,
}: Pick<RuntimeContext, 'options' | 'paths' | 'dataDir'>): Promise<DynamoDbService> {
  const threadScript = path.join(paths.runtimeDir, 'dynamodb-thread.mjs');
  const thread = await startThread(threadScript, dataDir.dynamodb, servicePort(options, 'dynamodb'));
  const client = new DynamoDBClient(clientConfig(thread.endpoint));
  const service: DynamoDbService = {
    endpoint: thread.endpoint,
    client,
    busyMs: thread.busyMs,
    [Symbol.asyncDispose]: async () => {
      client.destroy();
      await thread.stop();
    },
  };
  try {
    await ensureTables(client, Object.values(TABLES));
  } catch (error) {
    await service[Symbol.asyncDispose]();
    throw error;
  }
  return service;
}

interface Thread {
  readonly endpoint: string;
  busyMs(): number;
  stop(): Promise<void>;
}

function startThread(threadScript: string, dir: string, port: number): Promise<Thread> {
  const worker = new Worker(threadScript, { workerData: { dir, port } });
  return new Promise((resolve, reject) => {
    const onExit = (code: number): void => reject(new Error(`the DynamoDB thread exited with code ${code} while starting`));
    worker.once('exit', onExit);
    worker.once('error', reject);
    worker.once('message', (message: DynamoDbThreadMessage) => {
      worker.off('exit', onExit);
      if (message.type === 'failed') {
        void worker.terminate();
        reject(message.startup ? new StartupError(message.message) : new Error(message.message));
        return;
      }
      if (message.type !== 'ready') return;
      resolve({
        endpoint: message.endpoint,
        busyMs: () => worker.performance.eventLoopUtilization().active,
        stop: () =>
          new Promise<void>((done) => {
            // LevelDB is closed cleanly before the thread ends, so the next start finds it intact
            worker.once('exit', () => done());
            worker.postMessage({ type: 'stop' });
          }),
      });
    });
  });
}
