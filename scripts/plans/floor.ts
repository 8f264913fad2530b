import { type Color, grayscale } from 'pdf-lib';
import { type Canvas, type FontKey, Path } from './canvas.ts';
import { type Box, IDENTITY, type Point } from './geometry.ts';
import { type FloorLayout, type LayoutRoom, type Rect, roomInterior, wallSegments } from './layout.ts';
import type { DrawingStyle } from './plan-spec.ts';
import type { Rng } from './rng.ts';
import { type DrawingScale, dimensionText } from './scale.ts';
import type { Language } from './symbols.ts';

/** A floor layout placed on a sheet: metres → view points. */
export interface FloorView {
  readonly layout: FloorLayout;
  /** View points per real metre. */
  readonly ppm: number;
  readonly ox: number;
  readonly oy: number;
  readonly rooms: readonly ViewRoom[];
}

export interface ViewRoom {
  readonly room: LayoutRoom;
  /** Clear interior in view points. */
  readonly interior: Box;
  /** Clear interior in metres. */
  readonly interiorM: Rect;
}

export function floorView(layout: FloorLayout, ppm: number, ox: number, oy: number): FloorView {
  return {
    layout,
    ppm,
    ox,
    oy,
    rooms: layout.rooms.map((room) => {
      const m = roomInterior(layout, room.rect);
      return {
        room,
        interiorM: m,
        interior: [ox + m[0] * ppm, oy + m[1] * ppm, ox + m[2] * ppm, oy + m[3] * ppm] as const,
      };
    }),
  };
}

export function toView(v: FloorView, x: number, y: number): [number, number] {
  return [v.ox + x * v.ppm, v.oy + y * v.ppm];
}

const WALL_GREY = grayscale(0.55);
const FURNITURE = grayscale(0.5);
const ARCH = grayscale(0.2);

/** Walls with openings cut, door leaves and swings, windows and wide-opening headers. */
export function drawWalls(canvas: Canvas, v: FloorView, style: DrawingStyle['walls']): void {
  const { layout, ppm } = v;
  for (const seg of wallSegments(layout)) {
    const t = seg.exterior ? layout.exteriorWall : layout.interiorWall;
    const cuts = layout.openings
      .filter(
        (o) =>
          o.orient === seg.orient && Math.abs(o.at - seg.at) < 1e-6 && o.from < seg.to && seg.from < o.to,
      )
      .sort((a, b) => a.from - b.from);
    const pieces: [number, number, boolean, boolean][] = [];
    let start = seg.from;
    let startCut = false;
    for (const c of cuts) {
      if (c.from > start) pieces.push([start, c.from, startCut, true]);
      start = Math.max(start, c.to);
      startCut = true;
    }
    if (seg.to > start) pieces.push([start, seg.to, startCut, false]);
    const fill =
      style === 'poche' || (style === 'double-ext-poche' && seg.exterior)
        ? grayscale(0.15)
        : style === 'poche-grey'
          ? WALL_GREY
          : null;
    for (const [a, b, aCut, bCut] of pieces) {
      const ext = layout.exteriorWall / 2;
      const a2 = aCut ? a : a - ext;
      const b2 = bCut ? b : b + ext;
      const [x0, y0] = seg.orient === 'h' ? toView(v, a2, seg.at - t / 2) : toView(v, seg.at - t / 2, a2);
      const w = seg.orient === 'h' ? (b2 - a2) * ppm : t * ppm;
      const h = seg.orient === 'h' ? t * ppm : (b2 - a2) * ppm;
      const path = new Path().rect(x0, y0, w, h);
      canvas.path(
        'A-WALL',
        path,
        fill ? { fill, stroke: fill, width: 0.3 } : { stroke: ARCH, width: seg.exterior ? 0.9 : 0.6 },
        IDENTITY,
      );
    }
  }
  for (const o of layout.openings) {
    const t = isExteriorLine(layout, o) ? layout.exteriorWall : layout.interiorWall;
    const along = (p: number, n: number): [number, number] =>
      o.orient === 'h' ? toView(v, p, o.at + n) : toView(v, o.at + n, p);
    if (o.kind === 'door') {
      const w = o.to - o.from;
      const hinge = o.hingeAtFrom ? o.from : o.to;
      const latch = o.hingeAtFrom ? o.to : o.from;
      const leafEnd = along(hinge, o.swing * w);
      const h = along(hinge, 0);
      canvas.path(
        'A-DOOR',
        new Path().moveTo(...h).lineTo(...leafEnd),
        { stroke: ARCH, width: 0.5 },
        IDENTITY,
      );
      const angleOf = (p: Point): number => (Math.atan2(p[1] - h[1], p[0] - h[0]) * 180) / Math.PI;
      const a0 = angleOf(leafEnd);
      let a1 = angleOf(along(latch, 0));
      if (a1 - a0 > 180) a1 -= 360;
      if (a0 - a1 > 180) a1 += 360;
      canvas.path(
        'A-DOOR',
        new Path().arc(h[0], h[1], w * v.ppm, a0, a1),
        { stroke: ARCH, width: 0.25 },
        IDENTITY,
      );
    } else if (o.kind === 'window') {
      const path = new Path();
      for (const n of [-t / 2, 0, t / 2]) path.moveTo(...along(o.from, n)).lineTo(...along(o.to, n));
      path.moveTo(...along(o.from, -t / 2)).lineTo(...along(o.from, t / 2));
      path.moveTo(...along(o.to, -t / 2)).lineTo(...along(o.to, t / 2));
      canvas.path('A-WALL', path, { stroke: ARCH, width: 0.3 }, IDENTITY);
    } else {
      const path = new Path();
      for (const n of [-t / 2, t / 2]) path.moveTo(...along(o.from, n)).lineTo(...along(o.to, n));
      canvas.path('A-WALL', path, { stroke: ARCH, width: 0.25, dash: [3, 2] }, IDENTITY);
    }
  }
}

function isExteriorLine(layout: FloorLayout, o: { orient: 'h' | 'v'; at: number }): boolean {
  return o.orient === 'h' ? o.at === 0 || o.at === layout.depth : o.at === 0 || o.at === layout.width;
}

/** Furniture and fixtures in light grey (an architectural background); returns their boxes. */
export function drawFurniture(canvas: Canvas, v: FloorView, language: Language, textSize: number): Box[] {
  const boxes: Box[] = [];
  const style = { stroke: FURNITURE, width: 0.3 } as const;
  const rect = (x: number, y: number, w: number, h: number): Path => {
    const [vx, vy] = toView(v, x, y);
    boxes.push([vx, vy, vx + w * v.ppm, vy + h * v.ppm]);
    return new Path().rect(vx, vy, w * v.ppm, h * v.ppm);
  };
  const ellipse = (cx: number, cy: number, rx: number, ry: number): Path => {
    const [vx, vy] = toView(v, cx, cy);
    boxes.push([vx - rx * v.ppm, vy - ry * v.ppm, vx + rx * v.ppm, vy + ry * v.ppm]);
    return new Path().ellipse(vx, vy, rx * v.ppm, ry * v.ppm);
  };
  const label = (text: string, x: number, y: number): void => {
    canvas.text(
      'A-FURN',
      text,
      toView(v, x, y),
      { size: textSize * 0.8, anchor: 'middle', vAnchor: 'middle', color: FURNITURE },
      IDENTITY,
    );
  };
  const draw = (p: Path, dash?: number[]): void =>
    canvas.path('A-FURN', p, dash ? { ...style, dash } : style, IDENTITY);
  for (const {
    room,
    interiorM: [x0, y0, x1, y1],
  } of v.rooms) {
    const w = x1 - x0;
    const h = y1 - y0;
    const cx = (x0 + x1) / 2;
    const cy = (y0 + y1) / 2;
    switch (room.kind) {
      case 'bedroom':
        if (w > 2.4 && h > 2.6) {
          const bw = w > 3.2 ? 1.5 : 1.0;
          draw(rect(cx - bw / 2, y1 - 2.0, bw, 2.0));
          draw(rect(cx - bw / 2 + 0.1, y1 - 0.45, bw / 2 - 0.15, 0.35));
          if (bw > 1.2) draw(rect(cx + 0.05, y1 - 0.45, bw / 2 - 0.15, 0.35));
          draw(rect(cx + bw / 2 + 0.1, y1 - 0.5, 0.45, 0.45));
        }
        break;
      case 'living':
      case 'family':
        if (w > 3 && h > 3) {
          draw(rect(cx - 1.1, y0 + 0.25, 2.2, 0.85));
          draw(rect(cx - 1.1, y0 + 0.25, 0.2, 0.85));
          draw(rect(cx + 0.9, y0 + 0.25, 0.2, 0.85));
          draw(rect(cx - 0.6, y0 + 1.5, 1.2, 0.6));
        }
        break;
      case 'dining':
        if (w > 2.4 && h > 2.4) {
          draw(rect(cx - 0.9, cy - 0.45, 1.8, 0.9));
          for (const dx of [-0.55, 0.05]) {
            draw(rect(cx + dx, cy + 0.55, 0.45, 0.4));
            draw(rect(cx + dx, cy - 0.95, 0.45, 0.4));
          }
        }
        break;
      case 'kitchen':
      case 'kitchenette': {
        const counter = new Path().moveTo(...toView(v, x0, y1 - 0.62)).lineTo(...toView(v, x1, y1 - 0.62));
        boxes.push([...toView(v, x0, y1 - 0.62), ...toView(v, x1, y1)] as unknown as Box);
        draw(counter);
        if (w > 2.5) {
          draw(rect(cx - 0.4, y1 - 0.55, 0.8, 0.45));
          draw(ellipse(cx - 0.2, y1 - 0.33, 0.15, 0.12));
          draw(ellipse(cx + 0.2, y1 - 0.33, 0.15, 0.12));
        }
        if (room.kind === 'kitchen' && w > 3.2) {
          draw(rect(x0 + 0.3, y1 - 0.62, 0.76, 0.6));
          for (const [dx, dy, r] of [
            [0.2, 0.17, 0.09],
            [0.56, 0.17, 0.11],
            [0.2, 0.43, 0.11],
            [0.56, 0.43, 0.09],
          ] as const)
            draw(ellipse(x0 + 0.3 + dx, y1 - 0.62 + dy, r, r));
          draw(rect(x1 - 0.85, y1 - 0.8, 0.8, 0.75));
          label(language === 'fr' ? 'RÉF.' : 'REF.', x1 - 0.45, y1 - 0.42);
          if (h > 3.2) draw(rect(cx - 0.9, cy - 0.6, 1.8, 0.8));
        }
        break;
      }
      case 'bathroom':
        if (w > 1.6 && h > 1.6) {
          draw(rect(x0 + 0.05, y1 - 0.8, Math.min(1.5, w - 0.1), 0.75));
          draw(
            ellipse(x0 + 0.05 + Math.min(1.5, w - 0.1) / 2, y1 - 0.42, Math.min(0.6, (w - 0.3) / 2), 0.27),
          );
          draw(rect(x1 - 0.55, y0 + 0.1, 0.45, 0.2));
          draw(ellipse(x1 - 0.33, y0 + 0.5, 0.18, 0.22));
          draw(rect(x0 + 0.1, y0 + 0.05, 0.9, 0.5));
          draw(ellipse(x0 + 0.55, y0 + 0.3, 0.22, 0.15));
        }
        break;
      case 'powder':
        if (w > 1 && h > 1.2) {
          draw(rect(x1 - 0.5, y1 - 0.25, 0.4, 0.18));
          draw(ellipse(x1 - 0.3, y1 - 0.6, 0.17, 0.22));
          draw(ellipse(x0 + 0.35, y0 + 0.3, 0.2, 0.15));
        }
        break;
      case 'laundry':
        if (w > 1.6 && h > 1) {
          draw(rect(x0 + 0.1, y1 - 0.75, 0.68, 0.68));
          draw(ellipse(x0 + 0.44, y1 - 0.41, 0.24, 0.24));
          draw(rect(x0 + 0.85, y1 - 0.75, 0.68, 0.68));
          label(language === 'fr' ? 'LAV.' : 'W', x0 + 0.44, y1 - 0.95);
          label(language === 'fr' ? 'SÉCH.' : 'D', x0 + 1.19, y1 - 0.95);
        }
        break;
      case 'office':
        if (w > 2 && h > 2) {
          draw(rect(x0 + 0.15, y1 - 0.9, 1.5, 0.75));
          draw(ellipse(x0 + 0.9, y1 - 1.25, 0.25, 0.25));
        }
        break;
      case 'conference':
        if (w > 3.5 && h > 3) {
          draw(ellipse(cx, cy, 1.6, 0.65));
          for (let i = -2; i <= 2; i++) {
            draw(rect(cx + i * 0.6 - 0.2, cy + 0.75, 0.4, 0.35));
            draw(rect(cx + i * 0.6 - 0.2, cy - 1.1, 0.4, 0.35));
          }
        }
        break;
      case 'mechanical':
        if (w > 1.4 && h > 1.4) {
          draw(ellipse(x1 - 0.45, y1 - 0.45, 0.3, 0.3));
          label(language === 'fr' ? 'CE' : 'WH', x1 - 0.45, y1 - 0.45);
          draw(rect(x0 + 0.1, y0 + 0.1, 0.9, 0.5), [2, 1]);
        }
        break;
      case 'garage':
        draw(rect(cx - 0.9, cy - 2.2, 1.8, 4.4));
        break;
      case 'warehouse':
        for (let yy = y0 + 0.4; yy < y1 - 1.2; yy += 1.6) {
          draw(rect(x0 + 0.3, yy, Math.min(4, w - 0.6), 0.6));
          draw(
            new Path()
              .moveTo(...toView(v, x0 + 0.3, yy))
              .lineTo(...toView(v, x0 + 0.3 + Math.min(4, w - 0.6), yy + 0.6)),
          );
        }
        break;
      case 'reception':
        if (w > 1.8 && h > 2)
          draw(
            new Path().polyline(
              [toView(v, x0 + 0.3, y0 + 1.8), toView(v, x0 + 1.3, y0 + 1.8), toView(v, x0 + 1.3, y0 + 0.6)],
              false,
            ),
          );
        break;
      case 'storage':
        if (w > 1)
          draw(new Path().moveTo(...toView(v, x0, y1 - 0.4)).lineTo(...toView(v, x1, y1 - 0.4)), [4, 2]);
        break;
      default:
        break;
    }
  }
  return boxes;
}

export interface DimensionStyle {
  readonly textSize: number;
  readonly font: FontKey;
  readonly tick: 'slash' | 'arrow' | 'dot';
  readonly color: Color;
}

/**
 * Dimension chains under and left of the footprint (clutter an analyser must ignore: numbers,
 * ticks and extension lines). Returns the distance in points they take outside the footprint.
 */
export function drawDimensions(
  canvas: Canvas,
  v: FloorView,
  scale: DrawingScale | null,
  s: DimensionStyle,
): void {
  const { layout } = v;
  const xs = [
    ...new Set(layout.rooms.filter((r) => r.rect[1] === 0).flatMap((r) => [r.rect[0], r.rect[2]])),
  ].sort((a, b) => a - b);
  const ys = [
    ...new Set(layout.rooms.filter((r) => r.rect[0] === 0).flatMap((r) => [r.rect[1], r.rect[3]])),
  ].sort((a, b) => a - b);
  const off1 = s.textSize * 3.2;
  const off2 = s.textSize * 6;
  const style = { stroke: s.color, width: 0.25 } as const;
  const tick = (p: Path, x: number, y: number, horizontal: boolean): void => {
    const d = s.textSize * 0.45;
    if (s.tick === 'slash') p.moveTo(x - d, y - d).lineTo(x + d, y + d);
    else if (s.tick === 'dot') p.circle(x, y, d * 0.35);
    else if (horizontal)
      p.moveTo(x, y)
        .lineTo(x + d, y + d * 0.35)
        .moveTo(x, y)
        .lineTo(x + d, y - d * 0.35);
    else
      p.moveTo(x, y)
        .lineTo(x + d * 0.35, y + d)
        .moveTo(x, y)
        .lineTo(x - d * 0.35, y + d);
  };
  const chain = (values: number[], horizontal: boolean, offset: number): void => {
    const p = new Path();
    const [fx, fy] = toView(v, 0, 0);
    const first = values[0];
    const last = values[values.length - 1];
    if (first === undefined || last === undefined) return;
    if (horizontal) {
      const y = fy - offset;
      p.moveTo(...toView(v, first, 0)).lineTo(toView(v, first, 0)[0], y);
      p.moveTo(toView(v, first, 0)[0] - 2, y).lineTo(toView(v, last, 0)[0] + 2, y);
      for (let i = 0; i < values.length; i++) {
        const x = toView(v, values[i] ?? 0, 0)[0];
        p.moveTo(x, fy - s.textSize * 0.8).lineTo(x, y - s.textSize * 0.5);
        tick(p, x, y, true);
        const next = values[i + 1];
        if (next !== undefined) {
          const text = dimensionText(next - (values[i] ?? 0), scale);
          canvas.text(
            'A-DIMS',
            text,
            [(x + toView(v, next, 0)[0]) / 2, y + s.textSize * 0.35],
            { size: s.textSize, font: s.font, anchor: 'middle', color: s.color },
            IDENTITY,
          );
        }
      }
    } else {
      const x = fx - offset;
      p.moveTo(x, toView(v, 0, first)[1] - 2).lineTo(x, toView(v, 0, last)[1] + 2);
      for (let i = 0; i < values.length; i++) {
        const y = toView(v, 0, values[i] ?? 0)[1];
        p.moveTo(fx - s.textSize * 0.8, y).lineTo(x - s.textSize * 0.5, y);
        tick(p, x, y, false);
        const next = values[i + 1];
        if (next !== undefined) {
          const text = dimensionText(next - (values[i] ?? 0), scale);
          canvas.text(
            'A-DIMS',
            text,
            [x - s.textSize * 0.35, (y + toView(v, 0, next)[1]) / 2],
            { size: s.textSize, font: s.font, anchor: 'middle', angle: 90, color: s.color },
            IDENTITY,
          );
        }
      }
    }
    canvas.path('A-DIMS', p, style, IDENTITY);
  };
  chain(xs, true, off1);
  chain([0, layout.width], true, off2);
  chain(ys, false, off1);
  chain([0, layout.depth], false, off2);
}

/** Room name labels (and optionally the printed area); returns the label boxes. */
export function drawRoomLabels(
  canvas: Canvas,
  v: FloorView,
  rng: Rng,
  opts: { textSize: number; font: FontKey; areaLabels: boolean; language: Language; imperial: boolean },
): Map<string, Box> {
  const boxes = new Map<string, Box>();
  for (const r of v.rooms) {
    const [x0, y0, x1, y1] = r.interior;
    const size = Math.min(opts.textSize * 1.15, ((x1 - x0) * 0.9) / Math.max(4, r.room.name.length * 0.62));
    const cx = (x0 + x1) / 2 + rng.range(-0.12, 0.12) * (x1 - x0);
    const cy = y0 + (y1 - y0) * rng.pick([0.3, 0.38, 0.62, 0.7]);
    const style = { size, font: 'bold' as FontKey, anchor: 'middle' as const, vAnchor: 'middle' as const };
    canvas.text('A-TEXT', r.room.name, [cx, cy], style, IDENTITY);
    let box = canvas.textBox(r.room.name, [cx, cy], style, IDENTITY);
    if (opts.areaLabels) {
      const [mx0, my0, mx1, my1] = r.interiorM;
      const m2 = (mx1 - mx0) * (my1 - my0);
      const text = opts.imperial
        ? `${Math.round(m2 * 10.7639)} pi²`
        : `${m2.toFixed(1).replace('.', opts.language === 'fr' ? ',' : '.')} m²`;
      const sub = { ...style, size: size * 0.75, font: 'regular' as FontKey };
      canvas.text('A-TEXT', text, [cx, cy - size * 1.3], sub, IDENTITY);
      const b2 = canvas.textBox(text, [cx, cy - size * 1.3], sub, IDENTITY);
      box = [
        Math.min(box[0], b2[0]),
        Math.min(box[1], b2[1]),
        Math.max(box[2], b2[2]),
        Math.max(box[3], b2[3]),
      ];
    }
    boxes.set(r.room.id, box);
  }
  return boxes;
}
