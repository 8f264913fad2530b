import { applySimilarity } from '@saeq/plan-analysis';
import { describe, expect, it } from 'vitest';
import {
  applyMatrix,
  CHANGE_STYLES,
  markAt,
  marksOfPair,
  revisedToFrame,
  sheetOrder,
  tallyMarks,
  tallyRows,
} from '../src/comparison-overlay.ts';
import { formatSignedCents, formatSignedNumber } from '../src/format.ts';
import type { SymbolChange } from '../src/types.ts';
import { contrastOnWhite } from './contrast.ts';

const NBSP = '\u00a0';

describe('comparison overlay', () => {
  it('registers revised top-left points exactly as the server’s similarity (revised → base page space)', () => {
    // A re-plot: 1.5 % larger, turned 0.8°, shifted; base 1224 × 792 pt, revised 1242 × 804 pt.
    const reg = { scale: 1 / 1.015, rotationDeg: 0.8, tx: -13.2, ty: 9.4 };
    const heights = { base: 792, revised: 804 };
    const m = revisedToFrame(reg, heights.revised, heights.base);
    for (const [x, y] of [
      [0, 0],
      [612, 396],
      [1200.5, 35.25],
      [48, 780],
    ] as const) {
      const [bx, by] = applySimilarity(
        { scale: reg.scale, rotationRad: (reg.rotationDeg * Math.PI) / 180, tx: reg.tx, ty: reg.ty },
        x,
        y,
      );
      const shown = applyMatrix(m, x, heights.revised - y);
      expect(shown.x).toBeCloseTo(bx, 9);
      expect(shown.y).toBeCloseTo(heights.base - by, 9);
    }
  });

  it('places removed symbols on the base page, added and moved ones through the registration', () => {
    // Revised = base shifted by (+10, −4) pt: registration revised → base is t = (−10, +4).
    const pair = {
      basePage: 1,
      revisedPage: 2,
      registration: { scale: 1, rotationDeg: 0, tx: -10, ty: 4 },
    } as const;
    const symbols: SymbolChange[] = [
      { change: 'removed', type: 'switch', page: 1, x: 100, y: 700, room: 'SALON' },
      { change: 'added', type: 'receptacle', page: 2, x: 210, y: 496, room: 'CUISINE' },
      {
        change: 'moved',
        type: 'luminaire',
        page: 2,
        x: 410,
        y: 296,
        room: null,
        from: { page: 1, x: 300, y: 300 },
        distancePt: 100,
      },
      // Other pages of the set: not on this pair.
      { change: 'removed', type: 'switch', page: 2, x: 1, y: 1, room: null },
      { change: 'added', type: 'switch', page: 1, x: 1, y: 1, room: null },
    ];
    const marks = marksOfPair(symbols, pair, { base: 792, revised: 792 });
    expect(marks).toEqual([
      { change: 'removed', type: 'switch', room: 'SALON', x: 100, y: 92, index: 0 },
      // (210 − 10, 496 + 4) = (200, 500) base page space → y = 792 − 500 = 292
      { change: 'added', type: 'receptacle', room: 'CUISINE', x: 200, y: 292, index: 1 },
      // (410 − 10, 296 + 4) = (400, 300) → 100 pt right of where it was
      { change: 'moved', type: 'luminaire', room: null, x: 400, y: 492, from: { x: 300, y: 492 }, index: 2 },
    ]);
    expect(tallyMarks(marks)).toEqual({ added: 1, removed: 1, moved: 1 });
  });

  it('draws a sheet added in the revised set in its own frame (no base page, no registration)', () => {
    const marks = marksOfPair(
      [{ change: 'added', type: 'receptacle', page: 2, x: 50, y: 600, room: null }],
      { basePage: null, revisedPage: 2, registration: null },
      { base: 0, revised: 612 },
    );
    expect(marks).toEqual([{ change: 'added', type: 'receptacle', room: null, x: 50, y: 12, index: 0 }]);
  });

  it('gives each kind of change its own colour (≥ 4.5:1 on white), shape and sign', () => {
    const styles = Object.values(CHANGE_STYLES);
    for (const s of styles) expect(contrastOnWhite(s.color), s.color).toBeGreaterThanOrEqual(4.5);
    expect(new Set(styles.map((s) => s.shape)).size).toBe(3);
    expect(new Set(styles.map((s) => s.sign)).size).toBe(3);
    expect(new Set(styles.map((s) => s.color)).size).toBe(3);
  });

  it('picks the mark nearest to a click, within the marker’s radius', () => {
    const marks = [
      { x: 100, y: 100, change: 'added' as const },
      { x: 112, y: 100, change: 'removed' as const },
    ];
    expect(markAt(marks, { x: 107, y: 100 }, 9)?.change).toBe('removed'); // 5 pt from the second, 7 from the first
    expect(markAt(marks, { x: 100, y: 91 }, 9)?.change).toBe('added'); // exactly on the radius
    expect(markAt(marks, { x: 100, y: 80 }, 9)).toBeNull();
  });

  it('opens a multi-sheet set on its first changed sheet, unchanged sheets listed last', () => {
    expect(
      sheetOrder([
        { change: 'unchanged' },
        { change: 'modified' },
        { change: 'unchanged' },
        { change: 'added' },
      ]),
    ).toEqual([1, 3, 0, 2]);
    expect(sheetOrder([{ change: 'unchanged' }])).toEqual([0]);
  });

  it('orders tally rows by number of changes, with the net change in count', () => {
    expect(
      tallyRows({
        switch: { added: 0, removed: 1, moved: 0 },
        receptacle: { added: 2, removed: 0, moved: 1 },
        luminaire: { added: 1, removed: 0, moved: 0 },
      }),
    ).toEqual([
      { key: 'receptacle', added: 2, removed: 0, moved: 1, net: 2 },
      { key: 'luminaire', added: 1, removed: 0, moved: 0, net: 1 },
      { key: 'switch', added: 0, removed: 1, moved: 0, net: -1 },
    ]);
  });

  it('formats deltas in cents with their sign, in fr-CA and en-CA', () => {
    // 123 456 cents = 1 234,56 $; fr-CA groups with a narrow no-break space.
    expect(formatSignedCents(123_456, 'fr').replace(/[\u202f\u00a0]/g, ' ')).toBe('+1 234,56 $');
    expect(formatSignedCents(-1200, 'en')).toBe('-$12.00');
    expect(formatSignedCents(0, 'fr')).toBe(`0,00${NBSP}$`);
    expect(formatSignedNumber(-3, 'fr')).toBe('-3');
    expect(formatSignedNumber(2, 'en')).toBe('+2');
  });
});
