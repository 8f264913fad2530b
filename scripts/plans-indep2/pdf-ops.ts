import { type Polyline, strokeText, strokeTextWidth } from './stroke-font.ts';

/**
 * Content-stream writing: paths, circles, arcs and text as raw PDF operators. One writer serves
 * the page (view coordinates) and Form XObjects (symbol coordinates); a transform maps every
 * point first, which is how "exploded" symbols are written point by point like AutoCAD does.
 */
export type Pt = readonly [number, number];
export type Transform = (p: Pt) => Pt;
export const identity: Transform = (p) => p;

export interface Paint {
  /** Stroke grey level 0 (black) – 1 (white); omitted = no stroke. */
  readonly stroke?: number;
  /** Fill grey level; omitted = no fill. */
  readonly fill?: number;
  readonly width?: number;
  readonly dash?: readonly number[];
}

export const n = (v: number): string => {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
};

/**
 * How text reaches the page: one text item per string, one per glyph with kerning gaps (Revit),
 * words cut in two items (ARCHICAD), or SHX-like strokes with no text at all (AutoCAD).
 */
export type TextStyle = 'plain' | 'glyphs' | 'split' | 'strokes';

export interface TextFont {
  /** Hex string of the text in the font's encoding, e.g. `<48656C6C6F>`. */
  encode(text: string): string;
  width(text: string, size: number): number;
}

export class OpsWriter {
  readonly out: string[] = [];

  constructor(
    private readonly map: Transform = identity,
    /** Circles and arcs as this many straight segments per full turn (MicroStation); null = Béziers. */
    private readonly arcSegments: number | null = null,
  ) {}

  raw(op: string): void {
    this.out.push(op);
  }

  private paintOps(paint: Paint): { open: string; close: string } {
    const parts: string[] = ['q'];
    if (paint.width !== undefined) parts.push(`${n(paint.width)} w`);
    if (paint.stroke !== undefined) parts.push(`${n(paint.stroke)} G`);
    if (paint.fill !== undefined) parts.push(`${n(paint.fill)} g`);
    if (paint.dash) parts.push(`[${paint.dash.map(n).join(' ')}] 0 d`);
    const op =
      paint.fill !== undefined && paint.stroke !== undefined ? 'B' : paint.fill !== undefined ? 'f' : 'S';
    return { open: parts.join(' '), close: `${op} Q` };
  }

  polyline(points: readonly Pt[], paint: Paint, closed = false): void {
    if (points.length < 2) return;
    const { open, close } = this.paintOps(paint);
    const body = points.map((p, i) => {
      const [x, y] = this.map(p);
      return `${n(x)} ${n(y)} ${i === 0 ? 'm' : 'l'}`;
    });
    this.out.push(`${open} ${body.join(' ')}${closed ? ' h' : ''} ${close}`);
  }

  /** Several polylines stroked as one path (text strokes, hatching). */
  strokes(lines: readonly Polyline[], paint: Paint): void {
    if (lines.length === 0) return;
    const { open, close } = this.paintOps(paint);
    const body: string[] = [];
    for (const line of lines) {
      line.forEach((p, i) => {
        const [x, y] = this.map(p);
        body.push(`${n(x)} ${n(y)} ${i === 0 ? 'm' : 'l'}`);
      });
    }
    this.out.push(`${open} ${body.join(' ')} ${close}`);
  }

  arc(cx: number, cy: number, r: number, fromDeg: number, toDeg: number, paint: Paint, closed = false): void {
    const { open, close } = this.paintOps(paint);
    const sweep = toDeg - fromDeg;
    const at = (deg: number): Pt => [
      cx + r * Math.cos((deg * Math.PI) / 180),
      cy + r * Math.sin((deg * Math.PI) / 180),
    ];
    const body: string[] = [];
    const start = this.map(at(fromDeg));
    body.push(`${n(start[0])} ${n(start[1])} m`);
    if (this.arcSegments !== null) {
      const steps = Math.max(2, Math.ceil((Math.abs(sweep) / 360) * this.arcSegments));
      for (let i = 1; i <= steps; i++) {
        const [x, y] = this.map(at(fromDeg + (sweep * i) / steps));
        body.push(`${n(x)} ${n(y)} l`);
      }
    } else {
      const pieces = Math.max(1, Math.ceil(Math.abs(sweep) / 90));
      const step = sweep / pieces;
      // Cubic approximation of a circular arc of `step` degrees: handle length 4/3·tan(θ/4)·r.
      const k = (4 / 3) * Math.tan((step * Math.PI) / 720);
      for (let i = 0; i < pieces; i++) {
        const a0 = ((fromDeg + step * i) * Math.PI) / 180;
        const a1 = ((fromDeg + step * (i + 1)) * Math.PI) / 180;
        const p1: Pt = [
          cx + r * (Math.cos(a0) - k * Math.sin(a0)),
          cy + r * (Math.sin(a0) + k * Math.cos(a0)),
        ];
        const p2: Pt = [
          cx + r * (Math.cos(a1) + k * Math.sin(a1)),
          cy + r * (Math.sin(a1) - k * Math.cos(a1)),
        ];
        const p3: Pt = [cx + r * Math.cos(a1), cy + r * Math.sin(a1)];
        const [x1, y1] = this.map(p1);
        const [x2, y2] = this.map(p2);
        const [x3, y3] = this.map(p3);
        body.push(`${n(x1)} ${n(y1)} ${n(x2)} ${n(y2)} ${n(x3)} ${n(y3)} c`);
      }
    }
    this.out.push(`${open} ${body.join(' ')}${closed ? ' h' : ''} ${close}`);
  }

  circle(cx: number, cy: number, r: number, paint: Paint): void {
    this.arc(cx, cy, r, 0, 360, paint, true);
  }
}

/** Text written in one of the producers' habits; `rng01` decides where ARCHICAD-like splits fall. */
export function writeText(
  ops: OpsWriter,
  font: TextFont,
  style: TextStyle,
  text: string,
  x: number,
  y: number,
  size: number,
  options: { angle?: number; grey?: number; rng01?: () => number } = {},
): void {
  if (text.trim() === '') return;
  const angle = options.angle ?? 0;
  const cos = Math.cos((angle * Math.PI) / 180);
  const sin = Math.sin((angle * Math.PI) / 180);
  const grey = options.grey ?? 0;
  if (style === 'strokes') {
    ops.strokes(strokeText(text, x, y, size * 0.72, angle), {
      stroke: grey,
      width: Math.max(0.25, size / 18),
    });
    return;
  }
  const item = (s: string, dx: number): string => {
    const px = x + dx * cos;
    const py = y + dx * sin;
    return `BT /F1 ${n(size)} Tf ${n(cos)} ${n(sin)} ${n(-sin)} ${n(cos)} ${n(px)} ${n(py)} Tm ${font.encode(s)} Tj ET`;
  };
  const items: string[] = [];
  if (style === 'plain') items.push(item(text, 0));
  else if (style === 'glyphs') {
    // Revit: every glyph its own item, with a small tracking gap a text layer has to bridge.
    let dx = 0;
    for (const char of text) {
      if (char !== ' ') items.push(item(char, dx));
      dx += font.width(char, size) + size * 0.06;
    }
  } else {
    // ARCHICAD-like: each word its own item, most words cut in two items at a random letter.
    let dx = 0;
    for (const word of text.split(' ')) {
      if (word.length >= 3 && (options.rng01?.() ?? 0.5) < 0.7) {
        const cut = 1 + Math.floor((options.rng01?.() ?? 0.5) * (word.length - 1));
        items.push(item(word.slice(0, cut), dx));
        items.push(item(word.slice(cut), dx + font.width(word.slice(0, cut), size)));
      } else if (word !== '') items.push(item(word, dx));
      dx += font.width(`${word} `, size);
    }
  }
  ops.raw(`q ${n(grey)} g ${items.join(' ')} Q`);
}

/** Width of text as `writeText` draws it. */
export function textWidth(font: TextFont, style: TextStyle, text: string, size: number): number {
  if (style === 'strokes') return strokeTextWidth(text, size * 0.72);
  if (style === 'glyphs') return font.width(text, size) + text.length * size * 0.06;
  return font.width(text, size);
}
