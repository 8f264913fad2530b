import { describe, expect, it } from 'vitest';
import { buildBody, CALCULATION_FORMS, initialState, removeGroupItem } from '../src/calculator-forms.ts';
import { parseDecimal } from '../src/format.ts';

describe('calculator forms', () => {
  it('builds the dwelling-load body from typed text, leaving empty optional fields out', () => {
    const fields = CALCULATION_FORMS['dwelling-load'];
    const state = initialState(fields);
    state.values.livingAreaM2 = '150,5';
    state.values.spaceHeatingW = '15 000';
    state.values.heatingCoolingInterlocked = 'true';
    state.values.otherLoadsW = '1500; 2000,5';
    state.counts.waterHeaters = 1;
    state.values['waterHeaters.0.watts'] = '4500';
    state.values['waterHeaters.0.kind'] = 'storage';
    expect(buildBody(fields, state)).toEqual({
      body: {
        edition: '2026',
        livingAreaM2: 150.5,
        spaceHeatingW: 15000,
        heatingCoolingInterlocked: true,
        waterHeaters: [{ watts: 4500, kind: 'storage' }],
        otherLoadsW: [1500, 2000.5],
        waterHeaterRule: 'other-loads',
      },
      errors: {},
    });
  });

  it('reports required and non-numeric fields by path, nested ones included', () => {
    const fields = CALCULATION_FORMS['apartment-load'];
    const state = initialState(fields);
    expect(state.counts.units).toBe(2);
    state.values['units.0.livingAreaM2'] = '80';
    state.values['units.1.rangeW'] = 'douze';
    expect(buildBody(fields, state).errors).toEqual({
      'units.1.livingAreaM2': 'required',
      'units.1.rangeW': 'notANumber',
    });
  });

  it('sends the issue-17 inputs: heating system, EVEMS options, service voltage, heating scope, non-dwelling loads', () => {
    const fields = CALCULATION_FORMS['apartment-load'];
    const state = initialState(fields);
    state.counts.units = 1;
    state.values['units.0.livingAreaM2'] = '60';
    state.values['units.0.spaceHeatingW'] = '6000';
    state.values['units.0.heatingSystem'] = 'central';
    state.counts['units.0.evChargers'] = 1;
    state.values['units.0.evChargers.0.watts'] = '7200';
    state.values['units.0.evChargers.0.managed'] = 'true';
    state.values['units.0.evChargers.0.managedW'] = '3600';
    state.values.serviceVoltage = '120/208';
    state.values.nonDwellingLoadsW = '10 000; 6000';
    expect(buildBody(fields, state)).toEqual({
      body: {
        edition: '2026',
        units: [
          {
            livingAreaM2: 60,
            spaceHeatingW: 6000,
            heatingSystem: 'central',
            evChargers: [{ watts: 7200, managed: true, managedW: 3600 }],
          },
        ],
        waterHeaterRule: 'other-loads',
        serviceVoltage: '120/208',
        heatingDemandScope: 'per-unit',
        nonDwellingLoadsW: [10_000, 6000],
      },
      errors: {},
    });
    const conductor = CALCULATION_FORMS['conductor-size'];
    const cState = initialState(conductor);
    cState.values.currentA = '50';
    cState.values.conservative = 'true';
    expect(buildBody(conductor, cState).body).toMatchObject({ conservative: true });
  });

  it('sends numeric selects as numbers and optional unset selects not at all', () => {
    const fields = CALCULATION_FORMS['conductor-size'];
    const state = initialState(fields);
    state.values.currentA = '40';
    expect(buildBody(fields, state).body).toEqual({
      edition: '2026',
      currentA: 40,
      material: 'copper',
      insulationRatingC: 60,
      installation: 'raceway-or-cable',
    });
  });

  it('removes a group item and shifts the later items down', () => {
    const fields = CALCULATION_FORMS['box-fill'];
    const state = initialState(fields);
    state.counts.conductors = 3;
    state.values['conductors.0.count'] = '2';
    state.values['conductors.1.count'] = '3';
    state.values['conductors.2.count'] = '4';
    state.values['conductors.2.size'] = '12 AWG';
    const next = removeGroupItem(state, 'conductors', 1);
    expect(next.counts.conductors).toBe(2);
    expect(next.values['conductors.0.count']).toBe('2');
    expect(next.values['conductors.1.count']).toBe('4');
    expect(next.values['conductors.1.size']).toBe('12 AWG');
    expect(next.values['conductors.2.count']).toBeUndefined();
  });

  it('reads numbers typed with a decimal comma or point and thin-space thousands', () => {
    expect(parseDecimal('1 234,5')).toBe(1234.5);
    expect(parseDecimal('1\u202f234.5')).toBe(1234.5);
    expect(parseDecimal('-5')).toBe(-5);
    expect(parseDecimal('12,5,3')).toBeNull();
    expect(parseDecimal('abc')).toBeNull();
    expect(parseDecimal('')).toBeNull();
  });
});
