import { frameDifference, pixelSpread } from './frame-stats';

describe('frame statistics', () => {
  it('finds no spread in a blank frame and some in a drawn one', () => {
    expect(pixelSpread(new Uint8Array(100).fill(13))).toBe(0);
    const drawn = Uint8Array.from({ length: 100 }, (_, i) => (i % 10 < 5 ? 0 : 200));
    expect(pixelSpread(drawn)).toBeCloseTo(100);
  });

  it('measures how far two frames are apart', () => {
    const a = new Uint8Array(4).fill(10);
    expect(frameDifference(a, a)).toBe(0);
    expect(frameDifference(a, Uint8Array.from([10, 10, 50, 50]))).toBe(20);
    expect(() => frameDifference(a, new Uint8Array(3))).toThrow(RangeError);
  });
});
