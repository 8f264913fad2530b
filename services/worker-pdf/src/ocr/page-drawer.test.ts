import { PDFDocument, rgb } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { loadPdfjs, safeDocumentParams } from '../extraction/pdfjs.ts';
import { type PdfjsDocument, pageDrawer } from './page-drawer.ts';

/** Two letter pages, each with one black 100 × 50 pt block whose lower-left corner is at (100, 600). */
async function twoPagePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  for (let i = 0; i < 2; i++) {
    pdf.addPage([612, 792]).drawRectangle({ x: 100, y: 600, width: 100, height: 50, color: rgb(0, 0, 0) });
  }
  return pdf.save();
}

/** The document with every page's `cleanup` calls counted (page number → calls). */
function countingCleanups(pdf: PdfjsDocument): Map<number, number> {
  const counts = new Map<number, number>();
  const getPage = pdf.getPage.bind(pdf);
  pdf.getPage = async (n: number) => {
    const page = await getPage(n);
    const cleanup = page.cleanup.bind(page);
    page.cleanup = (...args: Parameters<typeof cleanup>) => {
      counts.set(n, (counts.get(n) ?? 0) + 1);
      return cleanup(...args);
    };
    return page;
  };
  return counts;
}

describe('pageDrawer', () => {
  it('draws several pieces of a page with one clean-up of it, when the next page is drawn or on close', async () => {
    const pdfjs = await loadPdfjs();
    const pdf = await pdfjs.getDocument(safeDocumentParams(await twoPagePdf())).promise;
    try {
      const cleanups = countingCleanups(pdf);
      const drawer = pageDrawer(pdf);
      // One piece inside the block, one in the empty paper beside it (page space, y up).
      const inside = await drawer.draw(1, { dpi: 72 }, 0, { box: [110, 610, 190, 640] });
      const beside = await drawer.draw(1, { dpi: 72 }, 0, { box: [300, 610, 380, 640] });
      expect(cleanups.get(1)).toBeUndefined();
      const grey = (d: typeof inside) => d.image.subarray(d.image.length - d.width * d.height);
      expect([inside.width, inside.height]).toEqual([80, 30]);
      expect(Math.max(...grey(inside))).toBeLessThan(60);
      expect(Math.min(...grey(beside))).toBeGreaterThan(200);
      // The map back to page space undoes the piece's offset: pixel (0, 0) is its top-left corner.
      expect(inside.toPage(0, 0)[0]).toBeCloseTo(110, 5);
      expect(inside.toPage(0, 0)[1]).toBeCloseTo(640, 5);
      const whole = await drawer.draw(2, { dpi: 36 });
      expect([whole.width, whole.height]).toEqual([306, 396]);
      expect(cleanups.get(1)).toBe(1);
      drawer.close();
      expect(cleanups.get(2)).toBe(1);
      expect(cleanups.get(1)).toBe(1);
    } finally {
      await pdf.destroy();
    }
  });
});
