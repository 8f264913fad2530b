import { analyzePlan } from '@saeq/plan-analysis/analyze-plan';
import type { ExtractedDocument } from '@saeq/plan-analysis/primitives';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';

/**
 * The analysis document of an extracted plan: legends, symbols, rooms, scale, circuit tags,
 * panel schedules and counts (pure pipeline of @saeq/plan-analysis). Warnings are written in
 * Québec French (the stored document is shared by every client).
 */
export function buildAnalysis(doc: ExtractedDocument): PlanAnalysis {
  return analyzePlan(doc, { locale: 'fr' });
}
