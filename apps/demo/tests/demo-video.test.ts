/**
 * The demo video, checked through a short recording by the same script (`--short`: scenes 1, 2,
 * 3 and 6, shorter holds) so that npm test stays quick; `npm run demo:video` makes the full one.
 * Everything is real: the runtime, the CLI, the browser, ffmpeg.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { findWorkspaceRoot } from '@dofs/local-client';
import { CHAPTERS } from '../src/chapters';
import { decodeFrame, probeVideo, type VideoProbe } from '../src/ffmpeg';
import { frameDifference, pixelSpread } from '../src/frame-stats';
import type { RunSummary } from '../src/run-summary';
import { parseWebVtt } from '../src/webvtt';

const root = findWorkspaceRoot();
const script = path.join(root, 'dist/apps/demo/demo-video.mjs');
const out = mkdtempSync(path.join(os.tmpdir(), 'dofs-demo-test-'));
const file = (name: string): string => path.join(out, name);
const SHORT_CHAPTERS = [CHAPTERS.architecture, CHAPTERS.start, CHAPTERS.curl, CHAPTERS.failure];

let probe: VideoProbe;

// decoding frames on a busy machine can take a few seconds
jest.setTimeout(30_000);

beforeAll(async () => {
  if (!existsSync(script)) throw new Error(`${script} is missing: run npx nx run demo:build first`);
  await promisify(execFile)(process.execPath, [script, '--short', '--out', out], { cwd: root, timeout: 170_000 }).catch(
    (error: Error & { stderr?: string }) => {
      // the script's progress lines say which scene it was in
      throw new Error(`the short recording failed: ${error.message}\n${error.stderr ?? ''}`);
    },
  );
  probe = await probeVideo(file('dofs-demo.mp4'));
}, 180_000);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run demo:video (short recording)', () => {
  it('writes the video, its chapters, captions, poster and run summary', () => {
    for (const name of ['dofs-demo.mp4', 'dofs-demo.chapters.vtt', 'dofs-demo.captions.vtt', 'dofs-demo-poster.png', 'dofs-demo.summary.json'])
      expect(statSync(file(name)).size).toBeGreaterThan(0);
  });

  it('is H.264 at 1280x720, a constant 15 fps, and lasts what its frames say', () => {
    expect(probe).toMatchObject({ codec: 'h264', width: 1280, height: 720, fps: 15 });
    expect(probe.durationSeconds).toBeGreaterThanOrEqual(25);
    expect(probe.durationSeconds).toBeLessThanOrEqual(90);
    const { frames } = JSON.parse(readFileSync(file('dofs-demo.summary.json'), 'utf8')) as { frames: number };
    expect(Math.abs(frames / 15 - probe.durationSeconds)).toBeLessThan(0.2);
  });

  it('has every chapter of its scenes, in order, covering the video', () => {
    const chapters = parseWebVtt(readFileSync(file('dofs-demo.chapters.vtt'), 'utf8'));
    expect(chapters.map((c) => c.text)).toEqual(SHORT_CHAPTERS);
    expect(chapters[0]?.start).toBeLessThan(0.5);
    chapters.slice(1).forEach((c, i) => expect(c.start).toBeCloseTo(chapters[i]?.end ?? -1, 3));
    for (const c of chapters) expect(c.end - c.start).toBeGreaterThan(2);
    expect(Math.abs((chapters.at(-1)?.end ?? 0) - probe.durationSeconds)).toBeLessThan(1);
    expect(parseWebVtt(readFileSync(file('dofs-demo.captions.vtt'), 'utf8')).length).toBeGreaterThanOrEqual(chapters.length);
  });

  it('shows a drawn frame in the middle of each chapter, each unlike the others', async () => {
    const chapters = parseWebVtt(readFileSync(file('dofs-demo.chapters.vtt'), 'utf8'));
    const frames = await Promise.all(chapters.map((c) => decodeFrame(file('dofs-demo.mp4'), (c.start + c.end) / 2)));
    for (const frame of frames) expect(pixelSpread(frame)).toBeGreaterThan(10);
    for (let i = 0; i < frames.length; i++)
      for (let j = i + 1; j < frames.length; j++) expect(frameDifference(frames[i] ?? Buffer.alloc(0), frames[j] ?? Buffer.alloc(0))).toBeGreaterThan(2);
  });

  it('recorded a run that ended with every order terminal, and the failure scene\'s order FAILED with its failed_orders row', () => {
    const summary = JSON.parse(readFileSync(file('dofs-demo.summary.json'), 'utf8')) as RunSummary;
    expect(summary.orders.PENDING).toBe(0);
    expect(summary.orders.FULFILLED + summary.orders.FAILED).toBeGreaterThanOrEqual(3);
    expect(summary.journey).toMatchObject({ status: 'FULFILLED', attempts: 2 });
    expect(summary.failure).toMatchObject({ status: 'FAILED', attempts: 3 });
    expect(summary.failureRow).toMatchObject({ order_id: summary.failure?.order_id, reason: 'MAX_RECEIVES_EXCEEDED', attempts: 3 });
    expect(summary.redrive).toMatchObject({ status: 'FULFILLED', customer_id: summary.failure?.customer_id });
  });

  it('showed the failure alarm\'s SNS notification as the subscribed queue received it', () => {
    const summary = JSON.parse(readFileSync(file('dofs-demo.summary.json'), 'utf8')) as RunSummary;
    expect(summary.alerts).toContainEqual({ alarm_name: 'dofs-failed-orders', new_state: 'ALARM' });
  });
});
