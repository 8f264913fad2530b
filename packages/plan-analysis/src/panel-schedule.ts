import type { PanelCircuit, PanelSchedule } from '@saeq/shared/contracts/plan-analysis';
import { findDiagramBoards } from './diagram-board.ts';
import { findFrames } from './frames.ts';
import type { Subpath } from './geometry.ts';
import { bboxArea, bboxContains, unionBBoxes } from './geometry.ts';
import { dbNameIn, parsePanelInfo } from './panel-schedule-info.ts';
import type { BBox } from './primitives.ts';
import { splitAtRules, type TextLine } from './text-lines.ts';
import { findTransposedSchedules } from './transposed-panel-schedule.ts';
import { normalizeText, polesOfDevice } from './vocabulary.ts';

export { dbNameIn, type PanelInfo, panelNameIn, parsePanelInfo } from './panel-schedule-info.ts';

type Role = 'number' | 'description' | 'amps' | 'poles' | 'conductor' | 'load' | 'phase' | 'notes' | 'other';

/**
 * Column headings (normalised text) → what the column holds. IEC distribution boards (UK, South
 * Africa) number their circuits by "way" and head the rating column with the device ("MCB",
 * "RCBO", "Rating (A)").
 */
const ROLE_PATTERNS: readonly [Role, RegExp][] = [
  [
    'number',
    /^(cct|ccts|circ\.?|circuits?|ckt|cir\.?|no\.?|n°|n o|#|num\.?|numero|ckt ?(no\.?|#)|circuit ?(no\.?|#|ref\.?)|cct ?(no\.?|ref\.?)|ways?|way ?(no\.?|#))$/,
  ],
  [
    'description',
    /^(description|desc\.?|charges?|loads?|usage|designation|desserte|service|utilisation|appareil|(circuit|load) description|description (du circuit|de la charge))$/,
  ],
  ['poles', /^(p|p\.|poles?|pol\.?|nb poles|nbre poles|nombre de poles|pole)$/],
  [
    'amps',
    /^(a|amp\.?|amps|amperes?|ampere|disj\.?|disjoncteur|disj\. ?\(a\)|disjoncteur \(a\)|breaker|bkr|c\/?b|ocpd|trip|trip ?\(a\)|bkr ?\(a\)|calibre \(a\)|cal\. \(a\)|intensite|courant|a \(disj\.?\)|(mcb|rcbo|mcb\/rcbo|breaker|cb|rating|protection)( ?\(a\)| rating| size)?|in ?\(a\))$/,
  ],
  [
    'conductor',
    /^(cable|conducteur|conducteurs|wire|wire size|fil|fils|calibre|cond\.?|wiring|cable size|(cable|cable size|csa) ?\(?mm[²2]\)?)$/,
  ],
  [
    'load',
    /^(va|kva|w|watts?|load ?\(?va\)?|load ?\(?kva\)?|load ?\(?w\)?|va load|charge ?\((w|va)\)|puissance( \((w|va)\))?)$/,
  ],
  // "A" alone is amps unless it stands beside "B" and "C" (see `phaseColumnsIn`).
  ['phase', /^(b|c|(ph\.?|phase|ø|o) ?[abc]|[abc] ?\(va\)|va ?[abc])$/],
  ['notes', /^(notes?|remarques?|remarks|comments?)$/],
  // Columns read by nobody but bounding their neighbours: a tripping curve ("B", "C"), an RCD's
  // sensitivity ("30 mA") or an IEC board's count of points on the way ("POINTS", "QTY") must not
  // run into the rating, poles or description cell beside it.
  [
    'other',
    /^(curve|type|trip curve|char\.?|characteristic|rcd|rcd ?\(ma\)|i?δn|idn|ma|l1\/l2\/l3|phase|ph\.?|points|pts|no\.? ?(of )?(points|pts)|qty)$/,
  ],
];

function roleOf(text: string): Role | null {
  const t = normalizeText(text).replace(/[:]+$/, '').trim();
  for (const [role, re] of ROLE_PATTERNS) if (re.test(t)) return role;
  return null;
}

/** The phase letter a phase-column heading names ("PH B" → "B"). */
function phaseLetterOf(text: string): string | null {
  const m = /(?:^|[^a-z])([abc])(?:$|[^a-z])/.exec(normalizeText(text).replace(/\bva\b|\bph(ase)?\b/g, ' '));
  return m?.[1] ? m[1].toUpperCase() : null;
}

type HeaderCell = { role: Role; line: TextLine };
type Column = {
  role: Role;
  x0: number;
  x1: number;
  phase: string | null;
  /** Both sides are drawn rules (not midway between headings). */
  ruled: boolean;
};

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
  chunks: readonly TextLine[],
  subpaths: readonly Subpath[],
): { schedule: PanelSchedule; bbox: BBox }[] {
  // Vertical segments of every path: lone rules and the sides of cell rectangles alike. Cell
  // borders separate columns even where OCR words of two cells stand closer than a word gap (a
  // text layer's cells are already apart).
  const segments = verticalSegments(subpaths);
  const lines = [...chunks.filter((l) => !isOcrLine(l)), ...splitAtRules(chunks.filter(isOcrLine), segments)];
  // Column rules: lone vertical strokes on text-layer tables; every vertical segment on tables
  // read by OCR (outlined sheets draw their cells as rectangles).
  const strokes = subpaths
    .filter((sp) => !sp.curved && sp.bbox[2] - sp.bbox[0] < 0.6 && sp.bbox[3] - sp.bbox[1] > 4)
    .map((sp) => sp.bbox);
  const horizontal = lines.filter((l) => l.angle === 0);
  horizontal.push(...droppedDashes(horizontal.filter(isOcrLine), subpaths));
  // Frames smaller than a quarter of the sheet can hold a schedule (the sheet border cannot).
  const pageBox = unionBBoxes(subpaths.map((sp) => sp.bbox));
  const pageArea = pageBox ? bboxArea(pageBox) : Number.POSITIVE_INFINITY;
  const frames = findFrames(subpaths).filter((f) => bboxArea(f) < 0.25 * pageArea);
  const headerRows = findHeaderRows(horizontal, frames);
  const out: { schedule: PanelSchedule; bbox: BBox }[] = [];
  for (const header of headerRows) {
    const ocr = header.cells.some((c) => isOcrLine(c.line));
    const parsed = parseSchedule(header, horizontal, ocr ? segments : strokes);
    if (parsed) out.push(parsed);
  }
  // IEC distribution boards print the table transposed (one column per way), with descriptions
  // sometimes written upwards: read those from every line, outside the row schedules found.
  const taken = out.map((s) => s.bbox);
  out.push(...findTransposedSchedules(lines, taken, segments));
  // Boards drawn as a single-line diagram with no table: their ways labelled beside the drops.
  const names = new Set(out.map((s) => normalizeText(s.schedule.name)));
  out.push(...findDiagramBoards(lines, [...taken, ...out.map((s) => s.bbox)], names));
  return out;
}

/**
 * Dashes OCR dropped between two words of a line ("RECEPT - OFFICE" read as "RECEPT" "OFFICE"):
 * a lone short horizontal stroke at mid-height of the words, alone in a gap wider than a word
 * space, is read back as a "-" of its own, so the description keeps it.
 */
function droppedDashes(ocrLines: readonly TextLine[], subpaths: readonly Subpath[]): TextLine[] {
  const strokes = subpaths.filter(
    (sp) => !sp.curved && sp.bbox[3] - sp.bbox[1] < 0.3 && sp.bbox[2] - sp.bbox[0] > 0.3,
  );
  if (strokes.length === 0) return [];
  const out: TextLine[] = [];
  const sorted = [...ocrLines].sort((a, b) => a.bbox[0] - b.bbox[0]);
  for (const a of sorted) {
    const fs = a.fontSize;
    const b = sorted.find((o) => o.bbox[0] > a.bbox[2] && Math.abs(o.y - a.y) < 0.3 * fs);
    if (!b) continue;
    const gap = b.bbox[0] - a.bbox[2];
    if (gap < 0.8 * fs || gap > 3 * fs) continue;
    const low = Math.max(a.bbox[1], b.bbox[1]);
    const high = Math.min(a.bbox[3], b.bbox[3]);
    const inGap = strokes.filter(
      (sp) =>
        sp.bbox[0] >= a.bbox[2] - 0.5 &&
        sp.bbox[2] <= b.bbox[0] + 0.5 &&
        sp.bbox[1] > low - 0.5 &&
        sp.bbox[3] < high + 0.5,
    );
    const dash = inGap[0];
    if (inGap.length !== 1 || !dash) continue;
    const width = dash.bbox[2] - dash.bbox[0];
    const mid = (dash.bbox[1] + dash.bbox[3]) / 2;
    if (width > 1.2 * fs || mid < low + 0.25 * (high - low) || mid > low + 0.75 * (high - low)) continue;
    out.push({
      text: '-',
      items: [],
      angle: 0,
      fontSize: fs,
      bbox: [dash.bbox[0], a.bbox[1], dash.bbox[2], a.bbox[3]],
      x: dash.bbox[0],
      y: a.y,
    });
  }
  return out;
}

/** Whether a line holds words read by OCR. */
function isOcrLine(line: TextLine): boolean {
  return line.items.some((i) => i.source === 'ocr');
}

/** Vertical straight segments longer than 4 pt of every path (rules, and the sides of frames). */
function verticalSegments(subpaths: readonly Subpath[]): BBox[] {
  const out: BBox[] = [];
  for (const sp of subpaths) {
    if (sp.curved) continue;
    const p = sp.points;
    for (let i = 2; i + 1 < p.length; i += 2) {
      const [x0, y0, x1, y1] = [p[i - 2] ?? 0, p[i - 1] ?? 0, p[i] ?? 0, p[i + 1] ?? 0];
      if (Math.abs(x1 - x0) < 0.3 && Math.abs(y1 - y0) > 4)
        out.push([Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1)]);
    }
  }
  return out;
}

/**
 * `titleX0`: how far left of its headings the table's title block may start. IEC boards print
 * "DB-1", the supply and the incomer flush with the sheet's left margin, left of the circuit table
 * (a single-line diagram of the ways often stands between): up to the schedule beside it on the
 * left, or half the table's width.
 */
type HeaderRow = { cells: HeaderCell[]; frame: BBox | null; titleX0: number; diagramX0: number };

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
      if (!bboxContains(f, c.line.bbox, slack(c.line))) continue;
      if (!best || bboxArea(f) < bboxArea(best)) best = f;
    }
    return best;
  };
  const rows: HeaderRow[] = [];
  const used = new Set<HeaderCell>();
  for (const c of cells) {
    if (used.has(c)) continue;
    // Headings on one baseline, or on two tiers of one header band ("LOAD (VA)" over "A B C",
    // "CKT" centred across both tiers).
    const row = cells.filter(
      (o) =>
        !used.has(o) &&
        (Math.abs(o.line.y - c.line.y) < 0.6 * Math.max(o.line.fontSize, c.line.fontSize) ||
          Math.abs(midY(o.line) - midY(c.line)) < 1.3 * Math.min(o.line.fontSize, c.line.fontSize)),
    );
    row.sort((a, b) => a.line.bbox[0] - b.line.bbox[0]);
    markPhaseColumns(row);
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
    const groups = framed.flatMap((g) => splitByTitles(g, lines, titleReach(g, null)));
    groups.forEach((g, i) => {
      if (!isValidHeader(g)) return;
      for (const r of g) used.add(r);
      // The table's frame: the smallest frame holding every heading of the group.
      const box = unionBBoxes(g.map((h) => h.line.bbox));
      const margin = Math.max(...g.map((h) => slack(h.line)));
      let frame: BBox | null = null;
      for (const f of frames) {
        if (!box || !bboxContains(f, box, margin)) continue;
        if (!frame || bboxArea(f) < bboxArea(frame)) frame = f;
      }
      rows.push({
        cells: g,
        frame,
        titleX0: titleReach(g, groups[i - 1] ?? null),
        diagramX0: diagramReach(g, groups[i - 1] ?? null),
      });
    });
  }
  return rows;
}

/** The left end of a header group's title zone (see `HeaderRow`), `prev` the group on its left. */
function titleReach(group: readonly HeaderCell[], prev: readonly HeaderCell[] | null): number {
  const x0 = Math.min(...group.map((c) => c.line.bbox[0]));
  const x1 = Math.max(...group.map((c) => c.line.bbox[2]));
  const reach = x0 - (x1 - x0) / 2;
  return prev ? Math.max(reach, Math.max(...prev.map((c) => c.line.bbox[2]))) : reach;
}

/**
 * The left end of the zone where a board drawn as a single-line diagram beside its circuit table
 * is named: the diagram stands between the title and the table, up to three table widths wide
 * (up to the schedule beside it on the left).
 */
function diagramReach(group: readonly HeaderCell[], prev: readonly HeaderCell[] | null): number {
  const x0 = Math.min(...group.map((c) => c.line.bbox[0]));
  const x1 = Math.max(...group.map((c) => c.line.bbox[2]));
  const reach = x0 - 3 * (x1 - x0);
  return prev ? Math.max(reach, Math.max(...prev.map((c) => c.line.bbox[2]))) : reach;
}

function midY(l: TextLine): number {
  return (l.bbox[1] + l.bbox[3]) / 2;
}

/**
 * "A" next to a "B" phase heading is the phase-A load column, not amps: "A B C" on three-phase
 * schedules, "A B" on single-phase ones, and "B A" on the mirrored right side of a two-column
 * schedule ("… P TRIP A B | B A P TRIP …"). Lone "B"/"C" headings (no other phase beside them)
 * are not phase columns.
 */
function markPhaseColumns(row: HeaderCell[]): void {
  const letters = (cells: readonly HeaderCell[]) =>
    new Set(cells.filter((c) => c.role === 'phase').map((c) => phaseLetterOf(c.line.text)));
  const isPhaseB = (c: HeaderCell | undefined) => c?.role === 'phase' && phaseLetterOf(c.line.text) === 'B';
  for (let i = 0; i < row.length; i++) {
    const cur = row[i];
    if (cur?.role !== 'amps' || normalizeText(cur.line.text) !== 'a') continue;
    if (isPhaseB(row[i + 1]) || isPhaseB(row[i - 1])) cur.role = 'phase';
  }
  if (letters(row).size < 2) {
    for (let i = row.length - 1; i >= 0; i--) if (row[i]?.role === 'phase') row.splice(i, 1);
  }
}

function isValidHeader(cells: readonly HeaderCell[]): boolean {
  const roles = new Set(cells.map((c) => c.role));
  return roles.has('number') && roles.has('description') && (roles.has('amps') || roles.has('poles'));
}

/**
 * The panel named by a title line above `cells` (within their width and ~12 lines), if any; else
 * by one in the title zone reaching left to `titleX0` (see `HeaderRow`).
 */
function titleAbove(
  cells: readonly HeaderCell[],
  lines: readonly TextLine[],
  titleX0: number,
): string | null {
  const x0 = Math.min(...cells.map((c) => c.line.bbox[0]));
  return titleAboveFrom(cells, lines, x0) ?? titleAboveFrom(cells, lines, titleX0);
}

function titleAboveFrom(cells: readonly HeaderCell[], lines: readonly TextLine[], x0: number): string | null {
  const x1 = Math.max(...cells.map((c) => c.line.bbox[2]));
  const y = Math.max(...cells.map((c) => c.line.y));
  const fs = Math.max(...cells.map((c) => c.line.fontSize));
  const candidates = lines
    .filter((l) => l.y > y && l.y < y + 12 * fs && l.bbox[2] > x0 && l.bbox[0] < x1)
    .sort((a, b) => a.y - b.y);
  // Chunks on one baseline read together: OCR words of a title stand further apart than a cell
  // gap ("PANNEAU" "A" as two chunks).
  for (const text of joinRows(candidates, fs).reverse()) {
    const name = parsePanelInfo([text]).name;
    if (name) return name;
  }
  return null;
}

/**
 * Unframed schedules side by side share a header baseline. Split a heading group at a wide gap
 * (> 4 em) only when both halves are complete headers with their own, different panel titles
 * above them; a two-column schedule (one title) stays whole. Of several such gaps the widest
 * splits first (gaps inside one wide schedule are narrower than the aisle between schedules).
 */
function splitByTitles(group: HeaderCell[], lines: readonly TextLine[], titleX0: number): HeaderCell[][] {
  const gaps: { k: number; gap: number }[] = [];
  for (let k = 1; k < group.length; k++) {
    const prev = group[k - 1];
    const cur = group[k];
    if (!prev || !cur) continue;
    const gap = cur.line.bbox[0] - prev.line.bbox[2];
    if (gap > 4 * cur.line.fontSize) gaps.push({ k, gap });
  }
  gaps.sort((a, b) => b.gap - a.gap);
  for (const { k } of gaps) {
    const left = group.slice(0, k);
    const right = group.slice(k);
    if (!isValidHeader(left) || !isValidHeader(right)) continue;
    const rightX0 = titleReach(right, left);
    const a = titleAbove(left, lines, titleX0);
    const b = titleAbove(right, lines, rightX0);
    if (a && b && a !== b)
      return [...splitByTitles(left, lines, titleX0), ...splitByTitles(right, lines, rightX0)];
  }
  return [group];
}

/**
 * Splits a header row into sides (see `splitPlainSides`). Phase-load columns (A/B/C) go with the
 * side whose headings surround them; a set printed between the two sides (one A/B/C block for
 * both, each cell holding the left and the right circuit's load) is shared.
 */
function splitSides(header: HeaderCell[]): { sides: HeaderCell[][]; shared: HeaderCell[] } {
  // Columns nobody reads belong to no side: their cells are dropped wherever they fall.
  const plain = splitPlainSides(header.filter((h) => h.role !== 'phase' && h.role !== 'other'));
  const shared: HeaderCell[] = [];
  for (const h of header) {
    if (h.role !== 'phase') continue;
    const cx = (h.line.bbox[0] + h.line.bbox[2]) / 2;
    const side = plain.find((s) => {
      const x0 = Math.min(...s.map((c) => c.line.bbox[0]));
      const x1 = Math.max(...s.map((c) => c.line.bbox[2]));
      return cx > x0 && cx < x1;
    });
    if (side) side.push(h);
    else shared.push(h);
  }
  // Shared only when one A/B/C set stands between two sides; otherwise each heading belongs to
  // the nearest side.
  const letters = shared.map((h) => phaseLetterOf(h.line.text));
  const oneSet = plain.length === 2 && new Set(letters).size === letters.length;
  if (!oneSet) {
    // Nearest by the sides' own headings (CKT, TRIP, P…), not by phase headings already given
    // to a side: on a mirrored "A B | B A" block the right "B" stands next to the left "B".
    const own = plain.map((side) => side.filter((c) => c.role !== 'phase'));
    for (const h of shared.splice(0)) {
      const cx = (h.line.bbox[0] + h.line.bbox[2]) / 2;
      const dist = (i: number) =>
        Math.min(...(own[i] ?? []).map((c) => Math.abs(cx - (c.line.bbox[0] + c.line.bbox[2]) / 2)));
      const nearest = plain.map((_, i) => i).sort((a, b) => dist(a) - dist(b))[0];
      if (nearest !== undefined) plain[nearest]?.push(h);
    }
  }
  for (const side of plain) side.sort((a, b) => a.line.bbox[0] - b.line.bbox[0]);
  return { sides: plain, shared };
}

/**
 * A header read by OCR may miss a heading (a lone "P" is often dropped), so its two sides no
 * longer hold the same roles: split where they differ least, at the wider gap on a tie, each side
 * keeping a number heading.
 */
function mostAlikeSplit(header: HeaderCell[]): [HeaderCell[], HeaderCell[]] | null {
  const counts = (cells: HeaderCell[]) => {
    const m = new Map<Role, number>();
    for (const c of cells) m.set(c.role, (m.get(c.role) ?? 0) + 1);
    return m;
  };
  let best: { k: number; diff: number; gap: number } | null = null;
  for (let k = 1; k < header.length; k++) {
    const left = header.slice(0, k);
    const right = header.slice(k);
    if (!left.some((h) => h.role === 'number') || !right.some((h) => h.role === 'number')) continue;
    const a = counts(left);
    const b = counts(right);
    let diff = 0;
    for (const role of new Set([...a.keys(), ...b.keys()]))
      diff += Math.abs((a.get(role) ?? 0) - (b.get(role) ?? 0));
    const gap = (header[k]?.line.bbox[0] ?? 0) - (header[k - 1]?.line.bbox[2] ?? 0);
    if (!best || diff < best.diff || (diff === best.diff && gap > best.gap)) best = { k, diff, gap };
  }
  return best && best.diff <= 2 ? [header.slice(0, best.k), header.slice(best.k)] : null;
}

/** Splits a header row into sides: a second "number" or "description" heading starts a new side. */
function splitPlainSides(header: HeaderCell[]): HeaderCell[][] {
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
  if (header.some((h) => isOcrLine(h.line))) {
    const split = mostAlikeSplit(header);
    if (split) return split;
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

/**
 * How far a heading's box may overlap a rule or a frame: 0.5 pt for the text layer; OCR word
 * boxes hug the ink loosely, so a heading read by OCR may poke out of its cell by a third of its
 * height.
 */
function slack(line: TextLine): number {
  return isOcrLine(line) ? 0.3 * line.fontSize : 0.5;
}

function columnsFor(side: HeaderCell[], vRules: readonly BBox[], tableTop: number): Column[] {
  const cols: Column[] = [];
  for (let i = 0; i < side.length; i++) {
    const h = side[i];
    if (!h) continue;
    const prev = side[i - 1];
    const next = side[i + 1];
    // The rules between two headings: one is their common border; several mean columns whose
    // headings were not read stand between them (OCR drops lone "A" "B" "C" phase headings), so
    // each heading's column ends at its nearest rule and the cells in between go to neither.
    const boundary = (a: TextLine, b: TextLine) => {
      const xs: number[] = [];
      for (const r of vRules) {
        if (
          r[0] >= a.bbox[2] - slack(a) &&
          r[2] <= b.bbox[0] + slack(b) &&
          r[3] >= tableTop - 2 * a.fontSize &&
          // Down into the rows: a wall or frame above the table standing in line is no border.
          r[1] < tableTop &&
          // Taller than a letter: on outlined sheets the strokes of the cells' own letters are
          // short vertical paths too.
          r[3] - r[1] > a.fontSize
        ) {
          const x = (r[0] + r[2]) / 2;
          if (!xs.some((o) => Math.abs(o - x) < 1)) xs.push(x);
        }
      }
      xs.sort((p, q) => p - q);
      const first = xs[0];
      const last = xs[xs.length - 1];
      return first !== undefined && last !== undefined
        ? { endOfA: first, startOfB: last, ruled: true }
        : { endOfA: (a.bbox[2] + b.bbox[0]) / 2, startOfB: (a.bbox[2] + b.bbox[0]) / 2, ruled: false };
    };
    const before = prev ? boundary(prev.line, h.line) : null;
    const after = next ? boundary(h.line, next.line) : null;
    const left = { x: before?.startOfB ?? Number.NEGATIVE_INFINITY, ruled: before?.ruled ?? false };
    const right = { x: after?.endOfA ?? Number.POSITIVE_INFINITY, ruled: after?.ruled ?? false };
    cols.push({
      role: h.role,
      x0: left.x,
      x1: right.x,
      phase: h.role === 'phase' ? phaseLetterOf(h.line.text) : null,
      ruled: left.ruled && right.ruled,
    });
  }
  return cols;
}

function parseSchedule(
  { cells: header, frame, titleX0, diagramX0 }: HeaderRow,
  lines: readonly TextLine[],
  vRules: readonly BBox[],
): { schedule: PanelSchedule; bbox: BBox } | null {
  const fs = Math.max(...header.map((h) => h.line.fontSize));
  const headerY = Math.min(...header.map((h) => h.line.y));
  const headerTop = Math.max(...header.map((h) => h.line.bbox[3]));
  const hx0 = Math.min(...header.map((h) => h.line.bbox[0]));
  const hx1 = Math.max(...header.map((h) => h.line.bbox[2]));
  const { sides } = splitSides(header);
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
    // A row must carry a circuit number in some side's number column. Its cells read left to
    // right: on a deskewed sheet the words of one cell differ in baseline by float noise, and
    // baseline order would read "Plinthes cuisine" as "cuisine Plinthes".
    kept.push(row.sort((a, b) => a.bbox[0] - b.bbox[0]));
    pitches.push(gap);
    prevY = y;
  }

  // Columns over the whole header (so two sides share their boundary), each tagged with its side.
  const allCols = columnsFor(header, vRules, headerY);
  const firstCol = allCols[0];
  const lastCol = allCols[allCols.length - 1];
  if (firstCol) firstCol.x0 = Math.max(firstCol.x0, frame ? frame[0] : hx0 - 10 * fs);
  if (lastCol) lastCol.x1 = Math.min(lastCol.x1, frame ? frame[2] : hx1 + 30 * fs);
  // A table read by OCR: its digits may be misread letters and its lone digits may be missing.
  const ocr = header.some((h) => isOcrLine(h.line));
  const sideOf = (i: number) => {
    const cell = header[i];
    return sides.findIndex((s) => cell !== undefined && s.includes(cell));
  };
  const byRow: { cells: Map<Role, string[]>; loads: PhaseLoad[] }[][] = [];
  for (const row of kept) {
    const bySide = sides.map(() => ({ cells: new Map<Role, string[]>(), loads: [] as PhaseLoad[] }));
    byRow.push(bySide);
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
      if (!col) continue;
      let side = sideOf(best);
      if (side < 0) {
        // A shared phase column: the left half holds the left circuit's load, the right half the
        // right one's. Its middle is between its rules when drawn (a heading may stand flush left
        // in its cell, "A" over the left circuit's load), else under its heading.
        const cx = (item.bbox[0] + item.bbox[2]) / 2;
        const headingBox = header[best]?.line.bbox;
        const colMid = col.ruled || !headingBox ? (col.x0 + col.x1) / 2 : (headingBox[0] + headingBox[2]) / 2;
        side = cx < colMid ? 0 : sides.length - 1;
      }
      const target = bySide[side];
      if (!target) continue;
      const text = item.text.trim();
      if (col.role === 'phase') target.loads.push({ phase: col.phase, text });
      else if (col.role === 'load') {
        const kva = /kva/.test(normalizeText(header[best]?.line.text ?? ''));
        target.loads.push({ phase: null, text, factor: kva ? 1000 : 1 });
      } else {
        const list = target.cells.get(col.role) ?? [];
        list.push(
          ocr && (col.role === 'number' || col.role === 'amps' || col.role === 'poles')
            ? ocrDigits(text)
            : text,
        );
        target.cells.set(col.role, list);
      }
    }
  }
  const readings: RowReading[] = [];
  for (const [side] of sides.entries()) {
    const rowsOfSide = byRow.map((r) => r[side] ?? { cells: new Map<Role, string[]>(), loads: [] });
    // OCR may have dropped one side's "P" heading: a poles column on either side counts. A
    // mirrored schedule has one even when OCR dropped both lone "P" headings (its pole rows stand
    // empty under each multi-pole breaker).
    const sideHasPoles = header.some((h) => h.role === 'poles') || sides.length === 2;
    // OCR drops lone digits squeezed in narrow cells ("1" … "9"): a row that holds a circuit but
    // no number takes the one its numbered neighbours on this side imply.
    const listed =
      orderOfLetteredRefs(rowsOfSide.map((r) => (r.cells.get('number') ?? []).join(' '))) ??
      rowsOfSide.map((r) => positionsIn(r.cells));
    const numbers = listed.map((l) => l?.[0] ?? null);
    const holds = rowsOfSide.map((r) => holdsCircuit(r.cells));
    const inferred = ocr
      ? (inferNextFreeNumbers(listed, holds) ?? inferMissingNumbers(numbers, holds))
      : numbers;
    rowsOfSide.forEach((r, i) => {
      const reading = readRow(side, r.cells, r.loads, inferred[i] ?? null, ocr, sideHasPoles);
      if (!reading) return;
      const positions = listed[i];
      if (reading.circuit && positions && positions.length > 1 && reading.circuit.poles === null) {
        reading.circuit.poles = positions.length;
        reading.positions = positions;
        delete reading.polesUnread;
      }
      readings.push(reading);
    });
  }
  if (!readings.some((r) => r.circuit)) return null;
  // A schedule without a poles column that numbers its multi-pole breakers by their positions
  // ("3-5") has single-pole breakers wherever one number is printed.
  if (!header.some((h) => h.role === 'poles') && readings.some((r) => r.positions)) {
    for (const r of readings) if (r.circuit && r.circuit.poles === null) r.circuit.poles = 1;
  }

  // Title and ratings: lines above the header within the table's width, up to ~10 lines.
  // Title and ratings: inside the frame above the header, or just above the table.
  // Upwards from the header, the header block ends at a gap wider than 4 em (the schedule above
  // in a grid of schedules is not part of it). A tall block of ratings ("PANEL: LP-1" over
  // VOLTAGE, MAINS, BUS, AIC, MOUNTING, FED FROM, one per line) may rise past that reach: it
  // goes on up, line by line, only until the panel's name has been read.
  const titleTop = frame ? Math.max(frame[3], headerTop) + 6 * fs : headerTop + 12 * fs;
  const nameTop = headerTop + 24 * fs;
  const headerBlock = (x0: number, flatOnly = false, firstGap = 4 * fs, gap = 4 * fs): TextLine[] => {
    const candidates = lines
      .filter(
        (l) =>
          (!flatOnly || l.angle === 0) &&
          l.y > headerY &&
          l.bbox[1] < Math.max(titleTop, nameTop) &&
          l.bbox[2] >= x0 &&
          l.bbox[0] <= tableX1 &&
          !header.some((h) => h.line === l),
      )
      .sort((a, b) => a.y - b.y);
    const block: TextLine[] = [];
    let reach = headerTop;
    for (const l of candidates) {
      if (l.bbox[1] - reach > (block.length === 0 ? firstGap : gap)) break;
      const last = block[block.length - 1];
      const sameBaseline = last !== undefined && Math.abs(last.y - l.y) < 0.45 * fs;
      if (l.bbox[1] >= titleTop && !sameBaseline && parsePanelInfo(joinRows(block, fs)).name) break;
      block.push(l);
      reach = Math.max(reach, l.bbox[3]);
    }
    return block.sort((a, b) => b.y - a.y);
  };
  // A title block left of an unframed table is read only when none stands over it (see `HeaderRow`).
  let above = headerBlock(tableX0);
  if (!frame && titleX0 < tableX0 && !parsePanelInfo(joinRows(above, fs)).name) above = headerBlock(titleX0);
  // A distribution board drawn as a single-line diagram left of its table: its title block stands
  // over the diagram (only a board's own name, "DB-…", is taken from that far), the diagram's
  // labels (the incomer's "160A TP ISOLATOR") spaced out between. The table may be framed on its
  // own: the title then stands outside the frame.
  if (diagramX0 < titleX0 && !parsePanelInfo(joinRows(above, fs)).name) {
    const far = headerBlock(diagramX0, true, 12 * fs, 8 * fs);
    if (joinRows(far, fs).some((t) => dbNameIn(normalizeText(t)))) above = far;
  }
  const lastRow = kept[kept.length - 1];
  const bottomY = lastRow ? Math.min(...lastRow.map((r) => r.bbox[1])) : headerY;
  const footer = lines.filter(
    (l) =>
      l.y < bottomY &&
      l.y > Math.max(tableY0, bottomY - 4 * fs) &&
      l.bbox[0] >= tableX0 &&
      l.bbox[0] <= tableX1,
  );
  // Ratings come from the header block (the footer when it holds them), totals from the footer only.
  const headerInfo = parsePanelInfo([...joinRows(above, fs), ...joinRows(footer, fs)]);
  const footerInfo = parsePanelInfo(joinRows(footer, fs));
  const info = {
    ...headerInfo,
    connectedLoadVA: footerInfo.connectedLoadVA,
    demandLoadVA: footerInfo.demandLoadVA,
  };
  if (!info.name) return null;
  const { circuits, positionCount } = assembleCircuits(readings, info.phases);
  if (circuits.length === 0) return null;

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
      mainA: ocr && info.mainA !== null ? snapOcrRating(info.mainA) : info.mainA,
      circuits,
      positionCount,
      ...definedOnly({
        wires: info.wires,
        mains: info.mains,
        busA: info.busA,
        aic: info.aic,
        fedFrom: info.fedFrom,
        mounting: info.mounting,
        connectedLoadVA: info.connectedLoadVA,
        demandLoadVA: info.demandLoadVA,
      }),
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

type PhaseLoad = { phase: string | null; text: string; factor?: number };

/** One side of one schedule row: its position number and, unless the row is empty, its circuit. */
type RowReading = {
  side: number;
  number: number;
  circuit: PanelCircuit | null;
  loadVA: number | null;
  loadPhases: string[];
  /** OCR read no pole count in a poles column: `assembleCircuits` infers it from the rows below. */
  polesUnread?: boolean;
  /** Positions printed in the number cell of a multi-pole breaker ("3-5"). */
  positions?: number[];
};

/** A load as printed: "1200", "1,200", "1 200 VA", "1.5" (with a kVA heading); dashes are no load. */
function parseLoad(text: string, factor: number): number | null {
  const t = text.replace(/\s*(k?va|w)\s*$/i, '').trim();
  const m = /^(\d{1,3}(?:[, ]\d{3})+|\d+(?:[.,]\d+)?)$/.exec(t);
  if (!m?.[1]) return null;
  const grouped = /^\d{1,3}([, ]\d{3})+$/.test(m[1]);
  const value = grouped ? Number(m[1].replace(/[, ]/g, '')) : Number(m[1].replace(',', '.'));
  return Number.isFinite(value) ? value * factor : null;
}

/**
 * The positions printed in a row's number cell: one circuit number ("7"), or the positions of a
 * multi-pole breaker ("3-5", "17-19", "2,4,6"), increasing; null when none is printed.
 */
function positionsIn(cells: Map<Role, string[]>): number[] | null {
  const m = /\d{1,3}(?:\s*[-–,]\s*\d{1,3})*/.exec((cells.get('number') ?? []).join(' '));
  if (!m) return null;
  const values = m[0].split(/\s*[-–,]\s*/).map(Number);
  const first = values[0];
  if (first === undefined || !Number.isInteger(first) || first < 1) return null;
  const increasing = values.every((v, i) => i === 0 || v > (values[i - 1] ?? 0));
  return increasing && values.length <= 3 ? values : [first];
}

/**
 * IEC boards name their ways by kind, each kind numbered on its own ("L1", "L2", "P1", "P2":
 * lights and plugs). When most number cells hold such references and their numbers repeat, the
 * rows are numbered in order instead (each row with a reference takes the next position); null
 * otherwise.
 */
export function orderOfLetteredRefs(texts: readonly string[]): (number[] | null)[] | null {
  const printed = texts.filter((t) => t.trim() !== '');
  const lettered = texts.flatMap((t) => {
    const m = /^\s*[a-z]{1,3}\s*[-.]?\s*(\d{1,3})\s*$/i.exec(t);
    return m ? [Number(m[1])] : [];
  });
  if (lettered.length < 2 || lettered.length < 0.5 * printed.length) return null;
  if (new Set(lettered).size === lettered.length) return null;
  let n = 0;
  return texts.map((t) => (t.trim() === '' ? null : [++n]));
}

/**
 * Numbers for the unnumbered rows of a list that numbers its breakers one by one, a multi-pole
 * breaker taking several positions ("1", "2", "3-5", "4", "6", "7"…): each row takes the lowest
 * position after the row above that no row above has taken. Null when a printed number breaks
 * that sequence (circuits by two down a side, or a misread number): the step rule applies then.
 */
export function inferNextFreeNumbers(
  listed: readonly (readonly number[] | null)[],
  holds: readonly boolean[],
): (number | null)[] | null {
  if (!listed.some((l) => l && l.length > 1)) return null;
  const taken = new Set<number>();
  let prev = 0;
  const out: (number | null)[] = [];
  for (const [i, l] of listed.entries()) {
    let next = prev + 1;
    while (taken.has(next)) next++;
    if (l && l[0] !== next) return null;
    for (const p of l ?? [next]) taken.add(p);
    prev = next;
    out.push(l ? next : holds[i] ? next : null);
  }
  return out;
}

/** Whether a row holds a circuit: a description or a breaker rating. */
function holdsCircuit(cells: Map<Role, string[]>): boolean {
  return (
    (cells.get('description') ?? []).join('').trim() !== '' || /\d/.test((cells.get('amps') ?? []).join(''))
  );
}

/**
 * Numbers for the rows that hold a circuit but whose number was not read, from the numbered rows
 * around them on the same side: between two numbered rows whose numbers differ by the same step
 * per row (1 or 2), or before the first / after the last with the side's step. Rows without a
 * circuit and rows whose neighbours disagree keep no number.
 */
export function inferMissingNumbers(
  read: readonly (number | null)[],
  holds: readonly boolean[],
): (number | null)[] {
  const numbers = undoZeroReadAsEight(read);
  const known = numbers.flatMap((n, i) => (n === null ? [] : [{ i, n }]));
  const steps: number[] = [];
  for (let k = 1; k < known.length; k++) {
    const a = known[k - 1];
    const b = known[k];
    if (a && b && b.i > a.i) steps.push((b.n - a.n) / (b.i - a.i));
  }
  const step = steps.length > 0 ? median(steps) : null;
  if (step !== 1 && step !== 2) return [...numbers];
  return numbers.map((n, i) => {
    if (n !== null || !holds[i]) return n;
    const before = [...known].reverse().find((k) => k.i < i);
    const after = known.find((k) => k.i > i);
    if (before && after && after.n - before.n !== step * (after.i - before.i)) return null;
    const guess = before ? before.n + step * (i - before.i) : after ? after.n - step * (after.i - i) : null;
    return guess !== null && guess >= 1 ? guess : null;
  });
}

/**
 * A slashed SHX zero is read as an 8 ("10" → "18"): a number holding an 8 that does not follow
 * its read neighbours by 1 or 2 per row, where the same number with its 8s as 0s does, is that one.
 */
function undoZeroReadAsEight(numbers: readonly (number | null)[]): (number | null)[] {
  const out = [...numbers];
  const fits = (v: number, i: number) => {
    const prev = out.slice(0, i).findLastIndex((n) => n !== null);
    const next = out.findIndex((n, j) => j > i && n !== null);
    const steps = [
      prev >= 0 ? (v - (out[prev] ?? 0)) / (i - prev) : null,
      next >= 0 ? ((out[next] ?? 0) - v) / (next - i) : null,
    ].filter((d) => d !== null);
    return steps.length > 0 && steps.every((d) => d === 1 || d === 2);
  };
  out.forEach((n, i) => {
    if (n === null || !String(n).includes('8')) return;
    const alt = Number(String(n).replace(/8/g, '0'));
    if (alt >= 1 && !fits(n, i) && fits(alt, i)) out[i] = alt;
  });
  return out;
}

/**
 * Letters OCR reads in place of digits in a number, rating or poles cell ("2O" → "20", "l5" →
 * "15", "S0" → "50"), and cell-border remnants ("[", "|" at the edges), mapped back. Only
 * tokens made of digits and those look-alike letters change; words stay as read.
 */
export function ocrDigits(text: string): string {
  return text
    .split(/\s+/)
    .map((tok) => {
      const bare = tok.replace(/^[[\]|(]+|[[\]|)]+$/g, '');
      // An IEC rating after its tripping curve ("C10", "B16"): a slashed SHX zero reads "o", "e"
      // or "ø" ("Clo", "Cle" → "C10").
      const curve = /^([BCDKbcdk])([0-9Il|][0-9OoIl|eø]{0,2})$/.exec(bare);
      if (curve?.[1] && curve[2]) return curve[1] + curve[2].replace(/[Ooeø]/g, '0').replace(/[Il|]/g, '1');
      if (!/^[0-9OoIlSs|]+[aApP]?$/.test(bare) || !/[0-9]/.test(bare)) return tok;
      return bare.replace(/[Oo]/g, '0').replace(/[Il|]/g, '1').replace(/[Ss]/g, '5');
    })
    .join(' ');
}

/**
 * Standard breaker ratings in amperes: CSA C22.2 No. 5 / UL 489 and NEC 2023 240.6(A) (the
 * same list in CE Code 2024 practice) and the IEC 60898-1 MCB ratings (6, 10, 13, 16, 32, 63),
 * used to undo OCR misreads of "0" as "8" in SHX digits ("28 A" → 20 A, "B18" → 10 A).
 */
const STANDARD_RATINGS = new Set([
  6, 10, 13, 16, 32, 63, 15, 20, 25, 30, 35, 40, 45, 50, 60, 70, 80, 90, 100, 110, 125, 150, 175, 200, 225,
  250, 300, 350, 400, 450, 500, 600, 700, 800, 1000, 1200, 1600, 2000, 2500, 3000, 4000, 5000, 6000,
]);

/** A rating read by OCR: a non-standard value whose "8"s read as "0" give a standard one is that one. */
export function snapOcrRating(amps: number): number {
  if (STANDARD_RATINGS.has(amps) || !/8/.test(String(amps))) return amps;
  const fixed = Number(String(amps).replace(/8/g, '0'));
  return STANDARD_RATINGS.has(fixed) ? fixed : amps;
}

function readRow(
  side: number,
  cells: Map<Role, string[]>,
  loads: readonly PhaseLoad[],
  number: number | null,
  ocr: boolean,
  sideHasPoles: boolean,
): RowReading | null {
  if (number === null) return null;
  let loadVA: number | null = null;
  const loadPhases: string[] = [];
  for (const l of loads) {
    const v = parseLoad(l.text, l.factor ?? 1);
    if (v === null) continue;
    loadVA = (loadVA ?? 0) + v;
    if (l.phase && v > 0) loadPhases.push(l.phase);
  }
  const joined = (cells.get('description') ?? []).join(' ').replace(/\s+/g, ' ').trim();
  // OCR splits an equipment tag after its hyphen ("AHU-" "1"): a dash glued to a word binds it to
  // the number after it (a spaced dash, "RECEPT - OFFICE", stands alone).
  const description = ocr ? joined.replace(/(\p{L})- (?=\d)/gu, '$1-') : joined;
  const ampsText = (cells.get('amps') ?? []).join(' ');
  const polesText = (cells.get('poles') ?? []).join(' ');
  // An RCBO cell also gives its residual sensitivity and breaking capacity ("30mA B16 6kA").
  const ampsMatch = /(\d{1,4}(?:[.,]\d+)?)/.exec(
    ampsText.replace(/\d\s*p\b/i, '').replace(/\d+(?:[.,]\d+)?\s*[mk]a\b/gi, ' '),
  );
  const read = ampsMatch ? Number((ampsMatch[1] ?? '').replace(',', '.')) : null;
  const amps = read !== null && ocr ? snapOcrRating(read) : read;
  let poles: number | null = null;
  const polesMatch = /([123])/.exec(polesText);
  if (polesMatch) poles = Number(polesMatch[1]);
  else {
    // "2P-30A" or "30/2" in the amps cell; IEC device words ("TP", "SP+N") in either cell.
    const inAmps = /([123])\s*p\b/i.exec(ampsText) ?? /\d+\s*\/\s*([123])\b/.exec(ampsText);
    if (inAmps) poles = Number(inAmps[1]);
    else poles = polesOfDevice(polesText) ?? polesOfDevice(ampsText);
  }
  const conductorText = (cells.get('conductor') ?? []).join(' ').trim();
  const polesUnread = ocr && poles === null && sideHasPoles;
  if (EMPTY_MARKS.has(description.toLowerCase()) && amps === null) {
    return { side, number, circuit: null, loadVA, loadPhases };
  }
  const circuit: PanelCircuit = {
    number,
    description: EMPTY_MARKS.has(description) ? '' : description,
    amps: amps !== null && amps > 0 ? amps : null,
    poles,
  };
  if (conductorText && !EMPTY_MARKS.has(conductorText)) circuit.conductor = conductorText;
  return polesUnread
    ? { side, number, circuit, loadVA, loadPhases, polesUnread }
    : { side, number, circuit, loadVA, loadPhases };
}

/**
 * Phase of a breaker position: positions 1-2 on A, 3-4 on B, 5-6 on C, 7-8 on A again (step 2).
 * A single-phase panel alternates its two lines A and B (120/240 V three-wire).
 */
function phaseOfPosition(position: number, step: number, phases: number): string {
  const row = step === 2 ? Math.floor((position - 1) / 2) : position - 1;
  const lines = phases === 1 ? 2 : phases;
  return 'ABC'[row % lines] ?? 'A';
}

/**
 * Circuits from the rows of every side: a multi-pole breaker takes the positions below it on its
 * side (3, 5, 7 for a 3-pole breaker at 3 when circuits go by two) and the loads printed on them;
 * empty rows count as positions only. Phases come from the columns the loads are printed under,
 * else from the positions when the panel's phase count is known.
 */
function assembleCircuits(
  readings: readonly RowReading[],
  phases: number | null,
): { circuits: PanelCircuit[]; positionCount: number } {
  const numbers = [...new Set(readings.map((r) => r.number))].sort((a, b) => a - b);
  // Circuits go by two down a side (1, 3, 5 … | 2, 4, 6 …) unless a side numbers them one by one.
  const diffs: number[] = [];
  for (const side of new Set(readings.map((r) => r.side))) {
    const own = readings.filter((r) => r.side === side).map((r) => r.number);
    own.sort((a, b) => a - b);
    for (let i = 1; i < own.length; i++) diffs.push((own[i] ?? 0) - (own[i - 1] ?? 0));
  }
  const effectiveStep = diffs.length > 0 && median(diffs) === 1 ? 1 : 2;
  const byNumber = new Map<number, RowReading>();
  for (const r of readings) if (!byNumber.has(r.number)) byNumber.set(r.number, r);
  // IEC boards number ways one by one, not poles: every multi-pole breaker's way is followed by
  // the next circuit's way ("4 40A TP" then "5 20A TP"), never by its pole rows. Each circuit then
  // takes its own number only.
  const multiPole = [...byNumber.values()].filter(
    (r) => (r.circuit?.poles ?? 1) > 1 && !r.positions && !r.polesUnread && byNumber.has(r.number + 1),
  );
  const byWay =
    effectiveStep === 1 &&
    multiPole.length > 0 &&
    multiPole.every((r) => {
      const next = byNumber.get(r.number + 1);
      return next?.circuit !== undefined && next.circuit !== null && !isPoleRowOf(next, r);
    });
  const absorbed = new Set<RowReading>();
  const circuits: PanelCircuit[] = [];
  let positionCount = Math.max(0, ...numbers);
  for (const r of [...byNumber.values()].sort((a, b) => a.number - b.number)) {
    if (!r.circuit || absorbed.has(r)) continue;
    const poles = r.polesUnread ? polesFromRowsBelow(r, byNumber, effectiveStep) : (r.circuit.poles ?? 1);
    if (r.polesUnread) r.circuit.poles = poles;
    const positions =
      r.positions ?? Array.from({ length: byWay ? 1 : poles }, (_, k) => r.number + k * effectiveStep);
    let loadVA = r.loadVA;
    const loadPhases = [...r.loadPhases];
    for (const p of positions.slice(1)) {
      const below = byNumber.get(p);
      if (!below || (below.circuit && !(r.polesUnread && isPoleRowOf(below, r)))) continue;
      absorbed.add(below);
      if (below.loadVA !== null) loadVA = (loadVA ?? 0) + below.loadVA;
      loadPhases.push(...below.loadPhases);
    }
    positionCount = Math.max(positionCount, ...positions);
    const circuit: PanelCircuit = { ...r.circuit, positions };
    const letters =
      loadPhases.length > 0
        ? loadPhases
        : phases && !byWay
          ? positions.map((p) => phaseOfPosition(p, effectiveStep, phases))
          : [];
    if (letters.length > 0) circuit.phase = [...new Set(letters)].sort().join('');
    if (loadVA !== null) circuit.loadVA = loadVA;
    circuits.push(circuit);
  }
  return { circuits, positionCount };
}

/**
 * Whether `below` is another pole of `r`'s breaker as an OCR-read schedule prints it: no
 * description, and the same rating or none (many schedules repeat the rating on every pole row).
 */
function isPoleRowOf(below: RowReading, r: RowReading): boolean {
  const c = below.circuit;
  return c !== null && c.description === '' && (c.amps === null || c.amps === r.circuit?.amps);
}

/**
 * Pole count of a breaker whose poles cell OCR did not read: 1 plus the pole rows right below it
 * on its side (`isPoleRowOf`, or rows with nothing read above the side's last one), at most 3.
 */
function polesFromRowsBelow(r: RowReading, byNumber: ReadonlyMap<number, RowReading>, step: number): number {
  let poles = 1;
  const last = Math.max(...[...byNumber.values()].filter((o) => o.side === r.side).map((o) => o.number));
  while (poles < 3) {
    const position = r.number + poles * step;
    const below = byNumber.get(position);
    // A row OCR read nothing from, inside the table, is a pole row whose rating is not repeated;
    // so is a numbered row with nothing else read (its pole-count digit dropped, its loads in
    // phase columns whose headings OCR did not read).
    if (below ? below.circuit !== null && !isPoleRowOf(below, r) : position >= last) break;
    poles++;
  }
  return poles;
}

/** The entries of `o` whose value is neither null nor undefined (optional contract fields). */
function definedOnly<T extends Record<string, unknown>>(o: T): { [K in keyof T]?: NonNullable<T[K]> } {
  const out: { [K in keyof T]?: NonNullable<T[K]> } = {};
  for (const [k, v] of Object.entries(o))
    if (v !== null && v !== undefined) out[k as keyof T] = v as NonNullable<T[keyof T]>;
  return out;
}
