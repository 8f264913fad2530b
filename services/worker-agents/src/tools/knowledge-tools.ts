import { Edition } from '@saeq/electrical-code';
import { KnowledgeSource } from '@saeq/knowledge';
import { searchKnowledgeBase } from '@saeq/knowledge/store';
import { z } from 'zod';
import { type AgentTool, defineTool } from './tool.ts';

export const KnowledgeSearchInput = z.strictObject({
  /** Words in French or English, or a rule or article number ("8-200", "188.1"). */
  query: z
    .string()
    .trim()
    .min(1)
    .max(200)
    .refine((text) => !text.includes('\u0000'), {
      error: 'caractère NUL interdit / NUL character not allowed',
    }),
  source: KnowledgeSource.optional(),
  edition: Edition.optional(),
  limit: z.number().int().min(1).max(10).default(5),
});

const citationNote = {
  fr: 'Résumés rédigés par SAEQ (pas le texte des normes) : cite le champ reference et la source de chaque entrée utilisée ; aide à la vérification.',
  en: 'Summaries written by SAEQ (not the text of the standards): cite the reference field and source of each entry used; an aid to verification.',
};

/**
 * The norms knowledge base for the model: the very search of `GET /v1/knowledge/search`
 * (`searchKnowledgeBase`), in the run's language, limited to the run's code edition unless the
 * model names another (entries tied to no edition are always included).
 */
export const knowledgeSearchTool: AgentTool = defineTool({
  name: 'knowledge_search',
  description:
    "Recherche dans la base de connaissances des normes (en français ou en anglais) : Code de construction du Québec ch. V (sections 2 à 86), RSST, CSTC et CSA Z462 (sécurité, cadenassage), RBQ et CMEQ (licences, déclarations de travaux), marques de certification (CSA, cUL, cETL), norme E.21-10 d'Hydro-Québec (branchement, mesurage, dégagements). Renvoie pour chaque entrée son identifiant, sa source, sa référence à citer, son titre et un résumé.",
  input: KnowledgeSearchInput,
  defaults: (ctx) => ({ edition: ctx.edition }),
  async run(input, ctx) {
    const hits = await searchKnowledgeBase(ctx.db, {
      q: input.query,
      source: input.source,
      edition: input.edition,
      limit: input.limit,
      lang: ctx.lang,
    });
    return {
      query: input.query,
      results: hits.map(({ id, source, reference, edition, title, summary, url }) => ({
        id,
        source,
        reference,
        edition,
        title,
        summary,
        url,
      })),
      note: citationNote[ctx.lang],
    };
  },
});
