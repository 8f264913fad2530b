import { describe, expect, it } from 'vitest';
import {
  dimensionText,
  IMPERIAL_SCALES,
  METRIC_SCALES,
  metresPerPoint,
  noScaleText,
  scaleNoteText,
  scaleRatio,
} from './scale.ts';

// One point = 1/72 in of paper = 0.0254 / 72 m = 0.000352777… m.
const PAPER_M = 0.0254 / 72;

describe('metresPerPoint', () => {
  it.each([
    // 1:N → N paper metres per real metre.
    [{ kind: 'metric', ratio: 50 } as const, 50 * PAPER_M, 0.0176388889],
    [{ kind: 'metric', ratio: 100 } as const, 100 * PAPER_M, 0.0352777778],
    [{ kind: 'metric', ratio: 20 } as const, 20 * PAPER_M, 0.0070555556],
    // a/b" = 1'-0" → N = 12·b/a: 1/4" → 48, 1/8" → 96, 3/16" → 64, 1/2" → 24.
    [{ kind: 'imperial', num: 1, den: 4 } as const, 48 * PAPER_M, 0.0169333333],
    [{ kind: 'imperial', num: 1, den: 8 } as const, 96 * PAPER_M, 0.0338666667],
    [{ kind: 'imperial', num: 3, den: 16 } as const, 64 * PAPER_M, 0.0225777778],
    [{ kind: 'imperial', num: 1, den: 2 } as const, 24 * PAPER_M, 0.0084666667],
  ])('%o → %f m/pt', (scale, exact, rounded) => {
    expect(metresPerPoint(scale)).toBeCloseTo(exact, 15);
    expect(metresPerPoint(scale)).toBeCloseTo(rounded, 9);
  });

  it('1/4" = 1\'-0" draws a 12 ft (3.6576 m) wall as 3 paper inches (216 pt)', () => {
    const mpp = metresPerPoint({ kind: 'imperial', num: 1, den: 4 });
    expect(216 * mpp).toBeCloseTo(12 * 12 * 0.0254, 12);
  });

  it('1:50 draws a 5 m wall as 100 mm of paper (283.46 pt)', () => {
    expect(5 / metresPerPoint({ kind: 'metric', ratio: 50 })).toBeCloseTo((100 / 25.4) * 72, 9);
  });
});

describe('scale notes', () => {
  it('prints every metric form with its ratio in both languages', () => {
    for (const scale of METRIC_SCALES)
      for (const lang of ['fr', 'en'] as const)
        for (let form = 0; form < 4; form++)
          expect(scaleNoteText(scale, form, lang)).toContain(`1:${scaleRatio(scale)}`);
    expect(scaleNoteText({ kind: 'metric', ratio: 50 }, 0, 'fr')).toBe('ÉCHELLE 1:50');
    expect(scaleNoteText({ kind: 'metric', ratio: 100 }, 1, 'fr')).toBe('ÉCH. 1:100');
  });

  it('prints imperial forms as fraction = 1 foot', () => {
    expect(scaleNoteText({ kind: 'imperial', num: 1, den: 4 }, 2, 'fr')).toBe('1/4" = 1\'-0"');
    expect(scaleNoteText({ kind: 'imperial', num: 1, den: 8 }, 0, 'en')).toBe('SCALE: 1/8"=1\'-0"');
    for (const scale of IMPERIAL_SCALES) {
      if (scale.kind !== 'imperial') continue;
      for (let form = 0; form < 4; form++) {
        expect(scaleNoteText(scale, form, 'en')).toContain(`${scale.num}/${scale.den}"`);
        expect(scaleNoteText(scale, form, 'fr')).toMatch(/1'-?0"$/);
      }
    }
  });

  it('has "not to scale" notes with no ratio in them', () => {
    for (let form = 0; form < 3; form++) {
      expect(noScaleText(form, 'fr')).not.toMatch(/\d/);
      expect(noScaleText(form, 'en')).not.toMatch(/\d/);
    }
  });

  it('prints dimensions in millimetres or feet-inches', () => {
    expect(dimensionText(3.6, { kind: 'metric', ratio: 50 })).toBe('3600');
    expect(dimensionText(11, { kind: 'metric', ratio: 50 })).toBe('11 000');
    // 3.6576 m = 12'-0"; 3.6 m = 141.73 in → 11'-9 1/2" after rounding to the half inch.
    expect(dimensionText(3.6576, { kind: 'imperial', num: 1, den: 4 })).toBe('12\'-0"');
    expect(dimensionText(3.6, { kind: 'imperial', num: 1, den: 4 })).toBe('11\'-9 1/2"');
  });
});
