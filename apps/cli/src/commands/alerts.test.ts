// What `dofs alerts` refuses before it reaches any queue; tests/alerts-local-system.test.ts runs
// the real binary against the real local system.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { run } from '../cli';
import { EXIT } from '../exit-codes';
import { captureIo } from '../../tests/support/capture-io';
import { alertsQueueName, DEFAULT_ALERTS_QUEUE } from './alerts';

let cwd: string;
beforeAll(() => {
  cwd = mkdtempSync(path.join(tmpdir(), 'dofs-cli-alerts-'));
  mkdirSync(path.join(cwd, '.dofs/data'), { recursive: true });
  // an endpoints.json that names no alerts topic, and whose endpoints answer nothing
  writeFileSync(
    path.join(cwd, '.dofs/data/endpoints.json'),
    JSON.stringify({ api_url: 'http://127.0.0.1:9', region: 'us-east-1', credentials: {}, endpoints: {}, tables: {}, queues: {} }),
  );
});
afterAll(() => rmSync(cwd, { recursive: true, force: true }));

async function dofs(argv: string[], env: Record<string, string> = {}) {
  const { io, stdout, stderr } = captureIo(env, cwd);
  const code = await run(argv, io);
  return { code, out: stdout(), err: stderr() };
}

it('names the default queue, and refuses a name SQS would refuse', () => {
  expect(alertsQueueName({})).toBe(DEFAULT_ALERTS_QUEUE);
  expect(alertsQueueName({ queue: 'ops_alerts-2' })).toBe('ops_alerts-2');
  expect(() => alertsQueueName({ queue: 'a queue' })).toThrow('--queue must be 1 to 80 letters');
  expect(() => alertsQueueName({ queue: 'x'.repeat(81) })).toThrow('--queue must be 1 to 80 letters');
});

it('refuses a deployed target with exit 3 and says where its alerts go', async () => {
  for (const command of ['subscribe', 'read']) {
    const r = await dofs(['alerts', command, '--json'], { DOFS_API_URL: 'https://api.example.com' });
    expect(r.code).toBe(EXIT.CONFIG);
    expect(JSON.parse(r.err).error).toMatchObject({ code: 'CONFIG', message: expect.stringContaining('notification_email') });
  }
});

it('refuses a local system whose endpoints.json names no alerts topic', async () => {
  const r = await dofs(['alerts', 'subscribe']);
  expect(r).toMatchObject({ code: EXIT.CONFIG, out: '' });
  expect(r.err).toContain('dofs alerts works with the local system only');
});

it('refuses a bad --wait-s or --queue with exit 2', async () => {
  expect(await dofs(['alerts', 'read', '--wait-s', 'soon'])).toMatchObject({ code: EXIT.USAGE, err: expect.stringContaining('--wait-s must be a number of seconds') });
  expect(await dofs(['alerts', 'read', '--wait-s', '601'])).toMatchObject({ code: EXIT.USAGE });
  expect(await dofs(['alerts', 'subscribe', '--queue', 'no/slash'])).toMatchObject({ code: EXIT.USAGE });
});

it('lists both commands in the usage', async () => {
  const r = await dofs(['--help']);
  expect(r.out).toContain('dofs alerts subscribe');
  expect(r.out).toContain('dofs alerts read');
});
