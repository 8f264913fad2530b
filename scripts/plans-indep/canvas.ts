import {
  appendBezierCurve,
  closePath,
  concatTransformationMatrix,
  degrees,
  drawObject,
  fill,
  lineTo,
  moveTo,
  type PDFDocument,
  type PDFFont,
  type PDFName,
  type PDFOperator,
  type PDFPage,
  popGraphicsState,
  pushGraphicsState,
  rgb,
  setDashPattern,
  setFillingGrayscaleColor,
  setLineWidth,
  setStrokingGrayscaleColor,
  stroke,
} from 'pdf-lib';
import { strokeText, strokeTextWidth } from './stroke-font.ts';

/**
 * Thin drawing layer over one pdf-lib page. It knows the sheet's production style — how text is
 * written (one text item per string, one per character, or no text layer at all: strokes) and
 * how arcs are approximated (Bézier curves, or many short segments as some CAD exporters do) —
 * so the sheet-level code draws without caring about either.
 */
export type TextMode = 'words' | 'chars' | 'outlined';
export type Pt = readonly [number, number];

export interface CanvasStyle {
  readonly textMode: TextMode;
  /** Circles as 4 Bézier curves (false) or as a polygon of short segments (true). */
  readonly segmentedArcs: boolean;
}

export interface TextOptions {
  readonly size: number;
  /** Degrees counter-clockwise. */
  readonly angle?: number;
  readonly align?: 'left' | 'center' | 'right';
  readonly bold?: boolean;
  readonly grey?: number;
}

/** A 2-D affine transform [a b c d e f] as in PDF: x' = a x + c y + e, y' = b x + d y + f. */
export type Matrix = readonly [number, number, number, number, number, number];

export function placementMatrix(
  x: number,
  y: number,
  rotationDeg: number,
  scale: number,
  mirrored: boolean,
): Matrix {
  const r = (rotationDeg * Math.PI) / 180;
  const cos = Math.cos(r) * scale;
  const sin = Math.sin(r) * scale;
  const m = mirrored ? -1 : 1;
  return [cos * m, sin * m, -sin, cos, x, y];
}

export function apply(m: Matrix, p: Pt): [number, number] {
  return [m[0] * p[0] + m[2] * p[1] + m[4], m[1] * p[0] + m[3] * p[1] + m[5]];
}

const round = (v: number) => Math.round(v * 100) / 100;

/** Path primitives of a symbol or of any drawing, in some local space. */
export type Shape =
  | {
      readonly kind: 'poly';
      readonly pts: readonly Pt[];
      readonly closed?: boolean;
      readonly filled?: boolean;
    }
  | { readonly kind: 'circle'; readonly c: Pt; readonly r: number; readonly filled?: boolean };

export class Canvas {
  private ops: PDFOperator[] = [];

  constructor(
    readonly doc: PDFDocument,
    readonly page: PDFPage,
    readonly fonts: { regular: PDFFont; bold: PDFFont },
    readonly style: CanvasStyle,
  ) {}

  get width(): number {
    return this.page.getWidth();
  }

  get height(): number {
    return this.page.getHeight();
  }

  /** Flushes buffered path operators (text drawn through pdf-lib must keep its order). */
  flush(): void {
    if (this.ops.length > 0) {
      this.page.pushOperators(...this.ops);
      this.ops = [];
    }
  }

  setStroke(width: number, grey = 0, dash: readonly number[] = []): void {
    this.ops.push(setLineWidth(width), setStrokingGrayscaleColor(grey), setDashPattern([...dash], 0));
  }

  setFill(grey: number): void {
    this.ops.push(setFillingGrayscaleColor(grey));
  }

  polyline(pts: readonly Pt[], closed = false, filled = false): void {
    const [first, ...rest] = pts;
    if (!first) return;
    this.ops.push(moveTo(round(first[0]), round(first[1])));
    for (const p of rest) this.ops.push(lineTo(round(p[0]), round(p[1])));
    if (closed || filled) this.ops.push(closePath());
    this.ops.push(filled ? fill() : stroke());
  }

  line(a: Pt, b: Pt): void {
    this.polyline([a, b]);
  }

  rect(x: number, y: number, w: number, h: number, filled = false): void {
    this.polyline(
      [
        [x, y],
        [x + w, y],
        [x + w, y + h],
        [x, y + h],
      ],
      true,
      filled,
    );
  }

  circle(c: Pt, r: number, filled = false): void {
    this.shapes([{ kind: 'circle', c, r, filled }], [1, 0, 0, 1, 0, 0]);
  }

  /** Shapes transformed by `m` into page coordinates ("exploded" drawing). */
  shapes(shapes: readonly Shape[], m: Matrix): void {
    this.ops.push(...shapeOperators(shapes, m, this.style.segmentedArcs));
  }

  /** Places a Form XObject named `name` (already in the page resources) with matrix `m`. */
  placeXObject(name: PDFName, m: Matrix): void {
    this.ops.push(
      pushGraphicsState(),
      concatTransformationMatrix(...(m.map(round) as [number, number, number, number, number, number])),
      drawObject(name),
      popGraphicsState(),
    );
  }

  textWidth(text: string, size: number, bold = false): number {
    if (this.style.textMode === 'outlined') return strokeTextWidth(text, size * 0.72);
    return (bold ? this.fonts.bold : this.fonts.regular).widthOfTextAtSize(text, size);
  }

  /** Writes `text` with its baseline start (or centre/right per `align`) at (x, y). */
  text(text: string, x: number, y: number, o: TextOptions): void {
    if (text.length === 0) return;
    const angle = o.angle ?? 0;
    const width = this.textWidth(text, o.size, o.bold);
    const shift = o.align === 'center' ? width / 2 : o.align === 'right' ? width : 0;
    const r = (angle * Math.PI) / 180;
    const x0 = x - shift * Math.cos(r);
    const y0 = y - shift * Math.sin(r);
    const grey = o.grey ?? 0;
    if (this.style.textMode === 'outlined') {
      // Cap height of a Helvetica-like font is ~0.72 of its size: keep the same visual size.
      const m: Matrix = [Math.cos(r), Math.sin(r), -Math.sin(r), Math.cos(r), x0, y0];
      this.setStroke(o.bold ? 0.8 : 0.45, grey);
      const lines = strokeText(text, o.size * 0.72);
      this.shapes(
        lines.map((pts) => ({ kind: 'poly', pts })),
        m,
      );
      return;
    }
    this.flush();
    const font = o.bold ? this.fonts.bold : this.fonts.regular;
    const color = rgb(grey, grey, grey);
    if (this.style.textMode === 'words') {
      this.page.drawText(text, { x: x0, y: y0, size: o.size, font, color, rotate: degrees(angle) });
      return;
    }
    // One text item per character, as some exporters place glyphs one by one.
    let pen = 0;
    for (const ch of text) {
      const px = x0 + pen * Math.cos(r);
      const py = y0 + pen * Math.sin(r);
      if (ch !== ' ')
        this.page.drawText(ch, { x: px, y: py, size: o.size, font, color, rotate: degrees(angle) });
      pen += font.widthOfTextAtSize(ch, o.size);
    }
  }
}

export function shapeOperators(shapes: readonly Shape[], m: Matrix, segmentedArcs: boolean): PDFOperator[] {
  const ops: PDFOperator[] = [];
  for (const s of shapes) {
    if (s.kind === 'poly') {
      const [first, ...rest] = s.pts.map((p) => apply(m, p));
      if (!first) continue;
      ops.push(moveTo(round(first[0]), round(first[1])));
      for (const p of rest) ops.push(lineTo(round(p[0]), round(p[1])));
      if (s.closed || s.filled) ops.push(closePath());
      ops.push(s.filled ? fill() : stroke());
      continue;
    }
    if (segmentedArcs) {
      const n = 24;
      const pts: [number, number][] = [];
      for (let i = 0; i < n; i++) {
        const a = (2 * Math.PI * i) / n;
        pts.push(apply(m, [s.c[0] + s.r * Math.cos(a), s.c[1] + s.r * Math.sin(a)]));
      }
      const [first, ...rest] = pts;
      if (!first) continue;
      ops.push(moveTo(round(first[0]), round(first[1])));
      for (const p of rest) ops.push(lineTo(round(p[0]), round(p[1])));
      ops.push(closePath(), s.filled ? fill() : stroke());
      continue;
    }
    // Four cubic Bézier quarter arcs (k = 0.5523 r).
    const k = 0.5523 * s.r;
    const [cx, cy] = s.c;
    const P = (x: number, y: number) => apply(m, [cx + x, cy + y]);
    const start = P(s.r, 0);
    ops.push(moveTo(round(start[0]), round(start[1])));
    const quarters: [Pt, Pt, Pt][] = [
      [P(s.r, k), P(k, s.r), P(0, s.r)],
      [P(-k, s.r), P(-s.r, k), P(-s.r, 0)],
      [P(-s.r, -k), P(-k, -s.r), P(0, -s.r)],
      [P(k, -s.r), P(s.r, -k), P(s.r, 0)],
    ];
    for (const [a, b, c] of quarters)
      ops.push(
        appendBezierCurve(round(a[0]), round(a[1]), round(b[0]), round(b[1]), round(c[0]), round(c[1])),
      );
    ops.push(closePath(), s.filled ? fill() : stroke());
  }
  return ops;
}

/** Axis-aligned bounds of shapes after `m`. */
export function shapeBounds(shapes: readonly Shape[], m: Matrix): [number, number, number, number] {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  const add = (p: Pt) => {
    const [x, y] = apply(m, p);
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  };
  for (const s of shapes) {
    if (s.kind === 'poly') s.pts.forEach(add);
    else
      for (let i = 0; i < 16; i++) {
        const a = (2 * Math.PI * i) / 16;
        add([s.c[0] + s.r * Math.cos(a), s.c[1] + s.r * Math.sin(a)]);
      }
  }
  return [round(x0), round(y0), round(x1), round(y1)];
}
