import { describe, expect, it } from 'vitest';
import { flattenPaths } from './geometry.ts';
import { dbNameIn, findPanelSchedules, parsePanelInfo } from './panel-schedule.ts';
import { PageBuilder } from './testing/page-builder.ts';
import { groupTextLines } from './text-lines.ts';

function schedulesOf(b: PageBuilder) {
  const page = b.build();
  return findPanelSchedules(groupTextLines(page.textItems, { maxGapEm: 0.5 }), flattenPaths(page.paths));
}

type SldWay = { ref?: string; breaker?: string; cable?: string; description?: string; points?: string };

const FS = 5;

/**
 * A single-line diagram as CAD offices draw an IEC board: a horizontal busbar at `busY`, one
 * drop per way (`pitch` apart from `x + pitch`) with a breaker symbol on it, and a box around the
 * header lines above the busbar (title first, larger).
 */
function diagram(
  b: PageBuilder,
  o: {
    x: number;
    busY: number;
    header: string[];
    ways: number;
    pitch?: number;
    dropLength?: number;
    box?: boolean;
  },
): number[] {
  const pitch = o.pitch ?? 28;
  const drop = o.dropLength ?? 140;
  const xs = Array.from({ length: o.ways }, (_, i) => o.x + pitch * (i + 1));
  b.line(o.x, o.busY, o.x + pitch * (o.ways + 1), o.busY, undefined, 1.5);
  for (const cx of xs) {
    b.line(cx, o.busY, cx, o.busY - drop);
    // Breaker: a small square with a diagonal.
    b.rect(cx - 2.5, o.busY - 30, 5, 8);
    b.line(cx - 2.5, o.busY - 30, cx + 2.5, o.busY - 22);
  }
  // Incomer: a drop into the busbar from the header box.
  const mid = o.x + (pitch * (o.ways + 1)) / 2;
  b.line(mid, o.busY, mid, o.busY + 30);
  const top = o.busY + 40 + 9 * o.header.length;
  o.header.forEach((h, i) => {
    b.text(h, o.x, top - 9 * i, i === 0 ? 8 : FS);
  });
  if (o.box) b.rect(o.x - 4, o.busY + 34, 150, 9 * o.header.length + 10);
  return xs;
}

/** Way labels written upwards beside each drop, bottom to top, each as its own text run. */
function rotatedLabels(b: PageBuilder, xs: readonly number[], busY: number, ways: readonly SldWay[]): void {
  ways.forEach((w, i) => {
    const cx = xs[i] ?? 0;
    let y = busY - 135;
    for (const t of [w.ref, w.description, w.cable, w.breaker]) {
      if (!t) continue;
      b.text(t, cx + 1 + FS, y, FS, 90);
      y += t.length * FS * 0.55 + 2 * FS;
    }
  });
}

const WAYS: SldWay[] = [
  { ref: 'L1', breaker: '10A', cable: '1.5mm²', description: 'LIGHTS OFFICES' },
  { ref: 'L2', breaker: '10A', cable: '1.5mm²', description: 'LIGHTS PASSAGE' },
  { ref: 'P1', breaker: '20A', cable: '2.5mm²', description: 'PLUGS OFFICE 1' },
  { ref: 'P2', breaker: '20A', cable: '2.5mm²', description: 'PLUGS KITCHEN' },
  { ref: 'G1', breaker: '30A', cable: '4mm²', description: 'GEYSER' },
  { ref: 'S1', breaker: '20A', description: 'SPARE' },
];

describe('findPanelSchedules on single-line diagrams of IEC distribution boards', () => {
  it('reads ways drawn down from a busbar with their labels written upwards, no table', () => {
    const b = new PageBuilder(1190, 842);
    const xs = diagram(b, {
      x: 100,
      busY: 500,
      header: ['DB-GF MAIN', '400V AC, 100A, 6kA, 3PH+N+E', 'MAIN SWITCH 100A'],
      ways: WAYS.length,
      box: true,
    });
    rotatedLabels(b, xs, 500, WAYS);
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({ name: 'DB-GF MAIN', voltage: '400 V', phases: 3, mainA: 100 });
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.conductor])).toEqual([
      [1, 'LIGHTS OFFICES', 10, '1.5mm²'],
      [2, 'LIGHTS PASSAGE', 10, '1.5mm²'],
      [3, 'PLUGS OFFICE 1', 20, '2.5mm²'],
      [4, 'PLUGS KITCHEN', 20, '2.5mm²'],
      [5, 'GEYSER', 30, '4mm²'],
      [6, 'SPARE', 20, undefined],
    ]);
  });

  it('reads a ruled table under the diagram whose columns align with the ways', () => {
    const b = new PageBuilder(1190, 842);
    const xs = diagram(b, {
      x: 100,
      busY: 500,
      header: ['DB-CA', '230/400V 3PH+N+E 50Hz', '63A TP ISOLATOR'],
      ways: WAYS.length,
      dropLength: 60,
    });
    const rows: [string, (w: SldWay) => string | undefined][] = [
      ['CIRCUIT No.', (w) => w.ref],
      ['MCB RATING (A)', (w) => w.breaker?.replace('A', '')],
      ['CABLE SIZE (mm²)', (w) => w.cable?.replace('mm²', '')],
      ['No. OF POINTS', () => '4'],
    ];
    const tableTop = 440;
    const rowH = 12;
    rows.forEach(([label, cell], r) => {
      const y = tableTop - rowH * (r + 1) + 3.5;
      b.text(label, 40, y, FS);
      WAYS.forEach((w, i) => {
        const t = cell(w);
        if (t) b.textCentered(t, xs[i] ?? 0, y + 0.3 * FS + 1.2, FS);
      });
    });
    // Description row, written upwards, 60 pt tall.
    const descTop = tableTop - rowH * rows.length;
    b.text('DESCRIPTION', 40, descTop - 32, FS);
    WAYS.forEach((w, i) => {
      if (w.description) b.text(w.description, (xs[i] ?? 0) + 0.3 * FS, descTop - 56, FS, 90);
    });
    // Grid: rows and one column per way, the label column 86 pt wide.
    const bottom = descTop - 60;
    for (let r = 0; r <= rows.length; r++)
      b.line(36, tableTop - rowH * r, 100 + 28 * 7 - 14, tableTop - rowH * r);
    b.line(36, bottom, 100 + 28 * 7 - 14, bottom);
    b.line(36, bottom, 36, tableTop);
    for (let k = 0; k <= WAYS.length; k++) b.line(114 + 28 * k, bottom, 114 + 28 * k, tableTop);
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({ name: 'DB-CA', voltage: '230/400 V', phases: 3, mainA: 63 });
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.conductor])).toEqual([
      [1, 'LIGHTS OFFICES', 10, '1.5'],
      [2, 'LIGHTS PASSAGE', 10, '1.5'],
      [3, 'PLUGS OFFICE 1', 20, '2.5'],
      [4, 'PLUGS KITCHEN', 20, '2.5'],
      [5, 'GEYSER', 30, '4'],
      [6, 'SPARE', 20, undefined],
    ]);
  });

  it('reads a circuit table beside the diagram, the board named above the diagram', () => {
    const b = new PageBuilder(1190, 842);
    diagram(b, {
      x: 60,
      busY: 500,
      header: ['DB-SUITE 1', '230V 1PH+N+E', 'MAIN SWITCH 40A DP'],
      ways: 4,
      box: true,
    });
    const x0 = 240;
    const headY = 520;
    const heads: [string, number][] = [
      ['CCT', x0],
      ['DESCRIPTION', x0 + 24],
      ['MCB (A)', x0 + 120],
      ['CABLE (mm²)', x0 + 150],
      ['POINTS', x0 + 190],
    ];
    for (const [h, x] of heads) b.text(h, x, headY, FS);
    const rows = [
      ['L1', 'LIGHTS SUITE', '10', '1.5', '6'],
      ['P1', 'PLUGS SUITE', '20', '2.5', '5'],
      ['P2', 'PLUGS KITCHENETTE', '20', '2.5', '3'],
      ['A1', 'AIRCON', '20', '4', '1'],
    ];
    rows.forEach((r, i) => {
      r.forEach((t, k) => {
        b.text(t, (heads[k]?.[1] ?? 0) + 1, headY - 12 * (i + 1), FS);
      });
    });
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({ name: 'DB-SUITE 1', voltage: '230 V', phases: 1, mainA: 40 });
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps])).toEqual([
      [1, 'LIGHTS SUITE', 10],
      [2, 'PLUGS SUITE', 20],
      [3, 'PLUGS KITCHENETTE', 20],
      [4, 'AIRCON', 20],
    ]);
  });
});

describe('findPanelSchedules on single-line diagrams: other ways of labelling', () => {
  it('reads ways labelled on both sides of their drops, each way on one line read as words', () => {
    const b = new PageBuilder(1190, 842);
    const xs = diagram(b, {
      x: 100,
      busY: 500,
      header: ['DB-SUITE 2', '230V 1PH+N+E', 'MAIN SWITCH 63A DP'],
      ways: 4,
      pitch: 36,
    });
    const ways: [string, string, string][] = [
      ['LIGHTS', 'L1', '10A'],
      ['PLUGS', 'P1', '20A'],
      ['PLUGS KITCHEN', 'P2', '20A'],
      ['STOVE', 'S1', '32A'],
    ];
    ways.forEach(([description, ref, breaker], i) => {
      const cx = xs[i] ?? 0;
      // The description left of the drop, the reference and rating right of it (apart as OCR
      // returns words).
      b.text(description, cx - 1, 380, FS, 90);
      b.text(ref, cx + 1 + FS, 380, FS, 90);
      b.text(breaker, cx + 1 + FS, 380 + 4 * FS, FS, 90);
    });
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({ name: 'DB-SUITE 2', voltage: '230 V', phases: 1, mainA: 63 });
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps])).toEqual([
      [1, 'LIGHTS', 10],
      [2, 'PLUGS', 20],
      [3, 'PLUGS KITCHEN', 20],
      [4, 'STOVE', 32],
    ]);
  });

  it('reads ways drawn across from an upright busbar, each labelled along its line', () => {
    const b = new PageBuilder(1190, 842);
    b.text('DB-3', 100, 560, 8);
    b.text('400V 3PH+N+E', 100, 550, FS);
    b.text('ISOLATOR 80A TP', 100, 541, FS);
    b.line(110, 330, 110, 520, undefined, 1.5);
    const ways = [
      ['L1', '10A', '1.5mm²', 'LIGHTS WORKSHOP'],
      ['L2', '10A', '1.5mm²', 'LIGHTS STORE'],
      ['P1', '20A', '2.5mm²', 'PLUGS WORKSHOP'],
      ['M1', '32A TP', '6mm²', 'COMPRESSOR'],
      ['', '20A', '', 'SPARE'],
    ];
    ways.forEach((w, i) => {
      const y = 505 - 30 * i;
      b.line(110, y + 2, 200, y + 2);
      b.rect(140, y, 8, 4);
      w.forEach((t, k) => {
        if (t) b.text(t, 210 + ([0, 20, 50, 85][k] ?? 0), y, FS);
      });
    });
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({ name: 'DB-3', voltage: '400 V', phases: 3, mainA: 80 });
    expect(
      found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles, c.conductor]),
    ).toEqual([
      [1, 'LIGHTS WORKSHOP', 10, null, '1.5mm²'],
      [2, 'LIGHTS STORE', 10, null, '1.5mm²'],
      [3, 'PLUGS WORKSHOP', 20, null, '2.5mm²'],
      [4, 'COMPRESSOR', 32, 3, '6mm²'],
      [5, 'SPARE', 20, null, undefined],
    ]);
  });

  it('reads ways labelled downwards, all facts of a way on one line', () => {
    const b = new PageBuilder(1190, 842);
    const xs = diagram(b, {
      x: 100,
      busY: 500,
      header: ['MAIN DB', '400V AC 3PH+N+E 15kA', 'MAIN SWITCH 250A'],
      ways: 3,
    });
    [
      'DB1 100A TP 35mm² DB-GF',
      'DB2 63A TP 16mm² DB-CA',
      'P1 - 20A SP - 3x2.5mm² - PLUGS GUARDHOUSE',
    ].forEach((t, i) => {
      b.text(t, (xs[i] ?? 0) - 1 - FS, 470, FS, 270);
    });
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({ name: 'MAIN DB', voltage: '400 V', phases: 3, mainA: 250 });
    expect(
      found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles, c.conductor]),
    ).toEqual([
      [1, 'DB-GF', 100, 3, '35mm²'],
      [2, 'DB-CA', 63, 3, '16mm²'],
      [3, 'PLUGS GUARDHOUSE', 20, 1, '3x2.5mm²'],
    ]);
  });

  it('reads no board from numbered notes or from a plan with rated tags', () => {
    const b = new PageBuilder(1190, 842);
    b.text('DB-4 NOTES', 100, 560, 8);
    [
      '1. ALL PLUG CIRCUITS ON 20A MCB, 2.5mm² CABLE IN 20mm CONDUIT',
      '2. ALL LIGHT CIRCUITS ON 10A MCB, 1.5mm² CABLE IN 20mm CONDUIT',
      '3. GEYSER ON 20A MCB WITH 4mm² CABLE AND ISOLATOR',
    ].forEach((t, i) => {
      b.text(t, 100, 545 - 10 * i, FS);
    });
    // Rotated tags scattered over a plan, far apart.
    b.text('20A', 300, 300, FS, 90).text('P1', 420, 180, FS, 90).text('10A', 620, 250, FS, 90);
    expect(schedulesOf(b)).toEqual([]);
  });
});

describe('findPanelSchedules on single-line diagrams: labels stacked under the drops', () => {
  it('reads short horizontal labels stacked under each drop, an earth-leakage unit left out', () => {
    const b = new PageBuilder(1190, 842);
    const xs = diagram(b, {
      x: 100,
      busY: 500,
      header: ['DB-CA', 'FED FROM DB-GF MAIN', '400V 3PH+N+E', 'MAIN SWITCH 80A TP'],
      ways: 5,
      pitch: 30,
      dropLength: 80,
    });
    // An earth-leakage unit over the ways, its label stacked left of the first one.
    b.textCentered('63A', 110, 410, FS).textCentered('30mA', 110, 403, FS);
    const ways = [
      ['L1', '10A', '1.5'],
      ['L2', '10A', '1.5'],
      ['P1', '20A', '2.5'],
      ['P2', '20A', '2.5'],
      ['', '20A', ''],
    ];
    ways.forEach((w, i) => {
      w.forEach((t, k) => {
        if (t) b.textCentered(t, xs[i] ?? 0, 410 - 8 * k, FS);
      });
    });
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({ name: 'DB-CA', voltage: '400 V', phases: 3, mainA: 80 });
    expect(found?.schedule.circuits.map((c) => [c.number, c.amps])).toEqual([
      [1, 10],
      [2, 10],
      [3, 20],
      [4, 20],
      [5, 20],
    ]);
  });

  it('reads no board from a plan whose circuit tags stand under a board label', () => {
    const b = new PageBuilder(1190, 842);
    b.text('DB-1', 100, 500, 8).text('400V 3PH', 100, 490, FS);
    b.textCentered('P1', 120, 400, FS).textCentered('20A', 120, 393, FS);
    b.textCentered('L3', 260, 430, FS).textCentered('10A', 260, 423, FS);
    b.textCentered('P4', 300, 380, FS).textCentered('20A', 300, 373, FS);
    expect(schedulesOf(b)).toEqual([]);
  });
});

describe('findPanelSchedules on single-line diagrams: mixed labels and titles', () => {
  it('reads ratings written across beside each breaker and descriptions written upwards', () => {
    const b = new PageBuilder(1190, 842);
    const xs = diagram(b, {
      x: 100,
      busY: 500,
      header: ['DB-SUITE 3 SINGLE LINE DIAGRAM', '230V 1PH+N+E', 'MAIN SWITCH 40A DP'],
      ways: 3,
    });
    (
      [
        ['10A', 'LIGHTS'],
        ['20A', 'PLUGS'],
        ['20A', 'GEYSER'],
      ] as const
    ).forEach(([breaker, description], i) => {
      const cx = xs[i] ?? 0;
      b.text(breaker, cx + 4, 472, FS);
      b.text(description, cx + 1 + FS, 380, FS, 90);
    });
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({ name: 'DB-SUITE 3', voltage: '230 V', phases: 1, mainA: 40 });
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps])).toEqual([
      [1, 'LIGHTS', 10],
      [2, 'PLUGS', 20],
      [3, 'GEYSER', 20],
    ]);
  });
});

describe('findPanelSchedules on IEC boards: framed tables, ways and names', () => {
  it('names a framed table from the title over its diagram, keeps POINTS out, one way per TP breaker', () => {
    const b = new PageBuilder(1190, 842);
    b.text('DB-GF MAIN', 40, 700, 8);
    b.text('400/230V 3PH+N+E', 40, 685, FS);
    b.text('MAIN: 160A TP ISOLATOR', 40, 670, FS);
    // The incomer's label, spaced out between the title block and the table (more than 4 em).
    b.text('160A TP ISOLATOR', 60, 630, FS);
    const heads: [string, number][] = [
      ['WAY', 200],
      ['BREAKER', 222],
      ['CABLE', 262],
      ['DESCRIPTION', 340],
      ['POINTS', 400],
    ];
    const headY = 590;
    for (const [h, x] of heads) b.text(h, x, headY, FS);
    const rows = [
      ['1', '10A SP', '', 'SPARE', ''],
      ['2', '20A SP', '4mm² 3C PVC/PVC', 'GEYSER 1', '1'],
      ['3', '40A TP', '16mm² 4C PVC/SWA', 'DB-KITCHEN', '1'],
      ['4', '20A TP', '4mm² 4C PVC/SWA', 'BOREHOLE PUMP', '1'],
      ['5', '63A TP', '16mm² 4C PVC/SWA', 'DB-PLANT', '2'],
    ];
    rows.forEach((r, i) => {
      r.forEach((t, k) => {
        if (t) b.text(t, (heads[k]?.[1] ?? 0) + 1, headY - 14 * (i + 1), FS);
      });
    });
    b.rect(195, headY - 14 * rows.length - 6, 230, 14 * rows.length + 14);
    const found = schedulesOf(b).filter((s) => s.schedule.name === 'DB-GF MAIN');
    expect(found).toHaveLength(1);
    expect(found[0]?.schedule).toMatchObject({
      voltage: '400/230 V',
      phases: 3,
      mainA: 160,
      positionCount: 5,
    });
    expect(found[0]?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles])).toEqual([
      [1, 'SPARE', 10, 1],
      [2, 'GEYSER 1', 20, 1],
      [3, 'DB-KITCHEN', 40, 3],
      [4, 'BOREHOLE PUMP', 20, 3],
      [5, 'DB-PLANT', 63, 3],
    ]);
  });

  it('reads a transposed table whose "CIRCUIT" row holds descriptions standing on its bottom rule', () => {
    const b = new PageBuilder(1190, 842);
    b.text('DB/1/02', 40, 460, 8);
    b.text('230V SP&N 50Hz', 40, 451, FS);
    b.text('MAIN: MAIN SWITCH 63A DP', 40, 442, FS);
    // Row names flush with the top of their cells: the CIRCUIT cell runs from 390 down to 320.
    b.text('CCT No', 40, 400, FS);
    b.text('CIRCUIT', 40, 384, FS);
    b.text('MCB', 40, 310, FS);
    b.text('CONDUCTOR', 40, 295, FS);
    const ways = [
      { n: '1', d: 'COOKER', mcb: 'C40 1P', cable: '6mm² T&E' },
      { n: '2', d: 'LIGHTING GROUND FLOOR', mcb: 'C10 1P', cable: '1.5mm² T&E' },
      { n: '3', d: 'SPARE', mcb: 'C20 1P', cable: '' },
      { n: '4', d: 'SPACE', mcb: '-', cable: '' },
    ];
    ways.forEach((w, i) => {
      const cx = 100 + 30 * i;
      b.textCentered(w.n, cx, 400, FS);
      b.text(w.d, cx + 0.3 * FS, 322, FS, 90);
      b.textCentered(w.mcb, cx, 310, FS);
      if (w.cable) b.text(w.cable, cx + 0.3 * FS, 268, FS, 90);
    });
    const found = schedulesOf(b).filter((s) => s.schedule.name === 'DB/1/02');
    expect(found).toHaveLength(1);
    expect(found[0]?.schedule).toMatchObject({ voltage: '230 V', phases: 1, mainA: 63, positionCount: 4 });
    // The SPACE way has no breaker: a position, not a circuit.
    expect(found[0]?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles])).toEqual([
      [1, 'COOKER', 40, 1],
      [2, 'LIGHTING GROUND FLOOR', 10, 1],
      [3, 'SPARE', 20, 1],
    ]);
  });

  it('reads main and sub board names and IEC supplies by their poles and neutral', () => {
    expect(dbNameIn('msb')).toBe('MSB');
    expect(dbNameIn('msb-1 400v ac')).toBe('MSB-1');
    expect(dbNameIn('mdb-01')).toBe('MDB-01');
    expect(dbNameIn('subdb-02')).toBe('SUBDB-02');
    expect(dbNameIn('db/1/02')).toBe('DB/1/02');
    expect(dbNameIn('db-1.1')).toBe('DB-1.1');
    expect(dbNameIn('main db-a')).toBe('MAIN DB-A');
    expect(dbNameIn('db/1/02 consulting engineers')).toBe('DB/1/02');
    expect(dbNameIn('the msbc report')).toBeNull();
    expect(parsePanelInfo(['400V TP&N 50Hz']).phases).toBe(3);
    expect(parsePanelInfo(['230V SP&N 50Hz']).phases).toBe(1);
    expect(parsePanelInfo(['3x400/230V+N+PE'])).toMatchObject({ voltage: '400/230 V', phases: 3 });
  });
});
