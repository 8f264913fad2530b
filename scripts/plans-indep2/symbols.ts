import type { OpsWriter, Paint, Pt, Transform } from './pdf-ops.ts';
import { strokeText } from './stroke-font.ts';

/**
 * Symbol drawings in unit coordinates (about −1…1; +y faces away from the wall a device sits on).
 * Shapes were drawn for this generator from IEC 60617 / NECA-style conventions; marks (GFI, WP,
 * 3, EM…) are either strokes inside the block or a separate text item beside it (see `markMode`).
 */
export type Prim =
  | { readonly k: 'line'; readonly pts: readonly Pt[] }
  | { readonly k: 'poly'; readonly pts: readonly Pt[]; readonly fill: boolean }
  | { readonly k: 'circle'; readonly c: Pt; readonly r: number; readonly fill: boolean }
  | { readonly k: 'arc'; readonly c: Pt; readonly r: number; readonly a0: number; readonly a1: number }
  | { readonly k: 'letters'; readonly text: string; readonly at: Pt; readonly h: number };

export type ShapeId =
  | 'duplex'
  | 'socket-iec'
  | 'socket-240'
  | 'switch-s'
  | 'switch-iec'
  | 'switch-iec-2way'
  | 'switch-iec-int'
  | 'switch-iec-dim'
  | 'lamp-x'
  | 'downlight'
  | 'led-panel'
  | 'bulkhead'
  | 'exit-box'
  | 'detector'
  | 'fan'
  | 'heater'
  | 'tstat'
  | 'board'
  | 'ev-box'
  | 'data-tri'
  | 'jbox'
  | 'isolator';

const circle = (r: number, fill = false, c: Pt = [0, 0]): Prim => ({ k: 'circle', c, r, fill });
const line = (...pts: Pt[]): Prim => ({ k: 'line', pts });
const poly = (fill: boolean, ...pts: Pt[]): Prim => ({ k: 'poly', pts, fill });
const letters = (text: string, at: Pt, h: number): Prim => ({ k: 'letters', text, at, h });

const SHAPES: Record<ShapeId, readonly Prim[]> = {
  // North-American duplex receptacle: circle, two parallel blades, wall stem.
  duplex: [
    circle(0.7),
    line([-0.25, -0.35], [-0.25, 0.35]),
    line([0.25, -0.35], [0.25, 0.35]),
    line([0, -0.7], [0, -1]),
  ],
  // IEC socket outlet: half circle on its flat side with an earth bar.
  'socket-iec': [
    { k: 'arc', c: [0, -0.5], r: 0.85, a0: 0, a1: 180 },
    line([-0.85, -0.5], [0.85, -0.5]),
    line([-0.5, -0.95], [0.5, -0.95]),
    line([0, 0.35], [0, 0.8]),
  ],
  // Range / dryer / cooker outlet: circle with a filled wedge.
  'socket-240': [circle(0.75), poly(true, [0, 0], [0.75, 0], [0, 0.75]), line([-0.75, 0], [0.75, 0])],
  'switch-s': [letters('S', [-0.45, -0.55], 1.1)],
  'switch-iec': [circle(0.28, true), line([0.2, 0.2], [0.9, 0.9]), line([0.9, 0.9], [1.15, 0.62])],
  'switch-iec-2way': [
    circle(0.28, true),
    line([0.2, 0.2], [0.9, 0.9]),
    line([0.9, 0.9], [1.15, 0.62]),
    line([-0.2, -0.2], [-0.9, -0.9]),
    line([-0.9, -0.9], [-1.15, -0.62]),
  ],
  'switch-iec-int': [
    circle(0.28, true),
    line([0.2, 0.2], [0.9, 0.9]),
    line([0.9, 0.9], [1.15, 0.62]),
    line([-0.2, 0.2], [-0.9, 0.9]),
    line([-0.9, 0.9], [-1.15, 0.62]),
  ],
  'switch-iec-dim': [
    circle(0.28, true),
    line([0.2, 0.2], [0.9, 0.9]),
    line([0.9, 0.9], [1.15, 0.62]),
    poly(true, [-0.7, -0.2], [-0.25, -0.2], [-0.25, -0.55]),
  ],
  'lamp-x': [circle(0.8), line([-0.57, -0.57], [0.57, 0.57]), line([-0.57, 0.57], [0.57, -0.57])],
  downlight: [circle(0.6), circle(0.22, true)],
  'led-panel': [
    poly(false, [-0.9, -0.9], [0.9, -0.9], [0.9, 0.9], [-0.9, 0.9]),
    line([-0.9, -0.9], [0.9, 0.9]),
    line([-0.9, 0.9], [0.9, -0.9]),
  ],
  bulkhead: [
    { k: 'arc', c: [0, 0], r: 0.8, a0: 0, a1: 360 },
    line([-0.8, 0], [0.8, 0]),
    poly(true, [-0.8, 0], [0.8, 0], [0.55, -0.58], [-0.55, -0.58]),
  ],
  'exit-box': [
    poly(false, [-1.2, -0.55], [1.2, -0.55], [1.2, 0.55], [-1.2, 0.55]),
    poly(true, [0.7, -0.3], [1.05, 0], [0.7, 0.3]),
  ],
  detector: [circle(0.8), circle(0.95)],
  fan: [
    circle(0.85),
    { k: 'arc', c: [0.3, 0], r: 0.3, a0: 0, a1: 180 },
    { k: 'arc', c: [-0.3, 0], r: 0.3, a0: 180, a1: 360 },
    { k: 'arc', c: [0, 0.3], r: 0.3, a0: 90, a1: 270 },
  ],
  heater: [
    poly(false, [-1.6, -0.3], [1.6, -0.3], [1.6, 0.3], [-1.6, 0.3]),
    line([-1.2, -0.3], [-0.8, 0.3]),
    line([-0.6, -0.3], [-0.2, 0.3]),
    line([0, -0.3], [0.4, 0.3]),
    line([0.6, -0.3], [1, 0.3]),
  ],
  tstat: [circle(0.55), letters('T', [-0.25, -0.3], 0.6)],
  board: [
    poly(false, [-1.3, -0.45], [1.3, -0.45], [1.3, 0.45], [-1.3, 0.45]),
    poly(true, [-1.3, -0.45], [1.3, -0.45], [1.3, 0.45]),
  ],
  'ev-box': [
    poly(false, [-0.8, -0.8], [0.8, -0.8], [0.8, 0.8], [-0.8, 0.8]),
    letters('EV', [-0.55, -0.3], 0.6),
  ],
  'data-tri': [poly(false, [-0.75, -0.55], [0.75, -0.55], [0, 0.75]), line([0, -0.55], [0, -1])],
  jbox: [circle(0.6), letters('J', [-0.2, -0.3], 0.6)],
  isolator: [poly(false, [-0.7, -0.7], [0.7, -0.7], [0.7, 0.7], [-0.7, 0.7]), line([-0.5, -0.5], [0.5, 0.5])],
};

export interface SymbolDesign {
  /** Legend id, unique in a plan. */
  readonly id: string;
  readonly shape: ShapeId;
  /** Letters that mark the variant ("GFI", "3", "EM"); empty for a plain symbol. */
  readonly mark: string;
  /** Text the detector ring holds ("SD", "CO", "DF"); drawn as strokes inside the shape. */
  readonly inner: string;
}

/** The primitives of a design, marks drawn as strokes beside the shape when `strokedMark`. */
export function designPrims(design: SymbolDesign, strokedMark: boolean): Prim[] {
  const prims: Prim[] = [...SHAPES[design.shape]];
  if (design.inner) {
    const h = design.inner.length > 1 ? 0.5 : 0.65;
    prims.push(letters(design.inner, [-(design.inner.length * h) / 2 + h * 0.08, -h / 2], h));
  }
  if (design.mark && strokedMark) prims.push(letters(design.mark, markAnchor(design), 0.7));
  return prims;
}

/** Where a mark sits relative to the shape (unit coordinates, lower-left of its letters). */
export function markAnchor(design: SymbolDesign): Pt {
  if (design.shape === 'switch-s') return [0.55, -0.55];
  return [1.05, 0.2];
}

export interface Placement {
  readonly x: number;
  readonly y: number;
  readonly size: number;
  readonly rotation: number;
  readonly mirrored: boolean;
}

/** Unit → view coordinates: mirror (x → −x), scale, rotate counter-clockwise, translate. */
export function placementTransform(p: Placement): Transform {
  const cos = Math.cos((p.rotation * Math.PI) / 180);
  const sin = Math.sin((p.rotation * Math.PI) / 180);
  return ([ux, uy]) => {
    const mx = (p.mirrored ? -ux : ux) * p.size;
    const my = uy * p.size;
    return [p.x + mx * cos - my * sin, p.y + mx * sin + my * cos];
  };
}

/** Draws primitives through a writer (its transform places them). */
export function drawPrims(ops: OpsWriter, prims: readonly Prim[], lineWidth: number): void {
  const paint: Paint = { stroke: 0, width: lineWidth };
  for (const prim of prims) {
    switch (prim.k) {
      case 'line':
        ops.polyline(prim.pts, paint);
        break;
      case 'poly':
        ops.polyline(prim.pts, prim.fill ? { fill: 0, stroke: 0, width: lineWidth } : paint, true);
        break;
      case 'circle':
        ops.arc(prim.c[0], prim.c[1], prim.r, 0, 360, prim.fill ? { fill: 0 } : paint, true);
        break;
      case 'arc':
        ops.arc(prim.c[0], prim.c[1], prim.r, prim.a0, prim.a1, paint);
        break;
      case 'letters':
        ops.strokes(strokeText(prim.text, prim.at[0], prim.at[1], prim.h), paint);
        break;
    }
  }
}

/** Every point a primitive list reaches (circles by their extreme points), in unit coordinates. */
export function primPoints(prims: readonly Prim[]): Pt[] {
  const pts: Pt[] = [];
  for (const prim of prims) {
    if (prim.k === 'line' || prim.k === 'poly') pts.push(...prim.pts);
    else if (prim.k === 'letters') {
      const w = prim.text.length * prim.h - prim.h / 3;
      pts.push(prim.at, [prim.at[0] + w, prim.at[1] + prim.h]);
    } else {
      for (let a = 0; a < 360; a += 45) {
        const rad = (a * Math.PI) / 180;
        pts.push([prim.c[0] + prim.r * Math.cos(rad), prim.c[1] + prim.r * Math.sin(rad)]);
      }
    }
  }
  return pts;
}

export function boundsOf(points: readonly Pt[]): [number, number, number, number] {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [x, y] of points) {
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}
