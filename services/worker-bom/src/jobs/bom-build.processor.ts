import { BomItem } from '@saeq/bom';
import { boms, type Db } from '@saeq/shared/db';
import type { Metrics } from '@saeq/shared/metrics';
import { BomBuildJob } from '@saeq/shared/queues';
import type { BlobStore } from '@saeq/shared/storage';
import {
  databaseDown,
  describeJobError,
  type JobContext,
  PermanentJobError,
} from '@saeq/shared/worker-runtime';
import { UnrecoverableError } from 'bullmq';
import { and, eq, ne } from 'drizzle-orm';
import { z } from 'zod';
import { pricingFor } from '../catalogs/organisation-catalog.ts';
import { renderBom } from '../exporters/render-bom.ts';

export type BomBuildDeps = {
  db: Db;
  store: BlobStore;
  metrics: Metrics;
  defaultLabourRateCents: number;
  now: () => Date;
  /** Sends the BOM's webhook (when it has a callback URL) once it is completed or failed for good. */
  onBomSettled: (
    bomId: string,
    organisationId: string,
    callbackUrl: string | null,
    ok: boolean,
  ) => Promise<void>;
};

/** What the gateway stored as the request of `POST /v1/boms`. */
export const StoredBomRequest = z.object({
  items: z.array(BomItem).min(1),
  catalogId: z.uuid().optional(),
  labourRateCents: z.number().int().nonnegative().optional(),
});

/** bom-build: an item list → a priced BOM (no plan), stored on its `boms` row. */
export function bomBuildProcessor(deps: BomBuildDeps) {
  return async (_job: unknown, { job }: JobContext) => {
    const data = BomBuildJob.parse(job.data);
    const attempt = job.attemptsMade + 1;
    const rows = await deps.db
      .update(boms)
      .set({ status: 'processing', attempts: attempt, updatedAt: deps.now() })
      .where(and(eq(boms.id, data.bomId), ne(boms.status, 'completed')))
      .returning();
    const row = rows[0];
    if (!row) {
      // Deleted, or already completed: a retry after the completion was written but before its
      // webhook was queued sends it now (queued once: its job id is per event).
      const done = await deps.db
        .select({ callbackUrl: boms.callbackUrl })
        .from(boms)
        .where(and(eq(boms.id, data.bomId), eq(boms.status, 'completed')));
      if (done[0]) await deps.onBomSettled(data.bomId, data.organisationId, done[0].callbackUrl, true);
      return { bomId: data.bomId, lines: 0 };
    }
    try {
      const request = StoredBomRequest.safeParse(row.request);
      if (!request.success) throw new PermanentJobError('bom_request_invalid', request.error.message);
      const pricing = await pricingFor(deps.db, data.organisationId, {
        catalogId: request.data.catalogId,
        labourRateCents: request.data.labourRateCents,
        defaultLabourRateCents: deps.defaultLabourRateCents,
      });
      if (request.data.catalogId && pricing.catalogId !== request.data.catalogId) {
        throw new PermanentJobError(
          'catalog_not_found',
          'the requested catalogue does not exist for this organisation',
        );
      }
      const stored = await renderBom(
        { items: request.data.items, catalog: pricing.catalog, labourRateCents: pricing.labourRateCents },
        deps.store,
        deps.now(),
        data.bomId,
      );
      await deps.db
        .update(boms)
        .set({
          status: 'completed',
          result: stored,
          error: null,
          finishedAt: deps.now(),
          updatedAt: deps.now(),
        })
        .where(eq(boms.id, data.bomId));
      deps.metrics.bomsGenerated.inc();
      await deps.onBomSettled(data.bomId, data.organisationId, row.callbackUrl, true);
      return { bomId: data.bomId, lines: stored.byLang.fr.lines.length };
    } catch (err) {
      // Postgres unreachable: nothing to record; startWorkerService puts the job back without
      // spending an attempt.
      if (await databaseDown(err, deps.db)) throw err;
      const final = err instanceof UnrecoverableError || attempt >= (job.opts.attempts ?? 1);
      // Guarded: an error after the BOM was written completed (its webhook could not be
      // queued) must not turn it failed nor announce bom.failed; the retry sends the webhook.
      const failed = await deps.db
        .update(boms)
        .set({
          status: final ? 'failed' : 'queued',
          error: describeJobError(err),
          updatedAt: deps.now(),
          ...(final ? { finishedAt: deps.now() } : {}),
        })
        .where(and(eq(boms.id, data.bomId), ne(boms.status, 'completed')))
        .returning({ id: boms.id });
      if (final && failed.length > 0) {
        await deps.onBomSettled(data.bomId, data.organisationId, row.callbackUrl, false);
      }
      throw err;
    }
  };
}
