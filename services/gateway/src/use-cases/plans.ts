import type { StoredAnalysis, StoredBom } from '@saeq/shared/contracts/stored-results';
import {
  type Db,
  type Plan,
  type PlanStage,
  type PlanStageName,
  planStages,
  plans,
  reusableQuery,
} from '@saeq/shared/db';
import { AppError } from '@saeq/shared/errors';
import { createPlanWithStages, getStageResult, planStatus } from '@saeq/shared/plans';
import { enqueue, queues, stageJobId } from '@saeq/shared/queues';
import { sha256Hex } from '@saeq/shared/storage';
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { GatewayDeps } from '../deps.ts';
import type { PlanUpload } from './upload-parsing.ts';

export type StageView = {
  status: PlanStage['status'];
  progress: number;
  startedAt: string | null;
  finishedAt: string | null;
  error?: { code: string; message: string };
};

export function planView(plan: Plan, stages: PlanStage[]) {
  const byName = Object.fromEntries(stages.map((s) => [s.stage, s])) as Partial<
    Record<PlanStageName, PlanStage>
  >;
  const stageView = (name: PlanStageName): StageView => {
    const s = byName[name];
    if (!s) return { status: 'queued', progress: 0, startedAt: null, finishedAt: null };
    return {
      status: s.status,
      progress: s.progress,
      startedAt: s.startedAt?.toISOString() ?? null,
      finishedAt: s.finishedAt?.toISOString() ?? null,
      ...(s.error ? { error: s.error } : {}),
    };
  };
  const overall = planStatus(stages);
  return {
    id: plan.id,
    name: plan.name,
    filename: plan.filename,
    sizeBytes: plan.sizeBytes,
    sha256: plan.sha256,
    pages: plan.pages,
    edition: plan.edition,
    status: overall.status,
    progress: overall.progress,
    stages: { analysis: stageView('analysis'), compliance: stageView('compliance'), bom: stageView('bom') },
    createdAt: plan.createdAt.toISOString(),
    updatedAt: plan.updatedAt.toISOString(),
  };
}

/** Stores the file, records the plan and its stages, then enqueues the analysis (the rest follows it). */
export async function submitPlan(
  deps: GatewayDeps,
  organisationId: string,
  upload: PlanUpload,
  requestId: string,
) {
  const { sha256, sizeBytes } =
    upload.data instanceof Uint8Array
      ? await deps.store.put(upload.data)
      : await deps.store.putFile(upload.data.path, upload.data);
  const plan = await createPlanWithStages(deps.db.db, {
    organisationId,
    name: upload.name,
    filename: upload.filename,
    sizeBytes,
    sha256,
    edition: upload.edition,
    callbackUrl: upload.callbackUrl ?? null,
  });
  try {
    await enqueue(
      deps.queues.planAnalysis,
      queues.planAnalysis,
      { planId: plan.id, organisationId, fileSha256: sha256, edition: upload.edition, requestId },
      { jobId: stageJobId(plan.id, 'analysis') },
    );
  } catch (err) {
    // Not enqueued means not accepted: remove the row so no plan waits forever, and answer 503.
    await deps.db.db
      .delete(plans)
      .where(eq(plans.id, plan.id))
      .catch(() => {});
    throw new AppError('dependency_unavailable', { headers: { 'Retry-After': '5' }, cause: err });
  }
  deps.metrics.plansProcessed.inc({ stage: 'upload', status: 'accepted' });
  return plan;
}

/** The organisation's plan, or a 404 (another organisation's plan is indistinguishable from none). */
export async function findPlan(
  db: Db,
  organisationId: string,
  planId: string,
): Promise<{ plan: Plan; stages: PlanStage[] }> {
  const rows = await planWithStagesQuery(db).execute({ planId, organisationId });
  const plan = rows[0]?.plan;
  if (!plan) throw new AppError('not_found');
  const stages = rows.flatMap((r) => (r.stage ? [r.stage] : []));
  return { plan, stages };
}

/**
 * The plan (of that organisation only) and its stages in one round trip: the clients' polling
 * path. `sql.placeholder` names the values `execute()` binds on each call.
 */
const planWithStagesQuery = reusableQuery((db) =>
  db
    .select({ plan: plans, stage: planStages })
    .from(plans)
    .leftJoin(planStages, eq(planStages.planId, plans.id))
    .where(
      and(
        eq(plans.id, sql.placeholder('planId')),
        eq(plans.organisationId, sql.placeholder('organisationId')),
      ),
    ),
);

export type PlanCursor = { createdAt: Date; id: string };

export function encodeCursor(c: PlanCursor): string {
  return Buffer.from(`${c.createdAt.toISOString()}|${c.id}`, 'utf8').toString('base64url');
}

export function decodeCursor(raw: string): PlanCursor {
  const [iso, id] = Buffer.from(raw, 'base64url').toString('utf8').split('|');
  const createdAt = new Date(iso ?? '');
  if (!id || Number.isNaN(createdAt.getTime()) || !/^[0-9a-f-]{36}$/i.test(id)) {
    throw new AppError('validation_failed', {
      errors: [{ path: 'cursor', message: 'curseur invalide / invalid cursor' }],
    });
  }
  return { createdAt, id };
}

/** Newest first, keyset pagination on (createdAt, id). */
export async function listPlans(db: Db, organisationId: string, limit: number, cursor?: PlanCursor) {
  const where = cursor
    ? and(
        eq(plans.organisationId, organisationId),
        or(
          lt(plans.createdAt, cursor.createdAt),
          and(eq(plans.createdAt, cursor.createdAt), lt(plans.id, cursor.id)),
        ),
      )
    : eq(plans.organisationId, organisationId);
  const rows = await db
    .select()
    .from(plans)
    .where(where)
    .orderBy(desc(plans.createdAt), desc(plans.id))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const stages = page.length
    ? await db
        .select()
        .from(planStages)
        .where(
          inArray(
            planStages.planId,
            page.map((p) => p.id),
          ),
        )
    : [];
  const last = page[page.length - 1];
  return {
    items: page.map((p) =>
      planView(
        p,
        stages.filter((s) => s.planId === p.id),
      ),
    ),
    nextCursor: rows.length > limit && last ? encodeCursor({ createdAt: last.createdAt, id: last.id }) : null,
  };
}

/** The stored result of a completed stage, or 404 until then. */
export async function stageResultOr404<T>(
  db: Db,
  organisationId: string,
  planId: string,
  stage: PlanStageName,
): Promise<T> {
  const { stages } = await findPlan(db, organisationId, planId);
  const s = stages.find((x) => x.stage === stage);
  if (s?.status !== 'completed') {
    throw new AppError('not_found', {
      detail: {
        fr: `Le résultat « ${stage} » n’est pas encore disponible (état : ${s?.status ?? 'inconnu'}).`,
        en: `The "${stage}" result is not available yet (status: ${s?.status ?? 'unknown'}).`,
      },
    });
  }
  const result = await getStageResult<T>(db, planId, stage);
  if (result === null) throw new AppError('not_found');
  return result;
}

/** The analysis as the API serves it: preview locations become URLs on each page. */
export function analysisView(stored: StoredAnalysis, planId: string) {
  const { previews = {}, ...analysis } = stored;
  return {
    ...analysis,
    pages: analysis.pages.map((p) => ({
      ...p,
      previewUrl: previews[String(p.number)] ? `/v1/plans/${planId}/pages/${p.number}/preview.png` : null,
    })),
  };
}

/** Cancels pending jobs and removes the plan, its results, its renderings and (when unshared) its file. */
export async function deletePlan(deps: GatewayDeps, organisationId: string, planId: string): Promise<void> {
  const { plan } = await findPlan(deps.db.db, organisationId, planId);
  const stageQueues = [
    [deps.queues.planAnalysis, 'analysis'],
    [deps.queues.planCompliance, 'compliance'],
    [deps.queues.planBom, 'bom'],
  ] as const;
  for (const [queue, stage] of stageQueues) {
    // An active job holds a lock and cannot be removed; it will find the plan gone and stop.
    await queue.remove(stageJobId(planId, stage)).catch(() => 0);
  }
  const analysis = await getStageResult<StoredAnalysis>(deps.db.db, planId, 'analysis');
  const bom = await getStageResult<StoredBom>(deps.db.db, planId, 'bom');
  await deps.db.db.delete(plans).where(eq(plans.id, planId));
  // Previews and exports are the plan's confidential renderings: remove them with it.
  const renderings = [
    ...Object.values(analysis?.previews ?? {}),
    ...Object.values(bom?.exports ?? {}).flatMap((byFormat) => Object.values(byFormat)),
  ];
  for (const key of renderings) {
    // Renderings are keyed per plan; ones stored before that are content-addressed (key = their
    // sha256) and may be another plan's too: the orphan sweep removes those once unreferenced.
    const data = await deps.store.get(key).catch(() => null);
    if (data && sha256Hex(data) !== key) await deps.store.delete(key);
  }
  const others = await deps.db.db
    .select({ id: plans.id })
    .from(plans)
    .where(eq(plans.sha256, plan.sha256))
    .limit(1);
  if (others.length === 0) await deps.store.delete(plan.sha256);
}
