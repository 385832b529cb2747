import { chapter, type Demo } from './demo-context';

describe('chapter cues', () => {
  it('end each chapter exactly where the next starts, however the video clock runs on between readings', async () => {
    let ms = 16_439.6;
    // the recorder's clock advances while frames arrive: every reading is a little later
    const demo = { recorder: { videoMs: () => (ms += 0.7) }, chapters: [], captions: [] } as unknown as Demo;
    await chapter(demo, 'one');
    await chapter(demo, 'two');
    await chapter(demo, 'three');
    expect(demo.chapters.map((c) => c.text)).toEqual(['one', 'two', 'three']);
    expect(demo.chapters[0]?.end).toBe(demo.chapters[1]?.start);
    expect(demo.chapters[1]?.end).toBe(demo.chapters[2]?.start);
  });
});
