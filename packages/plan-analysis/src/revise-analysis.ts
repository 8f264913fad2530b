import type { AnalysisCorrections, CorrectionRecord } from '@saeq/shared/contracts/analysis-revisions';
import type { AnalysisPage, DetectedSymbol, PlanAnalysis, Room } from '@saeq/shared/contracts/plan-analysis';
import { countSymbols } from './counts.ts';

/** Why a correction cannot apply to the analysis it names; `path` points into the request body. */
export class InvalidCorrection extends Error {
  override readonly name = 'InvalidCorrection';
  constructor(
    readonly path: string,
    readonly reason: 'page_unknown' | 'symbol_unknown' | 'outside_page' | 'removed_twice',
  ) {
    super(`${path}: ${reason}`);
  }
}

/** Symbol id of a symbol the estimator added (no legend entry drew it). */
export const MANUAL_SYMBOL_ID = 'manual';
/** Half the side of the box given to an added symbol, in points (the size of a typical symbol). */
const ADDED_HALF_SIZE = 6;

/**
 * Applies an estimator's corrections to an analysis and returns the corrected analysis (counts
 * by type, room and sheet recomputed) with one labelled record per correction. Removals name a
 * symbol by page and index in the given analysis; additions are placed in the smallest room
 * whose box holds them and carry confidence 1 (a person saw them). The input is not modified.
 *
 * Pure: `meta.correctedAt` is passed in. Throws `InvalidCorrection` for a page or symbol the
 * analysis does not have, a point off its page, or the same symbol removed twice.
 */
export function reviseAnalysis(
  analysis: PlanAnalysis,
  corrections: Pick<AnalysisCorrections, 'add' | 'remove'>,
  meta: { revision: number; correctedBy: string; correctedAt: string },
): { analysis: PlanAnalysis; records: CorrectionRecord[] } {
  const byNumber = new Map(analysis.pages.map((p) => [p.number, p]));
  const records: CorrectionRecord[] = [];
  const removed = new Map<number, Set<number>>();
  corrections.remove.forEach((r, i) => {
    const page = byNumber.get(r.page);
    if (!page) throw new InvalidCorrection(`remove.${i}.page`, 'page_unknown');
    const symbol = page.symbols[r.index];
    if (!symbol) throw new InvalidCorrection(`remove.${i}.index`, 'symbol_unknown');
    const set = removed.get(r.page) ?? new Set<number>();
    if (set.has(r.index)) throw new InvalidCorrection(`remove.${i}.index`, 'removed_twice');
    set.add(r.index);
    removed.set(r.page, set);
    records.push({
      ...meta,
      action: 'remove',
      page: r.page,
      x: symbol.x,
      y: symbol.y,
      type: symbol.type,
      original: symbol,
    });
  });
  const added = new Map<number, DetectedSymbol[]>();
  corrections.add.forEach((a, i) => {
    const page = byNumber.get(a.page);
    if (!page) throw new InvalidCorrection(`add.${i}.page`, 'page_unknown');
    if (!onPage(page, a.x, a.y)) throw new InvalidCorrection(`add.${i}`, 'outside_page');
    const symbol: DetectedSymbol = {
      type: a.type,
      symbolId: MANUAL_SYMBOL_ID,
      x: a.x,
      y: a.y,
      rotation: 0,
      room: roomAt(page.rooms, a.x, a.y),
      circuit: null,
      confidence: 1,
      bbox: [a.x - ADDED_HALF_SIZE, a.y - ADDED_HALF_SIZE, a.x + ADDED_HALF_SIZE, a.y + ADDED_HALF_SIZE],
    };
    added.set(a.page, [...(added.get(a.page) ?? []), symbol]);
    records.push({ ...meta, action: 'add', page: a.page, x: a.x, y: a.y, type: a.type, original: null });
  });
  const pages: AnalysisPage[] = analysis.pages.map((page) => {
    const gone = removed.get(page.number);
    const extra = added.get(page.number) ?? [];
    if (!gone && extra.length === 0) return page;
    const kept = page.symbols.filter((_, i) => !gone?.has(i));
    // The analyser's reading order (top to bottom, then left to right), so indices stay predictable.
    const symbols = [...kept, ...extra].sort((a, b) => b.y - a.y || a.x - b.x);
    return { ...page, symbols };
  });
  return { analysis: { ...analysis, pages, counts: countSymbols(pages) }, records };
}

/** Page space of an unrotated page: [0, width] × [0, height] (rotation is a viewing matter). */
function onPage(page: AnalysisPage, x: number, y: number): boolean {
  return x >= 0 && y >= 0 && x <= page.widthPt && y <= page.heightPt;
}

/** The smallest room whose box holds the point (a room inside another is the more specific one). */
function roomAt(rooms: readonly Room[], x: number, y: number): string | null {
  let best: { name: string; area: number } | null = null;
  for (const room of rooms) {
    const b = room.bbox;
    if (!b || x < b[0] || x > b[2] || y < b[1] || y > b[3]) continue;
    const area = (b[2] - b[0]) * (b[3] - b[1]);
    if (!best || area < best.area) best = { name: room.name, area };
  }
  return best?.name ?? null;
}
