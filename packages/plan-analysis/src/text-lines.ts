import type { BBox, TextItem } from './primitives.ts';

/** Text runs that share a baseline and follow each other closely: one phrase on the sheet. */
export type TextLine = {
  text: string;
  items: TextItem[];
  /** Baseline direction in degrees (rounded to the nearest degree). */
  angle: number;
  fontSize: number;
  /** Page-space box of the whole line. */
  bbox: BBox;
  /** Start of the baseline, page space. */
  x: number;
  y: number;
};

const DEG = Math.PI / 180;

/** Page-space box of one text item, taking its baseline angle into account. */
export function textItemBBox(item: TextItem): BBox {
  const h = item.height > 0 ? item.height : item.fontSize;
  const cos = Math.cos(item.angle * DEG);
  const sin = Math.sin(item.angle * DEG);
  // Corners of the run in its own frame: baseline from 0 to width, descent ≈ 0.2 h, ascent ≈ 0.8 h.
  const corners: [number, number][] = [
    [0, -0.2 * h],
    [item.width, -0.2 * h],
    [item.width, 0.8 * h],
    [0, 0.8 * h],
  ];
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const [u, v] of corners) {
    const x = item.x + u * cos - v * sin;
    const y = item.y + u * sin + v * cos;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x);
    y1 = Math.max(y1, y);
  }
  return [x0, y0, x1, y1];
}

function unionBBox(boxes: BBox[]): BBox {
  let x0 = Number.POSITIVE_INFINITY;
  let y0 = Number.POSITIVE_INFINITY;
  let x1 = Number.NEGATIVE_INFINITY;
  let y1 = Number.NEGATIVE_INFINITY;
  for (const b of boxes) {
    x0 = Math.min(x0, b[0]);
    y0 = Math.min(y0, b[1]);
    x1 = Math.max(x1, b[2]);
    y1 = Math.max(y1, b[3]);
  }
  return [x0, y0, x1, y1];
}

type Framed = { item: TextItem; u0: number; u1: number; v: number; size: number };

/**
 * Groups text items into lines: same baseline direction, baselines within 40 % of the font size,
 * sizes within 30 % of each other, and a gap along the baseline smaller than `maxGapEm` font
 * sizes (a wider gap starts a new line, so two room labels at the same height stay apart). Whitespace-only items are dropped.
 * Lines come in reading order: by direction (horizontal first), top to bottom, left to right.
 */
export function groupTextLines(items: readonly TextItem[], opts: { maxGapEm?: number } = {}): TextLine[] {
  const maxGapEm = opts.maxGapEm ?? 1.2;
  // Items are bucketed by their angle rounded to the degree, but framed along the bucket's mean
  // exact angle: a plan turned by 8.19° framed at 8° drifts 0.3 pt off its baseline every 100 pt,
  // enough for a label's letters to fall into a neighbouring label's row.
  const buckets = new Map<number, TextItem[]>();
  for (const item of items) {
    if (item.str.trim() === '') continue;
    const angle = (((Math.round(item.angle) % 360) + 360) % 360) as number;
    const list = buckets.get(angle) ?? [];
    list.push(item);
    buckets.set(angle, list);
  }
  const byAngle = new Map<number, Framed[]>();
  for (const [angle, bucket] of buckets) {
    const offset =
      bucket.reduce((sum, item) => sum + ((((item.angle - angle) % 360) + 540) % 360) - 180, 0) /
      bucket.length;
    const cos = Math.cos((angle + offset) * DEG);
    const sin = Math.sin((angle + offset) * DEG);
    byAngle.set(
      angle,
      bucket.map((item) => {
        const u = item.x * cos + item.y * sin;
        const v = -item.x * sin + item.y * cos;
        const size = item.fontSize > 0 ? item.fontSize : Math.max(item.height, 1);
        return { item, u0: u, u1: u + item.width, v, size };
      }),
    );
  }
  const lines: TextLine[] = [];
  const angles = [...byAngle.keys()].sort((a, b) => a - b);
  for (const angle of angles) {
    const framed = byAngle.get(angle) ?? [];
    // Top to bottom in the text frame, then left to right.
    framed.sort((a, b) => b.v - a.v || a.u0 - b.u0);
    const rows: Framed[][] = [];
    for (const f of framed) {
      // The nearest row within reach, not the first: a line of small text just above a label
      // would otherwise take the label's first letters ("C" | "HAMBRE 2").
      let row: Framed[] | undefined;
      let rowDist = Number.POSITIVE_INFINITY;
      for (const r of rows) {
        const first = r[0];
        if (first === undefined) continue;
        const d = Math.abs(first.v - f.v);
        if (d <= 0.4 * Math.min(first.size, f.size) && d < rowDist) {
          row = r;
          rowDist = d;
        }
      }
      if (row) row.push(f);
      else rows.push([f]);
    }
    for (const row of rows) {
      row.sort((a, b) => a.u0 - b.u0);
      let current: Framed[] = [];
      const flush = () => {
        if (current.length > 0) lines.push(makeLine(current, angle));
        current = [];
      };
      for (const f of row) {
        const prev = current[current.length - 1];
        // A wide gap, or a change of text size (a tag beside a label), starts a new line.
        const ratio = prev ? Math.max(prev.size, f.size) / Math.max(1e-6, Math.min(prev.size, f.size)) : 1;
        // Runs that overlap by more than half an em are separate texts drawn over each other.
        const overlapping = prev !== undefined && f.u0 < prev.u1 - 0.5 * Math.min(prev.size, f.size);
        if (prev && (f.u0 - prev.u1 > maxGapEm * Math.max(prev.size, f.size) || ratio > 1.3 || overlapping))
          flush();
        current.push(f);
      }
      flush();
    }
  }
  return lines;
}

function makeLine(run: Framed[], angle: number): TextLine {
  let text = '';
  let prev: Framed | undefined;
  for (const f of run) {
    if (prev) {
      const gap = f.u0 - prev.u1;
      const needsSpace = gap > 0.15 * Math.min(prev.size, f.size);
      if (needsSpace && !/\s$/.test(text) && !/^\s/.test(f.item.str)) text += ' ';
    }
    text += f.item.str;
    prev = f;
  }
  const first = run[0];
  const items = run.map((f) => f.item);
  return {
    text: text.replace(/\s+/g, ' ').trim(),
    items,
    angle,
    fontSize: Math.max(...run.map((f) => f.size)),
    bbox: unionBBox(items.map(textItemBBox)),
    x: first ? first.item.x : 0,
    y: first ? first.item.y : 0,
  };
}

/**
 * The page text in reading order, one line per `TextLine`, joined by "\n". Lines at the same
 * height but far apart are separate lines (reading order is top to bottom, then left to right).
 */
export function textInReadingOrder(items: readonly TextItem[]): string {
  const lines = groupTextLines(items, { maxGapEm: 3 });
  return lines.map((l) => l.text).join('\n');
}

/**
 * Horizontal lines split where a vertical rule (`rules`: page-space boxes of vertical segments)
 * crosses them between two of their items. OCR words of neighbouring table cells are often
 * closer than the gap that separates lines ("AMP P P AMP" read as one chunk), but a cell border
 * between them says they belong to different columns. Lines at other angles are kept whole.
 */
export function splitAtRules(lines: readonly TextLine[], rules: readonly BBox[]): TextLine[] {
  const out: TextLine[] = [];
  for (const line of lines) {
    if (line.angle !== 0 || line.items.length < 2 || rules.length === 0) {
      out.push(line);
      continue;
    }
    // A cell border runs past the line's ink at both ends; a glyph's own vertical stroke (outlined
    // text lies under its OCR words) does not.
    const crossing = rules.filter(
      (r) => r[1] < line.bbox[1] - 1 && r[3] > line.bbox[3] + 1 && r[0] > line.bbox[0] && r[2] < line.bbox[2],
    );
    if (crossing.length === 0) {
      out.push(line);
      continue;
    }
    const framed = line.items.map((item) => {
      const box = textItemBBox(item);
      const size = item.fontSize > 0 ? item.fontSize : Math.max(item.height, 1);
      return { item, u0: box[0], u1: box[2], v: item.y, size };
    });
    let run: Framed[] = [];
    for (const f of framed) {
      const prev = run[run.length - 1];
      const ruleBetween =
        prev !== undefined &&
        crossing.some((r) => (r[0] + r[2]) / 2 >= prev.u1 - 0.5 && (r[0] + r[2]) / 2 <= f.u0 + 0.5);
      if (ruleBetween) {
        out.push(makeLine(run, line.angle));
        run = [];
      }
      run.push(f);
    }
    if (run.length > 0) out.push(makeLine(run, line.angle));
  }
  return out;
}
