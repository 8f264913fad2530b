import { describe, expect, it } from 'vitest';
import { grayPnm } from './gray-image.ts';

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
