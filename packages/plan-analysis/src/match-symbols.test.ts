import { describe, expect, it } from 'vitest';
import { flattenPaths } from './geometry.ts';
import { InkIndex } from './ink-index.ts';
import { detectLegends } from './legend.ts';
import { keepConsistentScale, matchLegendSymbols, resolveOverlaps } from './match-symbols.ts';
import type { BBox } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';
import { groupTextLines } from './text-lines.ts';

/** Legend at the top right of a 792×612 sheet; `draw` adds the drawing. */
function matchOn(
  draw: (b: PageBuilder) => void,
  extraExcluded: BBox[] = [],
  moreLegend?: (b: PageBuilder) => void,
) {
  const b = new PageBuilder();
  b.text('LÉGENDE', 600, 570, 10);
  drawSymbol.receptacle(b, place(612, 550));
  b.text('Prise de courant', 630, 547, 7);
  drawSymbol.luminaire(b, place(612, 530));
  b.text('Luminaire', 630, 527, 7);
  drawSymbol.dataOutlet(b, place(612, 510));
  b.text('Prise de données', 630, 507, 7);
  drawSymbol.circleWithText(b, place(612, 490), 'T', 612, 490);
  b.text('Thermostat', 630, 487, 7);
  b.textCentered('S', 612, 470, 7);
  b.text('Interrupteur', 630, 467, 7);
  moreLegend?.(b);
  draw(b);
  const page = b.build();
  const subpaths = flattenPaths(page.paths);
  const [legend] = detectLegends(1, page, groupTextLines(page.textItems, { maxGapEm: 0.9 }), subpaths);
  const raw = matchLegendSymbols({
    entries: legend?.entries ?? [],
    subpaths,
    ink: new InkIndex(subpaths, 4),
    texts: groupTextLines(page.textItems, { maxGapEm: 0.25 }),
    excluded: [...(legend ? [legend.bbox] : []), ...extraExcluded],
  });
  return resolveOverlaps(raw)
    .map((m) => ({
      type: m.entry.type,
      x: Math.round(m.x * 10) / 10,
      y: Math.round(m.y * 10) / 10,
      rotation: m.placement.g.rotation,
      mirrored: m.placement.g.mirrored,
      s: Math.round(m.placement.s * 100) / 100,
    }))
    .sort((a, c) => a.x - c.x || a.y - c.y);
}

describe('matchLegendSymbols', () => {
  it('finds a symbol rotated by each quarter turn, with the rotation', () => {
    const found = matchOn((b) => {
      for (const [i, deg] of [0, 90, 180, 270].entries())
        drawSymbol.dataOutlet(b, place(100 + 60 * i, 300, deg));
    });
    // The triangle and its tail are asymmetric: one placement per occurrence.
    // Drawn centre (1.5, 0.5) rotated: 0° → (+1.5, +0.5), 90° → (−0.5, +1.5), …
    expect(found).toEqual([
      { type: 'data_outlet', x: 101.5, y: 300.5, rotation: 0, mirrored: false, s: 1 },
      { type: 'data_outlet', x: 159.5, y: 301.5, rotation: 90, mirrored: false, s: 1 },
      { type: 'data_outlet', x: 218.5, y: 299.5, rotation: 180, mirrored: false, s: 1 },
      { type: 'data_outlet', x: 280.5, y: 298.5, rotation: 270, mirrored: false, s: 1 },
    ]);
  });

  it('finds symbols turned by any angle, with the angle', () => {
    const found = matchOn((b) => {
      // Polygonal anchor (the triangle): its longest edge gives the angle.
      drawSymbol.dataOutlet(b, place(100, 300, 30));
      drawSymbol.dataOutlet(b, place(200, 300, 135, 1, true));
      drawSymbol.dataOutlet(b, place(300, 300, 210, 1.25));
      // Round anchor (the circle): the receptacle's two lines give the angle.
      drawSymbol.receptacle(b, place(100, 200, 45));
      drawSymbol.receptacle(b, place(200, 200, 290));
    });
    // Centres: the template's centre (1.5, 0.5) for the outlet, (0, 1.5) for the receptacle,
    // placed: e.g. 30° → (100 + 1.5 cos 30° − 0.5 sin 30°, 300 + 1.5 sin 30° + 0.5 cos 30°).
    expect(found).toEqual([
      { type: 'receptacle', x: 98.9, y: 201.1, rotation: 45, mirrored: false, s: 1 },
      { type: 'data_outlet', x: 101, y: 301.2, rotation: 30, mirrored: false, s: 1 },
      { type: 'data_outlet', x: 200.7, y: 298.6, rotation: 135, mirrored: true, s: 1 },
      { type: 'receptacle', x: 201.4, y: 200.5, rotation: 290, mirrored: false, s: 1 },
      { type: 'data_outlet', x: 298.7, y: 298.5, rotation: 210, mirrored: false, s: 1.25 },
    ]);
  });

  it('finds a round symbol with only curved parts turned by any angle (a bladed fan)', () => {
    const found = matchOn(
      (b) => {
        drawSymbol.fan(b, place(100, 300, 17));
        drawSymbol.fan(b, place(200, 300, 203));
        drawSymbol.fan(b, place(300, 300, 45));
        drawSymbol.fan(b, place(400, 300, 130, 1.2, true));
      },
      [],
      (b) => {
        drawSymbol.fan(b, place(612, 450));
        b.text('Ventilateur', 630, 447, 7);
      },
    );
    // Nothing straight: the angle comes from where the blades lie around the circle's centre.
    expect(found.map((f) => [f.type, Math.round(f.x), Math.round(f.y), f.rotation, f.mirrored, f.s])).toEqual(
      [
        ['exhaust_fan', 100, 300, 17, false, 1],
        ['exhaust_fan', 200, 300, 203, false, 1],
        ['exhaust_fan', 300, 300, 45, false, 1],
        ['exhaust_fan', 400, 300, 130, true, 1.2],
      ],
    );
  });

  it('finds mirrored and moderately scaled symbols', () => {
    const found = matchOn((b) => {
      drawSymbol.dataOutlet(b, place(100, 300, 0, 1, true));
      drawSymbol.dataOutlet(b, place(200, 300, 90, 0.75));
      drawSymbol.dataOutlet(b, place(300, 300, 0, 1.5, true));
    });
    expect(found.map((f) => [f.type, f.mirrored, f.s])).toEqual([
      ['data_outlet', true, 1],
      ['data_outlet', false, 0.75],
      ['data_outlet', true, 1.5],
    ]);
  });

  it('finds symbols touching walls and text, and symbols built from several paths', () => {
    const found = matchOn((b) => {
      // Wall lines run right through the receptacle's base and past the luminaire.
      b.line(50, 300, 400, 300, undefined, 1);
      drawSymbol.receptacle(b, place(100, 304));
      drawSymbol.luminaire(b, place(200, 304));
      b.text('CUISINE', 204, 302, 8);
    });
    expect(found.map((f) => [f.type, f.x, f.y])).toEqual([
      ['receptacle', 100, 305.5],
      ['luminaire', 200, 304],
    ]);
  });

  it('tells a circle with a letter from a plain circle, and "S" from "S3"', () => {
    const found = matchOn((b) => {
      drawSymbol.circleWithText(b, place(100, 300, 90), 'T', 100, 300);
      drawSymbol.luminaire(b, place(200, 300));
      // A circle with another letter is neither a luminaire nor a thermostat.
      drawSymbol.circleWithText(b, place(300, 300), 'X', 300, 300);
      b.textCentered('S', 400, 300, 7);
      b.textCentered('S3', 450, 300, 7);
    });
    expect(found.map((f) => [f.type, f.x, f.y])).toEqual([
      ['thermostat', 100, 300],
      ['luminaire', 200, 300],
      ['switch', 400, 300],
    ]);
  });

  it('tells apart symbols that differ only by which half is filled, at any rotation', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    // Circle with its lower half filled, and a plain circle.
    const halfFilled = (m: ReturnType<typeof place>) => {
      const k = 0.5522847498 * 4;
      b.path(
        [
          { op: 'moveTo', x: -4, y: 0 },
          { op: 'curveTo', x1: -4, y1: -k, x2: -k, y2: -4, x: 0, y: -4 },
          { op: 'curveTo', x1: k, y1: -4, x2: 4, y2: -k, x: 4, y: 0 },
          { op: 'closePath' },
        ],
        { fill: true, stroke: false },
        m,
      );
      b.circle(0, 0, 4, {}, m);
      b.line(-4, 0, 4, 0, m);
    };
    halfFilled(place(612, 550));
    b.text('Receptacle', 630, 547, 7);
    drawSymbol.luminaire(b, place(612, 530));
    b.text('Ceiling light', 630, 527, 7);
    for (const [i, deg] of [0, 90, 180, 270].entries()) halfFilled(place(100 + 40 * i, 300, deg));
    drawSymbol.luminaire(b, place(300, 300));
    const page = b.build();
    const subpaths = flattenPaths(page.paths);
    const [legend] = detectLegends(1, page, groupTextLines(page.textItems, { maxGapEm: 0.9 }), subpaths);
    const found = resolveOverlaps(
      matchLegendSymbols({
        entries: legend?.entries ?? [],
        subpaths,
        ink: new InkIndex(subpaths, 4),
        texts: [],
        excluded: legend ? [legend.bbox] : [],
      }),
    )
      .map((m) => [m.entry.type, Math.round(m.x), m.placement.g.rotation])
      .sort((a, c) => Number(a[1]) - Number(c[1]));
    expect(found).toEqual([
      ['receptacle', 100, 0],
      ['receptacle', 140, 90],
      ['receptacle', 180, 180],
      ['receptacle', 220, 270],
      ['luminaire', 300, 0],
    ]);
  });

  it('tells a plain rectangle symbol from wall pieces of the same shape by the legend colour', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    b.rect(600, 548, 24, 4, { fill: true });
    b.text('Baseboard heater', 630, 547, 7);
    b.rect(100, 300, 24, 4, { fill: true });
    b.rect(200, 300, 24, 4, { fill: true });
    // Grey wall pieces, same proportions.
    const last = b.paths.length;
    b.rect(300, 300, 24, 4, { fill: true });
    b.rect(400, 300, 24, 4, { fill: true });
    for (const p of b.paths.slice(last)) p.fillColor = '#808080';
    const page = b.build();
    const subpaths = flattenPaths(page.paths);
    const [legend] = detectLegends(1, page, groupTextLines(page.textItems, { maxGapEm: 0.9 }), subpaths);
    const found = resolveOverlaps(
      matchLegendSymbols({
        entries: legend?.entries ?? [],
        subpaths,
        ink: new InkIndex(subpaths, 4),
        texts: [],
        excluded: legend ? [legend.bbox] : [],
      }),
    );
    expect(found.map((m) => m.x).sort((a, c) => a - c)).toEqual([112, 212]);
  });

  it('resolves a receptacle and the luminaire circle inside it to the receptacle', () => {
    const found = matchOn((b) => drawSymbol.receptacle(b, place(100, 300)));
    expect(found.map((f) => f.type)).toEqual(['receptacle']);
  });

  it('does not count symbols inside excluded blocks (legend, title block, schedules)', () => {
    const found = matchOn(
      (b) => {
        drawSymbol.luminaire(b, place(100, 300));
        drawSymbol.luminaire(b, place(700, 100));
      },
      [[650, 50, 780, 150]],
    );
    expect(found.map((f) => [f.x, f.y])).toEqual([[100, 300]]);
  });

  it('rejects look-alikes at a scale far from the sheet’s usual symbol scale', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    drawSymbol.luminaire(b, place(612, 550));
    b.text('Ceiling light', 630, 547, 7);
    for (let i = 0; i < 4; i++) drawSymbol.luminaire(b, place(100 + 50 * i, 300));
    // A column bubble two and a half times the size.
    b.circle(400, 300, 10);
    const page = b.build();
    const subpaths = flattenPaths(page.paths);
    const [legend] = detectLegends(1, page, groupTextLines(page.textItems, { maxGapEm: 0.9 }), subpaths);
    const raw = matchLegendSymbols({
      entries: legend?.entries ?? [],
      subpaths,
      ink: new InkIndex(subpaths, 4),
      texts: [],
      excluded: legend ? [legend.bbox] : [],
    });
    expect(resolveOverlaps(raw)).toHaveLength(5);
    expect(
      keepConsistentScale(raw)
        .map((m) => m.x)
        .sort((a, c) => a - c),
    ).toEqual([100, 150, 200, 250]);
  });
});
