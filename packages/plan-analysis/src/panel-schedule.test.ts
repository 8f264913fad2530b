import { describe, expect, it } from 'vitest';
import { flattenPaths } from './geometry.ts';
import { findPanelSchedules, panelNameIn, parsePanelInfo } from './panel-schedule.ts';
import { PageBuilder } from './testing/page-builder.ts';
import { groupTextLines } from './text-lines.ts';

function schedulesOf(b: PageBuilder) {
  const page = b.build();
  return findPanelSchedules(groupTextLines(page.textItems, { maxGapEm: 0.5 }), flattenPaths(page.paths));
}

/** A framed table: rows of cells at the given column x positions, 10 pt apart. */
function table(
  b: PageBuilder,
  x0: number,
  top: number,
  cols: number[],
  rows: string[][],
  width: number,
): void {
  b.rect(x0, top - 10 * (rows.length + 1), width, 10 * (rows.length + 1) + 24);
  rows.forEach((cells, r) => {
    const y = top - 8 - 10 * r;
    cells.forEach((text, c) => {
      if (text !== '') b.text(text, cols[c] ?? 0, y, 5);
    });
    b.line(x0, y - 2, x0 + width, y - 2);
  });
  for (const x of cols.slice(1)) b.line(x - 2, top - 10 * (rows.length + 1), x - 2, top);
}

describe('findPanelSchedules', () => {
  it('reads a one-column schedule with its title, ratings and circuits', () => {
    const b = new PageBuilder();
    b.text('PANNEAU : A', 120, 520, 7);
    b.text('120/240 V, 1 PH, 3 FILS', 60, 508, 5);
    b.text('DISJ. PRINCIPAL 200 A', 200, 508, 5);
    table(
      b,
      55,
      505,
      [60, 80, 170, 190, 205],
      [
        ['CIR.', 'DESCRIPTION', 'AMP', 'P', 'CONDUCTEUR'],
        ['1', 'Plinthes cuisine', '20', '2', '12/2 NMD90'],
        ['3', '', '', '', ''],
        ['5', 'Prises salon', '15', '1', '14/2 NMD90'],
        ['7', 'RÉSERVE', '15', '1', ''],
        ['9', 'ESPACE', '', '', ''],
      ],
      200,
    );
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toHaveLength(0);
    expect(found?.schedule).toEqual({
      name: 'A',
      voltage: '120/240 V',
      phases: 1,
      mainA: 200,
      circuits: [
        { number: 1, description: 'Plinthes cuisine', amps: 20, poles: 2, conductor: '12/2 NMD90' },
        { number: 5, description: 'Prises salon', amps: 15, poles: 1, conductor: '14/2 NMD90' },
        { number: 7, description: 'RÉSERVE', amps: 15, poles: 1 },
        { number: 9, description: 'ESPACE', amps: null, poles: null },
      ],
    });
  });

  it('reads a mirrored two-column schedule (odd circuits left, even right)', () => {
    const b = new PageBuilder();
    b.text('PANEL SCHEDULE - LP-1', 150, 520, 7);
    b.text('120/208 V 3 PHASE MAIN 100 A', 60, 508, 5);
    table(
      b,
      55,
      505,
      [60, 75, 150, 165, 180, 195, 210, 285],
      [
        ['CKT', 'DESCRIPTION', 'AMP', 'P', 'P', 'AMP', 'DESCRIPTION', 'CKT'],
        ['1', 'Lighting', '15', '1', '1', '20', 'Receptacles', '2'],
        ['3', 'Heater', '30', '2', '1', '15', 'Exhaust fan', '4'],
      ],
      250,
    );
    const [found] = schedulesOf(b);
    expect(found?.schedule).toEqual({
      name: 'LP-1',
      voltage: '120/208 V',
      phases: 3,
      mainA: 100,
      circuits: [
        { number: 1, description: 'Lighting', amps: 15, poles: 1 },
        { number: 2, description: 'Receptacles', amps: 20, poles: 1 },
        { number: 3, description: 'Heater', amps: 30, poles: 2 },
        { number: 4, description: 'Exhaust fan', amps: 15, poles: 1 },
      ],
    });
  });

  it('keeps two framed schedules side by side apart', () => {
    const b = new PageBuilder();
    b.text('PANNEAU P1', 60, 520, 7);
    table(
      b,
      55,
      505,
      [60, 75, 140, 155],
      [
        ['CIR.', 'DESCRIPTION', 'A', 'P'],
        ['1', 'Cuisine', '20', '1'],
      ],
      110,
    );
    b.text('PANNEAU P2', 190, 520, 7);
    table(
      b,
      185,
      505,
      [190, 205, 270, 285],
      [
        ['CIR.', 'DESCRIPTION', 'A', 'P'],
        ['1', 'Garage', '15', '1'],
      ],
      110,
    );
    const found = schedulesOf(b).map((s) => [s.schedule.name, s.schedule.circuits.map((c) => c.description)]);
    expect(found).toEqual([
      ['P1', ['Cuisine']],
      ['P2', ['Garage']],
    ]);
  });

  it('finds nothing in ordinary text', () => {
    const b = new PageBuilder();
    b.text('DESCRIPTION DES TRAVAUX', 60, 500, 7);
    b.text('1 Installer le panneau A', 60, 490, 7);
    expect(schedulesOf(b)).toEqual([]);
  });
});

describe('parsePanelInfo', () => {
  it('reads names, ratings and phases in French and English', () => {
    expect(parsePanelInfo(['HORAIRE DU PANNEAU P1', '347/600 V TRIPHASÉ', '600 A PRINCIPAL'])).toEqual({
      name: 'P1',
      voltage: '347/600 V',
      phases: 3,
      mainA: 600,
      matched: true,
    });
    expect(parsePanelInfo(['Panelboard: MDP', '120/240V single phase', 'Main breaker 200A'])).toEqual({
      name: 'MDP',
      voltage: '120/240 V',
      phases: 1,
      mainA: 200,
      matched: true,
    });
  });

  it('finds the panel name after filler words', () => {
    expect(panelNameIn('tableau du panneau p2')).toBe('P2');
    expect(panelNameIn('panel schedule - c')).toBe('C');
    expect(panelNameIn('notes generales')).toBeNull();
  });
});
