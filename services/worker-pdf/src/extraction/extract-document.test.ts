import type { PathPrimitive } from '@saeq/plan-analysis/primitives';
import {
  concatTransformationMatrix,
  degrees,
  drawObject,
  lineTo,
  moveTo,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFOperator,
  PDFOperatorNames,
  popGraphicsState,
  pushGraphicsState,
  rectangle,
  rgb,
  StandardFonts,
  setLineWidth,
  stroke,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDocument, PdfEncryptedError, PdfUnreadableError } from './extract-document.ts';
import { loadPdfjs, safeDocumentParams } from './pdfjs.ts';

function round(values: number[]): number[] {
  return values.map((v) => Math.round(v * 1000) / 1000);
}

function points(path: PathPrimitive): number[][] {
  return path.segments.flatMap((s) => (s.op === 'closePath' ? [] : [round([s.x, s.y])]));
}

async function simplePdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  const page = pdf.addPage([612, 792]);
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  page.drawText('LÉGENDE', { x: 50, y: 700, size: 12, font });
  page.drawText('Prise duplex', { x: 80, y: 680, size: 10, font });
  page.drawText('CUISINE', { x: 400, y: 400, size: 8, font, rotate: degrees(90) });
  page.drawRectangle({ x: 100, y: 100, width: 50, height: 20, borderColor: rgb(1, 0, 0), borderWidth: 2 });
  page.drawLine({ start: { x: 10, y: 10 }, end: { x: 200, y: 10 }, thickness: 0.5 });
  return pdf.save();
}

describe('extractDocument', () => {
  it('reads page size, text items and stroked rectangles in page space', async () => {
    const doc = await extractDocument(await simplePdf());
    expect(doc.pageCount).toBe(1);
    const page = doc.pages[0];
    expect(page).toBeDefined();
    if (!page) return;
    expect([page.number, page.widthPt, page.heightPt, page.rotation]).toEqual([1, 612, 792, 0]);
    expect(page.text).toBe('LÉGENDE\nPrise duplex\nCUISINE');
    const legend = page.textItems.find((t) => t.str === 'LÉGENDE');
    expect(legend && [legend.x, legend.y, legend.fontSize, legend.angle]).toEqual([50, 700, 12, 0]);
    const room = page.textItems.find((t) => t.str === 'CUISINE');
    expect(room && round([room.x, room.y, room.fontSize, room.angle])).toEqual([400, 400, 8, 90]);

    const rect = page.paths.find((p) => p.strokeColor === '#ff0000');
    expect(rect).toBeDefined();
    if (!rect) return;
    expect(rect.bbox).toEqual([100, 100, 150, 120]);
    expect([rect.stroke, rect.fill, rect.lineWidth]).toEqual([true, false, 2]);
    expect(points(rect)).toEqual([
      [100, 100],
      [100, 120],
      [150, 120],
      [150, 100],
    ]);
    const line = page.paths.find((p) => p.lineWidth === 0.5);
    expect(line?.bbox).toEqual([10, 10, 200, 10]);
  });

  it('applies cm transforms, nested form XObject matrices and scales line widths', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 400]);
    // Form drawn in its own space (a 10×10 diagonal), /Matrix scales it by 2.
    const form = pdf.context.formXObject([moveTo(0, 0), lineTo(10, 10), setLineWidth(1), stroke()], {
      BBox: [0, 0, 50, 50],
      Matrix: [2, 0, 0, 2, 0, 0],
    });
    const formName = page.node.newXObject('Fm', pdf.context.register(form));
    page.pushOperators(
      // Rotate 90° about (300, 300), scale 2: x' = -2y + 300, y' = 2x + 300.
      pushGraphicsState(),
      concatTransformationMatrix(0, 2, -2, 0, 300, 300),
      setLineWidth(1.5),
      rectangle(0, 0, 20, 10),
      stroke(),
      popGraphicsState(),
      // Form placed at (100, 200): (0,0)→(100,200), (10,10)→(120,220).
      pushGraphicsState(),
      concatTransformationMatrix(1, 0, 0, 1, 100, 200),
      drawObject(formName),
      popGraphicsState(),
      // After restore, identity again.
      moveTo(5, 5),
      lineTo(6, 5),
      stroke(),
    );
    const doc = await extractDocument(await pdf.save());
    const paths = doc.pages[0]?.paths ?? [];
    expect(paths).toHaveLength(3);
    const [rect, diagonal, tail] = paths;
    expect(rect && points(rect)).toEqual([
      [300, 300],
      [300, 340],
      [280, 340],
      [280, 300],
    ]);
    // 1.5 × sqrt(|det|) = 1.5 × 2
    expect(rect?.lineWidth).toBe(3);
    expect(diagonal && points(diagonal)).toEqual([
      [100, 200],
      [120, 220],
    ]);
    expect(diagonal?.lineWidth).toBe(2);
    expect(tail?.bbox).toEqual([5, 5, 6, 5]);
  });

  it('leaves out what an optional-content layer that is off draws (BDC/EMC and forms with /OC)', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([400, 400]);
    const demo = pdf.context.register(
      pdf.context.obj({ Type: 'OCG', Name: PDFHexString.fromText('E-DEMO') }),
    );
    const power = pdf.context.register(
      pdf.context.obj({ Type: 'OCG', Name: PDFHexString.fromText('E-POWER') }),
    );
    pdf.catalog.set(
      PDFName.of('OCProperties'),
      pdf.context.obj({ OCGs: [demo, power], D: { ON: [power], OFF: [demo], Order: [demo, power] } }),
    );
    const resources = page.node.normalizedEntries().Resources;
    resources.set(PDFName.of('Properties'), pdf.context.obj({ Demo: demo, Power: power }));
    // A device block on the demolition layer, as a form XObject with /OC.
    const hiddenForm = pdf.context.formXObject([rectangle(0, 0, 5, 5), stroke()], { BBox: [0, 0, 5, 5] });
    hiddenForm.dict.set(PDFName.of('OC'), demo);
    const formName = page.node.newXObject('Fm', pdf.context.register(hiddenForm));
    const bdc = (tag: string) =>
      PDFOperator.of(PDFOperatorNames.BeginMarkedContentSequence, [PDFName.of('OC'), PDFName.of(tag)]);
    const emc = PDFOperator.of(PDFOperatorNames.EndMarkedContent);
    page.pushOperators(
      bdc('Demo'),
      rectangle(10, 10, 20, 20),
      stroke(),
      emc,
      bdc('Power'),
      rectangle(100, 100, 20, 20),
      stroke(),
      emc,
      pushGraphicsState(),
      concatTransformationMatrix(1, 0, 0, 1, 200, 200),
      drawObject(formName),
      popGraphicsState(),
      moveTo(300, 300),
      lineTo(310, 300),
      stroke(),
    );
    const doc = await extractDocument(await pdf.save());
    expect(doc.pages[0]?.paths.map((p) => round([...p.bbox]))).toEqual([
      [100, 100, 120, 120],
      [300, 300, 310, 300],
    ]);
  });

  it('subtracts the page box origin and reports /Rotate without applying it', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([612, 792]);
    page.setMediaBox(10, 20, 612, 792);
    page.setRotation(degrees(90));
    page.drawLine({ start: { x: 10, y: 20 }, end: { x: 110, y: 20 }, thickness: 1 });
    const doc = await extractDocument(await pdf.save());
    const p = doc.pages[0];
    expect(p && [p.widthPt, p.heightPt, p.rotation]).toEqual([612, 792, 90]);
    expect(p?.paths[0]?.bbox).toEqual([0, 0, 100, 0]);
  });

  it('reads non-embedded standard fonts as pdfjs does with their outlines loaded', async () => {
    // extractDocument skips the standard fonts' outlines (glyphOutlines: false); the text must
    // not change: same strings, positions, widths and heights as pdfjs with the fonts loaded.
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([612, 792]);
    const fonts = [
      StandardFonts.Helvetica,
      StandardFonts.HelveticaBold,
      StandardFonts.TimesRomanItalic,
      StandardFonts.CourierBold,
      StandardFonts.Symbol,
      StandardFonts.ZapfDingbats,
    ];
    for (const [i, name] of fonts.entries()) {
      const font = await pdf.embedFont(name);
      const text =
        name === StandardFonts.Symbol
          ? 'αβγ ΩΣ'
          : name === StandardFonts.ZapfDingbats
            ? '✓✔✕'
            : 'Prise DDFT — 20 A, 1/4" = 1\'-0" éèç';
      page.drawText(text, { x: 40, y: 700 - i * 40, size: 9 + i, font });
    }
    const bytes = await pdf.save();
    const extracted = (await extractDocument(bytes)).pages[0]?.textItems ?? [];

    const pdfjs = await loadPdfjs();
    const doc = await pdfjs.getDocument(safeDocumentParams(bytes)).promise;
    try {
      const content = await (await doc.getPage(1)).getTextContent({ includeMarkedContent: false });
      const withOutlines = content.items.flatMap((item) =>
        'str' in item && item.str.length > 0
          ? [[item.str, item.transform[4], item.transform[5], item.width, item.height]]
          : [],
      );
      expect(withOutlines.length).toBeGreaterThanOrEqual(fonts.length);
      expect(extracted.map((t) => [t.str, t.x, t.y, t.width, t.height])).toEqual(withOutlines);
    } finally {
      await doc.destroy();
    }
  });

  it('limits the pages extracted with maxPages but reports the page count', async () => {
    const pdf = await PDFDocument.create();
    for (let i = 0; i < 3; i++) pdf.addPage([200 + i, 300]);
    const doc = await extractDocument(await pdf.save(), { maxPages: 2 });
    expect(doc.pageCount).toBe(3);
    expect(doc.pages.map((p) => [p.number, p.widthPt])).toEqual([
      [1, 200],
      [2, 201],
    ]);
  });

  it('leaves the caller’s buffer intact (pdfjs detaches what it is given)', async () => {
    const bytes = await simplePdf();
    const length = bytes.byteLength;
    await extractDocument(bytes);
    expect(bytes.byteLength).toBe(length);
  });

  it('throws PdfUnreadableError with code pdf_unreadable for a truncated PDF', async () => {
    const bytes = await simplePdf();
    const truncated = bytes.slice(0, Math.floor(bytes.length / 2));
    const err = await extractDocument(truncated).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfUnreadableError);
    expect((err as PdfUnreadableError).code).toBe('pdf_unreadable');
  });

  it('throws PdfUnreadableError for bytes that are not a PDF', async () => {
    const err = await extractDocument(new TextEncoder().encode('%PDF-1.7\nnot really')).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(PdfUnreadableError);
  });

  it('throws PdfEncryptedError with code pdf_encrypted when a password is needed', async () => {
    const pdf = await PDFDocument.create();
    pdf.addPage([100, 100]);
    // Standard security handler whose /U does not match the empty password.
    const encrypt = pdf.context.obj({
      Filter: PDFName.of('Standard'),
      V: 1,
      R: 2,
      P: -4,
      O: PDFHexString.of('11'.repeat(32)),
      U: PDFHexString.of('22'.repeat(32)),
    });
    pdf.context.trailerInfo.Encrypt = pdf.context.register(encrypt);
    pdf.context.trailerInfo.ID = pdf.context.obj([
      PDFHexString.of('ab'.repeat(16)),
      PDFHexString.of('ab'.repeat(16)),
    ]);
    const err = await extractDocument(await pdf.save({ useObjectStreams: false })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(PdfEncryptedError);
    expect((err as PdfEncryptedError).code).toBe('pdf_encrypted');
  });
});
