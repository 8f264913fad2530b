import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { Matrix } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';

/**
 * Issue 16, failure class 1: marked variants of a symbol. The most specific legend entry wins,
 * a plain symbol never counts as a marked one, and marked ones are not swallowed by the base.
 */

/** A circle with a small filled dot at its top-right: the "mark" is a few strokes, not text. */
function dottedLuminaire(b: PageBuilder, m: Matrix): void {
  drawSymbol.luminaire(b, m);
  b.circle(2.6, 2.6, 0.45, { fill: true }, m);
}

function counts(b: PageBuilder): Record<string, number> {
  return analyzePlan({ pageCount: 1, pages: [b.build()], warnings: [] }).counts.byType;
}

describe('marked variants', () => {
  it('gives letter-marked and stroke-marked symbols to their own legend entry, plain ones to the base', () => {
    const b = new PageBuilder();
    b.text('LÉGENDE', 600, 570, 10);
    drawSymbol.receptacle(b, place(612, 550));
    b.text('Prise de courant duplex', 640, 547, 7);
    drawSymbol.receptacle(b, place(612, 530));
    b.textCentered('DDFT', 626, 530, 5);
    b.text('Prise DDFT', 640, 527, 7);
    drawSymbol.receptacle(b, place(612, 510));
    b.textCentered('WP', 624, 510, 5);
    b.text('Prise extérieure', 640, 507, 7);
    drawSymbol.luminaire(b, place(612, 490));
    b.text('Luminaire au plafond', 640, 487, 7);
    dottedLuminaire(b, place(612, 470));
    b.text("Luminaire d'urgence", 640, 467, 7);
    b.textCentered('S', 612, 450, 7);
    b.text('Interrupteur unipolaire', 640, 447, 7);
    b.textCentered('S3', 612, 430, 7);
    b.text('Interrupteur', 640, 427, 7);
    b.textCentered('S4', 612, 410, 7);
    b.text('Interrupteur quatre voies', 640, 407, 7);
    b.textCentered('S', 610, 390, 7);
    b.textCentered('D', 615, 387, 4);
    b.text('Gradateur', 640, 387, 7);

    // Walls so the sheet has a drawing.
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    // 3 plain receptacles, one turned.
    drawSymbol.receptacle(b, place(100, 100));
    drawSymbol.receptacle(b, place(150, 100, 90));
    drawSymbol.receptacle(b, place(200, 100, 180));
    // 2 GFCI: the code beside the receptacle, as in the legend; it stays upright when turned.
    drawSymbol.receptacle(b, place(100, 150));
    b.textCentered('DDFT', 114, 150, 5);
    drawSymbol.receptacle(b, place(200, 150, 90));
    b.textCentered('DDFT', 200, 164, 5);
    // 1 weatherproof.
    drawSymbol.receptacle(b, place(300, 150));
    b.textCentered('WP', 312, 150, 5);
    // 2 plain and 2 marked luminaires.
    drawSymbol.luminaire(b, place(100, 250));
    drawSymbol.luminaire(b, place(150, 250));
    dottedLuminaire(b, place(200, 250));
    dottedLuminaire(b, place(250, 250, 90));
    // Switches: 2 single-pole, 1 three-way, 1 four-way, 1 dimmer.
    b.textCentered('S', 300, 300, 7);
    b.textCentered('S', 330, 300, 7);
    b.textCentered('S3', 360, 300, 7);
    b.textCentered('S4', 390, 300, 7);
    b.textCentered('S', 418, 300, 7);
    b.textCentered('D', 423, 297, 4);

    expect(counts(b)).toEqual({
      receptacle: 3,
      receptacle_gfci: 2,
      receptacle_weatherproof: 1,
      luminaire: 2,
      luminaire_emergency: 2,
      switch: 2,
      switch_3way: 1,
      switch_4way: 1,
      switch_dimmer: 1,
    });
  });

  it('gives a base-symbol match to the marked entry when its code stands near it, wherever it stands', () => {
    // The legend draws the GFCI code on the right; this drafter put it below the receptacle.
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    drawSymbol.receptacle(b, place(612, 550));
    b.text('Duplex receptacle', 640, 547, 7);
    drawSymbol.receptacle(b, place(612, 530));
    b.textCentered('GFI', 624, 530, 5);
    b.text('GFI receptacle', 640, 527, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    drawSymbol.receptacle(b, place(100, 100));
    drawSymbol.receptacle(b, place(200, 100));
    b.textCentered('GFI', 200, 88, 5);
    drawSymbol.receptacle(b, place(300, 100));
    expect(counts(b)).toEqual({ receptacle: 2, receptacle_gfci: 1 });
  });

  it('never counts plain symbols as marked when the legend draws both alike and only the wording differs', () => {
    // Both legend rows show the same receptacle; the drawing marks the GFCIs with a code.
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    drawSymbol.receptacle(b, place(612, 550));
    b.text('GFCI receptacle', 640, 547, 7);
    drawSymbol.receptacle(b, place(612, 530));
    b.text('Duplex receptacle', 640, 527, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    for (const x of [100, 150, 200, 250]) drawSymbol.receptacle(b, place(x, 100));
    drawSymbol.receptacle(b, place(300, 100));
    b.textCentered('GFCI', 300, 88, 5);
    expect(counts(b)).toEqual({ receptacle: 4, receptacle_gfci: 1 });
  });
});

/** A switch drawn as a symbol (a short stem and a slanted bar), US style. */
function switchSymbol(b: PageBuilder, m: Matrix): void {
  b.circle(0, 0, 1.2, { fill: true }, m);
  b.line(0, 0, 4, 6, m);
}

/** Two letters drawn as strokes inside a circle: "SD" (smoke) and "CO" differ only in shape. */
function detector(b: PageBuilder, m: Matrix, letters: 'SD' | 'CO'): void {
  b.circle(0, 0, 5, {}, m);
  const s = letters === 'SD';
  // First letter: an S (zigzag) or a C (open on the right); second: a D (closed) or an O.
  b.path(
    s
      ? [
          { op: 'moveTo', x: -1, y: 2 },
          { op: 'lineTo', x: -3, y: 2 },
          { op: 'lineTo', x: -3, y: 0 },
          { op: 'lineTo', x: -1, y: 0 },
          { op: 'lineTo', x: -1, y: -2 },
          { op: 'lineTo', x: -3, y: -2 },
        ]
      : [
          { op: 'moveTo', x: -1, y: 2 },
          { op: 'lineTo', x: -3, y: 2 },
          { op: 'lineTo', x: -3, y: -2 },
          { op: 'lineTo', x: -1, y: -2 },
        ],
    {},
    m,
  );
  b.path(
    [
      { op: 'moveTo', x: 1, y: -2 },
      { op: 'lineTo', x: 1, y: 2 },
      { op: 'lineTo', x: s ? 2.5 : 3, y: 2 },
      { op: 'lineTo', x: 3, y: s ? 0 : 2 },
      { op: 'lineTo', x: s ? 2.5 : 3, y: -2 },
      { op: 'lineTo', x: 1, y: -2 },
    ],
    {},
    m,
  );
}

describe('marks set apart from the symbol', () => {
  it('reads a number beside a drawn switch as its mark, on the legend and on the plan', () => {
    const b = new PageBuilder();
    b.text('SYMBOL LEGEND', 600, 570, 10);
    switchSymbol(b, place(612, 548));
    b.text('Single pole switch', 640, 547, 7);
    switchSymbol(b, place(612, 528));
    b.text('3', 618, 525, 5);
    b.text('3-way switch', 640, 527, 7);
    switchSymbol(b, place(612, 508));
    b.text('4', 618, 505, 5);
    b.text('4-way switch', 640, 507, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    switchSymbol(b, place(100, 100));
    switchSymbol(b, place(150, 100, 90));
    // The marks stand where the drafter put them: below the turned symbol, beside the other.
    switchSymbol(b, place(200, 200, 270));
    b.text('3', 201, 188, 5);
    switchSymbol(b, place(300, 200));
    b.text('3', 306, 197, 5);
    switchSymbol(b, place(300, 300));
    b.text('4', 306, 297, 5);
    expect(counts(b)).toEqual({ switch: 2, switch_3way: 2, switch_4way: 1 });
  });

  it('tells detectors apart by the letters drawn inside them, not by their boxes', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    detector(b, place(612, 548), 'SD');
    b.text('Smoke detector', 640, 545, 7);
    detector(b, place(612, 525), 'CO');
    b.text('Carbon monoxide detector', 640, 522, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    detector(b, place(100, 100), 'SD');
    detector(b, place(200, 100), 'SD');
    detector(b, place(300, 100), 'CO');
    expect(counts(b)).toEqual({ smoke_detector: 2, co_detector: 1 });
  });
});

/** The letters "GF" drawn as strokes (SHX), at (x, y), in the placement `m`. */
function strokeMark(b: PageBuilder, x: number, y: number, m: Matrix): void {
  // G
  b.path(
    [
      { op: 'moveTo', x: x + 2.5, y: y + 4 },
      { op: 'lineTo', x, y: y + 4 },
      { op: 'lineTo', x, y },
      { op: 'lineTo', x: x + 2.5, y },
      { op: 'lineTo', x: x + 2.5, y: y + 2 },
      { op: 'lineTo', x: x + 1.2, y: y + 2 },
    ],
    {},
    m,
  );
  // F
  b.path(
    [
      { op: 'moveTo', x: x + 6, y: y + 4 },
      { op: 'lineTo', x: x + 3.5, y: y + 4 },
      { op: 'lineTo', x: x + 3.5, y },
    ],
    {},
    m,
  );
  b.line(x + 3.5, y + 2, x + 5.2, y + 2, m);
}

describe('stroke marks that stay upright when the block turns', () => {
  it('gives a turned receptacle to the GFCI entry when the strokes of its mark stand beside it', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    drawSymbol.receptacle(b, place(612, 548));
    b.text('DUPLEX RECEPT.', 640, 545, 7);
    drawSymbol.receptacle(b, place(612, 525));
    strokeMark(b, 618, 527, place(0, 0));
    b.text('GFCI RECEPT.', 640, 522, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    // Plain receptacles turned by 30° and 150°.
    drawSymbol.receptacle(b, place(100, 100, 30));
    drawSymbol.receptacle(b, place(150, 100, 150));
    // GFCI receptacles turned with their wall; the letters stay upright beside them.
    drawSymbol.receptacle(b, place(200, 200, 150));
    strokeMark(b, 207, 197, place(0, 0));
    drawSymbol.receptacle(b, place(300, 200, 30));
    strokeMark(b, 306, 203, place(0, 0));
    expect(counts(b)).toEqual({ receptacle: 2, receptacle_gfci: 2 });
  });
});

describe('marked variants whose wording lost the mark', () => {
  /** A receptacle marked by strokes: the GFCI letters drawn as lines beside it. */
  function markedReceptacle(b: PageBuilder, x: number, y: number): void {
    drawSymbol.receptacle(b, place(x, y));
    strokeMark(b, x + 6, y + 2, place(0, 0));
  }

  function sheet(gfciLabel: string, weatherproofLabel: string, weatherproofCode = 'WP'): PageBuilder {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    drawSymbol.receptacle(b, place(612, 548));
    b.text('DUPLEX RECEPTACLE', 640, 545, 7);
    // OCR dropped "GFI" from "GFI duplex receptacle", or read the row as noise.
    markedReceptacle(b, 612, 525);
    b.text(gfciLabel, 640, 522, 7);
    drawSymbol.receptacle(b, place(612, 502));
    b.textCentered(weatherproofCode, 624, 502, 5);
    b.text(weatherproofLabel, 640, 499, 7);
    b.rect(50, 50, 400, 300, { lineWidth: 1 });
    drawSymbol.receptacle(b, place(100, 100));
    drawSymbol.receptacle(b, place(150, 100));
    markedReceptacle(b, 200, 200);
    markedReceptacle(b, 300, 200);
    return b;
  }

  it('reads a base-plus-mark row as the one marked variant the legend lacks', () => {
    expect(counts(sheet('DUPLEX RECEPTACLE', 'WEATHERPROOF RECEPTACLE'))).toEqual({
      receptacle: 2,
      receptacle_gfci: 2,
    });
    expect(counts(sheet('|vaise', 'WEATHERPROOF RECEPTACLE'))).toEqual({
      receptacle: 2,
      receptacle_gfci: 2,
    });
  });

  it('guesses nothing when two variants are missing or the row names another device', () => {
    // Weatherproof not read either ("CVR" for its mark): GFCI or weatherproof, the legend does
    // not say.
    expect(counts(sheet('DUPLEX RECEPTACLE', 'DUPLEX RECEPTACLE WITH COVER', 'CVR'))).toEqual({
      receptacle: 4,
    });
    // "TV outlet" names a device (no type of ours): never a GFCI.
    expect(counts(sheet('TV OUTLET', 'WEATHERPROOF RECEPTACLE'))).toEqual({ receptacle: 2, other: 2 });
  });

  it('keeps a receptacle whose wording names what its extra strokes are (USB ports)', () => {
    // The legend lacks GFCI, yet the USB receptacle is a plain receptacle with ports, no lost mark.
    expect(counts(sheet('RECEPTACLE, DUPLEX W/ USB CHARGING PORTS', 'WEATHERPROOF RECEPTACLE'))).toEqual({
      receptacle: 4,
    });
  });
});
