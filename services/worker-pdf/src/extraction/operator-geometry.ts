import type {
  BBox,
  ImagePrimitive,
  Matrix,
  PathPrimitive,
  PathSegment,
} from '@saeq/plan-analysis/primitives';

/** The subset of pdfjs `OPS` codes the geometry walk needs (pass `pdfjs.OPS`). */
export type OpsCodes = Readonly<Record<string, number>>;

/** A pdfjs operator list: parallel arrays of operator codes and their (untyped) arguments. */
export type OperatorList = { fnArray: ArrayLike<number>; argsArray: ArrayLike<unknown> };

/** pdfjs 5.x path opcodes inside `constructPath` buffers (`DrawOPS` in pdfjs src/shared/util.js). */
const DRAW_MOVE_TO = 0;
const DRAW_LINE_TO = 1;
const DRAW_CURVE_TO = 2;
const DRAW_QUADRATIC_CURVE_TO = 3;
const DRAW_CLOSE_PATH = 4;

type GraphicsState = {
  ctm: Matrix;
  lineWidth: number;
  dashed: boolean;
  strokeColor: string;
  fillColor: string;
};

/** m1 applied after m2: (m1 · m2)(p) = m1(m2(p)). PDF's `cm` sets CTM' = cm × CTM, i.e. compose(ctm, cm). */
export function composeMatrix(outer: Matrix, inner: Matrix): Matrix {
  const [a, b, c, d, e, f] = outer;
  const [a2, b2, c2, d2, e2, f2] = inner;
  return [
    a * a2 + c * b2,
    b * a2 + d * b2,
    a * c2 + c * d2,
    b * c2 + d * d2,
    a * e2 + c * f2 + e,
    b * e2 + d * f2 + f,
  ];
}

function apply(m: Matrix, x: number, y: number): [number, number] {
  return [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]];
}

function asMatrix(value: unknown): Matrix | null {
  if (value === null || typeof value !== 'object' || !('length' in value)) return null;
  const arr = Array.from(value as ArrayLike<unknown>);
  if (arr.length !== 6 || !arr.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  return arr as Matrix;
}

function asArgs(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isFloatBuffer(value: unknown): value is ArrayLike<number> {
  return value instanceof Float32Array || value instanceof Float64Array;
}

/** Growing bbox of points. */
class Bounds {
  x0 = Number.POSITIVE_INFINITY;
  y0 = Number.POSITIVE_INFINITY;
  x1 = Number.NEGATIVE_INFINITY;
  y1 = Number.NEGATIVE_INFINITY;
  add(x: number, y: number): void {
    if (x < this.x0) this.x0 = x;
    if (y < this.y0) this.y0 = y;
    if (x > this.x1) this.x1 = x;
    if (y > this.y1) this.y1 = y;
  }
  get empty(): boolean {
    return this.x0 > this.x1;
  }
  toBBox(): BBox {
    return [this.x0, this.y0, this.x1, this.y1];
  }
}

/**
 * Decodes one pdfjs 5.x `constructPath` buffer (DrawOPS codes followed by their coordinates, in
 * user space) into page-space segments. Curve bounds use the control polygon (a superset of the
 * curve), which is enough for layout.
 */
function decodePathBuffer(buf: ArrayLike<number>, ctm: Matrix, bounds: Bounds): PathSegment[] {
  const segments: PathSegment[] = [];
  let cx = 0;
  let cy = 0;
  let i = 0;
  const n = buf.length;
  const at = (k: number): number => buf[k] ?? 0;
  while (i < n) {
    const op = at(i++);
    switch (op) {
      case DRAW_MOVE_TO:
      case DRAW_LINE_TO: {
        const [x, y] = apply(ctm, at(i), at(i + 1));
        i += 2;
        segments.push({ op: op === DRAW_MOVE_TO ? 'moveTo' : 'lineTo', x, y });
        bounds.add(x, y);
        cx = x;
        cy = y;
        break;
      }
      case DRAW_CURVE_TO: {
        const [x1, y1] = apply(ctm, at(i), at(i + 1));
        const [x2, y2] = apply(ctm, at(i + 2), at(i + 3));
        const [x, y] = apply(ctm, at(i + 4), at(i + 5));
        i += 6;
        segments.push({ op: 'curveTo', x1, y1, x2, y2, x, y });
        bounds.add(x1, y1);
        bounds.add(x2, y2);
        bounds.add(x, y);
        cx = x;
        cy = y;
        break;
      }
      case DRAW_QUADRATIC_CURVE_TO: {
        // Not emitted for PDF content today (pdfjs uses it for glyph outlines); raise to cubic.
        const [qx, qy] = apply(ctm, at(i), at(i + 1));
        const [x, y] = apply(ctm, at(i + 2), at(i + 3));
        i += 4;
        const x1 = cx + (2 / 3) * (qx - cx);
        const y1 = cy + (2 / 3) * (qy - cy);
        const x2 = x + (2 / 3) * (qx - x);
        const y2 = y + (2 / 3) * (qy - y);
        segments.push({ op: 'curveTo', x1, y1, x2, y2, x, y });
        bounds.add(qx, qy);
        bounds.add(x, y);
        cx = x;
        cy = y;
        break;
      }
      case DRAW_CLOSE_PATH:
        segments.push({ op: 'closePath' });
        break;
      default:
        // Unknown opcode: the rest of the buffer cannot be decoded reliably.
        return segments;
    }
  }
  return segments;
}

/**
 * Walks a pdfjs 5.x operator list and returns the painted paths and images in page space.
 *
 * Tracks save/restore, `cm` (transform), form XObjects (paintFormXObjectBegin/End with their
 * matrix), transparency groups, line width (also from ExtGState `LW`), dash pattern and RGB
 * colours.
 * `origin` is the page box's lower-left corner, subtracted so page space starts at 0,0.
 * Clip-only paths (`W n`) and text are not returned. Unbalanced restores are ignored.
 */
export function operatorListToGeometry(
  opList: OperatorList,
  ops: OpsCodes,
  origin: { x: number; y: number } = { x: 0, y: 0 },
): { paths: PathPrimitive[]; images: ImagePrimitive[] } {
  const paths: PathPrimitive[] = [];
  const images: ImagePrimitive[] = [];
  let state: GraphicsState = {
    ctm: [1, 0, 0, 1, -origin.x, -origin.y],
    lineWidth: 1,
    dashed: false,
    strokeColor: '#000000',
    fillColor: '#000000',
  };
  const stack: GraphicsState[] = [];
  const push = () => stack.push({ ...state });
  const pop = () => {
    const prev = stack.pop();
    if (prev) state = prev;
  };

  const strokeOps = new Set([ops.stroke, ops.closeStroke]);
  const fillOps = new Set([ops.fill, ops.eoFill]);
  const bothOps = new Set([ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke]);
  const evenOddOps = new Set([ops.eoFill, ops.eoFillStroke, ops.closeEOFillStroke]);
  const imageOps = new Set([
    ops.paintImageXObject,
    ops.paintInlineImageXObject,
    ops.paintImageMaskXObject,
    ops.paintSolidColorImageMask,
    ops.paintImageXObjectRepeat,
    ops.paintImageMaskXObjectRepeat,
    ops.paintInlineImageXObjectGroup,
    ops.paintImageMaskXObjectGroup,
  ]);

  const n = opList.fnArray.length;
  for (let k = 0; k < n; k++) {
    const fn = opList.fnArray[k];
    const args = asArgs(opList.argsArray[k]);
    switch (fn) {
      case ops.save:
      case ops.beginGroup:
        push();
        break;
      case ops.restore:
      case ops.endGroup:
      case ops.paintFormXObjectEnd:
        pop();
        break;
      case ops.paintFormXObjectBegin: {
        push();
        const m = asMatrix(args[0]);
        if (m) state.ctm = composeMatrix(state.ctm, m);
        break;
      }
      case ops.transform: {
        const m = asMatrix(args);
        if (m) state.ctm = composeMatrix(state.ctm, m);
        break;
      }
      case ops.setLineWidth: {
        const w = args[0];
        if (typeof w === 'number' && Number.isFinite(w)) state.lineWidth = Math.abs(w);
        break;
      }
      case ops.setDash:
        state.dashed = isDashPattern(args[0]);
        break;
      case ops.setGState: {
        for (const entry of asArgs(args[0])) {
          const pair = asArgs(entry);
          if (pair[0] === 'LW' && typeof pair[1] === 'number') state.lineWidth = Math.abs(pair[1]);
          if (pair[0] === 'D') state.dashed = isDashPattern(asArgs(pair[1])[0]);
        }
        break;
      }
      case ops.setStrokeRGBColor:
        if (typeof args[0] === 'string') state.strokeColor = args[0];
        break;
      case ops.setFillRGBColor:
        if (typeof args[0] === 'string') state.fillColor = args[0];
        break;
      case ops.constructPath: {
        const paintOp = args[0];
        if (typeof paintOp !== 'number') break;
        const stroke = strokeOps.has(paintOp) || bothOps.has(paintOp);
        const fill = fillOps.has(paintOp) || bothOps.has(paintOp);
        if (!stroke && !fill) break; // endPath: clip-only or discarded path
        const buf = asArgs(args[1])[0];
        if (!isFloatBuffer(buf)) break;
        const bounds = new Bounds();
        const segments = decodePathBuffer(buf, state.ctm, bounds);
        if (segments.length === 0 || bounds.empty) break;
        const [a, b, c, d] = state.ctm;
        paths.push({
          segments,
          stroke,
          fill,
          evenOdd: evenOddOps.has(paintOp),
          lineWidth: state.lineWidth * Math.sqrt(Math.abs(a * d - b * c)),
          dashed: stroke && state.dashed,
          strokeColor: state.strokeColor,
          fillColor: state.fillColor,
          bbox: bounds.toBBox(),
        });
        break;
      }
      default:
        if (fn !== undefined && imageOps.has(fn)) {
          // Images are drawn into the unit square of the current transform.
          const bounds = new Bounds();
          for (const [u, v] of [
            [0, 0],
            [1, 0],
            [1, 1],
            [0, 1],
          ] as const) {
            const [x, y] = apply(state.ctm, u, v);
            bounds.add(x, y);
          }
          const size = imagePixelSize(fn, args, ops);
          images.push({ bbox: bounds.toBBox(), widthPx: size?.[0] ?? null, heightPx: size?.[1] ?? null });
        }
    }
  }
  return { paths, images };
}

/** A dash array with at least one non-zero entry (`[] 0 d` is a solid line). */
function isDashPattern(value: unknown): boolean {
  return Array.isArray(value) && value.some((v) => typeof v === 'number' && v > 0);
}

function imagePixelSize(fn: number, args: unknown[], ops: OpsCodes): [number, number] | null {
  if (fn === ops.paintImageXObject) {
    const [, w, h] = args;
    return typeof w === 'number' && typeof h === 'number' ? [w, h] : null;
  }
  const img = args[0];
  if (img !== null && typeof img === 'object' && 'width' in img && 'height' in img) {
    const { width, height } = img;
    return typeof width === 'number' && typeof height === 'number' ? [width, height] : null;
  }
  return null;
}
