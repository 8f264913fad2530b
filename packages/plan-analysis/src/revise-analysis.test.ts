import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { describe, expect, it } from 'vitest';
import { analyzePlan } from './analyze-plan.ts';
import { InvalidCorrection, reviseAnalysis } from './revise-analysis.ts';
import { buildSampleSheet } from './testing/sample-sheet.ts';

const meta = { revision: 1, correctedBy: 'key-1', correctedAt: '2026-12-06T20:00:00.000Z' };

function sample(): PlanAnalysis {
  const { builder } = buildSampleSheet();
  return analyzePlan({ pageCount: 1, pages: [builder.build()], warnings: [] });
}

describe('reviseAnalysis', () => {
  it('removes and adds symbols and recounts by type, room and sheet, leaving the original untouched', () => {
    const original = sample();
    const before = structuredClone(original);
    const page = original.pages[0];
    const index = page?.symbols.findIndex((s) => s.type === 'receptacle' && s.room === 'CUISINE') ?? -1;
    expect(index).toBeGreaterThanOrEqual(0);
    const removedSymbol = page?.symbols[index];
    // CUISINE is the left room (x 50..250); SALON the right one (x 250..450).
    const { analysis, records } = reviseAnalysis(
      original,
      { remove: [{ page: 1, index }], add: [{ type: 'thermostat', page: 1, x: 330, y: 150 }] },
      meta,
    );
    expect(original).toEqual(before);
    expect(analysis.counts.byType.receptacle).toBe((original.counts.byType.receptacle ?? 0) - 1);
    expect(analysis.counts.byType.thermostat).toBe(1);
    expect(analysis.counts.byRoom.CUISINE?.receptacle ?? 0).toBe(
      (original.counts.byRoom.CUISINE?.receptacle ?? 0) - 1,
    );
    expect(analysis.counts.byRoom.SALON?.thermostat).toBe(1);
    expect(analysis.counts.bySheet['1']?.thermostat).toBe(1);
    const added = analysis.pages[0]?.symbols.find((s) => s.type === 'thermostat');
    expect(added).toMatchObject({ room: 'SALON', confidence: 1, symbolId: 'manual', x: 330, y: 150 });
    expect(records).toEqual([
      {
        ...meta,
        action: 'remove',
        page: 1,
        x: removedSymbol?.x,
        y: removedSymbol?.y,
        type: 'receptacle',
        original: removedSymbol,
      },
      { ...meta, action: 'add', page: 1, x: 330, y: 150, type: 'thermostat', original: null },
    ]);
  });

  it.each([
    [{ remove: [{ page: 2, index: 0 }], add: [] }, 'remove.0.page', 'page_unknown'],
    [{ remove: [{ page: 1, index: 999 }], add: [] }, 'remove.0.index', 'symbol_unknown'],
    [
      {
        remove: [
          { page: 1, index: 0 },
          { page: 1, index: 0 },
        ],
        add: [],
      },
      'remove.1.index',
      'removed_twice',
    ],
    [{ remove: [], add: [{ type: 'switch' as const, page: 1, x: -5, y: 10 }] }, 'add.0', 'outside_page'],
  ])('refuses a correction the analysis cannot take (%#)', (corrections, path, reason) => {
    try {
      reviseAnalysis(sample(), corrections, meta);
      expect.unreachable('accepted');
    } catch (err) {
      expect(err).toBeInstanceOf(InvalidCorrection);
      expect(err).toMatchObject({ path, reason });
    }
  });
});
