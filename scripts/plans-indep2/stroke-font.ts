/**
 * A single-stroke capital font on a 4 × 6 grid, drawn for this generator only (it imitates how
 * AutoCAD plots SHX text: line segments, no text layer). Lower case is drawn as capitals, as SHX
 * "romans"-style drafting text mostly is on electrical sheets. Accented capitals are the base
 * letter plus an accent stroke.
 */
const GLYPHS: Record<string, string> = {
  A: '0,0 0,4 2,6 4,4 4,0|0,3 4,3',
  B: '0,0 0,6 3,6 4,5 4,4 3,3 0,3|3,3 4,2 4,1 3,0 0,0',
  C: '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1',
  D: '0,0 0,6 2,6 4,4 4,2 2,0 0,0',
  E: '4,6 0,6 0,0 4,0|0,3 3,3',
  F: '4,6 0,6 0,0|0,3 3,3',
  G: '4,5 3,6 1,6 0,5 0,1 1,0 3,0 4,1 4,3 2,3',
  H: '0,0 0,6|4,0 4,6|0,3 4,3',
  I: '1,6 3,6|2,6 2,0|1,0 3,0',
  J: '4,6 4,1 3,0 1,0 0,1',
  K: '0,0 0,6|4,6 0,2|1,3 4,0',
  L: '0,6 0,0 4,0',
  M: '0,0 0,6 2,3 4,6 4,0',
  N: '0,0 0,6 4,0 4,6',
  O: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0',
  P: '0,0 0,6 3,6 4,5 4,4 3,3 0,3',
  Q: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0|2,2 4,0',
  R: '0,0 0,6 3,6 4,5 4,4 3,3 0,3|2,3 4,0',
  S: '4,5 3,6 1,6 0,5 0,4 1,3 3,3 4,2 4,1 3,0 1,0 0,1',
  T: '0,6 4,6|2,6 2,0',
  U: '0,6 0,1 1,0 3,0 4,1 4,6',
  V: '0,6 2,0 4,6',
  W: '0,6 1,0 2,4 3,0 4,6',
  X: '0,0 4,6|0,6 4,0',
  Y: '0,6 2,3 4,6|2,3 2,0',
  Z: '0,6 4,6 0,0 4,0',
  '0': '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0|0,1 4,5',
  '1': '1,5 2,6 2,0|1,0 3,0',
  '2': '0,5 1,6 3,6 4,5 4,4 0,0 4,0',
  '3': '0,5 1,6 3,6 4,5 4,4 3,3 1,3|3,3 4,2 4,1 3,0 1,0 0,1',
  '4': '3,0 3,6 0,2 4,2',
  '5': '4,6 0,6 0,3 3,3 4,2 4,1 3,0 0,0',
  '6': '3,6 1,6 0,5 0,1 1,0 3,0 4,1 4,2 3,3 0,3',
  '7': '0,6 4,6 1,0',
  '8': '1,3 0,4 0,5 1,6 3,6 4,5 4,4 3,3 1,3 0,2 0,1 1,0 3,0 4,1 4,2 3,3',
  '9': '4,3 1,3 0,4 0,5 1,6 3,6 4,5 4,1 3,0 1,0',
  '-': '1,3 3,3',
  '.': '2,0 2,0.4',
  ',': '2,0.5 1.5,-1',
  ':': '2,1 2,1.4|2,4 2,4.4',
  '/': '0,0 4,6',
  '(': '3,6 2,5 2,1 3,0',
  ')': '1,6 2,5 2,1 1,0',
  "'": '2,6 2,4.5',
  '"': '1,6 1,4.5|3,6 3,4.5',
  '=': '0,2 4,2|0,4 4,4',
  '+': '2,1 2,5|0,3 4,3',
  '&': '4,0 1,5 2,6 3,5 0,2 0,1 1,0 2,0 4,2',
  '%': '0,0 4,6|0,6 0,5|4,0 4,1',
  '#': '1,0 1,6|3,0 3,6|0,2 4,2|0,4 4,4',
  '°': '1,6 2,6 2,5 1,5 1,6',
  '×': '0,1 4,5|0,5 4,1',
  Ø: '1,0 0,1 0,5 1,6 3,6 4,5 4,1 3,0 1,0|0,0 4,6',
  '²': '1,6 3,6 3,5 1,4 3,4',
  '—': '0,3 4,3',
  '–': '0,3 4,3',
  '*': '2,1 2,5|0,2 4,4|0,4 4,2',
  '>': '0,5 4,3 0,1',
  '<': '4,5 0,3 4,1',
  '[': '3,6 1,6 1,0 3,0',
  ']': '1,6 3,6 3,0 1,0',
  '!': '2,6 2,2|2,0 2,0.4',
  '?': '0,5 1,6 3,6 4,5 4,4 2,3 2,2|2,0 2,0.4',
  '@': '3,2 3,4 1,4 1,2 4,2 4,5 3,6 1,6 0,5 0,1 1,0 4,0',
  _: '0,-0.5 4,-0.5',
  $: '4,5 1,5 0,4 1,3 3,3 4,2 3,1 0,1|2,6 2,0',
};

const ACCENTS: Record<string, [string, string]> = {
  É: ['E', '1.5,6.6 2.8,7.6'],
  È: ['E', '1.2,7.6 2.5,6.6'],
  Ê: ['E', '1,6.6 2,7.6 3,6.6'],
  À: ['A', '1.2,7.6 2.5,6.6'],
  Â: ['A', '1,6.6 2,7.6 3,6.6'],
  Ô: ['O', '1,6.6 2,7.6 3,6.6'],
  Î: ['I', '1,6.6 2,7.6 3,6.6'],
  Û: ['U', '1,6.6 2,7.6 3,6.6'],
  Ù: ['U', '1.2,7.6 2.5,6.6'],
  Ç: ['C', '2,0 2,-1 1,-1.5'],
  Ë: ['E', '1,7 1,7.3|3,7 3,7.3'],
  Ï: ['I', '1,7 1,7.3|3,7 3,7.3'],
};

export type Polyline = readonly (readonly [number, number])[];

function parse(spec: string): Polyline[] {
  return spec.split('|').map((part) =>
    part
      .trim()
      .split(/\s+/)
      .map((pair) => {
        const [x, y] = pair.split(',').map(Number);
        return [x ?? 0, y ?? 0] as const;
      }),
  );
}

/** Strokes of one character on the 4 × 6 grid (unknown characters draw as a small box). */
export function glyphStrokes(char: string): Polyline[] {
  const upper = char.toUpperCase();
  if (upper === ' ') return [];
  const accented = ACCENTS[upper];
  if (accented) return [...parse(GLYPHS[accented[0]] ?? ''), ...parse(accented[1])];
  const spec = GLYPHS[upper];
  return spec ? parse(spec) : parse('0,0 4,0 4,6 0,6 0,0');
}

/** Advance of one character in grid units (4 wide + 2 of spacing). */
export const STROKE_ADVANCE = 6;

/** Width of a string drawn at cap height `size`. */
export function strokeTextWidth(text: string, size: number): number {
  return text.length * STROKE_ADVANCE * (size / 6) - 2 * (size / 6);
}

/**
 * Polylines of `text` at cap height `size`, baseline start at (x, y), turned `angleDeg` about
 * that start; in the caller's coordinates.
 */
export function strokeText(text: string, x: number, y: number, size: number, angleDeg = 0): Polyline[] {
  const unit = size / 6;
  const cos = Math.cos((angleDeg * Math.PI) / 180);
  const sin = Math.sin((angleDeg * Math.PI) / 180);
  const out: Polyline[] = [];
  [...text].forEach((char, i) => {
    for (const line of glyphStrokes(char)) {
      out.push(
        line.map(([gx, gy]) => {
          const lx = (i * STROKE_ADVANCE + gx) * unit;
          const ly = gy * unit;
          return [x + lx * cos - ly * sin, y + lx * sin + ly * cos] as const;
        }),
      );
    }
  });
  return out;
}
