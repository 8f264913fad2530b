import { describe, expect, it } from 'vitest';
import { flattenPaths } from './geometry.ts';
import { detectLegends, isCodeLike } from './legend.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { buildSampleSheet, drawSymbol } from './testing/sample-sheet.ts';
import { groupTextLines } from './text-lines.ts';

function legendsOf(b: PageBuilder) {
  const page = b.build();
  return detectLegends(1, page, groupTextLines(page.textItems, { maxGapEm: 0.9 }), flattenPaths(page.paths));
}

describe('detectLegends', () => {
  it('pairs each symbol with the description on its row and maps it to a device type', () => {
    const [legend, ...others] = legendsOf(buildSampleSheet().builder);
    expect(others).toHaveLength(0);
    expect(legend?.entries.map((e) => [e.symbolId, e.label, e.type])).toEqual([
      ['p1-s1', 'Prise de courant duplex', 'receptacle'],
      ['p1-s2', 'Luminaire au plafond', 'luminaire'],
      ['p1-s3', 'Luminaire encastré', 'luminaire_recessed'],
      ['p1-s4', 'Interrupteur trois voies', 'switch_3way'],
      ['p1-s5', 'Avertisseur de fumée', 'smoke_detector'],
      ['p1-s6', 'Prise de données', 'data_outlet'],
      ['p1-s7', 'Plinthe chauffante', 'baseboard_heater'],
    ]);
    // Receptacle: circle + two lines; text-only switch: no paths, the code "S3"; detector:
    // circle with "DF" inside.
    const shape = legend?.entries.map((e) => [
      e.template.subpaths.length,
      e.template.texts.map((t) => t.text),
    ]);
    expect(shape).toEqual([
      [3, []],
      [1, []],
      [1, []],
      [0, ['S3']],
      [1, ['DF']],
      [2, []],
      [2, []],
    ]);
    // The legend block covers heading to last row, so nothing in it is counted.
    const [x0, y0, x1, y1] = legend?.bbox ?? [0, 0, 0, 0];
    expect(x0).toBeLessThanOrEqual(600);
    expect(y0).toBeLessThanOrEqual(428);
    expect(x1).toBeGreaterThanOrEqual(690);
    expect(y1).toBeGreaterThanOrEqual(577);
  });

  it('reads a symbols sheet whose tables are drawn as separate lines under a shaded heading band', () => {
    // Two tables side by side under "SYMBOLS AND ABBREVIATIONS"; each is a filled heading band
    // (SYMBOL · DESCRIPTION, the gap between the cells written as a space) then row rules and
    // three column rules: no closed rectangle bounds either table.
    const b = new PageBuilder();
    b.text('SYMBOLS AND ABBREVIATIONS', 50, 500, 10);
    const table = (x: number, rows: ['receptacle' | 'luminaire' | 'recessed' | 'heater', string][]) => {
      const top = 482;
      const bottom = top - 12 - rows.length * 15;
      b.rect(x, top - 12, 280, 12, { fill: true });
      b.text('SYMBOL', x + 3, top - 9, 6);
      b.text(' ', x + 28, top - 9, 6);
      b.text('DESCRIPTION', x + 34, top - 9, 6);
      rows.forEach(([symbol, label], i) => {
        const y = top - 12 - (i + 1) * 15;
        b.line(x, y, x + 280, y, undefined, 0.35);
        drawSymbol[symbol](b, place(x + 15, y + 7.5));
        b.text(label, x + 34, y + 5, 6.5);
      });
      for (const cx of [x, x + 30, x + 280]) b.line(cx, bottom, cx, top, undefined, 0.5);
    };
    table(50, [
      ['receptacle', 'Duplex receptacle'],
      ['luminaire', 'Ceiling luminaire'],
    ]);
    table(340, [
      ['recessed', 'Recessed luminaire'],
      ['heater', 'Baseboard heater'],
    ]);
    const entries = legendsOf(b).flatMap((l) => l.entries.map((e) => [e.label, e.type]));
    expect(entries).toEqual(
      expect.arrayContaining([
        ['Duplex receptacle', 'receptacle'],
        ['Ceiling luminaire', 'luminaire'],
        ['Recessed luminaire', 'luminaire_recessed'],
        ['Baseboard heater', 'baseboard_heater'],
      ]),
    );
    expect(entries).toHaveLength(4);
  });

  it('ignores table cell borders and keeps unknown descriptions as "other" with their label', () => {
    const b = new PageBuilder();
    b.text('SYMBOL LIST', 100, 500, 9);
    // Table: each row is a rectangle across both columns, with a separator between them.
    for (let i = 0; i < 3; i++) {
      const y = 470 - i * 18;
      b.rect(95, y, 150, 18);
      b.line(125, y, 125, y + 18);
    }
    drawSymbol.luminaire(b, place(110, 479));
    b.text('Ceiling light', 130, 476, 7);
    drawSymbol.recessed(b, place(110, 461));
    b.text('Recessed downlight', 130, 458, 7);
    b.rect(106, 439, 8, 8);
    b.text('Door chime', 130, 440, 7);
    const [legend] = legendsOf(b);
    expect(legend?.entries.map((e) => [e.label, e.type, e.template.subpaths.length])).toEqual([
      ['Ceiling light', 'luminaire', 1],
      ['Recessed downlight', 'luminaire_recessed', 1],
      ['Door chime', 'other', 1],
    ]);
    expect(legend?.entries.map((e) => e.template.size)).toEqual([8, 6, 8]);
  });

  it('follows an unframed legend over two columns and joins a wrapped description', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 50, 560, 9);
    drawSymbol.luminaire(b, place(60, 540));
    b.text('Ceiling mounted', 75, 538, 7);
    b.text('luminaire', 75, 529, 7);
    drawSymbol.receptacle(b, place(60, 515));
    b.text('Duplex receptacle', 75, 512, 7);
    drawSymbol.recessed(b, place(200, 540));
    b.text('Pot light', 215, 538, 7);
    b.text('NOTES', 400, 560, 9);
    b.text('1. All work to code.', 400, 540, 7);
    const [legend] = legendsOf(b);
    expect(legend?.entries.map((e) => [e.label, e.type])).toEqual([
      ['Ceiling mounted luminaire', 'luminaire'],
      ['Duplex receptacle', 'receptacle'],
      ['Pot light', 'luminaire_recessed'],
    ]);
  });

  it('reads a short upper-case description that looks like a code ("J-BOX", "PNLBD", "CATV")', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 50, 560, 9);
    drawSymbol.receptacle(b, place(60, 540));
    b.text('DUPLEX RECEPT.', 75, 537, 7);
    drawSymbol.circleWithText(b, place(60, 520), 'J', 60, 520);
    b.text('J-BOX', 75, 517, 7);
    b.rect(54, 497, 12, 6);
    b.text('PNLBD', 75, 497, 7);
    drawSymbol.luminaire(b, place(60, 480));
    b.text('CATV', 75, 477, 7);
    // A second column on the same rows: its symbols follow "J-BOX" and "PNLBD".
    drawSymbol.recessed(b, place(140, 540));
    b.text('REC. DNLT', 155, 537, 7);
    b.textCentered('S3', 140, 520, 7);
    b.text('SW. 3-WAY', 155, 517, 7);
    drawSymbol.dataOutlet(b, place(140, 500));
    b.text('DATA OUTLET', 155, 497, 7);
    const [legend] = legendsOf(b);
    expect(legend?.entries.map((e) => [e.label, e.type])).toEqual([
      ['DUPLEX RECEPT.', 'receptacle'],
      ['J-BOX', 'junction_box'],
      ['PNLBD', 'panel'],
      ['CATV', 'other'],
      ['REC. DNLT', 'luminaire_recessed'],
      ['SW. 3-WAY', 'switch_3way'],
      ['DATA OUTLET', 'data_outlet'],
    ]);
    // A code followed by its description stays the symbol.
    expect(legend?.entries[5]?.template.texts.map((t) => t.text)).toEqual(['S3']);
  });

  it('joins the pieces of a description that OCR split on its line, code-like ones included', () => {
    const b = new PageBuilder();
    const top = 580;
    const rowH = 20;
    b.rect(560, top - 3 * rowH, 220, 3 * rowH);
    for (let r = 1; r < 3; r++) b.line(560, top - r * rowH, 780, top - r * rowH);
    b.line(590, top - 3 * rowH, 590, top - rowH);
    b.text('SYMBOL LEGEND', 600, top + 4, 9);
    b.text('SYMBOL', 562, top - 14, 6);
    b.text('DESCRIPTION', 595, top - 14, 6);
    const row = (i: number) => top - rowH * i - rowH / 2;
    drawSymbol.receptacle(b, place(575, row(1)));
    b.text('240V', 595, row(1) - 2.5, 6);
    b.text('RECEPTACLE,', 615, row(1) - 2.5, 6);
    b.text('RANGE', 660, row(1) - 2.5, 6);
    b.text('DRYER', 690, row(1) - 2.5, 6);
    drawSymbol.circleWithText(b, place(575, row(2)), 'J', 575, row(2));
    b.text('J-BOX', 595, row(2) - 2.5, 6);
    const [legend] = legendsOf(b);
    expect(legend?.entries.map((e) => [e.label, e.type])).toEqual([
      ['240V RECEPTACLE, RANGE DRYER', 'receptacle_240v'],
      ['J-BOX', 'junction_box'],
    ]);
  });

  it('pairs symbols drawn right of their descriptions, in a column past the longest one', () => {
    const b = new PageBuilder();
    b.text('Légende', 50, 560, 9);
    b.text('Plafonnier', 50, 538, 7);
    drawSymbol.luminaire(b, place(250, 540));
    b.text('Prise de courant duplex 15 A inviolable', 50, 518, 7);
    drawSymbol.receptacle(b, place(250, 518));
    b.text('Pot light DEL', 50, 498, 7);
    drawSymbol.recessed(b, place(250, 500));
    b.text('Interrupteur trois voies', 50, 478, 7);
    b.textCentered('S3', 250, 480, 7);
    const [legend, ...others] = legendsOf(b);
    expect(others).toHaveLength(0);
    expect(
      legend?.entries.map((e) => [
        e.label,
        e.type,
        e.template.subpaths.length,
        e.template.texts.map((t) => t.text),
      ]),
    ).toEqual([
      ['Plafonnier', 'luminaire', 1, []],
      ['Prise de courant duplex 15 A inviolable', 'receptacle', 3, []],
      ['Pot light DEL', 'luminaire_recessed', 1, []],
      ['Interrupteur trois voies', 'switch_3way', 0, ['S3']],
    ]);
    // Symbol boxes on the page: the circle of radius 4 at (250, 540), the receptacle's circle and
    // lines (y from 514 to 525), the pot light of radius 3, the code "S3" (2 × 0.55 em wide, one
    // em high, centred on (250, 480)).
    expect(legend?.entries.map((e) => e.bboxOnPage.map((v) => Math.round(v * 10) / 10))).toEqual([
      [246, 536, 254, 544],
      [246, 514, 254, 525],
      [247, 497, 253, 503],
      [246.2, 476.5, 253.9, 483.5],
    ]);
  });

  it('follows a two-column legend with the symbols right of their descriptions', () => {
    // "description  symbol | description  symbol": pairing the other way round would give the
    // second column's descriptions the first column's symbols.
    const b = new PageBuilder();
    b.text('SYMBOL LIST', 50, 560, 9);
    b.text('Ceiling light', 50, 538, 7);
    drawSymbol.luminaire(b, place(130, 540));
    b.text('Duplex receptacle', 50, 518, 7);
    drawSymbol.receptacle(b, place(130, 518));
    b.text('Pot light', 160, 538, 7);
    drawSymbol.recessed(b, place(240, 540));
    b.text('Data outlet', 160, 518, 7);
    drawSymbol.dataOutlet(b, place(240, 520));
    const [legend] = legendsOf(b);
    expect(legend?.entries.map((e) => [e.label, e.type, e.bboxOnPage[0]])).toEqual([
      ['Ceiling light', 'luminaire', 126],
      ['Duplex receptacle', 'receptacle', 126],
      ['Pot light', 'luminaire_recessed', 237],
      ['Data outlet', 'data_outlet', 236],
    ]);
  });

  it.each([
    'LÉGENDE',
    'légende',
    'Legend',
    'LEGEND:',
    'Symboles',
    'SYMBOLES ÉLECTRIQUES',
    'symbol list',
    'Symbol List',
  ])('opens a legend under the heading "%s"', (heading) => {
    const b = new PageBuilder();
    b.text(heading, 50, 560, 9);
    drawSymbol.luminaire(b, place(60, 540));
    b.text('Ceiling light', 75, 538, 7);
    expect(legendsOf(b).map((l) => l.entries.map((e) => e.label))).toEqual([['Ceiling light']]);
  });

  it('starts a two-column legend at its left column when the right one stands a hair higher', () => {
    // A deskewed re-plot leaves rows of one line a few thousandths of a point apart.
    const b = new PageBuilder();
    b.text('SYMBOL LIST', 50, 560, 9);
    b.text('Ceiling light', 50, 538, 7);
    drawSymbol.luminaire(b, place(130, 540));
    b.text('Duplex receptacle', 50, 518, 7);
    drawSymbol.receptacle(b, place(130, 518));
    b.text('Pot light', 160, 538.004, 7);
    drawSymbol.recessed(b, place(240, 540.004));
    b.text('Data outlet', 160, 518.004, 7);
    drawSymbol.dataOutlet(b, place(240, 520.004));
    const [legend] = legendsOf(b);
    expect(legend?.entries.map((e) => e.label)).toEqual([
      'Ceiling light',
      'Duplex receptacle',
      'Pot light',
      'Data outlet',
    ]);
  });

  it('returns nothing without a legend heading', () => {
    const b = new PageBuilder();
    drawSymbol.luminaire(b, place(60, 540));
    b.text('Ceiling light', 75, 538, 7);
    expect(legendsOf(b)).toEqual([]);
  });
});

describe('isCodeLike', () => {
  it.each([
    ['S3', true],
    ['$', true],
    ['GFCI', true],
    ['DF', true],
    ['12', false],
    ['1.', false],
    ['Prise', false],
    ['WEATHERPROOF', false],
  ])('%s → %s', (text, expected) => {
    expect(isCodeLike(text)).toBe(expected);
  });
});
