import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import { formatCad, toCents } from '@saeq/bom';
import { CalculationError, CalculationKind, calculations, listRules } from '@saeq/electrical-code';
import { searchKnowledgeBase } from '@saeq/knowledge/store';
import { hasScope, type ResolvedKey, type Scope } from '@saeq/shared/auth';
import type { StoredAnalysis, StoredBom } from '@saeq/shared/contracts/stored-results';
import { AppError, toProblem } from '@saeq/shared/errors';
import type { Lang } from '@saeq/shared/i18n';
import { z } from 'zod';
import type { GatewayDeps } from '../deps.ts';
import type { LimitName } from '../middleware/rate-limit.ts';
import { IdParam } from '../openapi/route-kit.ts';
import { KnowledgeSearchQuery } from '../routes/knowledge.ts';
import { RulesQuery } from '../routes/rules.ts';
import {
  AgentRunRequest,
  agentOr404,
  agentRunView,
  findAgentRun,
  submitAgentRun,
} from '../use-cases/agent-runs.ts';
import { BomRequest, findBom, submitBom } from '../use-cases/boms.ts';
import { analysisView, findPlan, planView, stageResultOr404, submitPlan } from '../use-cases/plans.ts';
import { inLang } from '../use-cases/stored-results.ts';
import { assertPdf, cleanName, JsonPlanUpload, safeFilename } from '../use-cases/upload-parsing.ts';

/**
 * Who calls and how: the same API key (organisation, scopes) and language as a REST request.
 * `limit` spends a point of a rate limit (the HTTP transport's request already spent its
 * general/read point; tools that start expensive work spend their own, as their REST routes do).
 */
export type McpToolContext = {
  deps: GatewayDeps;
  auth: ResolvedKey;
  lang: Lang;
  requestId: string;
  limit: (name: LimitName) => Promise<void>;
};

const AgentRunStart = AgentRunRequest.extend({ agentId: z.string().min(1).max(64) });

/** A structured result with its French summary (what a model reads first). */
function answer(structured: unknown, summaryFr: string): CallToolResult {
  return {
    content: [{ type: 'text', text: summaryFr }],
    structuredContent: structured as Record<string, unknown>,
  };
}

/** An error as the REST routes would answer it (problem+json), in the caller's language. */
function failure(err: unknown, lang: Lang, instance: string): CallToolResult {
  const normalized =
    err instanceof AppError
      ? err
      : err instanceof CalculationError
        ? new AppError('calculation_error', { detail: err.messages, cause: err })
        : err instanceof z.ZodError
          ? new AppError('validation_failed', { cause: err })
          : new AppError('internal', { cause: err });
  const { problem } = toProblem(normalized, lang, instance);
  return {
    isError: true,
    content: [{ type: 'text', text: `${problem.title}${problem.detail ? ` : ${problem.detail}` : ''}` }],
    structuredContent: problem as unknown as Record<string, unknown>,
  };
}

const DISCLAIMER = 'Aide à la vérification, pas une certification.';

/**
 * Registers SAEQ's tools on `server`. Each tool validates its input with the SAME zod schema as
 * the REST route (the SDK publishes it as the tool's JSON Schema), checks the same scope and
 * calls the same use-case function — no HTTP loopback.
 */
export function registerSaeqTools(server: McpServer, ctx: McpToolContext): void {
  const { deps, auth, lang } = ctx;
  const org = auth.organisationId;
  /**
   * One tool: `access` is its REST route's scope (null: any key) and the rate limits that route
   * spends beyond the request's own point (a write: `general`; uploads and agent runs: theirs).
   */
  const tool = <S extends z.ZodObject>(
    name: string,
    access: { scope: Scope | null; spends?: LimitName[] },
    description: string,
    inputSchema: S,
    run: (input: z.output<S>) => Promise<CallToolResult>,
  ) => {
    server.registerTool(name, { description, inputSchema }, (async (input: z.output<S>) => {
      try {
        if (access.scope !== null && !hasScope(auth.scopes, access.scope)) throw new AppError('forbidden');
        for (const limit of access.spends ?? []) await ctx.limit(limit);
        return await run(input);
      } catch (err) {
        if (!(err instanceof AppError) || err.code === 'internal')
          deps.logger.error({ err: String(err), tool: name, requestId: ctx.requestId }, 'mcp tool failed');
        return failure(err, lang, `mcp:${name}`);
      }
    }) as never);
  };

  // ── The five calculations (POST /v1/calculations/{kind}) ─────────────────────────────────
  for (const kind of CalculationKind.options) {
    const calculation = calculations[kind];
    tool(
      `calc_${kind.replace(/-/g, '_')}`,
      { scope: 'calc' },
      `Calcul ${kind} selon le Code de construction du Québec, chapitre V (pur, synchrone ; étapes, articles cités, hypothèses). ${DISCLAIMER}`,
      calculation.input as unknown as z.ZodObject,
      async (input) => {
        const result = calculation.run(input as never, { lang }) as z.output<typeof calculation.result>;
        const fr =
          lang === 'fr' ? result : (calculation.run(input as never, { lang: 'fr' }) as typeof result);
        const last = fr.steps.at(-1);
        return answer(
          result,
          `Calcul ${kind} (CEQ ${fr.edition}) : ${last ? `${last.label} = ${last.value}` : 'terminé'}. Articles : ${fr.ruleRefs.join(', ')}. ${DISCLAIMER}`,
        );
      },
    );
  }

  // ── Rules (GET /v1/rules) ─────────────────────────────────────────────────────────────────
  tool(
    'rules_list',
    { scope: null },
    'Le catalogue des règles de conformité d’une édition du code (2018 ou 2026).',
    RulesQuery,
    async ({ edition }) => {
      const rules = listRules(edition, lang);
      return answer({ edition, rules }, `${rules.length} règles de conformité pour l’édition ${edition}.`);
    },
  );

  // ── Plans (POST /v1/plans JSON body, GET /v1/plans/{id}[/analysis|/compliance]) ───────────
  tool(
    'plan_submit',
    { scope: 'plans:write', spends: ['general', 'uploads'] },
    'Soumet un plan électrique PDF (en base64) : l’analyse, la conformité et le bordereau suivent. Renvoie l’id du plan à suivre avec plan_status.',
    JsonPlanUpload,
    async (input) => {
      const data = new Uint8Array(Buffer.from(input.contentBase64, 'base64'));
      assertPdf(data, Math.floor(deps.env.MAX_UPLOAD_MB * 1024 * 1024));
      const filename = safeFilename(input.filename);
      const plan = await submitPlan(
        deps,
        org,
        {
          data,
          filename,
          name: cleanName(input.name, filename),
          edition: input.edition ?? '2026',
          ...(input.callbackUrl ? { callbackUrl: input.callbackUrl } : {}),
        },
        ctx.requestId,
      );
      return answer(
        { id: plan.id, status: 'queued' },
        `Plan « ${plan.name} » reçu (id ${plan.id}) ; analyse en file d’attente. Suivez-le avec plan_status.`,
      );
    },
  );
  tool(
    'plan_status',
    { scope: 'plans:read' },
    'L’état d’un plan et de ses étapes (analyse, conformité, bordereau).',
    IdParam,
    async ({ id }) => {
      const { plan, stages } = await findPlan(deps.db.db, org, id);
      const view = planView(plan, stages);
      const s = view.stages;
      return answer(
        view,
        `Plan « ${view.name} » : ${view.status} (${view.progress} %). Analyse ${s.analysis.status}, conformité ${s.compliance.status}, bordereau ${s.bom.status}.`,
      );
    },
  );
  tool(
    'plan_analysis',
    { scope: 'plans:read' },
    'L’analyse d’un plan : pièces, appareils comptés, circuits, avertissements.',
    IdParam,
    async ({ id }) => {
      const stored = await stageResultOr404<StoredAnalysis>(deps.db.db, org, id, 'analysis');
      const view = analysisView(stored, id) as unknown as {
        counts?: { total?: number; byType?: Record<string, number> };
      };
      const byType = Object.entries(view.counts?.byType ?? {})
        .map(([type, n]) => `${type} ${n}`)
        .join(', ');
      return answer(
        view,
        `Analyse du plan ${id} : ${view.counts?.total ?? 0} appareils comptés (${byType || 'aucun'}).`,
      );
    },
  );
  tool(
    'plan_compliance',
    { scope: 'plans:read' },
    `Le rapport de conformité d’un plan (constats, articles cités). ${DISCLAIMER}`,
    IdParam,
    async ({ id }) => {
      const stored = await stageResultOr404(deps.db.db, org, id, 'compliance');
      const report = inLang(stored, lang) as { findings?: unknown[] };
      const fr = inLang(stored, 'fr') as { findings?: Array<{ ruleRef?: string; message?: string }> };
      const top = (fr.findings ?? [])
        .slice(0, 5)
        .map((f) => `${f.ruleRef ?? '—'} : ${f.message ?? ''}`)
        .join(' ; ');
      return answer(report, `${report.findings?.length ?? 0} constat(s). ${top} ${DISCLAIMER}`.trim());
    },
  );

  // ── BOMs (POST /v1/boms, GET /v1/boms/{id}, GET /v1/plans/{id}/bom) ───────────────────────
  tool(
    'bom_build',
    { scope: 'plans:write', spends: ['general'] },
    'Lance le chiffrage d’un bordereau de matériel à partir d’une liste d’articles (types d’appareils ou SKU). Renvoie l’id à lire avec bom_fetch.',
    BomRequest,
    async (input) => {
      const row = await submitBom(deps, org, input, ctx.requestId);
      return answer(
        { id: row.id, status: 'queued' },
        `Bordereau ${row.id} en file d’attente ; lisez-le avec bom_fetch.`,
      );
    },
  );
  tool(
    'bom_fetch',
    { scope: 'plans:read' },
    'Un bordereau chiffré (lignes, main-d’œuvre, TPS, TVQ, total) par son id.',
    IdParam,
    async ({ id }) => {
      const row = await findBom(deps.db.db, org, id);
      const ready = row.status === 'completed' && row.result !== null;
      const view = {
        id: row.id,
        status: row.status,
        ...(row.error ? { error: row.error } : {}),
        ...(ready ? inLang(row.result, lang) : {}),
      };
      return answer(
        view,
        ready ? bomSummary(row.result as StoredBom) : `Bordereau ${row.id} : ${row.status}.`,
      );
    },
  );
  tool(
    'plan_bom',
    { scope: 'plans:read' },
    'Le bordereau chiffré d’un plan analysé.',
    IdParam,
    async ({ id }) => {
      const stored = await stageResultOr404<StoredBom>(deps.db.db, org, id, 'bom');
      return answer(inLang(stored, lang), bomSummary(stored));
    },
  );

  // ── Agents (POST /v1/agents/{agentId}/runs, GET /v1/agent-runs/{id}) ─────────────────────
  tool(
    'agent_run_start',
    { scope: 'agents:run', spends: ['general', 'agentRuns'] },
    'Pose une question à un agent SAEQ (ids : voir GET /v1/agents), au sujet d’un plan au besoin. Renvoie l’id de l’exécution à lire avec agent_run_fetch.',
    AgentRunStart,
    async ({ agentId, ...request }) => {
      const agent = agentOr404(agentId);
      const run = await submitAgentRun(deps, org, agent, request, lang, ctx.requestId);
      return answer(
        { id: run.id, status: 'queued' },
        `Question transmise à l’agent ${agent.id} (exécution ${run.id}).`,
      );
    },
  );
  tool(
    'agent_run_fetch',
    { scope: 'agents:run' },
    'Une exécution d’agent : état, réponse, appels d’outils, consommation.',
    IdParam,
    async ({ id }) => {
      const view = agentRunView(await findAgentRun(deps.db.db, org, id));
      return answer(
        view,
        view.answer
          ? `Réponse de l’agent ${view.agentId} : ${view.answer}`
          : `Exécution ${view.id} : ${view.status}.`,
      );
    },
  );

  // ── Knowledge base (GET /v1/knowledge/search) ─────────────────────────────────────────────
  tool(
    'knowledge_search',
    { scope: 'calc' },
    'Cherche dans la base de connaissances des normes (CEQ chapitre V, RSST, RBQ, CSA, Hydro-Québec), en français ou en anglais, ou par numéro d’article (« 8-200 »). Citez la référence (`reference`) de chaque entrée utilisée.',
    KnowledgeSearchQuery,
    async ({ q, source, edition, limit }) => {
      const hits = await searchKnowledgeBase(deps.db.db, { q, source, edition, limit, lang });
      const cited = hits.slice(0, 5).map((h) => `${h.reference} — ${h.title}`);
      return answer(
        { results: hits },
        hits.length === 0
          ? `Aucune entrée trouvée pour « ${q} ».`
          : `${hits.length} entrée(s) : ${cited.join(' ; ')}.`,
      );
    },
  );
}

/** "Total 1 234,56 $ (sous-total …, TPS …, TVQ …), n lignes" from the French BOM. */
function bomSummary(stored: StoredBom): string {
  const fr = inLang(stored, 'fr') as {
    lines?: unknown[];
    subtotalCents?: number;
    taxes?: { tpsCents?: number; tvqCents?: number };
    totalCents?: number;
  };
  const cad = (cents: number | undefined) => formatCad(toCents(cents ?? 0), 'fr');
  return `Bordereau : ${fr.lines?.length ?? 0} lignes, sous-total ${cad(fr.subtotalCents)}, TPS ${cad(fr.taxes?.tpsCents)}, TVQ ${cad(fr.taxes?.tvqCents)}, total ${cad(fr.totalCents)}. Aide à l’estimation.`;
}
