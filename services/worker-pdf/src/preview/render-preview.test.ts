import { createCanvas, loadImage } from '@napi-rs/canvas';
import { degrees, PDFDocument } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { PdfUnreadableError } from '../extraction/extract-document.ts';
import { renderPreview, renderPreviews, TYPE_COLOURS } from './render-preview.ts';

async function onePagePdf(rotate = 0): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([400, 300]);
  if (rotate) page.setRotation(degrees(rotate));
  page.drawCircle({ x: 200, y: 150, size: 10, borderWidth: 1 });
  return pdf.save();
}

function pixel(data: Uint8ClampedArray, width: number, x: number, y: number): [number, number, number] {
  const i = (y * width + x) * 4;
  return [data[i] ?? 0, data[i + 1] ?? 0, data[i + 2] ?? 0];
}

function hex(colour: string): [number, number, number] {
  return [1, 3, 5].map((i) => Number.parseInt(colour.slice(i, i + 2), 16)) as [number, number, number];
}

describe('renderPreview', () => {
  it('renders a PNG of the page at the requested scale with each symbol boxed in its type colour', async () => {
    const png = await renderPreview(
      await onePagePdf(),
      1,
      [{ type: 'luminaire', x: 200, y: 150, bbox: [190, 140, 210, 160] }],
      { scale: 2 },
    );
    expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    const img = await loadImage(png);
    expect([img.width, img.height]).toEqual([800, 600]);
    // The box edge: bbox x0 = 190 pt → 380 px, minus the 2 pt × 2 padding → 376 px; y centre 300 px.
    const canvas = createCanvas(img.width, img.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    expect(pixel(data, img.width, 376, 300)).toEqual(hex(TYPE_COLOURS.luminaire));
  });

  it('honours /Rotate like a viewer (a 90° page comes out portrait)', async () => {
    const png = await renderPreview(await onePagePdf(90), 1, [], { scale: 1 });
    const img = await loadImage(png);
    expect([img.width, img.height]).toEqual([300, 400]);
  });

  it('fits the default width and rejects a page that does not exist', async () => {
    const img = await loadImage(await renderPreview(await onePagePdf(), 1, []));
    // min(2, 1600 / 400) = 2
    expect(img.width).toBe(800);
    await expect(renderPreview(await onePagePdf(), 2, [])).rejects.toBeInstanceOf(PdfUnreadableError);
  });

  it('renders several pages of one file, reporting a missing page without failing the others', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([400, 300]).drawCircle({ x: 200, y: 150, size: 10, borderWidth: 1 });
    pdf.addPage([300, 500]).drawRectangle({ x: 10, y: 10, width: 50, height: 50, borderWidth: 1 });
    const data = await pdf.save();
    const symbols = [
      { type: 'switch' as const, x: 35, y: 35, bbox: [10, 10, 60, 60] as [number, number, number, number] },
    ];
    const results = await renderPreviews(
      data,
      [
        { number: 2, symbols },
        { number: 3, symbols: [] },
        { number: 1, symbols: [] },
      ],
      { scale: 1 },
    );
    expect(results.map((r) => [r.page, 'png' in r])).toEqual([
      [2, true],
      [3, false],
      [1, true],
    ]);
    const missing = results[1];
    expect(missing && 'error' in missing && missing.error).toBeInstanceOf(PdfUnreadableError);
    const sizes = await Promise.all(
      results.flatMap((r) => ('png' in r ? [loadImage(r.png).then((img) => [img.width, img.height])] : [])),
    );
    expect(sizes).toEqual([
      [300, 500],
      [400, 300],
    ]);
    // Same picture as rendering that page on its own.
    const alone = await renderPreview(data, 2, symbols, { scale: 1 });
    const first = results[0];
    expect(first && 'png' in first && first.png.equals(alone)).toBe(true);
  });
});
