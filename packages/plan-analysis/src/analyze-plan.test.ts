import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import type { ExtractedDocument, ExtractedPage } from './primitives.ts';
import { PageBuilder, place } from './testing/page-builder.ts';
import { buildSampleSheet, drawSymbol } from './testing/sample-sheet.ts';

const doc = (...pages: ExtractedPage[]): ExtractedDocument => ({
  pageCount: pages.length,
  pages,
  warnings: [],
});

describe('analyzePlan', () => {
  it('counts every symbol of the sample sheet by type, room and sheet, with circuits and scale', () => {
    const { builder, expected } = buildSampleSheet();
    const analysis = analyzePlan(doc(builder.build()));
    const page = analysis.pages[0];
    expect(analysis.warnings).toEqual([]);
    expect(page?.scale).toEqual({ text: 'ÉCHELLE 1:50', metresPerPoint: (50 * 0.0254) / 72 });
    expect(page?.rooms.map((r) => r.name)).toEqual(['CUISINE', 'SALON']);
    const found = (page?.symbols ?? [])
      .map((s) => ({ type: s.type, x: s.x, y: s.y, room: s.room, circuit: s.circuit }))
      .sort((a, b) => a.x - b.x || a.y - b.y);
    expect(found).toEqual([...expected].sort((a, b) => a.x - b.x || a.y - b.y));
    expect(analysis.counts).toEqual({
      byType: {
        receptacle: 3,
        luminaire: 2,
        luminaire_recessed: 2,
        switch_3way: 1,
        smoke_detector: 2,
        data_outlet: 2,
        baseboard_heater: 2,
      },
      byRoom: {
        CUISINE: {
          receptacle: 1,
          luminaire: 1,
          luminaire_recessed: 1,
          switch_3way: 1,
          smoke_detector: 1,
          data_outlet: 1,
          baseboard_heater: 1,
        },
        SALON: {
          receptacle: 2,
          luminaire: 1,
          luminaire_recessed: 1,
          smoke_detector: 1,
          data_outlet: 1,
          baseboard_heater: 1,
        },
      },
      bySheet: {
        '1': {
          receptacle: 3,
          luminaire: 2,
          luminaire_recessed: 2,
          switch_3way: 1,
          smoke_detector: 2,
          data_outlet: 2,
          baseboard_heater: 2,
        },
      },
    });
  });

  it('reports a scanned page with a warning and no invented counts', () => {
    const scan: ExtractedPage = {
      number: 1,
      widthPt: 612,
      heightPt: 792,
      rotation: 0,
      text: '',
      textItems: [],
      paths: [],
      images: [{ bbox: [0, 0, 612, 792], widthPx: 2550, heightPx: 3300 }],
    };
    const analysis = analyzePlan(doc(scan));
    expect(analysis.warnings.map((w) => [w.code, w.page])).toEqual([['scanned_page', 1]]);
    expect(analysis.warnings[0]?.message).toContain('numérisée');
    expect(analysis.pages[0]?.symbols).toEqual([]);
    expect(analysis.counts).toEqual({ byType: {}, byRoom: {}, bySheet: { '1': {} } });
    expect(analyzePlan(doc(scan), { locale: 'en' }).warnings[0]?.message).toContain('scanned page');
  });

  it('says when fewer pages were analysed than the document has (page limit)', () => {
    // 3 pages extracted out of 20 000: one document-level warning, counts only for the 3.
    const pages = [1, 2, 3].map((n) => {
      const page = new PageBuilder();
      drawSymbol.luminaire(page, place(100, 200));
      return page.build(n);
    });
    const truncated = analyzePlan({ pageCount: 20_000, pages, warnings: [] });
    const limit = truncated.warnings.filter((w) => w.code === 'pages_truncated');
    expect(limit).toEqual([
      {
        code: 'pages_truncated',
        page: null,
        message:
          'Seules les 3 premières pages sur 20000 ont été analysées (limite de pages par plan) : les autres ne sont ni lues ni comptées.',
      },
    ]);
    expect(truncated.pages).toHaveLength(3);
    const en = analyzePlan({ pageCount: 20_000, pages, warnings: [] }, { locale: 'en' });
    expect(en.warnings.find((w) => w.code === 'pages_truncated')?.message).toBe(
      'Only the first 3 of 20000 pages were analysed (page limit per plan): the others are neither read nor counted.',
    );
    // Every page read: no such warning.
    expect(analyzePlan(doc(...pages)).warnings.map((w) => w.code)).not.toContain('pages_truncated');
  });

  it('uses the legend of another sheet of the set when a sheet has none', () => {
    const legendSheet = new PageBuilder();
    legendSheet.text('LEGEND', 100, 500, 10);
    drawSymbol.luminaire(legendSheet, place(110, 480));
    legendSheet.text('Ceiling light', 125, 477, 7);
    const floor = new PageBuilder();
    for (let i = 0; i < 3; i++) drawSymbol.luminaire(floor, place(100 + 40 * i, 200));
    const analysis = analyzePlan(doc(legendSheet.build(1), floor.build(2)));
    expect(analysis.counts.bySheet).toEqual({ '1': {}, '2': { luminaire: 3 } });
    expect(analysis.pages[1]?.legend).toEqual([
      { symbolId: 'p1-s1', label: 'Ceiling light', type: 'luminaire' },
    ]);
  });

  it('warns when no legend exists anywhere instead of guessing', () => {
    const floor = new PageBuilder();
    for (let i = 0; i < 3; i++) drawSymbol.luminaire(floor, place(100 + 40 * i, 200));
    const analysis = analyzePlan(doc(floor.build()));
    expect(analysis.warnings.map((w) => w.code)).toEqual(['legend_unreadable']);
    expect(analysis.counts.byType).toEqual({});
  });

  it('analyses a sideways sheet upright and reports positions in page space', () => {
    const { builder } = buildSampleSheet();
    const upright = builder.build();
    // The same sheet drawn rotated 90° on a portrait page: (x, y) → (612 − y, x).
    const turn = (x: number, y: number): [number, number] => [612 - y, x];
    const sideways: ExtractedPage = {
      ...upright,
      widthPt: 612,
      heightPt: 792,
      rotation: 270,
      textItems: upright.textItems.map((t) => {
        const [x, y] = turn(t.x, t.y);
        return { ...t, x, y, angle: 90 };
      }),
      paths: upright.paths.map((p) => ({
        ...p,
        segments: p.segments.map((s) => {
          if (s.op === 'closePath') return s;
          if (s.op === 'curveTo') {
            const [x1, y1] = turn(s.x1, s.y1);
            const [x2, y2] = turn(s.x2, s.y2);
            const [x, y] = turn(s.x, s.y);
            return { op: 'curveTo' as const, x1, y1, x2, y2, x, y };
          }
          const [x, y] = turn(s.x, s.y);
          return { op: s.op, x, y };
        }),
        bbox: [612 - p.bbox[3], p.bbox[0], 612 - p.bbox[1], p.bbox[2]] as [number, number, number, number],
      })),
    };
    const a = analyzePlan(doc(upright));
    const b = analyzePlan(doc(sideways));
    expect(b.counts).toEqual(a.counts);
    const pos = (s: { x: number; y: number }) => [Math.round(s.x * 10) / 10, Math.round(s.y * 10) / 10];
    expect(b.pages[0]?.symbols.map(pos).sort()).toEqual(
      (a.pages[0]?.symbols ?? []).map((s) => pos({ x: 612 - s.y, y: s.x })).sort(),
    );
  });
});
