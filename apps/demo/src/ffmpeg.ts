import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';

const run = promisify(execFile);

/**
 * The ffmpeg that `@ffmpeg-installer/ffmpeg` ships inside its npm package (a static 2018 build with
 * libx264): `npm ci` brings it, nothing is downloaded and no system ffmpeg is needed.
 */
export function ffmpegPath(): string {
  const require = createRequire(__filename);
  return (require('@ffmpeg-installer/ffmpeg') as { path: string }).path;
}

/** What `ffmpeg -i` says about a file: the container's duration and the first video stream. */
export interface VideoProbe {
  readonly durationSeconds: number;
  readonly codec: string;
  readonly width: number;
  readonly height: number;
  readonly fps: number;
}

/** Parses the banner `ffmpeg -i FILE` prints on stderr (this ffmpeg ships no ffprobe). */
export function parseProbe(text: string): VideoProbe {
  const duration = /Duration: (\d+):(\d+):(\d+(?:\.\d+)?)/.exec(text);
  const stream = /Stream #\d+:\d+[^:]*: Video: (\w+)[^\n]*?, (\d{2,5})x(\d{2,5})[^\n]*?, ([\d.]+) fps/.exec(text);
  if (!duration || !stream) throw new Error(`ffmpeg -i printed no duration or video stream:\n${text}`);
  const [, h = '0', m = '0', s = '0'] = duration;
  const [, codec = '', width = '0', height = '0', fps = '0'] = stream;
  return {
    durationSeconds: Number(h) * 3600 + Number(m) * 60 + Number(s),
    codec,
    width: Number(width),
    height: Number(height),
    fps: Number(fps),
  };
}

export async function probeVideo(file: string): Promise<VideoProbe> {
  // `ffmpeg -i` alone exits 1 ("At least one output file must be specified") after the banner
  const banner = await run(ffmpegPath(), ['-hide_banner', '-i', file]).then(
    (result) => result.stderr,
    (error: { stderr?: string }) => error.stderr ?? '',
  );
  return parseProbe(banner);
}

/** One frame at `seconds`, decoded to raw 8-bit grey pixels of `width` x `height`. */
export async function decodeFrame(file: string, seconds: number, width = 320, height = 180): Promise<Buffer> {
  const args = ['-v', 'error', '-ss', seconds.toFixed(3), '-i', file, '-frames:v', '1', '-vf', `scale=${width}:${height}`];
  const { stdout } = await run(ffmpegPath(), [...args, '-f', 'rawvideo', '-pix_fmt', 'gray', 'pipe:1'], {
    encoding: 'buffer',
    maxBuffer: width * height * 2,
  });
  if (stdout.length !== width * height) throw new Error(`decoded ${stdout.length} bytes at ${seconds} s, expected ${width * height}`);
  return stdout;
}

/** One frame at `seconds` as a PNG (the poster, and frames to look at). */
export async function extractPng(file: string, seconds: number, out: string): Promise<void> {
  await run(ffmpegPath(), ['-v', 'error', '-y', '-ss', seconds.toFixed(3), '-i', file, '-frames:v', '1', out]);
}

/**
 * An H.264 encoder reading JPEG frames on stdin at a constant `fps`: each frame written is one
 * frame of the video, so the caller decides the timing (see FrameRecorder).
 */
export function startEncoder(out: string, fps: number, width: number, height: number): ChildProcess {
  const args = ['-v', 'error', '-y', '-f', 'image2pipe', '-framerate', String(fps), '-c:v', 'mjpeg', '-i', 'pipe:0'];
  const encode = ['-vf', `scale=${width}:${height},format=yuv420p`, '-c:v', 'libx264', '-preset', 'ultrafast', '-tune', 'stillimage', '-crf', '28'];
  return spawn(ffmpegPath(), [...args, ...encode, '-r', String(fps), '-movflags', '+faststart', out], {
    stdio: ['pipe', 'ignore', 'pipe'],
  });
}
