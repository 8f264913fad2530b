import { createCanvas, loadImage } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { canvasToPng, encodeOpaqueRgbaPng } from './png.ts';

async function decode(png: Buffer): Promise<{ width: number; height: number; pixels: Buffer }> {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  canvas.getContext('2d').drawImage(img, 0, 0);
  return { width: img.width, height: img.height, pixels: canvas.data() };
}

describe('encodeOpaqueRgbaPng / canvasToPng', () => {
  it('encodes an opaque drawing losslessly (same pixels as the canvas)', async () => {
    const canvas = createCanvas(301, 157);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, 301, 157);
    for (let i = 0; i < 60; i++) {
      ctx.strokeStyle = ['#d62728', '#1f77b4', '#000000'][i % 3] ?? '#000000';
      ctx.beginPath();
      ctx.moveTo((i * 37) % 301, (i * 53) % 157);
      ctx.lineTo(((i * 37) % 301) + 40, ((i * 53) % 157) + 13);
      ctx.stroke();
    }
    ctx.fillStyle = 'rgba(23, 190, 207, 0.2)';
    ctx.fillRect(20, 20, 100, 60);
    const png = encodeOpaqueRgbaPng(canvas.data(), canvas.width, canvas.height);
    expect(png).not.toBeNull();
    if (!png) return;
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const out = await decode(png);
    expect([out.width, out.height]).toEqual([301, 157]);
    expect(out.pixels.equals(canvas.data())).toBe(true);
    // Pixels that do not start on a 4-byte boundary encode to the same file.
    const shifted = new Uint8Array(canvas.data().length + 1);
    shifted.set(canvas.data(), 1);
    expect(encodeOpaqueRgbaPng(shifted.subarray(1), 301, 157)?.equals(png)).toBe(true);
  });

  it('leaves canvases with transparency to Skia, keeping their alpha', async () => {
    const canvas = createCanvas(10, 10);
    const ctx = canvas.getContext('2d');
    ctx.fillStyle = '#ff0000';
    ctx.fillRect(0, 0, 5, 10);
    expect(encodeOpaqueRgbaPng(canvas.data(), 10, 10)).toBeNull();
    const out = await decode(canvasToPng(canvas));
    expect([...out.pixels.subarray(0, 4)]).toEqual([255, 0, 0, 255]);
    // Column 5 of row 0 was never painted: transparent.
    expect(out.pixels[5 * 4 + 3]).toBe(0);
  });

  it('refuses pixel buffers whose size does not match the dimensions', () => {
    expect(encodeOpaqueRgbaPng(new Uint8Array(4 * 6).fill(255), 2, 2)).toBeNull();
    expect(encodeOpaqueRgbaPng(new Uint8Array(0), 0, 0)).toBeNull();
  });
});
