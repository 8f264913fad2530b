import { describe, expect, it } from 'vitest';
import { eraseLongRules, grayPnm } from './gray-image.ts';

describe('grayPnm', () => {
  it('writes a P5 header and one luma byte per pixel (white, black, pure red, green, blue)', () => {
    const rgba = new Uint8Array([
      255, 255, 255, 255, 0, 0, 0, 255, 255, 0, 0, 255, 0, 255, 0, 255, 0, 0, 255, 255, 0, 0, 0, 0,
    ]);
    const pnm = grayPnm(rgba, 3, 2);
    const header = 'P5\n3 2\n255\n';
    expect(pnm.subarray(0, header.length).toString('ascii')).toBe(header);
    // Luma ×256: red 255·77 >> 8 = 76, green 255·150 >> 8 = 149, blue 255·29 >> 8 = 28.
    expect([...pnm.subarray(header.length)]).toEqual([255, 0, 76, 149, 28, 0]);
  });

  it('refuses a buffer that does not hold width × height RGBA pixels', () => {
    expect(() => grayPnm(new Uint8Array(12), 2, 2)).toThrow(RangeError);
    expect(() => grayPnm(new Uint8Array(0), 0, 0)).toThrow(RangeError);
  });
});

describe('eraseLongRules', () => {
  it('whitens horizontal and vertical runs at least minRunPx long and keeps short strokes', () => {
    const [w, h] = [40, 30];
    const px = new Uint8Array(w * h).fill(255);
    const set = (x: number, y: number) => {
      px[y * w + x] = 0;
    };
    for (let x = 0; x < 40; x++) set(x, 2); // a table rule across the image
    for (let y = 0; y < 30; y++) set(35, y); // a cell border down it
    for (let y = 10; y < 18; y++) set(10, y); // a letter's 8 px stem
    for (let x = 10; x < 15; x++) set(x, 10); // and its 5 px bar
    eraseLongRules(px, w, h, 20);
    expect(px[2 * w + 20]).toBe(255);
    expect(px[20 * w + 35]).toBe(255);
    expect(px[14 * w + 10]).toBe(0);
    expect(px[10 * w + 13]).toBe(0);
    expect(() => eraseLongRules(new Uint8Array(5), 2, 2, 3)).toThrow(RangeError);
  });
});
