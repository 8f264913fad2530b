import { type Db, planComparisons, type StageError } from '@saeq/shared/db';
import type { ReconcileSource, UnsettledRecord } from '@saeq/shared/worker-runtime';
import { and, eq, inArray, lt } from 'drizzle-orm';

/**
 * plan-comparison besides its processor (as bom-build's): marking a comparison failed when BullMQ
 * failed its job without the processor recording it, and the comparisons Postgres shows
 * unsettled, for the reconciler (e.g. the gateway died between the row and the job).
 */
export function planComparisonRecovery(deps: { db: Db; now: () => Date }): {
  settleFailure: (data: unknown, error: StageError) => Promise<void>;
  reconcile: ReconcileSource;
} {
  const { db } = deps;
  const unsettled = inArray(planComparisons.status, ['queued', 'processing']);
  return {
    settleFailure: async (data, error) => {
      const id = comparisonIdOf(data);
      if (!id) return;
      const now = deps.now();
      await db
        .update(planComparisons)
        .set({ status: 'failed', error, finishedAt: now, updatedAt: now })
        .where(and(eq(planComparisons.id, id), unsettled));
    },
    reconcile: {
      listUnsettled: async (before, limit) => {
        const rows = await db
          .select({ id: planComparisons.id, organisationId: planComparisons.organisationId })
          .from(planComparisons)
          .where(and(unsettled, lt(planComparisons.updatedAt, before)))
          .orderBy(planComparisons.updatedAt)
          .limit(limit);
        return rows.map(
          (r): UnsettledRecord => ({
            jobId: r.id,
            payload: { comparisonId: r.id, organisationId: r.organisationId },
          }),
        );
      },
      isUnsettled: async (record) => {
        const id = comparisonIdOf(record.payload);
        if (!id) return false;
        const rows = await db
          .select({ status: planComparisons.status })
          .from(planComparisons)
          .where(eq(planComparisons.id, id));
        const status = rows[0]?.status;
        return status === 'queued' || status === 'processing';
      },
    },
  };
}

function comparisonIdOf(data: unknown): string | null {
  const id = data && typeof data === 'object' ? (data as { comparisonId?: unknown }).comparisonId : undefined;
  return typeof id === 'string' ? id : null;
}
