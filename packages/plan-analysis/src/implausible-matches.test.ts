import type { DeviceType } from '@saeq/shared/contracts/plan-analysis';
import { describe, expect, it } from 'vitest';
import { D4_OPS, flattenPaths, type Subpath } from './geometry.ts';
import {
  rejectImplausibleMatches,
  withoutOcrWordLetters,
  withoutWiredThrough,
} from './implausible-matches.ts';
import type { LegendSymbol } from './legend.ts';
import type { SymbolMatch } from './match-symbols.ts';
import type { BBox } from './primitives.ts';
import { PageBuilder } from './testing/page-builder.ts';

const identity = D4_OPS[0] ?? { rotation: 0, mirrored: false, m: [1, 0, 0, 1] };

function entry(symbolId: string, type: DeviceType, label = symbolId): LegendSymbol {
  return {
    symbolId,
    label,
    type,
    template: { subpaths: [], texts: [], bbox: [-5, -5, 5, 5], size: 10, anchor: [0, 0] },
    bboxOnPage: [0, 0, 10, 10],
    page: 1,
  };
}

/** `n` matches of `e`, `size` points square, on a grid with `pitch` points between them. */
function matchesOf(e: LegendSymbol, n: number, size: number, pitch = 30, y0 = 100): SymbolMatch[] {
  return Array.from({ length: n }, (_, i) => {
    const x = 50 + (i % 30) * pitch;
    const y = y0 + Math.floor(i / 30) * pitch;
    return {
      entry: e,
      placement: { g: identity, s: 1, tx: x, ty: y },
      bbox: [x - size / 2, y - size / 2, x + size / 2, y + size / 2],
      x,
      y,
      coverage: 1,
      unexplained: 0,
      score: 10,
      confidence: 0.9,
    };
  });
}

const TABLOID = 1224 * 792; // pt²

describe('rejectImplausibleMatches', () => {
  it('keeps the densest real layout seen (34 receptacles of 16 pt on a tabloid sheet)', () => {
    // 34 × 16² / 969 408 = 0.9 % of the sheet
    const receptacle = entry('p1-s1', 'receptacle');
    const { kept, rejected } = rejectImplausibleMatches(matchesOf(receptacle, 34, 16), {
      drawingArea: TABLOID,
      textRuns: [],
    });
    expect(kept).toHaveLength(34);
    expect(rejected).toEqual([]);
  });

  it('rejects an entry whose matches would cover more than 3 % of the drawing (hatching)', () => {
    // 600 × 8² / 969 408 = 4.0 %
    const hatch = entry('p1-s2', 'luminaire', 'WALL PACK');
    const receptacle = entry('p1-s1', 'receptacle');
    const { kept, rejected } = rejectImplausibleMatches(
      [...matchesOf(hatch, 600, 8, 10), ...matchesOf(receptacle, 12, 16, 30, 600)],
      { drawingArea: TABLOID, textRuns: [] },
    );
    expect(rejected).toEqual([{ symbolId: 'p1-s2', label: 'WALL PACK', count: 600, reason: 'density' }]);
    expect(kept.map((m) => m.entry.symbolId)).toEqual(Array(12).fill('p1-s1'));
  });

  it('rejects a letter-shaped entry whose matches sit inside words drawn as strokes', () => {
    const letter = entry('p1-s3', 'other', 'SPECIAL OUTLET');
    const found = matchesOf(letter, 40, 5);
    // One word read by OCR over every pair of matches (6 letters, 40 pt wide).
    const textRuns = found.map((m) => ({
      text: 'OFFICE',
      bbox: [m.x - 10, m.y - 3, m.x + 30, m.y + 3] as [number, number, number, number],
    }));
    const { kept, rejected } = rejectImplausibleMatches(found, { drawingArea: TABLOID, textRuns });
    expect(kept).toEqual([]);
    expect(rejected.map((r) => r.reason)).toEqual(['text_glyphs']);
  });

  it('keeps symbols carrying a short code of their own ("GFI" no wider than the symbol)', () => {
    const gfci = entry('p1-s4', 'receptacle_gfci');
    const found = matchesOf(gfci, 25, 16);
    const textRuns = found.map((m) => ({
      text: 'GFI',
      bbox: [m.x - 6, m.y - 3, m.x + 6, m.y + 3] as [number, number, number, number],
    }));
    expect(rejectImplausibleMatches(found, { drawingArea: TABLOID, textRuns }).rejected).toEqual([]);
  });

  it('rejects a generic entry outnumbering twice every typed device of the sheet, not a typed one', () => {
    const generic = entry('p1-s5', 'other', 'DEVICE');
    const receptacle = entry('p1-s1', 'receptacle');
    const few = matchesOf(receptacle, 14, 16, 30, 600);
    // 31 `other` > 2 × 14 typed
    const judged = rejectImplausibleMatches([...matchesOf(generic, 31, 10), ...few], {
      drawingArea: TABLOID,
      textRuns: [],
    });
    expect(judged.rejected.map((r) => [r.symbolId, r.reason])).toEqual([['p1-s5', 'outnumbers_devices']]);
    // The same count of a typed entry (recessed luminaires on a lighting sheet) is plausible.
    const recessed = entry('p1-s6', 'luminaire_recessed');
    expect(
      rejectImplausibleMatches([...matchesOf(recessed, 31, 10), ...few], {
        drawingArea: TABLOID,
        textRuns: [],
      }).rejected,
    ).toEqual([]);
  });
});

describe('withoutWiredThrough', () => {
  const isolator = entry('p1-s3', 'other', 'ISOLATOR');
  /** A 10 pt symbol centred on (x, y). */
  const at = (x: number, y: number): SymbolMatch => ({
    ...(matchesOf(isolator, 1, 10)[0] as SymbolMatch),
    x,
    y,
    bbox: [x - 5, y - 5, x + 5, y + 5],
  });

  it('drops the symbols a wire runs through (three ways of a board), keeps the device a wire ends on', () => {
    const b = new PageBuilder(1200, 800);
    // Three ways drawn across (wire in from the left, out on the right), one drawn upright.
    for (const y of [100, 140, 180]) b.line(20, y, 95, y).line(105, y, 300, y);
    b.line(400, 20, 400, 95).line(400, 105, 400, 300);
    // A receptacle at the end of its wire: nothing leaves it on the far side.
    b.line(500, 500, 595, 500);
    // A wire on the far side only, or too short (less than twice the symbol), does not count.
    b.line(705, 600, 900, 600).line(790, 650, 795, 650).line(805, 650, 812, 650);
    const subpaths = flattenPaths(b.build().paths);
    const ways = [at(100, 100), at(100, 140), at(100, 180), at(400, 100)];
    const kept = [at(600, 500), at(700, 600), at(800, 650)];
    expect(withoutWiredThrough([...ways, ...kept], subpaths)).toEqual(kept);
    // Fewer than three wired through: a wall that happens to cross a symbol, all kept.
    expect(withoutWiredThrough([ways[0] as SymbolMatch, ...kept], subpaths)).toHaveLength(4);
  });

  it('answers within seconds among 200 000 one-stroke hatching paths and 5 000 symbols', () => {
    // Some CAD exports write every stroke as its own path: each one is a possible wire. Every
    // symbol scanned every stroke (10⁹ tests here: minutes).
    const b = new PageBuilder(2384, 1684);
    for (let k = 0; k < 100_000; k++) {
      const x = (k % 400) * 5;
      const y = Math.floor(k / 400) * 6;
      b.line(x, y, x + 4, y).line(x, y, x, y + 2.5);
    }
    for (const y of [1650, 1660, 1670]) b.line(2000, y, 2095, y).line(2105, y, 2300, y);
    const subpaths = flattenPaths(b.build().paths);
    const symbols = Array.from({ length: 5000 }, (_, i) =>
      at(7 + (i % 100) * 20, 7 + Math.floor(i / 100) * 30),
    );
    const ways = [1650, 1660, 1670].map((y) => at(2100, y));
    const started = performance.now();
    const kept = withoutWiredThrough([...symbols, ...ways], subpaths);
    const elapsed = performance.now() - started;
    expect(kept).toHaveLength(5000);
    // The bound leaves room for a loaded machine; the scan before needed minutes.
    expect(elapsed).toBeLessThan(10_000);
  });
});

describe('withoutOcrWordLetters', () => {
  it('drops the matches that are letters of words read by OCR and keeps the symbols standing alone', () => {
    // A switch drawn as an "S" of strokes: 30 matches, 24 of them the S of stroked words.
    const sw = entry('p1-s1', 'switch', 'SWITCH');
    const found = matchesOf(sw, 30, 5);
    const words = found.slice(0, 24).map((m) => ({
      text: 'SALLE',
      bbox: [m.x - 2, m.y - 3, m.x + 25, m.y + 3] as [number, number, number, number],
    }));
    // A code of the symbol's own ("GFI", no wider than twice the match) and a two-letter word
    // ("S3": OCR reading the symbol itself) are not words the symbol stands in.
    const around = (m: SymbolMatch | undefined, left: number, right: number): BBox => [
      (m?.x ?? 0) - left,
      (m?.y ?? 0) - 3,
      (m?.x ?? 0) + right,
      (m?.y ?? 0) + 3,
    ];
    const own = [
      { text: 'GFI', bbox: around(found[24], 4, 4) },
      { text: 'S3', bbox: around(found[25], 2, 20) },
    ];
    const kept = withoutOcrWordLetters(found, [...words, ...own]);
    expect(kept).toEqual(found.slice(24));
    // Nothing read by OCR: nothing dropped.
    expect(withoutOcrWordLetters(found, [])).toHaveLength(30);
  });
});

describe('withoutOcrWordLetters on small print OCR did not read', () => {
  /** A stroke as `flattenPaths` gives it (only its box matters here). */
  const stroke = (x0: number, y0: number, x1: number, y1: number): Subpath => ({
    points: [x0, y0, x1, y1],
    closed: false,
    curved: false,
    bbox: [x0, y0, x1, y1],
    length: Math.hypot(x1 - x0, y1 - y0),
    stroked: true,
    filled: false,
    dashed: false,
    pathIndex: 0,
    strokeColor: '#000000',
    fillColor: '#000000',
  });

  it('drops an "S" with letters on both sides or three in a row, and keeps one with a mark beside it', () => {
    const sw = entry('p1-s1', 'switch', 'SWITCH');
    // Four "S" matches 4 pt high at y 100–104.
    const found = [100, 200, 300, 400].map((x): SymbolMatch => {
      const [m] = matchesOf(sw, 1, 4, 30, 102);
      return { ...(m as SymbolMatch), x, y: 102, bbox: [x - 1.5, 100, x + 1.5, 104] };
    });
    const letter = (x: number) => stroke(x, 100, x, 104);
    const strokes = [
      // x 100: in a word, a letter before and a hyphen after (…E S-…).
      letter(97),
      stroke(102.5, 102, 104, 102),
      // x 200: the last letter of a word, three letters before it.
      letter(197),
      letter(194.5),
      letter(192),
      // x 300: a switch with its "3" beside it; x 400: a switch on its own.
      letter(303),
      stroke(303, 100, 305, 100),
    ];
    const ocrWords = [{ text: 'TITLE', bbox: [900, 900, 950, 910] as BBox }];
    const kept = withoutOcrWordLetters(found, ocrWords, strokes);
    expect(kept.map((m) => m.x)).toEqual([300, 400]);
  });
});
