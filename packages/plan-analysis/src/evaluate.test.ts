import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { describe, expect, it } from 'vitest';
import { evaluatePlan, f1, precision, recall, type TruthLike } from './evaluate.ts';

describe('evaluatePlan', () => {
  it('scores counts per sheet and room, located symbols, circuits, scale and room names', () => {
    const truth: TruthLike = {
      expectedWarnings: ['scanned_page'],
      pages: [
        {
          number: 1,
          scale: { metresPerPoint: 0.0176 },
          rooms: [{ name: 'CUISINE' }, { name: 'SALON' }],
          symbols: [
            { type: 'receptacle', x: 10, y: 10, room: 'CUISINE' },
            { type: 'receptacle', x: 50, y: 10, room: 'SALON' },
            { type: 'switch', x: 90, y: 10, room: 'SALON' },
          ],
          panels: [
            {
              name: 'A',
              voltage: '120/240 V',
              phases: 1,
              mainA: 200,
              circuits: [
                { number: 1, description: 'Cuisine', amps: 20, poles: 1 },
                { number: 2, description: 'Salon', amps: 15, poles: 1 },
              ],
            },
          ],
        },
      ],
      counts: {
        byType: { receptacle: 2, switch: 1 },
        byRoom: { CUISINE: { receptacle: 1 }, SALON: { receptacle: 1, switch: 1 } },
        bySheet: { '1': { receptacle: 2, switch: 1 } },
      },
    };
    const found: PlanAnalysis = {
      pages: [
        {
          number: 1,
          widthPt: 100,
          heightPt: 100,
          rotation: 0,
          scale: { text: '1:50', metresPerPoint: 0.01764 },
          legend: [],
          rooms: [
            { name: 'CUISINE', areaM2: 10 },
            { name: 'BUREAU', areaM2: 5 },
          ],
          symbols: [
            {
              type: 'receptacle',
              symbolId: 's1',
              x: 11,
              y: 10,
              rotation: 0,
              room: 'CUISINE',
              circuit: null,
              confidence: 1,
            },
            {
              type: 'receptacle',
              symbolId: 's1',
              x: 50,
              y: 30,
              rotation: 0,
              room: 'CUISINE',
              circuit: null,
              confidence: 1,
            },
            {
              type: 'receptacle',
              symbolId: 's1',
              x: 70,
              y: 70,
              rotation: 0,
              room: null,
              circuit: null,
              confidence: 1,
            },
          ],
          panels: [
            {
              name: 'A',
              voltage: '120/240 V',
              phases: 1,
              mainA: 200,
              circuits: [
                { number: 1, description: 'Cuisine', amps: 20, poles: 1 },
                { number: 2, description: 'Salon', amps: 20, poles: 1 },
              ],
            },
          ],
          text: '',
        },
      ],
      counts: {
        byType: { receptacle: 3 },
        byRoom: { CUISINE: { receptacle: 2 } },
        bySheet: { '1': { receptacle: 3 } },
      },
      warnings: [],
    };
    const ev = evaluatePlan(truth, found);
    // Sheet: receptacle found 3 vs 2 → tp 2, fp 1; switch 0 vs 1 → fn 1.
    expect(ev.sheetCounts).toEqual({ receptacle: { tp: 2, fp: 1, fn: 0 }, switch: { tp: 0, fp: 0, fn: 1 } });
    // Rooms: CUISINE 2 vs 1 → tp 1, fp 1; SALON 0 vs 1 receptacle, 0 vs 1 switch.
    expect(ev.roomCounts).toEqual({ receptacle: { tp: 1, fp: 1, fn: 1 }, switch: { tp: 0, fp: 0, fn: 1 } });
    // Located within 6 pt: only (11, 10) pairs with (10, 10).
    expect(ev.located).toEqual({ receptacle: { tp: 1, fp: 2, fn: 1 }, switch: { tp: 0, fp: 0, fn: 1 } });
    expect(ev.circuits).toEqual({ exact: 1, truth: 2, found: 2 });
    expect(ev.panels).toEqual({ truth: 1, found: 1, headerExact: 1 });
    // 0.01764 / 0.0176 − 1 = 0.23 % < 0.5 %.
    expect(ev.scale).toEqual({ correct: 1, total: 1 });
    expect(ev.roomNames).toEqual({ tp: 1, fp: 1, fn: 1 });
    expect(ev.warnings).toEqual({ expected: 1, raised: 0 });
  });

  it('computes precision, recall and F1 (2·tp / (2·tp + fp + fn))', () => {
    const t = { tp: 8, fp: 2, fn: 4 };
    expect([precision(t), recall(t), f1(t)]).toEqual([0.8, 8 / 12, 16 / 22]);
    expect(f1({ tp: 0, fp: 0, fn: 0 })).toBe(1);
  });
});
