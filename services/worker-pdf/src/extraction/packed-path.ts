import type { BBox, PathPrimitive, PathSegment } from '@saeq/plan-analysis/primitives';

/** Segment codes in a packed block (pdfjs 5.x `DrawOPS`, which the path buffers use too). */
export const PACKED_MOVE_TO = 0;
export const PACKED_LINE_TO = 1;
export const PACKED_CURVE_TO = 2;
export const PACKED_CLOSE_PATH = 4;

/** Numbers per block: 512 KiB, so a page's many small paths share few typed arrays. */
const BLOCK_LENGTH = 65_536;

const BLOCK = Symbol('packed block');
const START = Symbol('packed start');
const END = Symbol('packed end');

type Packed = { [BLOCK]: Float64Array; [START]: number; [END]: number };

/**
 * The page-space segments of many paths, packed one after another in shared `Float64Array`
 * blocks: per segment its code, then its coordinates (x y, or x1 y1 x2 y2 x y for a curve).
 *
 * Why: as objects, a one-stroke path's two segments took ~230 bytes (two objects, four boxed
 * numbers, an array); packed they take 48, which on a sheet drawn one stroke per path (1.4 M
 * paths) is ~250 MB. The paths still show a plain `segments` array (decoded from the block each
 * time it is read), so the analysis, JSON and structured clones see what they always saw.
 */
export class SegmentBlocks {
  private block = new Float64Array(0);
  private used = 0;

  /** A block with room for `n` more numbers from `start`; write them, then `commit` the end. */
  reserve(n: number): Float64Array {
    if (this.used + n > this.block.length) {
      this.block = new Float64Array(Math.max(BLOCK_LENGTH, n));
      this.used = 0;
    }
    return this.block;
  }

  get start(): number {
    return this.used;
  }

  commit(end: number): void {
    this.used = end;
  }
}

/** Decodes a path's segments from its block (a fresh array of fresh objects each call). */
function readSegments(this: Packed): PathSegment[] {
  const block = this[BLOCK];
  const end = this[END];
  const segments: PathSegment[] = [];
  let i = this[START];
  while (i < end) {
    const op = block[i++];
    if (op === PACKED_MOVE_TO || op === PACKED_LINE_TO) {
      const x = block[i] ?? 0;
      const y = block[i + 1] ?? 0;
      segments.push({ op: op === PACKED_MOVE_TO ? 'moveTo' : 'lineTo', x, y });
      i += 2;
    } else if (op === PACKED_CURVE_TO) {
      const x1 = block[i] ?? 0;
      const y1 = block[i + 1] ?? 0;
      const x2 = block[i + 2] ?? 0;
      const y2 = block[i + 3] ?? 0;
      const x = block[i + 4] ?? 0;
      const y = block[i + 5] ?? 0;
      segments.push({ op: 'curveTo', x1, y1, x2, y2, x, y });
      i += 6;
    } else {
      segments.push({ op: 'closePath' });
    }
  }
  return segments;
}

/** Shared by every packed path: `segments` is an own, enumerable property, as on a plain path. */
const SEGMENTS: PropertyDescriptor = { get: readSegments, enumerable: true, configurable: true };

/**
 * A path whose segments are the numbers `start` to `end` of `block`. Its properties come in the
 * order of a plain `PathPrimitive`, `segments` first, so its JSON is the same.
 */
export function packedPath(
  block: Float64Array,
  start: number,
  end: number,
  rest: Omit<PathPrimitive, 'segments' | 'bbox' | 'source'> & { bbox: BBox },
): PathPrimitive {
  const path = Object.defineProperties({} as PathPrimitive, {
    segments: SEGMENTS,
    [BLOCK]: { value: block },
    [START]: { value: start },
    [END]: { value: end },
  });
  path.stroke = rest.stroke;
  path.fill = rest.fill;
  path.evenOdd = rest.evenOdd;
  path.lineWidth = rest.lineWidth;
  path.dashed = rest.dashed;
  path.strokeColor = rest.strokeColor;
  path.fillColor = rest.fillColor;
  path.bbox = rest.bbox;
  return path;
}
