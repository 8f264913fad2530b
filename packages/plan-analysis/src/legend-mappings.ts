import type { DeviceType, UnresolvedLegendEntry } from '@saeq/shared/contracts/plan-analysis';
import type { LegendSymbol } from './legend.ts';
import type { BBox } from './primitives.ts';
import { normalizeText } from './vocabulary.ts';

/** An organisation's own wording for a device type (`PUT /v1/legend-mappings`). */
export type LegendMapping = { label: string; type: DeviceType };

/**
 * The form legend wording is compared in: `normalizeText` (case, accents, quotes, spaces) without
 * the trailing punctuation legends put after a label ("Prise VE :" = "prise ve"). The gateway
 * stores mappings under this key, the analyser looks labels up with it: one definition for both.
 */
export function normalizeLegendLabel(label: string): string {
  return normalizeText(label)
    .replace(/[\s.:;,\-–]+$/, '')
    .trim();
}

/**
 * Gives each legend entry the type its organisation mapped its wording to, before (instead of)
 * the built-in vocabulary's guess. Entries whose wording has no mapping keep their type.
 */
export function applyLegendMappings(
  entries: readonly LegendSymbol[],
  mappings: readonly LegendMapping[],
): LegendSymbol[] {
  if (mappings.length === 0) return [...entries];
  const byLabel = new Map(mappings.map((m) => [normalizeLegendLabel(m.label), m.type]));
  return entries.map((e) => {
    const type = byLabel.get(normalizeLegendLabel(e.label));
    return type ? { ...e, type } : e;
  });
}

/**
 * Legend entries still typed `other` (neither the vocabulary nor a mapping knew their wording),
 * with where their symbol is drawn; `toPage` takes a box from the analysed view to page space.
 */
export function unresolvedLegendEntries(
  entries: readonly LegendSymbol[],
  toPage: (page: number, bbox: BBox) => BBox,
): UnresolvedLegendEntry[] {
  return entries
    .filter((e) => e.type === 'other')
    .map((e) => ({
      symbolId: e.symbolId,
      label: e.label,
      page: e.page,
      bbox: toPage(e.page, e.bboxOnPage).map((v) => Math.round(v * 100) / 100) as BBox,
    }));
}
