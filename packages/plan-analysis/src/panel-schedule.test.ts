import { describe, expect, it } from 'vitest';
import { flattenPaths } from './geometry.ts';
import {
  dbNameIn,
  findPanelSchedules,
  inferMissingNumbers,
  ocrDigits,
  panelNameIn,
  parsePanelInfo,
  snapOcrRating,
} from './panel-schedule.ts';
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
  it('reads a cell left to right when its words stand a hair apart in baseline (a deskewed sheet)', () => {
    const b = new PageBuilder();
    b.text('PANNEAU : A', 120, 520, 7);
    table(
      b,
      55,
      505,
      [60, 80, 170, 190, 205],
      [
        ['CIR.', 'DESCRIPTION', 'AMP', 'P', 'CONDUCTEUR'],
        ['1', '', '20', '2', ''],
      ],
      200,
    );
    // Row 1's baseline is 505 − 8 − 10 = 487; "Plinthes" is 8 × 5 × 0.55 = 22 pt wide, then a space.
    b.text('Plinthes', 80, 487, 5);
    b.text('cuisine', 104.75, 487.003, 5);
    b.text('12/2', 205, 487.002, 5);
    b.text('NMD90', 217.75, 487, 5);
    const [found] = schedulesOf(b);
    expect(found?.schedule.circuits[0]).toMatchObject({
      number: 1,
      description: 'Plinthes cuisine',
      conductor: '12/2 NMD90',
    });
  });

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
      mains: 'MCB',
      wires: 3,
      positionCount: 9,
      // Single phase: rows alternate lines A and B; the 2-pole breaker at 1 takes positions 1 and 3.
      circuits: [
        {
          number: 1,
          description: 'Plinthes cuisine',
          amps: 20,
          poles: 2,
          conductor: '12/2 NMD90',
          positions: [1, 3],
          phase: 'AB',
        },
        {
          number: 5,
          description: 'Prises salon',
          amps: 15,
          poles: 1,
          conductor: '14/2 NMD90',
          positions: [5],
          phase: 'A',
        },
        { number: 7, description: 'RÉSERVE', amps: 15, poles: 1, positions: [7], phase: 'B' },
        { number: 9, description: 'ESPACE', amps: null, poles: null, positions: [9], phase: 'A' },
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
      mains: 'MCB',
      positionCount: 5,
      // The 2-pole heater at 3 also takes position 5 (rows 2 and 3: phases B and C).
      circuits: [
        { number: 1, description: 'Lighting', amps: 15, poles: 1, positions: [1], phase: 'A' },
        { number: 2, description: 'Receptacles', amps: 20, poles: 1, positions: [2], phase: 'A' },
        { number: 3, description: 'Heater', amps: 30, poles: 2, positions: [3, 5], phase: 'BC' },
        { number: 4, description: 'Exhaust fan', amps: 15, poles: 1, positions: [4], phase: 'B' },
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

  it('takes no wall standing in line above the table for a column border', () => {
    const b = new PageBuilder();
    b.text('PANNEAU A', 60, 520, 7);
    // Headings centred in their cells; a wall above the table stands at x 105, left of the
    // centred "DESCRIPTION" and right of where the descriptions start.
    b.text('CIR.', 60, 505, 5);
    b.text('DESCRIPTION', 110, 505, 5);
    b.text('AMP', 170, 505, 5);
    for (const x of [56, 78, 166, 188]) b.line(x, 470, x, 512);
    b.line(105, 516, 105, 600);
    b.text('1', 60, 494, 5);
    b.text('Espace', 80, 494, 5);
    b.text('3', 60, 484, 5);
    b.text('Plinthes salon', 80, 484, 5);
    b.text('20', 170, 484, 5);
    const [found] = schedulesOf(b);
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps])).toEqual([
      [1, 'Espace', null],
      [3, 'Plinthes salon', 20],
    ]);
  });

  it('finds nothing in ordinary text', () => {
    const b = new PageBuilder();
    b.text('DESCRIPTION DES TRAVAUX', 60, 500, 7);
    b.text('1 Installer le panneau A', 60, 490, 7);
    expect(schedulesOf(b)).toEqual([]);
  });
});

describe('dbNameIn', () => {
  it('reads a board name without the words of the drawing title after it', () => {
    expect(dbNameIn('db-suite 3 single line diagram')).toBe('DB-SUITE 3');
    expect(dbNameIn('db-gf sld')).toBe('DB-GF');
    expect(dbNameIn('db-gf main schedule')).toBe('DB-GF MAIN');
    expect(dbNameIn('main db')).toBe('MAIN DB');
  });
});

describe('parsePanelInfo', () => {
  it('reads names, ratings and phases in French and English', () => {
    expect(parsePanelInfo(['HORAIRE DU PANNEAU P1', '347/600 V TRIPHASÉ', '600 A PRINCIPAL'])).toMatchObject({
      name: 'P1',
      voltage: '347/600 V',
      phases: 3,
      mainA: 600,
      mains: 'MCB',
      matched: true,
    });
    expect(parsePanelInfo(['Panelboard: MDP', '120/240V single phase', 'Main breaker 200A'])).toMatchObject({
      name: 'MDP',
      voltage: '120/240 V',
      phases: 1,
      mainA: 200,
      matched: true,
    });
  });

  it('writes North-American wye voltages phase-to-neutral first ("208Y/120V" → "120/208 V")', () => {
    expect(parsePanelInfo(['VOLTAGE: 208Y/120V 3PH 4W'])).toMatchObject({
      voltage: '120/208 V',
      phases: 3,
      wires: 4,
    });
    expect(parsePanelInfo(['480Y/277 V, 3Ø, 4W'])).toMatchObject({ voltage: '277/480 V', phases: 3 });
  });

  it('finds the panel name after filler words', () => {
    expect(panelNameIn('tableau du panneau p2')).toBe('P2');
    expect(panelNameIn('panel schedule - c')).toBe('C');
    expect(panelNameIn('notes generales')).toBeNull();
  });
});

/** One circuit of a North-American schedule as the CAD software is told to print it. */
type Spec = { n: number; desc: string; trip?: number; poles?: number; loadVA?: number };

const FS = 5;
const PITCH = 8;

/**
 * Draws a commercial three-phase schedule the way Revit/AutoCAD print it: a header block (name,
 * ratings, fed from), one heading row, odd circuits left and even right, one A/B/C load block
 * shared in the middle (the left circuit's VA in the left half of its phase cell, the right
 * circuit's in the right half), multi-pole breakers printing their load on each row they span,
 * ruled columns and a footer with totals. Returns the schedule's bottom y.
 */
function revitSchedule(
  b: PageBuilder,
  x: number,
  top: number,
  name: string,
  positions: number,
  specs: readonly Spec[],
  footer: string[],
): number {
  b.textCentered(`PANEL: ${name}`, x + 180, top, 7);
  b.text('VOLTS: 120/208V 3Ø 4W', x, top - 12, FS);
  b.text('MAINS: MLO', x + 120, top - 12, FS);
  b.text('BUS: 225A', x + 220, top - 12, FS);
  b.text('A.I.C.: 22,000', x, top - 20, FS);
  b.text('MOUNTING: SURFACE', x + 120, top - 20, FS);
  b.text('FED FROM: PANEL MDP', x + 220, top - 20, FS);
  // Column centres; descriptions are left-aligned.
  const col = { ckt: 7, desc: 16, trip: 93, poles: 111, A: 140, B: 180, C: 220, polesR: 249, tripR: 267 };
  const descR = 278;
  const cktR = 353;
  const headY = top - 32;
  b.textCentered('CKT', x + col.ckt, headY, FS);
  b.text('DESCRIPTION', x + col.desc, headY - 0.3 * FS, FS);
  b.textCentered('TRIP', x + col.trip, headY, FS);
  b.textCentered('POLES', x + col.poles, headY, FS);
  for (const ph of ['A', 'B', 'C'] as const) b.textCentered(ph, x + col[ph], headY, FS);
  b.textCentered('POLES', x + col.polesR, headY, FS);
  b.textCentered('TRIP', x + col.tripR, headY, FS);
  b.text('DESCRIPTION', x + descR, headY - 0.3 * FS, FS);
  b.textCentered('CKT', x + cktR, headY, FS);
  const rows = positions / 2;
  const bottom = headY - PITCH * (rows + 0.5);
  for (const bx of [0, 14, 84, 102, 120, 160, 200, 240, 258, 276, 346, 360]) {
    b.line(x + bx, headY + 6, x + bx, bottom);
  }
  const byN = new Map(specs.map((s) => [s.n, s]));
  // Loads of multi-pole breakers on the rows they span.
  const spanLoad = new Map<number, number>();
  for (const s of specs) {
    for (let k = 1; k < (s.poles ?? 1); k++) if (s.loadVA) spanLoad.set(s.n + 2 * k, s.loadVA);
  }
  for (let r = 0; r < rows; r++) {
    const y = headY - PITCH * (r + 1);
    const phase = (['A', 'B', 'C'] as const)[r % 3] ?? 'A';
    for (const [n, left] of [
      [2 * r + 1, true],
      [2 * r + 2, false],
    ] as const) {
      b.textCentered(String(n), x + (left ? col.ckt : cktR), y, FS);
      const s = byN.get(n);
      const load = s?.loadVA ?? spanLoad.get(n);
      if (load) b.textCentered(String(load), x + col[phase] + (left ? -10 : 10), y, FS);
      if (!s) continue;
      b.text(s.desc, x + (left ? col.desc : descR), y - 0.3 * FS, FS);
      if (s.trip) b.textCentered(String(s.trip), x + (left ? col.trip : col.tripR), y, FS);
      if (s.poles) b.textCentered(String(s.poles), x + (left ? col.poles : col.polesR), y, FS);
    }
  }
  footer.forEach((f, i) => {
    b.text(f, x, bottom - 8 - 8 * i, FS);
  });
  return bottom - 8 * footer.length;
}

/** The circuits a schedule drawn from `specs` holds: positions, phases (row r on 'ABC'[r % 3]) and loads. */
function expectedCircuits(specs: readonly Spec[]) {
  return specs.map((s) => {
    const poles = s.poles ?? 1;
    const positions = Array.from({ length: poles }, (_, k) => s.n + 2 * k);
    const phase = [...new Set(positions.map((p) => 'ABC'[Math.floor((p - 1) / 2) % 3]))].sort().join('');
    return {
      number: s.n,
      description: s.desc,
      amps: s.trip ?? null,
      poles: s.poles ?? null,
      positions,
      phase,
      ...(s.loadVA ? { loadVA: s.loadVA * poles } : {}),
    };
  });
}

/** A 42-position panel: 1-pole lighting and receptacles, a 3-pole RTU, a 2-pole water heater, spares and spaces. */
function panelSpecs(positions: number): Spec[] {
  const specs: Spec[] = [
    { n: 1, desc: 'LIGHTING OFFICE', trip: 20, poles: 1, loadVA: 1200 },
    { n: 2, desc: 'RECEPT OFFICE', trip: 20, poles: 1, loadVA: 900 },
    { n: 3, desc: 'RTU-1', trip: 40, poles: 3, loadVA: 3000 },
    { n: 4, desc: 'SPARE', trip: 20, poles: 1 },
    { n: 6, desc: 'SPACE' },
    { n: 8, desc: 'WH-1', trip: 30, poles: 2, loadVA: 2250 },
  ];
  for (let n = 9; n <= positions - 4; n++) {
    if (n === 10) continue; // taken by WH-1
    specs.push({ n, desc: `RECEPT RM ${100 + n}`, trip: 20, poles: 1, loadVA: 180 * (1 + (n % 5)) });
  }
  for (let n = positions - 3; n <= positions; n++)
    specs.push({ n, desc: n % 2 ? 'SPARE' : 'SPACE', ...(n % 2 ? { trip: 20, poles: 1 } : {}) });
  return specs.sort((a, b) => a.n - b.n);
}

describe('findPanelSchedules on North-American commercial schedules', () => {
  it('reads a 42-position three-phase schedule with its header, multi-pole breakers, loads and totals', () => {
    const b = new PageBuilder(612, 792);
    const specs = panelSpecs(42);
    revitSchedule(b, 40, 740, 'LP-1', 42, specs, [
      'TOTAL CONNECTED LOAD: 31,860 VA',
      'TOTAL DEMAND LOAD: 27,400 VA',
    ]);
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toHaveLength(0);
    const { circuits, ...header } = found?.schedule ?? { circuits: [] };
    expect(header).toEqual({
      name: 'LP-1',
      voltage: '120/208 V',
      phases: 3,
      wires: 4,
      mains: 'MLO',
      mainA: null,
      busA: 225,
      aic: 22000,
      mounting: 'SURFACE',
      fedFrom: 'MDP',
      positionCount: 42,
      connectedLoadVA: 31860,
      demandLoadVA: 27400,
    });
    expect(circuits).toEqual(expectedCircuits(specs));
    // RTU-1 at 3 spans 3, 5, 7 (rows 1-3: phases B, C, A) and sums 3 × 3000 VA.
    expect(circuits.find((c) => c.number === 3)).toMatchObject({
      positions: [3, 5, 7],
      phase: 'ABC',
      loadVA: 9000,
    });
    expect(circuits.some((c) => c.number === 5 || c.number === 7)).toBe(false);
  });

  it('reads a framed NA schedule under a tall ratings block, loads split in shared A/B/C cells', () => {
    const b = new PageBuilder(612, 792);
    // One rating per line, 12 pt apart, down to just above the header row (692): the name stands
    // 94 pt (19 em) over the header, past the usual reach of a title.
    const ratings = [
      'PANEL: LP-1',
      'VOLTAGE: 208Y/120V 3PH 4W',
      'MAINS: 225 A MCB',
      'BUS: 225 A',
      'AIC: 10,000',
      'MOUNTING: FLUSH',
      'FED FROM: MSB-1',
    ];
    for (const [i, text] of ratings.entries()) b.text(text, 55, 786 - 12 * i, i === 0 ? 7 : 6);
    // CKT DESCRIPTION BKR P | A B C (30 pt wide, headings flush left) | P BKR DESCRIPTION CKT.
    const cols = [60, 80, 170, 190, 205, 235, 265, 295, 310, 330, 420];
    table(
      b,
      55,
      700,
      cols,
      [
        ['CKT', 'DESCRIPTION', 'BKR', 'P', 'A', 'B', 'C', 'P', 'BKR', 'DESCRIPTION', 'CKT'],
        ['1', 'COPIER', '15', '1', '1000', '', '', '1', '20', 'SPARE', '2'],
        ['3', 'RTU-2', '60', '3', '', '1800', '', '2', '40', 'EVSE-1', '4'],
        ['5', '', '', '', '', '', '1800', '', '', '', '6'],
        ['7', '', '', '', '1800', '', '', '', '', 'SPACE', '8'],
      ],
      380,
    );
    // Right-hand halves of the shared phase cells: the even circuits' loads.
    b.text('700', 221, 700 - 8 - 10 * 2, 5);
    b.text('700', 251, 700 - 8 - 10 * 3, 5);
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toHaveLength(0);
    expect(found?.schedule).toMatchObject({
      name: 'LP-1',
      voltage: '120/208 V',
      phases: 3,
      mainA: 225,
      mains: 'MCB',
      aic: 10000,
      fedFrom: 'MSB-1',
    });
    const byNumber = (n: number) => found?.schedule.circuits.find((c) => c.number === n);
    expect(byNumber(1)).toMatchObject({
      description: 'COPIER',
      amps: 15,
      poles: 1,
      loadVA: 1000,
      phase: 'A',
    });
    expect(byNumber(2)).toMatchObject({ description: 'SPARE', amps: 20, poles: 1 });
    expect(byNumber(2)?.loadVA).toBeUndefined();
    expect(byNumber(3)).toMatchObject({
      amps: 60,
      poles: 3,
      positions: [3, 5, 7],
      loadVA: 5400,
      phase: 'ABC',
    });
    expect(byNumber(4)).toMatchObject({
      description: 'EVSE-1',
      amps: 40,
      poles: 2,
      positions: [4, 6],
      loadVA: 1400,
    });
  });

  it('reads per-side load columns under a "LOAD (VA)" tier and breaker cells such as "40/3"', () => {
    const b = new PageBuilder(612, 792);
    b.text('PANELBOARD "H2"', 150, 700, 7);
    b.text('480/277V, 3PH, 4W, 100A MCB, 65kAIC', 60, 688, FS);
    // Left: CKT DESCRIPTION A B C BKR WIRE | right mirrored: WIRE BKR A B C DESCRIPTION CKT.
    const left = { ckt: 65, desc: 75, A: 140, B: 160, C: 180, bkr: 200, wire: 222 };
    const right = { wire: 250, bkr: 275, A: 295, B: 315, C: 335, desc: 350, ckt: 420 };
    b.textCentered('LOAD (VA)', 160, 676, FS);
    b.textCentered('LOAD (VA)', 315, 676, FS);
    for (const side of [left, right]) {
      b.textCentered('CKT', side.ckt + 3, 668, FS);
      b.text('DESCRIPTION', side.desc, 666.5, FS);
      for (const ph of ['A', 'B', 'C'] as const) b.textCentered(ph, side[ph], 668, FS);
      b.textCentered('BKR', side.bkr, 668, FS);
      b.textCentered('WIRE', side.wire, 668, FS);
    }
    const rows: [Spec & { bkr: string; wire: string }, (Spec & { bkr: string; wire: string }) | null][] = [
      [
        { n: 1, desc: 'CHILLER', trip: 60, poles: 3, loadVA: 8000, bkr: '60/3', wire: '#6' },
        { n: 2, desc: 'LTG 1ST FL', trip: 20, poles: 1, loadVA: 2400, bkr: '20/1', wire: '#12' },
      ],
      [
        { n: 3, desc: '', bkr: '', wire: '' },
        { n: 4, desc: 'LTG 2ND FL', trip: 20, poles: 1, loadVA: 2200, bkr: '20/1', wire: '#12' },
      ],
      [
        { n: 5, desc: '', bkr: '', wire: '' },
        { n: 6, desc: 'SPARE', trip: 20, poles: 1, bkr: '20/1', wire: '' },
      ],
    ];
    rows.forEach(([l, r], i) => {
      const y = 658 - 8 * i;
      const phase = (['A', 'B', 'C'] as const)[i % 3] ?? 'A';
      for (const [s, side] of [
        [l, left],
        [r, right],
      ] as const) {
        if (!s) continue;
        b.textCentered(String(s.n), side.ckt + 3, y, FS);
        if (s.desc) b.text(s.desc, side.desc, y - 1.5, FS);
        const load = s.loadVA ?? (s === l && i > 0 ? 8000 : undefined);
        if (load) b.textCentered(String(load), side[phase], y, FS);
        if (s.bkr) b.textCentered(s.bkr, side.bkr, y, FS);
        if (s.wire) b.textCentered(s.wire, side.wire, y, FS);
      }
    });
    const [found] = schedulesOf(b);
    expect(found?.schedule).toMatchObject({
      name: 'H2',
      voltage: '480/277 V',
      phases: 3,
      wires: 4,
      mains: 'MCB',
      mainA: 100,
      aic: 65000,
      positionCount: 6,
    });
    expect(found?.schedule.circuits).toEqual([
      // 8000 VA printed under A, B and C on rows 1-3.
      {
        number: 1,
        description: 'CHILLER',
        amps: 60,
        poles: 3,
        conductor: '#6',
        positions: [1, 3, 5],
        phase: 'ABC',
        loadVA: 24000,
      },
      {
        number: 2,
        description: 'LTG 1ST FL',
        amps: 20,
        poles: 1,
        conductor: '#12',
        positions: [2],
        phase: 'A',
        loadVA: 2400,
      },
      {
        number: 4,
        description: 'LTG 2ND FL',
        amps: 20,
        poles: 1,
        conductor: '#12',
        positions: [4],
        phase: 'B',
        loadVA: 2200,
      },
      { number: 6, description: 'SPARE', amps: 20, poles: 1, positions: [6], phase: 'C' },
    ]);
  });

  it('finds every schedule of a sheet laid out in a grid, each with its position count', () => {
    // ANSI B sheet: two schedules side by side on top, one below the first, an 84-position one on the right.
    const b = new PageBuilder(1224, 792);
    const bottom1 = revitSchedule(b, 20, 760, 'LP-1', 42, panelSpecs(42), ['TOTAL CONNECTED LOAD: 30 KVA']);
    revitSchedule(b, 420, 760, 'LP-2', 30, panelSpecs(30), []);
    revitSchedule(b, 20, bottom1 - 30, 'LP-3', 18, panelSpecs(18), []);
    revitSchedule(b, 820, 760, 'HP-1', 84, panelSpecs(84), []);
    const found = schedulesOf(b).map((s) => [
      s.schedule.name,
      s.schedule.positionCount,
      s.schedule.circuits.length,
    ]);
    // Circuits: every position but the ones multi-pole breakers take (5, 7, 10) and the empty ones (none).
    expect(found.sort()).toEqual(
      [
        ['HP-1', 84, expectedCircuits(panelSpecs(84)).length],
        ['LP-1', 42, expectedCircuits(panelSpecs(42)).length],
        ['LP-2', 30, expectedCircuits(panelSpecs(30)).length],
        ['LP-3', 18, expectedCircuits(panelSpecs(18)).length],
      ].sort(),
    );
    expect(schedulesOf(b).find((s) => s.schedule.name === 'LP-1')?.schedule.connectedLoadVA).toBe(30000);
    expect(schedulesOf(b).find((s) => s.schedule.name === 'LP-3')?.schedule.connectedLoadVA).toBeUndefined();
  });
});

describe('parsePanelInfo on CAD header blocks', () => {
  it('reads wires, mains, bus, AIC, mounting and the upstream panel without taking it as the name', () => {
    expect(
      parsePanelInfo([
        'PANEL NAME: LP-2A',
        '120/208 V Wye 3Ø 4W  MLO',
        'BUS: 400A  AIC: 10K',
        'FED FROM: PANEL MDP',
      ]),
    ).toMatchObject({
      name: 'LP-2A',
      voltage: '120/208 V',
      phases: 3,
      wires: 4,
      mains: 'MLO',
      busA: 400,
      aic: 10000,
      fedFrom: 'MDP',
    });
    expect(parsePanelInfo(['DB-GF MAIN 400V AC ,100A, 6kA, 50Hz, 3PH+N+E'])).toMatchObject({
      name: 'DB-GF MAIN',
      voltage: '400 V',
      phases: 3,
      wires: 4,
      aic: 6000,
    });
    expect(parsePanelInfo(['3PH+N+E, 100A BUSBARS, 6KA, 400V, WALL MOUNTED WHITE'])).toMatchObject({
      busA: 100,
      aic: 6000,
      voltage: '400 V',
      mounting: 'WALL',
    });
  });
});

describe('findPanelSchedules on a mirrored single-phase schedule', () => {
  it('reads "A B | B A" as load columns of each side, not as amps, and the main before the bus', () => {
    const b = new PageBuilder(612, 792);
    const x = 40;
    const top = 740;
    b.text('PANEL: A', x, top, 7);
    b.text('VOLTAGE: 120/240V 1Ø 3W', x, top - 12, FS);
    b.text('MAINS: 225A MCB', x + 120, top - 12, FS);
    b.text('BUS: 400A', x + 220, top - 12, FS);
    // Left: CKT DESCRIPTION TRIP P A B; right, mirrored: B A P TRIP DESCRIPTION CKT.
    const col = { ckt: 7, desc: 16, trip: 93, p: 111, a: 130, b: 150, bR: 175, aR: 195, pR: 215, tripR: 233 };
    const headY = top - 32;
    b.textCentered('CKT', x + col.ckt, headY, FS);
    b.text('DESCRIPTION', x + col.desc, headY, FS);
    b.textCentered('TRIP', x + col.trip, headY, FS);
    b.textCentered('P', x + col.p, headY, FS);
    b.textCentered('A', x + col.a, headY, FS);
    b.textCentered('B', x + col.b, headY, FS);
    b.textCentered('B', x + col.bR, headY, FS);
    b.textCentered('A', x + col.aR, headY, FS);
    b.textCentered('P', x + col.pR, headY, FS);
    b.textCentered('TRIP', x + col.tripR, headY, FS);
    b.text('DESCRIPTION', x + 250, headY, FS);
    b.textCentered('CKT', x + 340, headY, FS);
    const rows: [string, string, string, string, string, string, string, string][] = [
      // left n, desc, trip, load | right load, trip, desc, n
      ['1', 'LIGHTING', '20', '1,100', '1,500', '15', 'MICROWAVE', '2'],
      ['3', 'RECEPT. OFFICE', '20', '900', '640', '20', 'EF-1', '4'],
    ];
    rows.forEach(([ln, ld, lt, lload, rload, rt, rd, rn], r) => {
      const y = headY - PITCH * (r + 1);
      const aSide = r % 2 === 0;
      b.textCentered(ln, x + col.ckt, y, FS);
      b.text(ld, x + col.desc, y, FS);
      b.textCentered(lt, x + col.trip, y, FS);
      b.textCentered('1', x + col.p, y, FS);
      b.textCentered(lload, x + (aSide ? col.a : col.b), y, FS);
      b.textCentered(rload, x + (aSide ? col.aR : col.bR), y, FS);
      b.textCentered('1', x + col.pR, y, FS);
      b.textCentered(rt, x + col.tripR, y, FS);
      b.text(rd, x + 250, y, FS);
      b.textCentered(rn, x + 340, y, FS);
    });
    const [found] = schedulesOf(b);
    expect(found?.schedule).toMatchObject({
      name: 'A',
      voltage: '120/240 V',
      phases: 1,
      mainA: 225,
      busA: 400,
    });
    expect(
      found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles, c.loadVA, c.phase]),
    ).toEqual([
      [1, 'LIGHTING', 20, 1, 1100, 'A'],
      [2, 'MICROWAVE', 15, 1, 1500, 'A'],
      [3, 'RECEPT. OFFICE', 20, 1, 900, 'B'],
      [4, 'EF-1', 20, 1, 640, 'B'],
    ]);
  });
});

describe('findPanelSchedules on a schedule read by OCR', () => {
  /** A word as OCR gives it: its own run, marked `source: 'ocr'`, box height `h`. */
  function ocrWord(b: PageBuilder, str: string, x: number, y: number, h = 5): void {
    b.text(str, x, y, h / 0.72);
    const item = b.build().textItems.at(-1);
    if (item) Object.assign(item, { height: h, source: 'ocr', confidence: 0.9 });
  }

  it('reads words split at cell borders, numbers OCR dropped, misread digits and unread poles', () => {
    const b = new PageBuilder();
    // Title split into OCR words, "V" doubled, main "100 A" read "108 A".
    ocrWord(b, 'PANNEAU', 60, 540);
    ocrWord(b, 'B', 90, 540);
    ocrWord(b, '120/240', 100, 540);
    ocrWord(b, 'Vv,', 100, 531);
    ocrWord(b, '1 PH, PRINCIPAL 108 A', 60, 522);
    // Cell borders: vertical rules at x 78, 168, 188, 198 from the header down to the last row.
    for (const x of [56, 78, 168, 188, 198]) b.line(x, 440, x, 515);
    const rows: [string, string, string, string][] = [
      ['CIR', 'DESCRIPTION', 'AMP', 'P'],
      ['', 'LIGHTING OPEN OFFICE', '2O', '1'],
      ['3', 'UNIT HEATER', '30', ''],
      ['', '', '30', ''],
      ['7', 'RÉSERVE', '28', ''],
      ['', 'MICROWAVE', '20', ''],
    ];
    rows.forEach((cells, r) => {
      const y = 505 - 11 * r;
      const xs = [60, 82, 170, 191];
      cells.forEach((text, c) => {
        // One OCR word per space-separated token, as Tesseract gives them.
        let x = xs[c] ?? 0;
        for (const w of text.split(' ').filter((t) => t !== '')) {
          ocrWord(b, w, x, y);
          x += w.length * (5 / 0.72) * 0.55 + 2;
        }
      });
    });
    const [found] = schedulesOf(b);
    expect(found?.schedule).toMatchObject({ name: 'B', voltage: '120/240 V', phases: 1, mainA: 100 });
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles])).toEqual([
      [1, 'LIGHTING OPEN OFFICE', 20, 1],
      [3, 'UNIT HEATER', 30, 2],
      [7, 'RÉSERVE', 20, 1],
      [9, 'MICROWAVE', 20, 1],
    ]);
  });

  /** OCR words of a row, one per space-separated token, each cell starting at its x. */
  function ocrRow(b: PageBuilder, y: number, cells: readonly [number, string][]): void {
    for (const [x0, text] of cells) {
      let x = x0;
      for (const w of text.split(' ').filter((t) => t !== '')) {
        ocrWord(b, w, x, y);
        x += w.length * (5 / 0.72) * 0.55 + 2;
      }
    }
  }

  it('numbers a one-by-one list whose multi-pole breakers print their positions ("3-5")', () => {
    const b = new PageBuilder();
    ocrRow(b, 520, [[57, 'PANNEAU A 120/240 V 1 PH PRINCIPAL 200 A']]);
    for (const x of [55, 80, 166, 188]) b.line(x, 395, x, 512);
    // OCR dropped the lone digits (1, 2, 4, 6, 7) and the "P" heading; "3-5", "9-11", "10-12"
    // and two-digit numbers were read.
    const rows: [string, string, string][] = [
      ['CIR.', 'DESCRIPTION', 'AMP'],
      ['', 'DÉTECTEURS DE FUMÉE', '20'],
      ['', 'PRISES SALLE DE BAIN', '15'],
      ['3-5', 'PLINTHES CHAMBRES', '40'],
      ['', 'ÉCLAIRAGE CHAMBRES', '20'],
      ['', 'RÉFRIGÉRATEUR', '15'],
      ['', 'RÉSERVE', '15'],
      ['', 'ESPACE', ''],
      ['9-11', 'CUISINIÈRE', '40'],
      ['10-12', 'SÉCHEUSE', '30'],
      ['13', 'ÉCHANGEUR D AIR', '15'],
    ];
    for (const [r, [n, d, a]] of rows.entries())
      ocrRow(b, 505 - 10 * r, [
        [57, n],
        [82, d],
        [170, a],
      ]);
    const [found] = schedulesOf(b);
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles])).toEqual([
      [1, 'DÉTECTEURS DE FUMÉE', 20, 1],
      [2, 'PRISES SALLE DE BAIN', 15, 1],
      [3, 'PLINTHES CHAMBRES', 40, 2],
      [4, 'ÉCLAIRAGE CHAMBRES', 20, 1],
      [6, 'RÉFRIGÉRATEUR', 15, 1],
      [7, 'RÉSERVE', 15, 1],
      [8, 'ESPACE', null, 1],
      [9, 'CUISINIÈRE', 40, 2],
      [10, 'SÉCHEUSE', 30, 2],
      [13, 'ÉCHANGEUR D AIR', 15, 1],
    ]);
    expect(found?.schedule.circuits.find((c) => c.number === 3)?.positions).toEqual([3, 5]);
  });

  it.each([
    ['its A/B/C headings', true],
    ['its A/B/C and both "P" headings', false],
  ])('reads an NA schedule whose pole digits, dashes and %s OCR dropped', (_, withPoleHeadings) => {
    const b = new PageBuilder();
    ocrRow(b, 540, [[60, 'PANEL: PP1']]);
    ocrRow(b, 531, [[60, 'VOLTAGE: 480Y/277V 3PH 4W']]);
    // Rules: CKT | DESCRIPTION | BKR | P | A | B | C | P | BKR | DESCRIPTION | CKT.
    for (const x of [56, 78, 166, 186, 198, 228, 258, 288, 300, 322, 416, 440]) b.line(x, 450, x, 512);
    ocrRow(b, 505, [
      [60, 'CKT'],
      [82, 'DESCRIPTION'],
      [170, 'BKR'],
      ...(withPoleHeadings
        ? ([
            [190, 'P'],
            [292, 'P'],
          ] as [number, string][])
        : []),
      [304, 'BKR'],
      [326, 'DESCRIPTION'],
      [420, 'CKT'],
    ]);
    // Row 1: "RECEPT - OFFICE", its dash drawn but not read (a stroke at mid-height in the gap).
    ocrRow(b, 494, [
      [82, 'RECEPT'],
      [117, 'OFFICE'],
      [170, '20'],
      [201, '700'],
      [304, '20'],
      [326, 'SITE LTG'],
    ]);
    b.line(109, 495.5, 112, 495.5);
    // Row 2: KILN is a 2-pole breaker (3 and 5); its pole digit was not read.
    ocrRow(b, 483, [
      [60, '3'],
      [82, 'KILN'],
      [170, '40'],
      [231, '2400'],
      [304, '20'],
      [326, 'SPARE'],
      [420, '4'],
    ]);
    // Row 3: KILN's second pole: its number and load only; "EF-1" split by OCR after its hyphen.
    ocrRow(b, 472, [
      [60, '5'],
      [261, '1500'],
      [304, '20'],
      [326, 'EF- 1'],
      [420, '6'],
    ]);
    ocrRow(b, 461, [
      [60, '7'],
      [82, 'UH-2'],
      [170, '15'],
      [201, '800'],
      [326, 'SPACE'],
      [420, '8'],
    ]);
    const [found] = schedulesOf(b);
    expect(found?.schedule).toMatchObject({ name: 'PP1', voltage: '277/480 V', phases: 3 });
    expect(
      found?.schedule.circuits
        .filter((c) => c.description !== 'SPACE')
        .map((c) => [c.number, c.description, c.amps, c.poles]),
    ).toEqual([
      [1, 'RECEPT - OFFICE', 20, 1],
      [2, 'SITE LTG', 20, 1],
      [3, 'KILN', 40, 2],
      [4, 'SPARE', 20, 1],
      [6, 'EF-1', 20, 1],
      [7, 'UH-2', 15, 1],
    ]);
  });
});

describe('findPanelSchedules on a mirrored schedule read by OCR', () => {
  it('splits the sides where they differ least when OCR dropped one side\'s "P" heading', () => {
    const b = new PageBuilder();
    const word = (str: string, x: number, y: number) => {
      b.text(str, x, y, 5 / 0.72);
      const item = b.build().textItems.at(-1);
      if (item) Object.assign(item, { height: 5, source: 'ocr', confidence: 0.9 });
    };
    word('PANNEAU', 150, 522);
    word('C', 185, 522);
    word('120/240', 195, 522);
    word('V', 228, 522);
    for (const x of [56, 78, 160, 178, 190, 202, 220, 302]) b.line(x, 450, x, 515);
    // Headings: CIR DESCRIPTION AMP (P lost) | P AMP DESCRIPTION CIR.
    const heads: [string, number][] = [
      ['CIR', 60],
      ['DESCRIPTION', 90],
      ['AMP', 162],
      ['P', 192],
      ['AMP', 204],
      ['DESCRIPTION', 235],
      ['CIR', 305],
    ];
    for (const [t, x] of heads) word(t, x, 505);
    const rows: [string, string, string, string, string, string, string, string][] = [
      ['1', 'SALON', '15', '1', '1', '20', 'CUISINE', '2'],
      ['3', 'GARAGE', '20', '1', '1', '15', 'CHAMBRE', '4'],
    ];
    rows.forEach((cells, r) => {
      const y = 494 - 11 * r;
      const xs = [60, 82, 162, 181, 192, 204, 240, 305];
      cells.forEach((t, c) => {
        word(t, xs[c] ?? 0, y);
      });
    });
    const [found] = schedulesOf(b);
    expect(found?.schedule.name).toBe('C');
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps])).toEqual([
      [1, 'SALON', 15],
      [2, 'CUISINE', 20],
      [3, 'GARAGE', 20],
      [4, 'CHAMBRE', 15],
    ]);
  });
});

describe('OCR repairs of schedule cells', () => {
  it('infers the numbers of rows whose number was not read from their numbered neighbours', () => {
    expect(inferMissingNumbers([null, 3, null, 7, null], [true, true, true, true, true])).toEqual([
      1, 3, 5, 7, 9,
    ]);
    // A row without a circuit keeps no number; neighbours that disagree give none.
    expect(inferMissingNumbers([2, null, 6], [true, false, true])).toEqual([2, null, 6]);
    expect(inferMissingNumbers([1, null, 9, 11], [true, true, true, true])).toEqual([1, null, 9, 11]);
    // Too few numbers to know the step: nothing is guessed.
    expect(inferMissingNumbers([null, 4, null], [true, true, true])).toEqual([null, 4, null]);
  });

  it('maps look-alike letters back to digits in number tokens only', () => {
    expect(ocrDigits('2O')).toBe('20');
    expect(ocrDigits('l5')).toBe('15');
    expect(ocrDigits('[12')).toBe('12');
    expect(ocrDigits('S0 A')).toBe('50 A');
    expect(ocrDigits('SPACE')).toBe('SPACE');
    expect(ocrDigits('OIL')).toBe('OIL');
    // An IEC curve letter before the rating, its slashed zero read as "o" or "e".
    expect(ocrDigits('Clo')).toBe('C10');
    expect(ocrDigits('Cle')).toBe('C10');
    expect(ocrDigits('blo')).toBe('b10');
    expect(ocrDigits('CABLE')).toBe('CABLE');
  });

  it('takes a number with a zero read as "8" back when the zero fits the rows around it', () => {
    expect(inferMissingNumbers([null, 8, 9, 18], [true, true, true, true])).toEqual([7, 8, 9, 10]);
    expect(inferMissingNumbers([16, 17, 18], [true, true, true])).toEqual([16, 17, 18]);
  });

  it('snaps a rating with "0" read as "8" to the standard rating, and leaves standard ones', () => {
    expect(snapOcrRating(28)).toBe(20);
    expect(snapOcrRating(108)).toBe(100);
    expect(snapOcrRating(38)).toBe(30);
    expect(snapOcrRating(80)).toBe(80);
    expect(snapOcrRating(17)).toBe(17);
    // IEC 60898-1 MCB ratings: "B18" is a B10.
    expect(snapOcrRating(18)).toBe(10);
    expect(snapOcrRating(16)).toBe(16);
  });
});

describe('findPanelSchedules on IEC distribution boards (UK, South Africa)', () => {
  /**
   * A board as UK and South-African drawings print it: name, supply and incomer flush with the
   * left margin, a single-line diagram of the ways (a busbar and one tick per way) left of the
   * circuit table, cell rules under each row, ratings as curve + amperes ("C16") and poles as
   * device words ("SP", "TP").
   */
  function board(
    b: PageBuilder,
    x: number,
    top: number,
    title: string[],
    headings: string[],
    rows: string[][],
  ) {
    title.forEach((t, i) => {
      b.text(t, x, top - 10 * i, 6);
    });
    const headerY = top - 10 * title.length;
    const cols = [x + 100, x + 125, x + 230, x + 265, x + 300];
    headings.forEach((h, c) => {
      b.text(h, cols[c] ?? 0, headerY, 5);
    });
    b.line(x + 10, headerY - 4, x + 10, headerY - 4 - 10 * rows.length);
    rows.forEach((cells, r) => {
      const y = headerY - 10 * (r + 1);
      cells.forEach((text, c) => {
        if (text !== '') b.text(text, cols[c] ?? 0, y, 5);
      });
      b.line(x + 10, y + 2, x + 90, y + 2);
      b.line(x + 98, y - 2, x + 340, y - 2);
    });
  }

  it('reads two boards side by side, each titled left of its table, with curve ratings and SP/TP poles', () => {
    const b = new PageBuilder(1224, 792);
    board(
      b,
      40,
      700,
      ['DB A', '400/230 V 3PH+N+E 50 Hz', 'INCOMER: 63 A TP MCB, 10 kA'],
      ['CCT', 'DESCRIPTION', 'MCB', 'POLES', 'CABLE'],
      [
        ['1', 'LIGHTS GF', 'C16', 'SP', '2.5 mm²'],
        ['2', 'HEAT PUMP 3PH', 'B32', 'TP', '4 mm² 5C'],
        ['3', 'SPARE', 'C10', 'SP', '2.5 mm²'],
      ],
    );
    board(
      b,
      420,
      700,
      ['DB-2', '230 V 1PH+N+E 50 Hz', 'INCOMER: 40 A DP MCB, 6 kA'],
      ['CCT', 'DESCRIPTION', 'MCB', 'POLES', 'CABLE'],
      [
        ['1', 'GATE MOTOR', 'B10', 'SP', '2.5 mm²'],
        ['2', 'GEYSER', 'C20', 'DP', '4 mm²'],
      ],
    );
    const found = schedulesOf(b).map(({ schedule: s }) => ({
      name: s.name,
      header: [s.voltage, s.phases, s.mainA],
      circuits: s.circuits.map((c) => [c.number, c.description, c.amps, c.poles, c.conductor]),
    }));
    expect(found).toEqual([
      {
        name: 'DB A',
        header: ['400/230 V', 3, 63],
        circuits: [
          [1, 'LIGHTS GF', 16, 1, '2.5 mm²'],
          [2, 'HEAT PUMP 3PH', 32, 3, '4 mm² 5C'],
          [3, 'SPARE', 10, 1, '2.5 mm²'],
        ],
      },
      {
        name: 'DB-2',
        header: ['230 V', 1, 40],
        circuits: [
          [1, 'GATE MOTOR', 10, 1, '2.5 mm²'],
          [2, 'GEYSER', 20, 2, '4 mm²'],
        ],
      },
    ]);
  });

  it('reads ways, "RATING (A)" and "CABLE (mm²)" headings, and keeps curve and RCD columns out of the rating and poles', () => {
    const b = new PageBuilder();
    b.text('DISTRIBUTION BOARD DB-GF', 60, 560, 7);
    b.text('400/230 V 3PH, MAIN SWITCH 100 A', 60, 550, 5);
    const cols = [60, 85, 190, 230, 255, 290, 320];
    ['WAY', 'DESCRIPTION', 'RATING (A)', 'CURVE', 'RCD (mA)', 'POLES', 'CABLE (mm²)'].forEach((h, c) => {
      b.text(h, cols[c] ?? 0, 540, 5);
    });
    // Unread, the RCD's "30" would fall in the poles cell beside it and read as 3 poles.
    [
      ['1', 'Lights kitchen', '10', 'B', '30', '1P', '1.5'],
      ['2', 'Stove', '32', 'C', '30', '3P', '6'],
    ].forEach((cells, r) => {
      cells.forEach((t, c) => {
        b.text(t, cols[c] ?? 0, 530 - 10 * r, 5);
      });
    });
    const [found] = schedulesOf(b);
    expect(found?.schedule).toMatchObject({ name: 'DB-GF', voltage: '400/230 V', phases: 3, mainA: 100 });
    expect(
      found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles, c.conductor]),
    ).toEqual([
      [1, 'Lights kitchen', 10, 1, '1.5'],
      [2, 'Stove', 32, 3, '6'],
    ]);
  });
});

describe('findPanelSchedules on an RCBO board', () => {
  it('reads the rating of an RCBO cell that also gives its sensitivity and breaking capacity', () => {
    const b = new PageBuilder();
    b.text('CONSUMER UNIT CU1', 60, 560, 7);
    b.text('230 V 1PH, INCOMER 100 A', 60, 550, 5);
    const cols = [60, 85, 190, 250];
    ['WAY', 'DESCRIPTION', 'RCBO', 'POLES'].forEach((h, c) => {
      b.text(h, cols[c] ?? 0, 540, 5);
    });
    [
      ['1', 'Sockets kitchen', '30mA B32 6kA', 'SP+N'],
      ['2', 'Lights', '30 mA B6', 'SP+N'],
    ].forEach((cells, r) => {
      cells.forEach((t, c) => {
        b.text(t, cols[c] ?? 0, 530 - 10 * r, 5);
      });
    });
    const [found] = schedulesOf(b);
    expect(found?.schedule).toMatchObject({ name: 'CU1', voltage: '230 V', phases: 1, mainA: 100 });
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles])).toEqual([
      [1, 'Sockets kitchen', 32, 1],
      [2, 'Lights', 6, 1],
    ]);
  });
});

describe('parsePanelInfo on IEC board headers', () => {
  it('reads consumer units, distribution boards and the incomer rating', () => {
    expect(parsePanelInfo(['CONSUMER UNIT CU1', '230 V 1PH+N+E', 'INCOMER 100 A'])).toMatchObject({
      name: 'CU1',
      voltage: '230 V',
      phases: 1,
      mainA: 100,
    });
    expect(
      parsePanelInfo(['Distribution board: GF-2', '400/230 V 3ph', 'Incoming: 80 A TP isolator']),
    ).toMatchObject({
      name: 'GF-2',
      voltage: '400/230 V',
      phases: 3,
      mainA: 80,
    });
  });
});
