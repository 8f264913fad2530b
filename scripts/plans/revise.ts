import { degrees, PDFDocument, type PDFEmbeddedPage, StandardFonts } from 'pdf-lib';
import { Canvas } from './canvas.ts';
import { drawSymbol, styleById } from './symbols.ts';

/**
 * Revisions of a generated plan for revision-compare tests (issue 21): the same PDF with devices
 * drawn by the generator's own symbol code, as an engineer's re-issue adds them, or re-plotted
 * (shifted, scaled) as another plotter would.
 */

/**
 * `pdf` with receptacles drawn on its first page at `at` (page space, points), in the sample
 * plan's legend style (`rec-duplex-through`), at the size (`unit`: a third of the symbol's
 * length) and turn of a receptacle the analysis found: devices added. The first page must have no
 * /Rotate (view space is page space), as the generator's sample plan.
 */
export async function withReceptacles(
  pdf: Uint8Array,
  like: { unit: number; rotation: number },
  at: readonly [number, number][],
): Promise<Uint8Array> {
  const doc = await PDFDocument.load(pdf);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const canvas = new Canvas(
    doc.getPage(0),
    [1, 0, 0, 1, 0, 0],
    { regular: font, bold: font, mono: font },
    ['dev', 'txt'],
    false,
  );
  const geom = styleById('rec-duplex-through').build('');
  for (const [x, y] of at)
    drawSymbol(
      canvas,
      geom,
      { x, y, unit: like.unit, rotation: like.rotation, mirrored: false, scale: 1 },
      {
        mode: 'flat',
        lineWidth: 0.55,
        textRotates: false,
        layer: 'dev',
        textLayer: 'txt',
      },
    );
  canvas.flush();
  return doc.save();
}

/** Where a re-plot puts the original page: offset (points), scale factors and an optional turn (degrees). */
export type Placement = { x: number; y: number; xScale: number; yScale: number; rotateDeg?: number };

/** The first page of `pdf` drawn as a form XObject on a page of the same size, placed as given: a re-plot. */
export async function replot(pdf: Uint8Array, placement: Placement): Promise<Uint8Array> {
  const src = await PDFDocument.load(pdf);
  const out = await PDFDocument.create();
  const { width, height } = src.getPage(0).getSize();
  const [page] = await out.embedPdf(src, [0]);
  const { rotateDeg, ...at } = placement;
  // pdf-lib turns the drawn page counter-clockwise about its placed origin (x, y).
  out
    .addPage([width, height])
    .drawPage(page as PDFEmbeddedPage, rotateDeg === undefined ? at : { ...at, rotate: degrees(rotateDeg) });
  return out.save();
}
