import { Edition, runCompliance } from '@saeq/electrical-code';
import { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { isStoredByLang } from '@saeq/shared/contracts/stored-results';
import { type Db, type Plan, type PlanStageName, planStages, plans } from '@saeq/shared/db';
import type { Lang } from '@saeq/shared/i18n';
import { currentAnalysis, getStageResult } from '@saeq/shared/plans';
import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import { type AgentTool, defineTool, notFound, type ToolContext, ToolFailure } from './tool.ts';

export const PlanRef = z.strictObject({
  /** Omitted → the plan attached to the run. */
  planId: z.uuid().optional(),
});

export const PlanAnalysisToolInput = PlanRef.extend({
  /** Also return each page's text layer (truncated), for notes and title blocks. */
  includeText: z.boolean().optional(),
});

const PAGE_TEXT_LIMIT = 4000;

/**
 * The plan the tool should read: the input's, else the run's; only within the run's
 * organisation. Another organisation's plan is "not found" exactly like a missing one.
 */
export async function planForTool(ctx: ToolContext, requested: string | undefined): Promise<Plan> {
  const planId = requested ?? ctx.planId;
  if (!planId) {
    throw new ToolFailure('plan_required', {
      fr: 'Aucun plan n’est joint à cette demande : fournissez planId ou joignez un plan à la demande.',
      en: 'No plan is attached to this request: pass planId or attach a plan to the request.',
    });
  }
  const rows = await ctx.db
    .select()
    .from(plans)
    .where(and(eq(plans.id, planId), eq(plans.organisationId, ctx.organisationId)));
  const plan = rows[0];
  if (!plan) throw notFound({ fr: `Plan introuvable : ${planId}.`, en: `Plan not found: ${planId}.` });
  return plan;
}

/** The stored result of a plan stage, or a failure that says where the stage stands. */
export async function completedStageResult(db: Db, plan: Plan, stage: PlanStageName): Promise<unknown> {
  // Agents read the analysis BOM and compliance were computed from: an estimator's latest revision.
  const result =
    stage === 'analysis'
      ? ((await currentAnalysis(db, plan.id))?.analysis ?? null)
      : await getStageResult(db, plan.id, stage);
  if (result !== null) return result;
  const rows = await db
    .select({ status: planStages.status, error: planStages.error })
    .from(planStages)
    .where(and(eq(planStages.planId, plan.id), eq(planStages.stage, stage)));
  const status = rows[0]?.status ?? 'queued';
  const label = stageLabels[stage];
  throw new ToolFailure(
    'stage_not_ready',
    {
      fr: `${label.fr} du plan n’est pas disponible (état : ${status}${rows[0]?.error ? `, ${rows[0].error.message}` : ''}).`,
      en: `The plan's ${label.en} is not available (status: ${status}${rows[0]?.error ? `, ${rows[0].error.message}` : ''}).`,
    },
    { stage, status },
  );
}

const stageLabels: Record<PlanStageName, { fr: string; en: string }> = {
  analysis: { fr: 'L’analyse', en: 'analysis' },
  compliance: { fr: 'La vérification de conformité', en: 'compliance check' },
  bom: { fr: 'Le bordereau de matériel', en: 'bill of materials' },
};

/** Results stored in both languages are read in the run's (as the gateway serves them). */
export function inLang(result: unknown, lang: Lang): unknown {
  return isStoredByLang(result) ? result.byLang[lang] : result;
}

/**
 * What the model gets of an analysis: counts, rooms, panels, legend, scale and warnings per
 * page, as in `GET /v1/plans/{id}/analysis`, without the symbol positions (a number per page
 * instead) and, unless asked, without the page text: they are long and the counts carry them.
 */
export function analysisForModel(plan: Plan, analysis: PlanAnalysis, includeText: boolean) {
  return {
    planId: plan.id,
    name: plan.name,
    edition: plan.edition,
    pages: analysis.pages.map((page) => ({
      number: page.number,
      widthPt: page.widthPt,
      heightPt: page.heightPt,
      scale: page.scale,
      legend: page.legend,
      rooms: page.rooms.map((room) => ({ name: room.name, areaM2: room.areaM2 })),
      panels: page.panels,
      symbolCount: page.symbols.length,
      ...(includeText
        ? {
            text: page.text.slice(0, PAGE_TEXT_LIMIT),
            textTruncated: page.text.length > PAGE_TEXT_LIMIT,
          }
        : {}),
    })),
    counts: analysis.counts,
    warnings: analysis.warnings,
  };
}

export const planAnalysisTool: AgentTool = defineTool({
  name: 'plan_analysis',
  description:
    "Analyse d'un plan de l'organisation (le plan joint à la demande si planId est omis) : comptes d'appareils par type, par pièce et par feuille, pièces et superficies, tableaux de panneaux (circuits, ampérage, pôles), légende, échelle et avertissements de l'analyse. includeText: true ajoute le texte de chaque page (tronqué).",
  input: PlanAnalysisToolInput,
  async run(input, ctx) {
    const plan = await planForTool(ctx, input.planId);
    const analysis = PlanAnalysis.parse(await completedStageResult(ctx.db, plan, 'analysis'));
    return analysisForModel(plan, analysis, input.includeText ?? false);
  },
});

export const PlanComplianceToolInput = PlanRef.extend({
  /** Another edition than the plan's: its rules run on the stored analysis (nothing is stored). */
  edition: Edition.optional(),
});

export const planComplianceTool: AgentTool = defineTool({
  name: 'plan_compliance',
  description:
    "Constats de conformité d'un plan de l'organisation (le plan joint si planId est omis), tels que SAEQ les a produits : édition, constats (ruleRef, gravité error/warning/info, message, page, emplacement), sommaire, règles non vérifiées et avertissement. edition (2018 ou 2026) : les règles de cette édition appliquées à l'analyse du plan, pour comparer les éditions. Une aide à la vérification, pas une approbation.",
  input: PlanComplianceToolInput,
  async run(input, ctx) {
    const plan = await planForTool(ctx, input.planId);
    if (input.edition === undefined || input.edition === plan.edition) {
      // The body of GET /v1/plans/{id}/compliance in the run's language.
      return inLang(await completedStageResult(ctx.db, plan, 'compliance'), ctx.lang);
    }
    // The same check as worker-bom's plan-compliance stage, for the asked edition.
    const analysis = PlanAnalysis.parse(await completedStageResult(ctx.db, plan, 'analysis'));
    return runCompliance(analysis, {}, { edition: input.edition, lang: ctx.lang });
  },
});

export const planTools: AgentTool[] = [planAnalysisTool, planComplianceTool];
