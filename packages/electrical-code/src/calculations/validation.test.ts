import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CalculationKind, calculations, runCalculation } from './catalogue.ts';

const issuePaths = (kind: CalculationKind, body: unknown) => {
  const parsed = calculations[kind].input.safeParse(body);
  expect(parsed.success).toBe(false);
  return parsed.success ? [] : parsed.error.issues.map((issue) => issue.path.join('.'));
};

describe('input schemas reject bad input with one issue per field', () => {
  it('dwelling-load: negative areas', () => {
    expect(issuePaths('dwelling-load', { livingAreaM2: -5, basementAreaM2: -1 })).toEqual([
      'livingAreaM2',
      'basementAreaM2',
    ]);
  });

  it('dwelling-load: missing living area, unknown field, bad water heater kind', () => {
    expect(
      issuePaths('dwelling-load', {
        rangeW: 12000,
        waterHeaters: [{ watts: 3000, kind: 'gas' }],
        garage: true,
      }).sort(),
    ).toEqual(['', 'livingAreaM2', 'waterHeaters.0.kind'].sort());
  });

  it('dwelling-load: unknown edition and a 120 V service', () => {
    expect(issuePaths('dwelling-load', { livingAreaM2: 100, edition: '2021', voltage: 120 })).toEqual([
      'edition',
      'voltage',
    ]);
  });

  it('apartment-load: no units and a negative unit area', () => {
    expect(issuePaths('apartment-load', { units: [] })).toEqual(['units']);
    expect(issuePaths('apartment-load', { units: [{ livingAreaM2: 0 }] })).toEqual(['units.0.livingAreaM2']);
  });

  it('conductor-size: every missing field once', () => {
    expect(issuePaths('conductor-size', {}).sort()).toEqual([
      'currentA',
      'installation',
      'insulationRatingC',
      'material',
    ]);
  });

  it('conductor-size: unknown material, 105 °C insulation, zero current', () => {
    expect(
      issuePaths('conductor-size', {
        currentA: 0,
        material: 'gold',
        insulationRatingC: 105,
        installation: 'free-air',
      }),
    ).toEqual(['currentA', 'material', 'insulationRatingC']);
  });

  it('voltage-drop: unknown size, 2 phases, negative length', () => {
    expect(
      issuePaths('voltage-drop', {
        material: 'copper',
        size: '13 AWG',
        lengthM: -3,
        currentA: 10,
        voltage: 120,
        phases: 2,
      }),
    ).toEqual(['size', 'lengthM', 'phases']);
  });

  it('box-fill: size not in Table 22, fractional count, negative devices', () => {
    expect(
      issuePaths('box-fill', { boxVolumeML: 200, conductors: [{ size: '4 AWG', count: 1.5 }], devices: -1 }),
    ).toEqual(['conductors.0.size', 'conductors.0.count', 'devices']);
  });

  it('defaults the edition to 2026', () => {
    const parsed = calculations['voltage-drop'].input.parse({
      material: 'copper',
      size: '12 AWG',
      lengthM: 10,
      currentA: 10,
      voltage: 120,
      phases: 1,
    });
    expect(parsed.edition).toBe('2026');
  });
});

describe('catalogue', () => {
  it('lists the five kinds of API.md', () => {
    expect(CalculationKind.options).toEqual([
      'dwelling-load',
      'apartment-load',
      'conductor-size',
      'voltage-drop',
      'box-fill',
    ]);
    expect(Object.keys(calculations).sort()).toEqual([...CalculationKind.options].sort());
  });

  it('runCalculation validates then runs, and each result matches its result schema', () => {
    const bodies: Record<CalculationKind, unknown> = {
      'dwelling-load': { livingAreaM2: 100 },
      'apartment-load': { units: [{ livingAreaM2: 60 }, { livingAreaM2: 60 }] },
      'conductor-size': {
        currentA: 15,
        material: 'copper',
        insulationRatingC: 90,
        installation: 'raceway-or-cable',
      },
      'voltage-drop': {
        material: 'copper',
        size: '12 AWG',
        lengthM: 10,
        currentA: 10,
        voltage: 120,
        phases: 1,
      },
      'box-fill': { boxVolumeML: 200, conductors: [{ size: '14 AWG', count: 4 }] },
    };
    for (const kind of CalculationKind.options) {
      const result = runCalculation(kind, bodies[kind], { lang: 'en' });
      expect(calculations[kind].result.safeParse(result).success).toBe(true);
      expect(result.edition).toBe('2026');
    }
    expect(() => runCalculation('dwelling-load', { livingAreaM2: -1 })).toThrow(z.ZodError);
  });
});
