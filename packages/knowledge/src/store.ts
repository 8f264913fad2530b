import type { Db } from '@saeq/shared/db';
import {
  ensureKnowledgeSeeded,
  type KnowledgeArticle,
  type KnowledgeHit,
  type KnowledgeSearchParams,
  knowledgeArticle,
  searchKnowledge,
} from '@saeq/shared/knowledge';
import { knowledgeBase } from './knowledge-base.ts';

/**
 * The knowledge base in the database — the one search that the REST route, the agents'
 * `knowledge_search` tool and the evaluation all run. The package's I/O edge, kept out of its
 * pure index (`@saeq/knowledge/store`): the first call of a process seeds the table when the
 * entries' content hash changed.
 */
export async function searchKnowledgeBase(db: Db, params: KnowledgeSearchParams): Promise<KnowledgeHit[]> {
  await seedKnowledgeBase(db);
  return searchKnowledge(db, params);
}

/** One entry (both languages), or null when the id is unknown. */
export async function knowledgeBaseArticle(db: Db, id: string): Promise<KnowledgeArticle | null> {
  await seedKnowledgeBase(db);
  return knowledgeArticle(db, id);
}

/** Seeds the table if this content was not seeded yet (memoised per process and database). */
export function seedKnowledgeBase(db: Db): Promise<boolean> {
  const { entries, contentHash } = knowledgeBase();
  return ensureKnowledgeSeeded(db, () => entries, contentHash);
}
