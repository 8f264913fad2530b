import { describe, expect, it } from 'vitest';
import { CalculationError } from '../errors.ts';
import { ConductorSizeInput, conductorSize, type ConductorSizeInput as Input } from './conductor-size.ts';

type Case = Omit<Input, 'edition'> & { edition?: '2018' | '2026' };
const run = (input: Case, lang: 'fr' | 'en' = 'fr') =>
  conductorSize(ConductorSizeInput.parse(input), { lang });

describe('conductorSize — copper in raceway or cable (Table 2)', () => {
  it.each([
    // 15 A, 90 °C insulation, unmarked terminations ≤ 100 A → 60 °C column: 14 AWG 15 A (cap 15 A).
    { currentA: 15, ins: 90, term: undefined, size: '14 AWG', ampacity: 15 },
    // 20 A: 14 AWG capped at 15 A; 12 AWG = min(30, 60 °C 20, cap 20) = 20 A.
    { currentA: 20, ins: 90, term: undefined, size: '12 AWG', ampacity: 20 },
    // 30 A, 75 °C terminations: 10 AWG = min(40, 35, cap 30) = 30 A.
    { currentA: 30, ins: 90, term: 75, size: '10 AWG', ampacity: 30 },
    // 40 A, 75 °C terminations: 10 AWG capped 30; 8 AWG = min(55, 50) = 50 A.
    { currentA: 40, ins: 90, term: 75, size: '8 AWG', ampacity: 50 },
    // 60 °C column: 55 A, 60 °C insulation → 8 AWG 40 A too small, 6 AWG 55 A.
    { currentA: 55, ins: 60, term: 60, size: '6 AWG', ampacity: 55 },
    // 75 °C column: 100 A → 4 AWG 85 A too small, 3 AWG 100 A.
    { currentA: 100, ins: 75, term: 75, size: '3 AWG', ampacity: 100 },
    // 90 °C column with 90 °C terminations: 130 A → 2 AWG 130 A.
    { currentA: 130, ins: 90, term: 90, size: '2 AWG', ampacity: 130 },
    // 200 A service, 75 °C: 2/0 175 A too small, 3/0 200 A (Dakota Prep example).
    { currentA: 197.4, ins: 75, term: 75, size: '3/0 AWG', ampacity: 200 },
    // 150 A, 90 °C insulation, unmarked > 100 A → deemed 75 °C: 1/0 = min(170, 150) = 150 A.
    { currentA: 150, ins: 90, term: undefined, size: '1/0 AWG', ampacity: 150 },
  ] as const)(
    '$currentA A, $ins °C insulation, terminations $term → $size',
    ({ currentA, ins, term, size, ampacity }) => {
      const r = run({
        currentA,
        material: 'copper',
        insulationRatingC: ins,
        installation: 'raceway-or-cable',
        ...(term ? { terminationRatingC: term } : {}),
      });
      expect(r.size).toBe(size);
      expect(r.ampacityA).toBe(ampacity);
      expect(r.tableId).toBe('2');
      expect(r.table).toBe('Tableau 2');
    },
  );
});

describe('conductorSize — aluminum (Tables 3 and 4)', () => {
  it.each([
    // Table 4, 75 °C: 100 A → 1 AWG 100 A (Technical Safety BC IB-EL 2016-07 example 1).
    { currentA: 100, term: 75, size: '1 AWG', ampacity: 100 },
    // Table 4, 75 °C: 90 A → 2 AWG 90 A.
    { currentA: 90, term: 75, size: '2 AWG', ampacity: 90 },
    // 20 A, unmarked (60 °C): 12 AWG Al = min(25, 15, cap 15) = 15; 10 AWG = min(35, 25, cap 25) = 25.
    { currentA: 20, term: undefined, size: '10 AWG', ampacity: 25 },
    // 200 A, 75 °C: 4/0 180 A too small; 250 kcmil 205 A.
    { currentA: 200, term: 75, size: '250 kcmil', ampacity: 205 },
  ] as const)('$currentA A → $size', ({ currentA, term, size, ampacity }) => {
    const r = run({
      currentA,
      material: 'aluminum',
      insulationRatingC: 90,
      installation: 'raceway-or-cable',
      ...(term ? { terminationRatingC: term } : {}),
    });
    expect(r.size).toBe(size);
    expect(r.ampacityA).toBe(ampacity);
    expect(r.tableId).toBe('4');
  });

  it('free air aluminum uses Table 3', () => {
    // Table 3, 75 °C: 6 AWG 75 A too small, 4 AWG 100 A.
    const r = run({
      currentA: 100,
      material: 'aluminum',
      insulationRatingC: 75,
      terminationRatingC: 75,
      installation: 'free-air',
    });
    expect(r.tableId).toBe('3');
    expect(r.size).toBe('4 AWG');
    expect(r.ampacityA).toBe(100);
  });
});

describe('conductorSize — free air copper (Table 1)', () => {
  it('picks 6 AWG for 100 A at 90 °C', () => {
    // Table 1, 90 °C: 8 AWG 80 A too small, 6 AWG 105 A.
    const r = run({
      currentA: 100,
      material: 'copper',
      insulationRatingC: 90,
      terminationRatingC: 90,
      installation: 'free-air',
    });
    expect(r.tableId).toBe('1');
    expect(r.size).toBe('6 AWG');
    expect(r.ampacityA).toBe(105);
  });
});

describe('conductorSize — corrections (Tables 5A, 5C) and continuous loads (8-104)', () => {
  it('applies the ambient factor at 45 °C', () => {
    // 90 °C insulation at 45 °C → 0.87. 8 AWG: 55 × 0.87 = 47.85 < 50.
    // 6 AWG: 75 × 0.87 = 65.25, limited by the 75 °C column 65 → 65 A.
    const r = run({
      currentA: 50,
      material: 'copper',
      insulationRatingC: 90,
      terminationRatingC: 75,
      ambientC: 45,
      installation: 'raceway-or-cable',
    });
    expect(r.ambientFactor).toBe(0.87);
    expect(r.size).toBe('6 AWG');
    expect(r.ampacityA).toBe(65);
  });

  it('applies 0.70 for 9 current-carrying conductors', () => {
    // 12 AWG: 30 × 0.70 = 21, 75 °C limit 25, cap 20 → 20 A ≥ 20 A.
    const r = run({
      currentA: 20,
      material: 'copper',
      insulationRatingC: 90,
      terminationRatingC: 75,
      currentCarryingConductors: 9,
      installation: 'raceway-or-cable',
    });
    expect(r.groupingFactor).toBe(0.7);
    expect(r.size).toBe('12 AWG');
    expect(r.ampacityA).toBe(20);
  });

  it('combines ambient 40 °C and 6 conductors', () => {
    // 0.91 × 0.80: 10 AWG 40 × 0.728 = 29.12 < 40; 8 AWG 55 × 0.728 = 40.04, limit 60 °C 40 → 40 A.
    const r = run({
      currentA: 40,
      material: 'copper',
      insulationRatingC: 90,
      ambientC: 40,
      currentCarryingConductors: 6,
      installation: 'raceway-or-cable',
    });
    expect(r.size).toBe('8 AWG');
    expect(r.ampacityA).toBe(40);
  });

  it('aluminum with 25 conductors (factor 0.60)', () => {
    // 0.60: 4 AWG 75 × 0.6 = 45 < 50; 3 AWG 85 × 0.6 = 51, 75 °C limit 75 → 51 A.
    const r = run({
      currentA: 50,
      material: 'aluminum',
      insulationRatingC: 90,
      terminationRatingC: 75,
      currentCarryingConductors: 25,
      installation: 'raceway-or-cable',
    });
    expect(r.groupingFactor).toBe(0.6);
    expect(r.size).toBe('3 AWG');
    expect(r.ampacityA).toBe(51);
  });

  it('sizes a continuous load at current ÷ 0.8 (Tables 2/4)', () => {
    // 24 A continuous → 30 A required: 10 AWG min(40, 35, 30) = 30 A.
    const r = run({
      currentA: 24,
      material: 'copper',
      insulationRatingC: 90,
      terminationRatingC: 75,
      installation: 'raceway-or-cable',
      continuous: true,
    });
    expect(r.requiredAmpacityA).toBe(30);
    expect(r.size).toBe('10 AWG');
    expect(r.ruleRefs).toContain('8-104 6)a)');
  });

  it('sizes a continuous load in free air at current ÷ 0.7 (Tables 1/3)', () => {
    // 70 A → 100 A required; Table 1, 75 °C: 6 AWG 95 < 100, 4 AWG 125 A.
    const r = run({
      currentA: 70,
      material: 'copper',
      insulationRatingC: 75,
      terminationRatingC: 75,
      installation: 'free-air',
      continuous: true,
    });
    expect(r.requiredAmpacityA).toBe(100);
    expect(r.size).toBe('4 AWG');
  });
});

describe('conductorSize — domain errors', () => {
  it('rejects 60 °C insulation at a 60 °C ambient', () => {
    const call = () =>
      run({
        currentA: 10,
        material: 'copper',
        insulationRatingC: 60,
        ambientC: 60,
        installation: 'raceway-or-cable',
      });
    expect(call).toThrow(CalculationError);
    try {
      call();
    } catch (err) {
      expect(err instanceof CalculationError && err.code).toBe('ambient_exceeds_insulation_rating');
      expect(err instanceof CalculationError && err.messages.fr).toContain('60 °C');
    }
  });

  it('has no tabulated size for 400 A copper at 75 °C (500 kcmil = 380 A)', () => {
    try {
      run({
        currentA: 400,
        material: 'copper',
        insulationRatingC: 75,
        terminationRatingC: 75,
        installation: 'raceway-or-cable',
      });
      expect.unreachable();
    } catch (err) {
      expect(err instanceof CalculationError && err.code).toBe('no_conductor_large_enough');
      expect(err instanceof CalculationError && err.messages.en).toContain('400\u00A0A');
    }
  });
});

describe('conductorSize — editions and language', () => {
  it('gives the same size in both editions (tables unchanged) and names the edition', () => {
    const input = {
      currentA: 40,
      material: 'copper',
      insulationRatingC: 90,
      terminationRatingC: 75,
      installation: 'raceway-or-cable',
    } as const;
    const a = run({ ...input, edition: '2018' });
    const b = run({ ...input, edition: '2026' });
    expect([a.edition, b.edition]).toEqual(['2018', '2026']);
    expect(a.size).toBe(b.size);
  });

  it('labels the table in English when asked', () => {
    const r = run(
      { currentA: 15, material: 'copper', insulationRatingC: 90, installation: 'raceway-or-cable' },
      'en',
    );
    expect(r.table).toBe('Table 2');
    expect(r.steps.at(-1)).toEqual({ ruleRef: 'Table 2', label: 'Size selected', value: '14 AWG' });
  });
});

describe('conductorSize — audit row 7: conservative derating of the termination column (4-006 1) + 4-004)', () => {
  const input = {
    currentA: 50,
    material: 'copper',
    insulationRatingC: 90,
    terminationRatingC: 75,
    ambientC: 40,
    installation: 'raceway-or-cable',
  } as const;

  it('by default limits by the termination column as tabulated, and says so', () => {
    // 90 °C at 40 °C → 0.91. 8 AWG: 55 × 0.91 = 50.05; 75 °C column 50 → 50 A ≥ 50 A.
    const r = run(input);
    expect(r.size).toBe('8 AWG');
    expect(r.ampacityA).toBe(50);
    expect(r.assumptions.some((a) => a.includes('conservative = true'))).toBe(true);
  });

  it('with conservative: true also derates the termination column', () => {
    // 8 AWG: 75 °C column 50 × 0.91 = 45.5 < 50. 6 AWG: 75 × 0.91 = 68.25, 65 × 0.91 = 59.15 → 59.15 A.
    const r = run({ ...input, conservative: true });
    expect(r.size).toBe('6 AWG');
    expect(r.ampacityA).toBe(59.15);
    expect(r.ruleRefs).toContain('4-004');
  });
});
