import { type Color, grayscale } from 'pdf-lib';
import { type Canvas, type FontKey, Path } from './canvas.ts';
import { IDENTITY } from './geometry.ts';
import type { PanelSpec } from './plan-spec.ts';
import type { Rng } from './rng.ts';
import type { Language } from './symbols.ts';

/**
 * Circuits and panel schedules. Loads are requested while devices are laid out (one circuit per
 * group key), then given bus positions: a p-pole breaker at position n also takes n+2, …
 * (same side of a two-column schedule), multi-pole loads first, then single-pole loads, spares
 * and spaces. The schedule prints every position; continuation positions of multi-pole
 * breakers print only their number and are not circuits of their own in the truth.
 */
export interface CircuitLoad {
  readonly key: string;
  readonly description: string;
  readonly amps: number;
  readonly poles: 1 | 2 | 3;
}

export interface ScheduleRow {
  readonly number: number;
  /** null for continuation rows of a multi-pole breaker. */
  readonly description: string | null;
  readonly amps: number | null;
  readonly poles: number | null;
  readonly conductor: string | null;
}

export interface PanelTruth {
  readonly name: string;
  readonly voltage: string;
  readonly phases: number;
  readonly mainA: number;
  readonly circuits: {
    number: number;
    description: string;
    amps: number | null;
    poles: number | null;
    conductor?: string | null;
  }[];
}

export interface AssignedPanel {
  readonly spec: PanelSpec;
  readonly slots: number;
  readonly rows: readonly ScheduleRow[];
  /** Circuit number by load key. */
  readonly numbers: ReadonlyMap<string, number>;
  readonly truth: PanelTruth;
}

/** Collects loads per panel while devices are laid out. */
export class CircuitPlanner {
  private readonly loads = new Map<string, CircuitLoad[]>();

  constructor(private readonly language: Language) {}

  /** Registers a load (idempotent per panel + key) and returns its key. */
  request(panel: string, load: CircuitLoad): string {
    const list = this.loads.get(panel) ?? [];
    if (!list.some((l) => l.key === load.key)) list.push(load);
    this.loads.set(panel, list);
    return load.key;
  }

  /** Bus positions for every panel (see module comment); slots grow to fit the loads. */
  assign(panels: readonly PanelSpec[], rng: Rng, upper: boolean): AssignedPanel[] {
    const fr = this.language === 'fr';
    for (const p of panels) {
      if (p.feeds) {
        this.request(p.name, {
          key: `feed:${p.feeds}`,
          description: fr ? `Panneau ${p.feeds}` : `Panel ${p.feeds}`,
          amps: p.phases === 3 ? 100 : 60,
          poles: p.phases === 3 ? 3 : 2,
        });
      }
    }
    return panels.map((spec) => {
      const loads = rng.shuffle(this.loads.get(spec.name) ?? []);
      const multi = loads.filter((l) => l.poles > 1);
      const single = loads.filter((l) => l.poles === 1);
      const positionsNeeded = loads.reduce((s, l) => s + l.poles, 0) + 2;
      const standard = [12, 16, 24, 30, 40, 42, 60, 84];
      const slots =
        standard.find((n) => n >= Math.max(spec.slots, positionsNeeded)) ??
        positionsNeeded + (positionsNeeded % 2);
      const used = new Map<number, { load: CircuitLoad | null; first: boolean; spare?: 'spare' | 'space' }>();
      const numbers = new Map<string, number>();
      const fits = (n: number, poles: number): boolean => {
        for (let k = 0; k < poles; k++) if (n + 2 * k > slots || used.has(n + 2 * k)) return false;
        return true;
      };
      for (const load of [...multi, ...single]) {
        for (let n = 1; n <= slots; n++) {
          if (!fits(n, load.poles)) continue;
          for (let k = 0; k < load.poles; k++) used.set(n + 2 * k, { load, first: k === 0 });
          numbers.set(load.key, n);
          break;
        }
      }
      let spares = rng.int(1, 3);
      for (let n = 1; n <= slots; n++) {
        if (used.has(n)) continue;
        used.set(n, { load: null, first: true, spare: spares-- > 0 ? 'spare' : 'space' });
      }
      const spareText = fr ? rng.pick(['RÉSERVE', 'Réserve']) : rng.pick(['SPARE', 'Spare']);
      const spaceText = fr ? rng.pick(['ESPACE', 'Espace']) : rng.pick(['SPACE', 'Space']);
      const rows: ScheduleRow[] = [];
      for (let n = 1; n <= slots; n++) {
        const u = used.get(n);
        if (!u) continue;
        if (u.load === null) {
          rows.push(
            u.spare === 'spare'
              ? { number: n, description: spareText, amps: 15, poles: 1, conductor: null }
              : { number: n, description: spaceText, amps: null, poles: null, conductor: null },
          );
        } else if (u.first) {
          const description = upper ? u.load.description.toLocaleUpperCase('fr-CA') : u.load.description;
          rows.push({
            number: n,
            description,
            amps: u.load.amps,
            poles: u.load.poles,
            conductor: conductorFor(u.load),
          });
        } else {
          rows.push({ number: n, description: null, amps: null, poles: null, conductor: null });
        }
      }
      const truth: PanelTruth = {
        name: spec.name,
        voltage: spec.voltage,
        phases: spec.phases,
        mainA: spec.mainA,
        circuits: rows
          .filter((r) => r.description !== null)
          .map((r) => ({
            number: r.number,
            description: r.description ?? '',
            amps: r.amps,
            poles: r.poles,
            ...(spec.conductorColumn ? { conductor: r.conductor } : {}),
          })),
      };
      return { spec, slots, rows, numbers, truth };
    });
  }
}

/** NMD90 copper cable usually pulled for a breaker size (CEC Table 2, 60 °C column). */
function conductorFor(load: CircuitLoad): string {
  const gauge =
    load.amps <= 15 ? '14' : load.amps <= 20 ? '12' : load.amps <= 30 ? '10' : load.amps <= 40 ? '8' : '6';
  const wires = load.poles === 1 ? 2 : load.description.match(/cuisini|range|s[ée]cheuse|dryer/i) ? 3 : 2;
  return load.amps > 60 ? 'TECK90 3C #3' : `${gauge}/${wires} NMD90`;
}

export interface ScheduleBlockStyle {
  readonly textSize: number;
  readonly font: FontKey;
  readonly language: Language;
  readonly color: Color;
}

const LINE = grayscale(0);

function headerLines(p: AssignedPanel, language: Language): { title: string; details: string[] } {
  const s = p.spec;
  const fr = language === 'fr';
  const phases =
    s.phases === 1
      ? fr
        ? ['1 PH, 3 FILS', '1Ø 3F', 'MONOPHASÉ']
        : ['1 PH, 3 W', '1Ø 3W', 'SINGLE PHASE']
      : fr
        ? ['3 PH, 4 FILS', '3Ø 4F']
        : ['3 PH, 4 W', '3Ø 4W'];
  const phaseText = phases[s.headerForm % phases.length] ?? '';
  const titles = fr
    ? [
        `PANNEAU ${s.name}`,
        `PANNEAU : ${s.name}`,
        `Panneau de distribution ${s.name}`,
        `TABLEAU DU PANNEAU ${s.name}`,
      ]
    : [`PANEL ${s.name}`, `PANELBOARD: ${s.name}`, `Panel schedule - ${s.name}`, `PANEL SCHEDULE ${s.name}`];
  const main = fr
    ? [`PRINCIPAL : ${s.mainA} A`, `DISJ. PRINCIPAL ${s.mainA} A`, `Disjoncteur principal : ${s.mainA} A`]
    : [`MAIN: ${s.mainA} A`, `MAIN BREAKER ${s.mainA}A`, `Main ${s.mainA} A`];
  return {
    title: titles[s.headerForm % titles.length] ?? '',
    details: [`${s.voltage}, ${phaseText}`, main[s.headerForm % main.length] ?? ''],
  };
}

/** Width and height a schedule block needs at a given text size. */
export function measureSchedule(
  canvas: Canvas,
  p: AssignedPanel,
  style: ScheduleBlockStyle,
): { w: number; h: number } {
  const layout = scheduleColumns(canvas, p, style);
  return { w: layout.width, h: layout.headerH + layout.rowH * (layout.rowCount + 1) };
}

interface ScheduleColumns {
  readonly cols: { key: 'num' | 'desc' | 'amps' | 'poles' | 'cond'; w: number; side: 0 | 1 }[];
  readonly width: number;
  readonly rowH: number;
  readonly headerH: number;
  readonly rowCount: number;
}

function scheduleColumns(canvas: Canvas, p: AssignedPanel, style: ScheduleBlockStyle): ScheduleColumns {
  const size = style.textSize;
  const measure = (t: string): number => canvas.measure(t, { size, font: style.font }).width;
  const descW =
    Math.max(measure('DESCRIPTION'), ...p.rows.map((r) => (r.description ? measure(r.description) : 0))) +
    size;
  const numW = measure('CIR.') + size * 0.8;
  const ampW = measure('AMP') + size * 0.8;
  const poleW = measure('P') + size * 1.4;
  const condW = p.spec.conductorColumn ? measure('TECK90 3C #3') + size : 0;
  type Col = ScheduleColumns['cols'][number];
  const left: Col[] = [
    { key: 'num', w: numW, side: 0 },
    { key: 'desc', w: descW, side: 0 },
    { key: 'amps', w: ampW, side: 0 },
    { key: 'poles', w: poleW, side: 0 },
    ...(condW > 0 ? [{ key: 'cond', w: condW, side: 0 } as Col] : []),
  ];
  const two = p.spec.layout === 'two-column';
  const right: Col[] = two
    ? (p.spec.mirroredRight ? [...left].reverse() : left).map((c) => ({ ...c, side: 1 as const }))
    : [];
  const cols = [...left, ...right];
  const width = cols.reduce((s, c) => s + c.w, 0);
  return {
    cols,
    width,
    rowH: size * 1.55,
    headerH: size * 4.6,
    rowCount: two ? Math.ceil(p.slots / 2) : p.slots,
  };
}

/** Draws a ruled panel schedule with its top-left corner at (x, yTop). */
export function drawSchedule(
  canvas: Canvas,
  p: AssignedPanel,
  x: number,
  yTop: number,
  style: ScheduleBlockStyle,
): void {
  const layout = scheduleColumns(canvas, p, style);
  const size = style.textSize;
  const fr = style.language === 'fr';
  const { title, details } = headerLines(p, style.language);
  const layer = 'E-SCHD';
  const text = (
    t: string,
    tx: number,
    ty: number,
    anchor: 'start' | 'middle' | 'end',
    bold = false,
    scale = 1,
  ): void =>
    canvas.text(
      layer,
      t,
      [tx, ty],
      { size: size * scale, font: bold ? 'bold' : style.font, anchor, color: style.color },
      IDENTITY,
    );
  const width = layout.width;
  const outer = new Path().rect(
    x,
    yTop - layout.headerH - layout.rowH * (layout.rowCount + 1),
    width,
    layout.headerH + layout.rowH * (layout.rowCount + 1),
  );
  text(title, x + width / 2, yTop - size * 1.6, 'middle', true, 1.35);
  text(details[0] ?? '', x + size * 0.5, yTop - size * 3.2, 'start');
  text(details[1] ?? '', x + width - size * 0.5, yTop - size * 3.2, 'end');
  const grid = new Path();
  const yHead = yTop - layout.headerH;
  grid.moveTo(x, yHead).lineTo(x + width, yHead);
  const headings: Record<string, string> = fr
    ? { num: 'CIR.', desc: 'DESCRIPTION', amps: 'AMP', poles: 'P', cond: 'CONDUCTEUR' }
    : { num: 'CKT', desc: 'DESCRIPTION', amps: 'AMP', poles: 'P', cond: 'WIRE' };
  // Column lines and headings.
  let cx = x;
  const colX: number[] = [];
  for (const [i, c] of layout.cols.entries()) {
    colX.push(cx);
    text(headings[c.key] ?? '', cx + c.w / 2, yHead - layout.rowH + size * 0.45, 'middle', true, 0.9);
    if (i > 0) grid.moveTo(cx, yHead).lineTo(cx, yHead - layout.rowH * (layout.rowCount + 1));
    cx += c.w;
  }
  const rowsBySide: ScheduleRow[][] =
    p.spec.layout === 'two-column'
      ? [p.rows.filter((r) => r.number % 2 === 1), p.rows.filter((r) => r.number % 2 === 0)]
      : [[...p.rows], []];
  for (let i = 0; i <= layout.rowCount; i++) {
    const y = yHead - layout.rowH * (i + 1);
    grid.moveTo(x, y).lineTo(x + width, y);
  }
  for (const side of [0, 1] as const) {
    rowsBySide[side]?.forEach((r, i) => {
      const baseline = yHead - layout.rowH * (i + 2) + size * 0.45;
      layout.cols.forEach((c, ci) => {
        if (c.side !== side) return;
        const x0 = colX[ci] ?? x;
        const value =
          c.key === 'num'
            ? String(r.number)
            : c.key === 'desc'
              ? r.description
              : c.key === 'amps'
                ? r.amps === null
                  ? null
                  : String(r.amps)
                : c.key === 'poles'
                  ? r.poles === null
                    ? null
                    : String(r.poles)
                  : r.conductor;
        if (value === null || value === '') return;
        if (c.key === 'desc') text(value, x0 + size * 0.4, baseline, 'start');
        else text(value, x0 + c.w / 2, baseline, 'middle');
      });
    });
  }
  canvas.path(layer, grid, { stroke: LINE, width: 0.35 }, IDENTITY);
  canvas.path(layer, outer, { stroke: LINE, width: 0.9 }, IDENTITY);
  if (p.spec.layout === 'two-column') {
    const mid = x + layout.cols.filter((c) => c.side === 0).reduce((s, c) => s + c.w, 0);
    canvas.path(
      layer,
      new Path().moveTo(mid, yHead).lineTo(mid, yHead - layout.rowH * (layout.rowCount + 1)),
      { stroke: LINE, width: 0.9 },
      IDENTITY,
    );
  }
}
