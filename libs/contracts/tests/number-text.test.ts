import { parseNumberText } from '../src/number-text';

describe('a number given as text', () => {
  it('is undefined when not given or blank', () => {
    expect(parseNumberText(undefined, { min: 0, max: 1 })).toBeUndefined();
    expect(parseNumberText('  ', { min: 0, max: 1 })).toBeUndefined();
  });

  it('is the number when it keeps the rule', () => {
    expect(parseNumberText('0.25', { min: 0, max: 1 })).toBe(0.25);
    expect(parseNumberText('3000', { min: 0, max: 65535, integer: true })).toBe(3000);
  });

  it('is null when out of range, not whole where it must be, or not a number', () => {
    expect(parseNumberText('2', { min: 0, max: 1 })).toBeNull();
    expect(parseNumberText('1.5', { min: 0, max: 10, integer: true })).toBeNull();
    expect(parseNumberText('ten', { min: 0, max: 10 })).toBeNull();
    expect(parseNumberText('Infinity', { min: 0, max: Number.MAX_VALUE })).toBeNull();
  });
});
