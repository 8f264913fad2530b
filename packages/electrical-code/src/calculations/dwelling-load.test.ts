import { describe, expect, it } from 'vitest';
import {
  DwellingLoadInput,
  type DwellingLoadInput as DwellingLoadInputType,
  dwellingLoad,
} from './dwelling-load.ts';

const run = (input: Partial<DwellingLoadInputType> & { livingAreaM2: number }, lang: 'fr' | 'en' = 'fr') =>
  dwellingLoad(DwellingLoadInput.parse(input), { lang });

describe('dwellingLoad — basic load and minimum (8-200 1)a)i)-ii), 8-200 1)b))', () => {
  it.each([
    // 70 m²: basic 5000 W; minimum 60 A (< 80 m²) × 240 = 14 400 W → demand 14 400 W, 60 A.
    { area: 70, calculated: 5000, minimum: 14_400, demand: 14_400, current: 60 },
    // 79.9 m²: still < 80 m² → 60 A minimum.
    { area: 79.9, calculated: 5000, minimum: 14_400, demand: 14_400, current: 60 },
    // 80 m²: 80 m² or more → 100 A × 240 = 24 000 W.
    { area: 80, calculated: 5000, minimum: 24_000, demand: 24_000, current: 100 },
    // 90 m²: exactly the first block, no additional block → 5000 W.
    { area: 90, calculated: 5000, minimum: 24_000, demand: 24_000, current: 100 },
    // 90.01 m²: a part of a block counts → 5000 + 1000 = 6000 W.
    { area: 90.01, calculated: 6000, minimum: 24_000, demand: 24_000, current: 100 },
    // 180 m²: ⌈(180 − 90)/90⌉ = 1 → 6000 W.
    { area: 180, calculated: 6000, minimum: 24_000, demand: 24_000, current: 100 },
    // 181 m²: ⌈91/90⌉ = 2 → 7000 W.
    { area: 181, calculated: 7000, minimum: 24_000, demand: 24_000, current: 100 },
    // 2475 m² (Dakota Prep mansion): ⌈2385/90⌉ = 27 → 5000 + 27 000 = 32 000 W → 133,33 A.
    { area: 2475, calculated: 32_000, minimum: 24_000, demand: 32_000, current: 133.33 },
  ])(
    '$area m² → calculated $calculated W, demand $demand W',
    ({ area, calculated, minimum, demand, current }) => {
      const r = run({ livingAreaM2: area });
      expect(r.calculatedLoadW).toBe(calculated);
      expect(r.minimumLoadW).toBe(minimum);
      expect(r.demandLoadW).toBe(demand);
      expect(r.currentA).toBe(current);
    },
  );

  it('reports the edition, 2026 by default, and cites 8-200 1)b) for the minimum', () => {
    const r = run({ livingAreaM2: 100 });
    expect(r.edition).toBe('2026');
    expect(r.ruleRefs).toContain('8-200 1)b)');
    expect(r.steps.some((s) => s.ruleRef === '8-200 1)b)' && s.value === '24\u202F000\u00A0W')).toBe(true);
  });
});

describe('dwellingLoad — living area per 8-110 (basement at 75 %)', () => {
  it('counts a basement at 75 % when its height is not given, and says so', () => {
    // 120 m² + 0.75 × 80 m² = 180 m² → 5000 + 1000 × ⌈90/90⌉ = 6000 W.
    const r = run({ livingAreaM2: 120, basementAreaM2: 80 });
    expect(r.livingAreaM2).toBe(180);
    expect(r.calculatedLoadW).toBe(6000);
    expect(r.assumptions.some((a) => a.includes('1,8 m'))).toBe(true);
  });

  it('counts a basement higher than 1.8 m', () => {
    // 150 + 0.75 × 100 = 225 m² → ⌈135/90⌉ = 2 blocks → 7000 W.
    const r = run({ livingAreaM2: 150, basementAreaM2: 100, basementHeightM: 2.4 });
    expect(r.livingAreaM2).toBe(225);
    expect(r.calculatedLoadW).toBe(7000);
  });

  it('excludes a basement 1.8 m high or less', () => {
    // 150 m² only → ⌈60/90⌉ = 1 block → 6000 W.
    const r = run({ livingAreaM2: 150, basementAreaM2: 100, basementHeightM: 1.8 });
    expect(r.livingAreaM2).toBe(150);
    expect(r.calculatedLoadW).toBe(6000);
  });

  it('takes the minimum from the floor area excluding the basement', () => {
    // 70 m² above grade (< 80 m² → 60 A) even though 70 + 0.75 × 70 = 122.5 m² of living area:
    // calculated 5000 + 1000 = 6000 W < 14 400 W minimum.
    const r = run({ livingAreaM2: 70, basementAreaM2: 70, basementHeightM: 2.2 });
    expect(r.livingAreaM2).toBe(122.5);
    expect(r.calculatedLoadW).toBe(6000);
    expect(r.minimumLoadW).toBe(14_400);
    expect(r.demandLoadW).toBe(14_400);
  });
});

describe('dwellingLoad — range (8-200 1)a)iv))', () => {
  it.each([
    // 12 kW: 6000 W, nothing above 12 kW. 100 m² basic 6000 → 12 000 W.
    { range: 12_000, total: 12_000 },
    // 14 kW: 6000 + 0.4 × 2000 = 6800 → 12 800 W.
    { range: 14_000, total: 12_800 },
    // 16 kW: 6000 + 0.4 × 4000 = 7600 → 13 600 W.
    { range: 16_000, total: 13_600 },
    // 3 kW: the rule says 6000 W for a single range → 12 000 W (literal reading, assumption stated).
    { range: 3000, total: 12_000 },
  ])('range $range W → calculated $total W', ({ range, total }) => {
    expect(run({ livingAreaM2: 100, rangeW: range }).calculatedLoadW).toBe(total);
  });
});

describe('dwellingLoad — heating and air conditioning (62-118 3), 8-106 3))', () => {
  it.each([
    // 8 kW ≤ 10 kW → 100 %: 6000 + 8000 = 14 000 W.
    { heating: 8000, ac: 0, interlocked: false, total: 14_000 },
    // 15 kW: 10 000 + 0.75 × 5000 = 13 750 → 6000 + 13 750 = 19 750 W.
    { heating: 15_000, ac: 0, interlocked: false, total: 19_750 },
    // 25 kW: 10 000 + 0.75 × 15 000 = 21 250 → 27 250 W.
    { heating: 25_000, ac: 0, interlocked: false, total: 27_250 },
    // 15 kW heat + 5 kW A/C, not interlocked: 13 750 + 5000 = 18 750 → 24 750 W.
    { heating: 15_000, ac: 5000, interlocked: false, total: 24_750 },
    // Interlocked: max(13 750, 5000) = 13 750 → 19 750 W.
    { heating: 15_000, ac: 5000, interlocked: true, total: 19_750 },
    // Interlocked with A/C larger: max(4000, 6000) = 6000 → 12 000 W.
    { heating: 4000, ac: 6000, interlocked: true, total: 12_000 },
  ])(
    'heating $heating W, A/C $ac W, interlocked $interlocked → $total W',
    ({ heating, ac, interlocked, total }) => {
      const r = run({
        livingAreaM2: 100,
        spaceHeatingW: heating,
        airConditioningW: ac,
        heatingCoolingInterlocked: interlocked,
      });
      expect(r.calculatedLoadW).toBe(total);
      if (interlocked) expect(r.ruleRefs).toContain('8-106 3)');
    },
  );
});

describe('dwellingLoad — other loads over 1500 W (8-200 1)a)vii))', () => {
  it('takes 25 % of each load over 1500 W when a range is provided for', () => {
    // 100 m² → 6000; range 12 kW → 6000; dryer 5000 → 25 % = 1250; dishwasher 1200 ≤ 1500 → 0.
    // Total 6000 + 6000 + 1250 = 13 250 W.
    const r = run({ livingAreaM2: 100, rangeW: 12_000, otherLoadsW: [5000, 1200] });
    expect(r.calculatedLoadW).toBe(13_250);
  });

  it('takes 100 % up to 6000 W plus 25 % of the excess when there is no range', () => {
    // Dryer 5000 + sauna 3000 = 8000 → 6000 + 0.25 × 2000 = 6500; 100 m² basic 6000 → 12 500 W.
    const r = run({ livingAreaM2: 100, otherLoadsW: [5000, 3000] });
    expect(r.calculatedLoadW).toBe(12_500);
  });

  it('takes combined loads under 6000 W at 100 % without a range', () => {
    // 2000 + 3000 = 5000 ≤ 6000 → 5000; basic 6000 → 11 000 W.
    expect(run({ livingAreaM2: 100, otherLoadsW: [2000, 3000] }).calculatedLoadW).toBe(11_000);
  });
});

describe('dwellingLoad — water heaters (named interpretation waterHeaterRule)', () => {
  it('by default counts a storage heater as another load (25 % with a range) and reports the rule', () => {
    // basic 6000 + range 6000 + 0.25 × 4500 = 1125 → 13 125 W.
    const r = run({ livingAreaM2: 100, rangeW: 12_000, waterHeaters: [{ watts: 4500, kind: 'storage' }] });
    expect(r.calculatedLoadW).toBe(13_125);
    expect(r.waterHeaterRule).toBe('other-loads');
    expect(r.assumptions.some((a) => a.includes('waterHeaterRule = other-loads'))).toBe(true);
  });

  it('takes a storage heater at 100 % with waterHeaterRule full', () => {
    // basic 6000 + range 6000 + 4500 = 16 500 W.
    const r = run({
      livingAreaM2: 100,
      rangeW: 12_000,
      waterHeaters: [{ watts: 4500, kind: 'storage' }],
      waterHeaterRule: 'full',
    });
    expect(r.calculatedLoadW).toBe(16_500);
    expect(r.waterHeaterRule).toBe('full');
  });

  it('always takes a tankless heater at 100 % (8-200 1)a)v))', () => {
    // basic 6000 + 18 000 = 24 000 W (= minimum 24 000 W).
    const r = run({ livingAreaM2: 100, waterHeaters: [{ watts: 18_000, kind: 'tankless' }] });
    expect(r.calculatedLoadW).toBe(24_000);
    expect(r.ruleRefs).toContain('8-200 1)a)v)');
  });

  it('without a range, a storage heater joins the other loads for the 6000 W step', () => {
    // other = 4500 + 5000 = 9500 → 6000 + 0.25 × 3500 = 6875; basic 6000 → 12 875 W.
    const r = run({
      livingAreaM2: 100,
      waterHeaters: [{ watts: 4500, kind: 'storage' }],
      otherLoadsW: [5000],
    });
    expect(r.calculatedLoadW).toBe(12_875);
  });
});

describe('dwellingLoad — pool/spa and EV charging (8-200 1)a)v)-vi), 8-106 10)-11))', () => {
  it('takes pool and spa heaters at 100 %', () => {
    // basic 6000 + 5000 = 11 000 W.
    expect(run({ livingAreaM2: 100, poolSpaHeatersW: 5000 }).calculatedLoadW).toBe(11_000);
  });

  it('takes an unmanaged EV charger at 100 %', () => {
    // basic 6000 + 7200 = 13 200 W.
    const r = run({ livingAreaM2: 100, evChargers: [{ watts: 7200 }] });
    expect(r.calculatedLoadW).toBe(13_200);
    expect(r.ruleRefs).toContain('8-200 1)a)vi)');
  });

  it('2026: takes a managed charger at its EVEMS setting, citing 8-106 10) (audit row 4)', () => {
    // CSA C22.1:21 8-106 10): demand = the maximum load the EVEMS allows. basic 6000 + 3600 = 9600 W.
    const r = run({ livingAreaM2: 100, evChargers: [{ watts: 7200, managed: true, managedW: 3600 }] });
    expect(r.calculatedLoadW).toBe(9600);
    expect(r.ruleRefs).toContain('8-106 10)');
    expect(r.ruleRefs).not.toContain('8-106 11)');
  });

  it('2026: does not count the EVSE under the 8-106 11) exemption, only when asked (audit row 4)', () => {
    // 8-106 11): EVEMS monitoring service, feeders and branch circuits → EVSE not counted: 6000 W.
    const r = run({ livingAreaM2: 100, evChargers: [{ watts: 7200, evemsMonitorsService: true }] });
    expect(r.calculatedLoadW).toBe(6000);
    expect(r.ruleRefs).toContain('8-106 11)');
    expect(r.assumptions.some((a) => a.includes('evemsMonitorsService'))).toBe(true);
    // 2018 (CEC 2015) has no EVEMS rules: 100 % → 13 200 W.
    const old = run({
      edition: '2018',
      livingAreaM2: 100,
      evChargers: [{ watts: 7200, evemsMonitorsService: true }],
    });
    expect(old.calculatedLoadW).toBe(13_200);
  });

  it('2018: the EVEMS reduction is not in the edition, the charger stays at 100 %', () => {
    // basic 6000 + 7200 = 13 200 W; assumption explains why.
    const r = run({
      edition: '2018',
      livingAreaM2: 100,
      evChargers: [{ watts: 7200, managed: true, managedW: 3600 }],
    });
    expect(r.edition).toBe('2018');
    expect(r.calculatedLoadW).toBe(13_200);
    expect(r.ruleRefs).not.toContain('8-106 10)');
    expect(r.assumptions.some((a) => a.includes('2018'))).toBe(true);
  });

  it('2026: a managed charger without a setting stays at 100 %', () => {
    const r = run({ livingAreaM2: 100, evChargers: [{ watts: 7200, managed: true }] });
    expect(r.calculatedLoadW).toBe(13_200);
  });

  it('2026 only: warns that the Quebec amendments require the EVSE load when none is given', () => {
    expect(run({ livingAreaM2: 100 }).assumptions.some((a) => a.includes('ARVÉ'))).toBe(true);
    expect(run({ edition: '2018', livingAreaM2: 100 }).assumptions.some((a) => a.includes('ARVÉ'))).toBe(
      false,
    );
  });
});

describe('dwellingLoad — complete dwellings', () => {
  it('all-electric house with range, heating, interlocked A/C, water heater, EV and dryer', () => {
    // Area: 150 + 0.75 × 100 = 225 m² → 5000 + 2 × 1000 = 7000 W
    // Heating 18 kW: 10 000 + 0.75 × 8000 = 16 000; A/C 4000 interlocked → 16 000 W
    // Range 13 kW: 6000 + 0.4 × 1000 = 6400 W
    // EV 7200 W at 100 %
    // Other (range present): storage 4500 + dryer 5500 → 0.25 × 10 000 = 2500 W
    // Total 7000 + 16 000 + 6400 + 7200 + 2500 = 39 100 W → 162,92 A → 175 A standard rating.
    const r = run({
      livingAreaM2: 150,
      basementAreaM2: 100,
      basementHeightM: 2.4,
      rangeW: 13_000,
      spaceHeatingW: 18_000,
      airConditioningW: 4000,
      heatingCoolingInterlocked: true,
      waterHeaters: [{ watts: 4500, kind: 'storage' }],
      evChargers: [{ watts: 7200 }],
      otherLoadsW: [5500],
    });
    expect(r.calculatedLoadW).toBe(39_100);
    expect(r.demandLoadW).toBe(39_100);
    expect(r.currentA).toBe(162.92);
    expect(r.minimumOvercurrentA).toBe(175);
    expect(r.serviceRatingA).toBe(175);
    // 162,92 A → 200 A service; Table 39 at 200 A: 2/0 Cu, 4/0 Al.
    expect(r.serviceSizeA).toBe(200);
    expect(r.serviceConductor).toEqual({ copper: '2/0 AWG', aluminum: '4/0 AWG', table: '39' });
  });

  it('house without range, with heating and several appliances', () => {
    // Area 200 m² → ⌈110/90⌉ = 2 → 7000 W
    // Heating 12 kW: 10 000 + 0.75 × 2000 = 11 500 W
    // Other, no range: dryer 5000 + cooktop-free oven? none; water heater 3000 (other-loads) + 1000 W fan (ignored)
    //   = 8000 → 6000 + 0.25 × 2000 = 6500 W
    // Total 7000 + 11 500 + 6500 = 25 000 W → 104,17 A → 110 A.
    const r = run({
      livingAreaM2: 200,
      spaceHeatingW: 12_000,
      waterHeaters: [{ watts: 3000, kind: 'storage' }],
      otherLoadsW: [5000, 1000],
    });
    expect(r.calculatedLoadW).toBe(25_000);
    expect(r.currentA).toBe(104.17);
    expect(r.minimumOvercurrentA).toBe(110);
    expect(r.serviceSizeA).toBe(125);
  });

  it('writes English labels with English number format', () => {
    const r = run({ livingAreaM2: 100 }, 'en');
    // Audit row 5: 8-110 measures the living area from inside dimensions.
    expect(r.steps[0]?.label).toBe('Living area excluding basement (inside dimensions)');
    expect(r.steps.find((s) => s.ruleRef === '8-200 1)a)i)')?.value).toBe('5,000\u00A0W');
    expect(r.assumptions.at(-1)).toMatch(/^Verification aid/);
  });

  it('every step cites a rule listed in ruleRefs and says "aide à la vérification"', () => {
    const r = run({ livingAreaM2: 140, rangeW: 12_000, spaceHeatingW: 10_000 });
    for (const step of r.steps) expect(r.ruleRefs).toContain(step.ruleRef);
    expect(r.assumptions.some((a) => a.startsWith('Aide à la vérification'))).toBe(true);
  });
});

describe('dwellingLoad — audit row 6: central heating at 100 % (62-118)', () => {
  it('takes a central furnace at 100 % and room thermostats at 10 kW + 75 %', () => {
    // 100 m² basic 6000. Room thermostats 15 kW: 10 000 + 0.75 × 5000 = 13 750 → 19 750 W.
    // Central 15 kW: 15 000 → 21 000 W.
    const rooms = run({ livingAreaM2: 100, spaceHeatingW: 15_000, heatingSystem: 'room-thermostats' });
    const central = run({ livingAreaM2: 100, spaceHeatingW: 15_000, heatingSystem: 'central' });
    expect(rooms.calculatedLoadW).toBe(19_750);
    expect(central.calculatedLoadW).toBe(21_000);
    expect(central.ruleRefs).toContain('62-118');
    expect(rooms.ruleRefs).toContain('62-118 3)');
  });

  it('assumes room thermostats when the system is not given, and says so', () => {
    const r = run({ livingAreaM2: 100, spaceHeatingW: 15_000 });
    expect(r.calculatedLoadW).toBe(19_750);
    expect(r.assumptions.some((a) => a.includes('heatingSystem = central'))).toBe(true);
    const given = run({ livingAreaM2: 100, spaceHeatingW: 15_000, heatingSystem: 'room-thermostats' });
    expect(given.assumptions.some((a) => a.includes('heatingSystem = central'))).toBe(false);
  });
});

describe('dwellingLoad — audit rows 9 and 11: interlock per edition, service size', () => {
  it('cites the heating/A/C interlock as 8-106 3) in 2026 and 8-106 4) in 2018', () => {
    const loads = {
      livingAreaM2: 100,
      spaceHeatingW: 15_000,
      airConditioningW: 5000,
      heatingCoolingInterlocked: true,
    };
    expect(run(loads).ruleRefs).toContain('8-106 3)');
    const old = run({ ...loads, edition: '2018' });
    expect(old.ruleRefs).toContain('8-106 4)');
    expect(old.ruleRefs).not.toContain('8-106 3)');
  });

  it.each([
    // 70 m²: the 60 A minimum (14 400 W) → 60 A → service 60 A, Table 39 6 AWG Cu / 4 AWG Al.
    { input: { livingAreaM2: 70 }, current: 60, breaker: 60, service: 60, cu: '6 AWG', al: '4 AWG' },
    // 100 m²: the 100 A minimum (24 000 W) → 100 A → 100 A service, Table 39 4 AWG Cu / 2 AWG Al.
    { input: { livingAreaM2: 100 }, current: 100, breaker: 100, service: 100, cu: '4 AWG', al: '2 AWG' },
    // 150 m², range 12 kW, heating 15 kW: 6000 + 6000 + 13 750 = 25 750 W → 107,29 A → 110 A breaker,
    // 125 A service, Table 39 2 AWG Cu / 1/0 AWG Al.
    {
      input: { livingAreaM2: 150, rangeW: 12_000, spaceHeatingW: 15_000 },
      current: 107.29,
      breaker: 110,
      service: 125,
      cu: '2 AWG',
      al: '1/0 AWG',
    },
    // 250 m², heating 30 kW, range 12 kW, EV 11 520 W: 7000 + 25 000 + 6000 + 11 520 = 49 520 W →
    // 206,33 A → 225 A breaker, 400 A (320/400) service, Table 39 at 400 A: 400 kcmil Cu / 600 kcmil Al.
    {
      input: { livingAreaM2: 250, rangeW: 12_000, spaceHeatingW: 30_000, evChargers: [{ watts: 11_520 }] },
      current: 206.33,
      breaker: 225,
      service: 400,
      cu: '400 kcmil',
      al: '600 kcmil',
    },
  ])(
    '$current A → breaker $breaker A, service $service A',
    ({ input, current, breaker, service, cu, al }) => {
      const r = run(input);
      expect(r.currentA).toBe(current);
      expect(r.minimumOvercurrentA).toBe(breaker);
      expect(r.serviceRatingA).toBe(breaker);
      expect(r.serviceSizeA).toBe(service);
      expect(r.serviceConductor).toEqual({ copper: cu, aluminum: al, table: '39' });
      expect(r.ruleRefs).toContain('4-004 23)');
      expect(r.assumptions.some((a) => a.includes('E.21-10'))).toBe(true);
    },
  );
});
