import { describe, expect, it } from 'vitest';
import { ApartmentLoadInput, apartmentLoad } from './apartment-load.ts';
import type { DwellingLoads } from './dwelling-items.ts';

const run = (
  units: DwellingLoads[],
  extra: { edition?: '2018' | '2026'; waterHeaterRule?: 'full' | 'other-loads' } = {},
) => apartmentLoad(ApartmentLoadInput.parse({ units, ...extra }));

describe('apartmentLoad — basic load of a unit (8-202 1)a)-c))', () => {
  it.each([
    // 40 m²: 3500 W for the first 45 m² only.
    { area: 40, basic: 3500 },
    // 45 m²: still the first 45 m².
    { area: 45, basic: 3500 },
    // 46 m²: + 1500 W for the second 45 m² (or portion) → 5000 W.
    { area: 46, basic: 5000 },
    // 90 m²: 3500 + 1500 = 5000 W, no additional 90 m² block.
    { area: 90, basic: 5000 },
    // 91 m²: + 1000 W for a portion of a further 90 m² → 6000 W.
    { area: 91, basic: 6000 },
    // 181 m²: ⌈91/90⌉ = 2 blocks → 7000 W.
    { area: 181, basic: 7000 },
  ])('$area m² → $basic W', ({ area, basic }) => {
    const r = run([{ livingAreaM2: area }]);
    expect(r.units[0]?.calculatedLoadW).toBe(basic);
  });
});

describe('apartmentLoad — one unit', () => {
  it('is the 8-202 1) load of the unit, no ladder, no area minimum', () => {
    // 60 m²: 3500 + 1500 = 5000; range 10 kW → 6000; heating 6 kW → 6000;
    // storage 3000 W as other load with range → 750. Total 17 750 W → 73,96 A → 80 A.
    const r = run([
      {
        livingAreaM2: 60,
        rangeW: 10_000,
        spaceHeatingW: 6000,
        waterHeaters: [{ watts: 3000, kind: 'storage' }],
      },
    ]);
    expect(r.calculatedLoadW).toBe(17_750);
    expect(r.minimumLoadW).toBe(0);
    expect(r.demandLoadW).toBe(17_750);
    expect(r.currentA).toBe(73.96);
    expect(r.serviceRatingA).toBe(80);
    expect(r.ruleRefs).not.toContain('8-202 3)a)');
  });
});

describe('apartmentLoad — buildings (8-202 3))', () => {
  it('4 identical units: 100 %, 65 %, 65 %, 40 % plus heating on the total', () => {
    // Each unit: 70 m² → 5000; range 12 kW → 6000 → 11 000 W without heating; heating 8 kW.
    // Ladder: 11 000 × (1 + 0.65 + 0.65 + 0.4) = 11 000 × 2.7 = 29 700 W.
    // Heating 4 × 8000 = 32 000 → 10 000 + 0.75 × 22 000 = 26 500 W.
    // Total 56 200 W → 234,17 A → 250 A.
    const unit: DwellingLoads = { livingAreaM2: 70, rangeW: 12_000, spaceHeatingW: 8000 };
    const r = run([unit, unit, unit, unit]);
    expect(r.units).toHaveLength(4);
    expect(r.units[0]?.calculatedLoadW).toBe(19_000);
    expect(r.units[0]?.ladderLoadW).toBe(11_000);
    expect(r.calculatedLoadW).toBe(56_200);
    expect(r.currentA).toBe(234.17);
    expect(r.serviceRatingA).toBe(250);
  });

  it('12 identical units: the 25 % tier covers units 6 to 12', () => {
    // Each unit 60 m² → 5000; range 12 kW → 6000 → 11 000 W; heating 5 kW.
    // Ladder: 11 000 × (1 + 2 × 0.65 + 2 × 0.4 + 7 × 0.25) = 11 000 × 4.85 = 53 350 W.
    // Heating 12 × 5000 = 60 000 → 10 000 + 0.75 × 50 000 = 47 500 W.
    // Total 100 850 W → 420,21 A → 450 A.
    const unit: DwellingLoads = { livingAreaM2: 60, rangeW: 12_000, spaceHeatingW: 5000 };
    const r = run(Array.from({ length: 12 }, () => unit));
    expect(r.calculatedLoadW).toBe(100_850);
    expect(r.currentA).toBe(420.21);
    expect(r.serviceRatingA).toBe(450);
  });

  it('25 units: the last five are at 10 %', () => {
    // Each unit 90 m² → 5000; range 12 kW → 6000 → 11 000; no heating.
    // 11 000 × (1 + 1.3 + 0.8 + 15 × 0.25 + 5 × 0.1) = 11 000 × 7.35 = 80 850 W.
    const unit: DwellingLoads = { livingAreaM2: 90, rangeW: 12_000 };
    const r = run(Array.from({ length: 25 }, () => unit));
    expect(r.calculatedLoadW).toBe(80_850);
  });

  it('sorts units so the largest is taken at 100 %', () => {
    // Unit loads: 5000 (50 m², 3500 + 1500), 11 000 (50 m² + range), 6000 (100 m²: 3500 + 1500 + 1000).
    // Sorted: 11 000 × 1 + (6000 + 5000) × 0.65 = 11 000 + 7150 = 18 150 W.
    const r = run([{ livingAreaM2: 50 }, { livingAreaM2: 50, rangeW: 12_000 }, { livingAreaM2: 100 }]);
    expect(r.calculatedLoadW).toBe(18_150);
    expect(r.steps.some((s) => s.label.startsWith('Logement 2 (') && s.label.endsWith('à 100 %'))).toBe(true);
  });

  it('adds A/C at 100 % and applies the interlock when every unit is interlocked', () => {
    // 2 units 60 m²: 5000 each → ladder 5000 + 0.65 × 5000 = 8250.
    // Heating 2 × 6000 = 12 000 → 10 000 + 0.75 × 2000 = 11 500; A/C 2 × 3000 = 6000.
    // Not interlocked: 8250 + 11 500 + 6000 = 25 750 W; interlocked: 8250 + 11 500 = 19 750 W.
    const unit = { livingAreaM2: 60, spaceHeatingW: 6000, airConditioningW: 3000 };
    expect(run([unit, unit]).calculatedLoadW).toBe(25_750);
    const interlocked = { ...unit, heatingCoolingInterlocked: true };
    expect(run([interlocked, interlocked]).calculatedLoadW).toBe(19_750);
  });

  it('keeps EV chargers out of the ladder and adds them at their counted load', () => {
    // 2 units 60 m² (5000 each) with a 7200 W charger each.
    // Ladder 5000 + 0.65 × 5000 = 8250; EVSE 2 × 7200 = 14 400 → 22 650 W.
    const unit = { livingAreaM2: 60, evChargers: [{ watts: 7200 }] };
    const r = run([unit, unit]);
    expect(r.units[0]?.ladderLoadW).toBe(5000);
    expect(r.calculatedLoadW).toBe(22_650);
  });

  it('applies the same ladder in the 2018 edition', () => {
    const unit: DwellingLoads = { livingAreaM2: 70, rangeW: 12_000, spaceHeatingW: 8000 };
    const r = run([unit, unit, unit, unit], { edition: '2018' });
    expect(r.edition).toBe('2018');
    expect(r.calculatedLoadW).toBe(56_200);
  });
});
