import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { knowledgeEntries, knowledgeSeed } from '../db/schema/knowledge-entries.ts';

/** What the seeding needs of an entry (the shape of `@saeq/knowledge`'s KnowledgeEntry). */
export type KnowledgeSeedEntry = {
  id: string;
  source: string;
  reference: string;
  edition?: string | undefined;
  title: { fr: string; en: string };
  summary: { fr: string; en: string };
  keywords: string[];
  relatedRuleIds: string[];
  url?: string | undefined;
};

const SEED_ROW = 'knowledge';
// Serialises seeding across processes (gateway and agent workers may start together).
const SEED_LOCK_KEY = 73_517_019;

/**
 * Replaces the knowledge table's content with `entries` unless `contentHash` is the one already
 * seeded; returns whether it wrote. One transaction: a search never sees a half-seeded table.
 * The vectors are computed by Postgres: weight A reference and title, B keywords, C summary.
 */
export async function seedKnowledge(
  db: Db,
  entries: readonly KnowledgeSeedEntry[],
  contentHash: string,
): Promise<boolean> {
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${SEED_LOCK_KEY})`);
    const current = await tx
      .select({ hash: knowledgeSeed.contentHash })
      .from(knowledgeSeed)
      .where(eq(knowledgeSeed.id, SEED_ROW));
    if (current[0]?.hash === contentHash) return false;
    await tx.delete(knowledgeEntries);
    await tx.insert(knowledgeEntries).values(
      entries.map((e, ordinal) => ({
        id: e.id,
        source: e.source,
        reference: e.reference,
        edition: e.edition ?? null,
        titleFr: e.title.fr,
        titleEn: e.title.en,
        summaryFr: e.summary.fr,
        summaryEn: e.summary.en,
        keywords: e.keywords,
        relatedRuleIds: e.relatedRuleIds,
        url: e.url ?? null,
        ordinal,
      })),
    );
    await tx.execute(sql`
      update knowledge_entries set
        search_fr =
          setweight(to_tsvector('saeq_fr', reference || ' ' || title_fr), 'A') ||
          setweight(to_tsvector('saeq_fr', array_to_string(keywords, ' ')), 'B') ||
          setweight(to_tsvector('saeq_fr', summary_fr), 'C'),
        search_en =
          setweight(to_tsvector('saeq_en', reference || ' ' || title_en), 'A') ||
          setweight(to_tsvector('saeq_en', array_to_string(keywords, ' ')), 'B') ||
          setweight(to_tsvector('saeq_en', summary_en), 'C'),
        search_text = saeq_fold(
          reference || ' ' || title_fr || ' ' || title_en || ' ' || array_to_string(keywords, ' ')
        )`);
    await tx
      .insert(knowledgeSeed)
      .values({ id: SEED_ROW, contentHash })
      .onConflictDoUpdate({ target: knowledgeSeed.id, set: { contentHash, seededAt: sql`now()` } });
    return true;
  });
}

const seeded = new WeakMap<Db, Map<string, Promise<boolean>>>();

/**
 * Seeds once per process and content (memoised per database handle and hash); a failed attempt
 * is forgotten so the next call tries again (database briefly down at boot).
 */
export function ensureKnowledgeSeeded(
  db: Db,
  entries: () => readonly KnowledgeSeedEntry[],
  contentHash: string,
): Promise<boolean> {
  let byHash = seeded.get(db);
  if (!byHash) {
    byHash = new Map();
    seeded.set(db, byHash);
  }
  let attempt = byHash.get(contentHash);
  if (!attempt) {
    attempt = seedKnowledge(db, entries(), contentHash);
    const memo = byHash;
    attempt.catch(() => memo.delete(contentHash));
    byHash.set(contentHash, attempt);
  }
  return attempt;
}
