import type { AnalysisPage, PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';

type Counts = PlanAnalysis['counts'];

function bump(target: Record<string, number>, key: string): void {
  target[key] = (target[key] ?? 0) + 1;
}

/**
 * Symbol counts by device type, by room name (symbols outside any room are not in `byRoom`)
 * and by sheet (page number as a string). Rooms with the same name on several sheets add up.
 */
export function countSymbols(pages: readonly Pick<AnalysisPage, 'number' | 'symbols'>[]): Counts {
  const counts: Counts = { byType: {}, byRoom: {}, bySheet: {} };
  for (const page of pages) {
    const sheet: Record<string, number> = {};
    counts.bySheet[String(page.number)] = sheet;
    for (const s of page.symbols) {
      bump(counts.byType, s.type);
      bump(sheet, s.type);
      if (s.room !== null) {
        const room = counts.byRoom[s.room] ?? {};
        bump(room, s.type);
        counts.byRoom[s.room] = room;
      }
    }
  }
  return counts;
}
