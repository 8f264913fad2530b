import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { ExtractedDocument } from './primitives.ts';
import { PageBuilder } from './testing/page-builder.ts';

/**
 * Issue 16, a US "POWER & SIGNAL" floor plan (ANSI E, 1/4" = 1'-0") whose symbol legend is on
 * another sheet of the set that was not supplied: ~50 numbered rooms, a circuiting note, junction
 * boxes drawn as "J" in a circle (NEC / US convention) with their circuit tags beside them
 * ("A-12", "LP1-3,5"), walls running past them, grid bubbles. The built-in symbols apply.
 */
type Box = { x: number; y: number; r: number; tag: string | null };

function usPowerSignalSheet(
  boxes: readonly Box[],
  opts: { segmentCircles?: boolean } = {},
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
});
