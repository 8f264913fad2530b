import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { ExtractedDocument } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';

/**
 * Issue 16, a US "POWER & SIGNAL" floor plan (ANSI E, 1/4" = 1'-0") whose symbol legend is on
 * another sheet of the set that was not supplied: ~50 numbered rooms, a circuiting note, junction
 * boxes drawn as "J" in a circle (NEC / US convention) with their circuit tags beside them
 * ("A-12", "LP1-3,5"), walls running past them, grid bubbles. The built-in symbols apply.
 */
type Box = { x: number; y: number; r: number; tag: string | null };
type Receptacle = { x: number; y: number; angle: number; mark: string | null; tag: string | null };

function usPowerSignalSheet(
  boxes: readonly Box[],
  opts: { segmentCircles?: boolean; receptacles?: readonly Receptacle[] } = {},
): ExtractedDocument {
  const b = new PageBuilder(3024, 2160);
  b.rect(36, 36, 2952, 2088, { lineWidth: 2 });
  // Rooms: a 10 × 5 grid of 200 × 260 pt rooms, each named and numbered.
  const names = ['LAB', 'OFFICE', 'STORAGE', 'CORRIDOR', 'TOILET', 'JANITOR', 'ELEC', 'IDF', 'CONF', 'STAFF'];
  for (let i = 0; i < 10; i++)
    for (let j = 0; j < 5; j++) {
      const x0 = 120 + 220 * i;
      const y0 = 300 + 300 * j;
      b.rect(x0, y0, 200, 260, { lineWidth: 1.2 });
      b.text(`${names[(i + j) % names.length]}`, x0 + 70, y0 + 140, 7);
      b.text(`1${String(10 * j + i).padStart(3, '0')}`, x0 + 80, y0 + 130, 6);
    }
  // Grid bubbles: "J" among letters, in 18 pt circles.
  for (let i = 0; i < 10; i++) {
    b.circle(220 + 220 * i, 2050, 18);
    b.textCentered(String.fromCharCode(65 + i), 220 + 220 * i, 2045, 14);
  }
  for (const { x, y, r, tag } of boxes) {
    if (opts.segmentCircles) {
      // Some exporters flatten a circle into short straight segments.
      const n = 24;
      for (let k = 0; k < n; k++) {
        const a0 = (2 * Math.PI * k) / n;
        const a1 = (2 * Math.PI * (k + 1)) / n;
        b.line(x + r * Math.cos(a0), y + r * Math.sin(a0), x + r * Math.cos(a1), y + r * Math.sin(a1));
      }
    } else b.circle(x, y, r);
    // Annotation text is 3/32" to 1/8" whatever the circle's size.
    const fs = Math.min(1.2 * r, 7.5);
    b.textCentered('J', x, y - 0.35 * fs, fs);
    if (tag) b.text(tag, x + r + 2, y + r, 5);
  }
  for (const { x, y, angle, mark, tag } of opts.receptacles ?? []) {
    // Duplex receptacle: a 9 pt circle, two parallel slots across it, turned with its wall.
    const m = place(x, y, angle);
    b.circle(0, 0, 4.5, {}, m);
    b.line(-1.8, -7, -1.8, 7, m);
    b.line(1.8, -7, 1.8, 7, m);
    if (mark) b.text(mark, x + 9, y - 9, 5);
    if (tag) b.text(tag, x + 9, y + 4, 5);
  }
  // Not receptacles: a plain circle (a fixture), a circle with one line (a wall sconce), a
  // circle crossed by two lines meeting at its centre (a cross).
  b.circle(900, 700, 4.5);
  b.circle(960, 700, 4.5);
  b.line(960, 704.5, 960, 712);
  b.circle(1020, 700, 4.5);
  b.line(1014, 694, 1026, 706);
  b.line(1014, 706, 1026, 694);
  // Not junction boxes: a fixture type "J" tagged beside its circle, a "J" in a note.
  for (const [x, y] of [
    [700, 420],
    [1500, 980],
  ] as const) {
    b.circle(x, y, 6);
    b.textCentered('J', x + 14, y + 8, 6);
  }
  b.text('J', 2300, 260, 6);
  b.text('CIRCUITING LEGEND: A-12 INDICATES PANEL A CIRCUIT 12. REFER TO E001 FOR SYMBOLS.', 2400, 200, 6);
  // Title block.
  b.rect(2700, 40, 280, 200);
  b.text('FLOOR PLAN - LEVEL 01 - AREA A - POWER & SIGNAL', 2710, 150, 7);
  b.text('SHEET NUMBER', 2710, 100, 6);
  b.text('E201A', 2710, 80, 14);
  b.text('SCALE: 1/4" = 1\'-0"', 2710, 60, 6);
  return { pageCount: 1, pages: [b.build()], warnings: [] };
}

/** Junction boxes along the rooms' walls (centre on a wall) and in the middle of rooms. */
function boxesAt(r: number): Box[] {
  const tags = ['A-12', 'LP1-3,5', 'B-7', null];
  return Array.from({ length: 14 }, (_, k) => {
    const onWall = k % 2 === 0;
    const i = k % 10;
    const j = Math.floor(k / 3) % 5;
    return {
      x: 120 + 220 * i + (onWall ? 0 : 100),
      y: 300 + 300 * j + 60 + 10 * (k % 4),
      r,
      tag: tags[k % tags.length] ?? null,
    };
  });
}

describe('US power & signal sheet without its legend', () => {
  it.each([4.5, 6.75, 9])('counts the 14 "J" junction boxes drawn %s pt in radius', (r) => {
    const analysis = analyzePlan(usPowerSignalSheet(boxesAt(r)), { locale: 'en' });
    expect(analysis.counts.byType).toEqual({ junction_box: 14 });
    expect(analysis.warnings.map((w) => w.code)).toContain('default_symbols');
  });

  it('counts them when the circles are drawn as straight segments', () => {
    const analysis = analyzePlan(usPowerSignalSheet(boxesAt(6), { segmentCircles: true }), { locale: 'en' });
    expect(analysis.counts.byType).toEqual({ junction_box: 14 });
  });

  it('attaches the circuit tags printed beside the boxes', () => {
    const analysis = analyzePlan(usPowerSignalSheet(boxesAt(6)), { locale: 'en' });
    const circuits = analysis.pages[0]?.symbols.map((s) => s.circuit).filter((c) => c !== null);
    expect(circuits).toContain('A-12');
    expect(circuits).toContain('LP1-3,5');
  });

  it('counts duplex receptacles by their shape, GFCI by their mark, with their circuit tags', () => {
    const receptacles: Receptacle[] = [
      { x: 220, y: 340, angle: 0, mark: null, tag: 'A-1' },
      { x: 440, y: 420, angle: 90, mark: null, tag: 'A-3' },
      { x: 660, y: 380, angle: 180, mark: 'GFI', tag: 'A-5' },
      { x: 880, y: 640, angle: 270, mark: null, tag: 'LP1-7' },
      { x: 1100, y: 660, angle: 30, mark: null, tag: null },
      { x: 1320, y: 940, angle: 0, mark: 'GFCI', tag: 'A-9' },
      { x: 1540, y: 1240, angle: 90, mark: 'WP', tag: 'A-11' },
    ];
    // The boxes are drawn 1.7 times the receptacles' size: both are counted.
    const analysis = analyzePlan(usPowerSignalSheet(boxesAt(7.5), { receptacles }), { locale: 'en' });
    expect(analysis.counts.byType).toEqual({
      junction_box: 14,
      receptacle: 4,
      receptacle_gfci: 2,
      receptacle_weatherproof: 1,
    });
    const tagged = analysis.pages[0]?.symbols
      .filter((s) => s.type.startsWith('receptacle'))
      .map((s) => s.circuit);
    expect(tagged).toEqual(expect.arrayContaining(['A-1', 'A-3', 'A-5', 'LP1-7', 'A-9', 'A-11']));
  });
});
