import type { Canvas } from './canvas.ts';
import type { FloorView, ViewRoom } from './floor.ts';
import { type Box, boxDistance, boxesOverlap, growBox, type Point } from './geometry.ts';
import { isExterior, type LayoutRoom, type Opening, openingsOnEdge, roomEdges, type Side } from './layout.ts';
import type { DeviceRole, DrawingStyle, FloorLevel, LegendRowSpec } from './plan-spec.ts';
import type { Rng } from './rng.ts';
import type { CircuitLoad } from './schedule.ts';
import {
  drawSymbol,
  type Language,
  type SymbolGeometry,
  type SymbolPlacement,
  styleById,
} from './symbols.ts';
import type { RoomKind } from './vocabulary.ts';

/**
 * Device layout: which devices each room gets (a simplified Québec residential / office
 * programme: receptacles every ~3.6 m of wall, switches at the latch side of doors, ceiling
 * fixtures centred or on a grid, smoke alarms in bedrooms and halls, …) and where they go, so
 * that symbols touch walls, sit near text and turn with their wall, without two symbols (or a
 * symbol and another symbol's circuit tag) overlapping. Nothing here draws; render.ts does.
 */
export interface PlacedDevice {
  readonly row: LegendRowSpec;
  readonly geom: SymbolGeometry;
  readonly placement: SymbolPlacement;
  /** View-space bounding box. */
  readonly box: Box;
  readonly room: LayoutRoom | null;
  readonly load: CircuitLoad | null;
  readonly panel: string | null;
  /** Reserved circuit-tag position (filled with the final text once circuits are numbered). */
  readonly tag: TagSlot | null;
  readonly note: { text: string; slot: TagSlot } | null;
}

export interface TagSlot {
  readonly at: Point;
  readonly anchor: 'start' | 'middle' | 'end';
}

export interface PlacementContext {
  readonly canvas: Canvas;
  readonly view: FloorView;
  readonly rng: Rng;
  /** Draws for skewed ceiling fixtures, apart from `rng` so that plans without any stay as they were. */
  readonly skewRng: Rng;
  /** Points per symbol unit on this sheet. */
  readonly unit: number;
  readonly tagSize: number;
  readonly style: DrawingStyle;
  readonly legend: readonly LegendRowSpec[];
  readonly language: Language;
  readonly level: FloorLevel;
  readonly floorIndex: number;
  readonly panel: string;
  /** Widest tag text this plan can print (reserves room before circuits are numbered). */
  readonly tagPlaceholder: string;
  readonly labels: readonly Box[];
  readonly furniture: readonly Box[];
  readonly drawingArea: Box;
}

type Mount = 'wall' | 'door' | 'ceiling' | 'grid' | 'outside';

interface DeviceRequest {
  readonly role: DeviceRole;
  readonly mount: Mount;
  /** For ceiling grids: how many. */
  readonly count?: number;
  readonly side?: 'exterior' | 'interior';
}

const FALLBACK: Partial<Record<DeviceRole, readonly DeviceRole[]>> = {
  gfci: ['receptacle'],
  switch3: ['switch'],
  recessed: ['ceiling', 'troffer'],
  ceiling: ['recessed', 'troffer'],
  troffer: ['recessed', 'ceiling'],
  sconce: ['ceiling'],
  emergency: [],
};

function rowFor(legend: readonly LegendRowSpec[], role: DeviceRole): LegendRowSpec | null {
  for (const r of [role, ...(FALLBACK[role] ?? [])]) {
    const row = legend.find((l) => l.role === r);
    if (row) return row;
  }
  return null;
}

/** Devices a room gets, from its kind and size. */
function programme(
  kind: RoomKind,
  areaM2: number,
  perimeterM: number,
  rng: Rng,
  level: FloorLevel,
): DeviceRequest[] {
  const out: DeviceRequest[] = [];
  const add = (role: DeviceRole, mount: Mount, n = 1, extra: Partial<DeviceRequest> = {}): void => {
    for (let i = 0; i < n; i++) out.push({ role, mount, ...extra });
  };
  const recN = Math.max(2, Math.min(7, Math.round(perimeterM / 3.6)));
  const grid = Math.max(2, Math.min(8, Math.round(areaM2 / 4.5)));
  const habitable = [
    'living',
    'dining',
    'bedroom',
    'family',
    'office',
    'kitchen',
    'bathroom',
    'entry',
    'conference',
    'reception',
  ].includes(kind);
  switch (kind) {
    case 'living':
    case 'family':
      add('receptacle', 'wall', recN);
      add('recessed', 'grid', 1, { count: grid });
      add('data', 'wall', rng.int(0, 1));
      break;
    case 'dining':
      add('receptacle', 'wall', Math.max(2, recN - 1));
      add('ceiling', 'ceiling');
      break;
    case 'bedroom':
      add('receptacle', 'wall', recN);
      add('ceiling', 'ceiling');
      add('smoke', 'ceiling');
      add('data', 'wall', rng.int(0, 1));
      break;
    case 'office':
      add('receptacle', 'wall', recN);
      add(level === 'commercial' ? 'troffer' : 'ceiling', level === 'commercial' ? 'grid' : 'ceiling', 1, {
        count: Math.max(1, Math.round(areaM2 / 8)),
      });
      add('data', 'wall', level === 'commercial' ? 2 : 1);
      break;
    case 'conference':
      add('receptacle', 'wall', recN);
      add('recessed', 'grid', 1, { count: grid });
      add('data', 'wall', 2);
      add('switch3', 'door');
      break;
    case 'reception':
      add('receptacle', 'wall', Math.max(2, recN - 1));
      add('recessed', 'grid', 1, { count: Math.min(grid, 4) });
      add('data', 'wall');
      add('exit', 'ceiling');
      break;
    case 'kitchen':
      add('receptacle', 'wall', rng.int(3, 5), { side: 'exterior' });
      add('r240', 'wall');
      add('recessed', 'grid', 1, { count: Math.min(6, grid) });
      add('fan', 'ceiling');
      break;
    case 'kitchenette':
      add('receptacle', 'wall', 2);
      add('gfci', 'wall');
      add('ceiling', 'ceiling');
      break;
    case 'bathroom':
      add('gfci', 'wall');
      add('ceiling', 'ceiling');
      add('sconce', 'wall');
      add('fan', 'ceiling');
      break;
    case 'powder':
      add('gfci', 'wall');
      add('ceiling', 'ceiling');
      add('fan', 'ceiling');
      break;
    case 'entry':
      add('receptacle', 'wall');
      add('ceiling', 'ceiling');
      add('chime', 'wall');
      add('switch3', 'door');
      break;
    case 'corridor':
      add('receptacle', 'wall', level === 'commercial' ? 2 : 1);
      add('ceiling', 'grid', 1, { count: level === 'commercial' ? 3 : rng.int(1, 2) });
      add('smoke', 'ceiling');
      add('co', 'ceiling');
      add('switch3', 'door');
      add('exit', 'ceiling', level === 'commercial' ? 1 : 0);
      add('emergency', 'wall', level === 'commercial' ? 1 : 0);
      break;
    case 'laundry':
      add('receptacle', 'wall', 2);
      add('r240', 'wall');
      add('ceiling', 'ceiling');
      break;
    case 'mechanical':
      add('panel', 'wall');
      add('receptacle', 'wall');
      add('ceiling', 'ceiling');
      add('jbox', 'ceiling');
      break;
    case 'garage':
      add('receptacle', 'wall', 2);
      add('ev', 'wall');
      add('ceiling', 'grid', 1, { count: 2 });
      break;
    case 'storage':
      add('ceiling', 'ceiling');
      break;
    case 'warehouse':
      add('receptacle', 'wall', 3);
      add('ev', 'wall', 1, { side: 'exterior' });
      add('troffer', 'grid', 1, { count: Math.max(2, Math.round(areaM2 / 10)) });
      add('emergency', 'wall');
      add('exit', 'ceiling');
      break;
  }
  if (!out.some((d) => d.role === 'switch3')) add('switch', 'door');
  if (habitable && kind !== 'entry') {
    add('heater', 'wall', areaM2 > 14 && level !== 'commercial' ? 2 : 1, { side: 'exterior' });
    add('thermostat', 'wall', 1, { side: 'interior' });
  } else if (kind === 'entry') {
    add('heater', 'wall', 1, { side: 'exterior' });
  }
  return out;
}

/** Circuit a device belongs to (null: no branch circuit tag, e.g. data outlets and panels). */
function loadFor(
  role: DeviceRole,
  room: LayoutRoom,
  ctx: PlacementContext,
  index: number,
): CircuitLoad | null {
  const fr = ctx.language === 'fr';
  const name = room.name.toLocaleLowerCase('fr-CA');
  const levelName: Record<FloorLevel, string> = fr
    ? { ground: 'RDC', upper: 'étage', basement: 'sous-sol', commercial: `aire ${ctx.floorIndex + 1}` }
    : {
        ground: 'main floor',
        upper: 'upper floor',
        basement: 'basement',
        commercial: `area ${ctx.floorIndex + 1}`,
      };
  const back = room.rect[1] > ctx.view.layout.depth / 3;
  const zone = fr ? (back ? 'arrière' : 'avant') : back ? 'rear' : 'front';
  const f = ctx.floorIndex;
  switch (role) {
    case 'receptacle':
      if (room.kind === 'kitchen') {
        const k = index % 2;
        return {
          key: `rec:${room.id}:${k}`,
          description: fr ? `Prises comptoir cuisine ${k + 1}` : `Kitchen counter receptacles ${k + 1}`,
          amps: 20,
          poles: 1,
        };
      }
      return {
        key: `rec:${room.id}`,
        description: fr ? `Prises ${name}` : `Receptacles ${name}`,
        amps: 15,
        poles: 1,
      };
    case 'gfci':
      return {
        key: `gfci:${room.id}`,
        description: fr ? `Prise DDFT ${name}` : `GFCI ${name}`,
        amps: 20,
        poles: 1,
      };
    case 'r240':
      return room.kind === 'kitchen'
        ? { key: `range:${room.id}`, description: fr ? 'Cuisinière' : 'Range', amps: 40, poles: 2 }
        : { key: `dryer:${room.id}`, description: fr ? 'Sécheuse' : 'Dryer', amps: 30, poles: 2 };
    case 'heater':
    case 'thermostat':
      return {
        key: `heat:${room.id}`,
        description: fr ? `Plinthes ${name}` : `Baseboard ${name}`,
        amps: 20,
        poles: 2,
      };
    case 'smoke':
    case 'co':
      return {
        key: `alarm:${f}`,
        description: fr ? `Avertisseurs ${levelName[ctx.level]}` : `Smoke/CO alarms ${levelName[ctx.level]}`,
        amps: 15,
        poles: 1,
      };
    case 'ev':
      return {
        key: `ev:${room.id}`,
        description: fr ? 'Borne de recharge VE' : 'EV charger',
        amps: 40,
        poles: 2,
      };
    case 'exit':
    case 'emergency':
      return {
        key: `em:${f}`,
        description: fr ? "Éclairage d'urgence" : 'Emergency lighting',
        amps: 15,
        poles: 1,
      };
    case 'panel':
    case 'data':
    case 'jbox':
      return null;
    default:
      return {
        key: `light:${f}:${zone}`,
        description: fr
          ? `Éclairage ${levelName[ctx.level]} ${zone}`
          : `Lighting ${levelName[ctx.level]} ${zone}`,
        amps: 15,
        poles: 1,
      };
  }
}

interface PlacementState {
  readonly placed: PlacedDevice[];
  readonly tags: { box: Box; owner: Box }[];
}

const SIDE_ROTATION: Record<Side, 0 | 90 | 180 | 270> = { bottom: 0, right: 90, top: 180, left: 270 };
const SIDE_NORMAL: Record<Side, Point> = { bottom: [0, 1], top: [0, -1], left: [1, 0], right: [-1, 0] };

/** Lays out every device of a floor; returns them in placement order. */
export function placeDevices(ctx: PlacementContext): PlacedDevice[] {
  const state: PlacementState = { placed: [], tags: [] };
  for (const vr of ctx.view.rooms) {
    const [mx0, my0, mx1, my1] = vr.interiorM;
    const area = (mx1 - mx0) * (my1 - my0);
    const requests = programme(vr.room.kind, area, 2 * (mx1 - mx0 + my1 - my0), ctx.rng, ctx.level);
    const counters = new Map<DeviceRole, number>();
    for (const req of requests) {
      const row = rowFor(ctx.legend, req.role);
      if (!row) continue;
      const n = req.mount === 'grid' ? (req.count ?? 1) : 1;
      const positions = req.mount === 'grid' ? gridPoints(vr, n) : [null];
      for (const pos of positions) {
        const index = counters.get(req.role) ?? 0;
        counters.set(req.role, index + 1);
        const load = loadFor(row.role, vr.room, ctx, index);
        placeOne(ctx, state, vr, req, row, load, pos);
      }
    }
    if (vr.room.kind === 'entry' || vr.room.kind === 'reception') placeOutside(ctx, state, vr);
  }
  return state.placed;
}

function gridPoints(vr: ViewRoom, n: number): Point[] {
  const [x0, y0, x1, y1] = vr.interior;
  const w = x1 - x0;
  const h = y1 - y0;
  const cols = Math.max(1, Math.round(Math.sqrt((n * w) / h)));
  const rows = Math.max(1, Math.ceil(n / cols));
  const pts: Point[] = [];
  for (let r = 0; r < rows; r++)
    for (let c = 0; c < cols && pts.length < n; c++)
      pts.push([x0 + (w * (c + 0.5)) / cols, y0 + (h * (r + 0.5)) / rows]);
  return pts;
}

function symbolAt(
  ctx: PlacementContext,
  geom: SymbolGeometry,
  x: number,
  y: number,
  rotation: number,
  mirrored: boolean,
  scale: number,
): { placement: SymbolPlacement; box: Box } {
  const placement: SymbolPlacement = { x, y, unit: ctx.unit, rotation, mirrored, scale };
  const box = drawSymbol(ctx.canvas, geom, placement, {
    mode: 'flat',
    lineWidth: 0.5,
    textRotates: ctx.style.textRotates,
    layer: 'E-DEVC',
    textLayer: 'E-TEXT',
    dryRun: true,
  });
  return { placement, box };
}

function free(ctx: PlacementContext, state: PlacementState, box: Box, avoidFurniture: boolean): boolean {
  const u = ctx.unit;
  if (state.placed.some((p) => boxesOverlap(growBox(p.box, u * 0.7), box))) return false;
  if (state.tags.some((t) => boxDistance(t.box, box) < u * 1.6)) return false;
  if (ctx.labels.some((l) => boxesOverlap(growBox(l, u * 0.2), box))) return false;
  if (avoidFurniture && ctx.furniture.some((f) => boxesOverlap(f, box))) return false;
  const a = ctx.drawingArea;
  return box[0] >= a[0] && box[1] >= a[1] && box[2] <= a[2] && box[3] <= a[3];
}

function randomTransform(ctx: PlacementContext): { mirrored: boolean; scale: number } {
  const mirrored = ctx.rng.chance(ctx.style.mirrorProbability);
  const scale = ctx.rng.chance(ctx.style.rescaleProbability)
    ? ctx.rng.pick([0.8, 0.85, 0.9, 1.1, 1.15, 1.2])
    : 1;
  return { mirrored, scale };
}

/** How far the symbol's centre sits from the wall face, as a fraction of its extent there. */
function wallGap(ctx: PlacementContext): number {
  const r = ctx.rng.next();
  return r < 0.2 ? 0.55 : r < 0.55 ? 1 : ctx.rng.range(1.15, 1.6);
}

interface SideInfo {
  readonly side: Side;
  /** Wall face coordinate (view) and the span along it. */
  readonly face: number;
  readonly from: number;
  readonly to: number;
  readonly exterior: boolean;
  /** Blocked spans along the side (doors and wide openings), view coordinates. */
  readonly blocked: readonly [number, number][];
  readonly doors: readonly Opening[];
}

function sidesOf(ctx: PlacementContext, vr: ViewRoom): SideInfo[] {
  const { view } = ctx;
  const [x0, y0, x1, y1] = vr.interior;
  return roomEdges(vr.room.rect).map((edge) => {
    const openings = openingsOnEdge(view.layout, edge);
    const toAlong = (m: number): number => (edge.orient === 'h' ? view.ox : view.oy) + m * view.ppm;
    const blocked = openings
      .filter((o) => o.kind !== 'window')
      .map((o) => [toAlong(o.from) - ctx.unit, toAlong(o.to) + ctx.unit] as [number, number]);
    const face = edge.side === 'bottom' ? y0 : edge.side === 'top' ? y1 : edge.side === 'left' ? x0 : x1;
    const [from, to] = edge.orient === 'h' ? [x0, x1] : [y0, y1];
    return {
      side: edge.side,
      face,
      from,
      to,
      exterior: isExterior(edge, view.layout.width, view.layout.depth),
      blocked,
      doors: openings.filter((o) => o.kind === 'door' || o.kind === 'opening'),
    };
  });
}

function wallPosition(
  ctx: PlacementContext,
  geom: SymbolGeometry,
  side: SideInfo,
  along: number,
  outside: boolean,
): { placement: SymbolPlacement; box: Box } {
  const rotation = ctx.style.rotateWithWall ? SIDE_ROTATION[side.side] : 0;
  const rot = (outside ? (rotation + 180) % 360 : rotation) as 0 | 90 | 180 | 270;
  const { mirrored, scale } = randomTransform(ctx);
  const probe = symbolAt(ctx, geom, 0, 0, rot, mirrored, scale);
  const normal = SIDE_NORMAL[side.side];
  const dir: Point = outside ? [-normal[0], -normal[1]] : normal;
  // Extent of the symbol towards the wall (opposite to dir).
  const extent =
    dir[0] > 0 ? -probe.box[0] : dir[0] < 0 ? probe.box[2] : dir[1] > 0 ? -probe.box[1] : probe.box[3];
  const wallOffset = outside ? ctx.view.layout.exteriorWall * ctx.view.ppm : 0;
  const gap = Math.max(extent * wallGap(ctx), ctx.unit * 0.45) + wallOffset;
  const horizontal = side.side === 'bottom' || side.side === 'top';
  const x = horizontal ? along : side.face + dir[0] * gap;
  const y = horizontal ? side.face + dir[1] * gap : along;
  return symbolAt(ctx, geom, x, y, rot, mirrored, scale);
}

function placeOne(
  ctx: PlacementContext,
  state: PlacementState,
  vr: ViewRoom,
  req: DeviceRequest,
  row: LegendRowSpec,
  load: CircuitLoad | null,
  gridPoint: Point | null,
): void {
  const geom = styleById(row.styleId).build(row.symbolText);
  const sides = sidesOf(ctx, vr);
  const tries = 40;
  for (let attempt = 0; attempt < tries; attempt++) {
    const avoidFurniture = attempt < tries / 2 && req.mount !== 'ceiling' && req.mount !== 'grid';
    let candidate: { placement: SymbolPlacement; box: Box } | null = null;
    if (req.mount === 'wall') {
      const eligible = sides.filter((s) =>
        req.side === 'exterior' ? s.exterior : req.side === 'interior' ? !s.exterior : true,
      );
      const pool = eligible.length > 0 && attempt < tries * 0.7 ? eligible : sides;
      const side = ctx.rng.pick(pool);
      const along = ctx.rng.range(side.from + ctx.unit * 2, side.to - ctx.unit * 2);
      if (side.blocked.some(([a, b]) => along > a - ctx.unit * 2.5 && along < b + ctx.unit * 2.5)) continue;
      candidate = wallPosition(ctx, geom, side, along, false);
    } else if (req.mount === 'door') {
      const withDoors = sides.filter((s) => s.doors.length > 0);
      const side = withDoors.length > 0 ? ctx.rng.pick(withDoors) : ctx.rng.pick(sides);
      const door = side.doors.length > 0 ? ctx.rng.pick(side.doors) : null;
      const toAlong = (m: number): number =>
        (side.side === 'bottom' || side.side === 'top' ? ctx.view.ox : ctx.view.oy) + m * ctx.view.ppm;
      let along: number;
      if (door) {
        // Switches go on the latch side of the door first, then the hinge side.
        const latchAtTo = door.hingeAtFrom;
        const atTo = attempt % 2 === 0 ? latchAtTo : !latchAtTo;
        const beyond = ctx.unit * ctx.rng.range(3, 5) + (attempt % 4) * ctx.unit;
        along = atTo ? toAlong(door.to) + beyond : toAlong(door.from) - beyond;
      } else along = ctx.rng.range(side.from + ctx.unit * 2, side.to - ctx.unit * 2);
      if (along < side.from + ctx.unit || along > side.to - ctx.unit) continue;
      candidate = wallPosition(ctx, geom, side, along, false);
    } else {
      const [x0, y0, x1, y1] = vr.interior;
      let px: number;
      let py: number;
      if (gridPoint && attempt === 0) [px, py] = gridPoint;
      else if (gridPoint) {
        px = gridPoint[0] + ctx.rng.range(-1, 1) * ctx.unit * (1 + attempt / 4);
        py = gridPoint[1] + ctx.rng.range(-1, 1) * ctx.unit * (1 + attempt / 4);
      } else if (attempt === 0 && (row.role === 'ceiling' || row.role === 'troffer')) {
        px = (x0 + x1) / 2;
        py = (y0 + y1) / 2;
      } else {
        px = ctx.rng.range(x0 + (x1 - x0) * 0.2, x1 - (x1 - x0) * 0.2);
        py = ctx.rng.range(y0 + (y1 - y0) * 0.2, y1 - (y1 - y0) * 0.2);
      }
      const right =
        ctx.style.rotateWithWall && ctx.rng.chance(0.3) ? ctx.rng.pick([90, 180, 270] as const) : 0;
      // Some drawings turn ceiling fixtures by other angles (a fixture aligned on an angled
      // beam or wing): exercise matching at any angle.
      const skew = ctx.skewRng.chance(ctx.style.skewProbability) ? ctx.skewRng.pick([15, 30, 45, 60, 75]) : 0;
      const rotation = right + skew;
      const { mirrored, scale } = randomTransform(ctx);
      candidate = symbolAt(ctx, geom, px, py, rotation, mirrored, scale);
    }
    const c = candidate;
    const [ix0, iy0, ix1, iy1] = vr.interior;
    if (c.placement.x < ix0 || c.placement.x > ix1 || c.placement.y < iy0 || c.placement.y > iy1) continue;
    const wallSlack = ctx.view.layout.interiorWall * ctx.view.ppm;
    if (
      c.box[0] < ix0 - wallSlack ||
      c.box[2] > ix1 + wallSlack ||
      c.box[1] < iy0 - wallSlack ||
      c.box[3] > iy1 + wallSlack
    )
      continue;
    if (!free(ctx, state, c.box, avoidFurniture)) continue;
    commit(ctx, state, row, geom, c, vr.room, load);
    return;
  }
}

function placeOutside(ctx: PlacementContext, state: PlacementState, vr: ViewRoom): void {
  const row = rowFor(ctx.legend, 'gfci');
  if (!row || !ctx.rng.chance(0.7)) return;
  const geom = styleById(row.styleId).build(row.symbolText);
  const ext = sidesOf(ctx, vr).filter((s) => s.exterior);
  for (let attempt = 0; attempt < 20 && ext.length > 0; attempt++) {
    const side = ctx.rng.pick(ext);
    const along = ctx.rng.range(side.from + ctx.unit * 2, side.to - ctx.unit * 2);
    if (side.blocked.some(([a, b]) => along > a - ctx.unit * 2 && along < b + ctx.unit * 2)) continue;
    const c = wallPosition(ctx, geom, side, along, true);
    if (!free(ctx, state, c.box, false)) continue;
    const fr = ctx.language === 'fr';
    const load: CircuitLoad = {
      key: 'ext',
      description: fr ? 'Prises extérieures' : 'Exterior receptacles',
      amps: 15,
      poles: 1,
    };
    commit(ctx, state, row, geom, c, null, load);
    return;
  }
}

function commit(
  ctx: PlacementContext,
  state: PlacementState,
  row: LegendRowSpec,
  geom: SymbolGeometry,
  c: { placement: SymbolPlacement; box: Box },
  room: LayoutRoom | null,
  load: CircuitLoad | null,
): void {
  const tagged =
    load !== null &&
    ctx.rng.chance(ctx.style.tagProbability * (row.role === 'switch' || row.role === 'switch3' ? 0.3 : 1));
  const reserve: { box: Box; owner: Box }[] = [];
  let tag: TagSlot | null = null;
  if (tagged) {
    tag = findTextSlot(ctx, state, c.box, ctx.tagPlaceholder, reserve);
    if (tag) reserve.push({ box: slotBox(ctx, tag, ctx.tagPlaceholder), owner: c.box });
  }
  let note: PlacedDevice['note'] = null;
  if (ctx.style.deviceNotes && ctx.rng.chance(0.25)) {
    const text = deviceNote(row.role, room, ctx.language, ctx.rng);
    if (text) {
      const slot = findTextSlot(ctx, state, c.box, text, reserve);
      if (slot) {
        note = { text, slot };
        reserve.push({ box: slotBox(ctx, slot, text), owner: c.box });
      }
    }
  }
  state.tags.push(...reserve);
  state.placed.push({
    row,
    geom,
    placement: c.placement,
    box: c.box,
    room,
    load,
    panel: load ? ctx.panel : null,
    tag,
    note,
  });
}

function deviceNote(role: DeviceRole, room: LayoutRoom | null, language: Language, rng: Rng): string | null {
  const fr = language === 'fr';
  if (room === null) return fr ? rng.pick(['ÉTANCHE', 'WP']) : rng.pick(['WP', 'WR']);
  if (role === 'receptacle' && room.kind === 'kitchen')
    return fr ? rng.pick(['+1050', 'COMPTOIR']) : rng.pick(['+42"', 'CTR']);
  if (role === 'receptacle') return rng.pick(['TR', fr ? 'h=450' : '+18"']);
  if (role === 'switch' || role === 'switch3') return fr ? 'h=1100' : '+48"';
  if (role === 'thermostat') return fr ? 'h=1500' : '+60"';
  return null;
}

function slotBox(ctx: PlacementContext, slot: TagSlot, text: string): Box {
  return ctx.canvas.textBox(
    text,
    slot.at,
    { size: ctx.tagSize, anchor: slot.anchor, vAnchor: 'middle' },
    [1, 0, 0, 1, 0, 0],
  );
}

/** A free spot for a short text next to a symbol box, closer to it than to any other symbol. */
function findTextSlot(
  ctx: PlacementContext,
  state: PlacementState,
  owner: Box,
  text: string,
  pending: readonly { box: Box }[],
): TagSlot | null {
  const gap = ctx.unit * 0.35;
  const h = ctx.tagSize * 0.75;
  const [x0, y0, x1, y1] = owner;
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  const slots: TagSlot[] = ctx.rng.shuffle([
    { at: [x1 + gap, cy], anchor: 'start' },
    { at: [x0 - gap, cy], anchor: 'end' },
    { at: [cx, y1 + gap + h / 2], anchor: 'middle' },
    { at: [cx, y0 - gap - h / 2], anchor: 'middle' },
    { at: [x1 + gap, y1 + h / 2], anchor: 'start' },
    { at: [x0 - gap, y0 - h / 2], anchor: 'end' },
  ]);
  for (const slot of slots) {
    const box = slotBox(ctx, slot, text);
    const own = boxDistance(box, owner);
    if (state.placed.some((p) => boxDistance(p.box, box) < Math.max(own * 3, ctx.unit * 1.6))) continue;
    if (state.tags.some((t) => boxesOverlap(growBox(t.box, 1), box))) continue;
    if (pending.some((t) => boxesOverlap(growBox(t.box, 1), box))) continue;
    if (ctx.labels.some((l) => boxesOverlap(l, box))) continue;
    const a = ctx.drawingArea;
    if (box[0] < a[0] || box[1] < a[1] || box[2] > a[2] || box[3] > a[3]) continue;
    return slot;
  }
  return null;
}
