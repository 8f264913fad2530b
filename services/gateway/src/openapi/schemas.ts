import { BomResult } from '@saeq/bom';
import { ComplianceReport, RuleSummary } from '@saeq/electrical-code';
import { AnalysisCorrections, CorrectionRecord } from '@saeq/shared/contracts/analysis-revisions';
import { DeviceType, PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { AnalysisComparison, BomDelta } from '@saeq/shared/contracts/plan-comparison';
import { z } from 'zod';

/** Response shapes of the gateway, documented in /openapi.json and checked against real answers in tests. */

const IsoDate = z.string().describe('ISO 8601 date-time');
const Status = z.enum(['queued', 'processing', 'completed', 'failed']);
const JobError = z.object({ code: z.string(), message: z.string() });

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    instance: z.string(),
    code: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('RFC 9457 problem details (Québec French by default, English with Accept-Language: en)');

export const Accepted = z.object({
  id: z.uuid(),
  status: z.literal('queued'),
  links: z.record(z.string(), z.string()),
});

const StageView = z.object({
  status: Status,
  progress: z.number().int().min(0).max(100),
  startedAt: IsoDate.nullable(),
  finishedAt: IsoDate.nullable(),
  error: JobError.optional(),
});

export const PlanView = z.object({
  id: z.uuid(),
  name: z.string(),
  filename: z.string(),
  sizeBytes: z.number().int(),
  sha256: z.string(),
  pages: z.number().int().nullable(),
  edition: z.enum(['2018', '2026']),
  status: Status,
  progress: z.number().int(),
  stages: z.object({ analysis: StageView, compliance: StageView, bom: StageView }),
  createdAt: IsoDate,
  updatedAt: IsoDate,
});

export const PlanList = z.object({ items: z.array(PlanView), nextCursor: z.string().nullable() });

export const AgentSummary = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string(),
  tools: z.array(z.string()),
});

export const AgentRunView = z.object({
  id: z.uuid(),
  agentId: z.string(),
  status: Status,
  message: z.string(),
  planId: z.uuid().nullable(),
  conversationId: z.uuid().nullable(),
  answer: z.string().nullable(),
  toolCalls: z.array(z.object({ name: z.string(), input: z.unknown(), output: z.unknown() }).loose()),
  usage: z.object({ inputTokens: z.number(), outputTokens: z.number(), cacheReadTokens: z.number() }).loose(),
  model: z.string().nullable(),
  mode: z.enum(['llm', 'offline']).nullable(),
  stopReason: z.string().nullable(),
  error: JobError.optional(),
  createdAt: IsoDate,
  updatedAt: IsoDate,
  startedAt: IsoDate.nullable(),
  finishedAt: IsoDate.nullable(),
});

const UsageTotals = z.object({
  inputTokens: z.number(),
  outputTokens: z.number(),
  cacheReadTokens: z.number(),
  cacheCreationTokens: z.number(),
  costUsd: z.number().describe('Estimated, from the configured price table (0 when unknown)'),
});

export const OrchestrationView = z.object({
  id: z.uuid(),
  status: Status.describe(
    'completed once the synthesis is written (failed members are listed with their error)',
  ),
  mode: z.enum(['parallel', 'sequential']),
  message: z.string(),
  planId: z.uuid().nullable(),
  agents: z.array(z.string()),
  children: z
    .array(AgentRunView.extend({ step: z.number().int(), agentName: z.string() }))
    .describe('One agent run per agent, in the order asked'),
  synthesis: AgentRunView.nullable().describe('The project manager’s run combining the children’s answers'),
  counts: z.object({ completed: z.number().int(), failed: z.number().int(), pending: z.number().int() }),
  usage: UsageTotals.describe('Summed over the children and the synthesis'),
  createdAt: IsoDate,
  finishedAt: IsoDate.nullable(),
});

export const OrchestrationList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      status: Status,
      mode: z.enum(['parallel', 'sequential']),
      message: z.string(),
      agents: z.array(z.string()),
      createdAt: IsoDate,
    }),
  ),
});

export const CatalogSummary = z.object({
  id: z.uuid(),
  name: z.string(),
  isDefault: z.boolean(),
  itemCount: z.number().int(),
  priceDate: z.string().nullable(),
  indicative: z.boolean(),
  createdAt: IsoDate,
});
export const CatalogList = z.object({
  items: z.array(CatalogSummary),
  builtIn: z.object({
    name: z.string(),
    priceDate: z.string(),
    source: z.string(),
    itemCount: z.number(),
    indicative: z.boolean(),
    inUse: z.boolean(),
  }),
});
export const CatalogCreated = CatalogSummary.extend({
  encoding: z.string(),
  separator: z.string(),
  ignoredColumns: z.array(z.string()),
});
export const CatalogDetail = CatalogSummary.extend({ items: z.array(z.unknown()) });

export const BomView = z
  .object({
    id: z.uuid(),
    status: Status,
    error: JobError.optional(),
    createdAt: IsoDate,
    finishedAt: IsoDate.nullable(),
  })
  .and(BomResult.partial());

export const RulesList = z.object({ edition: z.enum(['2018', '2026']), rules: z.array(RuleSummary) });

export const KeyList = z.object({
  items: z.array(
    z.object({
      id: z.uuid(),
      name: z.string(),
      prefix: z.string(),
      scopes: z.array(z.string()),
      createdAt: IsoDate,
      lastUsedAt: IsoDate.nullable(),
      revokedAt: IsoDate.nullable(),
    }),
  ),
});
export const KeyCreated = z.object({
  id: z.uuid(),
  key: z.string(),
  scopes: z.array(z.string()),
  name: z.string(),
});
export const WebhookSecret = z.object({ secret: z.string() });
export const Health = z.object({ status: z.literal('ok') });
export const Ready = z.object({
  status: z.enum(['ok', 'unavailable', 'draining']),
  /** Absent while draining: the gateway answers 503 without asking its dependencies. */
  checks: z.record(z.string(), z.unknown()).optional(),
});

const Revision = z.number().int().nonnegative();

export const RevisionQuery = z.strictObject({
  revision: z.coerce
    .number()
    .int()
    .min(0)
    .max(1_000_000)
    .optional()
    .describe('revision to read (0: as produced); default the current one'),
});
export const AnalysisRevision = PlanAnalysis.extend({
  revision: Revision.describe('the revision served (0: the analysis as produced)'),
  currentRevision: Revision.describe('the revision BOM and compliance are computed from'),
});
export const RevisionCreated = z.object({
  revision: Revision,
  baseRevision: Revision,
  counts: PlanAnalysis.shape.counts,
  links: z.record(z.string(), z.string()),
});
export const CorrectionsQuery = z.strictObject({
  format: z.enum(['json']).default('json').describe('export format (JSON only)'),
});
export const CorrectionsExport = z.object({
  planId: z.uuid(),
  currentRevision: Revision,
  corrections: z.array(CorrectionRecord),
});

export const LegendMapping = z.object({
  id: z.uuid(),
  label: z.string(),
  normalizedLabel: z
    .string()
    .describe('the wording as compared with legends (case, accents, punctuation folded)'),
  type: DeviceType,
  createdAt: IsoDate,
  updatedAt: IsoDate,
});
export const LegendMappingList = z.object({ items: z.array(LegendMapping) });
export const PutLegendMapping = z.strictObject({
  label: z.string().min(1).max(300).describe('the legend wording, as printed'),
  type: DeviceType,
});

export { AnalysisCorrections, BomResult, ComplianceReport, PlanAnalysis };

export const ComparisonView = z
  .object({
    id: z.uuid(),
    status: Status,
    /** `analysis_failed` (with `planId`) when one of the plans' analysis failed after the request. */
    error: JobError.extend({ planId: z.uuid().optional() }).optional(),
    basePlanId: z.uuid(),
    revisedPlanId: z.uuid(),
    createdAt: IsoDate,
    finishedAt: IsoDate.nullable(),
  })
  .and(AnalysisComparison.extend({ bom: BomDelta }).partial());
