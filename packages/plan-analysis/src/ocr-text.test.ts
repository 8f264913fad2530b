import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import { flattenPaths } from './geometry.ts';
import {
  crowdedLines,
  dpiForLetters,
  fontSizeOfWordBox,
  missedShortWords,
  ocrNeed,
  ocrZones,
  wantsUpwardReading,
  withAccents,
  withFlaggedOnes,
  withOcrWords,
  withSixesAndNines,
  withSlashedZeros,
} from './ocr-text.ts';
import type { BBox, PathSegment, TextItem } from './primitives.ts';
import { PageBuilder } from './testing/page-builder.ts';

/** Text drawn as SHX strokes: each letter a few short lines of its own shape, no text layer. */
function strokedText(b: PageBuilder, x: number, y: number, letters: number): void {
  for (let i = 0; i < letters; i++) {
    const lx = x + 5 * i;
    const k = i % 7;
    b.line(lx, y, lx, y + 2 + 0.5 * k);
    b.line(lx, y + 4, lx + 1 + 0.5 * k, y + 4);
    b.line(lx, y + 2, lx + 3, y + 1 + 0.5 * k);
  }
}

describe('ocrNeed', () => {
  it('says outlined_text for a sheet whose words are strokes, nothing for one with a text layer', () => {
    const shx = new PageBuilder();
    shx.rect(20, 20, 750, 570);
    for (let r = 0; r < 20; r++) strokedText(shx, 40, 500 - 12 * r, 10);
    // 20 rows × 10 letters × 3 strokes = 600 glyph-sized paths, no text.
    expect(ocrNeed(shx.build())).toBe('outlined_text');

    const layered = new PageBuilder();
    layered.rect(20, 20, 750, 570);
    for (let r = 0; r < 20; r++) strokedText(layered, 40, 500 - 12 * r, 10);
    for (let r = 0; r < 20; r++) layered.text('Luminaire encastré 2x4 pieds', 300, 500 - 12 * r, 6);
    expect(ocrNeed(layered.build())).toBeNull();

    // A grid of 600 identical crosses is a pattern, not text.
    const grid = new PageBuilder();
    for (let i = 0; i < 600; i++) {
      const x = 40 + (i % 60) * 10;
      const y = 100 + Math.floor(i / 60) * 10;
      grid.line(x, y, x + 4, y + 4);
    }
    expect(ocrNeed(grid.build())).toBeNull();
  });

  it('says outlined_text for a page without a text layer whose plotter painted each word as one path', () => {
    // 12 words of 8 letters, each word one path of 24 strokes (40 pt wide: no path is glyph-sized).
    const words = new PageBuilder();
    words.rect(20, 20, 750, 570);
    for (let r = 0; r < 12; r++) {
      const y = 500 - 14 * r;
      const strokes = Array.from({ length: 8 }, (_, i) => {
        const lx = 40 + 5 * i;
        const k = (i + r) % 7;
        return [
          { op: 'moveTo' as const, x: lx, y },
          { op: 'lineTo' as const, x: lx, y: y + 2 + 0.5 * k },
          { op: 'moveTo' as const, x: lx, y: y + 4 },
          { op: 'lineTo' as const, x: lx + 1 + 0.5 * k, y: y + 4 },
          { op: 'moveTo' as const, x: lx, y: y + 2 },
          { op: 'lineTo' as const, x: lx + 3, y: y + 1 + 0.5 * k },
        ];
      }).flat();
      words.path(strokes, { stroke: true });
    }
    expect(ocrNeed(words.build())).toBe('outlined_text');

    // The same strokes beside a text layer that holds the page's words: read from the layer.
    const layered = new PageBuilder();
    for (const p of words.build().paths) layered.path(p.segments, { stroke: true });
    layered.text('PLAN DU REZ-DE-CHAUSSÉE', 300, 500, 8);
    expect(ocrNeed(layered.build())).toBeNull();

    // Without a text layer, one repeated small mark painted as one path is a pattern, not words.
    const hatch = new PageBuilder();
    hatch.path(
      Array.from({ length: 600 }, (_, i) => {
        const x = 40 + (i % 60) * 10;
        const y = 100 + Math.floor(i / 60) * 10;
        return [
          { op: 'moveTo' as const, x, y },
          { op: 'lineTo' as const, x: x + 4, y: y + 4 },
        ];
      }).flat(),
      { stroke: true },
    );
    expect(ocrNeed(hatch.build())).toBeNull();
  });

  it('warns in both languages when the text is strokes and OCR read nothing', () => {
    const shx = new PageBuilder();
    shx.rect(20, 20, 750, 570);
    for (let r = 0; r < 20; r++) strokedText(shx, 40, 500 - 12 * r, 10);
    const doc = { pageCount: 1, pages: [shx.build()], warnings: [] };
    expect(
      analyzePlan(doc, { locale: 'fr' }).warnings.find((w) => w.code === 'text_not_in_layer')?.message,
    ).toMatch(/dessiné en traits/);
    expect(
      analyzePlan(doc, { locale: 'en' }).warnings.find((w) => w.code === 'text_not_in_layer')?.message,
    ).toMatch(/drawn as strokes/);
  });
});

describe('withOcrWords', () => {
  it('adds confident OCR words that do not repeat the text layer', () => {
    const b = new PageBuilder();
    b.text('PANNEAU A', 100, 700, 10);
    const page = b.build();
    const ocr = (str: string, x: number, confidence: number) => ({
      str,
      x,
      y: 700,
      width: str.length * 5.5,
      height: 10,
      fontSize: 10,
      angle: 0,
      fontName: 'ocr',
      source: 'ocr' as const,
      confidence,
    });
    const { page: merged, added } = withOcrWords(page, [
      ocr('PANNEAU', 100, 0.9), // over the text layer's run
      ocr('CUISINE', 300, 0.9),
      ocr('~', 400, 0.9), // no letter or digit
      ocr('SALON', 450, 0.1), // not confident
    ]);
    expect(added.map((w) => w.str)).toEqual(['CUISINE']);
    expect(merged.textItems).toHaveLength(2);
    expect(merged.text).toContain('CUISINE');
  });
});

describe('withSlashedZeros', () => {
  /** A polyline through (x, y) pairs. */
  const poly = (b: PageBuilder, ...xy: number[]) => {
    const segs: PathSegment[] = [];
    for (let i = 0; i + 1 < xy.length; i += 2)
      segs.push({ op: i === 0 ? 'moveTo' : 'lineTo', x: xy[i] ?? 0, y: xy[i + 1] ?? 0 });
    b.path(segs);
  };
  // SHX-like glyphs 5.7 pt high, 3.9 pt wide, on the baseline y = 100.
  const y = 100;
  const one = (b: PageBuilder, x: number) => {
    poly(b, x, y + 4.8, x + 0.9, y + 5.7, x + 0.9, y);
    poly(b, x, y, x + 1.9, y);
  };
  const two = (b: PageBuilder, x: number) =>
    poly(
      b,
      x,
      y + 4.8,
      x + 0.9,
      y + 5.7,
      x + 2.9,
      y + 5.7,
      x + 3.8,
      y + 4.8,
      x + 3.8,
      y + 3.8,
      x,
      y,
      x + 3.8,
      y,
    );
  const octagon = (b: PageBuilder, x: number) =>
    poly(
      b,
      x + 1,
      y,
      x,
      y + 0.9,
      x,
      y + 4.8,
      x + 1,
      y + 5.7,
      x + 2.9,
      y + 5.7,
      x + 3.9,
      y + 4.8,
      x + 3.9,
      y + 0.9,
      x + 2.9,
      y,
      x + 1,
      y,
    );
  const zero = (b: PageBuilder, x: number) => {
    octagon(b, x);
    poly(b, x, y + 0.9, x + 3.9, y + 4.8);
  };
  /** An OCR word whose box spans the ink from `x0` to `x1` on the baseline (see wordToTextItem). */
  const word = (str: string, x0: number, x1: number): TextItem => ({
    str,
    x: x0,
    y: y + 1.14,
    width: x1 - x0,
    height: 5.7,
    fontSize: 8,
    angle: 0,
    fontName: 'ocr',
    source: 'ocr',
    confidence: 0.8,
  });

  it('reads a plotter slashed zero back as 0, whether OCR saw an 8 or two letters', () => {
    const b = new PageBuilder();
    // "1201" at x = 40 and "1001" at x = 100.
    one(b, 40);
    two(b, 45.8);
    zero(b, 51.6);
    one(b, 57.4);
    one(b, 100);
    zero(b, 105.8);
    zero(b, 111.6);
    one(b, 117.4);
    const page = b.build();
    const { added } = withOcrWords(page, [word('1281', 40, 59.3), word('1lelo1', 100, 119.3)]);
    expect(added.map((w) => w.str)).toEqual(['1201', '1001']);
  });

  it('leaves a letter O, a round diameter sign and an unexplained reading alone', () => {
    const b = new PageBuilder();
    // "1O" with an unslashed O, a Ø drawn round with its slash running out of the circle, and a
    // slashed zero OCR read as three letters (which of them is the zero cannot be told).
    one(b, 40);
    octagon(b, 45.8);
    b.circle(102, 102.85, 2.85);
    poly(b, 98.5, 99, 105.5, 106.7);
    one(b, 150);
    zero(b, 155.8);
    const page = b.build();
    const strokes = flattenPaths(page.paths);
    expect(withSlashedZeros(word('1O', 40, 49.7), strokes).str).toBe('1O');
    expect(withSlashedZeros(word('1Ø', 98.5, 105.5), strokes).str).toBe('1Ø');
    expect(withSlashedZeros(word('1abc', 150, 159.7), strokes).str).toBe('1abc');
  });
});

describe('ocrZones', () => {
  it('gives one zone per cluster of glyph paths, the letter height, and nothing for empty paper', () => {
    const b = new PageBuilder();
    b.rect(20, 20, 750, 570);
    // Two blocks of stroked text far apart: a schedule top left, a title bottom right.
    for (let r = 0; r < 5; r++) strokedText(b, 40, 500 - 8 * r, 12);
    strokedText(b, 600, 60, 8);
    const { zones, letterHeightPt } = ocrZones(b.build());
    expect(zones).toHaveLength(2);
    const [first, second] = [...zones].sort((a, c) => a[0] - c[0]);
    // Each zone holds its letters (40…100 × 468…504 and 600…640 × 60…64) and not the other's.
    expect(first?.[0]).toBeLessThanOrEqual(40);
    expect(first?.[2]).toBeGreaterThanOrEqual(100);
    expect(first?.[2]).toBeLessThan(600);
    expect(second?.[0]).toBeGreaterThan(110);
    expect(second?.[1]).toBeLessThanOrEqual(60);
    // Strokes 2 to 5 pt tall: the 75th percentile of those taller than 1 pt.
    expect(letterHeightPt).toBeGreaterThanOrEqual(3);
    expect(letterHeightPt).toBeLessThanOrEqual(5);
    expect(ocrZones(new PageBuilder().build()).zones).toEqual([]);
  });

  it('joins more than 12 zones into one box and keeps them as the inked parts of it', () => {
    const few = new PageBuilder();
    few.rect(20, 20, 750, 570);
    strokedText(few, 40, 500, 8);
    strokedText(few, 600, 60, 8);
    const two = ocrZones(few.build());
    expect(two.inked).toEqual(two.zones);

    // Labels strewn over a floor plan: 4 × 4 words 150 pt apart, each its own zone.
    const b = new PageBuilder();
    b.rect(20, 20, 750, 570);
    for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) strokedText(b, 60 + 180 * i, 60 + 150 * j, 4);
    const { zones, inked } = ocrZones(b.build());
    expect(zones).toHaveLength(1);
    expect(inked).toHaveLength(16);
    const [all] = zones;
    // Every inked part lies in the joined box, and together they cover a small part of it.
    for (const z of inked) {
      expect(z[0]).toBeGreaterThanOrEqual(all?.[0] ?? 0);
      expect(z[2]).toBeLessThanOrEqual(all?.[2] ?? 0);
    }
    const area = (z: BBox) => (z[2] - z[0]) * (z[3] - z[1]);
    const inkedArea = inked.reduce((a, z) => a + area(z), 0);
    expect(inkedArea).toBeLessThan(0.25 * area(all as BBox));
  });

  it('finds the letters of words a plotter painted as one path each, stroke by stroke', () => {
    const b = new PageBuilder();
    b.rect(20, 20, 750, 570);
    // Each word is one path of pen strokes (moveTo/lineTo pairs): "CCT" 12 pt wide, then a
    // 60 pt "DESCRIPTION" whose box is far from glyph-sized.
    const word = (x: number, y: number, letters: number) => {
      const segments: PathSegment[] = [];
      for (let i = 0; i < letters; i++) {
        const lx = x + 5 * i;
        const k = i % 7;
        segments.push(
          { op: 'moveTo', x: lx, y },
          { op: 'lineTo', x: lx, y: y + 2 + 0.5 * k },
          { op: 'moveTo', x: lx, y: y + 4 },
          { op: 'lineTo', x: lx + 1 + 0.5 * k, y: y + 4 },
        );
      }
      b.path(segments);
    };
    for (let r = 0; r < 12; r++) {
      word(40, 500 - 8 * r, 2);
      word(60, 500 - 8 * r, 12);
    }
    const { zones } = ocrZones(b.build());
    expect(zones).toHaveLength(1);
    // The zone reaches the end of the long words (60 + 5 × 11 + 3.5 = 118.5 pt), not just the short ones.
    expect(zones[0]?.[2]).toBeGreaterThanOrEqual(118);
  });

  it("reads a word painted as one path (a plotter's SHX word), not a dashed line", () => {
    const b = new PageBuilder();
    b.rect(20, 20, 750, 570);
    for (let r = 0; r < 5; r++) strokedText(b, 40, 500 - 8 * r, 12);
    // One path per word: 15 letters, 75 pt wide, each letter three strokes of its own shape.
    const word: PathSegment[] = [];
    for (let i = 0; i < 15; i++) {
      const lx = 400 + 5 * i;
      const k = i % 7;
      word.push({ op: 'moveTo', x: lx, y: 300 }, { op: 'lineTo', x: lx, y: 302 + 0.5 * k });
      word.push({ op: 'moveTo', x: lx, y: 304 }, { op: 'lineTo', x: lx + 1 + 0.5 * k, y: 304 });
    }
    b.path(word);
    // A dashed line drawn as one path of like dashes, far from both.
    const dashes: PathSegment[] = [];
    for (let i = 0; i < 20; i++)
      dashes.push({ op: 'moveTo', x: 100 + 6 * i, y: 100 }, { op: 'lineTo', x: 103 + 6 * i, y: 100 });
    b.path(dashes);
    const { zones } = ocrZones(b.build());
    expect(zones.some((z) => z[0] <= 400 && z[2] >= 470 && z[1] <= 300 && z[3] >= 304)).toBe(true);
    expect(zones.some((z) => z[1] <= 100 && z[3] >= 100 && z[0] < 200)).toBe(false);
  });

  it('reads a heading whose capitals all fill one box (a monospaced SHX font) as a word, not dashes', () => {
    const b = new PageBuilder();
    b.rect(20, 20, 750, 570);
    // A table of stroked text under the heading.
    for (let r = 0; r < 5; r++) strokedText(b, 400, 480 - 8 * r, 12);
    // "LEGEND" as one path: six letters of one 4.8 × 7.2 pt box (L, E, G, E, N, D as polylines,
    // the E's bars as straight strokes), 10 pt above the table; two sizes of subpath only.
    const word: PathSegment[] = [];
    const poly = (pts: [number, number][]) =>
      pts.forEach(([x, y], i) => {
        word.push({ op: i === 0 ? 'moveTo' : 'lineTo', x, y });
      });
    const y = 500;
    const letters = [400, 407.2, 414.4, 421.6, 428.8, 436];
    for (const [i, x] of letters.entries()) {
      if (i % 2 === 0)
        poly([
          [x + 4.8, y + 7.2],
          [x, y + 7.2],
          [x, y],
          [x + 4.8, y],
        ]);
      else
        poly([
          [x, y],
          [x, y + 7.2],
          [x + 4.8, y],
          [x + 4.8, y + 7.2],
        ]);
      if (i === 1 || i === 3)
        poly([
          [x, y + 3.6],
          [x + 3.6, y + 3.6],
        ]);
    }
    b.path(word);
    const { zones } = ocrZones(b.build());
    // The zone holds the heading's letters whole, not just the table below it.
    expect(zones.some((z) => z[0] <= 400 && z[2] >= 440.8 && z[1] <= 500 && z[3] >= 507.2)).toBe(true);
  });

  it('covers the words a plotter painted as one path each, letter strokes and all', () => {
    // A schedule whose description column is painted word by word (one 40 pt path each) beside
    // a column of single letters (glyph-sized paths): the zone must hold the painted words too,
    // or OCR reads "CCT", the amps and the poles and never the descriptions.
    const b = new PageBuilder();
    b.rect(20, 20, 750, 570);
    for (let r = 0; r < 8; r++) {
      const y = 500 - 10 * r;
      strokedText(b, 40, y, 1);
      const strokes = Array.from({ length: 8 }, (_, i) => {
        const lx = 200 + 5 * i;
        const k = (i + r) % 7;
        return [
          { op: 'moveTo' as const, x: lx, y },
          { op: 'lineTo' as const, x: lx, y: y + 2 + 0.5 * k },
          { op: 'moveTo' as const, x: lx, y: y + 4 },
          { op: 'lineTo' as const, x: lx + 1 + 0.5 * k, y: y + 4 },
        ];
      }).flat();
      b.path(strokes, { stroke: true });
    }
    const { zones } = ocrZones(b.build());
    const holds = (x: number, y: number) =>
      zones.some((z) => z[0] <= x && x <= z[2] && z[1] <= y && y <= z[3]);
    for (let r = 0; r < 8; r++) {
      expect(holds(200, 500 - 10 * r)).toBe(true);
      expect(holds(238, 502 - 10 * r)).toBe(true);
    }
  });

  it('picks the dpi that draws letters about 24 px tall, within the floor and 400', () => {
    // 4.6 pt letters (CAD fine print): 24 × 72 / 4.6 ≈ 376 dpi.
    expect(dpiForLetters(4.6, 200)).toBe(376);
    expect(dpiForLetters(12, 200)).toBe(200);
    expect(dpiForLetters(1, 200)).toBe(400);
    expect(dpiForLetters(null, 200)).toBe(200);
  });
});

describe('missedShortWords', () => {
  /** An OCR word as `readMissingText` makes it: baseline 0.2 of the ink height over its bottom. */
  const ocrWord = (str: string, x: number, bottom: number, width: number, height: number): TextItem => ({
    str,
    x,
    y: bottom + 0.2 * height,
    width,
    height,
    fontSize: height / 0.72,
    angle: 0,
    fontName: 'ocr',
    source: 'ocr',
    confidence: 0.9,
  });

  it('gives the stroke circuit numbers level with a read description, not lone marks or read words', () => {
    const b = new PageBuilder();
    b.rect(20, 20, 750, 570);
    const words: TextItem[] = [];
    for (let r = 0; r < 6; r++) {
      const y = 500 - 10 * r;
      // The circuit number: one or two 4 pt digits drawn as strokes, left unread by sparse OCR.
      b.line(100, y, 100, y + 4);
      if (r % 2 === 1) b.line(102, y, 104, y + 4).line(102, y + 4, 104, y + 4);
      // The description, drawn as strokes and read by OCR.
      strokedText(b, 130, y, 6);
      words.push(ocrWord('LIGHTS', 130, y, 28, 4));
    }
    // A read word over its own strokes, and a lone mark far from any read word (a symbol's dot).
    strokedText(b, 300, 400, 2);
    words.push(ocrWord('TP', 300, 400, 8, 4));
    b.line(600, 100, 600, 104);
    const found = missedShortWords(b.build(), words, 4);
    expect(found).toHaveLength(6);
    for (const [x0, y0, x1, y1] of found) {
      expect(x0).toBeCloseTo(100, 5);
      expect(x1).toBeLessThanOrEqual(104);
      expect(y1 - y0).toBeCloseTo(4, 5);
    }
    expect(missedShortWords(b.build(), [], 4)).toEqual([]);
  });
});

describe('fontSizeOfWordBox', () => {
  it('gives a word ending in a comma the size of its neighbours (a comma hardly descends)', () => {
    // "MOUNTED" and "FIXTURE," printed at one size have ink boxes of one height.
    expect(fontSizeOfWordBox('FIXTURE,', 5)).toBeCloseTo(fontSizeOfWordBox('MOUNTED', 5));
    expect(fontSizeOfWordBox('prise', 5)).toBeLessThan(fontSizeOfWordBox('PRISE', 5));
  });
});

describe('crowdedLines', () => {
  /** A line of 4 pt stroke letters on `y` (each a full-height stem, a bar and a slanted stroke). */
  function letters(b: PageBuilder, x: number, y: number, count: number): void {
    for (let i = 0; i < count; i++) {
      const lx = x + 5 * i;
      b.line(lx, y, lx, y + 4);
      b.line(lx, y + 2, lx + 2 + 0.2 * (i % 5), y + 2);
      b.line(lx, y + 4, lx + 3, y + 0.5 * (i % 4));
    }
  }

  it('gives a band to each of two lines whose ink nearly touches, split between them', () => {
    const b = new PageBuilder();
    b.rect(20, 20, 750, 570);
    letters(b, 40, 500, 12); // "PANEL: LP-3"
    letters(b, 40, 504.3, 14); // "TOTAL: 42300 VA", 0.3 pt above it
    letters(b, 40, 480, 10); // a line of its own under them
    const bands = crowdedLines(b.build(), 4).sort((p, q) => p[1] - q[1]);
    expect(bands).toHaveLength(2);
    const [low, high] = bands as [BBox, BBox];
    // Each band holds its own line's ink and stops halfway across the 0.3 pt gap.
    expect(low[1]).toBeLessThanOrEqual(500);
    expect(low[3]).toBeCloseTo(504.15, 5);
    expect(high[1]).toBeCloseTo(504.15, 5);
    expect(high[3]).toBeGreaterThanOrEqual(508.3);
    expect(low[0]).toBeLessThanOrEqual(40);
    expect(low[2]).toBeGreaterThanOrEqual(40 + 5 * 11 + 3);
  });

  it('gives nothing for lines at an ordinary spacing, nor on a page without a letter height', () => {
    const b = new PageBuilder();
    b.rect(20, 20, 750, 570);
    for (let r = 0; r < 6; r++) letters(b, 40, 500 - 6 * r, 10); // 2 pt between lines
    expect(crowdedLines(b.build(), 4)).toEqual([]);
    expect(crowdedLines(b.build(), null)).toEqual([]);
  });
});

describe('withAccents', () => {
  const word = (str: string, x: number, bottom: number, width: number, height: number): TextItem => ({
    str,
    x,
    y: bottom + 0.2 * height,
    width,
    height,
    fontSize: height / 0.72,
    angle: 0,
    fontName: 'ocr',
    source: 'ocr',
    confidence: 0.9,
  });

  /** SHX letters 4 pt high on y 500 at a 5 pt pitch (a stem and two bars each) and the marks given. */
  function strokes(letters: number, marks: readonly [number, number, number, number][]) {
    const b = new PageBuilder();
    for (let i = 0; i < letters; i++) {
      const x = 40 + 5 * i;
      b.line(x, 500, x, 504);
      b.line(x, 504, x + 3, 504);
      b.line(x, 502, x + 2, 502);
    }
    for (const [x0, y0, x1, y1] of marks) b.line(x0, y0, x1, y1);
    return flattenPaths(b.build().paths);
  }

  it('puts back the accents OCR dropped: a rising mark acute, a falling one grave, a peak circumflex', () => {
    // "RESERVE" with an acute over its second letter.
    const acute = strokes(7, [[46, 504.4, 47, 505.3]]);
    expect(withAccents(word('RESERVE', 40, 500, 33, 4.8), acute).str).toBe('RÉSERVE');
    // "A LA" with a grave over the lone A; "BOITE" with a circumflex (two strokes) over its I.
    const grave = strokes(1, [[40.5, 505.3, 41.5, 504.4]]);
    expect(withAccents(word('A', 40, 500, 3, 4.8), grave).str).toBe('À');
    const circumflex = strokes(5, [
      [50.5, 504.4, 51.3, 505.2],
      [51.3, 505.2, 52.1, 504.4],
    ]);
    expect(withAccents(word('BOITE', 40, 500, 23, 4.8), circumflex).str).toBe('BOÎTE');
  });

  it('leaves a word with no marks, a mark over a letter taking no accent, or letters and characters that do not pair', () => {
    const plain = strokes(7, []);
    expect(withAccents(word('RESERVE', 40, 500, 33, 4.8), plain).str).toBe('RESERVE');
    const overR = strokes(7, [[41, 504.4, 42, 505.3]]);
    expect(withAccents(word('RESERVE', 40, 500, 33, 4.8), overR).str).toBe('RESERVE');
    const acute = strokes(7, [[46, 504.4, 47, 505.3]]);
    expect(withAccents(word('RESERV', 40, 500, 33, 4.8), acute).str).toBe('RESERV');
  });
});

describe('withFlaggedOnes', () => {
  const word = (str: string, x: number, width: number): TextItem => ({
    str,
    x,
    y: 500 + 0.2 * 6.3,
    width,
    height: 6.3,
    fontSize: 6.3 / 0.72,
    angle: 0,
    fontName: 'ocr',
    source: 'ocr',
    confidence: 0.8,
  });

  /** One pen stroke through the points (x, y pairs). */
  const polyline = (b: PageBuilder, xy: readonly number[]) =>
    b.path(
      Array.from({ length: xy.length / 2 }, (_, i) => ({
        op: i === 0 ? ('moveTo' as const) : ('lineTo' as const),
        x: xy[2 * i] ?? 0,
        y: xy[2 * i + 1] ?? 0,
      })),
    );

  /** "HA" in plotter strokes on y 500, 6.3 pt high, then the third glyph drawn by `third` at x 97.75. */
  function page(third: (b: PageBuilder) => void) {
    const b = new PageBuilder();
    b.line(84.1, 500, 84.1, 506.3);
    b.line(84.1, 503.15, 88.3, 503.15);
    b.line(88.3, 500, 88.3, 506.3);
    polyline(b, [90.4, 500, 92.5, 506.3, 94.6, 500]);
    b.line(90.4, 503.15, 94.6, 503.15);
    third(b);
    return flattenPaths(b.build().paths);
  }

  it('reads a flagged stem read as "I" as the one it is ("HAI" → "HA1")', () => {
    const one = page((b) => {
      polyline(b, [97.75, 505.25, 98.8, 506.3, 98.8, 500]);
      b.line(97.75, 500, 99.85, 500);
    });
    expect(withFlaggedOnes(word('HAI', 84, 16), one).str).toBe('HA1');
  });

  it('leaves an I drawn as a stem between two bars, and a word whose glyphs do not pair with its letters', () => {
    const letterI = page((b) => {
      b.line(97.75, 506.3, 99.85, 506.3);
      b.line(97.75, 500, 99.85, 500);
      b.line(98.8, 500, 98.8, 506.3);
    });
    expect(withFlaggedOnes(word('HAI', 84, 16), letterI).str).toBe('HAI');
    const one = page((b) => {
      polyline(b, [97.75, 505.25, 98.8, 506.3, 98.8, 500]);
      b.line(97.75, 500, 99.85, 500);
    });
    expect(withFlaggedOnes(word('HI', 84, 16), one).str).toBe('HI');
  });
});

describe('withSixesAndNines', () => {
  // Plotter glyphs 6 pt high and 4 pt wide on the baseline y = 500, one every 6 pt from x = 100.
  const word = (str: string): TextItem => ({
    str,
    x: 100,
    y: 500,
    width: 6 * str.length - 2,
    height: 6,
    fontSize: 6 / 0.72,
    angle: 0,
    fontName: 'ocr',
    source: 'ocr',
    confidence: 0.7,
  });
  /** One pen stroke through grid points (0…4 across, 0…6 up) of the glyph at `slot`. */
  const stroke = (b: PageBuilder, slot: number, grid: readonly number[]) =>
    b.path(
      Array.from({ length: grid.length / 2 }, (_, i) => ({
        op: i === 0 ? ('moveTo' as const) : ('lineTo' as const),
        x: 100 + 6 * slot + (grid[2 * i] ?? 0),
        y: 500 + (grid[2 * i + 1] ?? 0),
      })),
    );
  const letterC = (b: PageBuilder, slot: number) =>
    stroke(b, slot, [4, 5, 3, 6, 1, 6, 0, 5, 0, 1, 1, 0, 3, 0, 4, 1]);
  const one = (b: PageBuilder, slot: number) => {
    stroke(b, slot, [1, 5, 2, 6, 2, 0]);
    stroke(b, slot, [1, 0, 3, 0]);
  };
  const six = (b: PageBuilder, slot: number) =>
    stroke(b, slot, [3, 6, 1, 6, 0, 5, 0, 1, 1, 0, 3, 0, 4, 1, 4, 2, 3, 3, 0, 3]);
  const nine = (b: PageBuilder, slot: number) =>
    stroke(b, slot, [4, 3, 1, 3, 0, 4, 0, 5, 1, 6, 3, 6, 4, 5, 4, 1, 3, 0, 1, 0]);
  const zero = (b: PageBuilder, slot: number) =>
    stroke(b, slot, [1, 0, 0, 1, 0, 5, 1, 6, 3, 6, 4, 5, 4, 1, 3, 0, 1, 0]);
  const strokesOf = (...glyphs: ((b: PageBuilder, slot: number) => void)[]) => {
    const b = new PageBuilder();
    for (const [slot, glyph] of glyphs.entries()) glyph(b, slot);
    return flattenPaths(b.build().paths);
  };

  it('reads a six read as "e" or "0" as the six it is ("C1e" → "C16", "10" → "16")', () => {
    expect(withSixesAndNines(word('C1e'), strokesOf(letterC, one, six)).str).toBe('C16');
    expect(withSixesAndNines(word('10'), strokesOf(one, six)).str).toBe('16');
    expect(withSixesAndNines(word('1o'), strokesOf(one, nine)).str).toBe('19');
  });

  it('leaves a zero closed on both sides, and words that are not numbers', () => {
    expect(withSixesAndNines(word('C1e'), strokesOf(letterC, one, zero)).str).toBe('C1e');
    expect(withSixesAndNines(word('10'), strokesOf(one, zero)).str).toBe('10');
    // "CO" read over C and 6: not a number, left as read.
    expect(withSixesAndNines(word('CO'), strokesOf(letterC, six)).str).toBe('CO');
    // A word whose characters do not pair with its glyphs.
    expect(withSixesAndNines(word('1e'), strokesOf(letterC, one, six)).str).toBe('1e');
  });
});

describe('wantsUpwardReading', () => {
  const word = (str: string, x: number, y: number): TextItem => ({
    str,
    x,
    y,
    width: str.length * 4,
    height: 7,
    fontSize: 7,
    angle: 0,
    fontName: 'ocr',
    source: 'ocr',
  });

  it('reads a page again turned when its words name a board and its supply', () => {
    const words = [
      word('DB-GF', 100, 500),
      word('MAIN', 130, 500),
      word('400V', 100, 490),
      word('3PH+N+E', 125, 490),
    ];
    expect(wantsUpwardReading(words)).toBe(true);
  });

  it('reads a board whose circuit table was read once', () => {
    const words = [
      word('DB-GF', 100, 500),
      word('400V', 100, 490),
      word('3PH+N+E', 125, 490),
      word('CCT', 100, 470),
      word('DESCRIPTION', 130, 470),
      word('MCB', 200, 470),
      word('1', 100, 460),
      word('LIGHTS', 130, 460),
      word('10', 200, 460),
      word('2', 100, 450),
      word('PLUGS', 130, 450),
      word('20', 200, 450),
    ];
    expect(wantsUpwardReading(words)).toBe(false);
  });

  it('reads a plan that only shows where a board stands once', () => {
    const words = [word('DB-1', 100, 500), word('KITCHEN', 300, 300), word('20A', 200, 200)];
    expect(wantsUpwardReading(words)).toBe(false);
  });
});
