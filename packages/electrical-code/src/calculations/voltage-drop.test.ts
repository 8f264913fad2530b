import { describe, expect, it } from 'vitest';
import { CalculationError } from '../errors.ts';
import { type VoltageDropInput as Input, VoltageDropInput, voltageDrop } from './voltage-drop.ts';

type Case = Omit<Input, 'edition' | 'scope'> & {
  edition?: '2018' | '2026';
  scope?: 'branch-or-feeder' | 'total';
};
const run = (input: Case) => voltageDrop(VoltageDropInput.parse(input));

// Resistances at 75 °C (NEC Ch. 9 Table 8, Ω/kft ÷ 0.3048 → Ω/km):
// 14 AWG Cu 3.14 → 10.3018; 12 AWG Cu 1.98 → 6.4961; 6 AWG Cu 0.491 → 1.6109; 4/0 Al 0.100 → 0.3281.
describe('voltageDrop — single phase (2·L·I·R)', () => {
  it('12 AWG copper, 30 m, 16 A at 120 V exceeds 3 %', () => {
    // 2 × 30 × 16 × 0.0064961 = 6.2362 V; 6.2362 / 120 = 5.197 %.
    const r = run({ material: 'copper', size: '12 AWG', lengthM: 30, currentA: 16, voltage: 120, phases: 1 });
    expect(r.resistanceOhmPerKm).toBe(6.4961);
    expect(r.dropV).toBe(6.236);
    expect(r.dropPercent).toBe(5.197);
    expect(r.limitPercent).toBe(3);
    expect(r.withinLimit).toBe(false);
  });

  it('14 AWG copper, 20 m, 12 A at 240 V is within 3 %', () => {
    // 2 × 20 × 12 × 0.0103018 = 4.9449 V; 4.9449 / 240 = 2.060 %.
    const r = run({ material: 'copper', size: '14 AWG', lengthM: 20, currentA: 12, voltage: 240, phases: 1 });
    expect(r.dropV).toBe(4.945);
    expect(r.dropPercent).toBe(2.06);
    expect(r.withinLimit).toBe(true);
  });

  it('uses the 5 % total limit when asked', () => {
    // Same as the first case: 5.197 % > 5 % → still outside; 28 m → 2 × 28 × 16 × 0.0064961 = 5.8205 V = 4.850 %.
    expect(
      run({
        material: 'copper',
        size: '12 AWG',
        lengthM: 30,
        currentA: 16,
        voltage: 120,
        phases: 1,
        scope: 'total',
      }).withinLimit,
    ).toBe(false);
    const r = run({
      material: 'copper',
      size: '12 AWG',
      lengthM: 28,
      currentA: 16,
      voltage: 120,
      phases: 1,
      scope: 'total',
    });
    expect(r.limitPercent).toBe(5);
    expect(r.dropPercent).toBe(4.85);
    expect(r.withinLimit).toBe(true);
  });
});

describe('voltageDrop — three phase (√3·L·I·R)', () => {
  it('4/0 aluminum feeder, 100 m, 150 A at 600 V', () => {
    // √3 × 100 × 150 × 0.000328084 = 8.5238 V; 8.5238 / 600 = 1.421 %.
    const r = run({
      material: 'aluminum',
      size: '4/0 AWG',
      lengthM: 100,
      currentA: 150,
      voltage: 600,
      phases: 3,
    });
    expect(r.dropV).toBe(8.524);
    expect(r.dropPercent).toBe(1.421);
    expect(r.withinLimit).toBe(true);
  });

  it('6 AWG copper, 50 m, 50 A at 208 V exceeds 3 %', () => {
    // √3 × 50 × 50 × 0.00161089 = 6.9754 V; 6.9754 / 208 = 3.354 %.
    const r = run({ material: 'copper', size: '6 AWG', lengthM: 50, currentA: 50, voltage: 208, phases: 3 });
    expect(r.dropV).toBe(6.975);
    expect(r.dropPercent).toBe(3.354);
    expect(r.withinLimit).toBe(false);
  });
});

describe('voltageDrop — temperature, editions, errors', () => {
  it('corrects the resistance to the conductor temperature', () => {
    // 12 AWG Cu at 60 °C: 6.49606 × (1 + 0.00323 × (60 − 75)) = 6.49606 × 0.95155 = 6.1813 Ω/km.
    const r = run({
      material: 'copper',
      size: '12 AWG',
      lengthM: 10,
      currentA: 10,
      voltage: 120,
      phases: 1,
      conductorTempC: 60,
    });
    expect(r.resistanceOhmPerKm).toBe(6.1813);
    expect(r.conductorTempC).toBe(60);
    expect(r.ruleRefs).toContain('NEC ch. 9, tableau 8');
  });

  it('has the same 3 % limit in the 2018 edition', () => {
    const r = run({
      edition: '2018',
      material: 'copper',
      size: '14 AWG',
      lengthM: 20,
      currentA: 12,
      voltage: 240,
      phases: 1,
    });
    expect(r.edition).toBe('2018');
    expect(r.limitPercent).toBe(3);
    expect(r.ruleRefs).toContain('8-102 1)c)');
  });

  it('throws size_not_in_table for 14 AWG aluminum', () => {
    expect(() =>
      run({ material: 'aluminum', size: '14 AWG', lengthM: 10, currentA: 10, voltage: 120, phases: 1 }),
    ).toThrow(CalculationError);
  });
});

describe('voltageDrop — audit row 8: 8-102 lettering per edition', () => {
  const circuit = {
    material: 'copper',
    size: '12 AWG',
    lengthM: 10,
    currentA: 16,
    voltage: 240,
    phases: 1,
  } as const;

  it('2026 (CSA C22.1:21): 3 % is 8-102 1)a), 5 % is 8-102 1)b), basis 8-102 1) (connected load or 80 %)', () => {
    const branch = run(circuit);
    expect(branch.ruleRefs).toEqual(expect.arrayContaining(['8-102 1)', '8-102 1)a)']));
    expect(branch.ruleRefs).not.toContain('8-102 1)c)');
    expect(branch.assumptions.some((a) => a.includes('80 %'))).toBe(true);
    const total = run({ ...circuit, scope: 'total' });
    expect(total.limitPercent).toBe(5);
    expect(total.ruleRefs).toContain('8-102 1)b)');
  });

  it('2018 (CEC 2015): 3 % stays 8-102 1)c)', () => {
    expect(run({ ...circuit, edition: '2018' }).ruleRefs).toContain('8-102 1)c)');
  });
});
