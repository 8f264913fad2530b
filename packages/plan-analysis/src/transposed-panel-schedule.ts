import type { PanelCircuit, PanelSchedule } from '@saeq/shared/contracts/plan-analysis';
import { bboxContains, unionBBoxes } from './geometry.ts';
import { parsePanelInfo } from './panel-schedule-info.ts';
import type { BBox } from './primitives.ts';
import type { TextLine } from './text-lines.ts';
import { normalizeText } from './vocabulary.ts';

/**
 * IEC distribution boards (South Africa, Europe) print their circuit table **transposed** under
 * the single-line diagram: one column per outgoing way, one row per fact, the row names in a
 * column at the left ("CIRCUIT NO", "DESCRIPTION", "BREAKER", "CABLE SIZE", "RCD", "PHASE").
 */
type RowRole = 'number' | 'description' | 'amps' | 'conductor' | 'poles' | 'rcd' | 'phase' | 'other';

/** Row names as printed (normalised), per role. OCR may change a letter or two: see `roleOfLabel`. */
const ROW_LABELS: readonly [RowRole, readonly string[]][] = [
  [
    'number',
    [
      'circuit no',
      'circuit nos',
      'circuit number',
      'circuit ref',
      'circuit',
      'cct no',
      'cct',
      'ckt no',
      'ckt',
      'way no',
      'way',
      'way ref',
      'cct ref',
    ],
  ],
  [
    'description',
    [
      'description',
      'circuit description',
      'load description',
      'load',
      'loads',
      'designation',
      'usage',
      'circuit details',
      'area served',
    ],
  ],
  [
    'amps',
    [
      'breaker',
      'breakers',
      'breaker size',
      'breaker rating',
      'circuit breaker',
      'cb',
      'cb size',
      'cb rating',
      'mcb',
      'mcb size',
      'mcb rating',
      'mcb amps',
      'amps',
      'protection',
      'rating',
      'trip',
      'breaker (a)',
      'mcb (a)',
      'cb (a)',
    ],
  ],
  [
    'conductor',
    [
      'cable size',
      'cable sizes',
      'cable',
      'cables',
      'cable mm2',
      'cable (mm2)',
      'conductor',
      'conductor size',
      'wire size',
    ],
  ],
  ['poles', ['poles', 'pole', 'no of poles', 'no. of poles']],
  ['rcd', ['rcd', 'elcb', 'earth leakage', 'rcd (ma)', 'rcbo']],
  ['phase', ['phase', 'phases', 'ph']],
  // Rows read by nobody but bounding their neighbours: a count of points must not run into the
  // number or the rating of the way.
  [
    'other',
    [
      'no of points',
      'points',
      'no of pts',
      'pts',
      'qty',
      'quantity',
      'load kw',
      'load kva',
      'kw',
      'kva',
      'curve',
      'type',
      'remarks',
      'notes',
    ],
  ],
];

/** Edit distance, for row names and ratings misread by OCR ("CIRCUlT", "DESCRlPTION"). */
function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0] ?? 0;
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const up = prev[j] ?? 0;
      prev[j] = Math.min(up + 1, (prev[j - 1] ?? 0) + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = up;
    }
  }
  return prev[b.length] ?? 0;
}

/**
 * The row a label names, or null. Exact on short names ("CB", "CCT"); one letter off allowed from
 * 6 letters, two from 12 (OCR of SHX text drops or swaps letters).
 */
export function roleOfLabel(text: string): RowRole | null {
  // Units in brackets say nothing of the row: "MCB RATING (A)", "CABLE SIZE (mm²)", "LOAD (kW)".
  const t = normalizeText(text)
    .replace(/²/g, '2')
    .replace(/\s*\((?:a|amps?|mm2?|sq ?mm|ma|kw|kva|w|va|no\.?)\)\s*$/, '')
    .replace(/[:.]+$/, '')
    .replace(/\s*[.:]\s*/g, ' ')
    .trim();
  if (t.length === 0 || t.length > 24) return null;
  for (const [role, names] of ROW_LABELS) if (names.includes(t)) return role;
  // Two names for one row ("DESCRIPTION / LOAD"): the first one says what the row holds.
  const first = /^(.+?)\s*\/\s*\S.*$/.exec(t)?.[1];
  if (first) for (const [role, names] of ROW_LABELS) if (names.includes(first)) return role;
  const tolerance = t.length >= 12 ? 2 : t.length >= 6 ? 1 : 0;
  if (tolerance === 0) return null;
  // I, l and 1 look alike in SHX text, and so do O and 0: compare with those folded.
  const fold = (s: string) => s.replace(/[l1|]/g, 'i').replace(/0/g, 'o');
  const key = fold(t);
  for (const [role, names] of ROW_LABELS)
    for (const n of names) if (n.length >= 6 && editDistance(key, fold(n)) <= tolerance) return role;
  return null;
}

/** A row name: its role, its box as one line, and the text chunks it was read from. */
type Label = { role: RowRole; line: TextLine; parts: TextLine[] };

/** Row names stacked in one column (left- or right-aligned), top to bottom. */
type LabelColumn = { labels: Label[]; x0: number; x1: number; top: number; bottom: number; fs: number };

const midY = (b: BBox): number => (b[1] + b[3]) / 2;
const midX = (b: BBox): number => (b[0] + b[2]) / 2;

/** Chunks read as one phrase: text joined with spaces, boxes united. */
function joinChunks(parts: readonly TextLine[]): TextLine {
  const first = parts[0] as TextLine;
  return {
    ...first,
    text: parts.map((p) => p.text).join(' '),
    items: parts.flatMap((p) => p.items),
    fontSize: Math.max(...parts.map((p) => p.fontSize)),
    bbox: unionBBoxes(parts.map((p) => p.bbox)) ?? first.bbox,
  };
}

/**
 * Row names on the sheet. OCR returns words, not phrases ("CIRCUIT" "DESCRIPTION"): chunks on one
 * baseline less than 1.5 em apart are tried together, longest phrase first (up to three chunks).
 */
function findLabels(lines: readonly TextLine[]): Label[] {
  const flat = lines.filter((l) => l.angle === 0).sort((a, b) => b.y - a.y || a.bbox[0] - b.bbox[0]);
  const rows: TextLine[][] = [];
  for (const l of flat) {
    const row = rows.find((r) => Math.abs((r[0]?.y ?? 0) - l.y) < 0.4 * l.fontSize);
    if (row) row.push(l);
    else rows.push([l]);
  }
  const labels: Label[] = [];
  for (const row of rows) {
    row.sort((a, b) => a.bbox[0] - b.bbox[0]);
    let i = 0;
    while (i < row.length) {
      let found: Label | null = null;
      for (let n = Math.min(3, row.length - i); n >= 1 && !found; n--) {
        const parts = row.slice(i, i + n);
        const spaced = parts.every((p, k) => {
          const prev = parts[k - 1];
          return !prev || p.bbox[0] - prev.bbox[2] < 1.5 * Math.max(p.fontSize, prev.fontSize);
        });
        if (!spaced) continue;
        const line = n === 1 ? (parts[0] as TextLine) : joinChunks(parts);
        const role = roleOfLabel(line.text);
        if (role) found = { role, line, parts };
      }
      if (found) {
        labels.push(found);
        i += found.parts.length;
      } else i++;
    }
  }
  return labels;
}

/**
 * Whether the lines hold the name of a description row of a transposed board table beside the
 * name of another of its rows ("CIRCUIT NO" … "DESCRIPTION"): such tables often write their
 * descriptions upwards, which OCR reading the page horizontally misses.
 */
export function hasTransposedDescriptionRow(lines: readonly TextLine[]): boolean {
  return findLabelColumns(lines).some((c) => c.labels.some((l) => l.role === 'description'));
}

/**
 * Label columns: row names left- or right-aligned within 3 em of each other, each within 25 em of
 * the next (a row of descriptions written upwards is tall), naming at least two different rows of
 * which one is the circuit number or the breaker.
 */
function findLabelColumns(lines: readonly TextLine[]): LabelColumn[] {
  const labels = findLabels(lines);
  labels.sort((a, b) => b.line.y - a.line.y);
  const used = new Set<Label>();
  const origin = new Map<Label, Label>();
  const out: LabelColumn[] = [];
  for (const seed of labels) {
    if (used.has(seed)) continue;
    const fs = seed.line.fontSize;
    const aligned = (o: Label) =>
      Math.abs(o.line.bbox[0] - seed.line.bbox[0]) < 3 * fs ||
      Math.abs(o.line.bbox[2] - seed.line.bbox[2]) < 3 * fs;
    const chain: Label[] = [seed];
    for (const o of labels) {
      const last = chain[chain.length - 1];
      if (!last || used.has(o) || o === seed || o.line.y >= last.line.y || !aligned(o)) continue;
      if (last.line.y - o.line.y > 25 * fs) break;
      // "CIRCUIT" under "CCT No" names the circuit, i.e. its description.
      const label =
        o.role === 'number' &&
        chain.some((c) => c.role === 'number') &&
        /^circuits?$/.test(normalizeText(o.line.text))
          ? { ...o, role: 'description' as const }
          : o;
      origin.set(label, o);
      if (label.role !== 'other' && chain.some((c) => c.role === label.role)) continue;
      chain.push(label);
    }
    const roles = new Set(chain.filter((c) => c.role !== 'other').map((c) => c.role));
    if (roles.size < 2 || !(roles.has('number') || roles.has('amps'))) continue;
    for (const c of chain) used.add(origin.get(c) ?? c);
    const box = unionBBoxes(chain.map((c) => c.line.bbox)) ?? seed.line.bbox;
    out.push({
      labels: chain,
      x0: box[0],
      x1: box[2],
      top: box[3],
      bottom: box[1],
      fs: Math.max(...chain.map((c) => c.line.fontSize)),
    });
  }
  return out;
}

/**
 * OCR reads SHX digits as letters: "2O A" → "20 A", "C2O" → "C20", "l6A" → "16A". Letters are
 * turned into digits only where they touch a digit.
 */
export function fixOcrDigits(text: string): string {
  let t = text;
  for (let i = 0; i < 2; i++)
    t = t
      .replace(/(\d)[oO]|[oO](?=\d)/g, (m) => m.replace(/[oO]/, '0'))
      .replace(/(\d)[Il|]|[Il|](?=\d)/g, (m) => m.replace(/[Il|]/, '1'));
  // A rating with no digit left ("lOOA", "4OOV" is handled above): O/l/I run before a unit.
  return t.replace(/\b[OoIl|]{2,4}(?=\s?(?:A|V|kA|mA)\b)/g, (m) =>
    m.replace(/[oO]/g, '0').replace(/[Il|]/g, '1'),
  );
}

/** Breaker rating and poles from one cell: "20A", "C20", "MCB 20A", "2O A", "3P 32A", "TP 63A", "20A DP". */
export function parseBreaker(text: string): { amps: number | null; poles: number | null } {
  const t = normalizeText(fixOcrDigits(text))
    .replace(/\b\d+(?:[.,]\d+)?\s*(?:ka|ma)\b/g, ' ')
    .replace(/\s+/g, ' ');
  let poles: number | null = null;
  const p = /\b([1234])\s*p(?:ole)?\b/.exec(t) ?? /\b(sp|dp|tp|tpn|fp)\b/.exec(t);
  if (p?.[1]) {
    const word: Record<string, number> = { sp: 1, dp: 2, tp: 3, tpn: 3, fp: 3 };
    poles = word[p[1]] ?? Math.min(3, Number(p[1]));
  }
  const rest = t.replace(/\b[1234]\s*p(?:ole)?\b|\b(?:sp|dp|tp|tpn|fp)\b/g, ' ');
  const a =
    /(\d{1,4})\s*a(?:mps?)?\b/.exec(rest) ??
    /\b[bcdk]\s*(\d{1,3})\b/.exec(rest) ??
    /(?:^|\s)(\d{1,4})(?:\s|$)/.exec(rest);
  let amps = a?.[1] ? Number(a[1]) : null;
  // OCR reads the "A" of "20A" as a 4 ("204"): a rating that is not a standard one but is one
  // followed by a 4 is that rating.
  if (
    amps !== null &&
    !STANDARD_RATINGS.has(amps) &&
    amps % 10 === 4 &&
    STANDARD_RATINGS.has((amps - 4) / 10)
  )
    amps = (amps - 4) / 10;
  return { amps: amps !== null && amps > 0 && amps <= 1600 ? amps : null, poles };
}

/**
 * Rated currents of circuit breakers and switches: IEC 60898-1:2015 5.3.2 (6–125 A, with 8 and
 * 13 A) and the usual moulded-case frame ratings above it (IEC 60947-2 leaves them to makers).
 */
const STANDARD_RATINGS = new Set([
  6, 8, 10, 13, 16, 20, 25, 32, 40, 50, 63, 80, 100, 125, 160, 200, 250, 315, 320, 400, 500, 630, 800, 1000,
  1250, 1600,
]);

/** A value cell of the table: its row and where it sits across. */
type Cell = { role: RowRole; line: TextLine; cx: number };

const SPARE = /^(spare|space|reserve|future)$/;

/**
 * Reads transposed distribution-board tables: a column of row names, then one column per way.
 * Each way with a description or a breaker is a circuit (spares included, as on row schedules);
 * ways with neither count only as positions. The circuit number is the one printed in the number
 * row when most ways print an integer, else the way's order (a row of "L1 L2 L3" is the phase).
 * Poles are null unless printed ("3P", "TP"). The board's name and ratings are read above the
 * table (below it when nothing above names a board), never across another table.
 *
 * `lines` are text chunks split at column gaps; `taken` are areas already read as row schedules;
 * `vRules` are the boxes of vertical rules (a ruled table's ways are read between them).
 * Partial: descriptions split over several chunks of one way are joined top to bottom; a way
 * whose breaker OCR did not read has `amps: null`.
 */
export function findTransposedSchedules(
  lines: readonly TextLine[],
  taken: readonly BBox[] = [],
  vRules: readonly BBox[] = [],
): { schedule: PanelSchedule; bbox: BBox }[] {
  const free = lines.filter((l) => !taken.some((b) => bboxContains(b, l.bbox, 1)));
  const columns = findLabelColumns(free);
  const out: { schedule: PanelSchedule; bbox: BBox }[] = [];
  const tables: { col: LabelColumn; bbox: BBox; read: TableReading }[] = [];
  for (const col of columns) {
    const read = readTable(col, free, columns, vRules);
    if (!read) continue;
    tables.push({ col, bbox: read.bbox, read });
  }
  for (const t of tables) {
    const info = boardInfo(
      t.bbox,
      t.col.fs,
      free,
      tables.filter((o) => o !== t).map((o) => o.bbox),
    );
    if (!info.name) continue;
    const waysPrinted = info.ways;
    const positionCount = Math.max(t.read.ways, waysPrinted ?? 0);
    out.push({
      schedule: {
        name: info.name,
        voltage: info.voltage,
        phases: info.phases,
        mainA: info.mainA,
        circuits: t.read.circuits,
        positionCount,
        ...(info.wires !== null ? { wires: info.wires } : {}),
        ...(info.aic !== null ? { aic: info.aic } : {}),
        ...(info.mains !== null ? { mains: info.mains } : {}),
        ...(info.busA !== null ? { busA: info.busA } : {}),
      },
      bbox: t.bbox,
    });
  }
  return out;
}

type TableReading = { circuits: PanelCircuit[]; ways: number; bbox: BBox };

/** The ways of one table, read across from its label column. */
function readTable(
  col: LabelColumn,
  lines: readonly TextLine[],
  others: readonly LabelColumn[],
  vRules: readonly BBox[],
): TableReading | null {
  const { fs } = col;
  const rows = [...col.labels].sort((a, b) => midY(b.line.bbox) - midY(a.line.bbox));
  const mids = rows.map((r) => midY(r.line.bbox));
  const pitchAt = (i: number) => {
    const a = mids[i - 1];
    const b = mids[i + 1];
    const m = mids[i] ?? 0;
    return a !== undefined ? a - m : b !== undefined ? m - b : 2 * fs;
  };
  // Row bands: halfway to the neighbouring row names; the outer rows reach as far out as inwards.
  const bands = rows.map((_, i) => {
    const m = mids[i] ?? 0;
    const up = i > 0 ? ((mids[i - 1] ?? m) - m) / 2 : pitchAt(i) / 2;
    const down = i < rows.length - 1 ? (m - (mids[i + 1] ?? m)) / 2 : pitchAt(i) / 2;
    return { lo: m - Math.max(down, 0.8 * fs), hi: m + Math.max(up, 0.8 * fs) };
  });
  // Text written upwards fills a tall cell whose row name may stand at its top ("DESCRIPTION"
  // flush with the top rule, "COOKER" standing on the bottom rule): a description or cable row
  // reaches down to the next row name's top, not halfway to it. Short rows (number, breaker) keep
  // their bands, so a description centred on its row name is not cut by the row above.
  const uprightBands = bands.map((b, i) => {
    const row = rows[i];
    const tall = row?.role === 'description' || row?.role === 'conductor';
    const next = rows[i + 1]?.line.bbox[3];
    return { lo: tall && next !== undefined ? Math.min(b.lo, next) : b.lo, hi: b.hi };
  });
  const top = bands[0]?.hi ?? col.top;
  const bottom = bands[bands.length - 1]?.lo ?? col.bottom;
  // The table ends before the next label column to the right that shares its rows.
  const rightLimit = Math.min(
    ...others
      .filter((o) => o !== col && o.x0 > col.x1 && o.bottom < top && o.top > bottom)
      .map((o) => o.x0 - 0.5 * fs),
    Number.POSITIVE_INFINITY,
  );
  const labelLines = new Set(col.labels.flatMap((l) => l.parts));
  const cells: Cell[] = [];
  for (const l of lines) {
    if (labelLines.has(l)) continue;
    const cx = midX(l.bbox);
    const cy = midY(l.bbox);
    if (cx <= col.x1 + 0.3 * fs || cx >= rightLimit) continue;
    // Text written upwards in a tall cell may start at its bottom or top edge, its centre past
    // the row name's reach: it goes to the row it overlaps most.
    const upright = l.angle === 90 || l.angle === 270;
    const overlapOf = (b: { lo: number; hi: number }) =>
      Math.min(b.hi, l.bbox[3]) - Math.max(b.lo, l.bbox[1]);
    let i = -1;
    if (upright) {
      const best = Math.max(...uprightBands.map(overlapOf));
      if (best > 0.5 * Math.min(l.bbox[3] - l.bbox[1], fs))
        i = uprightBands.findIndex((b) => overlapOf(b) === best);
    } else if (cy >= bottom && cy <= top) i = bands.findIndex((b) => cy >= b.lo && cy <= b.hi);
    const row = rows[i];
    if (!row) continue;
    cells.push({ role: row.role, line: l, cx });
  }
  const ruled = ruledWays(cells, vRules, col.x1, rightLimit, bottom, top);
  const kept = ruled ?? cutAtGap(waysOf(mergeAdjacent(cells, fs), fs), fs);
  if (kept.length < 2) return null;
  const readings = kept.map((w) => readWay(w.cells));
  // A way's order from where it stands: an empty way prints nothing, so counting the ways read
  // would renumber the ones after it. Ruled ways are in order already.
  const diffs = kept.slice(1).map((w, i) => w.cx - (kept[i]?.cx ?? w.cx));
  const pitch = [...diffs].sort((a, b) => a - b)[Math.floor(diffs.length / 2)] ?? 3 * fs;
  const firstCx = kept[0]?.cx ?? 0;
  const order = ruled ? kept.map((_, i) => i + 1) : kept.map((w) => Math.round((w.cx - firstCx) / pitch) + 1);
  const printed = readings.map((r) => r.number);
  const numbered = printed.filter((n) => n !== null).length > kept.length / 2;
  const circuits: PanelCircuit[] = [];
  const seen = new Set<number>();
  readings.forEach((r, i) => {
    if (!r.circuit) return;
    const ordinal = order[i] ?? i + 1;
    let number = numbered && r.number !== null ? r.number : ordinal;
    if (seen.has(number)) number = ordinal;
    if (seen.has(number)) return;
    seen.add(number);
    circuits.push({ ...r.circuit, number, positions: [number] });
  });
  // A board's table lists its ways: at least two ways give a breaker rating, or a number or phase
  // in the number row (a legend or a notes table with a "DESCRIPTION" column gives neither).
  const rated = circuits.filter((c) => c.amps !== null).length;
  const marked = readings.filter((r) => r.number !== null || r.circuit?.phase !== undefined).length;
  if (circuits.length < 2 || (rated < 2 && marked < 2)) return null;
  const boxes = [
    ...col.labels.map((l) => l.line.bbox),
    ...kept.flatMap((w) => w.cells.map((c) => c.line.bbox)),
  ];
  const bbox = unionBBoxes(boxes) ?? [col.x0, col.bottom, col.x1, col.top];
  const maxNumber = Math.max(0, ...circuits.map((c) => c.number));
  return { circuits, ways: Math.max(kept.length, maxNumber), bbox };
}

/**
 * Ways between the table's vertical rules, when it is ruled: rules right of the row names that
 * span at least 70 % of the rows' height (the drops from the busbar stop at the table's top
 * edge; letter strokes are short). Each cell goes to the interval holding its centre; empty
 * intervals are ways too. Intervals stop at one wider than 3 times the median (the next drawing).
 * Null with fewer than three rules.
 */
function ruledWays(
  cells: readonly Cell[],
  vRules: readonly BBox[],
  labelsX1: number,
  rightLimit: number,
  bottom: number,
  top: number,
): Way[] | null {
  const height = top - bottom;
  const xs: number[] = [];
  for (const r of vRules) {
    const x = midX(r);
    if (x <= labelsX1 || x >= rightLimit) continue;
    const covered = Math.min(r[3], top) - Math.max(r[1], bottom);
    if (covered < 0.7 * height) continue;
    if (!xs.some((o) => Math.abs(o - x) < 1)) xs.push(x);
  }
  xs.sort((a, b) => a - b);
  if (xs.length < 3) return null;
  const widths = xs.slice(1).map((x, i) => x - (xs[i] ?? x));
  const median = [...widths].sort((a, b) => a - b)[Math.floor(widths.length / 2)] ?? 0;
  const ways: Way[] = [];
  for (let i = 1; i < xs.length; i++) {
    const x0 = xs[i - 1] ?? 0;
    const x1 = xs[i] ?? 0;
    if (x1 - x0 > 3 * median) break;
    ways.push({ cx: (x0 + x1) / 2, cells: cells.filter((c) => c.cx > x0 && c.cx <= x1) });
  }
  return ways.length >= 2 ? ways : null;
}

type Way = { cx: number; cells: Cell[] };

/**
 * Words of one row closer than 0.8 em are one cell ("3P" "32A" as OCR returns them); the cells
 * of two neighbouring ways are further apart.
 */
function mergeAdjacent(cells: readonly Cell[], fs: number): Cell[] {
  const out: Cell[] = [];
  const flat = cells.filter((c) => c.line.angle === 0).sort((a, b) => a.line.bbox[0] - b.line.bbox[0]);
  for (const c of flat) {
    const prev = out.find(
      (o) =>
        o.role === c.role &&
        Math.abs(o.line.y - c.line.y) < 0.4 * fs &&
        c.line.bbox[0] - o.line.bbox[2] < 0.8 * fs &&
        c.line.bbox[0] >= o.line.bbox[0],
    );
    if (!prev) {
      out.push({ ...c });
      continue;
    }
    prev.line = joinChunks([prev.line, c.line]);
    prev.cx = midX(prev.line.bbox);
  }
  return [...out, ...cells.filter((c) => c.line.angle !== 0)];
}

/**
 * Ways: cells clustered across by their centres. Row cells of one way are centred on it (or
 * start at its left rule); ways are at least ~2.5 em apart, so centres closer than 1.4 em
 * belong together. Wide cells (text running over several ways) are left out.
 */
function waysOf(cells: readonly Cell[], fs: number): Way[] {
  const narrow = cells.filter((c) => c.line.bbox[2] - c.line.bbox[0] < 12 * fs || c.line.angle !== 0);
  const sorted = [...narrow].sort((a, b) => a.cx - b.cx);
  const ways: Way[] = [];
  for (const c of sorted) {
    const last = ways[ways.length - 1];
    if (last && c.cx - last.cx < 1.4 * fs) {
      last.cells.push(c);
      last.cx = last.cells.reduce((s, o) => s + o.cx, 0) / last.cells.length;
    } else ways.push({ cx: c.cx, cells: [c] });
  }
  // A way needs a cell in a row other than the description, or a description alone when the
  // table has no other rows read there: a stray word in the description band is not a way.
  return ways.filter((w) => w.cells.some((c) => c.role !== 'description') || w.cells.length > 0);
}

function cutAtGap(ways: readonly Way[], fs: number): Way[] {
  const gaps: number[] = [];
  for (let i = 1; i < ways.length; i++) gaps.push((ways[i]?.cx ?? 0) - (ways[i - 1]?.cx ?? 0));
  const sorted = [...gaps].sort((a, b) => a - b);
  const pitch = sorted[Math.floor(sorted.length / 2)] ?? 3 * fs;
  const kept: Way[] = [];
  for (const [i, w] of ways.entries()) {
    if (i > 0 && (gaps[i - 1] ?? 0) > Math.max(3 * pitch, 8 * fs)) break;
    kept.push(w);
  }
  return kept;
}

/** One way's cells, row by row: its printed number and, unless empty, its circuit. */
function readWay(cells: readonly Cell[]): {
  number: number | null;
  circuit: Omit<PanelCircuit, 'number'> | null;
} {
  // Top to bottom, then left to right; words written upwards read bottom to top, their lines
  // left to right. A description cell needs two letters (OCR leaves stray digits in the band).
  const order = (a: Cell, b: Cell) => {
    const upward = a.line.angle === 90 && b.line.angle === 90;
    if (!upward) return b.line.bbox[3] - a.line.bbox[3] || a.line.bbox[0] - b.line.bbox[0];
    const across = a.line.bbox[0] - b.line.bbox[0];
    return Math.abs(across) > 0.5 * a.line.fontSize ? across : a.line.bbox[1] - b.line.bbox[1];
  };
  const text = (role: RowRole) =>
    cells
      .filter((c) => c.role === role && (role !== 'description' || /\p{L}.*\p{L}/u.test(c.line.text)))
      .sort(order)
      .map((c) => c.line.text.trim())
      .join(' ')
      .replace(/\s+/g, ' ')
      .trim();
  const numberText = normalizeText(fixOcrDigits(text('number')));
  const n = /^(?:cct|ckt|c|no|way)?\s*[-.]?\s*(\d{1,3})$/.exec(numberText);
  const number = n?.[1] ? Number(n[1]) : null;
  const breaker = parseBreaker(text('amps'));
  const polesText = normalizeText(text('poles'));
  const poles = breaker.poles ?? (/^[123]\s*p?$/.test(polesText) ? Number(polesText.slice(0, 1)) : null);
  const description = text('description');
  const conductor = text('conductor');
  // A "SPACE" way has no breaker: a position, not a circuit.
  if ((description === '' || /^spaces?$/i.test(description)) && breaker.amps === null)
    return { number, circuit: null };
  const circuit: Omit<PanelCircuit, 'number'> = {
    description: SPARE.test(normalizeText(description)) ? description.toUpperCase() : description,
    amps: breaker.amps,
    poles,
  };
  if (conductor !== '') circuit.conductor = conductor;
  const phase = /^(?:l\s*)?([123])$|^([rwbyc])$/.exec(
    normalizeText(text('phase')) || (number === null ? numberText : ''),
  );
  if (phase)
    circuit.phase = phase[1]
      ? ('ABC'[Number(phase[1]) - 1] ?? 'A')
      : ({ r: 'A', w: 'B', y: 'B', b: 'C', c: 'C' }[phase[2] ?? 'r'] ?? 'A');
  return { number, circuit };
}

/**
 * The board's name and ratings: text above the table within its width (and 10 em either side),
 * up to the nearest other table above or 80 em; nearest lines first. The name is the board name
 * ("DB-GF MAIN", "MAIN DB") in the largest lettering, nearest first. When nothing above names a
 * board, the 8 em below the table are read too (a caption under the diagram).
 */
export function boardInfo(
  table: BBox,
  fs: number,
  lines: readonly TextLine[],
  otherTables: readonly BBox[],
): ReturnType<typeof parsePanelInfo> & { ways: number | null } {
  const x0 = table[0] - 10 * fs;
  const x1 = table[2] + 10 * fs;
  const overlapsAcross = (b: BBox) => b[2] > x0 && b[0] < x1;
  const ceiling = Math.min(
    table[3] + 80 * fs,
    ...otherTables.filter((b) => overlapsAcross(b) && b[1] > table[3]).map((b) => b[1]),
  );
  const floor = Math.max(
    table[1] - 8 * fs,
    ...otherTables.filter((b) => overlapsAcross(b) && b[3] < table[1]).map((b) => b[3]),
  );
  const inTables = (l: TextLine) => [table, ...otherTables].some((b) => bboxContains(b, l.bbox, 0.5));
  const above = lines
    .filter((l) => l.angle === 0 && l.bbox[1] >= table[3] - 0.2 * fs && l.bbox[3] <= ceiling)
    .filter((l) => overlapsAcross(l.bbox) && !inTables(l))
    .sort((a, b) => a.bbox[1] - b.bbox[1]);
  const below = lines
    .filter((l) => l.angle === 0 && l.bbox[3] <= table[1] + 0.2 * fs && l.bbox[1] >= floor)
    .filter((l) => overlapsAcross(l.bbox) && !inTables(l))
    .sort((a, b) => b.bbox[3] - a.bbox[3]);
  const texts = (ls: readonly TextLine[]) => joinBaselines(ls, fs).map((r) => r.text);
  const named = (ls: readonly TextLine[]) =>
    joinBaselines(ls, fs)
      .map((r, i) => ({ r, i, name: parsePanelInfo([r.text]).name }))
      .filter((c) => c.name !== null)
      .sort((a, b) => b.r.fontSize - a.r.fontSize || a.i - b.i)[0]?.name ?? null;
  const name = named(above) ?? named(below);
  const info = parsePanelInfo([...texts(above), ...texts(below)]);
  const all = [...above, ...below].map((l) => normalizeText(fixOcrDigits(l.text)));
  if (info.mainA === null) info.mainA = mainAmpsIn(all);
  const ways = all.map((t) => /\b(\d{1,3})\s*ways?\b/.exec(t)?.[1]).find((w) => w !== undefined);
  return { ...info, name, ways: ways ? Number(ways) : null };
}

/** Lines on one baseline joined left to right ("400V AC" "3PH+N+E" → one line), nearest first. */
function joinBaselines(ls: readonly TextLine[], fs: number): { text: string; fontSize: number }[] {
  const rows: TextLine[][] = [];
  for (const l of ls) {
    const row = rows.find((r) => Math.abs((r[0]?.y ?? 0) - l.y) < 0.45 * fs);
    if (row) row.push(l);
    else rows.push([l]);
  }
  return rows.map((r) => ({
    text: fixOcrDigits(
      [...r]
        .sort((a, b) => a.bbox[0] - b.bbox[0])
        .map((l) => l.text)
        .join(' '),
    ),
    fontSize: Math.max(...r.map((l) => l.fontSize)),
  }));
}

/**
 * The main switch's rating when no "MAIN … 100A" phrase gave it: an ampere rating on a line that
 * names the incomer (main switch, isolator, incomer, Q1, MCCB), else the largest ampere rating
 * of the header (fault levels in kA and RCD trips in mA are not ratings).
 */
function mainAmpsIn(texts: readonly string[]): number | null {
  const amps = (t: string) =>
    [...t.replace(/\b\d+(?:[.,]\d+)?\s*(?:ka|ma)\b/g, ' ').matchAll(/(?:^|[^\d.])(\d{2,4})\s*a\b/g)].map(
      (m) => Number(m[1]),
    );
  for (const t of texts) {
    if (!/\b(main switch|isolator|incomer|q1|mccb|main)\b/.test(t) || /\bbus/.test(t)) continue;
    const a = amps(t)[0];
    if (a !== undefined) return a;
  }
  const all = texts.filter((t) => !/\bbus|\bway/.test(t)).flatMap(amps);
  return all.length > 0 ? Math.max(...all) : null;
}
