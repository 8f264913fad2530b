import { createHash } from 'node:crypto';
import { ceqEntries } from './entries/ceq.ts';
import { csaEntries } from './entries/csa.ts';
import { hydroQuebecEntries } from './entries/hydro-quebec.ts';
import { rbqEntries } from './entries/rbq.ts';
import { rsstEntries } from './entries/rsst.ts';
import { KnowledgeEntry } from './knowledge-entry.ts';
import { ruleCatalogueEntries } from './rule-catalogue-entries.ts';

/**
 * Every entry of the knowledge base: the written entries of each source, then the compliance
 * rule catalogue. Validated once; a duplicate id is a bug and throws.
 */
export function knowledgeEntries(): KnowledgeEntry[] {
  const all = [
    ...ceqEntries,
    ...rsstEntries,
    ...rbqEntries,
    ...csaEntries,
    ...hydroQuebecEntries,
    ...ruleCatalogueEntries(),
  ].map((e) => KnowledgeEntry.parse(e));
  const seen = new Set<string>();
  for (const e of all) {
    if (seen.has(e.id)) throw new Error(`duplicate knowledge entry id: ${e.id}`);
    seen.add(e.id);
  }
  return all;
}

/**
 * A digest of the entries' content: the database is re-seeded when it differs from the one
 * recorded at the last seeding (an edited summary reaches the search without a migration).
 */
export function knowledgeContentHash(entries: readonly KnowledgeEntry[]): string {
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

let cached: { entries: KnowledgeEntry[]; contentHash: string } | undefined;

/** The entries and their content hash, computed once per process. */
export function knowledgeBase(): { entries: KnowledgeEntry[]; contentHash: string } {
  if (!cached) {
    const entries = knowledgeEntries();
    cached = { entries, contentHash: knowledgeContentHash(entries) };
  }
  return cached;
}
