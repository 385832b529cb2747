import type { Cue } from './demo-context';

function timestamp(seconds: number): string {
  const ms = Math.round(seconds * 1000);
  const pad = (n: number, width = 2): string => String(n).padStart(width, '0');
  return `${pad(Math.floor(ms / 3_600_000))}:${pad(Math.floor(ms / 60_000) % 60)}:${pad(Math.floor(ms / 1000) % 60)}.${pad(ms % 1000, 3)}`;
}

/** A WebVTT file: `chapters` for a <track kind="chapters">, `captions` for the on-screen text. */
export function formatWebVtt(cues: readonly Cue[], idPrefix: string): string {
  const blocks = cues.map((cue, i) => `${idPrefix}-${i + 1}\n${timestamp(cue.start)} --> ${timestamp(cue.end)}\n${cue.text}`);
  return ['WEBVTT', ...blocks].join('\n\n') + '\n';
}

/** The cues of a WebVTT file (identifier lines are skipped). */
export function parseWebVtt(text: string): Cue[] {
  const seconds = (t: string): number => {
    const [h = '0', m = '0', s = '0'] = t.split(':');
    return Number(h) * 3600 + Number(m) * 60 + Number(s);
  };
  const cues: Cue[] = [];
  for (const block of text.replace(/\r/g, '').split(/\n\n+/)) {
    const lines = block.split('\n');
    const at = lines.findIndex((line) => line.includes('-->'));
    if (at < 0) continue;
    const [start = '', end = ''] = (lines[at] ?? '').split('-->').map((part) => part.trim());
    cues.push({ start: seconds(start), end: seconds(end), text: lines.slice(at + 1).join('\n').trimEnd() });
  }
  return cues;
}
