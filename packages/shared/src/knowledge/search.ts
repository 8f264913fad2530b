import { and, asc, desc, eq, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { knowledgeEntries } from '../db/schema/knowledge-entries.ts';

export type KnowledgeSearchParams = {
  q: string;
  /** Language of the returned title and summary (the query itself may be in either). */
  lang: 'fr' | 'en';
  source?: string | undefined;
  /** Entries of that edition, and entries tied to no edition. */
  edition?: string | undefined;
  limit: number;
};

export type KnowledgeHit = {
  id: string;
  source: string;
  reference: string;
  edition: string | null;
  title: string;
  summary: string;
  score: number;
  url: string | null;
};

export type KnowledgeArticle = Omit<KnowledgeHit, 'score' | 'title' | 'summary'> & {
  title: { fr: string; en: string };
  summary: { fr: string; en: string };
  keywords: string[];
  relatedRuleIds: string[];
};

/** A code constant inlined in the SQL (typed numeric, where a bound parameter would be inferred as an integer). */
const num = (value: number): SQL => sql.raw(`${value}::real`);

/** Rule and article numbers as people type them: "8-200", "26-704", "12-3034", "188.1". */
const RULE_NUMBER = /\b\d{1,2}-\d{2,4}\b|\b\d{2,3}\.\d{1,2}\b/g;

// Weights of the score's parts (tuned on packages/knowledge/evaluation/questions.json, after it
// was written): full text carries the meaning, the reference match makes a rule number win
// outright, trigrams rescue typos without outranking real word matches.
const REFERENCE_EXACT = 1;
const REFERENCE_PREFIX = 0.5;
const TRIGRAM_WEIGHT = 0.3;
/** word_similarity() below which a row with no full-text or reference match is left out. */
const TRIGRAM_FLOOR = 0.45;

/**
 * An OR of the query's stemmed words in configuration `config` (`saeq_fr` or `saeq_en`): a
 * question ("How do I size the service…") matches on its content words and ranks by how many
 * it shares, where plainto_tsquery's AND would need them all.
 */
function anyWord(config: 'saeq_fr' | 'saeq_en', q: string): SQL {
  return sql`nullif(replace(plainto_tsquery(${sql.raw(`'${config}'`)}, ${q})::text, ' & ', ' | '), '')::tsquery`;
}

/**
 * Ranked knowledge search: French and English full text (accents folded, so either language
 * or none of the accents finds an entry through its bilingual fields), rule numbers matched
 * against `reference`, trigram similarity for typos. Highest score first; ties in source order.
 */
export async function searchKnowledge(db: Db, params: KnowledgeSearchParams): Promise<KnowledgeHit[]> {
  const q = params.q.trim();
  const numbers = [...new Set(q.match(RULE_NUMBER) ?? [])];
  const qFr = anyWord('saeq_fr', q);
  const qEn = anyWord('saeq_en', q);
  const t = knowledgeEntries;
  const fullText = sql<number>`(coalesce(ts_rank(${t.searchFr}, ${qFr}, 1), 0) + coalesce(ts_rank(${t.searchEn}, ${qEn}, 1), 0))`;
  const trigram = sql<number>`word_similarity(saeq_fold(${q}), ${t.searchText})`;
  // A number found in the reference as a whole token ("8-200" in "8-200 1)a)iv)", not in "18-200").
  const patterns = numbers.map((n) => `(^|[^0-9.])${n.replaceAll('.', '\\.')}($|[^0-9])`);
  const referenceMatch =
    numbers.length === 0
      ? sql<number>`0`
      : sql<number>`(case
          when ${t.reference} = any(${sql.param(numbers)}::text[]) then ${num(REFERENCE_EXACT)}
          when ${t.reference} ~ any(${sql.param(patterns)}::text[]) then ${num(REFERENCE_PREFIX)}
          else 0 end)`;
  const score = sql<number>`(${fullText} + ${referenceMatch} + ${num(TRIGRAM_WEIGHT)} * ${trigram})`;
  const filters: SQL[] = [
    or(
      sql`${t.searchFr} @@ ${qFr}`,
      sql`${t.searchEn} @@ ${qEn}`,
      sql`${referenceMatch} > 0`,
      sql`${trigram} >= ${num(TRIGRAM_FLOOR)}`,
    ) as SQL,
  ];
  if (params.source) filters.push(eq(t.source, params.source));
  if (params.edition) filters.push(or(isNull(t.edition), eq(t.edition, params.edition)) as SQL);
  const rows = await db
    .select({
      id: t.id,
      source: t.source,
      reference: t.reference,
      edition: t.edition,
      titleFr: t.titleFr,
      titleEn: t.titleEn,
      summaryFr: t.summaryFr,
      summaryEn: t.summaryEn,
      url: t.url,
      score: score.mapWith(Number),
    })
    .from(t)
    .where(and(...filters))
    .orderBy(desc(score), asc(t.ordinal))
    .limit(params.limit);
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    reference: r.reference,
    edition: r.edition,
    title: params.lang === 'en' ? r.titleEn : r.titleFr,
    summary: params.lang === 'en' ? r.summaryEn : r.summaryFr,
    score: Math.round(r.score * 10_000) / 10_000,
    url: r.url,
  }));
}

/** One entry with both languages, or null when there is no such id. */
export async function knowledgeArticle(db: Db, id: string): Promise<KnowledgeArticle | null> {
  const rows = await db.select().from(knowledgeEntries).where(eq(knowledgeEntries.id, id)).limit(1);
  const r = rows[0];
  if (!r) return null;
  return {
    id: r.id,
    source: r.source,
    reference: r.reference,
    edition: r.edition,
    title: { fr: r.titleFr, en: r.titleEn },
    summary: { fr: r.summaryFr, en: r.summaryEn },
    keywords: r.keywords,
    relatedRuleIds: r.relatedRuleIds,
    url: r.url,
  };
}
