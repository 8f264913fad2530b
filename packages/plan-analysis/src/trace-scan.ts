import type { BBox, PathPrimitive, PathSegment } from './primitives.ts';

/**
 * Tracing a scan: the dark ink of a page image turned into outline paths in page space, so that a
 * scanned sheet goes through the vector analysis (legend templates, symbol matching, walls, deskew)
 * like a drawing. Every blob of ink (a symbol, a wall, a letter) gives one closed outline per
 * boundary — its outside and each hole — simplified to straight runs. The legend sample and the
 * symbols on the drawing are traced the same way, so their outlines match each other as the
 * drawn strokes of a vector sheet do. Pure: pixels in, paths out.
 */

export type TraceOptions = {
  /** Grey level below which a pixel is ink (0–255). Default 160, the OCR eraser's. */
  threshold?: number;
  /** Outlines enclosing less than this many pixels (scanner dust) are dropped. Default 3. */
  minAreaPx?: number;
  /** Douglas–Peucker tolerance in pixels: a pixel staircase becomes one straight run. Default 0.9. */
  tolerancePx?: number;
  /**
   * Pixel boxes [x0, y0, x1, y1] (image axes) whose ink is not traced: the words OCR read there.
   * A vector sheet's words are text, not paths; blanking them keeps letters out of the symbols'
   * templates and from being matched as symbols, as on a drawing.
   */
  blank?: readonly [number, number, number, number][];
};

/**
 * The outlines of the ink of a grey image (`pixels`, row by row, `width` × `height`), mapped to
 * page space by `toPage` (pixel corner → page point). Each outline is one closed, stroked path
 * marked `source: 'scan'`, hairline width, black. An isolated dark pixel (no dark neighbour: noise)
 * is not ink; diagonal neighbours belong to the same blob (a thin slanted line stays one stroke).
 */
export function traceScan(
  pixels: Uint8Array,
  width: number,
  height: number,
  toPage: (px: number, py: number) => [number, number],
  opts: TraceOptions = {},
): PathPrimitive[] {
  if (pixels.length < width * height) {
    throw new RangeError(`traceScan: ${pixels.length} pixels for ${width} × ${height}`);
  }
  const threshold = opts.threshold ?? 160;
  const minArea = opts.minAreaPx ?? 3;
  const tolerance = opts.tolerancePx ?? 0.9;
  const ink = binarise(pixels, width, height, threshold);
  for (const [bx0, by0, bx1, by1] of opts.blank ?? []) {
    const x0 = Math.max(0, Math.floor(bx0));
    const x1 = Math.min(width, Math.ceil(bx1));
    for (let y = Math.max(0, Math.floor(by0)); y < Math.min(height, Math.ceil(by1)); y++)
      if (x1 > x0) ink.fill(0, y * width + x0, y * width + x1);
  }

  // Walls and filled shapes are traced apart from thin strokes: a receptacle drawn against a wall
  // stays a blob of its own, as its strokes are paths of their own on a drawing.
  const [ox, oy] = toPage(0, 0);
  const [ux, uy] = toPage(1, 0);
  const ptPerPx = Math.hypot(ux - ox, uy - oy);
  const pxPerPt = ptPerPx > 0 ? 1 / ptPerPx : 1;
  const thick = thickInk(ink, width, height, Math.max(1, Math.round(THICK_HALF_WIDTH_PT * pxPerPt)));
  const thin = new Uint8Array(ink.length);
  for (let i = 0; i < ink.length; i++) if (ink[i] === 1 && thick[i] !== 1) thin[i] = 1;
  return [
    ...traceMask(thick, width, height, toPage, minArea, tolerance, 0),
    ...traceMask(thin, width, height, toPage, minArea, tolerance, Math.max(3, LINE_WIDTH_PT * pxPerPt)),
  ];
}

/** A blob no wider than this (points) along its length is one straight stroke (a rule, a wire). */
const LINE_WIDTH_PT = 1.5;

/** Ink wider than this (points) both ways is a wall or a filled shape: twice this half-width. */
const THICK_HALF_WIDTH_PT = 1;

/**
 * The ink that a square of side 2r + 1 fits in (an erosion), grown back by r within the ink
 * (the opening): walls, poché and filled shapes, without the thin strokes that touch them.
 */
function thickInk(ink: Uint8Array, width: number, height: number, r: number): Uint8Array {
  const core = boxFilter(boxFilter(ink, width, height, r, 'all', true), width, height, r, 'all', false);
  const grown = boxFilter(boxFilter(core, width, height, r, 'any', true), width, height, r, 'any', false);
  for (let i = 0; i < grown.length; i++) if (ink[i] !== 1) grown[i] = 0;
  return grown;
}

/**
 * 1 where all (or any) of the pixels within r along rows (or columns) are 1, run by run: a run of
 * 1s [s, e) gives [s + r, e − r) (all) or [s − r, e + r) (any). A page is mostly blank.
 */
function boxFilter(
  mask: Uint8Array,
  width: number,
  height: number,
  r: number,
  mode: 'all' | 'any',
  rows: boolean,
): Uint8Array {
  const out = new Uint8Array(mask.length);
  const [lines, len, step, stride] = rows ? [height, width, 1, width] : [width, height, width, 1];
  const grow = mode === 'all' ? -r : r;
  for (let l = 0; l < lines; l++) {
    const base = l * stride;
    let k = 0;
    while (k < len) {
      if (mask[base + k * step] !== 1) {
        k++;
        continue;
      }
      const s = k;
      while (k < len && mask[base + k * step] === 1) k++;
      const a = Math.max(0, s - grow);
      const b = Math.min(len, k + grow);
      for (let j = a; j < b; j++) out[base + j * step] = 1;
    }
  }
  return out;
}

/** The outlines of one ink mask (see `traceScan`). */
function traceMask(
  ink: Uint8Array,
  width: number,
  height: number,
  toPage: (px: number, py: number) => [number, number],
  minArea: number,
  tolerance: number,
  lineWidthPx: number,
): PathPrimitive[] {
  const at = (x: number, y: number) =>
    x >= 0 && y >= 0 && x < width && y < height && ink[y * width + x] === 1;
  // Boundary edges between an ink pixel and a blank one, directed with the ink on their left
  // (image axes, y down), stored by start corner: corner index = y·(width+1) + x. A corner has
  // one outgoing edge, or two where two ink pixels touch only diagonally.
  const W1 = width + 1;
  const corners = W1 * (height + 1);
  const out1 = new Int32Array(corners).fill(-1);
  const out2 = new Int32Array(corners).fill(-1);
  const addEdge = (from: number, to: number) => {
    if (out1[from] === -1) out1[from] = to;
    else out2[from] = to;
  };
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (ink[y * width + x] !== 1) continue;
      const c = y * W1 + x;
      if (!at(x, y - 1)) addEdge(c + 1, c); // top, walked right to left
      if (!at(x, y + 1)) addEdge(c + W1, c + W1 + 1); // bottom, left to right
      if (!at(x - 1, y)) addEdge(c, c + W1); // left side, downwards
      if (!at(x + 1, y)) addEdge(c + W1 + 1, c + 1); // right side, upwards
    }
  }

  const paths: PathPrimitive[] = [];
  for (let start = 0; start < corners; start++) {
    while (out1[start] !== -1) {
      const loop = walkLoop(start, out1, out2, W1);
      if (Math.abs(loopArea(loop, W1)) < minArea) continue;
      const simple = simplifyClosed(loop, W1, tolerance);
      if (simple.length < 3) continue;
      // Outside outlines run with negative area here (ink on the left, y down).
      const line = loopArea(loop, W1) < 0 ? centreLine(simple, lineWidthPx) : null;
      paths.push(line ? linePath(line, toPage) : outlinePath(simple, toPage));
    }
  }
  return paths;
}

/** Ink mask: dark pixels with at least one dark neighbour among the 8 (a lone dark pixel is noise). */
function binarise(pixels: Uint8Array, width: number, height: number, threshold: number): Uint8Array {
  const dark = new Uint8Array(width * height);
  for (let i = 0; i < width * height; i++) if ((pixels[i] as number) < threshold) dark[i] = 1;
  const ink = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = y * width + x;
      if (dark[i] !== 1) continue;
      let neighbour = false;
      for (let dy = -1; dy <= 1 && !neighbour; dy++) {
        const yy = y + dy;
        if (yy < 0 || yy >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const xx = x + dx;
          if ((dx !== 0 || dy !== 0) && xx >= 0 && xx < width && dark[yy * width + xx] === 1) {
            neighbour = true;
            break;
          }
        }
      }
      if (neighbour) ink[i] = 1;
    }
  }
  return ink;
}

/**
 * Follows boundary edges from `start` until it comes back, consuming them. Where two edges leave
 * a corner (ink pixels touching diagonally) it takes the right turn, which joins the two pixels
 * into one blob.
 */
function walkLoop(start: number, out1: Int32Array, out2: Int32Array, W1: number): number[] {
  const loop: number[] = [];
  let at = start;
  let prev = -1;
  for (;;) {
    loop.push(at);
    let next: number;
    const b = out2[at] as number;
    if (b !== -1 && prev !== -1) {
      const a = out1[at] as number;
      // Incoming direction (dx, dy), image axes; a right turn (y down) is (−dy, dx).
      const dx = (at % W1) - (prev % W1);
      const dy = Math.floor(at / W1) - Math.floor(prev / W1);
      const right = at + -dy + dx * W1;
      next = a === right ? a : b;
      if (next === a) {
        out1[at] = b;
        out2[at] = -1;
      } else out2[at] = -1;
    } else {
      next = out1[at] as number;
      out1[at] = b;
      out2[at] = -1;
    }
    prev = at;
    at = next;
    if (at === start || at < 0) break;
  }
  return loop;
}

/** Signed area (pixels²) of a loop of corners. */
function loopArea(loop: readonly number[], W1: number): number {
  let area = 0;
  for (let i = 0; i < loop.length; i++) {
    const a = loop[i] as number;
    const b = loop[(i + 1) % loop.length] as number;
    area += (a % W1) * Math.floor(b / W1) - (b % W1) * Math.floor(a / W1);
  }
  return area / 2;
}

/**
 * A closed loop of corners reduced to the points Douglas–Peucker keeps within `tolerance` pixels,
 * split at its two mutually farthest-apart points (a loop has no ends of its own).
 */
function simplifyClosed(loop: readonly number[], W1: number, tolerance: number): [number, number][] {
  const pts: [number, number][] = loop.map((c) => [c % W1, Math.floor(c / W1)]);
  if (pts.length < 4) return pts;
  const first = pts[0] as [number, number];
  let far = 0;
  let best = -1;
  pts.forEach(([x, y], i) => {
    const d = (x - first[0]) ** 2 + (y - first[1]) ** 2;
    if (d > best) {
      best = d;
      far = i;
    }
  });
  const keep = new Uint8Array(pts.length);
  keep[0] = 1;
  keep[far] = 1;
  douglasPeucker(pts, 0, far, tolerance, keep);
  douglasPeucker(pts, far, pts.length, tolerance, keep);
  return pts.filter((_, i) => keep[i] === 1);
}

/** Marks in `keep` the points between `i` and `j` (`j` may be `pts.length`: the loop's start) that DP keeps. */
function douglasPeucker(
  pts: readonly [number, number][],
  i: number,
  j: number,
  tolerance: number,
  keep: Uint8Array,
): void {
  const stack: [number, number][] = [[i, j]];
  while (stack.length > 0) {
    const [a, b] = stack.pop() as [number, number];
    if (b - a < 2) continue;
    const [ax, ay] = pts[a] as [number, number];
    const [bx, by] = pts[b % pts.length] as [number, number];
    const len = Math.hypot(bx - ax, by - ay);
    let worst = -1;
    let worstD = tolerance;
    for (let k = a + 1; k < b; k++) {
      const [px, py] = pts[k] as [number, number];
      const d =
        len > 0
          ? Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len
          : Math.hypot(px - ax, py - ay);
      if (d > worstD) {
        worstD = d;
        worst = k;
      }
    }
    if (worst < 0) continue;
    keep[worst] = 1;
    stack.push([a, worst], [worst, b]);
  }
}

/**
 * The centre line of an outline that is one straight stroke: at most `maxWidth` pixels across
 * and at least three times as long. A drawing's rule or wire is a line, not a thin closed box
 * (which would read as a frame or a shaded band); null for any other shape.
 */
function centreLine(
  points: readonly [number, number][],
  maxWidth: number,
): [number, number, number, number] | null {
  if (maxWidth <= 0) return null;
  let a: [number, number] = points[0] as [number, number];
  let b = a;
  let best = -1;
  for (const p of points)
    for (const q of points) {
      const d = (p[0] - q[0]) ** 2 + (p[1] - q[1]) ** 2;
      if (d > best) {
        best = d;
        a = p;
        b = q;
      }
    }
  const len = Math.sqrt(best);
  if (len <= 0) return null;
  const ux = (b[0] - a[0]) / len;
  const uy = (b[1] - a[1]) / len;
  let [t0, t1, d0, d1] = [0, 0, 0, 0];
  for (const [x, y] of points) {
    const t = (x - a[0]) * ux + (y - a[1]) * uy;
    const d = (y - a[1]) * ux - (x - a[0]) * uy;
    t0 = Math.min(t0, t);
    t1 = Math.max(t1, t);
    d0 = Math.min(d0, d);
    d1 = Math.max(d1, d);
  }
  const across = d1 - d0;
  if (across > maxWidth || t1 - t0 < 3 * across) return null;
  const mid = (d0 + d1) / 2;
  const at = (t: number): [number, number] => [a[0] + t * ux - mid * uy, a[1] + t * uy + mid * ux];
  return [...at(t0), ...at(t1)];
}

/** A straight stroke as a hairline line in page space. */
function linePath(
  [ax, ay, bx, by]: [number, number, number, number],
  toPage: (px: number, py: number) => [number, number],
): PathPrimitive {
  const [x0, y0] = toPage(ax, ay);
  const [x1, y1] = toPage(bx, by);
  return scanPath(
    [
      { op: 'moveTo', x: x0, y: y0 },
      { op: 'lineTo', x: x1, y: y1 },
    ],
    [Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)],
  );
}

/** One closed outline as a hairline stroked path in page space. */
function outlinePath(
  points: readonly [number, number][],
  toPage: (px: number, py: number) => [number, number],
): PathPrimitive {
  const segments: PathSegment[] = [];
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  points.forEach(([px, py], i) => {
    const [x, y] = toPage(px, py);
    segments.push({ op: i === 0 ? 'moveTo' : 'lineTo', x, y });
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  });
  segments.push({ op: 'closePath' });
  return scanPath(segments, [x0, y0, x1, y1]);
}

/** A hairline black stroke traced from a scan, in page space. */
function scanPath(segments: PathSegment[], bbox: BBox): PathPrimitive {
  return {
    segments,
    stroke: true,
    fill: false,
    evenOdd: false,
    lineWidth: 0,
    dashed: false,
    strokeColor: '#000000',
    fillColor: '#000000',
    bbox,
    source: 'scan',
  };
}
