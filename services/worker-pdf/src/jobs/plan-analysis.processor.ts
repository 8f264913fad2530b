import type { StoredAnalysis } from '@saeq/shared/contracts/stored-results';
import type { Db } from '@saeq/shared/db';
import type { Metrics } from '@saeq/shared/metrics';
import { legendMappingsOf } from '@saeq/shared/plans';
import { enqueue, PlanAnalysisJob, queues, stageJobId } from '@saeq/shared/queues';
import type { BlobStore } from '@saeq/shared/storage';
import { type JobContext, PermanentJobError, runPlanStage } from '@saeq/shared/worker-runtime';
import type { Queue } from 'bullmq';
import type { AnalysisPool } from '../analysis/analysis-pool.ts';

export type PlanAnalysisDeps = {
  db: Db;
  store: BlobStore;
  metrics: Metrics;
  pool: AnalysisPool;
  /** Follow-up stages, enqueued once the analysis is stored. */
  complianceQueue: Queue;
  bomQueue: Queue;
  /** Sends the plan's webhook if the analysis failing settles the plan. */
  onPlanSettled: (planId: string, requestId?: string) => Promise<void>;
  now: () => Date;
};

/** plan-analysis: read the stored PDF → analyse in a worker thread → store → enqueue compliance and BOM. */
export function planAnalysisProcessor(deps: PlanAnalysisDeps) {
  return async (_job: unknown, { job, log }: JobContext) => {
    const data = PlanAnalysisJob.parse(job.data);
    const outcome = await runPlanStage({
      db: deps.db,
      job,
      planId: data.planId,
      stage: 'analysis',
      now: deps.now,
      metrics: deps.metrics,
      afterSettled: () => deps.onPlanSettled(data.planId, data.requestId),
      work: async (progress) => {
        const pdf = await deps.store.get(data.fileSha256).catch((err: unknown) => {
          throw new PermanentJobError('file_missing', `stored plan file not found: ${String(err)}`);
        });
        // Read at each run, so a mapping an estimator adds applies to the next analysis (and a re-run).
        const legendMappings = await legendMappingsOf(deps.db, data.organisationId);
        await progress(10);
        const { pageCount, analysis, previews } = await deps.pool.analyse(pdf, { legendMappings });
        await progress(90);
        for (const [type, n] of Object.entries(analysis.counts.byType))
          deps.metrics.symbolsDetected.inc({ type }, n);
        // Previews are blobs; the stored analysis records where they are (the gateway serves them).
        const stored: StoredAnalysis = { ...analysis, previews: {} };
        for (const preview of previews) {
          // Keyed per plan: another plan of the same PDF renders the same bytes, deleted apart.
          const { sha256 } = await deps.store.put(preview.png, { owner: data.planId });
          stored.previews[String(preview.page)] = sha256;
        }
        return { result: stored, planUpdate: { pages: pageCount } };
      },
    });
    if (outcome === 'plan-deleted') {
      log.info('plan deleted before analysis; nothing to do');
      return { planId: data.planId, pages: 0 };
    }
    // Idempotent: deterministic job ids make a repeated enqueue (retry, duplicate delivery) a no-op.
    const follow = { planId: data.planId, organisationId: data.organisationId, requestId: data.requestId };
    await enqueue(
      deps.complianceQueue,
      queues.planCompliance,
      { ...follow, edition: data.edition },
      { jobId: stageJobId(data.planId, 'compliance') },
    );
    await enqueue(deps.bomQueue, queues.planBom, follow, { jobId: stageJobId(data.planId, 'bom') });
    return { planId: data.planId, pages: 0 };
  };
}
