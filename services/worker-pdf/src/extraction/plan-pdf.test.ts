import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { analyzePlan } from '@saeq/plan-analysis/analyze-plan';
import type { ExtractedPage } from '@saeq/plan-analysis/primitives';
import { buildSampleSheet } from '@saeq/plan-analysis/testing/sample-sheet';
import {
  appendBezierCurve,
  closePath,
  fill,
  fillAndStroke,
  lineTo,
  moveTo,
  PDFDocument,
  type PDFFont,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  StandardFonts,
  setLineWidth,
  stroke,
} from 'pdf-lib';
import { describe, expect, it } from 'vitest';
import { extractDocument } from './extract-document.ts';

/** Draws an `ExtractedPage` (built with the analysis test builder) into a real PDF page. */
function drawPage(page: PDFPage, font: PDFFont, src: ExtractedPage): void {
  for (const p of src.paths) {
    const ops = [pushGraphicsState(), setLineWidth(p.lineWidth)];
    for (const s of p.segments) {
      if (s.op === 'moveTo') ops.push(moveTo(s.x, s.y));
      else if (s.op === 'lineTo') ops.push(lineTo(s.x, s.y));
      else if (s.op === 'curveTo') ops.push(appendBezierCurve(s.x1, s.y1, s.x2, s.y2, s.x, s.y));
      else ops.push(closePath());
    }
    ops.push(p.fill && p.stroke ? fillAndStroke() : p.fill ? fill() : stroke(), popGraphicsState());
    page.pushOperators(...ops);
  }
  for (const t of src.textItems)
    page.drawText(t.str, { x: t.x, y: t.y, size: t.fontSize, font, color: rgb(0, 0, 0) });
}

describe('vector plan PDF → extraction → analysis', () => {
  it('counts the symbols of a PDF drawn with pdf-lib exactly as placed', async () => {
    const { builder, expected } = buildSampleSheet();
    const pdf = await PDFDocument.create();
    const font = await pdf.embedFont(StandardFonts.Helvetica);
    drawPage(pdf.addPage([792, 612]), font, builder.build());
    const doc = await extractDocument(await pdf.save());
    const analysis = analyzePlan(doc);
    const found = analysis.pages[0]?.symbols ?? [];
    expect(found.map((s) => s.type).sort()).toEqual(expected.map((e) => e.type).sort());
    // Every placed symbol is found at its place (text-only symbols shift by the real glyph widths).
    for (const e of expected) {
      const hit = found.find((s) => s.type === e.type && Math.hypot(s.x - e.x, s.y - e.y) < 2);
      expect(hit, `${e.type} at ${e.x},${e.y}`).toBeDefined();
      expect(hit?.room).toBe(e.room);
      expect(hit?.circuit).toBe(e.circuit);
    }
    expect(analysis.pages[0]?.scale?.text).toBe('ÉCHELLE 1:50');
    expect(analysis.warnings).toEqual([]);
  });

  it('completes an image-only (scanned) PDF with a scanned_page warning and no counts', async () => {
    const pdf = await PDFDocument.create();
    const page = pdf.addPage([612, 792]);
    // A 2×2 grey PNG stretched over the page.
    const png = Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAAAAABX3VL4AAAADklEQVR4nGNgYGBgYAAAAAUAAXpeqz8AAAAASUVORK5CYII=',
      'base64',
    );
    const image = await pdf.embedPng(png);
    page.drawImage(image, { x: 0, y: 0, width: 612, height: 792 });
    const doc = await extractDocument(await pdf.save());
    expect(doc.pages[0]?.images.map((i) => i.bbox)).toEqual([[0, 0, 612, 792]]);
    const analysis = analyzePlan(doc);
    expect(analysis.warnings.map((w) => w.code)).toEqual(['scanned_page']);
    expect(analysis.counts.byType).toEqual({});
  });

  const root = join(dirname(fileURLToPath(import.meta.url)), '../../../..');
  const sample = join(root, 'fixtures/plans/sample-plan.pdf');
  it.skipIf(!existsSync(sample))('matches the generated sample plan’s ground truth counts', async () => {
    const truth = JSON.parse(readFileSync(sample.replace(/\.pdf$/, '.truth.json'), 'utf8')) as {
      counts: { byType: Record<string, number>; bySheet: Record<string, Record<string, number>> };
    };
    const analysis = analyzePlan(await extractDocument(new Uint8Array(readFileSync(sample))));
    expect(analysis.counts.byType).toEqual(truth.counts.byType);
    expect(analysis.counts.bySheet).toEqual(truth.counts.bySheet);
  });
});
