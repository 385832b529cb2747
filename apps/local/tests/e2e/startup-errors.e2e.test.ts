// What `npm start` does when it cannot start: one clear line on stderr, a non-zero exit, no stack.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { workspacePaths } from '../../src/workspace';
import { runRuntimeUntilExit, type RuntimeExit } from '../support/run-runtime';
import { startLocalSystem } from '@dofs/local-client';

let scratch: string;

beforeEach(async () => {
  scratch = await mkdtemp(path.join(os.tmpdir(), 'dofs-startup-'));
});

afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

function expectCleanFailure(exit: RuntimeExit, message: RegExp): void {
  expect(exit.code).toBe(1);
  expect(exit.stderr).toMatch(message);
  expect(exit.stderr).toMatch(/^dofs: /);
  // a message for a person, not a stack trace
  expect(exit.stderr).not.toMatch(/^\s+at /m);
}

it('refuses a taken port, naming it', async () => {
  const blocker: Server = createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  const port = (blocker.address() as { port: number }).port;
  try {
    // the internal services take the three ports after the API's, which another program may hold
    // too: then the message names that port and its service instead
    const exit = await runRuntimeUntilExit({ DOFS_PORT: String(port), DOFS_DATA_DIR: path.join(scratch, 'data') });
    expectCleanFailure(exit, /Port \d+ \((the API|DynamoDB \(dynalite\)|SQS and SNS, fauxqs|Step Functions)\) is already in use on 127\.0\.0\.1\. Set DOFS_PORT/);
  } finally {
    await new Promise((resolve) => blocker.close(resolve));
  }
});

it('refuses a corrupt DynamoDB directory', async () => {
  const dynamodb = path.join(scratch, 'data', 'dynamodb');
  mkdirSync(dynamodb, { recursive: true });
  writeFileSync(path.join(dynamodb, 'CURRENT'), 'MANIFEST-000002\n');
  writeFileSync(path.join(dynamodb, 'MANIFEST-000002'), 'not a LevelDB manifest');
  const exit = await runRuntimeUntilExit({ DOFS_PORT: '0', DOFS_DATA_DIR: path.join(scratch, 'data') });
  expectCleanFailure(exit, /The data dir is corrupt: DynamoDB data in .* cannot be opened/);
});

it('refuses a data dir that is a file', async () => {
  writeFileSync(path.join(scratch, 'data'), 'oops');
  const exit = await runRuntimeUntilExit({ DOFS_PORT: '0', DOFS_DATA_DIR: path.join(scratch, 'data') });
  expectCleanFailure(exit, /The data dir is corrupt: .* is a file, not a directory/);
});

it('refuses a damaged queue journal: an unreadable line before readable ones is no cut-short write', async () => {
  mkdirSync(path.join(scratch, 'data'));
  writeFileSync(path.join(scratch, 'data', 'queues.journal'), '{"op":"del","id":"a"}\n{"op":"put",\n{"op":"del","id":"b"}\n');
  const exit = await runRuntimeUntilExit({ DOFS_PORT: '0', DOFS_DATA_DIR: path.join(scratch, 'data') });
  expectCleanFailure(exit, /The data dir is corrupt: line 2 of the queue journal .* cannot be read\. Move the file away/);
});

it('refuses to start without the Lambda bundles, saying how to build them', async () => {
  const bundles = path.join(scratch, 'bundles');
  for (const app of ['api-handler', 'validator', 'order-storage', 'dlq-processor']) {
    mkdirSync(path.join(bundles, app), { recursive: true });
    copyFileSync(path.join(workspacePaths().bundlesDir, app, 'index.js'), path.join(bundles, app, 'index.js'));
  }
  const exit = await runRuntimeUntilExit({ DOFS_PORT: '0', DOFS_DATA_DIR: path.join(scratch, 'data'), DOFS_BUNDLES_DIR: bundles });
  expectCleanFailure(exit, /Missing Lambda bundle: .*fulfill-order[/\\]index\.js\. Build them with `npm run build`/);
});

it('refuses an invalid setting, naming the variable', async () => {
  const exit = await runRuntimeUntilExit({ DOFS_PORT: '0', DOFS_DATA_DIR: path.join(scratch, 'data'), DOFS_MAX_RECEIVE_COUNT: 'three' });
  expectCleanFailure(exit, /DOFS_MAX_RECEIVE_COUNT=three is not valid/);
});

it('refuses a data dir another running DOFS uses', async () => {
  const dataDir = path.join(scratch, 'data');
  const running = await startLocalSystem({ dataDir });
  try {
    const exit = await runRuntimeUntilExit({ DOFS_PORT: '0', DOFS_DATA_DIR: dataDir });
    expectCleanFailure(exit, new RegExp(`DOFS is already running on the data dir .* \\(pid ${running.pid}`));
  } finally {
    await running.stop();
  }
});
