import type { ExtractedDocument } from '@saeq/plan-analysis/primitives';
import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';

/**
 * Turns an extracted document into the analysis document. Until the legend/symbol pipeline of
 * `@saeq/plan-analysis` is wired in, this reports pages, sizes and text only, and says plainly
 * that symbols are not counted yet (no invented counts).
 */
export function buildAnalysis(doc: ExtractedDocument): PlanAnalysis {
  const warnings: PlanAnalysis['warnings'] = doc.warnings.map((w) => ({ ...w }));
  warnings.push({
    code: 'symbol_counting_unavailable',
    message: 'Le comptage des symboles n’est pas encore actif : seules les pages et le texte sont extraits.',
    page: null,
  });
  for (const page of doc.pages) {
    if (page.text.trim().length === 0 && page.paths.length === 0) {
      warnings.push({
        code: 'scanned_page',
        message: 'Page sans couche texte ni dessin vectoriel (numérisée?) : aucun comptage possible.',
        page: page.number,
      });
    }
  }
  return {
    pages: doc.pages.map((p) => ({
      number: p.number,
      widthPt: p.widthPt,
      heightPt: p.heightPt,
      rotation: p.rotation,
      scale: null,
      legend: [],
      rooms: [],
      symbols: [],
      panels: [],
      text: p.text,
    })),
    counts: { byType: {}, byRoom: {}, bySheet: {} },
    warnings,
  };
}
