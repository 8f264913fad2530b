import type {
  AnalysisPage,
  AnalysisWarning,
  DetectedSymbol,
  LegendEntry,
  OcrWord,
  PlanAnalysis,
} from '@saeq/shared/contracts/plan-analysis';
import { attachCircuitTags, isCircuitTag } from './circuit-tags.ts';
import { sheetNumberPartsOf } from './compare/sheet-number.ts';
import { countSymbols } from './counts.ts';
import {
  DEFAULT_SYMBOL_MATCH,
  defaultLegendEntries,
  defaultReceptacleEntries,
  junctionBoxesByLetter,
  receptaclesByShape,
} from './default-symbols.ts';
import { DISCIPLINE_DEVICE_TYPES, sheetDiscipline } from './discipline.ts';
import { findFrames } from './frames.ts';
import type { Subpath } from './geometry.ts';
import { bboxCenter, bboxContains, bboxContainsPoint, flattenPaths } from './geometry.ts';
import {
  rejectImplausibleMatches,
  withoutOcrWordLetters,
  withoutWiredThrough,
} from './implausible-matches.ts';
import { InkIndex } from './ink-index.ts';
import type { DetectedLegend, LegendSymbol } from './legend.ts';
import { detectLegends } from './legend.ts';
import { applyLegendMappings, type LegendMapping, unresolvedLegendEntries } from './legend-mappings.ts';
import { assignMarkedVariants, markEntries } from './marked-variants.ts';
import type { MatchBudget, MatchOptions, SymbolMatch } from './match-symbols.ts';
import {
  DEFAULT_PLACEMENT_BUDGET,
  keepConsistentScale,
  matchLegendSymbols,
  resolveOverlaps,
} from './match-symbols.ts';
import { type Locale, type WarningCode, warningMessage } from './messages.ts';
import { ocrNeed } from './ocr-text.ts';
import { orientPage } from './orientation.ts';
import { applyToBBox, applyToPoint } from './page-transform.ts';
import { findPanelSchedules } from './panel-schedule.ts';
import type { BBox, ExtractedDocument, ExtractedPage, Matrix } from './primitives.ts';
import { buildRoomMap, findRoomLabels } from './rooms.ts';
import { findPageScale } from './scale.ts';
import { classifyPage } from './scanned.ts';
import { withoutTableCellMatches } from './table-cells.ts';
import { groupTextLines, type TextLine, textInReadingOrder, textItemBBox } from './text-lines.ts';
import { findTitleBlocks, viewTitleTester } from './title-block.ts';
import { isLegendHeading } from './vocabulary.ts';

export type AnalyzeOptions = {
  /** Language of warning messages. Default `fr`. */
  locale?: Locale;
  /** Matches below this confidence are dropped. Default 0.5. */
  minConfidence?: number;
  match?: MatchOptions;
  /** The organisation's own legend wording → type, applied before the built-in vocabulary. */
  legendMappings?: readonly LegendMapping[];
};

type PagePrep = {
  /** The page in view space (text reads left to right); see `orientPage`. */
  page: ExtractedPage;
  toPage: Matrix;
  rotated: boolean;
  subpaths: Subpath[];
  /** Lines split at ~1 em gaps (legend rows, symbols codes). */
  chunks: TextLine[];
  /** Lines for reading (room names, notes, scale). */
  lines: TextLine[];
  /** Glyph runs (tight gaps): the text matched inside symbols. */
  spots: TextLine[];
  /** Cells of tables (column gaps ≥ 0.5 em). */
  cells: TextLine[];
  legends: DetectedLegend[];
  /** Legend headings on the page, read or not (to say why no legend could be read). */
  legendHeadings: TextLine[];
};

/**
 * Analyses an extracted plan set: legends → symbol templates → matches in each sheet's drawing
 * area → rooms, circuit tags, scale, panel schedules → counts.
 *
 * Pure: same input, same output; no I/O, no clock. A sheet without a legend of its own uses the
 * legends of the other sheets of the set. Scanned sheets get a `scanned_page` warning; their
 * symbols are counted only on the outlines traced from their image (`traceScan`), if any. Symbols in the legend, title block and schedules are never
 * counted. A document with more pages than were extracted (`pageCount` > `pages.length`) gets a
 * `pages_truncated` warning (page null).
 */
export function analyzePlan(doc: ExtractedDocument, opts: AnalyzeOptions = {}): PlanAnalysis {
  const locale = opts.locale ?? 'fr';
  const minConfidence = opts.minConfidence ?? 0.5;
  const warnings: AnalysisWarning[] = doc.warnings.map((w) => ({ ...w }));
  const warn = (code: WarningCode, page: number, params: Record<string, string | number> = {}) =>
    warnings.push({ code, page, message: warningMessage(code, { page, ...params }, locale) });
  // The extractor stops at its page limit (PDF_MAX_PAGES); counts must not pass for the whole set.
  if (doc.pageCount > doc.pages.length)
    warnings.push({
      code: 'pages_truncated',
      page: null,
      message: warningMessage(
        'pages_truncated',
        { analysed: doc.pages.length, total: doc.pageCount },
        locale,
      ),
    });

  // Pass 1: text structures and legends of every vector page.
  const preps: (PagePrep | null)[] = doc.pages.map((page) => {
    const kind = classifyPage(page);
    const ocr = page.textItems.filter((t) => t.source === 'ocr');
    const need = ocrNeed({ ...page, textItems: page.textItems.filter((t) => t.source !== 'ocr') });
    if (ocr.length > 0) {
      const mean = ocr.reduce((a, t) => a + (t.confidence ?? 0), 0) / ocr.length;
      warn('ocr_text', page.number, {
        reason: need ?? 'outlined_text',
        words: ocr.length,
        confidence: Math.round(mean * 100),
      });
    } else if (need === 'outlined_text') warn('text_not_in_layer', page.number);
    // Outlines traced from a scan's image (`traceScan`) make it a drawing the matcher can read.
    const traced = page.paths.reduce((n, p) => n + (p.source === 'scan' ? 1 : 0), 0);
    if (kind !== 'vector') {
      if (kind === 'empty' || traced === 0)
        warn(kind === 'scanned' ? 'scanned_page' : 'empty_page', page.number);
      // A scan's OCR text still gives its schedules, scale and room names.
      if (kind !== 'scanned' || (ocr.length === 0 && traced === 0)) return null;
    }
    const oriented = orientPage(page);
    if (kind === 'scanned' && traced > 0)
      warn('scanned_page', page.number, { traced, skew: Math.round(oriented.skewDeg * 10) / 10 });
    const view = oriented.page;
    const subpaths = flattenPaths(view.paths);
    const chunks = groupTextLines(view.textItems, { maxGapEm: 0.9 });
    const prep: PagePrep = {
      page: view,
      toPage: oriented.toPage,
      rotated: oriented.angle !== 0 || oriented.skewDeg !== 0,
      subpaths,
      chunks,
      lines: groupTextLines(view.textItems),
      spots: groupTextLines(view.textItems, { maxGapEm: 0.25 }),
      cells: groupTextLines(view.textItems, { maxGapEm: 0.5 }),
      legends: detectLegends(page.number, view, chunks, subpaths).map((l) => ({
        ...l,
        entries: applyLegendMappings(l.entries, opts.legendMappings ?? []),
      })),
      legendHeadings: chunks.filter((c) => c.angle === 0 && isLegendHeading(c.text)),
    };
    return prep;
  });
  const allEntries: LegendSymbol[] = preps.flatMap((p) => p?.legends.flatMap((l) => l.entries) ?? []);
  const noLegendReason = whyNoLegend(preps);

  // Pass 2: each page.
  const pages: AnalysisPage[] = doc.pages.map((page, i) => {
    const prep = preps[i];
    const base: AnalysisPage = {
      number: page.number,
      widthPt: page.widthPt,
      heightPt: page.heightPt,
      rotation: page.rotation,
      scale: null,
      legend: [],
      rooms: [],
      symbols: [],
      panels: [],
      text: page.text,
      ...ocrWordsOf(page),
    };
    if (!prep) return base;
    return analyzeVectorPage(
      prep,
      allEntries,
      { minConfidence, warn, noLegendReason, ...(opts.match ? { match: opts.match } : {}) },
      base,
    );
  });

  const unresolved = unresolvedLegendEntries(allEntries, (number, bbox) => {
    const prep = preps.find((p) => p?.page.number === number);
    return prep ? applyToBBox(prep.toPage, bbox) : bbox;
  });
  // Nothing found is never a silent success: a set where no page said why it counted nothing
  // (only schedules, title blocks or a legend sheet) says so once.
  if (pages.every((p) => p.symbols.length === 0) && !warnings.some((w) => EXPLAINS_NOTHING_FOUND.has(w.code)))
    warnings.push({
      code: 'no_symbols_matched',
      page: null,
      message: warningMessage(
        'no_symbols_matched',
        { reason: 'no_drawing', entries: allEntries.length },
        locale,
      ),
    });
  return { pages, counts: countSymbols(pages), warnings, unresolvedLegendEntries: unresolved };
}

/**
 * OCR confidence of a word whose letters a letter-shaped symbol must not be matched in (real
 * words of a stroked sheet read at ~0.9; symbols taken for letters at 0.4-0.65).
 */
const CONFIDENT_OCR_WORD = 0.75;

/** Warnings that already tell why a page counted no symbol. */
const EXPLAINS_NOTHING_FOUND: ReadonlySet<string> = new Set<WarningCode>([
  'scanned_page',
  'empty_page',
  'legend_unreadable',
  'no_symbols_matched',
  'legend_symbol_implausible',
  'not_power_plan',
  'text_not_in_layer',
  'graphics_unreadable',
]);

/**
 * Why no sheet of the set gave a legend: a heading without readable rows, or no heading at all.
 * (A sheet without a text layer gets its own reason: see `analyzeVectorPage`.)
 */
function whyNoLegend(preps: readonly (PagePrep | null)[]): Record<string, string | number> {
  for (const p of preps) {
    const heading = p?.legendHeadings[0];
    if (p && heading)
      return { reason: 'heading_without_rows', heading: heading.text, headingPage: p.page.number };
  }
  return { reason: 'no_heading' };
}

function analyzeVectorPage(
  prep: PagePrep,
  allEntries: readonly LegendSymbol[],
  ctx: {
    minConfidence: number;
    match?: MatchOptions;
    warn: (code: WarningCode, page: number, params?: Record<string, string | number>) => void;
    noLegendReason: Record<string, string | number>;
  },
  base: AnalysisPage,
): AnalysisPage {
  const { page, subpaths } = prep;
  const pageArea = page.widthPt * page.heightPt;
  const frames = findFrames(subpaths);
  const titleBlocks = findTitleBlocks(prep.lines, frames, pageArea);
  const schedules = findPanelSchedules(prep.cells, subpaths);
  const scale = findPageScale(prep.lines);
  const ownEntries = prep.legends.flatMap((l) => l.entries);
  const discipline = sheetDiscipline({
    sheetNumber: sheetNumberPartsOf(prep.lines.map((l) => l.text).join('\n'))?.printed ?? null,
    titleText: prep.lines
      .filter((l) => titleBlocks.some((b) => bboxContains(b, l.bbox, 1)))
      .map((l) => l.text)
      .join('\n'),
    legend: ownEntries,
  });
  // Another trade's sheet (telecom, fire alarm, mechanical) is not a power plan: only its own
  // legend's rows of that trade's device types are looked for (never the set's power legend,
  // never generic `other` rows that would match racks and cable trays, never the receptacles it
  // draws for coordination, which the electrical sheets count).
  const entries =
    discipline.kind !== 'power'
      ? ownEntries.filter((e) => DISCIPLINE_DEVICE_TYPES[discipline.kind].includes(e.type))
      : ownEntries.length > 0
        ? ownEntries
        : allEntries;
  if (discipline.kind !== 'power')
    ctx.warn('not_power_plan', page.number, {
      discipline: discipline.kind,
      reason: discipline.reason,
      evidence: discipline.evidence,
    });
  const excluded: BBox[] = [
    ...prep.legends.map((l) => l.bbox),
    ...titleBlocks,
    ...schedules.map((s) => s.bbox),
  ];
  const isDrawing = (x: number, y: number) => !excluded.some((b) => bboxContainsPoint(b, x, y));

  let matches: SymbolMatch[] = [];
  // Every match was judged implausible (the sheet's "no symbols" then says so).
  let allImplausible = false;
  const implausible = new Set<string>();
  // A set without any legend is still read for the few symbols drawn by convention (a "J" in a
  // circle); with a warning, never silently.
  const defaults =
    entries.length === 0 && subpaths.length > 0 && discipline.kind === 'power' ? defaultLegendEntries() : [];
  const lookFor = entries.length > 0 ? entries : defaults;
  const matchOptions = entries.length > 0 ? ctx.match : { ...DEFAULT_SYMBOL_MATCH, ...ctx.match };
  if (lookFor.length === 0) {
    // Nothing found is never a silent success: say why no legend could be read (a telecom sheet
    // has said why already).
    if (subpaths.length > 0 && discipline.kind === 'power')
      ctx.warn(
        'legend_unreadable',
        page.number,
        page.textItems.length === 0 ? { reason: 'no_text_layer' } : ctx.noLegendReason,
      );
  } else {
    const sizes = lookFor.map((e) => e.template.size).sort((a, b) => a - b);
    const cell = Math.min(20, Math.max(3, (sizes[Math.floor(sizes.length / 2)] ?? 12) / 2));
    const ink = new InkIndex(subpaths, cell);
    const budget: MatchBudget = {
      limit: ctx.match?.placementBudget ?? DEFAULT_PLACEMENT_BUDGET,
      used: 0,
      exceeded: false,
    };
    const texts = prep.spots.filter((s) => !isCircuitTag(s.text));
    // A legend symbol shaped like a letter matches that letter in every word drawn as strokes.
    // Words OCR read with little confidence are mostly symbols taken for letters ("ALAA." over a
    // pair of receptacles): they hold symbols, not letters.
    const ocrWords = prep.spots
      .filter(
        (s) =>
          s.items.length > 0 &&
          s.items.every((t) => t.source === 'ocr' && (t.confidence ?? 0) >= CONFIDENT_OCR_WORD),
      )
      .map((s) => ({ text: s.text, bbox: s.bbox }));
    const tracedOutlines = page.paths.some((p) => p.source === 'scan');
    const matched = matchLegendSymbols({
      entries: lookFor,
      subpaths,
      ink,
      texts,
      excluded,
      budget,
      tracedOutlines,
      ...(matchOptions ? { options: matchOptions } : {}),
    });
    // A scan's schedules are traced ink too: the letters in their cells are no symbols.
    const found = tracedOutlines ? withoutTableCellMatches(matched, subpaths) : matched;
    const raw = withoutOcrWordLetters(found, ocrWords, subpaths);
    // Without a legend, a "J" in a circle is a junction box however its circle was drawn, and a
    // circle with two parallel strokes across it a duplex receptacle (its marks pick GFCI / WP).
    const defaultBox = defaults.find((e) => e.type === 'junction_box');
    if (defaultBox) raw.push(...junctionBoxesByLetter({ entry: defaultBox, texts, ink, isDrawing }));
    const receptacleDefaults = defaults.length > 0 ? defaultReceptacleEntries() : [];
    const [plainReceptacle] = receptacleDefaults;
    if (plainReceptacle)
      raw.push(...receptaclesByShape({ entry: plainReceptacle, subpaths, ink, texts, isDrawing }));
    // Stroke marks looked for on their own, upright or turned (see `markEntries`).
    const marks = matchLegendSymbols({
      entries: markEntries(lookFor),
      subpaths,
      ink,
      texts: [],
      excluded,
      budget,
      tracedOutlines,
      ...(matchOptions ? { options: matchOptions } : {}),
    }).filter((m) => m.confidence >= ctx.minConfidence);
    // A legend symbol that "matches" hatching or the strokes of outlined text hundreds of times is
    // not counted (the estimator is told which entry and why). Judged before the sheet's symbol
    // scale is taken, which a flood would otherwise set.
    const judge = (list: readonly SymbolMatch[]) =>
      rejectImplausibleMatches(
        resolveOverlaps(list).filter((m) => m.confidence >= ctx.minConfidence),
        {
          drawingArea: pageArea,
          textRuns: prep.spots.map((s) => ({ text: s.text, bbox: s.bbox })),
        },
      ).rejected;
    // A device drawn as a letter (a switch's "S") keeps its matches that are no letters of words;
    // a generic entry whose matches were mostly letters is a misread legend row (a title block's
    // note taken for a row, a letter for its symbol) and counts nothing.
    const letterFloods = judge(found).filter(
      (r) => r.reason === 'text_glyphs' && lookFor.find((e) => e.symbolId === r.symbolId)?.type === 'other',
    );
    const judgedRest = judge(raw);
    const rejected = [
      ...judgedRest,
      ...letterFloods.filter((f) => !judgedRest.some((r) => r.symbolId === f.symbolId)),
    ];
    for (const r of rejected) {
      implausible.add(r.symbolId);
      ctx.warn('legend_symbol_implausible', page.number, {
        label: r.label,
        count: r.count,
        reason: r.reason,
      });
    }
    const plausible = raw.filter((m) => !implausible.has(m.entry.symbolId));
    // Built-in symbols are looked for within fixed device sizes, each at its own: a sheet's J boxes
    // may be drawn half again as large as its receptacles, which one sheet scale would drop.
    // Breakers of a one-line diagram look like legend symbols (an isolator's box) but are wired
    // through: not devices (see `withoutWiredThrough`).
    matches = withoutWiredThrough(
      assignMarkedVariants(
        (defaults.length > 0 ? resolveOverlaps(plausible) : keepConsistentScale(plausible)).filter(
          (m) => m.confidence >= ctx.minConfidence,
        ),
        [...lookFor, ...receptacleDefaults],
        texts,
        marks,
      ),
      subpaths,
    );
    allImplausible = matches.length === 0 && rejected.length > 0;
    if (budget.exceeded)
      ctx.warn('work_budget_exceeded', page.number, { stage: 'symbols', limit: budget.limit });
    if (defaults.length > 0) {
      const reason = page.textItems.length === 0 ? { reason: 'no_text_layer' } : ctx.noLegendReason;
      if (matches.length > 0) ctx.warn('default_symbols', page.number, { ...reason, count: matches.length });
      else ctx.warn('legend_unreadable', page.number, reason);
    }
  }

  // Rooms.
  // Room names are read without the symbols' own text and the circuit tags beside them, which
  // would otherwise run into a label ("P1-30 BDRM 1").
  const symbolBoxes = matches.map((m) => m.bbox);
  const labelItems = page.textItems.filter((t) => {
    if (isCircuitTag(t.str)) return false;
    const [cx, cy] = bboxCenter(textItemBBox(t));
    return !symbolBoxes.some((b) => bboxContainsPoint(b, cx, cy));
  });
  const labelLines = groupTextLines(labelItems);
  const labels = findRoomLabels(labelLines, isDrawing, viewTitleTester(prep.lines, subpaths));
  const roomMap = buildRoomMap({
    labels,
    subpaths,
    pageSize: page,
    ignore: matches.map((m) => m.bbox),
    outside: excluded,
    sheetFrames: frames.filter((f) => (f[2] - f[0]) * (f[3] - f[1]) > 0.5 * pageArea),
    // Openings up to 1.2 m wide are doors (0.6 m from their middle to a jamb) at the sheet's
    // scale; without a scale, ~4 label heights.
    doorHalfWidthPt: scale ? 0.6 / scale.metresPerPoint : 4 * (median(labels.map((l) => l.fontSize)) || 8),
    metresPerPoint: scale?.metresPerPoint ?? null,
  });

  // Circuit tags.
  const tagSpots = prep.cells
    .filter((l) => isCircuitTag(l.text))
    .filter((l) => {
      const [x, y] = bboxCenter(l.bbox);
      return isDrawing(x, y);
    })
    .map((l) => ({ text: l.text, bbox: l.bbox }));
  const tagged = matches.map((m) => ({
    x: m.x,
    y: m.y,
    bbox: m.bbox,
    size: Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]),
  }));
  const circuits = attachCircuitTags(tagged, tagSpots);

  // Results go back to page space.
  const symbols: DetectedSymbol[] = matches
    .map((m, i): DetectedSymbol => {
      const roomIndex = roomMap.roomAt(
        m.x,
        m.y,
        4 * Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]),
        m.bbox,
      );
      const room = roomMap.rooms[roomIndex]?.name ?? null;
      const [x, y] = applyToPoint(prep.toPage, m.x, m.y);
      const bbox = applyToBBox(prep.toPage, m.bbox);
      return {
        type: m.entry.type,
        symbolId: m.entry.symbolId,
        x: round2(x),
        y: round2(y),
        rotation: m.placement.g.rotation,
        mirrored: m.placement.g.mirrored,
        room,
        circuit: circuits[i] ?? null,
        confidence: Math.round(m.confidence * 1000) / 1000,
        bbox: [round2(bbox[0]), round2(bbox[1]), round2(bbox[2]), round2(bbox[3])],
      };
    })
    .sort((a, b) => b.y - a.y || a.x - b.x);

  if (entries.length > 0 && matches.length === 0 && (allImplausible || hasDrawing(subpaths, excluded)))
    ctx.warn('no_symbols_matched', page.number, {
      entries: entries.length,
      reason: allImplausible ? 'implausible' : 'not_on_drawing',
    });

  const legend: LegendEntry[] = (matches.length > 0 ? lookFor : entries).map((e) => ({
    symbolId: e.symbolId,
    label: e.label,
    type: e.type,
  }));
  for (const e of ownEntries) {
    if (
      entries.includes(e) &&
      !symbols.some((s) => s.symbolId === e.symbolId) &&
      !implausible.has(e.symbolId) &&
      ownEntries.length > 0 &&
      hasDrawing(subpaths, excluded)
    ) {
      ctx.warn('legend_symbol_not_found', page.number, { label: e.label });
    }
  }

  return {
    ...base,
    scale,
    legend,
    rooms: roomMap.rooms.map((r) => ({
      name: r.name,
      areaM2: r.areaM2,
      ...(r.bbox
        ? { bbox: applyToBBox(prep.toPage, r.bbox).map(round2) as [number, number, number, number] }
        : {}),
    })),
    symbols,
    panels: schedules.map((s) => s.schedule),
    // Reading order is only meaningful once the sheet is upright.
    text: prep.rotated ? textInReadingOrder(page.textItems) : base.text,
  };
}

function hasDrawing(subpaths: readonly Subpath[], excluded: readonly BBox[]): boolean {
  let n = 0;
  for (const sp of subpaths) {
    const [x, y] = bboxCenter(sp.bbox);
    if (!excluded.some((b) => bboxContainsPoint(b, x, y))) n++;
    if (n > 20) return true;
  }
  return false;
}

function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] ?? 0;
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}

/** The OCR words of a page for the analysis document (none when its text layer was enough). */
function ocrWordsOf(page: ExtractedPage): { ocrWords?: OcrWord[] } {
  const words = page.textItems.filter((t) => t.source === 'ocr');
  if (words.length === 0) return {};
  return {
    ocrWords: words.map((t) => {
      const b = textItemBBox(t);
      return {
        text: t.str,
        source: 'ocr',
        confidence: Math.round((t.confidence ?? 0) * 1000) / 1000,
        bbox: [round2(b[0]), round2(b[1]), round2(b[2]), round2(b[3])],
      };
    }),
  };
}
