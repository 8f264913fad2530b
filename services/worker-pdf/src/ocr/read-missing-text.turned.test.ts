import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDocument } from '../extraction/extract-document.ts';
import { readMissingText } from './read-missing-text.ts';
import type { OcrEngine, OcrWord } from './tesseract-engine.ts';

/**
 * A letter page whose text is SHX-like pen strokes (no text layer): two blocks of "letters"
 * (three short lines each, of varied sizes) near the top left, x 100…220 pt, y 600…700 pt.
 */
async function strokedSheetPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const line = (x0: number, y0: number, x1: number, y1: number) =>
    page.drawLine({ start: { x: x0, y: y0 }, end: { x: x1, y: y1 }, thickness: 0.4, color: rgb(0, 0, 0) });
  for (let r = 0; r < 12; r++) {
    for (let i = 0; i < 20; i++) {
      const x = 100 + 6 * i;
      const y = 700 - 8 * r;
      const k = i % 7;
      line(x, y, x, y + 2 + 0.5 * k);
      line(x, y + 4, x + 1 + 0.5 * k, y + 4);
      line(x, y + 2, x + 3, y + 1 + 0.5 * k);
    }
  }
  return pdf.save();
}

/**
 * An engine that reads, on the first image, a single-line diagram's board name and supply (so the
 * page is read turned too), and on every later image (the turned one, re-reads) one word
 * `KITCHEN` near its top left corner; it records every image's size.
 */
function diagramEngine(): OcrEngine & { sizes: [number, number][] } {
  const sizes: [number, number][] = [];
  const word = (text: string, x0: number, y0: number): OcrWord => ({
    text,
    confidence: 0.9,
    x0,
    y0,
    x1: x0 + 12 * text.length,
    y1: y0 + 20,
  });
  return {
    concurrency: 1,
    sizes,
    async recognize(image) {
      const [, w, h] = image.subarray(0, 20).toString('latin1').split(/\s+/).map(Number);
      sizes.push([w ?? 0, h ?? 0]);
      if (sizes.length === 1) return [word('DB-1', 10, 10), word('400V', 80, 10), word('3PH+N+E', 150, 10)];
      return [word('KITCHEN', 20, 20)];
    },
    async terminate() {},
  };
}

describe('readMissingText, turned re-read of an outlined page', () => {
  it('reads turned only the box around the text zones and keeps the words that run up the page', async () => {
    const data = await strokedSheetPdf();
    const doc = await extractDocument(data);
    const engine = diagramEngine();
    const { doc: read, reports } = await readMissingText(data, doc, () => Promise.resolve(engine));
    expect(reports).toHaveLength(1);
    // The whole letter page turned at 200 dpi would be 2200 × 1700 px; the zone around the
    // strokes (about 120 × 100 pt) is drawn at that dpi instead.
    const turned = engine.sizes.at(-1) ?? [0, 0];
    expect(engine.sizes.length).toBeGreaterThanOrEqual(2);
    expect(turned[0]).toBeLessThan(600);
    expect(turned[1]).toBeLessThan(600);
    const kitchen = read.pages[0]?.textItems.find((t) => t.str === 'KITCHEN');
    expect(kitchen?.angle).toBeCloseTo(90, 5);
    // It lies on the strokes' zone, not elsewhere on the page.
    expect(kitchen?.x).toBeGreaterThan(80);
    expect(kitchen?.x).toBeLessThan(240);
    expect(kitchen?.y).toBeGreaterThan(580);
    expect(kitchen?.y).toBeLessThan(720);
  });
});
