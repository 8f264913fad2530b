import { describe, expect, it } from 'vitest';
import { flattenPaths } from './geometry.ts';
import { findPanelSchedules } from './panel-schedule.ts';
import { PageBuilder } from './testing/page-builder.ts';
import { groupTextLines } from './text-lines.ts';
import { fixOcrDigits, parseBreaker, roleOfLabel } from './transposed-panel-schedule.ts';

function schedulesOf(b: PageBuilder) {
  const page = b.build();
  return findPanelSchedules(groupTextLines(page.textItems, { maxGapEm: 0.5 }), flattenPaths(page.paths));
}

type Way = { number?: string; description?: string; breaker?: string; cable?: string };

/**
 * A distribution board as an SLD prints it: the header, then the table with its row names at
 * the left and one column per way (30 pt apart); descriptions written upwards.
 */
function board(
  b: PageBuilder,
  o: { x: number; top: number; header: string[]; labels: (string | null)[]; ways: Way[] },
): void {
  const fs = 5;
  o.header.forEach((h, i) => {
    b.text(h, o.x, o.top + 60 - 9 * i, i === 0 ? 8 : fs);
  });
  // Rows: number, description (tall), breaker, cable.
  const rowY = [o.top, o.top - 30, o.top - 60, o.top - 72];
  o.labels.forEach((label, r) => {
    if (label) b.text(label, o.x, rowY[r] ?? 0, fs);
  });
  o.ways.forEach((w, i) => {
    const cx = o.x + 60 + 30 * i;
    const cells = [w.number, undefined, w.breaker, w.cable];
    cells.forEach((t, r) => {
      if (t) b.textCentered(t, cx, (rowY[r] ?? 0) + 0.3 * fs, fs);
    });
    if (w.description) {
      const len = w.description.length * fs * 0.55;
      b.text(w.description, cx + 0.3 * fs, (rowY[1] ?? 0) - len / 2 + 1.5, fs, 90);
    }
  });
}

const LABELS = ['CIRCUIT NO', 'DESCRIPTION', 'BREAKER', 'CABLE SIZE'];

describe('findPanelSchedules on transposed (IEC) distribution boards', () => {
  it('reads one column per way with the board header above', () => {
    const b = new PageBuilder();
    board(b, {
      x: 40,
      top: 300,
      header: ['DB-GF MAIN', '400V AC 3PH+N+E', 'MAIN SWITCH 100A  6kA', '6 WAYS'],
      labels: LABELS,
      ways: [
        { number: '1', description: 'LIGHTS OFFICE', breaker: '10A', cable: '1.5mm²' },
        { number: '2', description: 'PLUGS OFFICE', breaker: 'C20', cable: '2.5mm²' },
        { number: '3', description: 'GEYSER', breaker: 'MCB 20A', cable: '4mm²' },
        { number: '4', description: 'AIRCON', breaker: '3P 32A', cable: '6mm²' },
        { number: '5', description: 'SPARE', breaker: '20A' },
        { number: '6' },
      ],
    });
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({
      name: 'DB-GF MAIN',
      voltage: '400 V',
      phases: 3,
      mainA: 100,
      wires: 4,
      aic: 6000,
      positionCount: 6,
    });
    expect(
      found?.schedule.circuits.map((c) => [c.number, c.description, c.amps, c.poles, c.conductor]),
    ).toEqual([
      [1, 'LIGHTS OFFICE', 10, null, '1.5mm²'],
      [2, 'PLUGS OFFICE', 20, null, '2.5mm²'],
      [3, 'GEYSER', 20, null, '4mm²'],
      [4, 'AIRCON', 32, 3, '6mm²'],
      [5, 'SPARE', 20, null, undefined],
    ]);
  });

  it('reads two boards side by side, each with its own header and ways', () => {
    const b = new PageBuilder();
    const ways = (n: number, amps: string) =>
      Array.from({ length: n }, (_, i) => ({
        number: `${i + 1}`,
        description: `CCT ${i + 1}`,
        breaker: amps,
      }));
    board(b, {
      x: 40,
      top: 300,
      header: ['DB-1', '230V 1PH+N+E', 'Q1 63A'],
      labels: LABELS,
      ways: ways(4, '16A'),
    });
    board(b, {
      x: 260,
      top: 300,
      header: ['DB-2', '400V 3PH+N+E', 'Q1 80A'],
      labels: LABELS,
      ways: ways(5, '20A'),
    });
    const found = schedulesOf(b).map((s) => s.schedule);
    expect(found.map((s) => [s.name, s.voltage, s.phases, s.mainA, s.circuits.length])).toEqual([
      ['DB-1', '230 V', 1, 63, 4],
      ['DB-2', '400 V', 3, 80, 5],
    ]);
    expect(found[1]?.circuits.every((c) => c.amps === 20)).toBe(true);
  });

  it('reads an OCR-noisy board: misread labels and digits, one number missing, L1/L2/L3 as phases', () => {
    const b = new PageBuilder();
    board(b, {
      x: 40,
      top: 300,
      header: ['MAIN DB', '4OOV AC 3PH+N+E', 'lOOA', '15kA'],
      labels: ['CIRCUlT NO', 'DESCRlPTION', null, 'CABLE SlZE'],
      ways: [
        { number: 'L1', description: 'LIGHTS', breaker: '2O A', cable: '2.5mm2' },
        { number: 'L2', description: 'PLUGS', breaker: 'C2O', cable: '2.5mm2' },
        { description: 'PUMP', breaker: 'l6A', cable: '2.5mm2' },
        { number: 'L1', description: 'GATE', breaker: '10A', cable: '1.5mm2' },
      ],
    });
    const [found] = schedulesOf(b);
    expect(found?.schedule).toMatchObject({ name: 'MAIN DB', voltage: '400 V', phases: 3, mainA: 100 });
    // The breaker row's name was not read: the ratings are not assigned to a row, the rest is.
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.phase])).toEqual([
      [1, 'LIGHTS', 'A'],
      [2, 'PLUGS', 'B'],
      [3, 'PUMP', undefined],
      [4, 'GATE', 'A'],
    ]);
  });

  it('reads OCR words one by one: split row names, "3P" "32A" apart, "204" for 20A, an empty way', () => {
    const b = new PageBuilder();
    b.text('DB-GF', 40, 360, 8).text('MAIN', 70, 360, 8);
    b.text('400V', 40, 350, 5)
      .text('3PH+N+E', 56, 350, 5)
      .text('MAIN', 40, 342, 5)
      .text('SWITCH', 55, 342, 5);
    b.text('80A', 76, 342, 5);
    b.text('CIRCUIT', 40, 260, 5).text('DESCRIPTION', 62, 260, 5);
    b.text('MCB', 40, 230, 5).text('RATING', 52, 230, 5);
    b.text('CABLE', 40, 218, 5);
    // Ways 30 pt apart from x = 130; the third way is empty (nothing printed).
    const cells: [number, string[], string][] = [
      [0, ['204'], '2.5mm?'],
      [1, ['3P', '32A'], '6mm?'],
      [3, ['l6A'], '2.5mm?'],
      [4, ['10A'], '1.5mm?'],
    ];
    for (const [k, breaker, cable] of cells) {
      const x = 122 + 30 * k;
      breaker.forEach((t, i) => {
        b.text(t, x + 9 * i, 230, 5);
      });
      b.text(cable, x, 218, 5);
    }
    const [found, ...rest] = schedulesOf(b);
    expect(rest).toEqual([]);
    expect(found?.schedule).toMatchObject({ name: 'DB-GF MAIN', voltage: '400 V', phases: 3, mainA: 80 });
    expect(found?.schedule.circuits.map((c) => [c.number, c.amps, c.poles])).toEqual([
      [1, 20, null],
      [2, 32, 3],
      [4, 16, null],
      [5, 10, null],
    ]);
  });

  it('counts the empty ways of a ruled table, and no stroke or drop as a rule', () => {
    const b = new PageBuilder();
    board(b, {
      x: 40,
      top: 300,
      header: ['DB-2', '230V AC 1PH+N+E', 'ISOLATOR 63A'],
      labels: LABELS,
      ways: [
        { description: 'LIGHTS', breaker: '10A' },
        { description: 'PLUGS', breaker: '20A' },
        { description: 'GEYSER', breaker: '20A' },
      ],
    });
    // Table rules: the row names' column, then five ways 30 pt wide (centres at 100, 130 … 220);
    // drops from the busbar end at the table's top edge.
    const [top, bottom] = [306, 220];
    for (let k = 0; k <= 5; k++) b.line(85 + 30 * k, bottom, 85 + 30 * k, top);
    for (let k = 0; k < 3; k++) b.line(100 + 30 * k, top, 100 + 30 * k, top + 30);
    const [found] = schedulesOf(b);
    expect(found?.schedule.positionCount).toBe(5);
    expect(found?.schedule.circuits.map((c) => [c.number, c.description, c.amps])).toEqual([
      [1, 'LIGHTS', 10],
      [2, 'PLUGS', 20],
      [3, 'GEYSER', 20],
    ]);
  });

  it('does not read a legend-like table (row names, words, no rating or way number) as a board', () => {
    const b = new PageBuilder();
    board(b, {
      x: 40,
      top: 300,
      header: ['PANNEAU DE DISTRIBUTION P1'],
      labels: ['CIRCUIT', 'DESCRIPTION', null, null],
      ways: [
        { number: 'SV', description: 'DETECTEUR DE MOUVEMENT' },
        { description: 'GRADABLE' },
        { number: 'PO.', description: 'MONTAGE PLAFOND' },
      ],
    });
    expect(schedulesOf(b)).toEqual([]);
  });

  it('does not read a column of unrelated notes or a single way as a board', () => {
    const b = new PageBuilder();
    b.text('DB-3', 40, 360, 8);
    b.text('CIRCUIT NO', 40, 300, 5);
    b.text('BREAKER', 40, 240, 5);
    b.textCentered('20A', 100, 241.5, 5);
    b.text('GENERAL NOTES: ALL CABLES TO BE SIZED BY THE CONTRACTOR', 40, 200, 5);
    expect(schedulesOf(b)).toEqual([]);
  });
});

describe('row names and cells as OCR reads them', () => {
  it.each([
    ['CIRCUIT NO', 'number'],
    ['CCT', 'number'],
    ['CIRCUlT NO.', 'number'],
    ['DESCRIPTION', 'description'],
    ['LOAD', 'description'],
    ['DESCRlPTlON', 'description'],
    ['MCB RATING', 'amps'],
    ['MCB RATING (A)', 'amps'],
    ['CABLE SIZE (mm²)', 'conductor'],
    ['No. OF POINTS', 'other'],
    ['WAY', 'number'],
    ['BREAKER', 'amps'],
    ['CABLE SIZE', 'conductor'],
    ['CABLE SlZE', 'conductor'],
    ['RCD', 'rcd'],
    ['PHASE', 'phase'],
    ['GENERAL NOTES', null],
    ['CB:', 'amps'],
    ['CX', null],
  ])('%s → %s', (text, role) => {
    expect(roleOfLabel(text)).toBe(role);
  });

  it.each([
    ['20A', 20, null],
    ['C20', 20, null],
    ['MCB 20A', 20, null],
    ['2O A', 20, null],
    ['C2O', 20, null],
    ['l6A', 16, null],
    ['3P 32A', 32, 3],
    ['TP 63A', 63, 3],
    ['20A DP', 20, 2],
    ['30mA', null, null],
    ['6kA', null, null],
    ['SPARE', null, null],
  ])('breaker %s → %s A, %s poles', (text, amps, poles) => {
    expect(parseBreaker(text)).toEqual({ amps, poles });
  });

  it('turns letters into digits only beside digits', () => {
    expect(fixOcrDigits('2O A LIGHTS lOOA')).toBe('20 A LIGHTS 100A');
  });
});
