import { eq, isNotNull, sql } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { boms } from '../db/schema/boms.ts';
import { plans, stageResults } from '../db/schema/plans.ts';
import type { BlobStore } from '../storage/index.ts';

/**
 * How long a blob nothing references is kept: longer than any write-to-reference gap (an upload
 * stores its file before its plan row; an analysis renders its previews up to its time limit and
 * retries before writing its result), so only true orphans go.
 */
export const ORPHAN_BLOB_GRACE_MS = 60 * 60_000;

/** Every blob key Postgres references: plan files, analysis previews, plan and standalone BOM exports. */
async function referencedBlobKeys(db: Db): Promise<Set<string>> {
  const files = await db.selectDistinct({ key: plans.sha256 }).from(plans);
  const previews = await db
    .select({
      key: sql<string>`(jsonb_each_text(coalesce(${stageResults.result} -> 'previews', '{}'::jsonb))).value`,
    })
    .from(stageResults)
    .where(eq(stageResults.stage, 'analysis'));
  const planExports = await db
    .select({ key: sql<string>`jsonb_path_query(${stageResults.result}, '$.exports.*.*') #>> '{}'` })
    .from(stageResults)
    .where(eq(stageResults.stage, 'bom'));
  const bomExports = await db
    .select({ key: sql<string>`jsonb_path_query(${boms.result}, '$.exports.*.*') #>> '{}'` })
    .from(boms)
    .where(isNotNull(boms.result));
  return new Set([...files, ...previews, ...planExports, ...bomExports].map((r) => r.key));
}

/**
 * Removes blobs no plan, stage result or BOM references and that were neither written nor
 * touched since `before` (see ORPHAN_BLOB_GRACE_MS): files of plans whose enqueue failed, and
 * renderings written after their plan was deleted. The candidates are listed before the
 * references are read, and each one's age is checked again just before it goes, so a blob a
 * writer is about to reference (its `put` touches it) is left alone. Returns how many went.
 */
export async function removeOrphanBlobs(opts: { db: Db; store: BlobStore; before: Date }): Promise<number> {
  const candidates: string[] = [];
  for await (const blob of opts.store.list()) {
    if (blob.modifiedAt < opts.before) candidates.push(blob.key);
  }
  if (candidates.length === 0) return 0;
  const referenced = await referencedBlobKeys(opts.db);
  let removed = 0;
  for (const key of candidates) {
    if (referenced.has(key)) continue;
    const modifiedAt = await opts.store.modifiedAt(key);
    if (!modifiedAt || modifiedAt >= opts.before) continue;
    await opts.store.delete(key);
    removed++;
  }
  return removed;
}
