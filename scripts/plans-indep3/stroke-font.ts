/**
 * This generator's own single-stroke font, in the manner of AutoCAD's SHX "simplex"/"romans":
 * every glyph is a few polylines on a 4 × 6 grid (cap height 6 units), plotted as line segments
 * with no text layer. Lower case is drawn as small capitals, as many SHX plots of schedules are.
 */

type Polyline = readonly (readonly [number, number])[];

/** Glyph outlines as "x,y x,y | x,y x,y" (one polyline per bar-separated group). */
const GLYPHS: Record<string, string> = {
  A: '0,0 2,6 4,0 | 0.7,2 3.3,2',
  B: '0,0 0,6 3,6 4,5 4,4 3,3 0,3 | 3,3 4,2 4,1 3,0 0,0',
  C: '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1',
  D: '0,0 0,6 2.5,6 4,4.5 4,1.5 2.5,0 0,0',
  E: '4,6 0,6 0,0 4,0 | 0,3 3,3',
  F: '4,6 0,6 0,0 | 0,3 3,3',
  G: '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1 4,3 2.2,3',
  H: '0,0 0,6 | 4,0 4,6 | 0,3 4,3',
  I: '2,0 2,6 | 1,6 3,6 | 1,0 3,0',
  J: '4,6 4,1 3,0 1,0 0,1',
  K: '0,0 0,6 | 4,6 0,2 | 1.3,3.3 4,0',
  L: '0,6 0,0 4,0',
  M: '0,0 0,6 2,2.5 4,6 4,0',
  N: '0,0 0,6 4,0 4,6',
  O: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0',
  P: '0,0 0,6 3,6 4,5 4,4 3,3 0,3',
  Q: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0 | 2.5,1.5 4,-0.5',
  R: '0,0 0,6 3,6 4,5 4,4 3,3 0,3 | 2,3 4,0',
  S: '4,5 3,6 1,6 0,5 0,4 1,3 3,3 4,2 4,1 3,0 1,0 0,1',
  T: '0,6 4,6 | 2,6 2,0',
  U: '0,6 0,1 1,0 3,0 4,1 4,6',
  V: '0,6 2,0 4,6',
  W: '0,6 1,0 2,4 3,0 4,6',
  X: '0,0 4,6 | 0,6 4,0',
  Y: '0,6 2,3 4,6 | 2,3 2,0',
  Z: '0,6 4,6 0,0 4,0',
  '0': '1.2,0 0.5,1 0.5,5 1.2,6 2.8,6 3.5,5 3.5,1 2.8,0 1.2,0',
  '1': '1,5 2,6 2,0 | 1,0 3,0',
  '2': '0,5 1,6 3,6 4,5 4,4 0,0 4,0',
  '3': '0,5 1,6 3,6 4,5 4,4 3,3 4,2 4,1 3,0 1,0 0,1 | 1.5,3 3,3',
  '4': '3,0 3,6 0,2 4,2',
  '5': '4,6 0.3,6 0,3.5 3,3.5 4,2.5 4,1 3,0 1,0 0,1',
  '6': '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1 4,2 3,3 0,3',
  '7': '0,6 4,6 1.5,0',
  '8': '1,3 0,4 0,5 1,6 3,6 4,5 4,4 3,3 1,3 0,2 0,1 1,0 3,0 4,1 4,2 3,3',
  '9': '4,3 1,3 0,4 0,5 1,6 3,6 4,5 4,1 3,0 1,0 0,1',
  '.': '1.7,0 2.3,0 2.3,0.6 1.7,0.6 1.7,0',
  ',': '2,0.6 2,0 1.4,-1',
  '-': '0.5,3 3.5,3',
  _: '0,-0.6 4,-0.6',
  '/': '0,-0.5 4,6.5',
  ':': '1.7,0 2.3,0 2.3,0.6 1.7,0.6 1.7,0 | 1.7,4 2.3,4 2.3,4.6 1.7,4.6 1.7,4',
  '(': '2.8,6.6 1.6,5 1.2,3 1.6,1 2.8,-0.6',
  ')': '1.2,6.6 2.4,5 2.8,3 2.4,1 1.2,-0.6',
  '+': '2,1 2,5 | 0,3 4,3',
  '=': '0,2 4,2 | 0,4 4,4',
  '&': '4,0 1,4.5 1,5.4 1.7,6 2.6,5.5 2.6,4.7 0,2 0,1 1,0 2.5,0 4,2',
  '%': '0,0 4,6 | 0.3,6 1.3,6 1.3,5 0.3,5 0.3,6 | 2.7,1 3.7,1 3.7,0 2.7,0 2.7,1',
  "'": '2,6 2,4.6',
  '#': '1,0 1.5,6 | 2.5,0 3,6 | 0,2 4,2 | 0,4 4,4',
  '²': '1.5,5 2,5.5 3,5.5 3.5,5 3.5,4.6 1.5,3.2 3.6,3.2',
  Ø: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0 | -0.3,-0.5 4.3,6.5',
  '*': '2,1.5 2,4.5 | 0.7,2.2 3.3,3.8 | 0.7,3.8 3.3,2.2',
};

const PARSED = new Map<string, Polyline[]>(
  Object.entries(GLYPHS).map(([ch, spec]) => [
    ch,
    spec.split('|').map((part) =>
      part
        .trim()
        .split(/\s+/)
        .map((pt) => {
          const [x, y] = pt.split(',').map(Number);
          return [x ?? 0, y ?? 0] as const;
        }),
    ),
  ]),
);

/** Advance of one glyph in grid units (glyph 4 wide + 2 spacing). */
const ADVANCE = 6;
const SMALL_CAPS = 0.75;

/** Width in points of `text` drawn at cap height `size`. */
export function strokeTextWidth(text: string, size: number, widthFactor = 1): number {
  let units = 0;
  for (const ch of text) units += ch !== ch.toUpperCase() ? ADVANCE * SMALL_CAPS : ADVANCE;
  return ((units - 2) * size * widthFactor) / 6;
}

/**
 * Content-stream operators drawing `text` as strokes, baseline starting at (x, y), turned
 * `angleDeg` counter-clockwise. The caller sets line width and colour.
 */
export function strokeText(
  text: string,
  x: number,
  y: number,
  size: number,
  angleDeg = 0,
  widthFactor = 1,
): string {
  const unit = size / 6;
  const c = Math.cos((angleDeg * Math.PI) / 180);
  const s = Math.sin((angleDeg * Math.PI) / 180);
  const out: string[] = [];
  let pen = 0;
  for (const raw of text) {
    const small = raw !== raw.toUpperCase();
    const ch = raw.toUpperCase();
    const k = small ? SMALL_CAPS : 1;
    const lines = PARSED.get(ch) ?? (ch === ' ' ? [] : PARSED.get('*'));
    for (const line of lines ?? []) {
      line.forEach(([gx, gy], i) => {
        const lx = (pen + gx * k * widthFactor) * unit;
        const ly = gy * k * unit;
        const px = x + lx * c - ly * s;
        const py = y + lx * s + ly * c;
        out.push(`${fmt(px)} ${fmt(py)} ${i === 0 ? 'm' : 'l'}`);
      });
    }
    pen += ADVANCE * k * widthFactor;
  }
  if (out.length === 0) return '';
  return `${out.join('\n')}\nS\n`;
}

export function fmt(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
