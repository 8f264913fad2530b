import { type ComplianceRule, complianceRules, type Edition, ruleReferences } from '@saeq/electrical-code';
import type { KnowledgeEntry } from './knowledge-entry.ts';

const OCCUPANCY = {
  fr: {
    'single-dwelling': 'maison unifamiliale',
    apartment: 'logement d’un immeuble',
    commercial: 'commercial',
  },
  en: { 'single-dwelling': 'single dwelling', apartment: 'apartment unit', commercial: 'commercial' },
} as const;

/** The id of the knowledge entry of a compliance rule in an edition (stable: questions point at it). */
export function ruleEntryId(ruleId: string, edition: Edition): string {
  return `rule-${ruleId}-${edition}`;
}

function ruleEntry(rule: ComplianceRule, edition: Edition): KnowledgeEntry {
  const reference = rule.ruleRef[edition];
  const source = ruleReferences[rule.referenceKey][edition].source;
  const confirmed = source.status === 'verified';
  const occupanciesFr = rule.occupancies.map((o) => OCCUPANCY.fr[o]).join(', ');
  const occupanciesEn = rule.occupancies.map((o) => OCCUPANCY.en[o]).join(', ');
  return {
    id: ruleEntryId(rule.id, edition),
    source: 'ceq',
    reference,
    edition,
    title: rule.title,
    summary: {
      fr: `Vérification automatique de SAEQ sur les plans (édition ${edition}, article ${reference}) : ${rule.title.fr.toLowerCase()}. S’applique à : ${occupanciesFr}. ${confirmed ? 'Numéro d’article vérifié.' : 'Numéro d’article à confirmer dans le texte du code.'}`,
      en: `SAEQ automatic check on plans (${edition} edition, rule ${reference}): ${rule.title.en.toLowerCase()}. Applies to: ${occupanciesEn}. ${confirmed ? 'Rule number verified.' : 'Rule number still to confirm against the code text.'}`,
    },
    keywords: [rule.id, ...rule.id.split('-'), 'vérification', 'compliance', 'conformité', 'plan'],
    relatedRuleIds: [rule.id],
  };
}

/**
 * The compliance rule catalogue of `GET /v1/rules` as knowledge entries, one per rule and
 * edition: derived at load time from the catalogue itself, so the two never disagree.
 */
export function ruleCatalogueEntries(): KnowledgeEntry[] {
  return complianceRules.flatMap((rule) => rule.editions.map((edition) => ruleEntry(rule, edition)));
}
