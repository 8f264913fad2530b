import type { PageCanvas } from './page.ts';
import type { Pt } from './pdf-ops.ts';
import type { Rng } from './random.ts';
import { boundsOf, type Placement, placementTransform } from './symbols.ts';
import type { Role } from './wording.ts';

/**
 * A floor plan in one viewport: rooms split from the building outline, walls (grey halftone,
 * hatched exterior band), doors, grid, dimension strings, furniture, room labels, then devices
 * placed on walls or on the ceiling, with circuit tags, home runs, luminaire type tags and
 * keynotes. Returns what was drawn, in view coordinates (the caller maps to user space).
 */
export type Box = readonly [number, number, number, number];

export interface PlacedDevice {
  readonly role: Role;
  readonly placement: Placement;
  readonly room: string;
  readonly circuit: string | null;
  /** View-space bounding box of the drawn symbol. */
  readonly bbox: Box;
}

export interface FloorResult {
  readonly rooms: { name: string; areaM2: number; box: Box }[];
  readonly devices: PlacedDevice[];
  readonly scaleText: string;
  readonly metresPerPoint: number | null;
  readonly styles: string[];
}

export interface FloorOptions {
  readonly rng: Rng;
  readonly canvas: PageCanvas;
  readonly building: 'house' | 'office';
  readonly level: number;
  readonly area: Box;
  readonly roomNames: readonly string[];
  readonly language: 'fr' | 'en';
  readonly imperial: boolean;
  readonly scaleWord: string;
  readonly symbolSize: number;
  readonly anyAngle: boolean;
  readonly mirrorRate: number;
  readonly halftone: 'lines' | 'filled';
  readonly wipeouts: boolean;
  readonly circuitTags: boolean;
  readonly luminaireTags: boolean;
  readonly nts: boolean;
  readonly scaleBar: boolean;
  /** Draws one device symbol (exploded or XObject, with its mark); returns its bounding box. */
  readonly drawDevice: (role: Role, placement: Placement) => Box;
  /** Which roles the legend/design set can draw. */
  readonly available: ReadonlySet<Role>;
  /**
   * An enlarged plan: one small room (an electrical room outside the main floor's footprint)
   * drawn at 1:20–1:50 or 3/4"–1/4" = 1'-0" in a second viewport of the same sheet.
   */
  readonly enlarged?: boolean;
  /** Extra clearance for a role (a text mark beside the block needs room so it names one symbol). */
  readonly clearance?: (role: Role) => number;
}

const METRIC = [50, 75, 100, 125, 150, 200];
const IMPERIAL: readonly (readonly [number, string])[] = [
  [48, '1/4" = 1\'-0"'],
  [64, '3/16" = 1\'-0"'],
  [96, '1/8" = 1\'-0"'],
  [128, '3/32" = 1\'-0"'],
  [192, '1/16" = 1\'-0"'],
];
const ENLARGED_METRIC = [20, 25, 50];
const ENLARGED_IMPERIAL: readonly (readonly [number, string])[] = [
  [16, '3/4" = 1\'-0"'],
  [24, '1/2" = 1\'-0"'],
  [48, '1/4" = 1\'-0"'],
];
/** Paper inches → metres: 1 pt = 1/72 in = 0.0254/72 m on paper, times the scale ratio. */
const metresPerPointAt = (ratio: number) => (ratio * 0.0254) / 72;

type RoomKind =
  | 'kitchen'
  | 'bath'
  | 'bed'
  | 'garage'
  | 'hall'
  | 'living'
  | 'open'
  | 'meeting'
  | 'lab'
  | 'comms'
  | 'store'
  | 'plant'
  | 'reception';

function roomKind(name: string): RoomKind {
  const u = name.toUpperCase();
  const has = (...words: string[]) => words.some((w) => u.includes(w));
  if (has('KITCHEN', 'CUISINE', 'SCULLERY', 'BREAK', 'TEA')) return 'kitchen';
  if (has('BATH', 'EN-SUITE', 'SALLE DE BAIN', 'WC', 'TOILET', 'ABLUTION')) return 'bath';
  if (has('BED', 'CHAMBRE')) return 'bed';
  if (has('GARAGE')) return 'garage';
  if (has('HALL', 'CORRIDOR', 'PASSAGE', 'LANDING', 'FOYER', 'LOBBY', 'ACCUEIL', 'RECEPTION'))
    return u.includes('RECEPTION') || u.includes('ACCUEIL') || u.includes('LOBBY') ? 'reception' : 'hall';
  if (has('OPEN', 'OUVERTE', 'OFFICE')) return 'open';
  if (has('MEETING', 'CONFERENCE', 'RÉUNION', 'BOARD')) return 'meeting';
  if (has('LAB')) return 'lab';
  if (has('COMMS', 'SERVER', 'SERVEUR', 'IT/', 'ARCHIVE')) return 'comms';
  if (
    has('PLANT', 'MÉCANIQUE', 'ELEC', 'ÉLECTRIQUE', 'SWITCHROOM', 'DB ROOM', 'LAVAGE', 'UTILITY', 'LAUNDRY')
  )
    return 'plant';
  if (has('STORE', 'STORAGE', 'RANGEMENT')) return 'store';
  return 'living';
}

type Want = readonly [Role, number, number, 'wall' | 'ceiling' | 'door'];
const WANTS: Record<RoomKind, readonly Want[]> = {
  kitchen: [
    ['rcpt-gfci', 2, 3, 'wall'],
    ['rcpt', 1, 2, 'wall'],
    ['rcpt-240', 1, 1, 'wall'],
    ['downlight', 2, 4, 'ceiling'],
    ['sw', 1, 1, 'door'],
    ['fan', 0, 1, 'ceiling'],
  ],
  bath: [
    ['rcpt-gfci', 1, 1, 'wall'],
    ['fan', 1, 1, 'ceiling'],
    ['lum', 1, 1, 'ceiling'],
    ['sw', 1, 1, 'door'],
    ['heater', 0, 1, 'wall'],
  ],
  bed: [
    ['rcpt', 2, 4, 'wall'],
    ['lum', 1, 1, 'ceiling'],
    ['sw', 1, 1, 'door'],
    ['smoke', 1, 1, 'ceiling'],
    ['heater', 1, 1, 'wall'],
    ['tstat', 0, 1, 'door'],
    ['rcpt-usb', 0, 1, 'wall'],
  ],
  garage: [
    ['rcpt', 1, 2, 'wall'],
    ['rcpt-wp', 0, 1, 'wall'],
    ['ev', 1, 1, 'wall'],
    ['lum-bulkhead', 1, 2, 'ceiling'],
    ['panel', 1, 1, 'wall'],
    ['sw3', 2, 2, 'door'],
  ],
  hall: [
    ['lum', 1, 3, 'ceiling'],
    ['smoke', 1, 1, 'ceiling'],
    ['co', 0, 1, 'ceiling'],
    ['sw3', 2, 2, 'door'],
    ['em', 0, 1, 'ceiling'],
    ['exit', 0, 1, 'door'],
  ],
  living: [
    ['rcpt', 3, 5, 'wall'],
    ['rcpt-usb', 0, 1, 'wall'],
    ['downlight', 2, 5, 'ceiling'],
    ['swd', 1, 1, 'door'],
    ['tstat', 1, 1, 'door'],
    ['heater', 1, 2, 'wall'],
    ['data', 0, 1, 'wall'],
    ['rcpt-wp', 0, 1, 'wall'],
  ],
  open: [
    ['rcpt', 4, 8, 'wall'],
    ['data', 2, 5, 'wall'],
    ['lum-panel', 4, 9, 'ceiling'],
    ['sw', 1, 2, 'door'],
    ['em', 1, 2, 'ceiling'],
    ['rcpt-usb', 0, 2, 'wall'],
  ],
  meeting: [
    ['rcpt', 2, 3, 'wall'],
    ['data', 1, 2, 'wall'],
    ['lum-panel', 2, 4, 'ceiling'],
    ['swd', 1, 1, 'door'],
  ],
  lab: [
    ['rcpt-gfci', 1, 3, 'wall'],
    ['rcpt', 2, 4, 'wall'],
    ['rcpt-240', 0, 1, 'wall'],
    ['lum-panel', 2, 4, 'ceiling'],
    ['sw', 1, 1, 'door'],
    ['jbox', 0, 1, 'ceiling'],
  ],
  comms: [
    ['rcpt', 2, 3, 'wall'],
    ['data', 1, 2, 'wall'],
    ['lum-bulkhead', 1, 1, 'ceiling'],
    ['sw', 1, 1, 'door'],
    ['isolator', 0, 1, 'wall'],
  ],
  store: [
    ['lum', 1, 1, 'ceiling'],
    ['sw', 1, 1, 'door'],
    ['jbox', 0, 1, 'ceiling'],
  ],
  plant: [
    ['panel', 0, 1, 'wall'],
    ['isolator', 0, 1, 'wall'],
    ['lum-bulkhead', 1, 2, 'ceiling'],
    ['heat-det', 0, 1, 'ceiling'],
    ['sw', 1, 1, 'door'],
    ['rcpt', 1, 1, 'wall'],
  ],
  reception: [
    ['rcpt', 1, 3, 'wall'],
    ['downlight', 2, 5, 'ceiling'],
    ['sw4', 0, 1, 'door'],
    ['sw3', 2, 2, 'door'],
    ['exit', 1, 1, 'door'],
    ['em', 1, 1, 'ceiling'],
  ],
};

/** Splits the building into `count` rooms: always the largest room, across its longer side. */
function splitRooms(rng: Rng, w: number, d: number, count: number, minSide: number): Box[] {
  let rooms: Box[] = [[0, 0, w, d]];
  for (let guard = 0; rooms.length < count && guard < 100; guard++) {
    rooms = [...rooms].sort((a, b) => (b[2] - b[0]) * (b[3] - b[1]) - (a[2] - a[0]) * (a[3] - a[1]));
    const [x0, y0, x1, y1] = rooms[0] as Box;
    const wide = x1 - x0 >= y1 - y0;
    const len = wide ? x1 - x0 : y1 - y0;
    if (len < 2 * minSide) break;
    const cut = Math.round(len * rng.float(0.35, 0.65) * 10) / 10;
    const a: Box = wide ? [x0, y0, x0 + cut, y1] : [x0, y0, x1, y0 + cut];
    const b: Box = wide ? [x0 + cut, y0, x1, y1] : [x0, y0 + cut, x1, y1];
    rooms = [a, b, ...rooms.slice(1)];
  }
  return rooms;
}

export function drawFloor(o: FloorOptions): FloorResult {
  const { rng, canvas: c } = o;
  const styles: string[] = [];
  const wM = o.enlarged ? rng.float(4, 6.5) : o.building === 'house' ? rng.float(12, 16) : rng.float(22, 32);
  const dM = o.enlarged ? rng.float(3, 4.5) : o.building === 'house' ? rng.float(8, 11) : rng.float(12, 17);
  const metric = o.enlarged ? ENLARGED_METRIC : METRIC;
  const imperial = o.enlarged ? ENLARGED_IMPERIAL : IMPERIAL;
  const areaW = o.area[2] - o.area[0];
  const areaH = o.area[3] - o.area[1];
  // The smallest ratio (largest drawing) whose building fits the viewport with room for titles.
  const fits = (ratio: number) =>
    wM / metresPerPointAt(ratio) <= areaW * 0.86 && dM / metresPerPointAt(ratio) <= areaH * 0.78;
  let ratio: number;
  let scaleText: string;
  if (o.imperial) {
    const [r, t] = imperial.find(([r]) => fits(r)) ?? (imperial.at(-1) as readonly [number, string]);
    ratio = r;
    scaleText = `${o.scaleWord} ${t}`.trim();
  } else {
    ratio = metric.find(fits) ?? (metric.at(-1) as number);
    scaleText = rng.pick([`${o.scaleWord} 1:${ratio}`, `1:${ratio}`, `${o.scaleWord} 1 : ${ratio}`]).trim();
  }
  const mpp = metresPerPointAt(ratio);
  const ptm = 1 / mpp;
  const ox = o.area[0] + (areaW - wM * ptm) / 2;
  const oy = o.area[1] + areaH * 0.14 + (areaH * 0.8 - dM * ptm) / 2;
  const P = (x: number, y: number): Pt => [ox + x * ptm, oy + y * ptm];

  const count = o.enlarged
    ? 1
    : o.building === 'house'
      ? Math.min(o.roomNames.length, rng.int(6, 8))
      : Math.min(o.roomNames.length, rng.int(6, 9));
  const boxesM = splitRooms(rng, wM, dM, count, 2.6);
  const grey = 0.55;

  // Structural grid (dashed, with bubbles) behind everything.
  const gridX = [0, wM / 2, wM].map((v) => v);
  const gridY = [0, dM];
  gridX.forEach((gx, i) => {
    const [x, y0] = P(gx, -0.8);
    const top = P(gx, dM + 1.4)[1];
    c.ops.polyline(
      [
        [x, y0],
        [x, top],
      ],
      { stroke: 0.7, width: 0.3, dash: [8, 3, 2, 3] },
    );
    c.ops.circle(x, top + 7, 7, { stroke: 0.4, width: 0.5 });
    c.text(String(i + 1), x, top + 4.5, 7, { align: 'center', grey: 0.4 });
  });
  gridY.forEach((gy, i) => {
    const [x0, y] = P(-0.8, gy);
    const right = P(wM + 0.8, gy)[0];
    c.ops.polyline(
      [
        [x0, y],
        [right, y],
      ],
      { stroke: 0.7, width: 0.3, dash: [8, 3, 2, 3] },
    );
    c.ops.circle(x0 - 7, y, 7, { stroke: 0.4, width: 0.5 });
    c.text(String.fromCharCode(65 + i), x0 - 7, y - 2.5, 7, { align: 'center', grey: 0.4 });
  });

  // Exterior wall: a 0.3 m band, hatched with short parallel lines (what a plotted hatch is).
  const t = 0.3;
  const outer: Pt[] = [P(-t, -t), P(wM + t, -t), P(wM + t, dM + t), P(-t, dM + t)];
  const inner: Pt[] = [P(0, 0), P(wM, 0), P(wM, dM), P(0, dM)];
  if (o.halftone === 'filled') {
    styles.push('walls-filled');
    const band = `${outer.map(([x, y], i) => `${x.toFixed(2)} ${y.toFixed(2)} ${i ? 'l' : 'm'}`).join(' ')} h ${[
      ...inner,
    ]
      .reverse()
      .map(([x, y], i) => `${x.toFixed(2)} ${y.toFixed(2)} ${i ? 'l' : 'm'}`)
      .join(' ')} h`;
    c.ops.raw(`q 0.72 g ${band} f* Q`);
  } else {
    styles.push('walls-hatched');
    c.ops.polyline(outer, { stroke: grey, width: 0.8 }, true);
    c.ops.polyline(inner, { stroke: grey, width: 0.8 }, true);
    const hatch: Pt[][] = [];
    const step = 0.25;
    for (let s = -t; s < wM + t; s += step) {
      hatch.push([P(s, -t), P(s + t, 0)]);
      hatch.push([P(s, dM), P(s + t, dM + t)]);
    }
    for (let s = 0; s < dM; s += step) {
      hatch.push([P(-t, s), P(0, s + t)]);
      hatch.push([P(wM, s), P(wM + t, s + t)]);
    }
    c.ops.strokes(hatch, { stroke: 0.65, width: 0.25 });
  }
  // Interior partitions.
  for (const [x0, y0, x1, y1] of boxesM) {
    if (x0 > 0) c.ops.polyline([P(x0, y0), P(x0, y1)], { stroke: grey, width: 1.6 });
    if (y0 > 0) c.ops.polyline([P(x0, y0), P(x1, y0)], { stroke: grey, width: 1.6 });
  }
  // Dimension string along the top: ticks at every partition, lengths in mm or feet-inches.
  const cuts = [...new Set([0, wM, ...boxesM.flatMap((b) => [b[0], b[2]])])].sort((a, b) => a - b);
  const dimY = P(0, dM + 0.9)[1];
  c.ops.polyline(
    [
      [P(0, 0)[0], dimY],
      [P(wM, 0)[0], dimY],
    ],
    { stroke: 0.45, width: 0.3 },
  );
  cuts.forEach((cx, i) => {
    const x = P(cx, 0)[0];
    c.ops.polyline(
      [
        [x - 2.5, dimY - 2.5],
        [x + 2.5, dimY + 2.5],
      ],
      { stroke: 0.45, width: 0.5 },
    );
    const next = cuts[i + 1];
    if (next !== undefined && next - cx > 0.8) {
      const metres = next - cx;
      const label = o.imperial ? feetInches(metres) : String(Math.round(metres * 1000));
      c.text(label, (x + P(next, 0)[0]) / 2, dimY + 2, 5.5, { align: 'center', grey: 0.45 });
    }
  });
  styles.push('dimensions', 'grid');

  const rooms: FloorResult['rooms'] = [];
  const devices: PlacedDevice[] = [];
  const taken: { x: number; y: number; r: number }[] = [];
  const free = (x: number, y: number, r: number) =>
    taken.every((q) => Math.hypot(q.x - x, q.y - y) >= q.r + r);
  const size = o.symbolSize;

  boxesM.forEach((bm, i) => {
    const name = o.roomNames[i] as string;
    const [x0, y0] = P(bm[0], bm[1]);
    const [x1, y1] = P(bm[2], bm[3]);
    const box: Box = [x0, y0, x1, y1];
    rooms.push({ name, areaM2: Math.round((bm[2] - bm[0]) * (bm[3] - bm[1]) * 10) / 10, box });
    const kind = roomKind(name);
    // Door: a leaf and its swing on the bottom or left wall.
    const doorW = Math.min(0.9 * ptm, (x1 - x0) * 0.3, (y1 - y0) * 0.3);
    const onBottom = bm[1] > 0 || bm[0] === 0;
    const doorAt: Pt = onBottom ? [x0 + (x1 - x0) * 0.2, y0] : [x0, y0 + (y1 - y0) * 0.2];
    if (onBottom) {
      c.ops.polyline(
        [
          [doorAt[0] + 2, doorAt[1]],
          [doorAt[0] + 2, doorAt[1] + doorW],
        ],
        { stroke: grey, width: 0.6 },
      );
      c.ops.arc(doorAt[0] + 2, doorAt[1], doorW, 0, 90, { stroke: grey, width: 0.3 });
    } else {
      c.ops.polyline(
        [
          [doorAt[0], doorAt[1] + 2],
          [doorAt[0] + doorW, doorAt[1] + 2],
        ],
        { stroke: grey, width: 0.6 },
      );
      c.ops.arc(doorAt[0], doorAt[1] + 2, doorW, 0, 90, { stroke: grey, width: 0.3 });
    }
    taken.push({ x: doorAt[0] + doorW / 2, y: doorAt[1] + doorW / 2, r: doorW * 0.45 });
    // Open-plan furniture: workstation clusters in light grey (background clutter).
    if (kind === 'open' || kind === 'meeting') {
      const desks = kind === 'open' ? 3 : 1;
      for (let k = 0; k < desks; k++) {
        const cx = x0 + (x1 - x0) * (0.3 + 0.2 * k);
        const cy = (y0 + y1) / 2 - (y1 - y0) * 0.12;
        const dw = Math.min(1.6 * ptm, (x1 - x0) * 0.12);
        c.ops.polyline(
          [
            [cx - dw / 2, cy - dw / 3],
            [cx + dw / 2, cy - dw / 3],
            [cx + dw / 2, cy + dw / 3],
            [cx - dw / 2, cy + dw / 3],
          ],
          { stroke: 0.75, width: 0.3 },
          true,
        );
      }
      styles.push('furniture');
    }
    // Room label (name, then the area on some plans), over a wipeout on some plans.
    const labelSize = Math.max(5.5, Math.min(8, ((x1 - x0) / Math.max(8, name.length)) * 1.3));
    const lx = (x0 + x1) / 2;
    const ly = y0 + (y1 - y0) * 0.62;
    const lw = c.textWidth(name, labelSize);
    if (o.wipeouts) {
      c.ops.polyline(
        [
          [lx - lw / 2 - 2, ly - 3],
          [lx + lw / 2 + 2, ly - 3],
          [lx + lw / 2 + 2, ly + labelSize + 1],
          [lx - lw / 2 - 2, ly + labelSize + 1],
        ],
        { fill: 1 },
        true,
      );
    }
    c.text(name, lx, ly, labelSize, { align: 'center' });
    taken.push({ x: lx, y: ly + labelSize / 2, r: lw / 2 + size });

    const wants = WANTS[kind].filter(([role]) => o.available.has(role));
    for (const [role, min, max, where] of wants) {
      const howMany = rng.int(min, max);
      for (let k = 0; k < howMany; k++) {
        const radius =
          (o.clearance?.(role) ?? 0) * size +
          (role === 'heater' ? size * 2.1 : role === 'panel' || role === 'exit' ? size * 1.7 : size * 1.45);
        for (let attempt = 0; attempt < 30; attempt++) {
          const placement = placeIn(rng, box, where, doorAt, size, radius, o);
          if (!placement) break;
          if (!free(placement.x, placement.y, radius)) continue;
          taken.push({ x: placement.x, y: placement.y, r: radius });
          const bbox = o.drawDevice(role, placement);
          let circuit: string | null = null;
          if (o.circuitTags && (role.startsWith('rcpt') || role === 'heater') && rng.chance(0.6)) {
            circuit = `${rng.pick(['A', 'B', 'P1', 'LP-1'])}-${rng.int(1, 42)}`;
            const tx = placement.x - size * 1.2;
            const ty = placement.y - size * 2.3;
            c.text(circuit, tx, ty, size * 0.7, { grey: 0.1 });
            taken.push({ x: tx + size, y: ty + size * 0.3, r: size * 0.9 });
          }
          if (o.luminaireTags && (role === 'lum' || role === 'lum-panel' || role === 'downlight')) {
            const tag = role === 'lum' ? 'A' : role === 'lum-panel' ? 'B1' : 'C';
            const hx = placement.x + size * 1.9;
            const hy = placement.y + size * 1.6;
            const r = size * 0.75;
            const hex: Pt[] = Array.from(
              { length: 6 },
              (_, j) => [hx + r * Math.cos((j * Math.PI) / 3), hy + r * Math.sin((j * Math.PI) / 3)] as const,
            );
            c.ops.polyline(hex, { stroke: 0.2, width: 0.35 }, true);
            c.text(tag, hx, hy - size * 0.25, size * 0.62, { align: 'center', grey: 0.2 });
            taken.push({ x: hx, y: hy, r: r + 1 });
          }
          devices.push({ role, placement, room: name, circuit, bbox });
          break;
        }
      }
    }
  });

  // Home runs: an arrow with tick marks (one per conductor) and a circuit tag, from a few wall devices.
  const homeRunFrom = devices
    .filter((d) => d.role.startsWith('rcpt') && d.circuit === null)
    .slice(0, rng.int(1, 3));
  homeRunFrom.forEach((d, k) => {
    const tag = `${rng.pick(['P1', 'LP-2', 'A'])}-${2 * k + 1},${2 * k + 3}`;
    const { x, y } = d.placement;
    const a = ((d.placement.rotation + 90) * Math.PI) / 180;
    const sx = x + Math.cos(a) * size * 1.3;
    const sy = y + Math.sin(a) * size * 1.3;
    const ex = x + Math.cos(a) * size * 4.2;
    const ey = y + Math.sin(a) * size * 4.2;
    c.ops.polyline(
      [
        [sx, sy],
        [ex, ey],
      ],
      { stroke: 0, width: 0.5 },
    );
    const nx = -Math.sin(a);
    const ny = Math.cos(a);
    c.ops.polyline(
      [
        [ex + Math.cos(a) * 3, ey + Math.sin(a) * 3],
        [ex + nx * 1.6, ey + ny * 1.6],
        [ex - nx * 1.6, ey - ny * 1.6],
      ],
      { fill: 0 },
      true,
    );
    for (let tick = 0; tick < 3; tick++) {
      const tx = sx + (ex - sx) * (0.35 + tick * 0.15);
      const ty = sy + (ey - sy) * (0.35 + tick * 0.15);
      c.ops.polyline(
        [
          [tx + nx * 1.8, ty + ny * 1.8],
          [tx - nx * 1.8, ty - ny * 1.8],
        ],
        { stroke: 0, width: 0.4 },
      );
    }
    c.text(tag, ex + 3, ey + 1, size * 0.7);
    devices[devices.indexOf(d)] = { ...d, circuit: tag };
  });
  if (homeRunFrom.length > 0) styles.push('home-runs');

  // Keynotes: numbers in hexagons with a leader to a wall.
  const keynotes = o.enlarged ? 0 : rng.int(1, 3);
  for (let k = 0; k < keynotes; k++) {
    const room = rooms[rng.int(0, rooms.length - 1)] as FloorResult['rooms'][number];
    const hx = room.box[0] + (room.box[2] - room.box[0]) * rng.float(0.3, 0.7);
    const hy = room.box[1] + (room.box[3] - room.box[1]) * 0.3;
    if (!free(hx, hy, 6)) continue;
    const hex: Pt[] = Array.from(
      { length: 6 },
      (_, j) =>
        [
          hx + 5 * Math.cos((j * Math.PI) / 3 + Math.PI / 6),
          hy + 5 * Math.sin((j * Math.PI) / 3 + Math.PI / 6),
        ] as const,
    );
    c.ops.polyline(hex, { stroke: 0, width: 0.4 }, true);
    c.text(String(k + 1), hx, hy - 2, 5, { align: 'center' });
    c.ops.polyline(
      [
        [hx + 4, hy - 3],
        [hx + 14, hy - 12],
      ],
      { stroke: 0, width: 0.3 },
    );
    taken.push({ x: hx, y: hy, r: 8 });
  }
  if (keynotes > 0) styles.push('keynotes');

  // Viewport title, scale note and an optional graphic scale bar under the plan.
  const titleY = P(0, -1.2)[1] - 14;
  const title = o.enlarged
    ? o.language === 'fr'
      ? `PLAN AGRANDI — ${o.roomNames[0]}`
      : `ENLARGED PLAN - ${o.roomNames[0]}`
    : o.language === 'fr'
      ? `PLAN ${o.level === 1 ? 'REZ-DE-CHAUSSÉE' : 'ÉTAGE'} — ÉLECTRICITÉ`
      : `LEVEL ${o.level} - POWER AND LIGHTING PLAN`;
  c.ops.circle(P(0, 0)[0] + 8, titleY + 4, 9, { stroke: 0, width: 0.7 });
  c.text(o.enlarged ? '2' : '1', P(0, 0)[0] + 8, titleY + 1.5, 8, { align: 'center' });
  c.text(title, P(0, 0)[0] + 22, titleY + 3, 10);
  c.ops.polyline(
    [
      [P(0, 0)[0] + 22, titleY],
      [P(0, 0)[0] + 22 + c.textWidth(title, 10), titleY],
    ],
    { stroke: 0, width: 1 },
  );
  const printedScale = o.nts ? (o.language === 'fr' ? 'ÉCHELLE : S.O.' : 'SCALE: N.T.S.') : scaleText;
  c.text(printedScale, P(0, 0)[0] + 22, titleY - 10, 7.5);
  if (o.scaleBar && !o.nts) {
    // Four segments of one "nice" length (metres or feet), alternately filled, ~100 pt or more.
    const nice = o.imperial ? [1, 2, 4, 8, 16].map((ft) => ft * 0.3048) : [0.25, 0.5, 1, 2, 5];
    const seg = nice.find((m) => 4 * m * ptm >= 90) ?? (nice.at(-1) as number);
    const bx = P(0, 0)[0] + 22 + c.textWidth(printedScale, 7.5) + 20;
    for (let k = 0; k < 4; k++) {
      const sx = bx + k * seg * ptm;
      c.ops.polyline(
        [
          [sx, titleY - 10],
          [sx + seg * ptm, titleY - 10],
          [sx + seg * ptm, titleY - 6],
          [sx, titleY - 6],
        ],
        k % 2 ? { stroke: 0, width: 0.4 } : { fill: 0, stroke: 0, width: 0.4 },
        true,
      );
    }
    c.text('0', bx, titleY - 17, 5, { align: 'center' });
    const endLabel = o.imperial ? `${Math.round((4 * seg) / 0.3048)}'` : `${4 * seg} m`;
    c.text(endLabel, bx + 4 * seg * ptm, titleY - 17, 5, { align: 'center' });
    styles.push('scale-bar');
  }
  if (o.enlarged) {
    styles.push('enlarged-plan');
    return { rooms, devices, scaleText: printedScale, metresPerPoint: mpp, styles };
  }
  // North arrow.
  const [nx0, ny0] = P(wM + 1.5, dM - 0.5);
  c.ops.polyline(
    [
      [nx0, ny0 - 12],
      [nx0 + 5, ny0 - 16],
      [nx0, ny0 + 8],
      [nx0 - 5, ny0 - 16],
    ],
    { stroke: 0, width: 0.5, fill: 0.3 },
    true,
  );
  c.text('N', nx0, ny0 + 11, 7, { align: 'center' });

  return { rooms, devices, scaleText: printedScale, metresPerPoint: o.nts ? null : mpp, styles };
}

function feetInches(metres: number): string {
  const inches = Math.round(metres / 0.0254);
  return `${Math.floor(inches / 12)}'-${inches % 12}"`;
}

function placeIn(
  rng: Rng,
  box: Box,
  where: 'wall' | 'ceiling' | 'door',
  door: Pt,
  size: number,
  radius: number,
  o: FloorOptions,
): Placement | null {
  const [x0, y0, x1, y1] = box;
  const inset = size * 1.15;
  if (x1 - x0 < radius * 2.4 || y1 - y0 < radius * 2.4) return null;
  const mirrored = rng.chance(o.mirrorRate);
  if (where === 'ceiling') {
    const x = rng.float(x0 + radius * 1.3, x1 - radius * 1.3);
    const y = rng.float(y0 + radius * 1.3, y1 - radius * 1.3);
    const rotation = o.anyAngle ? Math.round(rng.float(0, 360) * 10) / 10 : rng.pick([0, 0, 90, 180]);
    return { x, y, size: size * rng.float(0.97, 1.03), rotation, mirrored };
  }
  const near = where === 'door';
  // Wall devices sit against a wall with their front (+y of the drawing) into the room.
  const wall = near
    ? Math.abs(door[1] - y0) < 1
      ? 'bottom'
      : 'left'
    : rng.pick(['bottom', 'top', 'left', 'right'] as const);
  const along = (a: number, b: number, at: number | null) =>
    at === null
      ? rng.float(a + radius * 1.5, b - radius * 1.5)
      : Math.min(b - radius * 1.5, Math.max(a + radius * 1.5, at + rng.float(-1, 1) * size * 3));
  switch (wall) {
    case 'bottom':
      return {
        x: along(x0, x1, near ? door[0] - size * 2.5 : null),
        y: y0 + inset,
        size,
        rotation: 0,
        mirrored,
      };
    case 'top':
      return { x: along(x0, x1, null), y: y1 - inset, size, rotation: 180, mirrored };
    case 'left':
      return {
        x: x0 + inset,
        y: along(y0, y1, near ? door[1] - size * 2.5 : null),
        size,
        rotation: 270,
        mirrored,
      };
    default:
      return { x: x1 - inset, y: along(y0, y1, null), size, rotation: 90, mirrored };
  }
}

export { boundsOf, placementTransform };
