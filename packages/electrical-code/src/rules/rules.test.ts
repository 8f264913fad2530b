import { describe, expect, it } from 'vitest';
import { listRules, runCompliance } from './catalogue.ts';
import { parseConductor } from './plan-facts.ts';
import { panel, planWith, symbol } from './test-fixtures.ts';
import { classifyRoom } from './vocabulary.ts';

const findingsOf = (report: ReturnType<typeof runCompliance>, ruleId: string) =>
  report.findings.filter((f) => f.ruleId === ruleId);

describe('vocabulary', () => {
  it.each([
    ['Chambre principale', 'bedroom'],
    ['CH. 2', 'bedroom'],
    ['Chambre froide', 'storage'],
    ['Salle de bain', 'bathroom'],
    ['S.D.B.', 'bathroom'],
    ['Salle d’eau', 'bathroom'],
    ['Cuisine / salle à manger', 'kitchen'],
    ['Salle à manger', 'dining'],
    ['Salon', 'living'],
    ['Living room', 'living'],
    ['Hall d’entrée', 'entry'],
    ['Corridor', 'hallway'],
    ['Buanderie', 'laundry'],
    ['Terrasse', 'outdoor'],
    ['Sous-sol', 'basement'],
    ['Garage', 'garage'],
    ['Salle mécanique', 'mechanical'],
  ] as const)('%s → %s', (name, kind) => {
    expect(classifyRoom(name)).toBe(kind);
  });

  it.each([
    ['14/2 NMD90', '14 AWG', 'copper'],
    ['#12', '12 AWG', 'copper'],
    ['10 AWG Cu', '10 AWG', 'copper'],
    ['6-3 TECK90', '6 AWG', 'copper'],
    ['4/0 AL', '4/0 AWG', 'aluminum'],
    ['No 8 alu', '8 AWG', 'aluminum'],
  ] as const)('reads conductor %s', (text, size, material) => {
    expect(parseConductor(text)).toEqual({ size, material });
  });
});

describe('runCompliance — report', () => {
  it('reports which rules could not run while the analysis has no counts', () => {
    const report = runCompliance(planWith({}), { occupancy: 'single-dwelling' });
    expect(report.edition).toBe('2026');
    expect(report.summary.rulesRun).toBe(10);
    expect(report.summary.errors).toBe(0);
    expect(report.summary.warnings).toBe(0);
    expect(report.findings.every((f) => f.severity === 'info')).toBe(true);
    expect(report.disclaimer).toContain('Aide à la vérification');
  });

  it('skips dwelling rules for a commercial project', () => {
    const report = runCompliance(planWith({}), { occupancy: 'commercial' });
    expect(report.summary.rulesRun).toBe(3);
    expect(report.summary.rulesSkipped).toBe(7);
    expect(report.skipped.map((s) => s.ruleId)).toContain('afci-receptacle-circuits');
  });

  it('says the occupancy was assumed when not given', () => {
    const report = runCompliance(planWith({}));
    expect(report.findings[0]).toMatchObject({ ruleId: 'occupancy', severity: 'info' });
  });

  it('lists the catalogue with edition-specific rule numbers', () => {
    const r2018 = listRules('2018');
    const r2026 = listRules('2026', 'en');
    expect(r2018.find((r) => r.id === 'afci-receptacle-circuits')?.ruleRef).toBe('26-724 f)');
    expect(r2026.find((r) => r.id === 'afci-receptacle-circuits')?.ruleRef).toBe('26-656');
    expect(r2026.find((r) => r.id === 'kitchen-counter-receptacles')).toMatchObject({
      ruleRef: '26-722 d)',
      title: 'Kitchen counter receptacles',
    });
    expect(r2018).toHaveLength(10);
  });
});

describe('AFCI rule', () => {
  it('cannot decide when the schedule marks no AFCI at all', () => {
    const plan = planWith({
      panels: [panel('A', 200, [{ description: 'Prises chambre 1' }, { description: 'Prises salon' }])],
    });
    const f = findingsOf(runCompliance(plan, { occupancy: 'single-dwelling' }), 'afci-receptacle-circuits');
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('info');
  });

  it('warns about an unmarked receptacle circuit when others are marked, exempting counters and bathroom', () => {
    const plan = planWith({
      panels: [
        panel('A', 200, [
          { number: 1, description: 'Prises chambre 1 AFCI' },
          { number: 3, description: 'Prises salon' },
          { number: 5, description: 'Prises comptoir cuisine', amps: 15 },
          { number: 7, description: 'Prise salle de bain DDFT' },
          { number: 9, description: 'Prises chambre 2 anti-arcs' },
        ]),
      ],
    });
    const f = findingsOf(
      runCompliance(plan, { occupancy: 'single-dwelling', dwelling: undefined }, { edition: '2018' }),
      'afci-receptacle-circuits',
    );
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({
      severity: 'warning',
      ruleRef: '26-724 f)',
      page: 1,
      location: 'Panneau A, circuit 3',
    });
  });
});

describe('GFCI rules', () => {
  it('warns about an ordinary bathroom receptacle with no GFCI shown, accepts a GFCI receptacle', () => {
    const plan = planWith({
      rooms: { 'Salle de bain': { receptacle: 1 }, 'Salle d’eau': { receptacle_gfci: 1 } },
    });
    const f = findingsOf(runCompliance(plan, { occupancy: 'single-dwelling' }), 'gfci-bathroom-receptacles');
    expect(f.map((x) => [x.location, x.severity])).toEqual([
      ['Salle de bain', 'warning'],
      ['Salle d’eau', 'info'],
    ]);
    expect(f[0]?.ruleRef).toBe('26-704');
  });

  it('accepts an ordinary bathroom receptacle on a circuit marked DDFT', () => {
    const plan = planWith({
      symbols: [symbol('receptacle', 'SDB', 'A-7')],
      panels: [panel('A', 200, [{ number: 7, description: 'Prise SDB DDFT' }])],
    });
    const f = findingsOf(
      runCompliance(plan, { occupancy: 'single-dwelling' }, { edition: '2018' }),
      'gfci-bathroom-receptacles',
    );
    expect(f).toEqual([expect.objectContaining({ severity: 'info', ruleRef: '26-700 11)' })]);
  });

  it('warns about an outdoor receptacle without GFCI', () => {
    const plan = planWith({ rooms: { Terrasse: { receptacle: 1 } } });
    const f = findingsOf(
      runCompliance(plan, { occupancy: 'single-dwelling' }, { lang: 'en' }),
      'gfci-outdoor-receptacles',
    );
    expect(f).toHaveLength(1);
    expect(f[0]?.severity).toBe('warning');
    expect(f[0]?.message).toContain('outdoors');
  });
});

describe('kitchen counter and room receptacle rules', () => {
  it('warns when a kitchen shows fewer than two receptacles, and never guesses spacing', () => {
    const plan = planWith({ rooms: { Cuisine: { receptacle: 1 }, Salon: { receptacle: 4 } } });
    const f = findingsOf(
      runCompliance(plan, { occupancy: 'single-dwelling' }),
      'kitchen-counter-receptacles',
    );
    expect(f).toEqual([
      expect.objectContaining({ severity: 'warning', location: 'Cuisine', ruleRef: '26-722 d)' }),
    ]);
    const ok = planWith({ rooms: { Cuisine: { receptacle: 3, receptacle_gfci: 1 } } });
    const g = findingsOf(
      runCompliance(ok, { occupancy: 'single-dwelling' }, { edition: '2018' }),
      'kitchen-counter-receptacles',
    );
    expect(g).toEqual([expect.objectContaining({ severity: 'info', ruleRef: '26-712 d)' })]);
    expect(g[0]?.message).toContain('900 mm');
  });

  it('warns about a single counter circuit in the schedule', () => {
    const plan = planWith({
      rooms: { Cuisine: { receptacle: 4 } },
      panels: [panel('A', 200, [{ description: 'Comptoir cuisine' }])],
    });
    const f = findingsOf(
      runCompliance(plan, { occupancy: 'single-dwelling' }),
      'kitchen-counter-receptacles',
    );
    expect(f.some((x) => x.severity === 'warning' && x.message.includes('1 dérivation de comptoir'))).toBe(
      true,
    );
  });

  it('warns about a bedroom without receptacles, citing the bathroom rule for bathrooms', () => {
    const plan = planWith({
      rooms: { 'Chambre 1': { luminaire: 1 }, 'Chambre 2': { receptacle: 3 }, SDB: { luminaire: 1 } },
    });
    const f = findingsOf(runCompliance(plan, { occupancy: 'single-dwelling' }), 'room-receptacles');
    expect(f.map((x) => [x.location, x.ruleRef])).toEqual([
      ['Chambre 1', '26-722 a)'],
      ['SDB', '26-710 f)'],
    ]);
  });
});

describe('smoke and CO alarms', () => {
  it('warns when bedrooms exist and no smoke alarm is detected', () => {
    const plan = planWith({ rooms: { 'Chambre 1': { receptacle: 2 }, 'Chambre 2': { receptacle: 2 } } });
    const f = findingsOf(runCompliance(plan, { occupancy: 'single-dwelling' }), 'smoke-co-alarms');
    expect(f[0]).toMatchObject({ severity: 'warning' });
    expect(f[0]?.message).toContain('2 chambres');
    expect(f[1]).toMatchObject({ severity: 'info' });
  });

  it('warns about a bedroom without its own alarm and a garage without CO alarm', () => {
    const plan = planWith({
      rooms: {
        'Chambre 1': { smoke_detector: 1 },
        'Chambre 2': { receptacle: 2 },
        Garage: { receptacle: 1 },
      },
    });
    const f = findingsOf(runCompliance(plan, { occupancy: 'single-dwelling' }), 'smoke-co-alarms');
    expect(f.map((x) => x.severity)).toEqual(['warning', 'warning']);
    expect(f[0]?.location).toBe('Chambre 2');
  });
});

describe('panel schedule rules', () => {
  const schedule = panel('A', 100, [
    { number: 1, description: 'Prises chambre', amps: 20, conductor: '14/2 NMD90' },
    { number: 2, description: 'Cuisinière', amps: 40, poles: 1, conductor: '8/3 NMD90' },
    { number: 3, description: 'Sécheuse', amps: 30, poles: 2, conductor: '10/3 NMD90' },
    { number: 5, description: 'Plinthes salon', amps: 20, poles: null, conductor: '12/2' },
    { number: 7, description: 'Chauffe-eau', amps: 70, poles: 2, conductor: '8/2' },
  ]);

  it('errors on a 20 A breaker on 14 AWG copper and warns above a larger conductor’s ampacity', () => {
    const f = findingsOf(
      runCompliance(planWith({ panels: [schedule] }), { occupancy: 'single-dwelling' }),
      'panel-breaker-conductor',
    );
    // 14 AWG: cap 15 A < 20 A → error. 8 AWG: Table 2 75 °C = 50 A < 70 A → warning.
    expect(f.map((x) => [x.location, x.severity])).toEqual([
      ['Panneau A, circuit 1', 'error'],
      ['Panneau A, circuit 7', 'warning'],
    ]);
  });

  it('flags a range on a single pole and unknown poles', () => {
    const f = findingsOf(
      runCompliance(planWith({ panels: [schedule] }), { occupancy: 'single-dwelling' }),
      'panel-two-pole-loads',
    );
    expect(f.map((x) => [x.location, x.severity])).toEqual([
      ['Panneau A, circuit 2', 'error'],
      ['Panneau A, circuit 5', 'info'],
    ]);
  });

  it('8-108: warns when a house panel keeps fewer than 4 spare positions, an apartment unit fewer than 2', () => {
    const f = findingsOf(
      runCompliance(planWith({ panels: [schedule] }), { occupancy: 'single-dwelling' }),
      'panel-spare-spaces',
    );
    expect(f).toEqual([
      expect.objectContaining({ severity: 'warning', location: 'Panneau A', ruleRef: '8-108 1)' }),
    ]);
    // Two spares: short of the 4 of 8-108 1) for a house, enough for the 2 of 8-108 2) in an apartment unit.
    const twoSpares = panel('B', 200, [{ description: 'RÉSERVE' }, { description: 'Espace' }]);
    const house = findingsOf(
      runCompliance(planWith({ panels: [twoSpares] }), { occupancy: 'single-dwelling' }),
      'panel-spare-spaces',
    );
    expect(house[0]?.severity).toBe('warning');
    expect(house[0]?.message).toContain('2 positions');
    expect(house[0]?.message).toContain('au moins 4');
    const unit = findingsOf(
      runCompliance(planWith({ panels: [twoSpares] }), { occupancy: 'apartment' }),
      'panel-spare-spaces',
    );
    expect(unit[0]).toEqual(expect.objectContaining({ severity: 'info', ruleRef: '8-108 2)' }));
    const fourSpares = panel('C', 200, [
      { description: 'RÉSERVE' },
      { description: 'Espace' },
      { description: 'spare' },
      { description: '' },
    ]);
    const enough = findingsOf(
      runCompliance(planWith({ panels: [fourSpares] }), { occupancy: 'single-dwelling' }, { lang: 'en' }),
      'panel-spare-spaces',
    );
    expect(enough[0]?.severity).toBe('info');
    expect(enough[0]?.message).toContain('4 spare');
  });
});

describe('service size vs calculated load', () => {
  const plan = planWith({ panels: [panel('Principal', 100, [{ description: 'Prises' }])] });

  it('errors when the main breaker is below the 8-200 current', () => {
    // 150 m² → 5000 + 1000 = 6000; heating 20 kW → 10 000 + 7500 = 17 500; range 12 kW → 6000;
    // total 29 500 W → 122,92 A > 100 A.
    const f = findingsOf(
      runCompliance(plan, {
        occupancy: 'single-dwelling',
        dwelling: { livingAreaM2: 150, spaceHeatingW: 20_000, rangeW: 12_000 },
      }),
      'service-size-vs-load',
    );
    expect(f).toEqual([
      expect.objectContaining({ severity: 'error', ruleRef: '8-200', location: 'Panneau Principal' }),
    ]);
    expect(f[0]?.message).toContain('122,9');
  });

  it('is informative when the main breaker covers the load, and when data is missing', () => {
    const ok = findingsOf(
      runCompliance(plan, { occupancy: 'single-dwelling', dwelling: { livingAreaM2: 100 } }),
      'service-size-vs-load',
    );
    // 100 m² → 6000 W < 24 000 W minimum → 100 A ≤ 100 A main.
    expect(ok[0]?.severity).toBe('info');
    const missing = findingsOf(runCompliance(plan, { occupancy: 'single-dwelling' }), 'service-size-vs-load');
    expect(missing[0]?.severity).toBe('info');
    const invalid = findingsOf(
      runCompliance(plan, { occupancy: 'single-dwelling', dwelling: { livingAreaM2: -1 } }),
      'service-size-vs-load',
    );
    expect(invalid[0]?.severity).toBe('info');
  });
});
