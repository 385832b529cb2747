import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { startEncoder } from './ffmpeg';

/**
 * Turns playwright's screencast, which sends a JPEG only when the page changes, into a video at a
 * constant frame rate and real speed: each frame is held until the next one's timestamp. While
 * paused (a long wait being cut) the clock of the video stands still; the last frame seen is
 * what the video shows when it resumes.
 */
export class FrameRecorder {
  private readonly encoder: ChildProcess;
  private readonly finished: Promise<void>;
  private readonly frameMs: number;
  private last: Buffer | undefined;
  private written = 0;
  /** the video time at which the current live stretch began, and the wall time it began */
  private segmentVideoMs = 0;
  private segmentWallMs = 0;
  private paused = true;
  private stderr = '';

  constructor(
    out: string,
    readonly fps: number,
    width: number,
    height: number,
    private readonly now: () => number = Date.now,
  ) {
    this.frameMs = 1000 / fps;
    this.encoder = startEncoder(out, fps, width, height);
    this.encoder.stderr?.on('data', (chunk: Buffer) => (this.stderr += chunk.toString()));
    // an encoder that dies early shows in finish(), not as an unhandled EPIPE
    this.encoder.stdin?.on('error', () => undefined);
    this.finished = once(this.encoder, 'exit').then(([code]) => {
      if (code !== 0) throw new Error(`ffmpeg exited with ${code}: ${this.stderr}`);
    });
  }

  /** The screencast's onFrame: `timestamp` is wall-clock milliseconds, as Date.now(). */
  onFrame(data: Buffer, timestamp: number): void {
    if (!this.paused) this.flushTo(timestamp);
    this.last = data;
  }

  /** Milliseconds of video so far (the chapters and captions are placed by it). */
  videoMs(): number {
    return this.paused ? this.segmentVideoMs : this.segmentVideoMs + (this.now() - this.segmentWallMs);
  }

  framesWritten(): number {
    return this.written;
  }

  resume(): void {
    if (!this.paused) return;
    this.segmentWallMs = this.now();
    this.paused = false;
  }

  pause(): void {
    if (this.paused) return;
    this.flushTo(this.now());
    this.segmentVideoMs = this.written * this.frameMs;
    this.paused = true;
  }

  /** Runs `work` with the video's clock stopped: a long wait that the video cuts. */
  async cut<T>(work: () => Promise<T>): Promise<T> {
    const wasLive = !this.paused;
    this.pause();
    try {
      return await work();
    } finally {
      if (wasLive) this.resume();
    }
  }

  async finish(): Promise<void> {
    this.pause();
    this.encoder.stdin?.end();
    await this.finished;
  }

  /** Writes the held frame once per frame period up to wall time `wallMs`. */
  private flushTo(wallMs: number): void {
    if (!this.last) return;
    const targetMs = this.segmentVideoMs + (wallMs - this.segmentWallMs);
    while ((this.written + 1) * this.frameMs <= targetMs) {
      this.encoder.stdin?.write(this.last);
      this.written++;
    }
  }
}
