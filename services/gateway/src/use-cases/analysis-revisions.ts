import { InvalidCorrection, reviseAnalysis } from '@saeq/plan-analysis/revise-analysis';
import type { AnalysisCorrections, CorrectionRecord } from '@saeq/shared/contracts/analysis-revisions';
import { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import type { StoredAnalysis } from '@saeq/shared/contracts/stored-results';
import type { PlanStage, PlanStageName } from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import {
  correctionRevision,
  currentAnalysis,
  insertCorrectionRevision,
  latestRevisionNumber,
  planCorrections,
  reopenStages,
} from '@saeq/shared/plans';
import { enqueue, queues, stageJobId } from '@saeq/shared/queues';
import type { Queue } from 'bullmq';
import type { GatewayDeps } from '../deps.ts';
import { findPlan, stageResultOr404 } from './plans.ts';

/**
 * The review loop: an estimator's corrections become a new revision of the analysis (revision 0,
 * as produced, is kept), BOM and compliance re-run from it, and every correction is exported
 * as labelled data. Also the re-run of a whole plan once its organisation mapped legend wordings.
 */

/**
 * Revision `revision` of the plan's analysis (default: the current one) with where its page
 * previews are. Revision 0 is the analysis as produced; a number the plan never had is a 404.
 */
export async function analysisRevisionView(
  deps: GatewayDeps,
  organisationId: string,
  planId: string,
  revision: number | undefined,
) {
  const db = deps.db.db;
  const produced = await stageResultOr404<StoredAnalysis>(db, organisationId, planId, 'analysis');
  const previews = produced.previews ?? {};
  const current = await currentAnalysis(db, planId);
  const wanted = revision ?? current?.revision ?? 0;
  if (wanted === 0) return { ...produced, previews, revision: 0, currentRevision: current?.revision ?? 0 };
  const stored = await correctionRevision(db, planId, wanted);
  if (!stored) {
    throw new AppError('not_found', {
      detail: {
        fr: `Cette analyse n’a pas de révision ${wanted}.`,
        en: `This analysis has no revision ${wanted}.`,
      },
    });
  }
  return { ...stored.analysis, previews, revision: wanted, currentRevision: current?.revision ?? 0 };
}

const SETTLED: readonly PlanStage['status'][] = ['completed', 'failed'];

/** 409 unless every named stage has finished (a re-run cannot start over one in progress). */
function assertSettled(stages: readonly PlanStage[], names: readonly PlanStageName[]): void {
  const busy = stages.filter((s) => names.includes(s.stage) && !SETTLED.includes(s.status));
  if (busy.length === 0) return;
  const list = busy.map((s) => s.stage).join(', ');
  throw new AppError('conflict', {
    headers: { 'Retry-After': '5' },
    detail: {
      fr: `Le traitement du plan est en cours (${list}) ; réessayez quand il sera terminé.`,
      en: `The plan is being processed (${list}); try again once it has finished.`,
    },
  });
}

const invalidCorrectionMessages: Record<InvalidCorrection['reason'], { fr: string; en: string }> = {
  page_unknown: { fr: 'page absente de l’analyse', en: 'no such page in the analysis' },
  symbol_unknown: {
    fr: 'aucun symbole à cet indice sur cette page de la révision de base',
    en: 'no symbol at this index on that page of the base revision',
  },
  outside_page: { fr: 'point hors de la page', en: 'point outside the page' },
  removed_twice: { fr: 'symbole retiré deux fois', en: 'symbol removed twice' },
};

/**
 * Stores the corrections as a new revision of the current analysis and re-runs compliance and
 * BOM from it. `baseRevision` must be the current revision (the removal indices refer to it),
 * else 409; the stages must have settled, else 409 with Retry-After.
 */
export async function createAnalysisRevision(
  deps: GatewayDeps,
  auth: { organisationId: string; keyId: string },
  planId: string,
  corrections: AnalysisCorrections,
  requestId: string,
) {
  const db = deps.db.db;
  await stageResultOr404(db, auth.organisationId, planId, 'analysis');
  const { plan, stages } = await findPlan(db, auth.organisationId, planId);
  const current = await currentAnalysis(db, planId);
  if (!current) throw new AppError('not_found');
  if (corrections.baseRevision !== current.revision) {
    throw new AppError('conflict', {
      detail: {
        fr: `La révision courante est ${current.revision}, pas ${corrections.baseRevision} : rechargez l’analyse.`,
        en: `The current revision is ${current.revision}, not ${corrections.baseRevision}: reload the analysis.`,
      },
    });
  }
  assertSettled(stages, ['compliance', 'bom']);
  const now = deps.now();
  const revision = (await latestRevisionNumber(db, planId)) + 1;
  let revised: { analysis: PlanAnalysis; records: CorrectionRecord[] };
  try {
    revised = reviseAnalysis(PlanAnalysis.parse(current.analysis), corrections, {
      revision,
      correctedBy: auth.keyId,
      correctedAt: now.toISOString(),
    });
  } catch (err) {
    if (!(err instanceof InvalidCorrection)) throw err;
    throw new AppError('validation_failed', {
      errors: [{ path: err.path, message: invalidCorrectionMessages[err.reason] }],
    });
  }
  const stored = await insertCorrectionRevision(db, {
    planId,
    revision,
    baseRevision: current.revision,
    analysisWrite: current.analysisWrite,
    analysis: revised.analysis,
    corrections: revised.records,
    createdBy: auth.keyId,
    createdAt: now,
  });
  if (!stored) {
    throw new AppError('conflict', {
      detail: {
        fr: 'Une autre correction vient d’être enregistrée : rechargez l’analyse.',
        en: 'Another correction was just saved: reload the analysis.',
      },
    });
  }
  await reopenStages(db, planId, ['compliance', 'bom'], now);
  const follow = { planId, organisationId: auth.organisationId, requestId };
  await rerun(deps.queues.planCompliance, stageJobId(planId, 'compliance'), (jobId) =>
    enqueue(
      deps.queues.planCompliance,
      queues.planCompliance,
      { ...follow, edition: plan.edition as '2018' | '2026' },
      { jobId },
    ),
  );
  await rerun(deps.queues.planBom, stageJobId(planId, 'bom'), (jobId) =>
    enqueue(deps.queues.planBom, queues.planBom, follow, { jobId }),
  );
  return { revision, baseRevision: current.revision, counts: revised.analysis.counts };
}

/**
 * Runs the whole plan again (analysis, then compliance and BOM) with the organisation's current
 * legend mappings. Revisions made on the previous analysis stay readable; the new analysis
 * becomes current. 409 while the plan is still being processed.
 */
export async function reanalyzePlan(
  deps: GatewayDeps,
  organisationId: string,
  planId: string,
  requestId: string,
): Promise<void> {
  const db = deps.db.db;
  const { plan, stages } = await findPlan(db, organisationId, planId);
  assertSettled(stages, ['analysis', 'compliance', 'bom']);
  await reopenStages(db, planId, ['analysis', 'compliance', 'bom'], deps.now());
  // The analysis enqueues compliance and BOM under their usual ids when it is done: the jobs of
  // the previous run must be gone by then, or BullMQ would take the new ones for duplicates.
  await deps.queues.planCompliance.remove(stageJobId(planId, 'compliance')).catch(() => 0);
  await deps.queues.planBom.remove(stageJobId(planId, 'bom')).catch(() => 0);
  await rerun(deps.queues.planAnalysis, stageJobId(planId, 'analysis'), (jobId) =>
    enqueue(
      deps.queues.planAnalysis,
      queues.planAnalysis,
      {
        planId,
        organisationId,
        fileSha256: plan.sha256,
        edition: plan.edition as '2018' | '2026',
        requestId,
      },
      { jobId },
    ),
  );
}

/**
 * Enqueues a stage job again under its deterministic id: the finished job of the previous run
 * (kept for inspection) is removed first, else BullMQ would ignore the new one as a duplicate.
 */
async function rerun(queue: Queue, jobId: string, add: (jobId: string) => Promise<unknown>): Promise<void> {
  try {
    await queue.remove(jobId);
    await add(jobId);
  } catch (err) {
    throw new AppError('dependency_unavailable', { headers: { 'Retry-After': '5' }, cause: err });
  }
}

/** Every correction made on the plan, oldest first, as labelled data. 404 until the analysis exists. */
export async function correctionsExport(deps: GatewayDeps, organisationId: string, planId: string) {
  const db = deps.db.db;
  await stageResultOr404(db, organisationId, planId, 'analysis');
  const current = await currentAnalysis(db, planId);
  return { planId, currentRevision: current?.revision ?? 0, corrections: await planCorrections(db, planId) };
}
