import { analyzePlan } from '@saeq/plan-analysis/analyze-plan';
import type { LegendMapping } from '@saeq/plan-analysis/legend-mappings';
import type { ExtractedDocument } from '@saeq/plan-analysis/primitives';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';

/**
 * The analysis document of an extracted plan: legends, symbols, rooms, scale, circuit tags,
 * panel schedules and counts (pure pipeline of @saeq/plan-analysis). Warnings are written in
 * Québec French (the stored document is shared by every client). `legendMappings` are the
 * organisation's own legend wordings (`PUT /v1/legend-mappings`).
 */
export function buildAnalysis(
  doc: ExtractedDocument,
  legendMappings: readonly LegendMapping[] = [],
): PlanAnalysis {
  return analyzePlan(doc, { locale: 'fr', legendMappings });
}
