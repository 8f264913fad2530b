/**
 * A scan fed in askew (a sheet a degree or two off on the glass) is straightened before it is
 * read: Tesseract returns level word boxes, so on a skewed image a legend row's words and its
 * traced symbol no longer share a line, and long words and table rules are read worse. The skew
 * is found from the image itself (projection profile: the turn that lines the ink up into the
 * sharpest rows) and the image turned back; what is read on the straightened image is mapped to
 * page space through the same turn, so words, outlines and the analysis's own deskew see the page
 * as it is. Pure: pixels in, pixels out.
 */

/** Smaller skews are left alone: the analysis's deskew handles them, and resampling blurs. */
export const MIN_SCAN_SKEW_DEG = 0.1;
/** Larger turns are not a sheet askew on the glass (and the analysis's deskew stops there too). */
export const MAX_SCAN_SKEW_DEG = 5;
const DARK = 160;
/** The image is sampled on a grid of about this many cells along its long side. */
const SAMPLE_LONG_SIDE = 1200;
/** The best turn must line the ink up this much better than none (sum of squared row counts). */
const MIN_GAIN = 1.15;

/** Sum of squared counts of the ink samples per row when the image is turned by `deg`. */
function rowScore(
  xs: Int32Array,
  ys: Int32Array,
  n: number,
  deg: number,
  rows: Float64Array,
  offset: number,
): number {
  rows.fill(0);
  const t = Math.tan((deg * Math.PI) / 180);
  for (let i = 0; i < n; i++) {
    // A line turned counter-clockwise by `deg` on the sheet rises to the right in the image
    // (y down): y + x·tan(deg) is constant along it.
    const r = Math.round((ys[i] as number) + (xs[i] as number) * t) + offset;
    rows[r] = (rows[r] ?? 0) + 1;
  }
  let score = 0;
  for (let i = 0; i < rows.length; i++) score += (rows[i] as number) ** 2;
  return score;
}

/**
 * The skew of a grey image (`pixels`, row by row), in degrees counter-clockwise as seen on the
 * sheet, or 0 when it is square, within `MIN_SCAN_SKEW_DEG`, beyond `MAX_SCAN_SKEW_DEG` or
 * undecided (too little ink, no turn lining it up clearly better than none). Dark pixels are
 * sampled on a coarse grid; turns are tried every 0.25°, then every 0.025° around the best.
 */
export function detectScanSkew(pixels: Uint8Array, width: number, height: number): number {
  if (pixels.length < width * height) {
    throw new RangeError(`detectScanSkew: ${pixels.length} pixels for ${width} × ${height}`);
  }
  const cell = Math.max(1, Math.floor(Math.max(width, height) / SAMPLE_LONG_SIDE));
  const cw = Math.ceil(width / cell);
  const ch = Math.ceil(height / cell);
  const dark = new Uint8Array(cw * ch);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    const crow = Math.floor(y / cell) * cw;
    for (let x = 0; x < width; x++)
      if ((pixels[row + x] as number) < DARK) dark[crow + Math.floor(x / cell)] = 1;
  }
  let n = 0;
  for (const d of dark) n += d;
  if (n < 50) return 0;
  const xs = new Int32Array(n);
  const ys = new Int32Array(n);
  let k = 0;
  for (let y = 0; y < ch; y++)
    for (let x = 0; x < cw; x++)
      if (dark[y * cw + x] === 1) {
        xs[k] = x;
        ys[k] = y;
        k++;
      }
  const offset = Math.ceil(cw * Math.tan((MAX_SCAN_SKEW_DEG * Math.PI) / 180)) + 2;
  const rows = new Float64Array(ch + 2 * offset + 2);
  const score = (deg: number) => rowScore(xs, ys, n, deg, rows, offset);
  const level = score(0);
  let best = 0;
  let bestScore = level;
  const search = (from: number, to: number, step: number) => {
    for (let deg = from; deg <= to + 1e-9; deg += step) {
      const s = score(deg);
      if (s > bestScore) {
        bestScore = s;
        best = deg;
      }
    }
  };
  search(-MAX_SCAN_SKEW_DEG, MAX_SCAN_SKEW_DEG, 0.25);
  const coarse = best;
  search(coarse - 0.25, coarse + 0.25, 0.025);
  if (bestScore < MIN_GAIN * level) return 0;
  return Math.abs(best) < MIN_SCAN_SKEW_DEG || Math.abs(best) > MAX_SCAN_SKEW_DEG ? 0 : best;
}

/**
 * The image turned by −`deg` about its centre (bilinear, white outside), same size, and the map
 * from a pixel of the straightened image to the pixel of the original it shows.
 */
export function straightenScan(
  pixels: Uint8Array,
  width: number,
  height: number,
  deg: number,
): { pixels: Uint8Array; toOriginal: (px: number, py: number) => [number, number] } {
  const rad = (deg * Math.PI) / 180;
  const cos = Math.cos(rad);
  const sin = Math.sin(rad);
  const cx = width / 2;
  const cy = height / 2;
  // A straightened point (dx, dy) from the centre was at its counter-clockwise turn by `deg` on
  // the sheet: (dx cos + dy sin, −dx sin + dy cos) in image axes (y down).
  const toOriginal = (px: number, py: number): [number, number] => {
    const dx = px - cx;
    const dy = py - cy;
    return [cx + dx * cos + dy * sin, cy - dx * sin + dy * cos];
  };
  const out = new Uint8Array(width * height).fill(255);
  for (let y = 0; y < height; y++) {
    // Pixel centres: (x + 0.5, y + 0.5) in the straightened image.
    const dy = y + 0.5 - cy;
    for (let x = 0; x < width; x++) {
      const dx = x + 0.5 - cx;
      const sx = cx + dx * cos + dy * sin - 0.5;
      const sy = cy - dx * sin + dy * cos - 0.5;
      const x0 = Math.floor(sx);
      const y0 = Math.floor(sy);
      if (x0 < 0 || y0 < 0 || x0 + 1 >= width || y0 + 1 >= height) continue;
      const fx = sx - x0;
      const fy = sy - y0;
      const i = y0 * width + x0;
      const top = (pixels[i] as number) * (1 - fx) + (pixels[i + 1] as number) * fx;
      const bottom = (pixels[i + width] as number) * (1 - fx) + (pixels[i + width + 1] as number) * fx;
      out[y * width + x] = Math.round(top * (1 - fy) + bottom * fy);
    }
  }
  return { pixels: out, toOriginal };
}
