import type { Rng } from './rng.ts';
import type { RoomKind } from './vocabulary.ts';

/**
 * Floor layouts in metres (x to the right, y up, origin at the footprint's bottom-left corner).
 * Room rectangles are given on wall centre lines; walls, door openings and windows derive from
 * them. Layouts are "band" plans — a back band of rooms, a corridor band (with the entry at one
 * end) and a front band — which is how most Québec bungalows, basements and small office
 * fit-ups are organised, mirrored and re-proportioned per seed.
 */
export type Rect = readonly [number, number, number, number];

export interface LayoutRoom {
  readonly id: string;
  readonly kind: RoomKind;
  /** Printed label (unique within a plan set). */
  readonly name: string;
  /** Wall centre-line rectangle, metres. */
  readonly rect: Rect;
}

export interface Opening {
  readonly orient: 'h' | 'v';
  /** y of a horizontal wall or x of a vertical wall, metres. */
  readonly at: number;
  readonly from: number;
  readonly to: number;
  readonly kind: 'door' | 'opening' | 'window';
  /** Door leaf swings towards +normal (+1) or −normal (−1); hinge at `from` or `to`. */
  readonly swing: 1 | -1;
  readonly hingeAtFrom: boolean;
}

export interface WallSegment {
  readonly orient: 'h' | 'v';
  readonly at: number;
  readonly from: number;
  readonly to: number;
  readonly exterior: boolean;
}

export interface FloorLayout {
  readonly width: number;
  readonly depth: number;
  readonly exteriorWall: number;
  readonly interiorWall: number;
  readonly rooms: readonly LayoutRoom[];
  readonly openings: readonly Opening[];
}

export interface RoomRequest {
  readonly kind: RoomKind;
  readonly name: string;
  /** Relative width inside its band. */
  readonly weight: number;
}

export interface BandLayoutRequest {
  readonly width: number;
  readonly depth: number;
  readonly back: readonly RoomRequest[];
  readonly front: readonly RoomRequest[];
  /** Room at the corridor's end spanning corridor + front band (entry / stair hall), if any. */
  readonly entry: RoomRequest | null;
  readonly corridor: RoomRequest | null;
  readonly corridorWidth: number;
  /** Fraction of (depth − corridor) given to the back band. */
  readonly backShare: number;
  /** Whether the back band's two first rooms are open to each other (open-plan kitchen/living). */
  readonly openPlan: boolean;
}

/** Builds a band layout and its doors and windows (random positions from `rng`). */
export function bandLayout(req: BandLayoutRequest, rng: Rng): FloorLayout {
  const { width: W, depth: D } = req;
  const corridor = req.corridor ? req.corridorWidth : 0;
  const backDepth = round2((D - corridor) * req.backShare);
  const yFrontTop = round2(D - backDepth - corridor);
  const yCorridorTop = round2(D - backDepth);
  const rooms: LayoutRoom[] = [];
  let n = 0;
  const add = (r: RoomRequest, rect: Rect): void => {
    rooms.push({ id: `r${n++}`, kind: r.kind, name: r.name, rect: rect.map(round2) as unknown as Rect });
  };
  const split = (list: readonly RoomRequest[], x0: number, x1: number, y0: number, y1: number): void => {
    const total = list.reduce((s, r) => s + r.weight, 0);
    let x = x0;
    list.forEach((r, i) => {
      const next = i === list.length - 1 ? x1 : round2(x + ((x1 - x0) * r.weight) / total);
      add(r, [x, y0, next, y1]);
      x = next;
    });
  };
  split(req.back, 0, W, yCorridorTop, D);
  const entryWidth = req.entry ? round2(Math.min(2.6, Math.max(1.8, W * 0.18))) : 0;
  if (req.entry) add(req.entry, [0, 0, entryWidth, yCorridorTop]);
  if (req.corridor && corridor > 0) add(req.corridor, [entryWidth, yFrontTop, W, yCorridorTop]);
  split(req.front, entryWidth, W, 0, req.corridor ? yFrontTop : yCorridorTop);

  const openings: Opening[] = [];
  const corridorRoom = rooms.find((r) => req.corridor && r.name === req.corridor.name);
  const entryRoom = rooms.find((r) => req.entry && r.name === req.entry.name);
  const hub = corridorRoom ?? entryRoom;
  const doorWidth = (kind: RoomKind): number =>
    kind === 'garage' || kind === 'warehouse' ? 0.9 : kind === 'storage' ? 0.7 : 0.8;

  for (const room of rooms) {
    if (room === corridorRoom || room === entryRoom) continue;
    const targets = [corridorRoom, entryRoom, ...rooms.filter((r) => r !== room)].filter(
      (r): r is LayoutRoom => r !== undefined,
    );
    for (const target of targets) {
      const shared = sharedEdge(room.rect, target.rect);
      if (!shared || shared.to - shared.from < doorWidth(room.kind) + 0.5) continue;
      const w = doorWidth(room.kind);
      const wide = req.openPlan && target.kind !== 'corridor' && target.kind !== 'entry';
      const len = wide ? Math.min(shared.to - shared.from - 0.6, rng.range(1.6, 2.6)) : w;
      const from = round2(rng.range(shared.from + 0.25, shared.to - 0.25 - len));
      openings.push({
        orient: shared.orient,
        at: shared.at,
        from,
        to: round2(from + len),
        kind: wide ? 'opening' : 'door',
        // Doors swing into the room they serve.
        swing: towards(shared, room.rect),
        hingeAtFrom: rng.chance(0.5),
      });
      break;
    }
  }
  if (req.openPlan) {
    const [a, b] = rooms.filter((r) => req.back.slice(0, 2).some((q) => q.name === r.name));
    const shared = a && b ? sharedEdge(a.rect, b.rect) : null;
    if (shared && !openings.some((o) => o.at === shared.at && o.orient === shared.orient)) {
      const len = Math.min(shared.to - shared.from - 0.6, rng.range(1.8, 2.8));
      const from = round2(rng.range(shared.from + 0.3, shared.to - 0.3 - len));
      openings.push({
        orient: shared.orient,
        at: shared.at,
        from,
        to: round2(from + len),
        kind: 'opening',
        swing: 1,
        hingeAtFrom: true,
      });
    }
  }
  if (corridorRoom && entryRoom) {
    const shared = sharedEdge(corridorRoom.rect, entryRoom.rect);
    if (shared)
      openings.push({
        ...shared,
        from: shared.from + 0.1,
        to: shared.to - 0.1,
        kind: 'opening',
        swing: 1,
        hingeAtFrom: true,
      });
  }
  // Front door on the entry's exterior wall (or the hub's).
  const front = entryRoom ?? hub ?? rooms[0];
  if (front) {
    const [x0, y0, x1] = front.rect;
    if (x0 === 0 && rng.chance(0.5)) {
      const from = round2(rng.range(front.rect[1] + 0.4, front.rect[3] - 1.4));
      openings.push({
        orient: 'v',
        at: 0,
        from,
        to: round2(from + 0.9),
        kind: 'door',
        swing: 1,
        hingeAtFrom: rng.chance(0.5),
      });
    } else if (y0 === 0) {
      const from = round2(rng.range(x0 + 0.3, Math.max(x0 + 0.31, x1 - 1.2)));
      openings.push({
        orient: 'h',
        at: 0,
        from,
        to: round2(from + 0.9),
        kind: 'door',
        swing: 1,
        hingeAtFrom: rng.chance(0.5),
      });
    }
  }
  // Windows on exterior walls of habitable rooms.
  for (const room of rooms) {
    if (['corridor', 'storage', 'mechanical', 'powder'].includes(room.kind)) continue;
    for (const edge of roomEdges(room.rect)) {
      if (!isExterior(edge, W, D) || edge.to - edge.from < 2) continue;
      if (!rng.chance(0.7)) continue;
      const len = round2(Math.min(edge.to - edge.from - 1.2, rng.range(0.9, 1.8)));
      const mid = (edge.from + edge.to) / 2 + rng.range(-0.3, 0.3);
      const from = round2(mid - len / 2);
      const candidate: Opening = {
        ...edge,
        from,
        to: round2(from + len),
        kind: 'window',
        swing: 1,
        hingeAtFrom: true,
      };
      if (
        openings.some(
          (o) => sameLine(o, candidate) && o.from < candidate.to + 0.3 && candidate.from < o.to + 0.3,
        )
      )
        continue;
      openings.push(candidate);
    }
  }
  return { width: W, depth: D, exteriorWall: 0.3, interiorWall: 0.15, rooms, openings };
}

/** The edge two rectangles share (same wall line, overlapping extent), if any. */
export function sharedEdge(
  a: Rect,
  b: Rect,
): { orient: 'h' | 'v'; at: number; from: number; to: number } | null {
  const eps = 1e-6;
  for (const [ea, eb, orient] of [
    [a[2], b[0], 'v'],
    [a[0], b[2], 'v'],
    [a[3], b[1], 'h'],
    [a[1], b[3], 'h'],
  ] as const) {
    if (Math.abs(ea - eb) > eps) continue;
    const from = orient === 'v' ? Math.max(a[1], b[1]) : Math.max(a[0], b[0]);
    const to = orient === 'v' ? Math.min(a[3], b[3]) : Math.min(a[2], b[2]);
    if (to - from > eps) return { orient, at: ea, from, to };
  }
  return null;
}

function towards(edge: { orient: 'h' | 'v'; at: number }, rect: Rect): 1 | -1 {
  const centre = edge.orient === 'h' ? (rect[1] + rect[3]) / 2 : (rect[0] + rect[2]) / 2;
  return centre > edge.at ? 1 : -1;
}

export function roomEdges(
  r: Rect,
): { orient: 'h' | 'v'; at: number; from: number; to: number; side: Side }[] {
  return [
    { orient: 'h', at: r[1], from: r[0], to: r[2], side: 'bottom' },
    { orient: 'h', at: r[3], from: r[0], to: r[2], side: 'top' },
    { orient: 'v', at: r[0], from: r[1], to: r[3], side: 'left' },
    { orient: 'v', at: r[2], from: r[1], to: r[3], side: 'right' },
  ];
}

export type Side = 'bottom' | 'top' | 'left' | 'right';

export function isExterior(edge: { orient: 'h' | 'v'; at: number }, width: number, depth: number): boolean {
  return edge.orient === 'h' ? edge.at === 0 || edge.at === depth : edge.at === 0 || edge.at === width;
}

function sameLine(a: { orient: 'h' | 'v'; at: number }, b: { orient: 'h' | 'v'; at: number }): boolean {
  return a.orient === b.orient && Math.abs(a.at - b.at) < 1e-6;
}

/** Merged wall segments (centre lines) of a layout, before openings are cut. */
export function wallSegments(layout: FloorLayout): WallSegment[] {
  const lines = new Map<string, { orient: 'h' | 'v'; at: number; spans: [number, number][] }>();
  for (const room of layout.rooms) {
    for (const e of roomEdges(room.rect)) {
      const key = `${e.orient}:${e.at}`;
      const line = lines.get(key) ?? { orient: e.orient, at: e.at, spans: [] };
      line.spans.push([e.from, e.to]);
      lines.set(key, line);
    }
  }
  const out: WallSegment[] = [];
  for (const line of [...lines.values()].sort((a, b) =>
    a.orient === b.orient ? a.at - b.at : a.orient === 'h' ? -1 : 1,
  )) {
    const spans = line.spans.sort((a, b) => a[0] - b[0]);
    let cur: [number, number] | null = null;
    const merged: [number, number][] = [];
    for (const s of spans) {
      if (cur && s[0] <= cur[1] + 1e-6) cur[1] = Math.max(cur[1], s[1]);
      else {
        if (cur) merged.push(cur);
        cur = [s[0], s[1]];
      }
    }
    if (cur) merged.push(cur);
    for (const [from, to] of merged) {
      out.push({
        orient: line.orient,
        at: line.at,
        from,
        to,
        exterior: isExterior(line, layout.width, layout.depth),
      });
    }
  }
  return out;
}

/** Interior (clear) rectangle of a room: centre-line rectangle minus half of each wall's thickness. */
export function roomInterior(layout: FloorLayout, rect: Rect): Rect {
  const half = (edge: { orient: 'h' | 'v'; at: number }): number =>
    (isExterior(edge, layout.width, layout.depth) ? layout.exteriorWall : layout.interiorWall) / 2;
  return [
    rect[0] + half({ orient: 'v', at: rect[0] }),
    rect[1] + half({ orient: 'h', at: rect[1] }),
    rect[2] - half({ orient: 'v', at: rect[2] }),
    rect[3] - half({ orient: 'h', at: rect[3] }),
  ];
}

/** Openings lying on a room's edge (doors, wide openings, windows). */
export function openingsOnEdge(
  layout: FloorLayout,
  edge: { orient: 'h' | 'v'; at: number; from: number; to: number },
): Opening[] {
  return layout.openings.filter(
    (o) => sameLine(o, edge) && o.from < edge.to - 1e-6 && edge.from < o.to - 1e-6,
  );
}

/** Mirrors a layout left↔right so that the same programme yields a different drawing. */
export function mirrorLayout(layout: FloorLayout): FloorLayout {
  const W = layout.width;
  return {
    ...layout,
    rooms: layout.rooms.map((r) => ({
      ...r,
      rect: [round2(W - r.rect[2]), r.rect[1], round2(W - r.rect[0]), r.rect[3]] as const,
    })),
    openings: layout.openings.map((o) =>
      o.orient === 'v'
        ? { ...o, at: round2(W - o.at), swing: (o.swing === 1 ? -1 : 1) as 1 | -1 }
        : { ...o, from: round2(W - o.to), to: round2(W - o.from), hingeAtFrom: !o.hingeAtFrom },
    ),
  };
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
