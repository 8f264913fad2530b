import { boms, type Db, type StageError } from '@saeq/shared/db';
import type { ReconcileSource, UnsettledRecord } from '@saeq/shared/worker-runtime';
import { and, eq, inArray, lt } from 'drizzle-orm';
import type { BomBuildDeps } from './bom-build.processor.ts';

/**
 * bom-build besides its processor: marking a BOM failed when BullMQ failed its job without the
 * processor recording it (stalled limit), and the BOMs Postgres shows unsettled, for the
 * reconciler (e.g. the gateway died between the row and the job).
 */
export function bomBuildRecovery(deps: {
  db: Db;
  now: () => Date;
  onBomSettled: BomBuildDeps['onBomSettled'];
}): {
  settleFailure: (data: unknown, error: StageError) => Promise<void>;
  reconcile: ReconcileSource;
} {
  const { db } = deps;
  return {
    settleFailure: async (data, error) => {
      const bomId = bomIdOf(data);
      if (!bomId) return;
      const now = deps.now();
      const rows = await db
        .update(boms)
        .set({ status: 'failed', error, finishedAt: now, updatedAt: now })
        .where(and(eq(boms.id, bomId), inArray(boms.status, ['queued', 'processing'])))
        .returning({ organisationId: boms.organisationId, callbackUrl: boms.callbackUrl });
      const row = rows[0];
      if (row) await deps.onBomSettled(bomId, row.organisationId, row.callbackUrl, false);
    },
    reconcile: {
      listUnsettled: async (before, limit) => {
        const rows = await db
          .select({ id: boms.id, organisationId: boms.organisationId })
          .from(boms)
          .where(and(inArray(boms.status, ['queued', 'processing']), lt(boms.updatedAt, before)))
          .orderBy(boms.updatedAt)
          .limit(limit);
        return rows.map(
          (r): UnsettledRecord => ({
            jobId: r.id,
            payload: { bomId: r.id, organisationId: r.organisationId },
          }),
        );
      },
      isUnsettled: async (record) => {
        const bomId = bomIdOf(record.payload);
        if (!bomId) return false;
        const rows = await db.select({ status: boms.status }).from(boms).where(eq(boms.id, bomId));
        const status = rows[0]?.status;
        return status === 'queued' || status === 'processing';
      },
    },
  };
}

function bomIdOf(data: unknown): string | null {
  const bomId = data && typeof data === 'object' ? (data as { bomId?: unknown }).bomId : undefined;
  return typeof bomId === 'string' ? bomId : null;
}
