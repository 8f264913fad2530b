import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import { flattenPaths } from './geometry.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { buildSampleSheet, drawSymbol } from './testing/sample-sheet.ts';
import { groupTextLines, type TextLine } from './text-lines.ts';
import { viewTitleTester } from './title-block.ts';

describe('analyzePlan work budget', () => {
  it('stops a page whose symbol search exceeds its placement budget, with a warning in both languages', () => {
    const page = buildSampleSheet().builder.build();
    const doc = { pageCount: 1, pages: [page], warnings: [] };
    const full = analyzePlan(doc);
    expect(full.warnings.map((w) => w.code)).not.toContain('work_budget_exceeded');
    const total = full.pages[0]?.symbols.length ?? 0;
    expect(total).toBeGreaterThan(5);

    const fr = analyzePlan(doc, { match: { placementBudget: 3 } });
    const warning = fr.warnings.find((w) => w.code === 'work_budget_exceeded');
    expect(warning?.page).toBe(1);
    expect(warning?.message).toContain('incomplets');
    // Stopped early: fewer symbols than the full search found.
    expect(fr.pages[0]?.symbols.length ?? 0).toBeLessThan(total);
    const en = analyzePlan(doc, { locale: 'en', match: { placementBudget: 3 } });
    expect(en.warnings.find((w) => w.code === 'work_budget_exceeded')?.message).toContain('incomplete');
  });

  it('a dense sheet (a legend sample that looks like its hatching) ends quickly with its real devices counted', () => {
    const b = new PageBuilder(2384, 1684);
    b.text('LÉGENDE', 2000, 1600, 10);
    drawSymbol.receptacle(b, place(2012, 1580));
    b.text('Prise de courant duplex', 2030, 1577, 7);
    // A conduit sample: one short diagonal stroke, like every hatching stroke below.
    b.line(2011, 1559, 2013, 1561);
    b.text('Conduit dissimulé dans la dalle', 2030, 1557, 7);
    // 40 000 hatching strokes over the drawing.
    for (let x = 100; x < 1100; x += 5) for (let y = 100; y < 1100; y += 5) b.line(x, y, x + 2, y + 2);
    for (let i = 0; i < 20; i++) drawSymbol.receptacle(b, place(1300 + i * 30, 600));
    const started = performance.now();
    const analysis = analyzePlan({ pageCount: 1, pages: [b.build()], warnings: [] });
    const elapsed = performance.now() - started;
    expect(analysis.counts.byType.receptacle).toBe(20);
    // The flood of conduit "matches" is judged implausible, not counted.
    expect(analysis.counts.byType.other ?? 0).toBe(0);
    // Quadratic duplicate search took minutes on sheets like this one.
    expect(elapsed).toBeLessThan(60_000);
  });
});

describe('viewTitleTester', () => {
  it('finds titles over a scale note or underlined by a rule as wide as the text, not other lines', () => {
    const b = new PageBuilder(1000, 800);
    b.text('SOUS-SOL', 100, 700, 10);
    b.text('ÉCHELLE 1:100', 100, 688, 7);
    b.text('REZ-DE-CHAUSSÉE', 400, 700, 10);
    b.line(398, 699, 490, 699);
    b.text('CUISINE', 100, 400, 10);
    // A rule far wider than the text does not underline it.
    b.text('SALON', 400, 400, 10);
    b.line(300, 399, 900, 399);
    for (let x = 0; x < 1000; x += 3) b.line(x, 200, x + 1, 201);
    const page = b.build();
    const lines = groupTextLines(page.textItems);
    const isTitle = viewTitleTester(lines, flattenPaths(page.paths));
    const titles = lines.filter(isTitle).map((l) => l.text);
    expect(titles).toEqual(expect.arrayContaining(['SOUS-SOL', 'REZ-DE-CHAUSSÉE']));
    expect(titles).not.toContain('CUISINE');
    expect(titles).not.toContain('SALON');
  });

  it("takes the rest of a title split off on its baseline for the title, not a room's name", () => {
    // "PLAN AGRANDI — SALLE ÉLECTRIQUE 100" as OCR reads it: the dash lost, the line in two.
    const b = new PageBuilder(1000, 800);
    b.text('PLAN AGRANDI', 100, 700, 10);
    b.text('ÉCH. 1:50', 100, 688, 7);
    b.text('SALLE ÉLECTRIQUE 100', 200, 700, 10);
    // The room itself, in the enlarged plan below, and a name on the baseline of a title far off.
    b.text('SALLE ÉLECTRIQUE 100', 150, 500, 10);
    b.text('CUISINE', 400, 700, 10);
    const page = b.build();
    const lines = groupTextLines(page.textItems);
    const isTitle = viewTitleTester(lines, flattenPaths(page.paths));
    const at = (y: number, x: number) =>
      lines.find((l) => Math.abs(l.y - y) < 1 && Math.abs(l.bbox[0] - x) < 1);
    expect(lines.map((l) => l.text)).toContain('SALLE ÉLECTRIQUE 100');
    expect(isTitle(at(700, 200) as TextLine)).toBe(true);
    expect(isTitle(at(500, 150) as TextLine)).toBe(false);
    expect(isTitle(at(700, 400) as TextLine)).toBe(false);
  });
});
