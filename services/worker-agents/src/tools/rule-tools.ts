import { Edition, listRules, normalizeLabel, type RuleSummary } from '@saeq/electrical-code';
import { z } from 'zod';
import { type AgentTool, defineTool } from './tool.ts';

export const RulesSearchInput = z.strictObject({
  /** Words or a rule number ("26-704", "DDFT", "anti-arcs"); omitted → the whole catalogue. */
  query: z.string().trim().max(200).optional(),
  edition: Edition.optional(),
});

const scopeNote = {
  fr: 'Catalogue des règles que SAEQ vérifie automatiquement sur les plans (numéro d’article selon l’édition et titre) ; ce n’est pas le texte du code.',
  en: 'Catalogue of the rules SAEQ checks automatically on plans (rule number for the edition and title); this is not the text of the code.',
};

/**
 * The rule catalogue of `GET /v1/rules?edition=`, filtered by words matched (accents and case
 * ignored) against the words of the rule id, number and title in both languages. Without a query the rules
 * are exactly the endpoint's.
 */
export function searchRules(query: string | undefined, edition: Edition, lang: 'fr' | 'en'): RuleSummary[] {
  const rules = listRules(edition, lang);
  const terms = normalizeLabel(query ?? '')
    .split(' ')
    .filter((term) => term.length > 0);
  if (terms.length === 0) return rules;
  const other = new Map(listRules(edition, lang === 'fr' ? 'en' : 'fr').map((rule) => [rule.id, rule.title]));
  return rules.filter((rule) => {
    const words = normalizeLabel(
      `${rule.id} ${rule.ruleRef} ${rule.title} ${other.get(rule.id) ?? ''}`,
    ).split(' ');
    // Whole words, or word beginnings from three letters ("26-722 d)" must not match "de").
    return terms.every((term) =>
      words.some((word) => word === term || (term.length >= 3 && word.startsWith(term))),
    );
  });
}

export const rulesSearchTool: AgentTool = defineTool({
  name: 'rules_search',
  description:
    "Recherche dans le catalogue des règles que SAEQ vérifie (par édition du code : 2026 par défaut, ou 2018) : par mots-clés ou numéro d'article. Renvoie pour chaque règle son identifiant, son numéro d'article dans l'édition demandée et son titre. Sans query, renvoie tout le catalogue de l'édition.",
  input: RulesSearchInput,
  defaults: (ctx) => ({ edition: ctx.edition }),
  async run(input, ctx) {
    const edition = input.edition ?? ctx.edition;
    return {
      edition,
      ...(input.query ? { query: input.query } : {}),
      rules: searchRules(input.query, edition, ctx.lang),
      note: scopeNote[ctx.lang],
    };
  },
});
