import { Edition } from '@saeq/electrical-code';
import { z } from 'zod';

/** Where an entry comes from: the code, worker safety, the RBQ, certification marks, the utility. */
export const KnowledgeSource = z.enum(['ceq', 'rsst', 'rbq', 'csa', 'hydro-quebec']);
export type KnowledgeSource = z.infer<typeof KnowledgeSource>;

const Text = z.object({ fr: z.string().min(1), en: z.string().min(1) });

/**
 * One entry of the norms knowledge base: what a section, article or requirement is about,
 * written in our own words (never the text of the code, which is copyrighted by CSA), in both
 * languages so a question in either finds it. `reference` is what an answer cites.
 */
export const KnowledgeEntry = z.object({
  /** Stable: the evaluation questions and agents' citations point at it. */
  id: z.string().regex(/^[a-z0-9][a-z0-9.:-]*$/),
  source: KnowledgeSource,
  /** As a person would cite it: "8-200 1)a)", "RSST art. 188.2", "E.21-10 (branchement aérien)". */
  reference: z.string().min(1),
  /** The code edition it belongs to; absent when it is not edition-specific. */
  edition: Edition.optional(),
  title: Text,
  summary: Text,
  keywords: z.array(z.string().min(1)),
  /** Ids of the compliance rules (GET /v1/rules) this entry explains. */
  relatedRuleIds: z.array(z.string()),
  url: z.url().optional(),
});
export type KnowledgeEntry = z.infer<typeof KnowledgeEntry>;

/** What the entry files write: a compact form, defaults filled in by `entry()`. */
export type EntryInput = Omit<KnowledgeEntry, 'relatedRuleIds' | 'keywords' | 'title' | 'summary'> & {
  title: [fr: string, en: string];
  summary: [fr: string, en: string];
  keywords?: string[];
  relatedRuleIds?: string[];
};

/** Builds an entry from its compact form. */
export function entry(input: EntryInput): KnowledgeEntry {
  const { title, summary, keywords, relatedRuleIds, ...rest } = input;
  return {
    ...rest,
    title: { fr: title[0], en: title[1] },
    summary: { fr: summary[0], en: summary[1] },
    keywords: keywords ?? [],
    relatedRuleIds: relatedRuleIds ?? [],
  };
}
