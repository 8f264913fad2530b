import type { BBox, ImagePrimitive, Matrix, PathPrimitive } from '@saeq/plan-analysis/primitives';
import { packedPath, SegmentBlocks } from './packed-path.ts';

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

function asMatrix(value: unknown): Matrix | null {
  if (value === null || typeof value !== 'object' || !('length' in value)) return null;
  const arr = Array.from(value as ArrayLike<unknown>);
  if (arr.length !== 6 || !arr.every((n) => typeof n === 'number' && Number.isFinite(n))) return null;
  return arr as Matrix;
}

function asArgs(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function isFloatBuffer(value: unknown): value is Float32Array | Float64Array {
  return value instanceof Float32Array || value instanceof Float64Array;
}

/** Where a painted path's packed segments end, and its bounding box (null when it has no point). */
type DecodedPath = { end: number; bbox: BBox | null };

/**
 * Decodes one pdfjs 5.x `constructPath` buffer (DrawOPS codes followed by their coordinates, in
 * user space) into page-space segments, packed into `out` from `start` (see packed-path.ts; `out`
has room for 1.4 × the buffer's length: a quadratic curve's 5 numbers become a cubic's 7). Curve bounds use the control polygon (a superset of the
 * curve), which is enough for layout.
 *
 * This runs for every path of every page (~10 % of extraction on dense sheets), hence the
 * inlined transform and bounds: no temporary arrays or objects.
 * A buffer cut short reads its missing coordinates as 0 (reads past the end are `undefined`).
 */
function decodePathBuffer(
  buf: Float32Array | Float64Array,
  ctm: Matrix,
  out: Float64Array,
  start: number,
): DecodedPath {
  const [a, b, c, d, e, f] = ctm;
  let o = start;
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  let cx = 0;
  let cy = 0;
  let i = 0;
  const n = buf.length;
  // No helper closure for the reads below: under tsx (esbuild keepNames) every closure created
  // in a hot function goes through a `__name()` call, which cost more than the decoding itself.
  decode: while (i < n) {
    const op = buf[i++];
    switch (op) {
      case DRAW_MOVE_TO:
      case DRAW_LINE_TO: {
        const u = buf[i] ?? 0;
        const v = buf[i + 1] ?? 0;
        i += 2;
        const x = a * u + c * v + e;
        const y = b * u + d * v + f;
        out[o] = op;
        out[o + 1] = x;
        out[o + 2] = y;
        o += 3;
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
        cx = x;
        cy = y;
        break;
      }
      case DRAW_CURVE_TO: {
        const u1 = buf[i] ?? 0;
        const v1 = buf[i + 1] ?? 0;
        const u2 = buf[i + 2] ?? 0;
        const v2 = buf[i + 3] ?? 0;
        const u = buf[i + 4] ?? 0;
        const v = buf[i + 5] ?? 0;
        i += 6;
        const px1 = a * u1 + c * v1 + e;
        const py1 = b * u1 + d * v1 + f;
        const px2 = a * u2 + c * v2 + e;
        const py2 = b * u2 + d * v2 + f;
        const x = a * u + c * v + e;
        const y = b * u + d * v + f;
        out[o] = DRAW_CURVE_TO;
        out[o + 1] = px1;
        out[o + 2] = py1;
        out[o + 3] = px2;
        out[o + 4] = py2;
        out[o + 5] = x;
        out[o + 6] = y;
        o += 7;
        // Same order as the points are met, so NaN coordinates behave as before (never counted).
        if (px1 < x0) x0 = px1;
        if (py1 < y0) y0 = py1;
        if (px1 > x1) x1 = px1;
        if (py1 > y1) y1 = py1;
        if (px2 < x0) x0 = px2;
        if (py2 < y0) y0 = py2;
        if (px2 > x1) x1 = px2;
        if (py2 > y1) y1 = py2;
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
        cx = x;
        cy = y;
        break;
      }
      case DRAW_QUADRATIC_CURVE_TO: {
        // Not emitted for PDF content today (pdfjs uses it for glyph outlines); raise to cubic.
        const uq = buf[i] ?? 0;
        const vq = buf[i + 1] ?? 0;
        const u = buf[i + 2] ?? 0;
        const v = buf[i + 3] ?? 0;
        i += 4;
        const qx = a * uq + c * vq + e;
        const qy = b * uq + d * vq + f;
        const x = a * u + c * v + e;
        const y = b * u + d * v + f;
        const cx1 = cx + (2 / 3) * (qx - cx);
        const cy1 = cy + (2 / 3) * (qy - cy);
        const cx2 = x + (2 / 3) * (qx - x);
        const cy2 = y + (2 / 3) * (qy - y);
        out[o] = DRAW_CURVE_TO;
        out[o + 1] = cx1;
        out[o + 2] = cy1;
        out[o + 3] = cx2;
        out[o + 4] = cy2;
        out[o + 5] = x;
        out[o + 6] = y;
        o += 7;
        if (qx < x0) x0 = qx;
        if (qy < y0) y0 = qy;
        if (qx > x1) x1 = qx;
        if (qy > y1) y1 = qy;
        if (x < x0) x0 = x;
        if (y < y0) y0 = y;
        if (x > x1) x1 = x;
        if (y > y1) y1 = y;
        cx = x;
        cy = y;
        break;
      }
      case DRAW_CLOSE_PATH:
        out[o] = DRAW_CLOSE_PATH;
        o += 1;
        break;
      default:
        // Unknown opcode: the rest of the buffer cannot be decoded reliably.
        break decode;
    }
  }
  return { end: o, bbox: x0 > x1 ? null : [x0, y0, x1, y1] };
}

/** What the geometry walk does with an operator (looked up once per operator by its code). */
const SAVE = 1;
const RESTORE = 2;
const FORM_BEGIN = 3;
const TRANSFORM = 4;
const LINE_WIDTH = 5;
const DASH = 6;
const GSTATE = 7;
const STROKE_COLOUR = 8;
const FILL_COLOUR = 9;
const PATH = 10;
const IMAGE = 11;
const MARKED_BEGIN = 12;
const MARKED_BEGIN_PROPS = 13;
const MARKED_END = 14;

/** Paint operators of a `constructPath`: bit flags. */
const STROKE = 1;
const FILL = 2;
const EVEN_ODD = 4;

type OpTables = { actions: Map<number, number>; paint: Map<number, number> };

/** Tables per `ops` object (pdfjs.OPS is one frozen object, so this is built once per thread). */
const tablesCache = new WeakMap<OpsCodes, OpTables>();

function opTables(ops: OpsCodes): OpTables {
  const cached = tablesCache.get(ops);
  if (cached) return cached;
  const actions = new Map<number, number>();
  // First assignment wins, as the first matching `case` of a switch would.
  const set = (code: number | undefined, action: number) => {
    if (code !== undefined && !actions.has(code)) actions.set(code, action);
  };
  set(ops.save, SAVE);
  set(ops.beginGroup, SAVE);
  set(ops.restore, RESTORE);
  set(ops.endGroup, RESTORE);
  set(ops.paintFormXObjectEnd, RESTORE);
  set(ops.paintFormXObjectBegin, FORM_BEGIN);
  set(ops.transform, TRANSFORM);
  set(ops.setLineWidth, LINE_WIDTH);
  set(ops.setDash, DASH);
  set(ops.setGState, GSTATE);
  set(ops.setStrokeRGBColor, STROKE_COLOUR);
  set(ops.setFillRGBColor, FILL_COLOUR);
  set(ops.constructPath, PATH);
  set(ops.beginMarkedContent, MARKED_BEGIN);
  set(ops.beginMarkedContentProps, MARKED_BEGIN_PROPS);
  set(ops.endMarkedContent, MARKED_END);
  for (const name of [
    'paintImageXObject',
    'paintInlineImageXObject',
    'paintImageMaskXObject',
    'paintSolidColorImageMask',
    'paintImageXObjectRepeat',
    'paintImageMaskXObjectRepeat',
    'paintInlineImageXObjectGroup',
    'paintImageMaskXObjectGroup',
  ])
    set(ops[name], IMAGE);
  const paint = new Map<number, number>();
  const flag = (code: number | undefined, bits: number) => {
    if (code !== undefined) paint.set(code, (paint.get(code) ?? 0) | bits);
  };
  flag(ops.stroke, STROKE);
  flag(ops.closeStroke, STROKE);
  flag(ops.fill, FILL);
  flag(ops.eoFill, FILL | EVEN_ODD);
  for (const code of [ops.fillStroke, ops.eoFillStroke, ops.closeFillStroke, ops.closeEOFillStroke])
    flag(code, STROKE | FILL);
  flag(ops.eoFillStroke, EVEN_ODD);
  flag(ops.closeEOFillStroke, EVEN_ODD);
  const tables = { actions, paint };
  tablesCache.set(ops, tables);
  return tables;
}

/**
 * Walks a pdfjs 5.x operator list and returns the painted paths and images in page space.
 * The whole list at once; `GeometryWalker` takes it chunk by chunk.
 */
export function operatorListToGeometry(
  opList: OperatorList,
  ops: OpsCodes,
  origin: { x: number; y: number } = { x: 0, y: 0 },
  isVisible: (group: unknown) => boolean = () => true,
): { paths: PathPrimitive[]; images: ImagePrimitive[] } {
  const walker = new GeometryWalker(ops, origin, isVisible);
  walker.add(opList);
  return { paths: walker.paths, images: walker.images };
}

/**
 * Walks a pdfjs 5.x operator list, one chunk after another, into the painted paths and images in
 * page space. Chunk by chunk so that a page's operator list need never be held whole: on a sheet
 * drawn one stroke per path (1.4 M paths) the list took as much memory as the paths themselves.
 *
 * Tracks save/restore, `cm` (transform), form XObjects (paintFormXObjectBegin/End with their
 * matrix), transparency groups, line width (also from ExtGState `LW`), dash pattern and RGB
 * colours, across chunks.
 * `origin` is the page box's lower-left corner, subtracted so page space starts at 0,0.
 * Clip-only paths (`W n`) and text are not returned. Unbalanced restores are ignored.
 * Content of an optional-content group that is off (`/OC … BDC … EMC`, or a form XObject with
 * `/OC`) is not returned either: a layer the drafter turned off (demolition, existing) is not
 * printed, so its devices are not on the plan. `isVisible` is the document's optional-content
 * configuration (pdfjs's `isVisible`); without it everything counts as visible.
 */
export class GeometryWalker {
  readonly paths: PathPrimitive[] = [];
  readonly images: ImagePrimitive[] = [];
  private readonly tables: OpTables;
  private state: GraphicsState;
  private readonly stack: GraphicsState[] = [];
  /** One entry per open marked-content sequence: false for an optional-content group that is off. */
  private readonly marked: boolean[] = [];
  private hidden = 0;
  /**
   * Colour strings by value: pdfjs hands every colour operator its own string (copied between
   * its worker and the page), and a CAD export sets the colour before each of its 10⁶ paths.
   */
  private readonly colours = new Map<string, string>();
  /** Where the paths' segments are stored (see packed-path.ts). */
  private readonly blocks = new SegmentBlocks();

  constructor(
    private readonly ops: OpsCodes,
    origin: { x: number; y: number } = { x: 0, y: 0 },
    private readonly isVisible: (group: unknown) => boolean = () => true,
  ) {
    this.tables = opTables(ops);
    this.state = {
      ctm: [1, 0, 0, 1, -origin.x, -origin.y],
      lineWidth: 1,
      dashed: false,
      strokeColor: '#000000',
      fillColor: '#000000',
    };
  }

  private colour(value: string): string {
    const known = this.colours.get(value);
    if (known !== undefined) return known;
    this.colours.set(value, value);
    return value;
  }

  /** Walks the next `length` operators (all of `fnArray` when not given). */
  add(chunk: OperatorList & { length?: number }): void {
    const { actions, paint: paintFlags } = this.tables;
    const { ops, stack, marked, paths, images } = this;
    const { fnArray, argsArray } = chunk;
    const n = chunk.length ?? fnArray.length;
    for (let k = 0; k < n; k++) {
      const fn = fnArray[k];
      const action = fn === undefined ? undefined : actions.get(fn);
      if (action === undefined) continue;
      const args = asArgs(argsArray[k]);
      const state = this.state;
      switch (action) {
        case MARKED_BEGIN:
          marked.push(true);
          break;
        case MARKED_BEGIN_PROPS: {
          const shown = args[0] !== 'OC' || this.isVisible(args[1]);
          marked.push(shown);
          if (!shown) this.hidden++;
          break;
        }
        case MARKED_END:
          if (marked.pop() === false) this.hidden--;
          break;
        case SAVE:
          stack.push({ ...state });
          break;
        case RESTORE: {
          const prev = stack.pop();
          if (prev) this.state = prev;
          break;
        }
        case FORM_BEGIN: {
          stack.push({ ...state });
          const m = asMatrix(args[0]);
          if (m) state.ctm = composeMatrix(state.ctm, m);
          break;
        }
        case TRANSFORM: {
          const m = asMatrix(args);
          if (m) state.ctm = composeMatrix(state.ctm, m);
          break;
        }
        case LINE_WIDTH: {
          const w = args[0];
          if (typeof w === 'number' && Number.isFinite(w)) state.lineWidth = Math.abs(w);
          break;
        }
        case DASH:
          state.dashed = isDashPattern(args[0]);
          break;
        case GSTATE: {
          for (const entry of asArgs(args[0])) {
            const pair = asArgs(entry);
            if (pair[0] === 'LW' && typeof pair[1] === 'number') state.lineWidth = Math.abs(pair[1]);
            if (pair[0] === 'D') state.dashed = isDashPattern(asArgs(pair[1])[0]);
          }
          break;
        }
        case STROKE_COLOUR:
          if (typeof args[0] === 'string') state.strokeColor = this.colour(args[0]);
          break;
        case FILL_COLOUR:
          if (typeof args[0] === 'string') state.fillColor = this.colour(args[0]);
          break;
        case PATH: {
          if (this.hidden > 0) break;
          const paintOp = args[0];
          if (typeof paintOp !== 'number') break;
          const flags = paintFlags.get(paintOp) ?? 0;
          const stroke = (flags & STROKE) !== 0;
          const fill = (flags & FILL) !== 0;
          if (!stroke && !fill) break; // endPath: clip-only or discarded path
          const buf = asArgs(args[1])[0];
          if (!isFloatBuffer(buf)) break;
          const block = this.blocks.reserve(Math.ceil(buf.length * 1.4) + 1);
          const start = this.blocks.start;
          const { end, bbox } = decodePathBuffer(buf, state.ctm, block, start);
          if (end === start || bbox === null) break;
          this.blocks.commit(end);
          const [a, b, c, d] = state.ctm;
          paths.push(
            packedPath(block, start, end, {
              stroke,
              fill,
              evenOdd: (flags & EVEN_ODD) !== 0,
              lineWidth: state.lineWidth * Math.sqrt(Math.abs(a * d - b * c)),
              dashed: stroke && state.dashed,
              strokeColor: state.strokeColor,
              fillColor: state.fillColor,
              bbox,
            }),
          );
          break;
        }
        case IMAGE: {
          if (this.hidden > 0) break;
          // Images are drawn into the unit square of the current transform.
          const [a, b, c, d, e, f] = state.ctm;
          const size = imagePixelSize(fn as number, args, ops);
          images.push({
            bbox: boundsOf([e, a + e, a + c + e, c + e], [f, b + f, b + d + f, d + f]),
            widthPx: size?.[0] ?? null,
            heightPx: size?.[1] ?? null,
          });
          break;
        }
      }
    }
  }
}

/** Bounding box of points given as parallel coordinate lists; NaN coordinates are ignored. */
function boundsOf(xs: readonly number[], ys: readonly number[]): BBox {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < xs.length; i++) {
    const x = xs[i] ?? Number.NaN;
    const y = ys[i] ?? Number.NaN;
    if (x < x0) x0 = x;
    if (y < y0) y0 = y;
    if (x > x1) x1 = x;
    if (y > y1) y1 = y;
  }
  return [x0, y0, x1, y1];
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
