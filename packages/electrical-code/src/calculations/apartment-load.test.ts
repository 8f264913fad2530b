import { describe, expect, it } from 'vitest';
import { ApartmentLoadInput, apartmentLoad } from './apartment-load.ts';
import type { DwellingLoads } from './dwelling-items.ts';

type Extra = Omit<Partial<ApartmentLoadInput>, 'units'>;
const run = (units: DwellingLoads[], extra: Extra = {}, lang: 'fr' | 'en' = 'fr') =>
  apartmentLoad(ApartmentLoadInput.parse({ units, ...extra }), { lang });

describe('apartmentLoad — basic load of a unit (8-202 1)a)i)-iii))', () => {
  it.each([
    // Each unit has a 12 kW range (6000 W), so the total is the basic load + 6000 W.
    // 40 m²: 3500 W for the first 45 m² only → 9500 W.
    { area: 40, total: 9500 },
    // 45 m²: still the first 45 m².
    { area: 45, total: 9500 },
    // 46 m²: + 1500 W for the second 45 m² (or portion) → 5000 + 6000 = 11 000 W.
    { area: 46, total: 11_000 },
    // 90 m²: 3500 + 1500 = 5000 W, no additional 90 m² block.
    { area: 90, total: 11_000 },
    // 91 m²: + 1000 W for a portion of a further 90 m² → 6000 + 6000 = 12 000 W.
    { area: 91, total: 12_000 },
    // 181 m²: ⌈91/90⌉ = 2 blocks → 7000 + 6000 = 13 000 W.
    { area: 181, total: 13_000 },
  ])('$area m² with a range → $total W', ({ area, total }) => {
    const r = run([{ livingAreaM2: area, rangeW: 12_000 }]);
    expect(r.units[0]?.calculatedLoadW).toBe(total);
    expect(r.ruleRefs).toEqual(expect.arrayContaining(['8-202 1)a)i)', '8-202 1)a)ii)', '8-202 1)a)iii)']));
  });
});

describe('apartmentLoad — audit row 1: a unit without a range (8-202 1)a)viii)B))', () => {
  it('takes 25 % of each load over 1500 W plus 6000 W: 60 m², 6 kW heat, 3 kW water heater, 5 kW dryer = 19 000 W', () => {
    // Source: CSA C22.1:21 8-202 1)a)viii)B) (audit row 1).
    // Basic 3500 + 1500 = 5000; heating 6000 (≤ 10 kW at 100 %, 62-118 3));
    // other: storage 3000 + dryer 5000 → 0.25 × 8000 = 2000 + 6000 = 8000.
    // Total 5000 + 6000 + 8000 = 19 000 W (the single-dwelling rule gave 17 500 W).
    const r = run([
      {
        livingAreaM2: 60,
        spaceHeatingW: 6000,
        waterHeaters: [{ watts: 3000, kind: 'storage' }],
        otherLoadsW: [5000],
      },
    ]);
    expect(r.units[0]?.calculatedLoadW).toBe(19_000);
    expect(r.calculatedLoadW).toBe(19_000);
    expect(r.demandLoadW).toBe(19_000);
    // 19 000 / 240 = 79,17 A → 80 A breaker, 100 A service.
    expect(r.currentA).toBe(79.17);
    expect(r.minimumOvercurrentA).toBe(80);
    expect(r.serviceSizeA).toBe(100);
    expect(r.ruleRefs).toContain('8-202 1)a)viii)');
  });

  it('adds the 6000 W even when the unit has no other load over 1500 W, and says so', () => {
    // 50 m²: 5000 + 6000 = 11 000 W.
    const r = run([{ livingAreaM2: 50 }]);
    expect(r.units[0]?.calculatedLoadW).toBe(11_000);
    expect(r.assumptions.some((a) => a.includes('8-202 1)a)viii)B)'))).toBe(true);
  });

  it('with a range, takes 25 % of each load over 1500 W and no allowance (8-202 1)a)viii)A))', () => {
    // 60 m² 5000 + range 6000 + 0.25 × 5000 = 1250 → 12 250 W.
    expect(run([{ livingAreaM2: 60, rangeW: 10_000, otherLoadsW: [5000] }]).calculatedLoadW).toBe(12_250);
  });
});

describe('apartmentLoad — audit row 2: the 60 A minimum of a unit (8-202 1)b))', () => {
  it('a 40 m² studio with 4 kW of heat is 60 A, not 31 A', () => {
    // 1)a): 3500 + 4000 + 6000 (no range) = 13 500 W < 60 A × 240 V = 14 400 W → 60 A.
    const r = run([{ livingAreaM2: 40, spaceHeatingW: 4000 }]);
    expect(r.calculatedLoadW).toBe(13_500);
    expect(r.minimumLoadW).toBe(14_400);
    expect(r.demandLoadW).toBe(14_400);
    expect(r.currentA).toBe(60);
    expect(r.units[0]?.demandLoadW).toBe(14_400);
    expect(r.serviceSizeA).toBe(60);
    expect(r.ruleRefs).toContain('8-202 1)b)');
  });

  it('reports each unit of a building with its own minimum, the ladder using the 1)a) loads', () => {
    // Two 30 m² units without loads: 3500 + 6000 = 9500 W each (1)a)); each feeder 14 400 W (1)b)).
    // Building ladder on 1)a): 9500 + 0.65 × 9500 = 15 675 W.
    const r = run([{ livingAreaM2: 30 }, { livingAreaM2: 30 }]);
    expect(r.units.map((u) => [u.calculatedLoadW, u.demandLoadW, u.currentA])).toEqual([
      [9500, 14_400, 60],
      [9500, 14_400, 60],
    ]);
    expect(r.calculatedLoadW).toBe(15_675);
    expect(r.minimumLoadW).toBe(0);
  });
});

describe('apartmentLoad — one unit', () => {
  it('is the 8-202 1) load of the unit, no ladder, with the Table 39 feeder', () => {
    // 60 m²: 3500 + 1500 = 5000; range 10 kW → 6000; heating 6 kW → 6000;
    // storage 3000 W as other load with range → 750. Total 17 750 W → 73,96 A → 80 A, 100 A service.
    const r = run([
      {
        livingAreaM2: 60,
        rangeW: 10_000,
        spaceHeatingW: 6000,
        waterHeaters: [{ watts: 3000, kind: 'storage' }],
      },
    ]);
    expect(r.calculatedLoadW).toBe(17_750);
    expect(r.minimumLoadW).toBe(14_400);
    expect(r.demandLoadW).toBe(17_750);
    expect(r.currentA).toBe(73.96);
    expect(r.minimumOvercurrentA).toBe(80);
    expect(r.serviceRatingA).toBe(80);
    expect(r.serviceSizeA).toBe(100);
    expect(r.serviceConductor).toEqual({ copper: '4 AWG', aluminum: '2 AWG', table: '39' });
    expect(r.ruleRefs).not.toContain('8-202 3)a)i)');
  });
});

describe('apartmentLoad — buildings (8-202 3))', () => {
  it('4 identical units: 100 %, 65 %, 65 %, 40 % plus each unit’s heating (3)b) per unit)', () => {
    // Each unit: 70 m² → 5000; range 12 kW → 6000 → 11 000 W without heating; heating 8 kW.
    // Ladder: 11 000 × (1 + 0.65 + 0.65 + 0.4) = 11 000 × 2.7 = 29 700 W.
    // Heating per unit: 8000 each (≤ 10 kW, 100 %) → 32 000 W.
    // Total 61 700 W → 257,08 A → 300 A breaker, 400 A (320/400) service.
    const unit: DwellingLoads = { livingAreaM2: 70, rangeW: 12_000, spaceHeatingW: 8000 };
    const r = run([unit, unit, unit, unit]);
    expect(r.units).toHaveLength(4);
    expect(r.units[0]?.calculatedLoadW).toBe(19_000);
    expect(r.units[0]?.ladderLoadW).toBe(11_000);
    expect(r.calculatedLoadW).toBe(61_700);
    expect(r.currentA).toBe(257.08);
    expect(r.minimumOvercurrentA).toBe(300);
    expect(r.serviceSizeA).toBe(400);
    // Tables 2/4, 75 °C, for 400 A: Cu 500 kcmil = 380 A < 400 → 2 × 3/0 (2 × 200); Al 2 × 250 kcmil (2 × 205).
    expect(r.serviceConductor).toEqual({ copper: '2 × 3/0 AWG', aluminum: '2 × 250 kcmil', table: '2/4' });
    expect(r.ruleRefs).toEqual(
      expect.arrayContaining(['8-202 3)a)i)', '8-202 3)a)ii)', '8-202 3)a)iii)', '8-202 3)b)']),
    );
  });

  it('offers Section 62 on the building total only as the labelled option heatingDemandScope = building', () => {
    // Same 4 units: heating 4 × 8000 = 32 000 → 10 000 + 0.75 × 22 000 = 26 500; 29 700 + 26 500 = 56 200 W.
    const unit: DwellingLoads = { livingAreaM2: 70, rangeW: 12_000, spaceHeatingW: 8000 };
    const r = run([unit, unit, unit, unit], { heatingDemandScope: 'building' });
    expect(r.calculatedLoadW).toBe(56_200);
    expect(r.heatingDemandScope).toBe('building');
    expect(r.assumptions.some((a) => a.includes('heatingDemandScope = building'))).toBe(true);
  });

  it('audit row 3: per-unit heating adds 173 A on a 22-unit building with 8 kW per unit', () => {
    // 22 × 8000 = 176 000 W per unit (each ≤ 10 kW at 100 %) vs 10 000 + 0.75 × 166 000 = 134 500 W
    // on the total: 41 500 W more, 41 500 / 240 = 172,92 A.
    const unit: DwellingLoads = { livingAreaM2: 60, rangeW: 12_000, spaceHeatingW: 8000 };
    const units = Array.from({ length: 22 }, () => unit);
    const perUnit = run(units);
    const building = run(units, { heatingDemandScope: 'building' });
    expect(perUnit.calculatedLoadW - building.calculatedLoadW).toBe(41_500);
    expect(round2(perUnit.currentA - building.currentA)).toBe(172.92);
  });

  it('12 identical units: the 25 % tier covers units 6 to 12', () => {
    // Each unit 60 m² → 5000; range 12 kW → 6000 → 11 000 W; heating 5 kW.
    // Ladder: 11 000 × (1 + 2 × 0.65 + 2 × 0.4 + 7 × 0.25) = 11 000 × 4.85 = 53 350 W.
    // Heating per unit: 12 × 5000 = 60 000 W. Total 113 350 W → 472,29 A → 500 A breaker, 600 A service.
    const unit: DwellingLoads = { livingAreaM2: 60, rangeW: 12_000, spaceHeatingW: 5000 };
    const r = run(Array.from({ length: 12 }, () => unit));
    expect(r.calculatedLoadW).toBe(113_350);
    expect(r.currentA).toBe(472.29);
    expect(r.minimumOvercurrentA).toBe(500);
    expect(r.serviceSizeA).toBe(600);
  });

  it('25 units: the last five are at 10 %', () => {
    // Each unit 90 m² → 5000; range 12 kW → 6000 → 11 000; no heating.
    // 11 000 × (1 + 1.3 + 0.8 + 15 × 0.25 + 5 × 0.1) = 11 000 × 7.35 = 80 850 W.
    const unit: DwellingLoads = { livingAreaM2: 90, rangeW: 12_000 };
    const r = run(Array.from({ length: 25 }, () => unit));
    expect(r.calculatedLoadW).toBe(80_850);
    expect(r.ruleRefs).toContain('8-202 3)a)v)');
  });

  it('sorts units so the largest is taken at 100 %', () => {
    // Unit loads: 50 m² no range 5000 + 6000 = 11 000; 50 m² + range 5000 + 6000 = 11 000;
    // 100 m² no range 6000 + 6000 = 12 000. Sorted: 12 000 × 1 + (11 000 + 11 000) × 0.65 = 26 300 W.
    const r = run([{ livingAreaM2: 50 }, { livingAreaM2: 50, rangeW: 12_000 }, { livingAreaM2: 100 }]);
    expect(r.calculatedLoadW).toBe(26_300);
    expect(r.steps.some((s) => s.label.startsWith('Logement 3 (') && s.label.endsWith('à 100 %'))).toBe(true);
  });

  it('adds A/C at 100 % and applies the interlock unit by unit', () => {
    // 2 units 60 m², no range: 5000 + 6000 = 11 000 each → ladder 11 000 + 0.65 × 11 000 = 18 150.
    // Heating per unit 6000 each = 12 000; A/C 2 × 3000 = 6000.
    // Not interlocked: 18 150 + 12 000 + 6000 = 36 150 W; interlocked: max(6000, 3000) per unit → 30 150 W.
    const unit = { livingAreaM2: 60, spaceHeatingW: 6000, airConditioningW: 3000 };
    expect(run([unit, unit]).calculatedLoadW).toBe(36_150);
    const interlocked = { ...unit, heatingCoolingInterlocked: true };
    const r = run([interlocked, interlocked]);
    expect(r.calculatedLoadW).toBe(30_150);
    expect(r.ruleRefs).toEqual(expect.arrayContaining(['8-202 3)c)', '8-106 3)']));
  });

  it('keeps EV chargers out of the ladder and adds them at their counted load (3)d))', () => {
    // 2 units 60 m² (11 000 each, no range) with a 7200 W charger each.
    // Ladder 11 000 + 0.65 × 11 000 = 18 150; EVSE 2 × 7200 = 14 400 → 32 550 W.
    const unit = { livingAreaM2: 60, evChargers: [{ watts: 7200 }] };
    const r = run([unit, unit]);
    expect(r.units[0]?.ladderLoadW).toBe(11_000);
    expect(r.calculatedLoadW).toBe(32_550);
    expect(r.ruleRefs).toContain('8-202 3)d)');
  });

  it('adds the loads outside the dwelling units at 75 % (8-202 3)e))', () => {
    // 4 units of the first test (61 700 W) + corridors/elevator/parking 10 000 + 6000 = 16 000 × 0.75 = 12 000.
    // 73 700 W → 307,08 A.
    const unit: DwellingLoads = { livingAreaM2: 70, rangeW: 12_000, spaceHeatingW: 8000 };
    const r = run([unit, unit, unit, unit], { nonDwellingLoadsW: [10_000, 6000] });
    expect(r.calculatedLoadW).toBe(73_700);
    expect(r.currentA).toBe(307.08);
    expect(r.ruleRefs).toContain('8-202 3)e)');
  });

  it('applies the same ladder in the 2018 edition', () => {
    const unit: DwellingLoads = { livingAreaM2: 70, rangeW: 12_000, spaceHeatingW: 8000 };
    const r = run([unit, unit, unit, unit], { edition: '2018' });
    expect(r.edition).toBe('2018');
    expect(r.calculatedLoadW).toBe(61_700);
  });
});

describe('apartmentLoad — audit row 12: three-phase services (8-100: I = W / (√3 × V))', () => {
  const unit: DwellingLoads = { livingAreaM2: 70, rangeW: 12_000, spaceHeatingW: 8000 };

  it('120/208 V: 61 700 W / (√3 × 208 V) = 171,26 A → 200 A service; units at 208 V', () => {
    const r = run([unit, unit, unit, unit], { serviceVoltage: '120/208' });
    expect(r.serviceVoltage).toBe('120/208');
    expect(r.currentA).toBe(171.26);
    expect(r.minimumOvercurrentA).toBe(175);
    expect(r.serviceSizeA).toBe(200);
    // Table 2 75 °C: 3/0 Cu = 200 A; Table 4 75 °C: 250 kcmil Al = 205 A.
    expect(r.serviceConductor).toEqual({ copper: '3/0 AWG', aluminum: '250 kcmil', table: '2/4' });
    // Unit: 19 000 W / 208 V = 91,35 A; its 60 A minimum is 60 × 208 = 12 480 W.
    expect(r.units[0]?.currentA).toBe(91.35);
    expect(r.units[0]?.minimumLoadW).toBe(12_480);
    expect(r.steps.some((s) => s.label.includes('√3'))).toBe(true);
  });

  it('347/600 V: 61 700 W / (√3 × 600 V) = 59,37 A → 60 A service, units assumed at 120/240 V', () => {
    const r = run([unit, unit, unit, unit], { serviceVoltage: '347/600' }, 'en');
    expect(r.currentA).toBe(59.37);
    expect(r.serviceSizeA).toBe(60);
    expect(r.serviceConductor).toEqual({ copper: '6 AWG', aluminum: '4 AWG', table: '2/4' });
    expect(r.units[0]?.currentA).toBe(79.17);
    expect(r.assumptions.some((a) => a.includes('120/240 V through a transformer'))).toBe(true);
  });
});

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
