/**
 * dynalite in its own thread. It is the busiest emulator (LevelDB, condition parsing, JSON), and
 * in the runtime's main thread it competed with the gateway and Step Functions for one core; here
 * it has an event loop of its own. Entry point built to dist/apps/local/dynamodb-thread.mjs.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { startDynamoDbServer } from './dynalite-server';
import { StartupError } from '../startup-error';
import { nameThisThread } from '../thread-name';

export type DynamoDbThreadMessage =
  | { readonly type: 'ready'; readonly endpoint: string }
  | { readonly type: 'failed'; readonly message: string; readonly startup: boolean }
  | { readonly type: 'stopped' };

const { dir, port } = workerData as { dir: string; port: number };
const post = (message: DynamoDbThreadMessage): void => parentPort?.postMessage(message);
nameThisThread('dynalite');

startDynamoDbServer(dir, port).then(
  (service) => {
    parentPort?.on('message', (message: { type: 'stop' }) => {
      if (message.type !== 'stop') return;
      void service.stop().then(() => {
        post({ type: 'stopped' });
        parentPort?.close();
      });
    });
    post({ type: 'ready', endpoint: service.endpoint });
  },
  (error: unknown) => post({ type: 'failed', message: (error as Error).message, startup: error instanceof StartupError }),
);
