import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { ExtractedDocument, Matrix } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';

/**
 * Issue 16: a South-African style layout sheet: its legend names devices by product ("600x600
 * LED panel", "recessed downlighter", "1.5m LED tube", "chandelier / high bay", "1-way switch"),
 * devices are drawn red over a black architectural background, and each carries a product tag.
 */
const devices = {
  panel(b: PageBuilder, m: Matrix): void {
    b.rect(-6, -6, 12, 12, {}, m);
    b.line(-6, -6, 6, 6, m);
    b.line(-6, 6, 6, -6, m);
  },
  downlighter(b: PageBuilder, m: Matrix): void {
    b.circle(0, 0, 3, {}, m);
    b.circle(0, 0, 1.5, { fill: true }, m);
  },
  tube(b: PageBuilder, m: Matrix): void {
    b.rect(-10, -1.5, 20, 3, {}, m);
    b.line(-10, 0, 10, 0, m);
  },
  highBay(b: PageBuilder, m: Matrix): void {
    b.circle(0, 0, 5, {}, m);
    b.line(-5, 0, 5, 0, m);
    b.line(0, -5, 0, 5, m);
  },
  oneWaySwitch(b: PageBuilder, m: Matrix): void {
    b.circle(0, 0, 2, { fill: true }, m);
    b.line(0, 2, 4, 8, m);
  },
};
type Kind = keyof typeof devices;

function productLegendSheet(placed: readonly [Kind, number, number, number][]): ExtractedDocument {
  const b = new PageBuilder(2384, 1684);
  // Black architectural background: rooms and walls.
  for (let i = 0; i < 6; i++) b.rect(100 + 300 * i, 200, 280, 600, { lineWidth: 1.5 });
  b.text('TRAINING ROOM', 200, 500, 9);
  b.text('OFFICE', 520, 500, 9);
  const firstDevicePath = b.paths.length;
  // Legend (right), its symbols red like the drawing's.
  b.text('LEGEND', 2000, 1490, 10);
  const rows: [Kind, string][] = [
    ['panel', '600x600 LED panel'],
    ['downlighter', 'Recessed downlighter'],
    ['tube', '1.5m LED tube'],
    ['highBay', 'Chandelier / high bay'],
    ['oneWaySwitch', '1-way switch'],
  ];
  rows.forEach(([kind, label], i) => {
    devices[kind](b, place(2015, 1470 - 22 * i));
    b.text(label, 2040, 1467 - 22 * i, 7);
  });
  for (const [kind, x, y, angle] of placed) {
    devices[kind](b, place(x, y, angle));
    b.text(kind === 'oneWaySwitch' ? 'S1' : 'LUM-01', x + 12, y + 10, 5);
  }
  const page = b.build();
  page.paths.forEach((p, i) => {
    if (i >= firstDevicePath) p.strokeColor = p.fillColor = '#ff0000';
  });
  return { pageCount: 1, pages: [page], warnings: [] };
}

describe('product-worded legend with red devices', () => {
  it('resolves every legend row to a device type and counts the red devices', () => {
    const placed: [Kind, number, number, number][] = [];
    for (let i = 0; i < 6; i++) {
      placed.push(['panel', 180 + 300 * i, 300, 0]);
      placed.push(['tube', 180 + 300 * i, 700, 90]);
      placed.push(['highBay', 250 + 300 * i, 420, 0]);
    }
    for (let i = 0; i < 4; i++) placed.push(['downlighter', 160 + 300 * i, 600, 0]);
    for (let i = 0; i < 3; i++) placed.push(['oneWaySwitch', 110 + 300 * i, 250, 0]);
    const analysis = analyzePlan(productLegendSheet(placed), { locale: 'en' });
    expect(analysis.pages[0]?.legend.map((e) => [e.label, e.type])).toEqual([
      ['600x600 LED panel', 'luminaire'],
      ['Recessed downlighter', 'luminaire_recessed'],
      ['1.5m LED tube', 'luminaire'],
      ['Chandelier / high bay', 'luminaire'],
      ['1-way switch', 'switch'],
    ]);
    expect(analysis.unresolvedLegendEntries).toEqual([]);
    expect(analysis.counts.byType).toEqual({ luminaire: 18, luminaire_recessed: 4, switch: 3 });
  });
});
