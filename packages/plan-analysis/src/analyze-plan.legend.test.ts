import { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { ExtractedDocument, ExtractedPage } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { drawSymbol } from './testing/sample-sheet.ts';

/**
 * Issue 16, failure classes 2 and 5 and "nothing found is never a silent success": legends
 * worded otherwise, drawn as bordered tables, printed on a symbols sheet of the set; rows whose
 * wording stays unknown are reported; sheets without a readable legend say why.
 */

const doc = (...pages: ExtractedPage[]): ExtractedDocument => ({
  pageCount: pages.length,
  pages,
  warnings: [],
});

/** Walls and a few symbols: a floor plan the legends below apply to. */
function floorPlan(b: PageBuilder): void {
  b.rect(50, 50, 400, 300, { lineWidth: 1 });
  drawSymbol.receptacle(b, place(100, 100));
  drawSymbol.receptacle(b, place(150, 100, 90));
  drawSymbol.luminaire(b, place(200, 200));
  drawSymbol.luminaire(b, place(260, 200));
  drawSymbol.heater(b, place(300, 80));
  drawSymbol.dataOutlet(b, place(380, 300, 45));
}

describe('legend wording', () => {
  it('reads a France-French legend (prise 2P+T, point lumineux DCL, convecteur, prise RJ45)', () => {
    const b = new PageBuilder();
    b.text('LÉGENDE', 600, 570, 10);
    drawSymbol.receptacle(b, place(612, 550));
    b.text('Prise de courant 2P+T 16 A', 640, 547, 7);
    drawSymbol.luminaire(b, place(612, 530));
    b.text('Point lumineux DCL', 640, 527, 7);
    drawSymbol.heater(b, place(612, 510));
    b.text('Convecteur électrique', 640, 507, 7);
    drawSymbol.dataOutlet(b, place(612, 490));
    b.text('Prise RJ45', 640, 487, 7);
    floorPlan(b);
    const analysis = analyzePlan(doc(b.build()));
    expect(analysis.counts.byType).toEqual({
      receptacle: 2,
      luminaire: 2,
      baseboard_heater: 1,
      data_outlet: 1,
    });
    expect(analysis.unresolvedLegendEntries).toEqual([]);
  });

  it.each(['KEY TO SYMBOLS', 'LEGEND - ELECTRICAL'])(
    'reads a legend titled "%s" (UK key, US qualifier after a dash)',
    (heading) => {
      const b = new PageBuilder();
      b.text(heading, 600, 570, 10);
      drawSymbol.receptacle(b, place(612, 550));
      b.text('Twin switched socket outlet 13 A', 640, 547, 7);
      drawSymbol.luminaire(b, place(612, 530));
      b.text('Ceiling point / pendant', 640, 527, 7);
      drawSymbol.heater(b, place(612, 510));
      b.text('Convector heater', 640, 507, 7);
      drawSymbol.dataOutlet(b, place(612, 490));
      b.text('Data outlet RJ45 Cat6', 640, 487, 7);
      floorPlan(b);
      const analysis = analyzePlan(doc(b.build()));
      expect(analysis.warnings.map((w) => w.code)).not.toContain('legend_unreadable');
      expect(analysis.counts.byType).toEqual({
        receptacle: 2,
        luminaire: 2,
        baseboard_heater: 1,
        data_outlet: 1,
      });
    },
  );

  it('reads an unframed list whose first row stands well below a large heading, beside small print', () => {
    const b = new PageBuilder();
    // Heading at 10 pt, first row 22 pt lower: four em of the sheet's commonest (title-block) print.
    b.text('LEGEND', 560, 570, 10);
    drawSymbol.receptacle(b, place(572, 548));
    b.text('Double plug socket outlet 16 A', 600, 546, 6.5);
    drawSymbol.luminaire(b, place(572, 533));
    b.text('Ceiling light fitting', 600, 531, 6.5);
    drawSymbol.heater(b, place(572, 518));
    b.text('Panel heater', 600, 516, 6.5);
    // Revision lines and notes of the title block beside the legend, in 5.5 pt.
    for (let i = 0; i < 12; i++)
      b.text(i % 2 === 0 ? `${i} 2026-03-12` : 'ISSUED FOR TENDER', 740, 560 - 8 * i, 5.5);
    floorPlan(b);
    const analysis = analyzePlan(doc(b.build()));
    expect(analysis.pages[0]?.legend.map((l) => l.type)).toEqual([
      'receptacle',
      'luminaire',
      'baseboard_heater',
    ]);
    expect(analysis.counts.byType).toMatchObject({ receptacle: 2, luminaire: 2, baseboard_heater: 1 });
  });

  it('reads a bordered US legend table (symbol | description | mounting height | remarks)', () => {
    const b = new PageBuilder();
    // Table frame, header row and column rules.
    const top = 580;
    const rowH = 20;
    const cols = [560, 590, 690, 740, 780];
    b.rect(cols[0] ?? 0, top - 5 * rowH, 220, 5 * rowH);
    for (let r = 1; r < 5; r++) b.line(560, top - r * rowH, 780, top - r * rowH);
    for (const x of cols.slice(1, -1)) b.line(x, top - 5 * rowH, x, top - rowH);
    b.text('ELECTRICAL LEGEND', 600, top + 4, 9);
    b.text('SYMBOL', 562, top - 14, 6);
    b.text('DESCRIPTION', 595, top - 14, 6);
    b.text('MTG HT', 695, top - 14, 6);
    b.text('REMARKS', 744, top - 14, 6);
    const row = (i: number) => top - rowH * i - rowH / 2;
    drawSymbol.receptacle(b, place(575, row(1)));
    b.text('DUPLEX RECEPTACLE', 595, row(1) - 2.5, 6);
    b.text('18" AFF', 695, row(1) - 2.5, 6);
    b.text('TR', 744, row(1) - 2.5, 6);
    drawSymbol.luminaire(b, place(575, row(2)));
    b.text('FIXTURE TYPE A', 595, row(2) - 2.5, 6);
    b.text('CLG', 695, row(2) - 2.5, 6);
    b.text('SEE SCHED.', 744, row(2) - 2.5, 6);
    drawSymbol.heater(b, place(575, row(3), 0, 0.8));
    b.text('ELECTRIC BASEBOARD', 595, row(3) - 2.5, 6);
    drawSymbol.dataOutlet(b, place(575, row(4)));
    b.text('DATA OUTLET CAT6', 595, row(4) - 2.5, 6);
    b.text('12" AFF', 695, row(4) - 2.5, 6);
    floorPlan(b);
    const analysis = analyzePlan(doc(b.build()));
    expect(analysis.pages[0]?.legend.map((e) => e.type)).toEqual([
      'receptacle',
      'luminaire',
      'baseboard_heater',
      'data_outlet',
    ]);
    expect(analysis.counts.byType).toEqual({
      receptacle: 2,
      luminaire: 2,
      baseboard_heater: 1,
      data_outlet: 1,
    });
  });

  it('reports rows whose wording and code name nothing known, and reuses an estimator mapping', () => {
    const b = new PageBuilder();
    b.text('LEGEND', 600, 570, 10);
    drawSymbol.receptacle(b, place(612, 550));
    b.text('Duplex receptacle', 640, 547, 7);
    drawSymbol.luminaire(b, place(612, 530));
    b.text('Type X1 (see schedule E-601)', 640, 527, 7);
    floorPlan(b);
    const first = analyzePlan(doc(b.build()));
    expect(PlanAnalysis.parse(first).unresolvedLegendEntries).toEqual([
      { symbolId: 'p1-s2', label: 'Type X1 (see schedule E-601)', page: 1, bbox: [608, 526, 616, 534] },
    ]);
    expect(first.counts.byType).toEqual({ receptacle: 2, other: 2 });

    const mapped = analyzePlan(doc(b.build()), {
      legendMappings: [{ label: 'TYPE X1 (see schedule E‑601)', type: 'luminaire' }],
    });
    expect(mapped.unresolvedLegendEntries).toEqual([]);
    expect(mapped.counts.byType).toEqual({ receptacle: 2, luminaire: 2 });
  });
});

describe('legend on a symbols sheet of the set', () => {
  it('applies an "E-000 SYMBOLES" sheet to every other sheet and counts nothing on it', () => {
    const symbols = new PageBuilder();
    symbols.text('E-000 SYMBOLES', 300, 590, 14);
    symbols.text('SYMBOLES ÉLECTRIQUES', 100, 540, 10);
    drawSymbol.receptacle(symbols, place(112, 520));
    symbols.text('Prise de courant double', 130, 517, 7);
    drawSymbol.luminaire(symbols, place(112, 500));
    symbols.text('Luminaire', 130, 497, 7);
    const floor1 = new PageBuilder();
    floorPlan(floor1);
    const floor2 = new PageBuilder();
    floor2.rect(50, 50, 400, 300, { lineWidth: 1 });
    drawSymbol.receptacle(floor2, place(120, 120, 30));
    drawSymbol.luminaire(floor2, place(220, 220));
    const analysis = analyzePlan(doc(symbols.build(1), floor1.build(2), floor2.build(3)));
    expect(analysis.counts.bySheet).toEqual({
      '1': {},
      '2': { receptacle: 2, luminaire: 2 },
      '3': { receptacle: 1, luminaire: 1 },
    });
    // Symbols of other kinds on sheet 2 are in no legend: unknown, not guessed, not silent.
    expect(analysis.warnings).toEqual([]);
  });
});

describe('nothing found is never silent', () => {
  it('says the text layer is missing when a sheet has drawing but no text', () => {
    const b = new PageBuilder();
    floorPlan(b);
    const fr = analyzePlan(doc(b.build()));
    // Its two receptacles drawn by convention are still counted, and the reason said.
    expect(fr.counts.byType).toEqual({ receptacle: 2 });
    expect(fr.warnings.map((w) => [w.code, w.page])).toEqual([['default_symbols', 1]]);
    expect(fr.warnings[0]?.message).toContain('pas de couche texte');
    const en = analyzePlan(doc(b.build()), { locale: 'en' });
    expect(en.warnings[0]?.message).toContain('no text layer');
  });

  it('says a legend heading was found but no row could be read under it', () => {
    const b = new PageBuilder();
    b.text('LÉGENDE', 600, 570, 10);
    b.text('Voir le devis, section 26 05 00.', 600, 555, 7);
    floorPlan(b);
    const fr = analyzePlan(doc(b.build()));
    expect(fr.warnings.map((w) => w.code)).toEqual(['default_symbols']);
    expect(fr.warnings[0]?.message).toContain('« LÉGENDE », page 1');
    const en = analyzePlan(doc(b.build()), { locale: 'en' });
    expect(en.warnings[0]?.message).toContain('legend heading ("LÉGENDE", page 1)');
  });

  it('says no legend heading exists on any sheet', () => {
    const b = new PageBuilder();
    b.text('PLAN DU REZ-DE-CHAUSSÉE', 100, 380, 10);
    floorPlan(b);
    const en = analyzePlan(doc(b.build()), { locale: 'en' });
    expect(en.warnings.map((w) => w.code)).toEqual(['default_symbols']);
    expect(en.warnings[0]?.message).toContain('no legend heading');
  });

  it('says no legend symbol matched on a sheet with a drawing', () => {
    const legend = new PageBuilder();
    legend.text('LEGEND', 100, 500, 10);
    drawSymbol.dataOutlet(legend, place(110, 480));
    legend.text('Data outlet', 125, 477, 7);
    const floor = new PageBuilder();
    floor.rect(50, 50, 400, 300, { lineWidth: 1 });
    for (let i = 0; i < 30; i++) floor.line(60 + 10 * i, 60, 60 + 10 * i, 90);
    const analysis = analyzePlan(doc(legend.build(1), floor.build(2)), { locale: 'en' });
    expect(analysis.warnings.map((w) => [w.code, w.page])).toEqual([['no_symbols_matched', 2]]);
    expect(analysis.warnings[0]?.message).toContain('none of the 1 legend symbols');
  });
});
