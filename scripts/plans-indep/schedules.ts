import type { Canvas } from './canvas.ts';
import type { Random } from './random.ts';

/**
 * Panel schedules as CAD software prints them: positions numbered odd on the left and even on
 * the right, two circuits per row, multi-pole breakers spanning rows on the same side, SPARE
 * (a breaker, no load) and SPACE (no breaker). Two layouts: Québec ("PANNEAU A — 120/240 V,
 * 1 PH, 3 FILS — PRINCIPAL 200 A", CIR./DESCRIPTION/AMP/P) and North-American commercial
 * (PANEL / VOLTAGE / MAINS / AIC / FED FROM header, phase A/B/C load columns, footer totals).
 */
export interface Breaker {
  /** Lowest position it occupies; a 2- or 3-pole breaker also takes position + 2 (and + 4). */
  readonly position: number;
  readonly poles: 1 | 2 | 3;
  /** Trip rating; null for a SPACE (no breaker). */
  readonly amps: number | null;
  readonly description: string;
  readonly loadVa: number;
}

export interface PanelData {
  readonly layout: 'qc' | 'na';
  readonly name: string;
  /** As the truth states it: "120/240 V". */
  readonly voltage: string;
  readonly phases: 1 | 3;
  /** Main breaker rating; null for a main-lugs-only (MLO) panel. */
  readonly mainA: number | null;
  readonly busA: number;
  readonly positions: number;
  readonly breakers: Breaker[];
  readonly fedFrom: string;
}

const QC_LOADS: [string, number, 1 | 2, number][] = [
  ['PRISES CUISINE', 20, 1, 1500],
  ['PRISES COMPTOIR', 20, 1, 1500],
  ['CUISINIÈRE', 40, 2, 9600],
  ['SÉCHEUSE', 30, 2, 5000],
  ['LAVEUSE', 20, 1, 1200],
  ['CHAUFFE-EAU', 25, 2, 4500],
  ['LAVE-VAISSELLE', 15, 1, 1200],
  ['RÉFRIGÉRATEUR', 15, 1, 800],
  ['ÉCLAIRAGE SALON', 15, 1, 600],
  ['ÉCLAIRAGE CHAMBRES', 15, 1, 500],
  ['PRISES CHAMBRE 2', 15, 1, 1000],
  ['PRISES SALLE DE BAIN', 20, 1, 1500],
  ['PLINTHES SALON', 20, 2, 3000],
  ['PLINTHES CHAMBRES', 15, 2, 2500],
  ['BORNE VE', 40, 2, 7200],
  ['VENTILATEURS', 15, 1, 300],
  ['AVERTISSEURS DE FUMÉE', 15, 1, 100],
  ['PRISES EXTÉRIEURES', 15, 1, 800],
  ['MICRO-ONDES', 20, 1, 1500],
  ['THERMOPOMPE', 30, 2, 4800],
];

const NA_LOADS: [string, number, 1 | 2 | 3, number][] = [
  ['RECEPT. OPEN OFFICE', 20, 1, 1440],
  ['RECEPT. OFFICES 104-106', 20, 1, 1260],
  ['RECEPT. CONFERENCE', 20, 1, 900],
  ['LIGHTING OPEN OFFICE', 20, 1, 1100],
  ['LIGHTING CORRIDOR', 20, 1, 640],
  ['EXIT/EM LIGHTING', 20, 1, 200],
  ['COPIER', 20, 1, 1500],
  ['REFRIGERATOR', 20, 1, 800],
  ['MICROWAVE', 20, 1, 1500],
  ['WATER HEATER', 30, 2, 4500],
  ['RTU-1', 40, 3, 9800],
  ['EF-1', 15, 1, 400],
  ['UNIT HEATER UH-1', 30, 2, 3000],
  ['EV CHARGER', 40, 2, 7200],
  ['DATA RACK', 20, 1, 1200],
  ['SIGN', 20, 1, 600],
  ['GFCI RECEPT. BREAK RM', 20, 1, 1080],
  ['HAND DRYER', 20, 1, 1800],
  ['ROOF RECEPT.', 20, 1, 360],
  ['AHU-2', 30, 3, 7400],
];

export function makePanel(
  rnd: Random,
  layout: 'qc' | 'na',
  name: string,
  fr: boolean,
  residential: boolean,
): PanelData {
  const three = residential ? rnd.chance(0.15) : layout === 'na' || rnd.chance(0.25);
  const positions = !residential ? rnd.pick([30, 42, 42]) : three ? 30 : rnd.pick([24, 30, 40]);
  const voltage = three
    ? layout === 'na' && !residential
      ? rnd.pick(['120/208 V', '120/208 V', '277/480 V'])
      : '120/208 V'
    : '120/240 V';
  const poolSource = residential && fr ? QC_LOADS : NA_LOADS;
  const pool = rnd.shuffle(poolSource);
  const occupied = new Set<number>();
  const breakers: Breaker[] = [];
  const fits = (p: number, poles: number) => {
    for (let k = 0; k < poles; k++) if (p + 2 * k > positions || occupied.has(p + 2 * k)) return false;
    return true;
  };
  const fillTo = Math.floor(positions * rnd.float(0.6, 0.8));
  let cursor = 1;
  for (const [description, amps, polesRaw, va] of pool) {
    const poles = !three && polesRaw === 3 ? 2 : polesRaw;
    while (cursor <= positions && occupied.has(cursor)) cursor++;
    if (cursor > fillTo) break;
    let p = cursor;
    while (p <= positions && !fits(p, poles)) p++;
    if (p > positions) continue;
    for (let k = 0; k < poles; k++) occupied.add(p + 2 * k);
    breakers.push({ position: p, poles, amps, description, loadVa: va });
  }
  for (let p = 1; p <= positions; p++) {
    if (occupied.has(p)) continue;
    const spare = rnd.chance(0.5);
    breakers.push({
      position: p,
      poles: 1,
      amps: spare ? 20 : null,
      description: spare ? (fr ? 'RÉSERVE' : 'SPARE') : fr ? 'ESPACE' : 'SPACE',
      loadVa: 0,
    });
  }
  breakers.sort((a, b) => a.position - b.position);
  const mlo = layout === 'na' && !residential && rnd.chance(0.35);
  const busA = layout === 'na' ? rnd.pick([100, 225, 225, 400]) : rnd.pick([100, 200, 200]);
  return {
    layout,
    name,
    voltage,
    phases: three ? 3 : 1,
    mainA: mlo ? null : busA,
    busA,
    positions,
    breakers,
    fedFrom: layout === 'na' ? rnd.pick(['MDP', 'SWBD-1', 'DP-1']) : fr ? 'COMPTEUR HQ' : 'UTILITY METER',
  };
}

/**
 * The truth entry of a panel. Its name is the designation without the word for "panel"
 * ("PANNEAU A" → "A", "PANEL: LP-1" → "LP-1"). One circuit per breaker, numbered by the lowest
 * position it takes; a SPARE is a breaker (a circuit), a SPACE holds none and is not a circuit.
 */
export function panelTruth(p: PanelData) {
  return {
    name: p.name.replace(/^(PANNEAU|PANEL)\s+/, ''),
    voltage: p.voltage,
    phases: p.phases,
    mainA: p.mainA,
    positions: p.positions,
    circuits: p.breakers
      .filter((b) => b.amps !== null)
      .map((b) => ({ number: b.position, description: b.description, amps: b.amps, poles: b.poles })),
  };
}

const fmtVa = (v: number, fr: boolean) =>
  fr ? String(v).replace(/\B(?=(\d{3})+(?!\d))/g, ' ') : v.toLocaleString('en-US');

/** Height the schedule will take (for laying out several on a sheet). */
export function panelHeight(p: PanelData, rowH: number): number {
  return (p.positions / 2) * rowH + (p.layout === 'na' ? 7 : 3) * rowH + 3 * rowH;
}

/**
 * Draws the schedule with its top-left corner at (x, top). Returns the height used.
 */
export function drawPanel(
  c: Canvas,
  p: PanelData,
  x: number,
  top: number,
  width: number,
  rowH: number,
  fr: boolean,
): number {
  const size = rowH * 0.58;
  let y = top;
  c.setStroke(0.5);
  const phaseSym = p.phases === 3 ? '3Ø' : '1Ø';
  const [lo, hi] = p.voltage.replace(' V', '').split('/');
  if (p.layout === 'qc') {
    const head = fr
      ? `PANNEAU ${p.name.replace(/^PANNEAU /, '')} — ${p.voltage}, ${p.phases} PH, ${p.phases === 3 ? 4 : 3} FILS — ${p.mainA ? `PRINCIPAL ${p.mainA} A` : `BARRES ${p.busA} A`}`
      : `PANEL ${p.name} — ${p.voltage}, ${p.phases} PH, ${p.phases === 3 ? 4 : 3} W — MAIN ${p.mainA ?? p.busA} A`;
    c.text(head, x + width / 2, y - rowH * 1.2, { size: size * 1.3, align: 'center', bold: true });
    y -= rowH * 2;
  } else {
    c.text(`PANEL: ${p.name}`, x, y - rowH, { size: size * 1.5, bold: true });
    const volts = p.voltage === '277/480 V' ? '480Y/277V' : `${lo}/${hi}V`;
    const lines = [
      [
        `VOLTAGE: ${volts} ${phaseSym} 4W`,
        `MAINS: ${p.mainA ? `${p.mainA}A MCB` : 'MLO'}`,
        `BUS: ${p.busA}A`,
      ],
      [`AIC: ${p.busA > 225 ? '42,000' : '22,000'}`, 'MOUNTING: SURFACE', `FED FROM: ${p.fedFrom}`],
    ];
    y -= rowH * 1.8;
    for (const l of lines) {
      l.forEach((t, i) => {
        c.text(t, x + (i * width) / 3, y - rowH * 0.75, { size });
      });
      y -= rowH;
    }
    y -= rowH * 0.3;
  }
  // Columns: one side is [CKT, DESCRIPTION, TRIP, P, load...]; the other mirrors it.
  const loadCols = p.layout === 'na' ? (p.phases === 3 ? ['A', 'B', 'C'] : ['A', 'B']) : [];
  const half = width / 2;
  const narrow = rowH * 1.6;
  const loadW = rowH * 2.2;
  const descW = half - narrow * 3 - loadW * loadCols.length;
  const leftCols: [string, number][] = [
    [fr ? 'CIR.' : 'CKT', narrow],
    ['DESCRIPTION', descW],
    [fr ? 'AMP' : 'TRIP', narrow],
    ['P', narrow],
    ...loadCols.map((l): [string, number] => [l, loadW]),
  ];
  const rightCols = [...leftCols].reverse();
  const rows = p.positions / 2;
  const tableTop = y;
  // Header row.
  let cx = x;
  for (const [label, w] of [...leftCols, ...rightCols]) {
    c.text(label, cx + w / 2, y - rowH * 0.72, { size, align: 'center', bold: true });
    cx += w;
  }
  y -= rowH;
  const byPos = new Map<number, Breaker>();
  const continued = new Map<number, Breaker>();
  for (const b of p.breakers) {
    byPos.set(b.position, b);
    for (let k = 1; k < b.poles; k++) continued.set(b.position + 2 * k, b);
  }
  for (let r = 0; r < rows; r++) {
    const phase = p.phases === 3 ? r % 3 : r % 2;
    for (const side of [0, 1] as const) {
      const pos = 2 * r + 1 + side;
      const cols = side === 0 ? leftCols : rightCols;
      const first = byPos.get(pos);
      const cont = continued.get(pos);
      const cells: Record<string, string> = {};
      cells[fr ? 'CIR.' : 'CKT'] = String(pos);
      if (first) {
        cells.DESCRIPTION = first.description;
        cells[fr ? 'AMP' : 'TRIP'] = first.amps === null ? '' : String(first.amps);
        cells.P = first.amps === null ? '' : String(first.poles);
      }
      const load = first?.loadVa ?? cont?.loadVa ?? 0;
      const per = first ? load / first.poles : cont ? load / cont.poles : 0;
      if (per > 0 && loadCols.length > 0) cells[loadCols[phase] as string] = fmtVa(Math.round(per), fr);
      let px = x + side * half;
      for (const [label, w] of cols) {
        const v = cells[label];
        if (v) {
          const align = label === 'DESCRIPTION' ? (side === 0 ? 'left' : 'right') : 'center';
          const tx = align === 'left' ? px + 2 : align === 'right' ? px + w - 2 : px + w / 2;
          c.text(v, tx, y - rowH * 0.72, { size, align });
        }
        px += w;
      }
    }
    // Row separator: left out under a multi-pole breaker's description and trip cells.
    const below = y - rowH;
    c.setStroke(0.3);
    for (const side of [0, 1] as const) {
      const nextPos = 2 * (r + 1) + 1 + side;
      const merged = continued.has(nextPos);
      const sx = x + side * half;
      if (!merged) c.line([sx, below], [sx + half, below]);
      else {
        const cols = side === 0 ? leftCols : rightCols;
        let px = sx;
        for (const [label, w] of cols) {
          if (label !== 'DESCRIPTION' && label !== 'P' && label !== (fr ? 'AMP' : 'TRIP'))
            c.line([px, below], [px + w, below]);
          px += w;
        }
      }
    }
    y = below;
  }
  // Grid: outer border, column lines.
  c.setStroke(0.6);
  c.rect(x, y, width, tableTop - y);
  c.line([x, tableTop - rowH], [x + width, tableTop - rowH]);
  cx = x;
  c.setStroke(0.3);
  for (const [, w] of [...leftCols, ...rightCols]) {
    cx += w;
    c.line([cx, tableTop], [cx, y]);
  }
  // Footer totals.
  const totals = loadCols.map((_, i) =>
    p.breakers.reduce((a, b) => {
      let s = 0;
      for (let k = 0; k < b.poles; k++) {
        const row = Math.floor((b.position + 2 * k - 1) / 2);
        if ((p.phases === 3 ? row % 3 : row % 2) === i) s += b.loadVa / b.poles;
      }
      return a + s;
    }, 0),
  );
  const total = p.breakers.reduce((a, b) => a + b.loadVa, 0);
  y -= rowH;
  if (p.layout === 'na') {
    c.text(
      `CONNECTED LOAD (VA): ${loadCols.map((l, i) => `${l}: ${fmtVa(Math.round(totals[i] ?? 0), false)}`).join('   ')}   TOTAL: ${(total / 1000).toFixed(1)} kVA`,
      x,
      y,
      { size },
    );
    c.text(
      `DEMAND LOAD: ${((total * 0.8) / 1000).toFixed(1)} kVA   NOTES: 1. PROVIDE LOCK-ON FOR EM CIRCUITS.`,
      x,
      y - rowH,
      { size },
    );
  } else {
    c.text(`${fr ? 'CHARGE TOTALE' : 'TOTAL LOAD'}: ${fmtVa(total, fr)} W`, x, y, { size });
  }
  return top - (y - rowH * 1.5);
}

export interface LuminaireType {
  readonly tag: string;
  readonly description: string;
}

export function luminaireTypes(rnd: Random, fr: boolean): LuminaireType[] {
  const list = fr
    ? [
        ['A', 'PLAFONNIER DEL 15 W, 3000 K'],
        ['B', 'ENCASTRÉ DEL 4 PO, 9 W'],
        ['B1', 'ENCASTRÉ DEL 6 PO, 12 W, GRADABLE'],
        ['C', 'APPLIQUE MURALE DEL'],
        ['EM', "UNITÉ D'URGENCE 2 TÊTES, 12 V"],
      ]
    : [
        ['A', '2X4 LED TROFFER, 40W, 4000K'],
        ['B', '4" LED DOWNLIGHT, 10W'],
        ['B1', '6" LED DOWNLIGHT, 15W, DIMMABLE'],
        ['C', 'LED WALL SCONCE'],
        ['EM', 'EMERGENCY UNIT, 2 HEADS, 90 MIN'],
      ];
  return list
    .slice(0, rnd.int(3, 5))
    .map(([tag, description]) => ({ tag: tag as string, description: description as string }));
}

export function drawLuminaireSchedule(
  c: Canvas,
  types: readonly LuminaireType[],
  x: number,
  top: number,
  width: number,
  fr: boolean,
): number {
  const rowH = 13;
  const size = 6.5;
  c.text(fr ? 'TABLEAU DES LUMINAIRES' : 'LUMINAIRE SCHEDULE', x, top - 10, { size: 8, bold: true });
  let y = top - 16;
  const cols: [string, number][] = [
    ['TYPE', 34],
    ['DESCRIPTION', width - 34 - 60],
    [fr ? 'MONTAGE' : 'MOUNTING', 60],
  ];
  const rows = [
    cols.map(([l]) => l),
    ...types.map((t) => [
      t.tag,
      t.description,
      t.tag === 'C' ? (fr ? 'MURAL' : 'WALL') : fr ? 'PLAFOND' : 'CEILING',
    ]),
  ];
  c.setStroke(0.4);
  for (const row of rows) {
    let cx = x;
    row.forEach((v, i) => {
      const w = (cols[i] as [string, number])[1];
      c.text(v, cx + 3, y - rowH * 0.7, { size, bold: row === rows[0] });
      cx += w;
    });
    c.rect(x, y - rowH, width, rowH);
    y -= rowH;
  }
  let cx = x;
  for (const [, w] of cols.slice(0, -1)) {
    cx += w;
    c.line([cx, top - 16], [cx, y]);
  }
  return top - y + 6;
}
