import { describe, expect, it } from 'vitest';
import { detectScanSkew, straightenScan } from './scan-skew.ts';

/** A white 900 × 600 sheet with a border, three table rules, a column rule and a word-like blot. */
function squareSheet(): Uint8Array {
  const [w, h] = [900, 600];
  const px = new Uint8Array(w * h).fill(255);
  const hline = (y: number, x0: number, x1: number) => {
    for (let x = x0; x <= x1; x++) for (let t = 0; t < 3; t++) px[(y + t) * w + x] = 0;
  };
  const vline = (x: number, y0: number, y1: number) => {
    for (let y = y0; y <= y1; y++) for (let t = 0; t < 3; t++) px[y * w + x + t] = 0;
  };
  hline(20, 20, 880);
  hline(577, 20, 880);
  vline(20, 20, 580);
  vline(877, 20, 580);
  for (const y of [150, 200, 250]) hline(y, 100, 700);
  vline(300, 150, 252);
  for (let y = 400; y < 420; y++) for (let x = 500; x < 560; x += 4) px[y * w + x] = 30;
  return px;
}

describe('detectScanSkew', () => {
  it('finds the turn of a sheet scanned askew, either way, within 0.1° (the analysis deskew takes the rest)', () => {
    const square = squareSheet();
    for (const deg of [1.5, -0.7, 3]) {
      // straightenScan turns by −deg: turning by −deg gives the sheet turned by +deg.
      const turned = straightenScan(square, 900, 600, -deg).pixels;
      expect(Math.abs(detectScanSkew(turned, 900, 600) - deg)).toBeLessThan(0.1);
    }
  });

  it('leaves a square sheet, a blank one and a speckled one at 0', () => {
    expect(detectScanSkew(squareSheet(), 900, 600)).toBe(0);
    expect(detectScanSkew(new Uint8Array(900 * 600).fill(255), 900, 600)).toBe(0);
    const specks = new Uint8Array(900 * 600).fill(255);
    let seed = 7;
    for (let k = 0; k < 600; k++) {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      specks[seed % specks.length] = 0;
    }
    expect(detectScanSkew(specks, 900, 600)).toBe(0);
  });
});

describe('straightenScan', () => {
  it('turns a skewed sheet back square: its rules lie on rows again, and maps pixels to the original', () => {
    const turned = straightenScan(squareSheet(), 900, 600, -1.5).pixels;
    // The table rule at y 150–152 from x 100 to 700 is a slope on the turned image …
    const darkOnRow = (img: Uint8Array, y: number) => {
      let n = 0;
      for (let x = 100; x <= 700; x++) if ((img[y * 900 + x] as number) < 160) n++;
      return n;
    };
    expect(darkOnRow(turned, 151)).toBeLessThan(200);
    const { pixels, toOriginal } = straightenScan(turned, 900, 600, detectScanSkew(turned, 900, 600));
    // … and a level line again once straightened.
    expect(darkOnRow(pixels, 151)).toBeGreaterThan(580);
    expect(detectScanSkew(pixels, 900, 600)).toBe(0);
    // The centre stays put; a point right of it maps up-right on the turned image (y down).
    expect(toOriginal(450, 300)).toEqual([450, 300]);
    const [x, y] = toOriginal(850, 300);
    expect(x).toBeCloseTo(450 + 400 * Math.cos((1.5 * Math.PI) / 180), 1);
    expect(y).toBeLessThan(300);
  });
});
