import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { LocalSystem } from '@dofs/local-client';
import type { Disposable as Overlay, Page } from 'playwright-core';
import type { FrameRecorder } from './frame-recorder';
import type { ScriptedOrders } from './scripted-orders';
import type { StageServer } from './stage-server';
import type { StageWindow, TerminalCommand, TerminalPane } from './terminal-pane';

/** A stretch of the video, in seconds of video time. */
export interface Cue {
  readonly start: number;
  end: number;
  readonly text: string;
}

export interface DemoSettings {
  readonly root: string;
  readonly outDir: string;
  readonly dataDir: string;
  /** DOFS_FULFILLMENT_SEED: with the scripted keys, the same seed gives the same scenes */
  readonly seed: string;
  /** the test's recording: the scenes it names, shorter holds */
  readonly short: boolean;
}

/** What every scene works with; the orders it creates are remembered for the run summary. */
export interface Demo {
  readonly settings: DemoSettings;
  readonly page: Page;
  readonly recorder: FrameRecorder;
  readonly stage: StageServer;
  readonly terminal: TerminalPane;
  readonly scripted: ScriptedOrders;
  readonly chapters: Cue[];
  readonly captions: Cue[];
  /** set by the start scene */
  system?: LocalSystem;
  readonly orders: { journey?: string; failure?: string; redrive?: string };
  /** the alarms `dofs alerts read` printed in the failure scene, as the subscribed queue received them */
  readonly alerts: { alarm_name: string; new_state: string }[];
}

export function requireSystem(demo: Demo): LocalSystem {
  if (!demo.system) throw new Error('the local system is not running: the start scene comes first');
  return demo.system;
}

const seconds = (demo: Demo): number => demo.recorder.videoMs() / 1000;

let overlay: Overlay | undefined;

/** The on-screen caption (what is happening and why), kept in the captions track too. */
export async function caption(demo: Demo, text: string): Promise<void> {
  startCue(demo.captions, seconds(demo), text);
  await overlay?.dispose();
  overlay = await demo.page.screencast.showOverlay(captionHtml(demo.chapters.at(-1)?.text ?? '', text));
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c);
}

function captionHtml(chapter: string, text: string): string {
  const bar =
    'position:fixed;left:0;right:0;bottom:0;min-height:96px;box-sizing:border-box;padding:12px 28px;' +
    'background:rgba(13,17,23,0.94);color:#fff;font:21px/1.35 "DejaVu Sans",sans-serif;border-top:3px solid #2f81f7;z-index:2147483647';
  return `<div style='${bar}'><div style='color:#79c0ff;font-size:16px;font-weight:bold'>${escapeHtml(chapter)}</div>${escapeHtml(text)}</div>`;
}

/**
 * Ends the last cue where the next starts, at one reading of the video clock: read twice, the
 * clock (which runs on while frames arrive) could put a millisecond between them.
 */
function startCue(cues: Cue[], at: number, text: string): void {
  const last = cues.at(-1);
  if (last) last.end = at;
  cues.push({ start: at, end: at, text });
}

/** Starts chapter `title`: ends the previous one and shows the chapter card. */
export async function chapter(demo: Demo, title: string): Promise<void> {
  startCue(demo.chapters, seconds(demo), title);
}

export async function closeCues(demo: Demo): Promise<void> {
  for (const cues of [demo.chapters, demo.captions]) {
    const last = cues.at(-1);
    if (last) last.end = seconds(demo);
  }
  await overlay?.dispose();
  overlay = undefined;
}

/** Lets the video run for `ms` (shorter in the test's recording). */
export async function hold(demo: Demo, ms: number): Promise<void> {
  await sleep(demo.settings.short ? ms * 0.4 : ms);
}

/** Puts the stage page (terminal, diagrams, PDF) in the browser, unless it is there already. */
export async function ensureStage(demo: Demo): Promise<void> {
  if (demo.page.url().startsWith(demo.stage.url)) return;
  await demo.page.goto(demo.stage.url);
  await demo.page.waitForFunction(() => (globalThis as unknown as { stageReady?: boolean }).stageReady === true);
}

/** Draws a diagram of docs/diagrams (the generated Mermaid files) on the stage. */
export async function showDiagram(demo: Demo, heading: string, file: string, note?: string): Promise<void> {
  await ensureStage(demo);
  const source = readFileSync(path.join(demo.settings.root, file), 'utf8');
  await demo.page.evaluate(([h, s, n]) => (globalThis as unknown as StageWindow).stage.diagram(h, s, n), [heading, source, note ?? file] as const);
}

/** Opens the terminal pane of the stage. */
export async function showTerminal(demo: Demo, heading: string, note?: string): Promise<void> {
  await ensureStage(demo);
  await demo.terminal.open(heading, note);
}

/** A `dofs` command (the real CLI, as `npx dofs` runs it) against this run's data dir. */
export function dofs(demo: Demo, args: readonly string[], cutIdleMs?: number): TerminalCommand {
  return {
    shown: `npx dofs ${args.join(' ')}`,
    file: process.execPath,
    args: [path.join(demo.settings.root, 'apps/cli/bin/dofs.cjs'), ...args],
    env: { DOFS_DATA_DIR: demo.settings.dataDir },
    ...(cutIdleMs === undefined ? {} : { cutIdleMs }),
  };
}

/** A bash line with $API and $KEY set to this run's API URL and key (shown as typed). */
export function shell(demo: Demo, script: string, cutIdleMs?: number): TerminalCommand {
  const system = requireSystem(demo);
  return {
    shown: script,
    file: 'bash',
    args: ['-c', script],
    env: { API: system.apiUrl.replace(/\/$/, ''), KEY: system.apiKey },
    ...(cutIdleMs === undefined ? {} : { cutIdleMs }),
  };
}
