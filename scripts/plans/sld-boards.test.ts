import { describe, expect, it } from 'vitest';
import { generateSldSheet, sldSheetSpecs } from './sld-boards.ts';

describe('IEC single-line-diagram sheets', () => {
  const specs = sldSheetSpecs();

  it('covers 6–24 ways, single- and three-phase boards, text-layer and stroked sheets', () => {
    const boards = specs.flatMap((s) => s.boards);
    const ways = boards.map((b) => b.ways.length);
    expect(Math.min(...ways)).toBe(6);
    expect(Math.max(...ways)).toBe(24);
    expect(new Set(boards.map((b) => b.phases))).toEqual(new Set([1, 3]));
    expect(new Set(specs.map((s) => s.text))).toEqual(new Set(['text', 'stroked']));
    expect(specs.every((s) => /^plan-\d+-sld-/.test(s.name))).toBe(true);
  });

  it('gives poles only where the breaker cell prints them, and no circuit for an empty way', async () => {
    for (const spec of specs) {
      const { truth } = await generateSldSheet(spec);
      const panels = truth.pages.flatMap((p) => p.panels);
      expect(panels.map((p) => p.name)).toEqual(spec.boards.map((b) => b.name));
      spec.boards.forEach((board, i) => {
        const circuits = panels[i]?.circuits ?? [];
        const printed = board.ways.filter((w) => w.description !== null || w.amps !== null);
        expect(circuits).toHaveLength(printed.length);
        for (const c of circuits) {
          const way = board.ways[c.number - 1];
          expect(c.poles === 3).toBe(/\b(3P|TP)\b/.test(way?.breaker ?? ''));
          expect(c.amps).toBe(way?.amps);
        }
      });
    }
  });

  it('draws the stroked sheet without a text layer and the text sheet with one', async () => {
    for (const spec of specs) {
      const { pdf } = await generateSldSheet(spec);
      const hasText = Buffer.from(pdf).toString('latin1').includes('/BaseFont');
      expect(hasText).toBe(spec.text === 'text');
    }
  });
});
