import type { Random } from './random.ts';
import { type BuildingKind, roomNames, type SymbolKind, type WordingSet } from './wording.ts';

/**
 * A building floor in metres: rooms from a recursive split of the footprint, and the devices an
 * electrical designer would put in each (receptacles along walls, a switch by the door, ceiling
 * fixtures, detectors, heaters under windows...). Pure layout: no drawing here.
 */
export interface RoomBox {
  readonly name: string;
  readonly role: RoomRole;
  readonly x0: number;
  readonly y0: number;
  readonly x1: number;
  readonly y1: number;
}

export type RoomRole =
  | 'living'
  | 'kitchen'
  | 'bed'
  | 'dining'
  | 'bath'
  | 'laundry'
  | 'entry'
  | 'hall'
  | 'storage'
  | 'open'
  | 'conference'
  | 'break'
  | 'reception'
  | 'office'
  | 'elec';

const HOUSE_ROLES: RoomRole[] = [
  'living',
  'kitchen',
  'bed',
  'bed',
  'dining',
  'bed',
  'bath',
  'laundry',
  'entry',
  'hall',
  'storage',
  'bath',
];
const OFFICE_ROLES: RoomRole[] = [
  'open',
  'conference',
  'break',
  'reception',
  'office',
  'office',
  'office',
  'storage',
  'elec',
  'office',
  'storage',
  'bath',
];

/** Wall sides of a room: the local "up" of a wall-mounted symbol points into the room. */
export type Side = 'bottom' | 'top' | 'left' | 'right';
export const SIDE_ANGLE: Record<Side, number> = { bottom: 0, top: 180, left: 270, right: 90 };

export interface Device {
  readonly kind: SymbolKind;
  readonly x: number;
  readonly y: number;
  /** Degrees in building space: the wall's angle for wall devices, any angle for ceiling ones. */
  readonly angle: number;
  readonly room: string;
  readonly circuit: string | null;
}

export interface Floor {
  readonly width: number;
  readonly depth: number;
  readonly rooms: RoomBox[];
  readonly devices: Device[];
}

type Rect = { x0: number; y0: number; x1: number; y1: number };

function split(rnd: Random, r: Rect, n: number, out: Rect[]): void {
  const w = r.x1 - r.x0;
  const h = r.y1 - r.y0;
  if (n <= 1 || (w < 5 && h < 5)) {
    out.push(r);
    return;
  }
  const n1 = Math.floor(n / 2);
  const frac = Math.min(0.7, Math.max(0.3, n1 / n + rnd.float(-0.08, 0.08)));
  if (w >= h) {
    const x = Math.round((r.x0 + w * frac) * 10) / 10;
    split(rnd, { ...r, x1: x }, n1, out);
    split(rnd, { ...r, x0: x }, n - n1, out);
  } else {
    const y = Math.round((r.y0 + h * frac) * 10) / 10;
    split(rnd, { ...r, y1: y }, n1, out);
    split(rnd, { ...r, y0: y }, n - n1, out);
  }
}

export interface FloorOptions {
  readonly kind: BuildingKind;
  readonly wording: WordingSet;
  readonly width: number;
  readonly depth: number;
  readonly roomCount: number;
  /** Names already used on other floors of the set (room names stay unique in a set). */
  readonly usedNames: Set<string>;
  /** Minimum distance between device centres, metres (a function of the drawing scale). */
  readonly minGap: number;
  readonly panelName: string;
  readonly withPanel: boolean;
  readonly level: number;
}

export function layoutFloor(rnd: Random, o: FloorOptions): Floor {
  const rects: Rect[] = [];
  split(rnd, { x0: 0, y0: 0, x1: o.width, y1: o.depth }, o.roomCount, rects);
  rects.sort((a, b) => (b.x1 - b.x0) * (b.y1 - b.y0) - (a.x1 - a.x0) * (a.y1 - a.y0));
  const names = roomNames(o.wording, o.kind);
  const roles = o.kind === 'office' ? OFFICE_ROLES : HOUSE_ROLES;
  const rooms: RoomBox[] = rects.map((r, i) => {
    const base = names[i % names.length] as string;
    // Upper floors renumber their rooms (OFFICE 104 → OFFICE 204) or take the level number.
    let name = o.level > 1 && /\b1\d\d\b/.test(base) ? base.replace(/\b1(\d\d)\b/, `${o.level}$1`) : base;
    if (o.usedNames.has(name)) name = `${base} ${o.level}`;
    for (let k = 2; o.usedNames.has(name); k++) name = `${base} ${o.level}.${k}`;
    o.usedNames.add(name);
    return { ...r, name, role: roles[i % roles.length] as RoomRole };
  });
  const devices = placeDevices(rnd, rooms, o);
  return { width: o.width, depth: o.depth, rooms, devices };
}

function placeDevices(rnd: Random, rooms: readonly RoomBox[], o: FloorOptions): Device[] {
  const out: Device[] = [];
  const keepOut: { x: number; y: number; r: number }[] = [];
  const heated = o.wording !== 'us' && o.wording !== 'abbr';
  let nextCircuit = 1;
  const circuitFor = () => (rnd.chance(0.5) ? `${o.panelName}-${nextCircuit++}` : null);
  // Room labels sit at the room centre: nothing is placed on them.
  for (const r of rooms) keepOut.push({ x: (r.x0 + r.x1) / 2, y: (r.y0 + r.y1) / 2, r: o.minGap * 1.6 });

  const free = (x: number, y: number, gap = o.minGap) =>
    out.every((d) => Math.hypot(d.x - x, d.y - y) >= gap) &&
    keepOut.every((k) => Math.hypot(k.x - x, k.y - y) >= k.r);
  const add = (
    kind: SymbolKind,
    x: number,
    y: number,
    angle: number,
    room: RoomBox,
    gap?: number,
  ): boolean => {
    if (!free(x, y, gap)) return false;
    out.push({
      kind,
      x,
      y,
      angle,
      room: room.name,
      circuit: kind.startsWith('receptacle') ? circuitFor() : null,
    });
    return true;
  };
  const inset = Math.max(0.18, o.minGap * 0.45);
  const onWall = (r: RoomBox, side: Side, t: number): [number, number] => {
    switch (side) {
      case 'bottom':
        return [r.x0 + t, r.y0 + inset];
      case 'top':
        return [r.x0 + t, r.y1 - inset];
      case 'left':
        return [r.x0 + inset, r.y0 + t];
      case 'right':
        return [r.x1 - inset, r.y0 + t];
    }
  };
  const sideLength = (r: RoomBox, side: Side) =>
    side === 'bottom' || side === 'top' ? r.x1 - r.x0 : r.y1 - r.y0;
  const isExterior = (r: RoomBox, side: Side) =>
    (side === 'bottom' && r.y0 === 0) ||
    (side === 'top' && r.y1 === o.depth) ||
    (side === 'left' && r.x0 === 0) ||
    (side === 'right' && r.x1 === o.width);
  const wallDevice = (kind: SymbolKind, r: RoomBox, side: Side, t: number) => {
    const [x, y] = onWall(r, side, t);
    return add(kind, x, y, SIDE_ANGLE[side], r);
  };

  for (const room of rooms) {
    const w = room.x1 - room.x0;
    const h = room.y1 - room.y0;
    const cx = (room.x0 + room.x1) / 2;
    const role = room.role;
    const sides: Side[] = ['bottom', 'right', 'top', 'left'];
    const wet = role === 'kitchen' || role === 'bath' || role === 'laundry' || role === 'break';

    // Switch by the door (the door swing is drawn at the bottom-left corner).
    const switchKind: SymbolKind =
      (role === 'living' || role === 'dining' || role === 'conference') && rnd.chance(0.6)
        ? 'switch_dimmer'
        : role === 'hall' || role === 'entry'
          ? 'switch_3way'
          : 'switch';
    wallDevice(switchKind, room, 'left', Math.min(h - inset, 1.0));
    if (switchKind === 'switch_3way') {
      wallDevice('switch_3way', room, 'right', Math.max(inset, h - 1.0));
      if (h > 6 || w > 6) wallDevice('switch_4way', room, 'top', w / 2 + 0.6);
    }

    // Receptacles along the walls.
    if (role !== 'storage' && role !== 'elec') {
      const spacing = role === 'hall' ? 4.5 : rnd.float(2.4, 3.4);
      for (const side of sides) {
        const len = sideLength(room, side);
        for (let t = spacing / 2 + rnd.float(0, 0.6); t < len - 0.5; t += spacing) {
          let kind: SymbolKind = 'receptacle';
          if (wet && (side === 'top' || role === 'bath')) kind = 'receptacle_gfci';
          else if (
            isExterior(room, side) &&
            (role === 'living' || role === 'entry' || role === 'reception') &&
            rnd.chance(0.4)
          )
            kind = 'receptacle_weatherproof';
          wallDevice(kind, room, side, t);
        }
      }
    }
    if (role === 'kitchen' || role === 'laundry')
      wallDevice('receptacle_240v', room, 'right', h / 2 + rnd.float(-0.5, 0.5));
    if (role === 'entry' && o.kind === 'house' && rnd.chance(0.5))
      wallDevice('ev_charger', room, 'bottom', w * 0.75);
    if (role === 'entry' && rnd.chance(0.3)) wallDevice('doorbell', room, 'bottom', w * 0.25);
    if (role === 'living' && rnd.chance(0.4)) wallDevice('tv_outlet', room, 'top', w * 0.3);
    if (role === 'bed' || role === 'office' || role === 'conference' || role === 'reception')
      wallDevice('data_outlet', room, 'top', w * 0.5 + rnd.float(-0.4, 0.4));

    // Heating (electric baseboards under exterior windows, Québec and France practice).
    if (heated && o.kind === 'house' && role !== 'storage' && role !== 'hall') {
      const ext = sides.find((s) => isExterior(room, s) && sideLength(room, s) > 2.5);
      if (ext) {
        const [x, y] = onWall(room, ext, sideLength(room, ext) * 0.55);
        add('baseboard_heater', x, y, SIDE_ANGLE[ext], room, o.minGap * 1.6);
        wallDevice('thermostat', room, 'left', Math.min(h - inset, 1.6));
      }
    }

    // Ceiling.
    const skew = () => (rnd.chance(0.3) ? rnd.float(0, 360) : 0);
    if (
      role === 'kitchen' ||
      role === 'open' ||
      role === 'conference' ||
      role === 'office' ||
      (role === 'living' && rnd.chance(0.5))
    ) {
      const nx = Math.max(1, Math.min(4, Math.floor(w / 1.8)));
      const ny = Math.max(1, Math.min(3, Math.floor(h / 1.8)));
      for (let i = 0; i < nx; i++)
        for (let j = 0; j < ny; j++)
          add('luminaire_recessed', room.x0 + ((i + 0.5) * w) / nx, room.y0 + ((j + 0.5) * h) / ny, 0, room);
    } else {
      add('luminaire', cx, room.y0 + h * 0.72, skew(), room) ||
        add('luminaire', room.x0 + w * 0.3, room.y0 + h * 0.7, skew(), room);
    }
    if (role === 'bath' || role === 'kitchen')
      add('exhaust_fan', room.x0 + w * 0.75, room.y0 + h * 0.3, 0, room);
    if (
      role === 'bed' ||
      role === 'hall' ||
      (o.kind === 'office' && (role === 'open' || role === 'reception'))
    ) {
      add('smoke_detector', room.x0 + w * 0.3, room.y0 + h * 0.28, 0, room);
    }
    if ((role === 'hall' || role === 'entry') && o.kind === 'house')
      add('co_detector', room.x0 + w * 0.7, room.y0 + h * 0.7, 0, room);
    if (
      o.kind === 'office' &&
      (role === 'open' || role === 'reception' || role === 'storage' || role === 'elec')
    ) {
      add('luminaire_emergency', room.x0 + w * 0.2, room.y0 + h * 0.8, skew(), room);
    }
    if (o.kind === 'office' && (role === 'reception' || role === 'open')) {
      wallDevice('exit_sign', room, 'bottom', Math.min(w - 0.6, 1.6));
    }
    if (rnd.chance(0.2)) add('junction_box', room.x0 + w * 0.85, room.y0 + h * 0.55, 0, room);
    if (
      o.withPanel &&
      (role === 'laundry' || role === 'elec' || (role === 'storage' && !out.some((d) => d.kind === 'panel')))
    )
      wallDevice('panel', room, 'top', w / 2);
  }
  if (o.withPanel && !out.some((d) => d.kind === 'panel')) {
    const room = rooms[rooms.length - 1] as RoomBox;
    wallDevice('panel', room, 'top', (room.x1 - room.x0) / 2) ||
      wallDevice('panel', room, 'bottom', (room.x1 - room.x0) / 2);
  }
  return out;
}
