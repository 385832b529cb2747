/**
 * `npm run demo:video`: the solution journey, recorded from a real run of the local system.
 *   node dist/apps/demo/demo-video.mjs [--short] [--out DIR] [--seed S]
 * Writes DIR/dofs-demo.mp4 (H.264, 1280x720, constant frame rate, real speed with long waits
 * cut), dofs-demo.chapters.vtt, dofs-demo.captions.vtt, dofs-demo-poster.png,
 * dofs-demo.summary.json (the run's end state, read back from the runtime) and transcripts/*.cast.
 * --short records the scenes the test checks (1, 2, 3, 6) with shorter holds.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { findWorkspaceRoot } from '@dofs/local-client';
import { launchChromium } from '@dofs/tooling';
import type { Browser } from 'playwright-core';
import { closeCues, type Demo, type DemoSettings } from './demo-context';
import { extractPng } from './ffmpeg';
import { FrameRecorder } from './frame-recorder';
import { runSummary } from './run-summary';
import { consoleUnderLoad, settle, timelineAndWorkflow } from './scenes/console';
import { pipelineAndPdf, problemAndArchitecture } from './scenes/diagrams';
import { failurePath } from './scenes/failure';
import { orderByCurl, ordersOfCustomer, startSystem } from './scenes/start-and-order';
import { faultSoak } from './scenes/soak';
import { chooseScriptedOrders } from './scripted-orders';
import { startStageServer } from './stage-server';
import { TerminalPane } from './terminal-pane';
import { formatWebVtt } from './webvtt';

export const VIDEO = { width: 1280, height: 720, fps: 15, name: 'dofs-demo' } as const;
/** The full video's bounds (issue 18: two to four minutes). */
const FULL_SECONDS = { min: 120, max: 240 } as const;

const FULL = [problemAndArchitecture, startSystem, orderByCurl, consoleUnderLoad, timelineAndWorkflow, failurePath, ordersOfCustomer, faultSoak, pipelineAndPdf];
const SHORT = [problemAndArchitecture, startSystem, orderByCurl, failurePath];

function readSettings(): DemoSettings {
  const { values } = parseArgs({ options: { short: { type: 'boolean', default: false }, out: { type: 'string' }, seed: { type: 'string' } } });
  const root = findWorkspaceRoot();
  return {
    root,
    outDir: path.resolve(values.out ?? path.join(root, 'dist/demo')),
    dataDir: mkdtempSync(path.join(os.tmpdir(), 'dofs-demo-')),
    seed: values.seed ?? 'demo-1',
    short: values.short,
  };
}

async function record(settings: DemoSettings, browser: Browser, video: string): Promise<Demo> {
  const page = await browser.newPage({ viewport: { width: VIDEO.width, height: VIDEO.height }, bypassCSP: true });
  const recorder = new FrameRecorder(video, VIDEO.fps, VIDEO.width, VIDEO.height);
  const stage = await startStageServer(settings.root);
  const demo: Demo = {
    settings,
    page,
    recorder,
    stage,
    terminal: new TerminalPane(page, recorder, settings.root, path.join(settings.outDir, 'transcripts')),
    scripted: chooseScriptedOrders(settings.seed, 0.7, 3),
    chapters: [],
    captions: [],
    orders: {},
    alerts: [],
  };
  let first: () => void = () => undefined;
  const firstFrame = new Promise<void>((resolve) => (first = resolve));
  await page.screencast.start({ size: { width: VIDEO.width, height: VIDEO.height }, quality: 80, onFrame: ({ data, timestamp }) => (recorder.onFrame(data, timestamp), first()) });
  await page.goto(stage.url);
  await firstFrame;
  recorder.resume();
  try {
    for (const scene of settings.short ? SHORT : FULL) {
      progress(`${scene.name} at ${(recorder.videoMs() / 1000).toFixed(1)} s of video`);
      await scene(demo);
    }
    await closeCues(demo);
    recorder.pause(); // the video ends with the last chapter; what follows is bookkeeping
    await finish(demo);
  } finally {
    await page.screencast.stop().catch(() => undefined);
    await recorder.finish();
    await stage.close();
    await demo.system?.stop();
  }
  return demo;
}

const started = performance.now();
function progress(line: string): void {
  process.stderr.write(`demo:video: +${((performance.now() - started) / 1000).toFixed(0)} s ${line}\n`);
}

/** The run summary (read back from the runtime once every order is terminal) and the cue files. */
async function finish(demo: Demo): Promise<void> {
  const { outDir } = demo.settings;
  await settle(demo, 60_000, false);
  const summary = await runSummary(demo);
  const chapters = demo.chapters.map((c) => ({ title: c.text, start: c.start, end: c.end }));
  writeFileSync(path.join(outDir, `${VIDEO.name}.summary.json`), JSON.stringify({ ...summary, chapters, frames: demo.recorder.framesWritten() }, null, 2) + '\n');
  writeFileSync(path.join(outDir, `${VIDEO.name}.chapters.vtt`), formatWebVtt(demo.chapters, 'chapter'));
  writeFileSync(path.join(outDir, `${VIDEO.name}.captions.vtt`), formatWebVtt(demo.captions, 'caption'));
}

/** The poster: a frame from the middle of the console scene (of the last chapter in a short run). */
async function writePoster(demo: Demo, video: string): Promise<void> {
  const poster = demo.chapters[3] ?? demo.chapters.at(-1);
  await extractPng(video, poster ? (poster.start + poster.end) / 2 : 1, path.join(demo.settings.outDir, `${VIDEO.name}-poster.png`));
}

async function main(): Promise<void> {
  const settings = readSettings();
  const pdf = path.join(settings.root, 'dist/docs/dofs.pdf');
  if (!settings.short && !existsSync(pdf)) throw new Error(`${pdf} is missing: run npm run docs:pdf first (npm run demo:video does)`);
  mkdirSync(settings.outDir, { recursive: true });
  const video = path.join(settings.outDir, `${VIDEO.name}.mp4`);
  const browser = await launchChromium();
  let demo: Demo | undefined;
  try {
    demo = await record(settings, browser, video);
    await writePoster(demo, video);
  } finally {
    await browser.close();
    rmSync(settings.dataDir, { recursive: true, force: true });
  }
  const seconds = demo.recorder.framesWritten() / VIDEO.fps;
  if (!settings.short && (seconds < FULL_SECONDS.min || seconds > FULL_SECONDS.max)) {
    process.stderr.write(`demo:video: the video lasts ${seconds.toFixed(1)} s, outside ${FULL_SECONDS.min}-${FULL_SECONDS.max} s\n`);
    process.exitCode = 1;
  }
  process.stdout.write(`demo:video: wrote ${path.relative(process.cwd(), video)} (${seconds.toFixed(1)} s of video, ${demo.chapters.length} chapters) in ${((performance.now() - started) / 1000).toFixed(0)} s\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`demo:video: ${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
