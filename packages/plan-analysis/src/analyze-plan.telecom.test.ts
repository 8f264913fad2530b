import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { ExtractedDocument } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';

/**
 * Issue 16, "not a power plan": a telecom sheet (data outlets, racks, cable trays, its own legend)
 * in a set whose power sheet has the electrical legend. It is reported as such and counts only
 * what its own legend types, never the set's receptacles nor hundreds of generic matches.
 */
function telecomSet(
  sheetNumber: string,
  title: string,
  opts: { receptacleRow?: boolean; consultant?: string } = {},
): ExtractedDocument {
  // Sheet 1: a power plan with its legend.
  const power = new PageBuilder(1224, 792);
  power.text('LEGEND', 1000, 740, 10);
  drawSymbol.receptacle(power, place(1012, 720));
  power.text('DUPLEX RECEPTACLE', 1040, 717, 7);
  power.rect(50, 50, 900, 650, { lineWidth: 1 });
  drawSymbol.receptacle(power, place(100, 100));
  drawSymbol.receptacle(power, place(300, 100, 90));

  // Sheet 2: the telecom room, racks drawn as small squares and its own legend.
  const tel = new PageBuilder(1224, 792);
  tel.text('LEGEND', 1000, 740, 10);
  drawSymbol.dataOutlet(tel, place(1012, 720));
  tel.text('DATA OUTLET', 1040, 717, 7);
  tel.rect(1008, 696, 8, 8);
  tel.text('EQUIPMENT RACK', 1040, 697, 7);
  if (opts.receptacleRow) {
    // Rack power drawn for coordination, with its own legend row.
    drawSymbol.receptacle(tel, place(1012, 676));
    tel.text('DUPLEX RECEPTACLE (RACK POWER)', 1040, 673, 7);
  }
  tel.rect(50, 50, 900, 650, { lineWidth: 1 });
  for (const [x, y] of [
    [120, 120],
    [220, 160],
    [420, 300],
  ] as const)
    drawSymbol.dataOutlet(tel, place(x, y));
  // Receptacles drawn for reference (power sheet's symbol): not counted on a telecom sheet.
  drawSymbol.receptacle(tel, place(600, 120));
  for (let i = 0; i < 60; i++) tel.rect(500 + 12 * (i % 20), 400 + 12 * Math.floor(i / 20), 8, 8);
  // Title block.
  tel.rect(960, 40, 240, 120);
  tel.text('PROJECT: NORTH CAMPUS', 970, 140, 7);
  if (opts.consultant) tel.text(opts.consultant, 970, 60, 6);
  tel.text(`SHEET TITLE: ${title}`, 970, 120, 7);
  tel.text('SCALE: 1/4" = 1\'-0"', 970, 100, 7);
  tel.text(`SHEET: ${sheetNumber}`, 970, 80, 7);
  return { pageCount: 2, pages: [power.build(1), tel.build(2)], warnings: [] };
}

describe('telecom sheets', () => {
  it('reports a telecom sheet by its number and counts only its own typed legend rows', () => {
    const analysis = analyzePlan(telecomSet('T-401', 'ENLARGED IDF ROOM'), { locale: 'en' });
    const tel = analysis.pages[1];
    expect(tel?.symbols.map((s) => s.type)).toEqual(['data_outlet', 'data_outlet', 'data_outlet']);
    expect(analysis.pages[0]?.symbols).toHaveLength(2);
    const warning = analysis.warnings.find((w) => w.code === 'not_power_plan');
    expect(warning).toMatchObject({ page: 2 });
    expect(warning?.message).toContain('sheet number T-401');
  });

  it('reads a package-prefixed number (P2-T4.00) as a T sheet and leaves its rack receptacles to the power sheets', () => {
    const analysis = analyzePlan(
      telecomSet('P2-T4.00', 'ENLARGED IDF ROOM PLANS', {
        receptacleRow: true,
        consultant: 'ELECTRICAL ENGINEER: ACME POWER',
      }),
      { locale: 'en' },
    );
    expect(analysis.pages[1]?.symbols.map((s) => s.type)).toEqual([
      'data_outlet',
      'data_outlet',
      'data_outlet',
    ]);
    const warning = analysis.warnings.find((w) => w.code === 'not_power_plan');
    expect(warning?.message).toContain('telecom sheet, not a power plan (sheet number P2-T4.00)');
    expect(warning?.message).toContain('only the data outlets of its own legend are counted');
  });

  it('counts the receptacles of the same sheet numbered as an electrical sheet', () => {
    const analysis = analyzePlan(telecomSet('P2-E4.00', 'POWER PLAN', { receptacleRow: true }), {
      locale: 'en',
    });
    expect(analysis.warnings.map((w) => w.code)).not.toContain('not_power_plan');
    expect(analysis.pages[1]?.symbols.filter((s) => s.type === 'receptacle')).toHaveLength(1);
  });

  it('reads "TÉLÉCOM" in the title block, in Québec French by default', () => {
    const analysis = analyzePlan(telecomSet('X-1', 'PLAN TÉLÉCOM NIVEAU 1'));
    const warning = analysis.warnings.find((w) => w.code === 'not_power_plan');
    expect(warning?.message).toMatch(/feuille de télécommunications.*titre de la feuille/);
  });

  it('keeps a power sheet of the same set a power plan (its 60 racks are then a flood)', () => {
    const analysis = analyzePlan(telecomSet('E-101', 'POWER AND SIGNAL PLAN'), { locale: 'en' });
    const codes = analysis.warnings.map((w) => w.code);
    expect(codes).not.toContain('not_power_plan');
    expect(analysis.pages[1]?.symbols.map((s) => s.type)).toEqual([
      'data_outlet',
      'data_outlet',
      'data_outlet',
    ]);
    expect(analysis.warnings.find((w) => w.code === 'legend_symbol_implausible')?.message).toContain(
      '"EQUIPMENT RACK" was found 6',
    );
  });
});
