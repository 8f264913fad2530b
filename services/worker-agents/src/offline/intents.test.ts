import { describe, expect, it } from 'vitest';
import { detectLanguage, parseNumber, parseRequest } from './intents.ts';

describe('parseNumber', () => {
  it.each([
    ['12', 'fr', 12],
    ['12,5', 'fr', 12.5],
    ['12.5', 'fr', 12.5],
    ['24 000', 'fr', 24_000],
    ['24\u202f000', 'fr', 24_000],
    ['24,000', 'en', 24_000],
    ['1,500.5', 'en', 1500.5],
  ] as const)('%s (%s) → %d', (text, lang, value) => {
    expect(parseNumber(text, lang)).toBe(value);
  });
});

describe('detectLanguage', () => {
  it('follows the words of the message, and the fallback when unclear', () => {
    expect(detectLanguage('Quel calibre pour 40 A ?', 'en')).toBe('fr');
    expect(detectLanguage('What size wire for 40 A?', 'fr')).toBe('en');
    expect(detectLanguage('40 A', 'en')).toBe('en');
  });
});

describe('parseRequest', () => {
  it.each([
    // [message, kind, input subset]
    [
      'Charge calculée : maison de 120 m², sous-sol de 60 m², plinthes 15 kW, climatiseur 3,5 kW, borne de recharge 7,2 kW',
      'dwelling_load',
      {
        livingAreaM2: 120,
        basementAreaM2: 60,
        spaceHeatingW: 15_000,
        airConditioningW: 3500,
        evChargers: [{ watts: 7200 }],
      },
    ],
    [
      'dwelling load for a 2,000 sq ft home with a 40 kW tankless water heater and a 5,000 W pool heater',
      'dwelling_load',
      { livingAreaM2: 185.81, waterHeaters: [{ watts: 40_000, kind: 'tankless' }], poolSpaHeatersW: 5000 },
    ],
    [
      'calibre pour 100 A aluminium 75 °C en air libre, ambiante de 40 °C, charge continue',
      'conductor_size',
      {
        currentA: 100,
        material: 'aluminum',
        insulationRatingC: 75,
        installation: 'free-air',
        ambientC: 40,
        continuous: true,
      },
    ],
    [
      'chute de tension triphasée 600 V, 50 m de 4/0 AWG aluminium à 150 A',
      'voltage_drop',
      { material: 'aluminum', size: '4/0 AWG', lengthM: 50, currentA: 150, voltage: 600, phases: 3 },
    ],
    [
      'voltage drop on 100 ft of #10 copper at 24 A, 240 V',
      'voltage_drop',
      { size: '10 AWG', lengthM: 30.48, currentA: 24, voltage: 240, phases: 1 },
    ],
    [
      'box fill: 18 in³ box, 2 x 12 AWG and 3 x 14 AWG, one switch, two wire nuts',
      'box_fill',
      {
        boxVolumeML: 294.97,
        conductors: [
          { size: '12 AWG', count: 2 },
          { size: '14 AWG', count: 3 },
        ],
        devices: 1,
        wireConnectorPairs: 2,
      },
    ],
  ] as const)('%s → %s', (message, kind, input) => {
    const { intent } = parseRequest(message, 'fr');
    expect(intent.kind).toBe(kind);
    if (!('input' in intent)) throw new Error('expected a calculation intent');
    expect(intent.input).toMatchObject(input);
    expect(intent.missing).toEqual([]);
  });

  it('reads the heating system: a furnace is central (100 %), baseboards are room thermostats', () => {
    const furnace = parseRequest(
      'charge calculée d’une maison de 150 m² avec une fournaise de 20 kW',
      'fr',
    ).intent;
    expect(furnace).toMatchObject({ input: { spaceHeatingW: 20_000, heatingSystem: 'central' } });
    const baseboards = parseRequest(
      'dwelling load for a 120 m² house with 10 kW of baseboard heating',
      'en',
    ).intent;
    expect(baseboards).toMatchObject({ input: { spaceHeatingW: 10_000, heatingSystem: 'room-thermostats' } });
    const unsaid = parseRequest('charge calculée d’une maison de 150 m² avec chauffage 10 kW', 'fr').intent;
    expect(unsaid).toMatchObject({ input: { spaceHeatingW: 10_000 } });
    expect(unsaid).not.toMatchObject({ input: { heatingSystem: expect.anything() } });
  });

  it('lists what is missing rather than inventing it', () => {
    const { intent } = parseRequest(
      'Quelle est la charge calculée de ma maison avec une cuisinière de 12 kW ?',
      'fr',
    );
    expect(intent).toMatchObject({
      kind: 'dwelling_load',
      missing: [{ fr: 'la superficie habitable (m²)' }],
    });
    const drop = parseRequest('voltage drop please', 'en').intent;
    expect(drop.kind).toBe('voltage_drop');
    if (!('missing' in drop)) throw new Error('expected a calculation intent');
    expect(drop.missing.map((m) => m.en)).toEqual([
      'the conductor size (e.g. 12 AWG)',
      'the one-way length of the circuit (m)',
      'the current (A)',
      'the voltage (V)',
    ]);
  });

  it('states the defaults it applies', () => {
    const { intent } = parseRequest('calibre pour 30 A', 'fr');
    if (!('assumptions' in intent)) throw new Error('expected a calculation intent');
    expect(intent.input).toMatchObject({
      material: 'copper',
      insulationRatingC: 75,
      installation: 'raceway-or-cable',
    });
    expect(intent.assumptions.map((a) => a.fr)).toEqual([
      'Conducteurs en cuivre (matériau non précisé).',
      'Isolant de 75 °C (température nominale non précisée).',
      'Installation en canalisation ou en câble (mode non précisé).',
    ]);
  });

  it.each([
    ['Peux-tu faire le résumé du plan ?', 'plan_summary'],
    ['Summarize the plan', 'plan_summary'],
    ['Il me faut la liste de matériel', 'bill_of_materials'],
    ['Generate the BOM', 'bill_of_materials'],
    ['Quelle est la meilleure marque de disjoncteurs ?', 'unknown'],
    ['Tell me a joke', 'unknown'],
  ] as const)('%s → %s', (message, kind) => {
    expect(parseRequest(message, 'fr').intent.kind).toBe(kind);
  });
});
