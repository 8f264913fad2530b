import { describe, expect, it } from 'vitest';
import type { BBox, TextItem } from './primitives.ts';
import { groupTextLines, splitAtRules, textInReadingOrder, textItemBBox } from './text-lines.ts';

const item = (str: string, x: number, y: number, fontSize = 10, angle = 0): TextItem => ({
  str,
  x,
  y,
  width: str.length * fontSize * 0.5,
  height: fontSize,
  fontSize,
  angle,
  fontName: 'F1',
});

/** A word drawn letter by letter along a baseline turned by `angle` degrees, as CAD exports text. */
function letters(word: string, x: number, y: number, fontSize: number, angle: number): TextItem[] {
  const rad = (angle * Math.PI) / 180;
  const advance = 0.72 * fontSize;
  return [...word].map((ch, k) => ({
    ...item(ch, x + k * advance * Math.cos(rad), y + k * advance * Math.sin(rad), fontSize, angle),
    width: advance,
  }));
}

describe('groupTextLines', () => {
  it('keeps letter-by-letter labels of a plan turned 8.19° whole, beside a label on a close baseline', () => {
    // Two labels of the turned plan (positions of a real export) whose baselines are 2.9 pt
    // apart, just within 0.4 em of 7.5 pt, but far apart along them. Framed at the rounded 8°,
    // the baselines drift: the first letter of CHAMBRE fell out of its own line.
    const angle = 8.19;
    const lines = groupTextLines([
      ...letters('SALON', 434.3, 483.11, 7.5, angle),
      ...letters('CHAMBRE 2', 683.89, 515.23, 7.5, angle),
    ]);
    expect(lines.map((l) => l.text).sort()).toEqual(['CHAMBRE 2', 'SALON']);
  });

  it('joins runs on one baseline and inserts a space at word gaps', () => {
    // "PRISE" ends at 10 + 5×5 = 35; "DUPLEX" starts 3 pt later (> 0.15 em) → a space.
    const lines = groupTextLines([item('PRISE', 10, 100), item('DUPLEX', 38, 100.5)]);
    expect(lines.map((l) => l.text)).toEqual(['PRISE DUPLEX']);
  });

  it('starts a new line at a gap wider than maxGapEm', () => {
    // Gap 20 pt = 2 em at 10 pt: two labels at the same height.
    const lines = groupTextLines([item('CUISINE', 0, 50), item('SALON', 55, 50)]);
    expect(lines.map((l) => l.text)).toEqual(['CUISINE', 'SALON']);
  });

  it('keeps apart runs of very different sizes and runs drawn over each other', () => {
    const lines = groupTextLines([
      item('BDRM 1', 20, 50, 8),
      item('P1-30', 0, 50, 5),
      item('LAV.', 22, 50, 8),
    ]);
    expect(lines.map((l) => l.text).sort()).toEqual(['BDRM 1', 'LAV.', 'P1-30']);
  });

  it('orders lines top to bottom, then left to right, horizontal text first', () => {
    const text = textInReadingOrder([
      item('bas', 0, 10),
      item('vertical', 300, 300, 10, 90),
      item('haut droite', 200, 100),
      item('haut', 0, 100),
    ]);
    expect(text).toBe('haut\nhaut droite\nbas\nvertical');
  });

  it('boxes rotated text along its baseline', () => {
    // Angle 90: the run goes up from (100, 100) for 20 pt; ascent 8 pt extends to −x.
    const [x0, y0, x1, y1] = textItemBBox(item('ABCD', 100, 100, 10, 90));
    expect([x0, y0, x1, y1].map((v) => Math.round(v * 100) / 100)).toEqual([92, 100, 102, 120]);
  });
});

describe('splitAtRules', () => {
  it('splits a line where a cell border runs past its words, not at a letter stroke', () => {
    const items = ['AMP', 'P', 'P', 'AMP'].map((str, i) => ({
      str,
      x: 100 + 14 * i,
      y: 500,
      width: str.length * 3,
      height: 5,
      fontSize: 5,
      angle: 0,
      fontName: 'ocr',
    }));
    const [line] = groupTextLines(items, { maxGapEm: 3 });
    expect(line?.text).toBe('AMP P P AMP');
    const borders: BBox[] = [
      [112, 490, 112, 510],
      [126, 490, 126, 510],
      [140, 490, 140, 510],
    ];
    expect(splitAtRules(line ? [line] : [], borders).map((l) => l.text)).toEqual(['AMP', 'P', 'P', 'AMP']);
    // A vertical stroke no taller than the words is a glyph of outlined text, not a border.
    const strokes: BBox[] = [[126, 499, 126, 504]];
    expect(splitAtRules(line ? [line] : [], strokes).map((l) => l.text)).toEqual(['AMP P P AMP']);
  });
});
