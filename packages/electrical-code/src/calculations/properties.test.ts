import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CalculationError } from '../errors.ts';
import { conductorSizes } from '../tables/conductor-sizes.ts';
import { ApartmentLoadInput, apartmentLoad } from './apartment-load.ts';
import { ConductorSizeInput, conductorSize } from './conductor-size.ts';
import { DwellingLoadInput, dwellingLoad } from './dwelling-load.ts';
import { VoltageDropInput, voltageDrop } from './voltage-drop.ts';

const watts = fc.integer({ min: 0, max: 40_000 });
const dwelling = fc.record({
  livingAreaM2: fc.double({ min: 10, max: 600, noNaN: true }),
  basementAreaM2: fc.double({ min: 0, max: 300, noNaN: true }),
  rangeW: watts,
  spaceHeatingW: watts,
  airConditioningW: watts,
  heatingCoolingInterlocked: fc.boolean(),
  storageW: fc.integer({ min: 1, max: 9000 }),
  tanklessW: fc.integer({ min: 1, max: 30_000 }),
  evW: fc.integer({ min: 1, max: 20_000 }),
  poolSpaHeatersW: watts,
  otherW: fc.integer({ min: 1, max: 15_000 }),
  waterHeaterRule: fc.constantFrom('other-loads' as const, 'full' as const),
});
type D = typeof dwelling extends fc.Arbitrary<infer T> ? T : never;
const toInput = (d: D) =>
  DwellingLoadInput.parse({
    livingAreaM2: d.livingAreaM2,
    basementAreaM2: d.basementAreaM2,
    rangeW: d.rangeW,
    spaceHeatingW: d.spaceHeatingW,
    airConditioningW: d.airConditioningW,
    heatingCoolingInterlocked: d.heatingCoolingInterlocked,
    waterHeaters: [
      { watts: d.storageW, kind: 'storage' },
      { watts: d.tanklessW, kind: 'tankless' },
    ],
    evChargers: [{ watts: d.evW }],
    poolSpaHeatersW: d.poolSpaHeatersW,
    otherLoadsW: [d.otherW],
    waterHeaterRule: d.waterHeaterRule,
  });

const increasable: ReadonlyArray<keyof D> = [
  'livingAreaM2',
  'basementAreaM2',
  'rangeW',
  'spaceHeatingW',
  'airConditioningW',
  'storageW',
  'tanklessW',
  'evW',
  'poolSpaHeatersW',
  'otherW',
];

describe('properties', () => {
  it('dwelling load is monotonic (non-decreasing) in each load input', () => {
    fc.assert(
      fc.property(
        dwelling,
        fc.constantFrom(...increasable),
        fc.integer({ min: 1, max: 20_000 }),
        (d, key, delta) => {
          const base = dwellingLoad(toInput(d));
          const more = dwellingLoad(toInput({ ...d, [key]: (d[key] as number) + delta }));
          expect(more.calculatedLoadW).toBeGreaterThanOrEqual(base.calculatedLoadW);
          expect(more.demandLoadW).toBeGreaterThanOrEqual(base.demandLoadW);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('the service size covers the minimum overcurrent rating, which covers the current', () => {
    fc.assert(
      fc.property(dwelling, (d) => {
        const r = dwellingLoad(toInput(d));
        if (r.minimumOvercurrentA !== null)
          expect(r.minimumOvercurrentA + 0.005).toBeGreaterThanOrEqual(r.currentA);
        if (r.serviceSizeA !== null) {
          expect(r.serviceSizeA + 0.005).toBeGreaterThanOrEqual(r.currentA);
          expect(r.serviceConductor?.copper).toBeTruthy();
        }
        expect(r.serviceRatingA).toBe(r.minimumOvercurrentA);
      }),
      { numRuns: 300 },
    );
  });

  it('apartments: Section 62 per unit is never below Section 62 on the building total', () => {
    const unit = fc.record({
      livingAreaM2: fc.integer({ min: 20, max: 200 }),
      spaceHeatingW: fc.integer({ min: 0, max: 25_000 }),
      rangeW: fc.constantFrom(0, 12_000),
      heatingSystem: fc.constantFrom('room-thermostats' as const, 'central' as const),
    });
    fc.assert(
      fc.property(fc.array(unit, { minLength: 2, maxLength: 30 }), (units) => {
        const perUnit = apartmentLoad(ApartmentLoadInput.parse({ units }));
        const building = apartmentLoad(ApartmentLoadInput.parse({ units, heatingDemandScope: 'building' }));
        expect(perUnit.calculatedLoadW + 0.01).toBeGreaterThanOrEqual(building.calculatedLoadW);
        expect(perUnit.serviceSizeA ?? Number.POSITIVE_INFINITY).toBeGreaterThanOrEqual(
          perUnit.currentA - 0.005,
        );
      }),
      { numRuns: 200 },
    );
  });

  it('a chosen conductor’s corrected ampacity always covers the current', () => {
    const input = fc.record({
      currentA: fc.double({ min: 1, max: 600, noNaN: true }),
      material: fc.constantFrom('copper' as const, 'aluminum' as const),
      insulationRatingC: fc.constantFrom(60 as const, 75 as const, 90 as const),
      terminationRatingC: fc.option(fc.constantFrom(60 as const, 75 as const, 90 as const), {
        nil: undefined,
      }),
      ambientC: fc.integer({ min: 10, max: 70 }),
      currentCarryingConductors: fc.integer({ min: 1, max: 50 }),
      installation: fc.constantFrom('raceway-or-cable' as const, 'free-air' as const),
      continuous: fc.boolean(),
    });
    fc.assert(
      fc.property(input, (raw) => {
        const { terminationRatingC, ...rest } = raw;
        const parsed = ConductorSizeInput.parse(terminationRatingC ? { ...raw } : rest);
        try {
          const r = conductorSize(parsed);
          // Results are rounded to 0.01 A: allow that rounding.
          expect(r.ampacityA + 0.005).toBeGreaterThanOrEqual(r.requiredAmpacityA);
          expect(r.requiredAmpacityA + 0.005).toBeGreaterThanOrEqual(raw.currentA);
          expect(r.ampacityA).toBeLessThanOrEqual(r.baseAmpacityA + 1e-9);
        } catch (err) {
          expect(err).toBeInstanceOf(CalculationError);
        }
      }),
      { numRuns: 500 },
    );
  });

  it('voltage drop scales linearly with length and with current', () => {
    const input = fc.record({
      material: fc.constant('copper' as const),
      size: fc.constantFrom(...conductorSizes),
      lengthM: fc.double({ min: 1, max: 300, noNaN: true }),
      currentA: fc.double({ min: 1, max: 400, noNaN: true }),
      voltage: fc.constantFrom(120, 208, 240, 347, 600),
      phases: fc.constantFrom(1 as const, 3 as const),
      conductorTempC: fc.integer({ min: 20, max: 90 }),
    });
    fc.assert(
      fc.property(input, fc.integer({ min: 2, max: 5 }), (raw, k) => {
        const base = voltageDrop(VoltageDropInput.parse(raw));
        const longer = voltageDrop(VoltageDropInput.parse({ ...raw, lengthM: raw.lengthM * k }));
        const stronger = voltageDrop(VoltageDropInput.parse({ ...raw, currentA: raw.currentA * k }));
        // dropV is rounded to 0.001 V: k × rounding error ≤ k × 0.0005 + 0.0005.
        const tolerance = 0.0005 * (k + 1);
        expect(Math.abs(longer.dropV - k * base.dropV)).toBeLessThanOrEqual(tolerance);
        expect(Math.abs(stronger.dropV - k * base.dropV)).toBeLessThanOrEqual(tolerance);
      }),
      { numRuns: 300 },
    );
  });
});
