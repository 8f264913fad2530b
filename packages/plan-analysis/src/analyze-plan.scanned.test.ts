import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import { flattenPaths } from './geometry.ts';
import type { ExtractedDocument, ExtractedPage } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';
import { traceScan } from './trace-scan.ts';

/**
 * Issue 16: "scanned sheets give OCR text and counts". A scan is an image; the worker reads its
 * words by OCR and traces its ink into outlines (`traceScan`). Here a small vector sheet is
 * printed into pixels (strokes 2 px wide at 3 px a point, as a 216 dpi scan), traced back, and
 * its words given as OCR words: the legend and the symbols must read as on the drawing.
 */

const PX_PER_PT = 3;

/** The page's strokes painted black on a white image, pen 2 px wide. */
function print(page: ExtractedPage, skewDeg = 0): { pixels: Uint8Array; width: number; height: number } {
  const width = Math.ceil(page.widthPt * PX_PER_PT);
  const height = Math.ceil(page.heightPt * PX_PER_PT);
  const pixels = new Uint8Array(width * height).fill(255);
  const r = (skewDeg * Math.PI) / 180;
  const [cx, cy] = [page.widthPt / 2, page.heightPt / 2];
  // The sheet turned `skewDeg` counter-clockwise about its centre, as on a scanner's glass.
  const turn = (x: number, y: number): [number, number] => [
    cx + Math.cos(r) * (x - cx) - Math.sin(r) * (y - cy),
    cy + Math.sin(r) * (x - cx) + Math.cos(r) * (y - cy),
  ];
  const dot = (x: number, y: number) => {
    const [tx, ty] = turn(x, y);
    const px = Math.floor(tx * PX_PER_PT);
    const py = Math.floor((page.heightPt - ty) * PX_PER_PT);
    for (const [dx, dy] of [
      [0, 0],
      [1, 0],
      [0, 1],
      [1, 1],
    ] as const)
      if (px + dx >= 0 && px + dx < width && py + dy >= 0 && py + dy < height)
        pixels[(py + dy) * width + px + dx] = 0;
  };
  for (const sp of flattenPaths(page.paths)) {
    for (let i = 2; i < sp.points.length; i += 2) {
      const [ax, ay, bx, by] = sp.points.slice(i - 2, i + 2) as [number, number, number, number];
      const steps = Math.ceil((Math.hypot(bx - ax, by - ay) * PX_PER_PT) / 0.3);
      for (let k = 0; k <= steps; k++) dot(ax + ((bx - ax) * k) / steps, ay + ((by - ay) * k) / steps);
    }
  }
  return { pixels, width, height };
}

/** A scanned copy of `page`: one image over the page, its words as OCR words, its ink traced. */
function scanned(page: ExtractedPage, skewDeg = 0): ExtractedPage {
  const { pixels, width, height } = print(page, skewDeg);
  const paths = traceScan(pixels, width, height, (px, py) => [
    px / PX_PER_PT,
    page.heightPt - py / PX_PER_PT,
  ]);
  const r = (skewDeg * Math.PI) / 180;
  const [cx, cy] = [page.widthPt / 2, page.heightPt / 2];
  return {
    ...page,
    text: '',
    // OCR gives the words where they lie on the scan; their boxes stay level (no baseline angle).
    textItems: page.textItems.map((t) => ({
      ...t,
      x: cx + Math.cos(r) * (t.x - cx) - Math.sin(r) * (t.y - cy),
      y: cy + Math.sin(r) * (t.x - cx) + Math.cos(r) * (t.y - cy),
      fontName: 'ocr',
      source: 'ocr' as const,
      confidence: 0.9,
    })),
    paths,
    images: [{ bbox: [0, 0, page.widthPt, page.heightPt], widthPx: width, heightPx: height }],
  };
}

const doc = (...pages: ExtractedPage[]): ExtractedDocument => ({
  pageCount: pages.length,
  pages,
  warnings: [],
});

/** A legend (receptacle, ceiling light) and a room with 3 receptacles and 2 lights. */
function sheet(): ExtractedPage {
  const b = new PageBuilder(792, 612);
  b.text('LEGEND', 600, 570, 10);
  drawSymbol.receptacle(b, place(612, 550));
  b.text('DUPLEX RECEPTACLE', 630, 547, 7);
  drawSymbol.luminaire(b, place(612, 525));
  b.text('CEILING LIGHT FIXTURE', 630, 522, 7);
  b.rect(50, 50, 400, 300, { lineWidth: 1 });
  drawSymbol.receptacle(b, place(100, 80));
  drawSymbol.receptacle(b, place(300, 80));
  drawSymbol.receptacle(b, place(420, 200, 90));
  drawSymbol.luminaire(b, place(150, 220));
  drawSymbol.luminaire(b, place(300, 220));
  return b.build();
}

describe('scanned sheet traced into outlines', () => {
  it('counts the symbols of a scan as those of the drawing it was printed from', () => {
    const vector = analyzePlan(doc(sheet()));
    expect(vector.counts.byType).toEqual({ receptacle: 3, luminaire: 2 });
    const scan = analyzePlan(doc(scanned(sheet())), { locale: 'en' });
    expect(scan.counts.byType).toEqual({ receptacle: 3, luminaire: 2 });
    expect(scan.warnings.find((w) => w.code === 'scanned_page')?.message).toMatch(/outlines traced/);
  });

  it('counts them on a scan turned 1.5° (the outlines are straightened first)', () => {
    const scan = analyzePlan(doc(scanned(sheet(), 1.5)), { locale: 'en' });
    expect(scan.counts.byType).toEqual({ receptacle: 3, luminaire: 2 });
    expect(scan.warnings.find((w) => w.code === 'scanned_page')?.message).toMatch(/straightened by 1\.5°/);
  });

  it('counts the symbols drawn against a wall, whose outside contour the wall took', () => {
    const page = sheet();
    const b = new PageBuilder(792, 612);
    // A light whose circle rests on the bottom wall and a receptacle hung from the top one: on
    // the scan their ink and the wall's are one blob, so only their holes are loops of their own.
    drawSymbol.luminaire(b, place(200, 54));
    drawSymbol.receptacle(b, place(220, 346, 180));
    const against = { ...page, paths: [...page.paths, ...b.build().paths] };
    expect(analyzePlan(doc(against)).counts.byType).toEqual({ receptacle: 4, luminaire: 3 });
    const scan = analyzePlan(doc(scanned(against)), { locale: 'en' });
    expect(scan.counts.byType).toEqual({ receptacle: 4, luminaire: 3 });
  });

  it('does not count the letters in the cells of a scanned schedule as symbols', () => {
    const page = sheet();
    const b = new PageBuilder(792, 612);
    // A schedule's grid, rows 10 pt high, with a round letter ("O", as OCR left it as ink) in the
    // first cell of three rows: on a scan the matcher sees the same circle as a light.
    for (let row = 0; row <= 6; row++) b.line(500, 100 + 10 * row, 700, 100 + 10 * row);
    for (const x of [500, 520, 600, 700]) b.line(x, 100, x, 160);
    for (const row of [0, 2, 4]) drawSymbol.luminaire(b, place(510, 105 + 10 * row));
    // A light over a counter drawn as one narrow rectangle stands alone: no table, still counted.
    b.rect(200, 150, 60, 12);
    drawSymbol.luminaire(b, place(230, 156));
    const withTable = { ...page, paths: [...page.paths, ...b.build().paths] };
    // A vector sheet's letters are text: a circle drawn in a cell is a circle, counted.
    expect(analyzePlan(doc(withTable)).counts.byType).toEqual({ receptacle: 3, luminaire: 6 });
    const scan = analyzePlan(doc(scanned(withTable)), { locale: 'en' });
    expect(scan.counts.byType).toEqual({ receptacle: 3, luminaire: 3 });
  });

  it('still counts nothing on a scan whose image was not traced', () => {
    const page = scanned(sheet());
    const scan = analyzePlan(doc({ ...page, paths: [] }), { locale: 'en' });
    expect(scan.counts.byType).toEqual({});
    expect(scan.warnings.find((w) => w.code === 'scanned_page')?.message).toMatch(/cannot be counted/);
  });
});
