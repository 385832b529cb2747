import { formatWebVtt, parseWebVtt } from './webvtt';

describe('WebVTT', () => {
  it('writes cues that read back the same', () => {
    const cues = [
      { start: 0, end: 9.3125, text: '1. The problem' },
      { start: 9.3125, end: 3725.5, text: '2. npm start\nsecond line' },
    ];
    const text = formatWebVtt(cues, 'chapter');
    expect(text.startsWith('WEBVTT\n\nchapter-1\n00:00:00.000 --> 00:00:09.313\n1. The problem\n')).toBe(true);
    expect(text).toContain('00:00:09.313 --> 01:02:05.500');
    expect(parseWebVtt(text)).toEqual([
      { start: 0, end: 9.313, text: '1. The problem' },
      { start: 9.313, end: 3725.5, text: '2. npm start\nsecond line' },
    ]);
  });
});
