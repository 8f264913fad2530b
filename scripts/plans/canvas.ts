import {
  appendBezierCurve,
  type Color,
  closePath,
  concatTransformationMatrix,
  degrees,
  fill,
  fillAndStroke,
  lineTo,
  moveTo,
  type PDFFont,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  setDashPattern,
  setFillingColor,
  setLineCap,
  setLineWidth,
  setStrokingColor,
  stroke,
} from 'pdf-lib';
import {
  apply,
  type Box,
  boxOfPoints,
  compose,
  type Matrix,
  matrixAngle,
  matrixScale,
  type Point,
} from './geometry.ts';

/** One path segment in drawing coordinates. */
export type Segment =
  | { readonly op: 'M'; readonly p: Point }
  | { readonly op: 'L'; readonly p: Point }
  | { readonly op: 'C'; readonly c1: Point; readonly c2: Point; readonly p: Point }
  | { readonly op: 'Z' };

export interface PaintStyle {
  readonly stroke?: Color;
  readonly fill?: Color;
  readonly width?: number;
  readonly dash?: readonly number[];
}

export type FontKey = 'regular' | 'bold' | 'mono';

export interface TextStyle {
  readonly size: number;
  readonly font?: FontKey;
  /** Counter-clockwise degrees in drawing space. */
  readonly angle?: number;
  readonly anchor?: 'start' | 'middle' | 'end';
  /** `middle` centres the cap height on y. */
  readonly vAnchor?: 'baseline' | 'middle';
  readonly color?: Color;
}

/** Circle approximation constant for four cubic Bézier quarter arcs. */
const KAPPA = 0.5522847498;

/** Small builder for path segments in local coordinates. */
export class Path {
  readonly segments: Segment[] = [];

  moveTo(x: number, y: number): this {
    this.segments.push({ op: 'M', p: [x, y] });
    return this;
  }

  lineTo(x: number, y: number): this {
    this.segments.push({ op: 'L', p: [x, y] });
    return this;
  }

  curveTo(x1: number, y1: number, x2: number, y2: number, x: number, y: number): this {
    this.segments.push({ op: 'C', c1: [x1, y1], c2: [x2, y2], p: [x, y] });
    return this;
  }

  close(): this {
    this.segments.push({ op: 'Z' });
    return this;
  }

  line(x0: number, y0: number, x1: number, y1: number): this {
    return this.moveTo(x0, y0).lineTo(x1, y1);
  }

  polyline(points: readonly Point[], closed: boolean): this {
    points.forEach(([x, y], i) => {
      if (i === 0) this.moveTo(x, y);
      else this.lineTo(x, y);
    });
    return closed ? this.close() : this;
  }

  rect(x: number, y: number, w: number, h: number): this {
    return this.polyline(
      [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
      ],
      true,
    );
  }

  /** Full circle as four Bézier quarters, starting at angle 0, counter-clockwise. */
  circle(cx: number, cy: number, r: number): this {
    return this.ellipse(cx, cy, r, r);
  }

  ellipse(cx: number, cy: number, rx: number, ry: number): this {
    const kx = rx * KAPPA;
    const ky = ry * KAPPA;
    return this.moveTo(cx + rx, cy)
      .curveTo(cx + rx, cy + ky, cx + kx, cy + ry, cx, cy + ry)
      .curveTo(cx - kx, cy + ry, cx - rx, cy + ky, cx - rx, cy)
      .curveTo(cx - rx, cy - ky, cx - kx, cy - ry, cx, cy - ry)
      .curveTo(cx + kx, cy - ry, cx + rx, cy - ky, cx + rx, cy)
      .close();
  }

  /** Circular arc from a0 to a1 (degrees, counter-clockwise when a1 > a0), ≤ 90° per Bézier. */
  arc(cx: number, cy: number, r: number, a0: number, a1: number, startNew = true): this {
    const steps = Math.max(1, Math.ceil(Math.abs(a1 - a0) / 90));
    const step = ((a1 - a0) / steps) * (Math.PI / 180);
    let a = (a0 * Math.PI) / 180;
    const k = (4 / 3) * Math.tan(step / 4);
    if (startNew) this.moveTo(cx + r * Math.cos(a), cy + r * Math.sin(a));
    for (let i = 0; i < steps; i++) {
      const b = a + step;
      this.curveTo(
        cx + r * (Math.cos(a) - k * Math.sin(a)),
        cy + r * (Math.sin(a) + k * Math.cos(a)),
        cx + r * (Math.cos(b) + k * Math.sin(b)),
        cy + r * (Math.sin(b) - k * Math.cos(b)),
        cx + r * Math.cos(b),
        cy + r * Math.sin(b),
      );
      a = b;
    }
    return this;
  }

  points(): Point[] {
    const out: Point[] = [];
    for (const s of this.segments) {
      if (s.op === 'C') out.push(s.c1, s.c2, s.p);
      else if (s.op !== 'Z') out.push(s.p);
    }
    return out;
  }
}

/**
 * How a drawing entity reaches the content stream:
 * - `flat`: coordinates pre-multiplied into page space (AutoCAD-style plot output);
 * - `cm`: `q <matrix> cm … Q` around local coordinates (block inserts / SVG-style emitters).
 */
export type EmitMode = 'flat' | 'cm';

interface QueuedItem {
  readonly layer: number;
  readonly seq: number;
  readonly run: () => void;
}

/**
 * A page seen in "view" coordinates (as the reader sees it after /Rotate), writing PDF operators
 * in page space. Items are queued per layer and flushed in layer order, as CAD plotters emit
 * entities layer by layer (a symbol's circle and its letter may be far apart in the stream).
 */
export class Canvas {
  private readonly queue: QueuedItem[] = [];
  private seq = 0;
  private layerIndex = new Map<string, number>();
  private lastState = '';

  constructor(
    readonly page: PDFPage,
    /** View → page space (accounts for /Rotate). */
    readonly viewToPage: Matrix,
    private readonly fonts: Readonly<Record<FontKey, PDFFont>>,
    layers: readonly string[],
    /** When false, items are emitted in drawing order (entity by entity). */
    private readonly layered: boolean,
  ) {
    layers.forEach((name, i) => {
      this.layerIndex.set(name, i);
    });
  }

  font(key: FontKey = 'regular'): PDFFont {
    return this.fonts[key];
  }

  private enqueue(layer: string, run: () => void): void {
    const index = this.layerIndex.get(layer);
    if (index === undefined) throw new Error(`unknown layer ${layer}`);
    this.queue.push({ layer: this.layered ? index : 0, seq: this.seq++, run });
  }

  /** Draws a path given in local coordinates (`local` maps local → view). */
  path(layer: string, path: Path, style: PaintStyle, local: Matrix, mode: EmitMode = 'flat'): void {
    if (path.segments.length === 0) return;
    const segments = [...path.segments];
    this.enqueue(layer, () => {
      const toPage = compose(this.viewToPage, local);
      const ops: PDFOperator[] = [];
      const cm = mode === 'cm';
      const m = cm ? ([1, 0, 0, 1, 0, 0] as const) : toPage;
      const widthScale = cm ? 1 / matrixScale(toPage) : 1;
      if (cm) {
        ops.push(pushGraphicsState(), concatTransformationMatrix(...toPage));
        ops.push(...this.stateOps(style, widthScale, true));
      } else {
        ops.push(...this.stateOps(style, 1, false));
      }
      for (const s of segments) {
        if (s.op === 'M') ops.push(moveTo(...(apply(m, s.p).map(fix) as [number, number])));
        else if (s.op === 'L') ops.push(lineTo(...(apply(m, s.p).map(fix) as [number, number])));
        else if (s.op === 'C')
          ops.push(
            appendBezierCurve(
              ...([...apply(m, s.c1), ...apply(m, s.c2), ...apply(m, s.p)].map(fix) as [
                number,
                number,
                number,
                number,
                number,
                number,
              ]),
            ),
          );
        else ops.push(closePath());
      }
      ops.push(style.fill && style.stroke ? fillAndStroke() : style.fill ? fill() : stroke());
      if (cm) ops.push(popGraphicsState());
      this.page.pushOperators(...ops);
    });
  }

  /** Emits only the graphics-state changes since the previous flat item (as plotters do). */
  private stateOps(style: PaintStyle, widthScale: number, isolated: boolean): PDFOperator[] {
    const width = fix((style.width ?? 0.5) * widthScale);
    const key = JSON.stringify([style.stroke, style.fill, width, style.dash ?? []]);
    if (!isolated && key === this.lastState) return [];
    const ops: PDFOperator[] = [];
    if (style.stroke) ops.push(setStrokingColor(style.stroke));
    if (style.fill) ops.push(setFillingColor(style.fill));
    ops.push(
      setLineWidth(width),
      setDashPattern(
        (style.dash ?? []).map((d) => fix(d * widthScale)),
        0,
      ),
    );
    if (!isolated) {
      if (this.lastState === '') ops.unshift(setLineCap(0));
      this.lastState = key;
    }
    return ops;
  }

  /** Size of a text run in points (width, cap height). */
  measure(text: string, style: TextStyle): { width: number; capHeight: number } {
    const font = this.font(style.font);
    return { width: font.widthOfTextAtSize(text, style.size), capHeight: style.size * 0.718 };
  }

  /** Local box of a text run relative to its anchor point, before rotation. */
  textLocalBox(text: string, style: TextStyle): [number, number, number, number] {
    const { width, capHeight } = this.measure(text, style);
    const dx = style.anchor === 'middle' ? -width / 2 : style.anchor === 'end' ? -width : 0;
    const dy = style.vAnchor === 'middle' ? -capHeight / 2 : 0;
    return [dx, dy - style.size * 0.2, dx + width, dy + capHeight];
  }

  /** View-space box of a text run anchored at `at` (local → view through `local`). */
  textBox(text: string, at: Point, style: TextStyle, local: Matrix): Box {
    const [x0, y0, x1, y1] = this.textLocalBox(text, style);
    const origin = apply(local, at);
    const angle = ((style.angle ?? 0) * Math.PI) / 180;
    const c = Math.cos(angle);
    const s = Math.sin(angle);
    const corners: Point[] = [
      [x0, y0],
      [x1, y0],
      [x0, y1],
      [x1, y1],
    ].map(([x, y]) => [origin[0] + (x ?? 0) * c - (y ?? 0) * s, origin[1] + (x ?? 0) * s + (y ?? 0) * c]);
    return boxOfPoints(corners);
  }

  /**
   * Draws one text run. `at` is in local coordinates; the glyphs keep their own angle
   * (`style.angle`, view space) and are never mirrored, like CAD text with MIRRTEXT off.
   */
  text(layer: string, text: string, at: Point, style: TextStyle, local: Matrix): void {
    if (text === '') return;
    this.enqueue(layer, () => {
      const font = this.font(style.font);
      const origin = apply(compose(this.viewToPage, local), at);
      const pageAngle = (style.angle ?? 0) + matrixAngle(this.viewToPage);
      const { width, capHeight } = this.measure(text, style);
      const dx = style.anchor === 'middle' ? -width / 2 : style.anchor === 'end' ? -width : 0;
      const dy = style.vAnchor === 'middle' ? -capHeight / 2 : 0;
      const rad = (pageAngle * Math.PI) / 180;
      const x = origin[0] + dx * Math.cos(rad) - dy * Math.sin(rad);
      const y = origin[1] + dx * Math.sin(rad) + dy * Math.cos(rad);
      this.page.drawText(text, {
        x: fix(x),
        y: fix(y),
        size: style.size,
        font,
        ...(style.color ? { color: style.color } : {}),
        ...(pageAngle % 360 !== 0 ? { rotate: degrees(pageAngle % 360) } : {}),
      });
    });
  }

  /** Writes every queued item to the page content stream. */
  flush(): void {
    const items = [...this.queue].sort((a, b) => a.layer - b.layer || a.seq - b.seq);
    this.queue.length = 0;
    for (const item of items) item.run();
  }
}

/** Three decimals keep content streams small and byte-stable. */
function fix(v: number): number {
  const r = Math.round(v * 1000) / 1000;
  return Object.is(r, -0) ? 0 : r;
}
