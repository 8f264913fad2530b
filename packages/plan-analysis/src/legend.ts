import type { DeviceType } from '@saeq/shared/contracts/plan-analysis';
import { DisjointSets } from './disjoint-sets.ts';
import { findFrames, isAxisRectangle, smallestEnclosingFrame } from './frames.ts';
import type { Subpath } from './geometry.ts';
import { bboxCenter, bboxContains, bboxContainsPoint, unionBBoxes } from './geometry.ts';
import { inferMarkedVariants } from './marked-variants.ts';
import type { BBox } from './primitives.ts';
import { type TextLine, textItemBBox } from './text-lines.ts';
import {
  deviceTypeOfLegendRow,
  isLegendHeading,
  isLegendTableHeader,
  normalizeSymbolText,
  normalizeText,
} from './vocabulary.ts';

/** Text drawn as part of a symbol ("S3" in a circle, "GFCI" beside a receptacle). */
export type TemplateText = {
  /** `normalizeSymbolText` of the string. */
  text: string;
  /** Centre relative to the template centre. */
  cx: number;
  cy: number;
  fontSize: number;
};

/**
 * A legend symbol as drawn in the legend, relative to its own centre: the subpaths and text that
 * make it up. This is what the matcher looks for in the drawing.
 */
export type SymbolTemplate = {
  subpaths: Subpath[];
  texts: TemplateText[];
  /** Bounding box relative to the centre. */
  bbox: BBox;
  /** max(width, height) of the symbol in points. */
  size: number;
  /**
   * Where the device is, relative to the centre: the centre of the drawn part (the text beside
   * a symbol, "GFCI", is an annotation); the text's centre for text-only symbols.
   */
  anchor: [number, number];
};

export type LegendSymbol = {
  symbolId: string;
  label: string;
  type: DeviceType;
  template: SymbolTemplate;
  /** Where the symbol sits in the legend, page space. */
  bboxOnPage: BBox;
  page: number;
};

export type DetectedLegend = {
  page: number;
  /** Everything the legend occupies (heading, rows, frame): excluded from the drawing area. */
  bbox: BBox;
  entries: LegendSymbol[];
};

/** Short codes drawn as or inside symbols: "S", "S3", "$", "GFCI", "DF", "VE", "WP". */
export function isCodeLike(text: string): boolean {
  const t = text.replace(/\s+/g, '');
  if (t.length === 0 || t.length > 5) return false;
  if (/^\d+[.)]?$/.test(t)) return false; // list numbering, not a symbol
  return /^[A-Z0-9$#+*/\-ÉÈ]+$/.test(t) && /[A-Z$#+*ÉÈ]/.test(t);
}

/** A single straight horizontal or vertical stroke. */
function isAxisLine(sp: Subpath): boolean {
  if (sp.points.length !== 4) return false;
  const [x0, y0, x1, y1] = sp.bbox;
  return x1 - x0 < 0.01 || y1 - y0 < 0.01;
}

function lineCenterY(l: TextLine): number {
  return (l.bbox[1] + l.bbox[3]) / 2;
}

function median(values: number[]): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
}

type Part = { kind: 'path'; index: number; bbox: BBox } | { kind: 'text'; line: TextLine; bbox: BBox };

type Row = {
  description: TextLine;
  /** Pieces of the description on its own line, left to right (OCR splits a line at wide gaps). */
  tail: TextLine[];
  /** Wrapped lines below. */
  extra: TextLine[];
  parts: Part[];
};

/**
 * Finds legend blocks on a page: a heading ("LÉGENDE", "LEGEND", "SYMBOLES", …, in any case)
 * followed by rows where a symbol (paths and/or short code text) sits beside its description, on
 * its left or, in some legends, on its right. Descriptions that
 * wrap onto a second line are joined. When the heading sits in a frame, the frame bounds the
 * legend (and may hold several columns); otherwise rows are followed down one column while the
 * spacing stays regular.
 *
 * `chunks` are text lines split at gaps wider than ~1 em (so "S3   Interrupteur" is two chunks).
 */
export function detectLegends(
  pageNumber: number,
  pageSize: { widthPt: number; heightPt: number },
  lines: readonly TextLine[],
  subpaths: readonly Subpath[],
): DetectedLegend[] {
  const chunks = lines.flatMap(splitHeadingRow);
  const headings = chunks.filter((c) => c.angle === 0 && isLegendHeading(c.text));
  if (headings.length === 0) return [];
  const frames = findFrames(subpaths);
  const pageArea = pageSize.widthPt * pageSize.heightPt;
  const legends: DetectedLegend[] = [];
  let counter = 0;
  const blocks = headings.flatMap((heading) => {
    const legend = detectOneLegend(heading, chunks, subpaths, frames, pageArea);
    if (!legend) return [];
    // A legend split into tables side by side under one heading: each table read on its own
    // (its own SYMBOL | DESCRIPTION columns).
    const beside = legend.besideTables.flatMap((table) => {
      const more = detectOneLegend(heading, chunks, subpaths, frames, pageArea, table);
      return more ? [more] : [];
    });
    return [legend, ...beside];
  });
  for (const legend of blocks) {
    if (legend.rows.length === 0) continue;
    const entries: LegendSymbol[] = [];
    for (const row of legend.rows) {
      const template = buildTemplate(withoutOcrOverStrokes(row.parts), subpaths);
      if (!template) continue;
      counter++;
      const label = [row.description, ...row.tail, ...row.extra]
        .map((l) => l.text)
        .join(' ')
        .replace(/\s+/g, ' ')
        .trim();
      entries.push({
        symbolId: `p${pageNumber}-s${counter}`,
        label,
        type: deviceTypeOfLegendRow(
          label,
          template.template.texts.map((t) => t.text),
        ),
        template: template.template,
        bboxOnPage: template.bboxOnPage,
        page: pageNumber,
      });
    }
    if (entries.length > 0)
      legends.push({ page: pageNumber, bbox: legend.bbox, entries: inferMarkedVariants(entries) });
  }
  return legends;
}

function detectOneLegend(
  heading: TextLine,
  chunks: readonly TextLine[],
  subpaths: readonly Subpath[],
  frames: readonly BBox[],
  pageArea: number,
  table?: BBox,
): { rows: Row[]; bbox: BBox; besideTables: BBox[] } | null {
  const em = heading.fontSize;
  // The heading's own title cell (a frame holding the heading alone, common in bordered legend
  // tables) does not bound the legend: the smallest enclosing frame that also holds rows does.
  const enclosing = smallestEnclosingFrame(
    frames.filter((f) => textLinesIn(f, chunks, heading.fontSize, heading) >= 2),
    heading.bbox,
    pageArea * 0.35,
  );
  // A frame only bounds the legend if the heading is near its top, or if the heading stands
  // just above it (a bordered legend table titled outside its border).
  const headsFrame =
    enclosing !== null && enclosing[3] - heading.bbox[3] < 4 * em && enclosing[3] - enclosing[1] > 2 * em;
  const below = table || headsFrame ? null : tableBelow(heading, frames, chunks, pageArea * 0.35);
  const frame = table ?? (headsFrame ? enclosing : below);
  const besideTables = below ? tablesBeside(below, em, frames, chunks, pageArea * 0.35) : [];
  const useFrame = frame !== null;
  const region: BBox = frame
    ? table
      ? table
      : (unionBBoxes([frame, heading.bbox]) ?? frame)
    : [heading.bbox[0] - 4 * em, 0, heading.bbox[0] + 100 * em, heading.bbox[3]];
  const top = heading.bbox[1] + 0.2 * em;

  const inRegion = (b: BBox) =>
    b[0] >= region[0] - 0.5 && b[2] <= region[2] + 0.5 && b[1] >= region[1] - 0.5 && b[3] <= top;
  const regionChunks = withOcrNumbersJoined(
    chunks.filter((c) => c !== heading && c.angle === 0 && inRegion(c.bbox) && !isLegendTableHeader(c.text)),
  );
  const bodyEm = median(regionChunks.map((c) => c.fontSize)) || em;

  // Candidate symbol strokes: small subpaths in the region.
  const allPathParts: Part[] = [];
  subpaths.forEach((sp, index) => {
    const [x0, y0, x1, y1] = sp.bbox;
    if (!inRegion(sp.bbox)) return;
    if (x1 - x0 > 16 * bodyEm || y1 - y0 > 6 * bodyEm) return;
    allPathParts.push({ kind: 'path', index, bbox: sp.bbox });
  });

  // Text inside a symbol's outline belongs to the symbol, whatever it says.
  const symbolTexts: Part[] = [];
  const codeTexts: Part[] = [];
  const descriptions: TextLine[] = [];
  for (const c of regionChunks) {
    const [cx, cy] = bboxCenter(c.bbox);
    // Inside means the outline holds the text: a glyph outline of a stroke-text description (the
    // "O" of "DATA OUTLET") may hold the description's centre, not the description.
    const textW = c.bbox[2] - c.bbox[0];
    // A stroke within the text's own box is one of its letters (a sheet whose text is drawn as
    // strokes and read by OCR): neither the outline holding it nor a symbol beside it.
    const ownStroke = (p: Part) => bboxContains(c.bbox, p.bbox, 0.15 * c.fontSize);
    const insidePath = allPathParts.some((p) => {
      const sp = subpaths[p.kind === 'path' ? p.index : -1];
      const w = p.bbox[2] - p.bbox[0];
      return (
        sp?.closed === true &&
        !ownStroke(p) &&
        bboxContainsPoint(p.bbox, cx, cy) &&
        w < 8 * bodyEm &&
        w > 0.5 &&
        w >= 0.6 * textW
      );
    });
    // A number just right of a drawn symbol is its mark (the "3" of a 3-way switch), not the
    // numbering of a list, which stands left of the symbols.
    const markBeside =
      /^\d{1,2}$/.test(c.text.trim()) &&
      allPathParts.some(
        (p) =>
          !ownStroke(p) &&
          c.bbox[0] >= p.bbox[2] - 0.3 * bodyEm &&
          c.bbox[0] - p.bbox[2] < bodyEm &&
          c.bbox[1] < p.bbox[3] &&
          p.bbox[1] < c.bbox[3],
      );
    if (insidePath || markBeside) symbolTexts.push({ kind: 'text', line: c, bbox: c.bbox });
    else if (isCodeLike(c.text)) {
      const part: Part = { kind: 'text', line: c, bbox: c.bbox };
      symbolTexts.push(part);
      // A short upper-case description ("J-BOX", "PNLBD", "CATV") or a word of one ("240V
      // RECEPTACLE") reads like a code too.
      codeTexts.push(part);
    } else if (/[a-zA-ZÀ-ÿ]{2,}/.test(c.text)) descriptions.push(c);
  }
  const promote = (codes: readonly Part[]) => {
    for (const c of codes) {
      const at = symbolTexts.indexOf(c);
      if (c.kind !== 'text' || at < 0) continue;
      symbolTexts.splice(at, 1);
      descriptions.push(c.line);
    }
  };
  // A bordered table with column headings (SYMBOL | DESCRIPTION | MOUNTING): a description starts
  // in the description column and a symbol stands in the symbol column; mounting heights and
  // remarks ("+1200", "PLAFOND", "18\" AFF") are neither.
  const columns = useFrame
    ? tableColumns(chunks.filter((c) => c.angle === 0 && inRegion(c.bbox) && isLegendTableHeader(c.text)))
    : null;
  if (columns) {
    const inColumn = (col: [number, number], x: number) => x >= col[0] && x < col[1];
    // A code-like text in the description column of a table with a symbol column is (part of) a
    // description ("J-BOX", the "240V" of "240V RECEPTACLE").
    const symbolColumn = columns.symbol;
    if (symbolColumn)
      promote(
        codeTexts.filter(
          (c) => inColumn(columns.description, c.bbox[0]) && !inColumn(symbolColumn, bboxCenter(c.bbox)[0]),
        ),
      );
    for (let i = descriptions.length - 1; i >= 0; i--) {
      const d = descriptions[i];
      if (d && !inColumn(columns.description, d.bbox[0])) descriptions.splice(i, 1);
    }
    if (symbolColumn) {
      const outside = (b: BBox) => !inColumn(symbolColumn, bboxCenter(b)[0]);
      for (const list of [symbolTexts, allPathParts])
        for (let i = list.length - 1; i >= 0; i--) {
          const part = list[i];
          if (part && outside(part.bbox)) list.splice(i, 1);
        }
    }
  }
  if (descriptions.length === 0) return null;
  // On a sheet whose text is drawn as strokes (SHX fonts, outlines) and read by OCR, the strokes
  // of a description are text, not a symbol drawn beside the next description.
  const dropStrokesOfDescriptions = () => {
    const inDescription = (b: BBox) => descriptions.some((d) => bboxContains(d.bbox, b, 0.15 * d.fontSize));
    for (let i = allPathParts.length - 1; i >= 0; i--) {
      const part = allPathParts[i];
      if (part && inDescription(part.bbox)) allPathParts.splice(i, 1);
    }
  };
  dropStrokesOfDescriptions();

  // Symbols usually stand left of their descriptions; some legends put them on the right. The
  // side that pairs more rows wins (a second column of a left-side legend pairs only half its
  // rows the other way round).
  let leftRows = pairRows([...allPathParts, ...symbolTexts], descriptions, bodyEm, 'left');
  const rightRows = pairRows([...allPathParts, ...symbolTexts], descriptions, bodyEm, 'right');
  const side: SymbolSide = rightRows.length > leftRows.length ? 'right' : 'left';
  // With symbols on the left, a code-like text that ends a row started by a symbol is that row's
  // description (see `endsSymbolRow`).
  if (side === 'left' && !columns) {
    const parts = [...allPathParts, ...symbolTexts];
    const ending = codeTexts.filter(
      (c) =>
        c.kind === 'text' &&
        /[A-Za-zÀ-ÿ]{2,}/.test(c.line.text) &&
        symbolTexts.includes(c) &&
        endsSymbolRow(c, parts, descriptions, bodyEm),
    );
    if (ending.length > 0) {
      promote(ending);
      dropStrokesOfDescriptions();
      leftRows = pairRows([...allPathParts, ...symbolTexts], descriptions, bodyEm, 'left');
    }
  }
  const firstRows = side === 'left' ? leftRows : rightRows;
  const columnKey = (r: Row) =>
    side === 'left'
      ? r.description.bbox[0]
      : (Math.min(...r.parts.map((p) => p.bbox[0])) + Math.max(...r.parts.map((p) => p.bbox[2]))) / 2;

  // Table legends: straight axis-aligned outlines that span a whole row are cell borders and
  // separators, not symbols (a symbol keeps a margin inside its row). The row pitch comes from
  // the first pairing, with every part.
  const pitch = rowPitch(firstRows, columnKey, bodyEm);
  const pathParts = allPathParts.filter((p) => {
    const sp = subpaths[p.kind === 'path' ? p.index : -1];
    if (!sp) return false;
    const axisStraight = !sp.curved && (isAxisRectangle(sp) || isAxisLine(sp));
    return !(axisStraight && sp.bbox[3] - sp.bbox[1] >= 0.85 * pitch);
  });
  const rows = pairRows([...pathParts, ...symbolTexts], descriptions, bodyEm, side);
  if (rows.length === 0) return null;

  // The rest of a description's own line: pieces that follow it closely on its baseline with no
  // symbol in between (OCR reads "240V RECEPTACLE, RANGE / DRYER" as separate words).
  const used = new Set(rows.map((r) => r.description));
  const symbolBoxes = [...pathParts, ...symbolTexts].map((p) => p.bbox);
  for (const r of rows) {
    let end = r.description.bbox[2];
    const sameLine = descriptions
      .filter((d) => !used.has(d) && Math.abs(d.y - r.description.y) < 0.35 * bodyEm && d.bbox[0] > end)
      .sort((a, b) => a.bbox[0] - b.bbox[0]);
    for (const d of sameLine) {
      const gap = d.bbox[0] - end;
      const between = symbolBoxes.some(
        (b) => b[0] >= end - 0.1 && b[2] <= d.bbox[0] + 0.1 && b[1] < d.bbox[3] && d.bbox[1] < b[3],
      );
      if (gap > 2.5 * bodyEm || between) break;
      r.tail.push(d);
      used.add(d);
      end = d.bbox[2];
    }
  }

  // Wrapped descriptions: a description-like line just below a row, aligned with it (on its
  // left edge, or on its right edge next to a symbol on the right), no symbol.
  for (const d of [...descriptions].sort((a, b) => b.bbox[3] - a.bbox[3])) {
    if (used.has(d)) continue;
    const host = rows
      .filter((r) => {
        const last = r.extra[r.extra.length - 1] ?? r.description;
        const dy = last.y - d.y;
        const aligned =
          Math.abs(last.bbox[0] - d.bbox[0]) < 1.5 * bodyEm ||
          (side === 'right' && Math.abs(last.bbox[2] - d.bbox[2]) < 1.5 * bodyEm);
        return dy > 0 && dy < 1.8 * bodyEm && aligned;
      })
      .sort((a, b) => a.description.y - b.description.y)[0];
    if (host) {
      host.extra.push(d);
      used.add(d);
    }
  }

  // Without a frame, follow the first column down from the heading while spacing stays
  // regular, then further columns to the right that start on the same row.
  let accepted = rows.sort((a, b) => b.description.y - a.description.y);
  if (!useFrame) {
    // The first column is the leftmost one starting on the top row: rows of one line differ by
    // float noise once a sheet has been turned (a deskewed re-plot), so "highest" alone would
    // pick any of them and the columns to its left would be lost.
    const topY = accepted[0]?.description.y ?? 0;
    const first = accepted
      .filter((r) => topY - r.description.y < 0.25 * bodyEm)
      .sort((a, b) => columnKey(a) - columnKey(b))[0];
    if (!first || heading.y - first.description.y > 5 * Math.max(em, bodyEm)) return null;
    const columns = clusterColumns(accepted, columnKey, bodyEm);
    const chain = (col: Row[], startY: number): Row[] => {
      const kept: Row[] = [];
      const pitches: number[] = [];
      let prevY = startY;
      for (const r of col) {
        const last = kept[kept.length - 1];
        const lastBottom = last ? (last.extra[last.extra.length - 1] ?? last.description).y : prevY;
        const gap = lastBottom - r.description.y;
        // Below the heading, the heading's own size sets the spacing (the region's median text
        // size may be the title block's small print beside the legend).
        const limit = last
          ? Math.max(4 * bodyEm, 2.5 * (median(pitches) || 0))
          : Math.max(4 * bodyEm, 5 * em);
        if (gap > limit) break;
        if (last) pitches.push(last.description.y - r.description.y);
        kept.push(r);
        prevY = r.description.y;
      }
      return kept;
    };
    const firstColumn = columns.find((c) => c.includes(first)) ?? [first];
    const kept = chain(firstColumn, heading.y);
    let right = Math.max(...kept.map((r) => rowExtent(r)[1]));
    let lastX = columnKey(first);
    for (const col of columns.sort((a, b) => (a[0] ? columnKey(a[0]) : 0) - (b[0] ? columnKey(b[0]) : 0))) {
      const top = col[0];
      if (!top || col === firstColumn || columnKey(top) <= lastX) continue;
      const left = rowExtent(top)[0];
      if (Math.abs(top.description.y - first.description.y) > 1.5 * bodyEm) continue;
      if (left < right - 0.5 * bodyEm || left - right > 25 * bodyEm) continue;
      const more = chain(col, heading.y);
      if (more.length === 0) continue;
      kept.push(...more);
      right = Math.max(right, ...more.map((r) => rowExtent(r)[1]));
      lastX = columnKey(top);
    }
    accepted = kept;
  }
  if (useFrame) accepted = withoutCellValues(accepted, columnKey, bodyEm);
  if (accepted.length === 0) return null;

  const boxes: BBox[] = [heading.bbox];
  for (const r of accepted) {
    boxes.push(r.description.bbox);
    for (const e of [...r.tail, ...r.extra]) boxes.push(e.bbox);
    for (const p of r.parts) boxes.push(p.bbox);
  }
  const content = unionBBoxes(boxes) ?? heading.bbox;
  const bbox: BBox = useFrame ? region : content;
  return { rows: accepted, bbox, besideTables };
}

/**
 * Chunks of OCR words with the numbers among them joined to the words beside them on their
 * baseline. An OCR box holds a word's ink, not its advance: a narrow digit ("1") has wide side
 * bearings, so the gaps around it look wider than a word space and "1 LEVER 1 WAY LIGHT SWITCH"
 * came in as "1" | "LEVER" | "1" | "WAY LIGHT SWITCH". The legend then took the strokes of the
 * first "1" for the row's symbol and cut the description at the second. A number of at most three
 * digits read by OCR is joined to an OCR'd word of two letters or more on its baseline less than
 * 1.3 em away (a symbol stands further from its description than a word space).
 */
function withOcrNumbersJoined(chunks: readonly TextLine[]): TextLine[] {
  const ocr = (c: TextLine) => c.items.length > 0 && c.items.every((t) => t.source === 'ocr');
  const isNumber = (c: TextLine) => ocr(c) && /^\d{1,3}$/.test(c.text.trim());
  const isWords = (c: TextLine) => ocr(c) && /[A-Za-zÀ-ÿ]{2,}/.test(c.text);
  const sets = new DisjointSets(chunks.length);
  chunks.forEach((n, i) => {
    if (!isNumber(n)) return;
    chunks.forEach((w, j) => {
      if (!isWords(w)) return;
      const em = Math.max(n.fontSize, w.fontSize);
      if (Math.max(n.fontSize, w.fontSize) > 1.3 * Math.min(n.fontSize, w.fontSize)) return;
      if (Math.abs(n.y - w.y) > 0.3 * em) return;
      const gap = Math.max(w.bbox[0] - n.bbox[2], n.bbox[0] - w.bbox[2]);
      if (gap >= 0 && gap < 1.3 * em) sets.union(j, i);
    });
  });
  const groups = new Map<number, TextLine[]>();
  chunks.forEach((c, i) => {
    const root = sets.find(i);
    groups.set(root, [...(groups.get(root) ?? []), c]);
  });
  return [...groups.values()].map((group) => {
    if (group.length === 1) return group[0] as TextLine;
    const sorted = [...group].sort((a, b) => a.bbox[0] - b.bbox[0]);
    const first = sorted[0] as TextLine;
    return {
      text: sorted.map((c) => c.text).join(' '),
      items: sorted.flatMap((c) => c.items),
      angle: first.angle,
      fontSize: Math.max(...sorted.map((c) => c.fontSize)),
      bbox: unionBBoxes(sorted.map((c) => c.bbox)) ?? first.bbox,
      x: first.x,
      y: first.y,
    };
  });
}

/**
 * A legend table's heading row read as one line ("SYMBOL DESCRIPTION": the exporter wrote the gap
 * between the two cells as a space) split back into one line per heading, so that the table's
 * columns are found from them.
 */
function splitHeadingRow(line: TextLine): TextLine[] {
  const words = line.items.filter((t) => t.str.trim() !== '');
  if (words.length < 2 || !words.every((t) => isLegendTableHeader(t.str))) return [line];
  return words.map((t) => ({
    text: t.str.trim(),
    items: [t],
    angle: line.angle,
    fontSize: line.fontSize,
    bbox: textItemBBox(t),
    x: t.x,
    y: t.y,
  }));
}

/**
 * The symbol and description columns of a legend table from its column headings (the topmost
 * row holding a DESCRIPTION heading): each column reaches halfway to its neighbours' heading
 * centres (headings may be centred or flush left), and the description column starts at least
 * 1 em left of its heading. Null without a description heading.
 */
function tableColumns(
  headers: readonly TextLine[],
): { description: [number, number]; symbol: [number, number] | null } | null {
  const isDescription = (t: string) => /^(descriptions?|desc|designation)$/.test(headerWord(t));
  const top = headers.filter((h) => isDescription(h.text)).sort((a, b) => b.y - a.y)[0];
  if (!top) return null;
  const row = headers
    .filter((h) => Math.abs(h.y - top.y) < 0.6 * top.fontSize)
    .sort((a, b) => a.bbox[0] - b.bbox[0]);
  const centre = (h: TextLine) => (h.bbox[0] + h.bbox[2]) / 2;
  const columnOf = (i: number): [number, number] => {
    const h = row[i] as TextLine;
    const prev = row[i - 1];
    const next = row[i + 1];
    return [
      prev ? (centre(prev) + centre(h)) / 2 : Number.NEGATIVE_INFINITY,
      next ? (centre(h) + centre(next)) / 2 : Number.POSITIVE_INFINITY,
    ];
  };
  const di = row.indexOf(top);
  const [d0, d1] = columnOf(di);
  const si = row.findIndex((h) => /^(symbols?|symboles?|sym)$/.test(headerWord(h.text)));
  return {
    description: [Math.min(d0, top.bbox[0] - top.fontSize), d1],
    symbol: si >= 0 ? columnOf(si) : null,
  };
}

function headerWord(text: string): string {
  return normalizeText(text)
    .replace(/[.:]+$/, '')
    .trim();
}

/**
 * The frame right under a heading that stands outside any frame: its top edge within 3 em below
 * the heading, overlapping it horizontally, holding text on at least three lines (a table, not
 * the cell of one ruled row). Null when there is none.
 */
/**
 * Tables standing beside `first` in one row (tops within 1 em, gaps under 6 em), each holding
 * text on at least three lines: a legend split into columns of tables under a single heading.
 */
function tablesBeside(
  first: BBox,
  em: number,
  frames: readonly BBox[],
  chunks: readonly TextLine[],
  maxArea: number,
): BBox[] {
  const candidates = frames
    .filter(
      (f) =>
        f !== first &&
        Math.abs(f[3] - first[3]) <= em &&
        f[3] - f[1] > 2 * em &&
        (f[2] - f[0]) * (f[3] - f[1]) <= maxArea &&
        (f[0] >= first[2] - 0.5 || f[2] <= first[0] + 0.5) &&
        textLinesIn(f, chunks, em) >= 3,
    )
    .sort((a, b) => a[0] - b[0]);
  const chain: BBox[] = [];
  let right = first[2];
  for (const f of candidates.filter((c) => c[0] >= first[2] - 0.5)) {
    if (f[0] - right > 6 * em) break;
    if (chain.some((c) => c[0] === f[0] && c[2] === f[2])) continue;
    chain.push(f);
    right = f[2];
  }
  let left = first[0];
  for (const f of candidates.filter((c) => c[2] <= first[0] + 0.5).reverse()) {
    if (left - f[2] > 6 * em) break;
    if (chain.some((c) => c[0] === f[0] && c[2] === f[2])) continue;
    chain.push(f);
    left = f[0];
  }
  return chain;
}

/** How many text lines (told apart at ½ em) other than `except` lie inside `frame`. */
function textLinesIn(frame: BBox, chunks: readonly TextLine[], em: number, except?: TextLine): number {
  return new Set(
    chunks
      .filter((c) => c !== except && c.angle === 0 && bboxContains(frame, c.bbox, 0.5))
      .map((c) => Math.round(c.y / (0.5 * em))),
  ).size;
}

function tableBelow(
  heading: TextLine,
  frames: readonly BBox[],
  chunks: readonly TextLine[],
  maxArea: number,
): BBox | null {
  const em = heading.fontSize;
  const [hx0, hy0, hx1] = heading.bbox;
  let best: BBox | null = null;
  for (const f of frames) {
    const gap = hy0 - f[3];
    if (gap < -0.5 || gap > 3 * em) continue;
    if (f[0] > hx1 || f[2] < hx0) continue;
    if (f[3] - f[1] <= 2 * em || (f[2] - f[0]) * (f[3] - f[1]) > maxArea) continue;
    if (textLinesIn(f, chunks, em) < 3) continue;
    if (!best || f[3] > best[3]) best = f;
  }
  return best;
}

/**
 * In a bordered legend table, a short code in a mounting-height or remarks cell ("CLG", "WP")
 * pairs with the cell on its right as if it were a symbol and its description. Such "rows" form
 * a thin column of text-only symbols next to the real ones: a column whose symbols are all text
 * goes when a column of drawn symbols holds more than twice its rows.
 */
function withoutCellValues(rows: Row[], key: (r: Row) => number, em: number): Row[] {
  const columns = clusterColumns(rows, key, em);
  const drawn = (col: Row[]) => col.some((r) => r.parts.some((p) => p.kind === 'path'));
  const largestDrawn = Math.max(0, ...columns.filter(drawn).map((c) => c.length));
  const dropped = new Set(columns.filter((c) => !drawn(c) && 2 * c.length < largestDrawn).flat());
  return rows.filter((r) => !dropped.has(r));
}

/** Rows grouped by their column position (`key`, one group per legend column), top first. */
function clusterColumns(rows: readonly Row[], key: (r: Row) => number, em: number): Row[][] {
  const columns: Row[][] = [];
  for (const r of [...rows].sort((a, b) => b.description.y - a.description.y)) {
    const col = columns.find((c) => c[0] !== undefined && Math.abs(key(c[0]) - key(r)) < 1.5 * em);
    if (col) col.push(r);
    else columns.push([r]);
  }
  return columns;
}

/** Median spacing of consecutive description baselines in one column (2 em when unknown). */
function rowPitch(rows: readonly Row[], key: (r: Row) => number, em: number): number {
  const gaps: number[] = [];
  for (const a of rows) {
    // Nearest row below in the same column.
    let best = Number.POSITIVE_INFINITY;
    for (const b of rows) {
      if (b === a || Math.abs(key(a) - key(b)) > 2 * em) continue;
      const d = a.description.y - b.description.y;
      if (d > 0.5 * em && d < best) best = d;
    }
    if (Number.isFinite(best)) gaps.push(best);
  }
  return median(gaps) || 2 * em;
}

/** Where the symbols of a legend stand relative to their descriptions. */
export type SymbolSide = 'left' | 'right';

/**
 * Gives each symbol part to the nearest description on the same row on the symbols' side (to
 * its right when symbols stand left of their descriptions, to its left otherwise), then keeps per
 * description the chain of parts next to it (gaps under 2 em).
 */
function pairRows(
  parts: readonly Part[],
  descriptions: readonly TextLine[],
  em: number,
  side: SymbolSide = 'left',
): Row[] {
  const partsByDescription = new Map<TextLine, Part[]>();
  for (const part of parts) {
    const [, pcy] = bboxCenter(part.bbox);
    let best: TextLine | null = null;
    let bestCost = Number.POSITIVE_INFINITY;
    for (const d of descriptions) {
      const dy = Math.abs(lineCenterY(d) - pcy);
      const gap = side === 'left' ? d.bbox[0] - part.bbox[2] : part.bbox[0] - d.bbox[2];
      // Symbols on the right usually stand in one column past the longest description.
      if (gap < -0.3 * em || gap > (side === 'left' ? 14 : 30) * em) continue;
      if (dy > Math.max(1.3 * em, 0.6 * (part.bbox[3] - part.bbox[1]))) continue;
      const cost = gap + 4 * dy;
      if (cost < bestCost) {
        bestCost = cost;
        best = d;
      }
    }
    if (!best) continue;
    const list = partsByDescription.get(best) ?? [];
    list.push(part);
    partsByDescription.set(best, list);
  }
  const rows: Row[] = [];
  for (const d of descriptions) {
    const list = partsByDescription.get(d);
    if (!list || list.length === 0) continue;
    // Nearest to the description first.
    list.sort((a, b) => (side === 'left' ? b.bbox[2] - a.bbox[2] : a.bbox[0] - b.bbox[0]));
    const chain: Part[] = [];
    let left = d.bbox[0];
    let right = d.bbox[2];
    for (const p of list) {
      // The symbol may stand well clear of its description; its own pieces stay close together.
      const gap = side === 'left' ? left - p.bbox[2] : p.bbox[0] - right;
      if (chain.length > 0 && gap > 2 * em) break;
      chain.push(p);
      left = Math.min(left, p.bbox[0]);
      right = Math.max(right, p.bbox[2]);
    }
    if (chain.length > 0) rows.push({ description: d, tail: [], extra: [], parts: chain });
  }
  return rows;
}

/**
 * True when the code-like text `c` stands where a description does: the nearest item on its row
 * to its left is a symbol part (within the 14 em a symbol may stand from its description), and no
 * description follows it on its row but past another symbol (the next legend column's). A code
 * followed by a description is that description's symbol ("S" "3" "Interrupteur", "GFCI").
 */
function endsSymbolRow(
  c: Part,
  parts: readonly Part[],
  descriptions: readonly TextLine[],
  em: number,
): boolean {
  const [, cy] = bboxCenter(c.bbox);
  const onRow = (b: BBox) => Math.abs(bboxCenter(b)[1] - cy) < Math.max(0.8 * em, 0.3 * (b[3] - b[1]));
  type Item = { bbox: BBox; description: boolean };
  const items: Item[] = [
    ...parts.filter((p) => p !== c && onRow(p.bbox)).map((p) => ({ bbox: p.bbox, description: false })),
    ...descriptions.filter((d) => onRow(d.bbox)).map((d) => ({ bbox: d.bbox, description: true })),
  ];
  let left: { gap: number; item: Item } | null = null;
  for (const item of items) {
    const gapLeft = c.bbox[0] - item.bbox[2];
    if (gapLeft >= -0.3 * em && (!left || gapLeft < left.gap)) left = { gap: gapLeft, item };
  }
  if (!left || left.item.description || left.gap > 14 * em) return false;
  // No description follows it on its row, unless a symbol stands between the two (the next
  // legend column's row).
  const gapTo = (b: BBox) => b[0] - c.bbox[2];
  return !items.some(
    (d) =>
      d.description &&
      gapTo(d.bbox) >= -0.3 * em &&
      gapTo(d.bbox) < 14 * em &&
      !items.some(
        (p) =>
          !p.description &&
          gapTo(p.bbox) > 0 &&
          p.bbox[2] <= d.bbox[0] + 0.1 &&
          // A symbol, not a rule of the table (a lone straight line between cells).
          Math.min(p.bbox[2] - p.bbox[0], p.bbox[3] - p.bbox[1]) > 0.2 * em,
      ),
  );
}

/** Horizontal extent of a row: description, wrapped lines and symbol. */
function rowExtent(r: Row): [number, number] {
  const boxes = [
    r.description.bbox,
    ...r.tail.map((e) => e.bbox),
    ...r.extra.map((e) => e.bbox),
    ...r.parts.map((p) => p.bbox),
  ];
  return [Math.min(...boxes.map((b) => b[0])), Math.max(...boxes.map((b) => b[2]))];
}

/**
 * OCR reads the strokes of a symbol drawn without a text layer as whatever letters they resemble
 * ("Ô" for a receptacle's circle, "s°" for a switch). Where strokes lie under an OCR'd text, the
 * strokes are the symbol and the matcher compares them; the text would only demand the same
 * misreading on the plan, where it is not read at all.
 */
function withoutOcrOverStrokes(parts: readonly Part[]): Part[] {
  const paths = parts.filter((p) => p.kind === 'path');
  return parts.filter(
    (p) =>
      p.kind === 'path' ||
      !p.line.items.every((t) => t.source === 'ocr') ||
      !paths.some((q) => bboxesOverlap(q.bbox, p.bbox)),
  );
}

function bboxesOverlap(a: BBox, b: BBox): boolean {
  return a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
}

function buildTemplate(
  parts: readonly Part[],
  subpaths: readonly Subpath[],
): { template: SymbolTemplate; bboxOnPage: BBox } | null {
  const boxes = parts.map((p) => p.bbox);
  const bbox = unionBBoxes(boxes);
  if (!bbox) return null;
  const [cx, cy] = bboxCenter(bbox);
  const tplSubpaths: Subpath[] = [];
  const texts: TemplateText[] = [];
  for (const p of parts) {
    if (p.kind === 'path') {
      const sp = subpaths[p.index];
      if (!sp) continue;
      tplSubpaths.push({
        ...sp,
        points: sp.points.map((v, i) => (i % 2 === 0 ? v - cx : v - cy)),
        bbox: [sp.bbox[0] - cx, sp.bbox[1] - cy, sp.bbox[2] - cx, sp.bbox[3] - cy],
      });
    } else {
      const [tx, ty] = bboxCenter(p.line.bbox);
      texts.push({
        text: normalizeSymbolText(p.line.text),
        cx: tx - cx,
        cy: ty - cy,
        fontSize: p.line.fontSize,
      });
    }
  }
  const size = Math.max(bbox[2] - bbox[0], bbox[3] - bbox[1]);
  if (size <= 0) return null;
  return {
    template: {
      subpaths: tplSubpaths,
      texts,
      bbox: [bbox[0] - cx, bbox[1] - cy, bbox[2] - cx, bbox[3] - cy],
      size,
      anchor: (() => {
        const drawn = unionBBoxes(tplSubpaths.map((sp) => sp.bbox));
        return drawn ? bboxCenter(drawn) : [0, 0];
      })(),
    },
    bboxOnPage: bbox,
  };
}
