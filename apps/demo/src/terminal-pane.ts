import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { FrameRecorder } from './frame-recorder';

/** One command as the terminal shows it and as it really runs. */
export interface TerminalCommand {
  /** what the prompt line shows: the command that runs, as a user would type it */
  readonly shown: string;
  readonly file: string;
  readonly args: readonly string[];
  readonly env?: Readonly<Record<string, string>>;
  /** silence longer than this (ms) is cut from the video; undefined: nothing is cut */
  readonly cutIdleMs?: number;
}

export interface CommandResult {
  readonly code: number | null;
  readonly stdout: string;
}

/**
 * The terminal of the stage page (xterm.js). Each command really runs; its output is written to
 * the page as it arrives (so the video shows it with its own timing) and kept, with the time of
 * each chunk, as an asciicast v2 transcript beside the video.
 */
export class TerminalPane {
  private events: [number, 'o', string][] = [];
  private startedAt = 0;

  constructor(
    private readonly page: Page,
    private readonly recorder: FrameRecorder,
    private readonly cwd: string,
    private readonly transcriptDir: string,
  ) {}

  async open(heading: string, note?: string): Promise<void> {
    this.events = [];
    this.startedAt = Date.now();
    await this.page.evaluate(([h, n]) => (globalThis as unknown as StageWindow).stage.terminal(h, n), [heading, note] as const);
  }

  async write(text: string): Promise<void> {
    this.events.push([(Date.now() - this.startedAt) / 1000, 'o', text]);
    await this.page.evaluate((t) => (globalThis as unknown as StageWindow).stage.write(t), text.replace(/\r?\n/g, '\r\n'));
  }

  /** Scrolls back so that the first line containing `text` is at the top (output longer than the pane). */
  async scrollTo(text: string): Promise<void> {
    await this.page.evaluate((t) => (globalThis as unknown as StageWindow).stage.scrollToText(t), text);
  }

  /** Shows the prompt and the command, runs it, streams its stdout and stderr into the page. */
  async run(command: TerminalCommand): Promise<CommandResult> {
    await this.write(`\x1b[32m$\x1b[0m ${command.shown}\n`);
    const child = spawn(command.file, [...command.args], {
      cwd: this.cwd,
      env: plainEnv(command.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let writing = Promise.resolve();
    let idle: NodeJS.Timeout | undefined;
    const onChunk = (chunk: Buffer, isStdout: boolean): void => {
      if (isStdout) stdout += chunk.toString('utf8');
      clearTimeout(idle);
      this.recorder.resume();
      writing = writing.then(() => this.write(chunk.toString('utf8')));
      if (command.cutIdleMs !== undefined) idle = setTimeout(() => this.recorder.pause(), command.cutIdleMs);
    };
    if (command.cutIdleMs !== undefined) idle = setTimeout(() => this.recorder.pause(), command.cutIdleMs);
    child.stdout.on('data', (chunk: Buffer) => onChunk(chunk, true));
    child.stderr.on('data', (chunk: Buffer) => onChunk(chunk, false));
    const code = await new Promise<number | null>((resolve) => child.once('close', resolve));
    clearTimeout(idle);
    this.recorder.resume();
    await writing;
    return { code, stdout };
  }

  /** Writes the transcript of what the pane showed since open() (asciicast v2). */
  save(name: string): void {
    mkdirSync(this.transcriptDir, { recursive: true });
    const header = { version: 2, width: 120, height: 27, timestamp: Math.floor(this.startedAt / 1000), title: name };
    const lines = [JSON.stringify(header), ...this.events.map((event) => JSON.stringify(event))];
    writeFileSync(path.join(this.transcriptDir, `${name}.cast`), lines.join('\n') + '\n');
  }
}

/** The environment of a command the video shows: plain text (no colour codes, no FORCE_COLOR from nx). */
export function plainEnv(extra: Readonly<Record<string, string>> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, ...extra, NO_COLOR: '1' };
  delete env['FORCE_COLOR'];
  return env;
}

/** What stage.html puts on window. */
export interface StageWindow {
  stage: {
    terminal(heading: string, note?: string): Promise<void>;
    write(text: string): Promise<void>;
    scrollToText(text: string): void;
    diagram(heading: string, source: string, note?: string): Promise<void>;
    pdf(heading: string, url: string, pages: number[], note?: string): Promise<number>;
  };
}
