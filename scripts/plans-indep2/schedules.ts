import type { PageCanvas } from './page.ts';
import type { Rng } from './random.ts';
import type { Indep2Circuit, Indep2Panel } from './truth.ts';

/**
 * Panel schedules in three national habits, each with the truth it prints:
 * - `na`: North-American commercial board, odd positions left and even right, two circuits per
 *   row, A/B/C phase VA columns, 2-/3-pole breakers spanning rows, SPARE and SPACE, header
 *   PANEL / VOLTAGE / MAINS / BUS / AIC / FED FROM, footer with connected load per phase;
 * - `qc`: Québec residential list « PANNEAU A — 120/240 V, 1 PH, 3 FILS — PRINCIPAL 200 A »
 *   with CIR. / DESCRIPTION / AMP / P rows (a 2-pole breaker printed "5-7");
 * - `iec`: a distribution board drawn as a single-line diagram (busbar, one MCB per way) with
 *   its circuit table (CCT / DESCRIPTION / MCB / POLES / CABLE).
 */
export type ScheduleStyle = 'na' | 'qc' | 'iec';

export interface PanelPlan {
  readonly style: ScheduleStyle;
  readonly truth: Indep2Panel;
  /** Every position with what it holds, for drawing: the circuit starting there, a continuation, or a space. */
  readonly rows: readonly PositionRow[];
  readonly header: readonly string[];
  readonly footer: readonly string[];
}

type PositionRow =
  | { kind: 'circuit'; position: number; circuit: Indep2Circuit; va: number; printed: string }
  | { kind: 'continued'; position: number; of: number; va: number }
  | { kind: 'space'; position: number };

const NA_LOADS = [
  'RECEPT - OFFICE',
  'RECEPT - LAB BENCH',
  'LIGHTING - OPEN OFFICE',
  'LTG - CORRIDOR',
  'EXIT/EM LTG',
  'COPIER',
  'MICROWAVE',
  'REFRIGERATOR',
  'EF-1',
  'UH-2',
  'IT RACK',
  'DOOR OPERATOR',
  'SITE LTG',
  'FIRE ALARM PANEL',
];
const NA_BIG = ['RTU-1', 'RTU-2', 'WATER HEATER WH-1', 'EVSE-1', 'AHU-1', 'PANEL LP-2', 'KILN', 'ELEVATOR'];
const QC_LOADS = [
  'PRISES CUISINE',
  'PRISES SALON',
  'ÉCLAIRAGE CHAMBRES',
  'ÉCLAIRAGE SOUS-SOL',
  'LAVE-VAISSELLE',
  'MICRO-ONDES',
  'PRISES SALLE DE BAIN (DDFT)',
  'FOURNAISE',
  'PRISES EXTÉRIEURES',
  'DÉTECTEURS DE FUMÉE',
  'RÉFRIGÉRATEUR',
  'ÉCHANGEUR D’AIR',
];
const QC_BIG = ['CUISINIÈRE', 'SÉCHEUSE', 'CHAUFFE-EAU', 'PLINTHES CHAMBRES', 'BORNE VE', 'THERMOPOMPE'];
const IEC_LOADS = [
  'LIGHTS GF',
  'LIGHTS FF',
  'PLUGS KITCHEN',
  'PLUGS LOUNGE',
  'PLUGS BEDROOMS',
  'GEYSER',
  'OVEN',
  'GATE MOTOR',
  'AIRCON 1',
  'DATA CABINET',
  'EXTERNAL LIGHTS',
];
const IEC_BIG = ['STOVE 3PH', 'HEAT PUMP 3PH', 'SUB-DB 2'];

/** A panel of the given style with its truth (names unique per plan through `name`). */
export function planPanel(rng: Rng, style: ScheduleStyle, name: string): PanelPlan {
  if (style === 'na') return planNa(rng, name);
  if (style === 'qc') return planQc(rng, name);
  return planIec(rng, name);
}

function planNa(rng: Rng, name: string): PanelPlan {
  const positions = rng.pick([30, 42, 42, 42]);
  const highVoltage = rng.chance(0.3);
  const mcb = rng.chance(0.55);
  const mainA = mcb ? rng.pick([100, 125, 225, 400]) : null;
  const bus = mainA ?? rng.pick([125, 225]);
  const taken = new Set<number>();
  const rows: PositionRow[] = [];
  const loads = rng.shuffle(NA_LOADS);
  const bigs = rng.shuffle(NA_BIG);
  const circuits: Indep2Circuit[] = [];
  for (let p = 1; p <= positions; p++) {
    if (taken.has(p)) continue;
    const roll = rng.next();
    const free = (k: number) => p + 2 * k <= positions && !taken.has(p + 2 * k);
    let poles = 1;
    if (roll < 0.1 && free(1) && free(2)) poles = 3;
    else if (roll < 0.22 && free(1)) poles = 2;
    if (roll > 0.9) {
      rows.push({ kind: 'space', position: p });
      taken.add(p);
      continue;
    }
    const spare = roll > 0.8;
    const description = spare
      ? 'SPARE'
      : poles > 1
        ? (bigs.shift() ?? 'SPARE')
        : (loads.shift() ?? `RECEPT - ROOM ${100 + p}`);
    const amps = spare
      ? 20
      : poles === 1
        ? rng.pick([15, 20, 20, 20])
        : poles === 2
          ? rng.pick([30, 40, 50])
          : rng.pick([40, 60, 70]);
    const circuit: Indep2Circuit = { number: p, description, amps, poles };
    circuits.push(circuit);
    const va = spare ? 0 : rng.int(2, 18) * 100;
    rows.push({ kind: 'circuit', position: p, circuit, va, printed: String(p) });
    taken.add(p);
    for (let k = 1; k < poles; k++) {
      rows.push({ kind: 'continued', position: p + 2 * k, of: p, va });
      taken.add(p + 2 * k);
    }
  }
  rows.sort((a, b) => a.position - b.position);
  const voltageText = highVoltage
    ? rng.pick(['480Y/277V, 3Ø, 4W', '277/480 V 3PH 4W'])
    : rng.pick(['120/208V, 3Ø, 4W', '208Y/120V 3PH 4W']);
  // Rows 1-2 on phase A, 3-4 on B, 5-6 on C, then again: the load of each position adds to its phase.
  const phaseLoad: [number, number, number] = [0, 0, 0];
  for (const r of rows) {
    if (r.kind === 'space') continue;
    const phase = Math.floor((r.position - 1) / 2) % 3;
    phaseLoad[phase as 0 | 1 | 2] += r.va;
  }
  return {
    style: 'na',
    truth: {
      name,
      voltage: highVoltage ? '277/480 V' : '120/208 V',
      phases: 3,
      mainA,
      positions,
      circuits,
    },
    rows,
    header: [
      `PANEL: ${name}`,
      `VOLTAGE: ${voltageText}`,
      mcb ? `MAINS: ${mainA} A MCB` : 'MAINS: MLO',
      `BUS: ${bus} A`,
      `AIC: ${rng.pick(['10,000', '22,000', '42,000'])}`,
      `MOUNTING: ${rng.pick(['SURFACE', 'FLUSH'])}`,
      `FED FROM: ${rng.pick(['MDP', 'MSB-1', 'SWBD'])}`,
    ],
    footer: [
      `CONNECTED LOAD (VA):  A ${phaseLoad[0]}   B ${phaseLoad[1]}   C ${phaseLoad[2]}`,
      `TOTAL: ${phaseLoad[0] + phaseLoad[1] + phaseLoad[2]} VA`,
    ],
  };
}

function planQc(rng: Rng, name: string): PanelPlan {
  const positions = rng.pick([24, 30, 40]);
  const mainA = rng.pick([100, 200, 200]);
  const loads = rng.shuffle(QC_LOADS);
  const bigs = rng.shuffle(QC_BIG);
  const rows: PositionRow[] = [];
  const circuits: Indep2Circuit[] = [];
  const taken = new Set<number>();
  for (let p = 1; p <= positions; p++) {
    if (taken.has(p)) continue;
    const roll = rng.next();
    if (roll > 0.88) {
      rows.push({ kind: 'space', position: p });
      taken.add(p);
      continue;
    }
    const bipolar = roll < 0.25 && p + 2 <= positions && !taken.has(p + 2) && bigs.length > 0;
    const spare = !bipolar && roll > 0.8;
    const description = spare
      ? 'RÉSERVE'
      : bipolar
        ? (bigs.shift() as string)
        : (loads.shift() ?? `PRISES CHAMBRE ${p}`);
    const amps = spare ? 15 : bipolar ? rng.pick([20, 30, 40]) : rng.pick([15, 15, 20]);
    const circuit: Indep2Circuit = { number: p, description, amps, poles: bipolar ? 2 : 1 };
    circuits.push(circuit);
    rows.push({
      kind: 'circuit',
      position: p,
      circuit,
      va: 0,
      printed: bipolar ? `${p}-${p + 2}` : String(p),
    });
    taken.add(p);
    if (bipolar) {
      rows.push({ kind: 'continued', position: p + 2, of: p, va: 0 });
      taken.add(p + 2);
    }
  }
  rows.sort((a, b) => a.position - b.position);
  return {
    style: 'qc',
    truth: { name, voltage: '120/240 V', phases: 1, mainA, positions, circuits },
    rows,
    header: [
      `PANNEAU ${name} — 120/240 V, 1 PH, 3 FILS — PRINCIPAL ${mainA} A`,
      `${positions} CIRCUITS, ENCASTRÉ`,
    ],
    footer: ['ESPACE = aucun disjoncteur; RÉSERVE = disjoncteur installé'],
  };
}

function planIec(rng: Rng, name: string): PanelPlan {
  const three = rng.chance(0.6);
  const ways = rng.int(8, 14);
  const loads = rng.shuffle(IEC_LOADS);
  const bigs = rng.shuffle(IEC_BIG);
  const mainA = rng.pick([40, 63, 80]);
  const rows: PositionRow[] = [];
  const circuits: Indep2Circuit[] = [];
  for (let way = 1; way <= ways; way++) {
    const tp = three && rng.chance(0.15) && bigs.length > 0;
    const spare = !tp && rng.chance(0.12);
    const description = spare ? 'SPARE' : tp ? (bigs.shift() as string) : (loads.shift() ?? `PLUGS ${way}`);
    const amps = tp ? rng.pick([20, 32]) : spare ? 16 : rng.pick([10, 16, 20]);
    const circuit: Indep2Circuit = { number: way, description, amps, poles: tp ? 3 : 1 };
    circuits.push(circuit);
    const curve = rng.pick(['B', 'C']);
    rows.push({ kind: 'circuit', position: way, circuit, va: 0, printed: `${curve}${amps}` });
  }
  return {
    style: 'iec',
    truth: {
      name,
      voltage: three ? '400/230 V' : '230 V',
      phases: three ? 3 : 1,
      mainA,
      positions: ways,
      circuits,
    },
    rows,
    header: [
      `${name}`,
      three ? '400/230 V 3PH+N+E 50 Hz' : '230 V 1PH+N+E 50 Hz',
      `INCOMER: ${mainA} A ${three ? 'TP' : 'DP'} MCB, ${rng.pick(['6 kA', '10 kA'])}`,
    ],
    footer: ['ALL FINAL CIRCUITS 30 mA RCD PROTECTED'],
  };
}

/** Size a schedule takes when drawn, in points (for laying several out on one sheet). */
export function scheduleSize(plan: PanelPlan, size: number): { w: number; h: number } {
  const row = size * 1.9;
  if (plan.style === 'na') return { w: size * 94, h: row * (plan.truth.positions / 2 + 6) + row * 2 };
  if (plan.style === 'qc') return { w: size * 50, h: row * (plan.rows.length + 4) };
  return { w: size * 78, h: Math.max(row * (plan.rows.length + 4), size * 30) };
}

/** Draws a schedule with its top-left corner at (x, top). `rows` limits the positions shown. */
export function drawSchedule(
  c: PageCanvas,
  plan: PanelPlan,
  x: number,
  top: number,
  size: number,
  only?: (position: number) => boolean,
  note?: string,
): void {
  const rowH = size * 1.9;
  const thin = { stroke: 0, width: 0.4 };
  const shown = plan.rows.filter((r) => only?.(r.position) ?? true);
  let y = top;
  for (const line of plan.header) {
    y -= rowH;
    c.text(line, x, y + size * 0.45, line === plan.header[0] ? size * 1.25 : size);
  }
  if (note) {
    y -= rowH;
    c.text(note, x, y + size * 0.45, size);
  }
  if (plan.style === 'na') {
    // CKT | DESCRIPTION | BKR | P | A | B | C | P | BKR | DESCRIPTION | CKT; each phase column
    // holds the left circuit's VA in its first half and the right circuit's in its second.
    const w = size * 94;
    const cols = [0, 4, 26, 31, 35, 43, 51, 59, 63, 68, 90, 94].map((k) => x + k * size);
    const heads = ['CKT', 'DESCRIPTION', 'BKR', 'P', 'A', 'B', 'C', 'P', 'BKR', 'DESCRIPTION', 'CKT'];
    y -= rowH;
    c.ops.polyline(
      [
        [x, y],
        [x + w, y],
        [x + w, y + rowH],
        [x, y + rowH],
      ],
      { ...thin, fill: 0.85 },
      true,
    );
    for (const [i, h] of heads.entries()) c.text(h, (cols[i] ?? x) + size * 0.3, y + size * 0.5, size * 0.85);
    const byPos = new Map(shown.map((r) => [r.position, r] as const));
    const first = Math.min(...shown.map((r) => r.position));
    const last = Math.max(...shown.map((r) => r.position));
    for (let odd = first % 2 === 1 ? first : first - 1; odd <= last; odd += 2) {
      y -= rowH;
      c.ops.polyline(
        [
          [x, y],
          [x + w, y],
        ],
        thin,
      );
      const phaseCol = 4 + (Math.floor((odd - 1) / 2) % 3);
      const side = (r: PositionRow | undefined, left: boolean, pos: number) => {
        const colCkt = left ? 0 : 10;
        const colDesc = left ? 1 : 9;
        const colBkr = left ? 2 : 8;
        const colP = left ? 3 : 7;
        c.text(String(pos), (cols[colCkt] ?? x) + size * 0.3, y + size * 0.5, size * 0.85);
        if (!r || r.kind === 'space') {
          c.text('SPACE', (cols[colDesc] ?? x) + size * 0.3, y + size * 0.5, size * 0.85);
          return;
        }
        if (r.kind === 'continued') {
          c.ops.polyline(
            [
              [(cols[colBkr] ?? x) + size, y + rowH * 0.8],
              [(cols[colBkr] ?? x) + size, y + rowH * 0.2],
            ],
            thin,
          );
        } else {
          c.text(r.circuit.description, (cols[colDesc] ?? x) + size * 0.3, y + size * 0.5, size * 0.85);
          c.text(String(r.circuit.amps), (cols[colBkr] ?? x) + size * 0.3, y + size * 0.5, size * 0.85);
          c.text(String(r.circuit.poles), (cols[colP] ?? x) + size * 0.3, y + size * 0.5, size * 0.85);
        }
        if (r.va > 0)
          c.text(
            String(r.va),
            (cols[phaseCol] ?? x) + size * 0.3 + (left ? 0 : size * 4),
            y + size * 0.5,
            size * 0.7,
          );
      };
      side(byPos.get(odd), true, odd);
      if (odd + 1 <= plan.truth.positions) side(byPos.get(odd + 1), false, odd + 1);
    }
    for (const cx of cols)
      c.ops.polyline(
        [
          [cx, y],
          [cx, top - rowH * (plan.header.length + (note ? 1 : 0))],
        ],
        thin,
      );
    c.ops.polyline(
      [
        [x, y],
        [x + w, y],
      ],
      thin,
    );
    for (const line of plan.footer) {
      y -= rowH;
      c.text(line, x, y + size * 0.45, size * 0.85);
    }
    return;
  }
  if (plan.style === 'qc') {
    const w = size * 50;
    const cols = [0, 6, 38, 44, 50].map((k) => x + k * size);
    y -= rowH;
    c.ops.polyline(
      [
        [x, y],
        [x + w, y],
        [x + w, y + rowH],
        [x, y + rowH],
      ],
      thin,
      true,
    );
    for (const [i, h] of ['CIR.', 'DESCRIPTION', 'AMP', 'P'].entries())
      c.text(h, (cols[i] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
    for (const r of shown) {
      if (r.kind === 'continued') continue;
      y -= rowH;
      c.ops.polyline(
        [
          [x, y],
          [x + w, y],
        ],
        thin,
      );
      if (r.kind === 'space') {
        c.text(String(r.position), (cols[0] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
        c.text('ESPACE', (cols[1] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
        continue;
      }
      c.text(r.printed, (cols[0] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
      c.text(r.circuit.description, (cols[1] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
      c.text(String(r.circuit.amps), (cols[2] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
      c.text(String(r.circuit.poles), (cols[3] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
    }
    const headerRows = plan.header.length + (note ? 1 : 0);
    for (const cx of cols)
      c.ops.polyline(
        [
          [cx, y],
          [cx, top - rowH * headerRows],
        ],
        thin,
      );
    for (const line of plan.footer) {
      y -= rowH;
      c.text(line, x, y + size * 0.45, size * 0.8);
    }
    return;
  }
  // IEC distribution board: busbar on the left, one way per row, table on the right.
  const busX = x + size * 3;
  const tableX = x + size * 20;
  const cols = [0, 5, 30, 37, 44, 58].map((k) => tableX + k * size);
  y -= rowH;
  for (const [i, h] of ['CCT', 'DESCRIPTION', 'MCB', 'POLES', 'CABLE'].entries())
    c.text(h, (cols[i] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
  c.ops.polyline(
    [
      [tableX, y],
      [cols[5] ?? x, y],
    ],
    thin,
  );
  const busTop = y;
  for (const r of shown) {
    if (r.kind !== 'circuit') continue;
    y -= rowH;
    const mid = y + rowH / 2;
    c.ops.polyline(
      [
        [busX, mid],
        [busX + size * 4, mid],
      ],
      thin,
    );
    // MCB: a square with a diagonal, then the outgoing way.
    c.ops.polyline(
      [
        [busX + size * 4, mid - size * 0.6],
        [busX + size * 5.2, mid - size * 0.6],
        [busX + size * 5.2, mid + size * 0.6],
        [busX + size * 4, mid + size * 0.6],
      ],
      thin,
      true,
    );
    c.ops.polyline(
      [
        [busX + size * 4, mid - size * 0.6],
        [busX + size * 5.2, mid + size * 0.6],
      ],
      thin,
    );
    c.ops.polyline(
      [
        [busX + size * 5.2, mid],
        [tableX - size, mid],
      ],
      thin,
    );
    if ((r.circuit.poles ?? 1) === 3) {
      c.ops.polyline(
        [
          [busX + size * 6, mid - size * 0.5],
          [busX + size * 6.6, mid + size * 0.5],
        ],
        thin,
      );
      c.ops.polyline(
        [
          [busX + size * 6.6, mid - size * 0.5],
          [busX + size * 7.2, mid + size * 0.5],
        ],
        thin,
      );
      c.ops.polyline(
        [
          [busX + size * 7.2, mid - size * 0.5],
          [busX + size * 7.8, mid + size * 0.5],
        ],
        thin,
      );
    }
    c.text(String(r.circuit.number), (cols[0] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
    c.text(r.circuit.description, (cols[1] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
    c.text(r.printed, (cols[2] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
    c.text(r.circuit.poles === 3 ? 'TP' : 'SP', (cols[3] ?? x) + size * 0.3, y + size * 0.5, size * 0.9);
    c.text(
      r.circuit.poles === 3 ? '4 mm² 5C' : r.circuit.amps && r.circuit.amps > 16 ? '4 mm²' : '2.5 mm²',
      (cols[4] ?? x) + size * 0.3,
      y + size * 0.5,
      size * 0.9,
    );
    c.ops.polyline(
      [
        [tableX, y],
        [cols[5] ?? x, y],
      ],
      thin,
    );
  }
  c.ops.polyline(
    [
      [busX, busTop],
      [busX, y],
    ],
    { stroke: 0, width: 2 },
  );
  for (const line of plan.footer) {
    y -= rowH;
    c.text(line, x, y + size * 0.45, size * 0.8);
  }
}
