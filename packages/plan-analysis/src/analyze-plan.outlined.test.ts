import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import { fontSizeOfWordBox } from './ocr-text.ts';
import type { ExtractedDocument } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';

/**
 * Issue 16, failure class 3: a sheet whose text is drawn as strokes (AutoCAD SHX fonts) has no
 * text layer; OCR reads its words, one text item per word, while the strokes stay in the
 * drawing. The legend table must still be read from the OCR words and the strokes under them.
 */

const CAP = 5; // cap height of the stroked font, points
const PITCH = 5; // advance per letter, points

/** One word drawn as SHX-like strokes (no text layer) and the OCR word read over it. */
function ocrWord(b: PageBuilder, str: string, x: number, y: number, confidence = 0.9): number {
  for (let i = 0; i < str.length; i++) {
    const lx = x + PITCH * i;
    const k = i % 4;
    b.line(lx, y, lx, y + CAP);
    b.line(lx, y + CAP, lx + 3, y + CAP - 0.5 * k);
    b.line(lx, y + 0.5 * CAP, lx + 2 + 0.3 * k, y + 0.5 * CAP);
  }
  const width = PITCH * str.length - 1;
  // What the worker makes of a word box: the box spans the ink, the size comes from its height.
  b.textItems.push({
    str,
    x,
    y,
    width,
    height: CAP,
    fontSize: fontSizeOfWordBox(str, CAP),
    angle: 0,
    fontName: 'ocr',
    source: 'ocr',
    confidence,
  });
  return x + width + 1 + PITCH; // one letter of space after the word
}

/** Words of one phrase, left to right. */
function ocrPhrase(b: PageBuilder, phrase: string, x: number, y: number): void {
  let at = x;
  for (const w of phrase.split(' ')) at = ocrWord(b, w, at, y);
}

describe('outlined legend read by OCR', () => {
  it('reads a bordered legend table whose title sits in its own cell and whose words are strokes', () => {
    const b = new PageBuilder(1224, 792);
    // Table: a title cell on top (a frame holding the heading alone), then a frame with a header
    // row and three rows; columns SYMBOL | DESCRIPTION | MOUNTING.
    const x0 = 800;
    const x1 = 1150;
    const top = 700;
    const rowH = 20;
    b.rect(x0, top, x1 - x0, 20);
    ocrPhrase(b, 'SYMBOL LEGEND', 930, top + 7);
    b.rect(x0, top - 4 * rowH, x1 - x0, 4 * rowH);
    for (let r = 1; r < 4; r++) b.line(x0, top - r * rowH, x1, top - r * rowH);
    b.line(840, top - 4 * rowH, 840, top);
    b.line(1060, top - 4 * rowH, 1060, top);
    ocrWord(b, 'SYMBOL', 803, top - 13);
    ocrWord(b, 'DESCRIPTION', 845, top - 13);
    ocrWord(b, 'MOUNTING', 1065, top - 13);
    const mid = (i: number) => top - rowH * i - rowH / 2;
    drawSymbol.receptacle(b, place(820, mid(1) - 2));
    // OCR reads the receptacle's strokes as a letter: the strokes are the symbol, not the letter.
    b.textItems.push({
      str: 'Ô',
      x: 816,
      y: mid(1) - 5,
      width: 8,
      height: 9,
      fontSize: fontSizeOfWordBox('Ô', 9),
      angle: 0,
      fontName: 'ocr',
      source: 'ocr',
      confidence: 0.44,
    });
    ocrPhrase(b, 'DUPLEX RECEPTACLE', 845, mid(1) - 2.5);
    ocrPhrase(b, '+300 MM', 1065, mid(1) - 2.5);
    drawSymbol.luminaire(b, place(820, mid(2)));
    ocrPhrase(b, 'CEILING LUMINAIRE', 845, mid(2) - 2.5);
    ocrPhrase(b, 'CEILING', 1065, mid(2) - 2.5);
    drawSymbol.heater(b, place(820, mid(3), 0, 0.8));
    ocrPhrase(b, 'ELECTRIC BASEBOARD HEATER', 845, mid(3) - 2.5);
    ocrPhrase(b, 'FLOOR', 1065, mid(3) - 2.5);

    // The floor plan.
    b.rect(50, 50, 600, 500, { lineWidth: 1 });
    drawSymbol.receptacle(b, place(100, 100));
    drawSymbol.receptacle(b, place(300, 60, 90));
    drawSymbol.receptacle(b, place(500, 300, 180));
    drawSymbol.luminaire(b, place(200, 200));
    drawSymbol.luminaire(b, place(400, 400));
    drawSymbol.heater(b, place(300, 480));
    ocrPhrase(b, 'BEDROOM', 250, 350);

    const doc: ExtractedDocument = { pageCount: 1, pages: [b.build()], warnings: [] };
    const analysis = analyzePlan(doc, { locale: 'en' });
    expect(analysis.pages[0]?.legend.map((e) => [e.label, e.type])).toEqual([
      ['DUPLEX RECEPTACLE', 'receptacle'],
      ['CEILING LUMINAIRE', 'luminaire'],
      ['ELECTRIC BASEBOARD HEATER', 'baseboard_heater'],
    ]);
    expect(analysis.counts.byType).toEqual({ receptacle: 3, luminaire: 2, baseboard_heater: 1 });
    expect(analysis.warnings.map((w) => w.code)).toContain('ocr_text');
  });
});

describe('numbers in a stroked description', () => {
  /**
   * A narrow digit drawn as one stroke in its letter cell: OCR's box holds its ink only, so the
   * gaps around it look wider than a word space.
   */
  function ocrDigitOne(b: PageBuilder, x: number, y: number): number {
    b.line(x + 2, y, x + 2, y + CAP);
    b.textItems.push({
      str: '1',
      x: x + 1.6,
      y,
      width: 0.8,
      height: CAP,
      fontSize: fontSizeOfWordBox('1', CAP),
      angle: 0,
      fontName: 'ocr',
      source: 'ocr',
      confidence: 0.92,
    });
    return x + PITCH + 1 + PITCH;
  }

  /** A 1-lever switch: a small circle and its lever. */
  function leverSwitch(b: PageBuilder, cx: number, cy: number): void {
    b.circle(cx, cy, 1.6);
    b.line(cx + 1.1, cy + 1.1, cx + 4, cy + 4);
    b.line(cx + 4, cy + 4, cx + 5.5, cy + 3);
  }

  it('reads "1 LEVER 1 WAY" whole and keeps the digits\' strokes out of the symbol', () => {
    const b = new PageBuilder(1224, 792);
    ocrWord(b, 'LEGEND', 900, 700);
    const rows: [number, string][] = [
      [680, '2'],
      [662, '1'],
    ];
    for (const [y, ways] of rows) {
      leverSwitch(b, 905, y + 2.5);
      let at = ocrDigitOne(b, 930, y);
      at = ocrWord(b, 'LEVER', at, y);
      at = ways === '1' ? ocrDigitOne(b, at, y) : ocrWord(b, ways, at, y);
      ocrPhrase(b, 'WAY LIGHT SWITCH', at, y);
    }
    // The floor plan: three switches, and a room numbered with the same narrow "1".
    b.rect(50, 50, 600, 500, { lineWidth: 1 });
    leverSwitch(b, 100, 100);
    leverSwitch(b, 300, 200);
    leverSwitch(b, 500, 400);
    const at = ocrWord(b, 'OFFICE', 250, 350);
    ocrDigitOne(b, at, 350);
    ocrDigitOne(b, 200, 450);

    const doc: ExtractedDocument = { pageCount: 1, pages: [b.build()], warnings: [] };
    const analysis = analyzePlan(doc, { locale: 'en' });
    expect(analysis.pages[0]?.legend.map((e) => [e.label, e.type])).toEqual([
      ['1 LEVER 2 WAY LIGHT SWITCH', 'switch_3way'],
      ['1 LEVER 1 WAY LIGHT SWITCH', 'switch'],
    ]);
    // Both entries draw the same switch: the plan's three are counted once each, and no "1" is.
    const counted = analysis.pages[0]?.symbols.map((s) => [Math.round(s.x), Math.round(s.y)]) ?? [];
    expect(counted.sort((p, q) => (p[0] ?? 0) - (q[0] ?? 0))).toEqual([
      [102, 101],
      [302, 201],
      [502, 401],
    ]);
  });
});

describe('fontSizeOfWordBox', () => {
  it('takes a box of capitals for the cap height and one with descenders for the full size', () => {
    expect(fontSizeOfWordBox('DUPLEX', 7.2)).toBeCloseTo(10);
    expect(fontSizeOfWordBox('prise', 9.5)).toBeCloseTo(10);
  });
});

describe('symbols read by OCR as letters', () => {
  it('counts a symbol whose own strokes OCR read as a letter, and still not one with a printed code', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    drawSymbol.receptacle(b, place(612, 548));
    b.text('DUPLEX RECEPTACLE', 640, 545, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    drawSymbol.receptacle(b, place(100, 100));
    drawSymbol.receptacle(b, place(200, 100));
    // OCR of a sheet without a text layer reads the receptacle's circle as a "Q".
    for (const x of [100, 200])
      b.textItems.push({
        str: 'Q',
        x: x - 4,
        y: 97,
        width: 8,
        height: 8,
        fontSize: 8,
        angle: 0,
        fontName: 'ocr',
        source: 'ocr',
        confidence: 0.6,
      });
    // A code printed in the text layer inside a symbol marks another device: not a receptacle.
    drawSymbol.receptacle(b, place(300, 100));
    b.textCentered('X', 300, 100, 4);
    const analysis = analyzePlan({ pageCount: 1, pages: [b.build()], warnings: [] });
    expect(analysis.counts.byType).toEqual({ receptacle: 2 });
  });
});

describe('legend symbols shaped like stroked letters', () => {
  /** The first letter `ocrWord` draws (three strokes), alone. */
  function letterShape(b: PageBuilder, x: number, y: number): void {
    b.line(x, y, x, y + CAP);
    b.line(x, y + CAP, x + 3, y + CAP);
    b.line(x, y + 0.5 * CAP, x + 2, y + 0.5 * CAP);
  }

  function sheet(label: string) {
    const b = new PageBuilder(1224, 792);
    ocrWord(b, 'LEGEND', 900, 700);
    letterShape(b, 905, 680);
    ocrPhrase(b, label, 930, 680);
    b.rect(50, 50, 600, 500, { lineWidth: 1 });
    // 24 stroked words whose first letter is the legend's symbol, and two symbols on their own.
    for (let i = 0; i < 24; i++) ocrWord(b, 'WORD', 80 + 130 * (i % 4), 80 + 60 * Math.floor(i / 4));
    letterShape(b, 300, 500);
    letterShape(b, 500, 520);
    // OCR took that symbol and the ink around it for a word, with little confidence.
    b.textItems.push({
      str: 'LAN',
      x: 290,
      y: 499,
      width: 30,
      height: CAP,
      fontSize: fontSizeOfWordBox('LAN', CAP),
      angle: 0,
      fontName: 'ocr',
      source: 'ocr',
      confidence: 0.42,
    });
    const doc: ExtractedDocument = { pageCount: 1, pages: [b.build()], warnings: [] };
    return analyzePlan(doc, { locale: 'en' });
  }

  it('counts a device drawn as a letter where it stands alone, not in the words', () => {
    const analysis = sheet('SWITCH');
    expect(analysis.counts.byType).toEqual({ switch: 2 });
  });

  it('counts nothing for a generic entry whose matches are mostly letters (a misread row)', () => {
    const analysis = sheet('COMME INDIQUEE');
    expect(analysis.counts.byType).toEqual({});
    expect(analysis.warnings.map((w) => w.code)).toContain('legend_symbol_implausible');
  });
});
