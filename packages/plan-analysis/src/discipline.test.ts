import { describe, expect, it } from 'vitest';
import { sheetDiscipline } from './discipline.ts';

describe('sheetDiscipline', () => {
  it.each([
    ['T-401', 'ENLARGED IDF ROOM PLAN', 'sheet_number'],
    ['T4.00', '', 'sheet_number'],
    ['TEL-1', '', 'sheet_number'],
    [null, 'TELECOMMUNICATIONS - LEVEL 1', 'title'],
    [null, 'PLAN DE TÉLÉCOM — REZ-DE-CHAUSSÉE', 'title'],
    [null, 'DATA / VOICE LAYOUT', 'title'],
    // A package prefix before the discipline letter (US sheet sets split by bid package).
    ['P2-T4.00', 'ELECTRICAL ENGINEER: ACME CONSULTING — POWER DISTRIBUTION', 'sheet_number'],
    [null, 'ENLARGED IDF ROOM PLANS AND RACK ELEVATIONS', 'title'],
    [null, 'TÉLÉCOMMUNICATIONS — NIVEAU 2', 'title'],
  ])('calls sheet %s titled "%s" a telecom sheet (%s)', (sheetNumber, titleText, reason) => {
    expect(sheetDiscipline({ sheetNumber, titleText, legend: [] })).toMatchObject({
      kind: 'telecom',
      reason,
    });
  });

  it.each([
    ['E-101', 'FIRST FLOOR PLAN — POWER AND SIGNAL'],
    [null, 'POWER AND SIGNAL PLAN LEVEL 01'],
    [null, 'PLAN DES PRISES ET DONNÉES'],
    ['E1.01', 'LIGHTING PLAN'],
    [null, ''],
    ['ÉL-200', 'PLAN D’ÉCLAIRAGE'],
    ['E201A', 'FLOOR PLAN - LEVEL 01 - AREA A - POWER & SIGNAL'],
    // "TYP" is a typical-detail series, not a telecom "T" sheet.
    ['100-TYP-005', 'NEW MAIN DB - SINGLE LINE DIAGRAM'],
    // An electrical sheet whose title block lists the mechanical consultant stays a power plan.
    ['E-101', 'MECHANICAL ENGINEER: ACME — FIRST FLOOR'],
  ])('keeps sheet %s titled "%s" a power plan', (sheetNumber, titleText) => {
    expect(sheetDiscipline({ sheetNumber, titleText, legend: [] })).toEqual({ kind: 'power' });
  });

  it.each([
    ['FA-101', '', 'fire_alarm', 'sheet_number', 'FA-101'],
    ['M-201', '', 'mechanical', 'sheet_number', 'M-201'],
    [null, 'FIRE ALARM PLAN - LEVEL 2', 'fire_alarm', 'title', 'FIRE ALARM'],
    [null, 'PLAN DE MÉCANIQUE — VENTILATION', 'mechanical', 'title', 'MECANIQUE'],
  ])('calls sheet %s titled "%s" a %s sheet (%s, %s)', (sheetNumber, titleText, kind, reason, evidence) => {
    expect(sheetDiscipline({ sheetNumber, titleText, legend: [] })).toEqual({ kind, reason, evidence });
  });

  it('keeps a sheet whose own legend lists power devices a power plan whatever its sheet number reads', () => {
    // OCR of an outlined sheet read "T400" off the drawing; the title block's number was lost.
    const legend = [
      { label: 'PRISE DE COURANT DOUBLE', type: 'receptacle' as const },
      { label: 'INTERRUPTEUR UNIPOLAIRE', type: 'switch' as const },
      { label: 'LUMINAIRE AU PLAFOND', type: 'luminaire' as const },
      { label: 'BOUTON DE SONNETTE', type: 'other' as const },
    ];
    expect(sheetDiscipline({ sheetNumber: 'T400', titleText: 'PLAN DU REZ-DE-CHAUSSÉE', legend })).toEqual({
      kind: 'power',
    });
    // Another trade's legend (its own equipment, a receptacle row at most) leaves the number ruling.
    const telecom = [
      { label: 'DATA OUTLET', type: 'data_outlet' as const },
      { label: 'EQUIPMENT RACK', type: 'other' as const },
      { label: 'DUPLEX RECEPTACLE', type: 'receptacle' as const },
    ];
    expect(sheetDiscipline({ sheetNumber: 'T-101', titleText: '', legend: telecom })).toMatchObject({
      kind: 'telecom',
      reason: 'sheet_number',
    });
    const mechanical = [
      { label: 'THERMOSTAT', type: 'thermostat' as const },
      { label: 'EXHAUST FAN', type: 'exhaust_fan' as const },
      { label: 'DUPLEX RECEPTACLE', type: 'receptacle' as const },
      { label: 'DIFFUSER', type: 'other' as const },
    ];
    expect(sheetDiscipline({ sheetNumber: 'M-201', titleText: '', legend: mechanical })).toMatchObject({
      kind: 'mechanical',
      reason: 'sheet_number',
    });
  });

  it('reads a telecom legend (racks, trays, data outlets, no power device) as a telecom sheet', () => {
    const legend = [
      { label: 'DATA OUTLET', type: 'data_outlet' as const },
      { label: 'EQUIPMENT RACK 42U', type: 'other' as const },
      { label: 'CABLE TRAY 12"', type: 'other' as const },
      { label: 'WIRELESS ACCESS POINT', type: 'other' as const },
    ];
    expect(sheetDiscipline({ sheetNumber: null, titleText: '', legend })).toMatchObject({
      kind: 'telecom',
      reason: 'legend',
    });
    // The same legend with one receptacle row is a power legend that lists data outlets too.
    expect(
      sheetDiscipline({
        sheetNumber: null,
        titleText: '',
        legend: [...legend, { label: 'DUPLEX RECEPTACLE', type: 'receptacle' }],
      }),
    ).toEqual({ kind: 'power' });
  });
});
