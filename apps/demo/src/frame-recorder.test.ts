import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ffmpegPath, probeVideo } from './ffmpeg';
import { FrameRecorder } from './frame-recorder';

/** A 16x16 grey JPEG, made by the same ffmpeg. */
const jpeg = (): Buffer =>
  execFileSync(ffmpegPath(), ['-v', 'error', '-f', 'lavfi', '-i', 'color=c=gray:s=16x16', '-frames:v', '1', '-c:v', 'mjpeg', '-f', 'image2pipe', 'pipe:1']);

describe('FrameRecorder', () => {
  it('holds each frame to the next one\'s timestamp and stops the clock while a wait is cut', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'demo-recorder-'));
    try {
      const JPEG = jpeg();
      let now = 1_000_000;
      const recorder = new FrameRecorder(path.join(dir, 'v.mp4'), 10, 64, 36, () => now);
      recorder.onFrame(JPEG, now);
      recorder.resume();
      now += 1000;
      recorder.onFrame(JPEG, now); // one second of the first frame: 10 frames
      expect(recorder.framesWritten()).toBe(10);
      recorder.pause();
      now += 60_000; // a minute cut
      recorder.onFrame(JPEG, now);
      expect(recorder.framesWritten()).toBe(10);
      expect(recorder.videoMs()).toBe(1000);
      recorder.resume();
      now += 500;
      await recorder.finish();
      expect(recorder.framesWritten()).toBe(15);
      const probe = await probeVideo(path.join(dir, 'v.mp4'));
      expect(probe).toMatchObject({ codec: 'h264', width: 64, height: 36, fps: 10 });
      expect(probe.durationSeconds).toBeCloseTo(1.5, 1);
      expect(statSync(path.join(dir, 'v.mp4')).size).toBeGreaterThan(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
