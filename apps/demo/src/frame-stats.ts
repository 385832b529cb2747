/** Standard deviation of 8-bit grey pixels: near 0 for a blank (single-colour) frame. */
export function pixelSpread(pixels: Uint8Array): number {
  let sum = 0;
  for (const p of pixels) sum += p;
  const mean = sum / pixels.length;
  let squares = 0;
  for (const p of pixels) squares += (p - mean) ** 2;
  return Math.sqrt(squares / pixels.length);
}

/** Mean absolute difference of two grey frames of the same size, 0 to 255. */
export function frameDifference(a: Uint8Array, b: Uint8Array): number {
  if (a.length !== b.length) throw new RangeError(`frames of ${a.length} and ${b.length} pixels`);
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += Math.abs((a[i] ?? 0) - (b[i] ?? 0));
  return sum / a.length;
}
