import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';
import { loadPdfjs, replacedPdfjsPush } from './pdfjs.ts';

// Taken before pdfjs is imported (the test file runs in its own process).
const enginePush = Array.prototype.push;

describe('loadPdfjs', () => {
  it("removes the Array.prototype.push polyfill that pdfjs's legacy build installs", async () => {
    await loadPdfjs();
    // pdfjs did replace it (otherwise this fix is dead code and should go)…
    const polyfill = replacedPdfjsPush();
    expect(polyfill).toBeTypeOf('function');
    expect(polyfill).not.toBe(enginePush);
    // …and the engine's own is back, also after a document has gone through the parser, which
    // would import the polyfilled parser module again if it had not been loaded up front.
    expect(Array.prototype.push).toBe(enginePush);
    const { PDFDocument } = await import('pdf-lib');
    const pdf = await PDFDocument.create();
    pdf.addPage([100, 100]).drawLine({ start: { x: 0, y: 0 }, end: { x: 50, y: 50 } });
    const doc = await extractDocument(await pdf.save());
    expect(doc.pages[0]?.paths).toHaveLength(1);
    expect(Array.prototype.push).toBe(enginePush);
  });
});
