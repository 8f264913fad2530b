import type { PanelCircuit, PanelSchedule } from '@saeq/shared/contracts/plan-analysis';
import { findFrames } from './frames.ts';
import type { Subpath } from './geometry.ts';
import { bboxArea, bboxContains, unionBBoxes } from './geometry.ts';
import type { BBox } from './primitives.ts';
import type { TextLine } from './text-lines.ts';
import { normalizeText } from './vocabulary.ts';

type Role = 'number' | 'description' | 'amps' | 'poles' | 'conductor';

/** Column headings (normalised text) → what the column holds. */
const ROLE_PATTERNS: readonly [Role, RegExp][] = [
  ['number', /^(cct|ccts|circ\.?|circuits?|ckt|cir\.?|no\.?|n°|n o|#|num\.?|numero)$/],
  [
    'description',
    /^(description|desc\.?|charges?|loads?|usage|designation|desserte|service|utilisation|appareil)$/,
  ],
  ['poles', /^(p|p\.|poles?|pol\.?|nb poles|nbre poles|nombre de poles|pole)$/],
  [
    'amps',
    /^(a|amp\.?|amps|amperes?|ampere|disj\.?|disjoncteur|disj\. ?\(a\)|disjoncteur \(a\)|breaker|bkr|trip|calibre \(a\)|cal\. \(a\)|intensite|courant|a \(disj\.?\))$/,
  ],
  ['conductor', /^(cable|conducteur|conducteurs|wire|fil|fils|calibre|cond\.?|wiring)$/],
];

function roleOf(text: string): Role | null {
  const t = normalizeText(text).replace(/[:]+$/, '').trim();
  for (const [role, re] of ROLE_PATTERNS) if (re.test(t)) return role;
  return null;
}

type HeaderCell = { role: Role; line: TextLine };
type Column = { role: Role; x0: number; x1: number };

const EMPTY_MARKS = new Set(['', '-', '—', '–', '"', '«', '»', '."', 'idem', '---']);

/**
 * Finds panel schedules (tableaux de panneau) on a page: a header row naming at least the
 * circuit-number and description columns plus amps or poles, with rows of aligned text below.
 * Two-column layouts (odd circuits left, even right, each side with its own headings) are split
 * into halves. The title and notes above the header give the panel name, voltage, phases and
 * main breaker. Vertical ruling lines, when drawn, set column boundaries; otherwise boundaries
 * fall midway between headings. Rows stop at a gap wider than 2.5 row pitches or at a total row.
 *
 * `lines` are text chunks split at column gaps (~0.6 em).
 */
export function findPanelSchedules(
  lines: readonly TextLine[],
  subpaths: readonly Subpath[],
): { schedule: PanelSchedule; bbox: BBox }[] {
  const horizontal = lines.filter((l) => l.angle === 0);
  // Frames smaller than a quarter of the sheet can hold a schedule (the sheet border cannot).
  const pageBox = unionBBoxes(subpaths.map((sp) => sp.bbox));
  const pageArea = pageBox ? bboxArea(pageBox) : Number.POSITIVE_INFINITY;
  const frames = findFrames(subpaths).filter((f) => bboxArea(f) < 0.25 * pageArea);
  const headerRows = findHeaderRows(horizontal, frames);
  const out: { schedule: PanelSchedule; bbox: BBox }[] = [];
  const vRules = subpaths.filter(
    (sp) => !sp.curved && sp.bbox[2] - sp.bbox[0] < 0.6 && sp.bbox[3] - sp.bbox[1] > 4,
  );
  for (const header of headerRows) {
    const parsed = parseSchedule(header.cells, header.frame, horizontal, vRules);
    if (parsed) out.push(parsed);
  }
  return out;
}

type HeaderRow = { cells: HeaderCell[]; frame: BBox | null };

/**
 * Header rows: headings on one baseline naming at least the number and description columns and
 * amps or poles. Schedules placed side by side share a baseline: headings are split by the frame
 * that holds them, and unframed ones where the gap between headings is much wider than usual.
 */
function findHeaderRows(lines: readonly TextLine[], frames: readonly BBox[]): HeaderRow[] {
  const cells: HeaderCell[] = [];
  for (const l of lines) {
    const role = roleOf(l.text);
    if (role) cells.push({ role, line: l });
  }
  const frameOf = (c: HeaderCell): BBox | null => {
    let best: BBox | null = null;
    for (const f of frames) {
      if (!bboxContains(f, c.line.bbox, 0.5)) continue;
      if (!best || bboxArea(f) < bboxArea(best)) best = f;
    }
    return best;
  };
  const rows: HeaderRow[] = [];
  const used = new Set<HeaderCell>();
  for (const c of cells) {
    if (used.has(c)) continue;
    const row = cells.filter(
      (o) => !used.has(o) && Math.abs(o.line.y - c.line.y) < 0.6 * Math.max(o.line.fontSize, c.line.fontSize),
    );
    row.sort((a, b) => a.line.bbox[0] - b.line.bbox[0]);
    // Table frames: the smallest frame around a heading that is wider than a single cell.
    const frameBy = new Map<HeaderCell, BBox | null>();
    for (const r of row) frameBy.set(r, frameOf(r));
    const framed: HeaderCell[][] = [];
    for (const r of row) {
      const g = framed[framed.length - 1];
      const last = g?.[g.length - 1];
      const fa = last ? frameBy.get(last) : null;
      const fb = frameBy.get(r);
      const differentFrames = fa && fb && fa !== fb && !bboxContains(fa, fb) && !bboxContains(fb, fa);
      if (g && last && !differentFrames) g.push(r);
      else framed.push([r]);
    }
    const groups = framed.flatMap((g) => splitByTitles(g, lines));
    for (const g of groups) {
      if (!isValidHeader(g)) continue;
      for (const r of g) used.add(r);
      // The table's frame: the smallest frame holding every heading of the group.
      const box = unionBBoxes(g.map((h) => h.line.bbox));
      let frame: BBox | null = null;
      for (const f of frames) {
        if (!box || !bboxContains(f, box, 0.5)) continue;
        if (!frame || bboxArea(f) < bboxArea(frame)) frame = f;
      }
      rows.push({ cells: g, frame });
    }
  }
  return rows;
}

function isValidHeader(cells: readonly HeaderCell[]): boolean {
  const roles = new Set(cells.map((c) => c.role));
  return roles.has('number') && roles.has('description') && (roles.has('amps') || roles.has('poles'));
}

/** The panel named by a title line above `cells` (within their width and ~12 lines), if any. */
function titleAbove(cells: readonly HeaderCell[], lines: readonly TextLine[]): string | null {
  const x0 = Math.min(...cells.map((c) => c.line.bbox[0]));
  const x1 = Math.max(...cells.map((c) => c.line.bbox[2]));
  const y = Math.max(...cells.map((c) => c.line.y));
  const fs = Math.max(...cells.map((c) => c.line.fontSize));
  const candidates = lines
    .filter((l) => l.y > y && l.y < y + 12 * fs && l.bbox[2] > x0 && l.bbox[0] < x1)
    .sort((a, b) => a.y - b.y);
  for (const l of candidates) {
    const name = panelNameIn(normalizeText(l.text));
    if (name) return name;
  }
  return null;
}

/**
 * Unframed schedules side by side share a header baseline. Split a heading group at a wide gap
 * (> 4 em) only when both halves are complete headers with their own, different panel titles
 * above them; a two-column schedule (one title) stays whole.
 */
function splitByTitles(group: HeaderCell[], lines: readonly TextLine[]): HeaderCell[][] {
  for (let k = 1; k < group.length; k++) {
    const prev = group[k - 1];
    const cur = group[k];
    if (!prev || !cur) continue;
    if (cur.line.bbox[0] - prev.line.bbox[2] <= 4 * cur.line.fontSize) continue;
    const left = group.slice(0, k);
    const right = group.slice(k);
    if (!isValidHeader(left) || !isValidHeader(right)) continue;
    const a = titleAbove(left, lines);
    const b = titleAbove(right, lines);
    if (a && b && a !== b) return [left, ...splitByTitles(right, lines)];
  }
  return [group];
}

/** Splits a header row into sides: a second "number" or "description" heading starts a new side. */
function splitSides(header: HeaderCell[]): HeaderCell[][] {
  const numbers = header.filter((h) => h.role === 'number');
  const descriptions = header.filter((h) => h.role === 'description');
  if (numbers.length < 2 && descriptions.length < 2) return [header];
  // Split at the widest gap between consecutive headings that separates the two numbers (or
  // the two descriptions).
  // Both sides carry the same headings (in the same or mirrored order): split where the two
  // halves hold the same roles.
  const key = (cells: HeaderCell[]) =>
    cells
      .map((c) => c.role)
      .sort()
      .join(',');
  for (let k = 1; k < header.length; k++) {
    const left = header.slice(0, k);
    const right = header.slice(k);
    if (key(left) === key(right)) return [left, right];
  }
  const pivotRole: Role = numbers.length >= 2 ? 'number' : 'description';
  const firstIdx = header.findIndex((h) => h.role === pivotRole);
  const secondIdx = header.findIndex((h, i) => i > firstIdx && h.role === pivotRole);
  let best = firstIdx + 1;
  let bestGap = Number.NEGATIVE_INFINITY;
  for (let i = firstIdx + 1; i <= secondIdx; i++) {
    const prev = header[i - 1];
    const cur = header[i];
    if (!prev || !cur) continue;
    const gap = cur.line.bbox[0] - prev.line.bbox[2];
    if (gap > bestGap) {
      bestGap = gap;
      best = i;
    }
  }
  // Each side must keep a number heading; otherwise the layout is a mirror (desc | … | desc)
  // around a shared number column, which `columnsFor` handles as one side.
  const left = header.slice(0, best);
  const right = header.slice(best);
  if (!left.some((h) => h.role === 'number') || !right.some((h) => h.role === 'number')) return [header];
  return [left, right];
}

function columnsFor(side: HeaderCell[], vRules: readonly Subpath[], tableTop: number): Column[] {
  const cols: Column[] = [];
  for (let i = 0; i < side.length; i++) {
    const h = side[i];
    if (!h) continue;
    const prev = side[i - 1];
    const next = side[i + 1];
    const boundary = (a: TextLine, b: TextLine) => {
      const rule = vRules.find(
        (r) =>
          r.bbox[0] >= a.bbox[2] - 0.5 &&
          r.bbox[2] <= b.bbox[0] + 0.5 &&
          r.bbox[3] >= tableTop - 2 * a.fontSize,
      );
      return rule ? (rule.bbox[0] + rule.bbox[2]) / 2 : (a.bbox[2] + b.bbox[0]) / 2;
    };
    const x0 = prev ? boundary(prev.line, h.line) : Number.NEGATIVE_INFINITY;
    const x1 = next ? boundary(h.line, next.line) : Number.POSITIVE_INFINITY;
    cols.push({ role: h.role, x0, x1 });
  }
  return cols;
}

function parseSchedule(
  header: HeaderCell[],
  frame: BBox | null,
  lines: readonly TextLine[],
  vRules: readonly Subpath[],
): { schedule: PanelSchedule; bbox: BBox } | null {
  const fs = Math.max(...header.map((h) => h.line.fontSize));
  const headerY = Math.min(...header.map((h) => h.line.y));
  const headerTop = Math.max(...header.map((h) => h.line.bbox[3]));
  const hx0 = Math.min(...header.map((h) => h.line.bbox[0]));
  const hx1 = Math.max(...header.map((h) => h.line.bbox[2]));
  const sides = splitSides(header);
  const tableX0 = frame ? frame[0] - 0.5 : hx0 - 3 * fs;
  const tableX1 = frame ? frame[2] + 0.5 : hx1 + 3 * fs;
  const tableY0 = frame ? frame[1] - 0.5 : Number.NEGATIVE_INFINITY;

  // Rows: text below the header (inside the frame when there is one), grouped by baseline,
  // until a wide gap or a total row.
  const below = lines
    .filter((l) => l.y < headerY - 0.3 * fs && l.y > tableY0 && l.bbox[0] >= tableX0 && l.bbox[0] <= tableX1)
    .sort((a, b) => b.y - a.y);
  const rows: TextLine[][] = [];
  for (const l of below) {
    const row = rows[rows.length - 1];
    const rowY = row?.[0]?.y;
    if (row && rowY !== undefined && Math.abs(rowY - l.y) < 0.45 * fs) row.push(l);
    else rows.push([l]);
  }
  const kept: TextLine[][] = [];
  const pitches: number[] = [];
  let prevY = headerY;
  for (const row of rows) {
    const y = row[0]?.y ?? prevY;
    const gap = prevY - y;
    const pitch = pitches.length > 0 ? median(pitches) : 2 * fs;
    if (gap > Math.max(2.5 * pitch, 3 * fs)) break;
    const text = normalizeText(row.map((r) => r.text).join(' '));
    if (/^(total|charge totale|connected load|total load|charge connectee)/.test(text)) break;
    // A row must carry a circuit number in some side's number column.
    kept.push(row);
    pitches.push(gap);
    prevY = y;
  }

  // Columns over the whole header (so two sides share their boundary), each tagged with its side.
  const allCols = columnsFor(header, vRules, headerY);
  const firstCol = allCols[0];
  const lastCol = allCols[allCols.length - 1];
  if (firstCol) firstCol.x0 = Math.max(firstCol.x0, frame ? frame[0] : hx0 - 10 * fs);
  if (lastCol) lastCol.x1 = Math.min(lastCol.x1, frame ? frame[2] : hx1 + 30 * fs);
  const sideOf = (i: number) => {
    const cell = header[i];
    return sides.findIndex((s) => cell !== undefined && s.includes(cell));
  };
  const circuits: PanelCircuit[] = [];
  for (const row of kept) {
    const cellsBySide = sides.map(() => new Map<Role, string[]>());
    for (const item of row) {
      let best = -1;
      let bestOverlap = 0;
      allCols.forEach((c, i) => {
        const o = overlap(item.bbox, c);
        if (o > bestOverlap) {
          bestOverlap = o;
          best = i;
        }
      });
      const col = allCols[best];
      const cells = cellsBySide[sideOf(best)];
      if (!col || !cells) continue;
      const list = cells.get(col.role) ?? [];
      list.push(item.text.trim());
      cells.set(col.role, list);
    }
    for (const cells of cellsBySide) {
      const circuit = toCircuit(cells);
      if (circuit) circuits.push(circuit);
    }
  }
  if (circuits.length === 0) return null;
  circuits.sort((a, b) => a.number - b.number);

  // Title and ratings: lines above the header within the table's width, up to ~10 lines.
  // Title and ratings: inside the frame above the header, or just above the table.
  const titleTop = frame ? Math.max(frame[3], headerTop) + 6 * fs : headerTop + 12 * fs;
  const above = lines
    .filter(
      (l) =>
        l.y > headerY &&
        l.bbox[1] < titleTop &&
        l.bbox[2] >= tableX0 &&
        l.bbox[0] <= tableX1 &&
        !header.some((h) => h.line === l),
    )
    .sort((a, b) => b.y - a.y);
  const lastRow = kept[kept.length - 1];
  const bottomY = lastRow ? Math.min(...lastRow.map((r) => r.bbox[1])) : headerY;
  const footer = lines.filter(
    (l) =>
      l.y < bottomY &&
      l.y > Math.max(tableY0, bottomY - 4 * fs) &&
      l.bbox[0] >= tableX0 &&
      l.bbox[0] <= tableX1,
  );
  const info = parsePanelInfo([...joinRows(above, fs), ...joinRows(footer, fs)]);
  if (!info.name) return null;

  const boxes: BBox[] = [
    ...header.map((h) => h.line.bbox),
    ...kept.flat().map((l) => l.bbox),
    ...above.filter((l) => parsePanelInfo([l.text]).matched).map((l) => l.bbox),
  ];
  const bbox = unionBBoxes(boxes) ?? [hx0, bottomY, hx1, headerTop];
  return {
    schedule: {
      name: info.name,
      voltage: info.voltage,
      phases: info.phases,
      mainA: info.mainA,
      circuits,
    },
    bbox: [bbox[0] - fs, bbox[1] - fs, bbox[2] + fs, bbox[3] + fs],
  };
}

/** Chunks on one baseline read as one line, left to right ("DISJ." "PRINCIPAL" "200" "A"). */
function joinRows(chunks: readonly TextLine[], fs: number): string[] {
  const rows: TextLine[][] = [];
  for (const c of [...chunks].sort((a, b) => b.y - a.y)) {
    const row = rows.find((r) => Math.abs((r[0]?.y ?? 0) - c.y) < 0.45 * fs);
    if (row) row.push(c);
    else rows.push([c]);
  }
  return rows.map((r) =>
    r
      .sort((a, b) => a.bbox[0] - b.bbox[0])
      .map((c) => c.text)
      .join(' '),
  );
}

function overlap(b: BBox, c: Column): number {
  return Math.max(0, Math.min(b[2], c.x1) - Math.max(b[0], c.x0));
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function toCircuit(cells: Map<Role, string[]>): PanelCircuit | null {
  const numText = (cells.get('number') ?? []).join(' ');
  const numMatch = /\d{1,3}/.exec(numText);
  if (!numMatch) return null;
  const number = Number(numMatch[0]);
  if (!Number.isInteger(number) || number < 1) return null;
  const description = (cells.get('description') ?? []).join(' ').replace(/\s+/g, ' ').trim();
  const ampsText = (cells.get('amps') ?? []).join(' ');
  const polesText = (cells.get('poles') ?? []).join(' ');
  const ampsMatch = /(\d{1,4}(?:[.,]\d+)?)/.exec(ampsText.replace(/\d\s*p\b/i, ''));
  const amps = ampsMatch ? Number((ampsMatch[1] ?? '').replace(',', '.')) : null;
  let poles: number | null = null;
  const polesMatch = /([123])/.exec(polesText);
  if (polesMatch) poles = Number(polesMatch[1]);
  else {
    // "2P-30A" or "30/2" in the amps cell.
    const inAmps = /([123])\s*p\b/i.exec(ampsText) ?? /\d+\s*\/\s*([123])\b/.exec(ampsText);
    if (inAmps) poles = Number(inAmps[1]);
  }
  const conductorText = (cells.get('conductor') ?? []).join(' ').trim();
  if (EMPTY_MARKS.has(description.toLowerCase()) && amps === null) return null;
  const circuit: PanelCircuit = {
    number,
    description: EMPTY_MARKS.has(description) ? '' : description,
    amps: amps !== null && amps > 0 ? amps : null,
    poles,
  };
  if (conductorText && !EMPTY_MARKS.has(conductorText)) circuit.conductor = conductorText;
  return circuit;
}

const PANEL_WORD = /\b(panneau|panel|panelboard|tableau|load cent(?:re|er))\b/g;
const FILLER = new Set([
  'schedule',
  'schedules',
  'horaire',
  'de',
  'du',
  'des',
  'distribution',
  'no',
  'no.',
  'n°',
  'nº',
  'electrique',
  'electrical',
  'board',
  'panneau',
  'panel',
  'panelboard',
  'tableau',
  ':',
  '-',
  '–',
  '—',
  '#',
]);

/**
 * The panel's name in a title: the first token after "PANNEAU"/"PANEL"/"TABLEAU" that is not a
 * filler word ("Panel schedule - C" → "C", "HORAIRE DU PANNEAU P1" → "P1", "PANEL: LP-1" → "LP-1").
 */
export function panelNameIn(normalised: string): string | null {
  for (const m of normalised.matchAll(PANEL_WORD)) {
    const rest = normalised.slice((m.index ?? 0) + m[0].length);
    const tokens = rest.split(/[\s:,]+/).filter((tok) => tok.length > 0);
    for (const tok of tokens) {
      const clean = tok.replace(/^[-–—#]+/, '').replace(/[.\-–—]+$/, '');
      if (clean === '' || FILLER.has(tok) || FILLER.has(clean)) continue;
      if (!/^[a-z0-9][a-z0-9\-.]*$/.test(clean)) break;
      return clean.toUpperCase();
    }
  }
  return null;
}

/**
 * Panel name, voltage, phases and main breaker from the text around a schedule:
 * "PANNEAU A", "PANEL LP-1"; "120/240 V"; "1 PH", "3Ø", "MONOPHASÉ"; "PRINCIPAL 200 A",
 * "MAIN 100A", "200 A MAIN".
 */
export function parsePanelInfo(texts: readonly string[]): {
  name: string | null;
  voltage: string | null;
  phases: number | null;
  mainA: number | null;
  matched: boolean;
} {
  let name: string | null = null;
  let voltage: string | null = null;
  let phases: number | null = null;
  let mainA: number | null = null;
  let matched = false;
  for (const raw of texts) {
    const t = normalizeText(raw);
    if (!name) {
      const found = panelNameIn(t);
      if (found) {
        name = found;
        matched = true;
      }
    }
    const v = /(\d{3}(?:\s*\/\s*\d{3})?)\s*v\b/.exec(t);
    if (!voltage && v?.[1]) {
      voltage = `${v[1].replace(/\s+/g, '')} V`;
      matched = true;
    }
    if (phases === null) {
      const ph = /\b([123])\s*(?:ph\b|phases?\b|φ|ø|o\b)/.exec(t);
      if (ph?.[1]) phases = Number(ph[1]);
      else if (/\bmonophase|single[- ]phase/.test(t)) phases = 1;
      else if (/\btriphase|three[- ]phase/.test(t)) phases = 3;
      if (phases !== null) matched = true;
    }
    if (mainA === null) {
      const m =
        /\b(?:principal|main|mcb|disj(?:oncteur)?\.? principal|main breaker)\b[^0-9]{0,24}(\d{2,4})\s*a\b/.exec(
          t,
        ) ?? /\b(\d{2,4})\s*a\b[^0-9]{0,12}\b(?:principal|main|mcb)\b/.exec(t);
      if (m?.[1]) {
        mainA = Number(m[1]);
        matched = true;
      }
    }
  }
  return { name, voltage, phases, mainA, matched };
}
