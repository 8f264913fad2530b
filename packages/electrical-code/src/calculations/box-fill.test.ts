import { describe, expect, it } from 'vitest';
import { commonBoxes } from '../tables/box-volumes.ts';
import { BoxFillInput, boxFill, type BoxFillInput as Input } from './box-fill.ts';

type Case = Omit<Input, 'edition'> & { edition?: '2018' | '2026' };
const run = (input: Case, lang: 'fr' | 'en' = 'fr') => boxFill(BoxFillInput.parse(input), { lang });
const volume = (id: string) => commonBoxes.find((b) => b.id === id)?.volumeML ?? Number.NaN;

describe('boxFill — Table 22 and the counting rules of 12-3034', () => {
  it('device box 3 × 2 × 2½ in (204,8 mL) is too small for 6 × 14 AWG, a device and 2 connector pairs', () => {
    // 6 × 24.6 + device 2 × 24.6 + 2 pairs × 24.6 = 10 × 24.6 = 246 mL > 204.8 mL.
    const r = run({
      boxVolumeML: volume('device-3x2x2.5'),
      conductors: [{ size: '14 AWG', count: 6 }],
      devices: 1,
      wireConnectorPairs: 2,
    });
    expect(r.requiredML).toBe(246);
    expect(r.availableML).toBe(204.8);
    expect(r.conductorEquivalents).toBe(10);
    expect(r.withinLimit).toBe(false);
  });

  it('the same box holds 4 × 14 AWG and a receptacle', () => {
    // 4 × 24.6 + 2 × 24.6 = 147.6 mL ≤ 204.8 mL.
    const r = run({ boxVolumeML: 204.8, conductors: [{ size: '14 AWG', count: 4 }], devices: 1 });
    expect(r.requiredML).toBe(147.6);
    expect(r.withinLimit).toBe(true);
  });

  it('mixed sizes add each size at its own volume (Dakota Prep example 2)', () => {
    // 3 × 45.1 + 4 × 28.7 = 135.3 + 114.8 = 250.1 mL.
    const r = run({
      boxVolumeML: 300,
      conductors: [
        { size: '8 AWG', count: 3 },
        { size: '12 AWG', count: 4 },
      ],
    });
    expect(r.requiredML).toBe(250.1);
  });

  it('connector pairs count at the largest size', () => {
    // 250.1 + 1 pair × 45.1 (8 AWG) = 295.2 mL ≤ 300 mL.
    const r = run({
      boxVolumeML: 300,
      conductors: [
        { size: '8 AWG', count: 3 },
        { size: '12 AWG', count: 4 },
      ],
      wireConnectorPairs: 1,
    });
    expect(r.requiredML).toBe(295.2);
    expect(r.withinLimit).toBe(true);
  });

  it('9 × 8 AWG and one pair of connectors need 451 mL (Dakota Prep example 1)', () => {
    // (9 + 1) × 45.1 = 451 mL.
    expect(
      run({ boxVolumeML: 451, conductors: [{ size: '8 AWG', count: 9 }], wireConnectorPairs: 1 }),
    ).toMatchObject({
      requiredML: 451,
      withinLimit: true,
    });
  });

  it('12 AWG with two devices fits a 4 × 2⅛ in octagon box', () => {
    // 6 × 28.7 + 2 devices × 2 × 28.7 = 10 × 28.7 = 287 mL ≤ 352.3 mL.
    const r = run({
      boxVolumeML: volume('octagon-4x2.125'),
      conductors: [{ size: '12 AWG', count: 6 }],
      devices: 2,
    });
    expect(r.requiredML).toBe(287);
    expect(r.availableML).toBe(352.3);
    expect(r.withinLimit).toBe(true);
  });

  it.each([
    // 3 × 10 AWG × 36.9 = 110.7 mL.
    { size: '10 AWG', count: 3, required: 110.7 },
    // 2 × 6 AWG × 73.7 = 147.4 mL.
    { size: '6 AWG', count: 2, required: 147.4 },
  ] as const)('$count × $size → $required mL', ({ size, count, required }) => {
    expect(run({ boxVolumeML: 500, conductors: [{ size, count }] }).requiredML).toBe(required);
  });

  it('is within the limit at exact equality', () => {
    // 5 × 24.6 = 123 mL = 123 mL.
    expect(run({ boxVolumeML: 123, conductors: [{ size: '14 AWG', count: 5 }] }).withinLimit).toBe(true);
  });
});

describe('boxFill — fixture studs differ by edition', () => {
  it('2018 (CEC 2015): one conductor if the box contains one or more studs', () => {
    // 4 × 24.6 + 1 × 24.6 = 123 mL.
    const r = run({
      edition: '2018',
      boxVolumeML: 254,
      conductors: [{ size: '14 AWG', count: 4 }],
      fixtureStuds: 2,
    });
    expect(r.requiredML).toBe(123);
  });

  it('2026 (CEC 2021): one conductor for each stud or hickey', () => {
    // 4 × 24.6 + 2 × 24.6 = 147.6 mL.
    const r = run({
      edition: '2026',
      boxVolumeML: 254,
      conductors: [{ size: '14 AWG', count: 4 }],
      fixtureStuds: 2,
    });
    expect(r.requiredML).toBe(147.6);
  });

  it('states what is not counted and writes English on request', () => {
    const r = run({ boxVolumeML: 254, conductors: [{ size: '14 AWG', count: 4 }] }, 'en');
    expect(r.assumptions.some((a) => a.includes('bare bonding conductors'))).toBe(true);
    expect(r.steps[0]?.label).toBe('4 conductors 14 AWG × 24.6\u00A0mL');
  });
});
