import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { GeometryWalker, operatorListToGeometry } from './operator-geometry.ts';
import { type OperatorListChunk, streamOperatorList } from './operator-stream.ts';
import { loadPdfjs, safeDocumentParams } from './pdfjs.ts';

/** One page of `strokes` one-segment paths (a CAD export's hatching), each with its own colour. */
async function strokesPdf(strokes: number): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([600, 600]);
  const ops: string[] = [];
  for (let i = 0; i < strokes; i++) {
    const x = (i % 100) * 6;
    const y = Math.floor(i / 100) * 6;
    ops.push(`${(i % 3) / 2} 0 0 RG ${x} ${y} m ${x + 4} ${y + 4} l S`);
  }
  const stream = PDFRawStream.of(pdf.context.obj({}), new TextEncoder().encode(ops.join('\n')));
  page.node.set(PDFName.of('Contents'), pdf.context.register(stream));
  return pdf.save();
}

async function firstPage(data: Uint8Array) {
  const pdfjs = await loadPdfjs();
  const doc = await pdfjs.getDocument(safeDocumentParams(data, { glyphOutlines: false })).promise;
  return { pdfjs, doc, page: await doc.getPage(1) };
}

describe('streamOperatorList', () => {
  it('hands over the page’s operators in chunks that walk to the same geometry as the whole list', async () => {
    const data = await strokesPdf(3000);
    const whole = await firstPage(data.slice());
    const opList = await whole.page.getOperatorList({
      annotationMode: whole.pdfjs.AnnotationMode.DISABLE,
    });
    const expected = operatorListToGeometry(opList, whole.pdfjs.OPS);
    await whole.doc.destroy();

    const { pdfjs, doc, page } = await firstPage(data.slice());
    const chunks: number[] = [];
    const walker = new GeometryWalker(pdfjs.OPS);
    await streamOperatorList(page, pdfjs.AnnotationMode.DISABLE, (chunk: OperatorListChunk) => {
      chunks.push(chunk.length);
      walker.add(chunk);
    });
    // pdfjs keeps none of them: its own list of the page stays empty.
    const kept = await page.getOperatorList({ annotationMode: pdfjs.AnnotationMode.DISABLE });
    await doc.destroy();

    expect(chunks.length).toBeGreaterThan(1);
    expect(chunks.reduce((a, b) => a + b, 0)).toBe(opList.fnArray.length);
    expect(kept.fnArray.length).toBe(0);
    expect(walker.paths).toHaveLength(3000);
    expect(walker.paths).toEqual(expected.paths);
    expect(new Set(walker.paths.map((p) => p.strokeColor))).toEqual(
      new Set(['#000000', '#800000', '#ff0000']),
    );
    // The hook is the page's own for the call only; pdfjs's method is back afterwards.
    expect(Object.hasOwn(page, '_renderPageChunk')).toBe(false);
  });

  it('reads the whole list when pdfjs has no chunk hook', async () => {
    const chunks: OperatorListChunk[] = [];
    const list = { fnArray: [1, 2, 3], argsArray: [null, null, null] };
    await streamOperatorList({ getOperatorList: async () => list }, 0, (c) => chunks.push(c));
    expect(chunks).toEqual([{ ...list, length: 3 }]);
  });
});
