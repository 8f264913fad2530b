import { agentRuns, type Db } from '@saeq/shared/db';
import { and, asc, eq, gte, lt, sql } from 'drizzle-orm';

export type UsageTotals = {
  runs: number;
  llmRuns: number;
  offlineRuns: number;
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheCreationTokens: number;
  /** Sum of the runs' estimated costs (runs on a model without a price add nothing). */
  costUsd: number;
};

const usageNumber = (field: string) =>
  sql<string>`coalesce(sum((${agentRuns.usage}->>${field})::numeric), 0)`.mapWith(Number);

/**
 * Token usage and estimated cost of an organisation's agent runs created in [from, to), per
 * agent (sorted by id) and in total. Runs that never reached the model count as runs only.
 */
export async function agentUsage(
  db: Db,
  organisationId: string,
  window: { from: Date; to: Date },
): Promise<{ agents: (UsageTotals & { agentId: string })[]; totals: UsageTotals }> {
  const rows = await db
    .select({
      agentId: agentRuns.agentId,
      runs: sql<number>`count(*)`.mapWith(Number),
      llmRuns: sql<number>`count(*) filter (where ${agentRuns.mode} = 'llm')`.mapWith(Number),
      offlineRuns: sql<number>`count(*) filter (where ${agentRuns.mode} = 'offline')`.mapWith(Number),
      inputTokens: usageNumber('inputTokens'),
      outputTokens: usageNumber('outputTokens'),
      cacheReadTokens: usageNumber('cacheReadTokens'),
      cacheCreationTokens: usageNumber('cacheCreationTokens'),
      costUsd: usageNumber('costUsd'),
    })
    .from(agentRuns)
    .where(
      and(
        eq(agentRuns.organisationId, organisationId),
        gte(agentRuns.createdAt, window.from),
        lt(agentRuns.createdAt, window.to),
      ),
    )
    .groupBy(agentRuns.agentId)
    .orderBy(asc(agentRuns.agentId));
  const agents = rows.map((row) => ({ ...row, costUsd: roundUsd(row.costUsd) }));
  const totals = agents.reduce<UsageTotals>(
    (sum, row) => ({
      runs: sum.runs + row.runs,
      llmRuns: sum.llmRuns + row.llmRuns,
      offlineRuns: sum.offlineRuns + row.offlineRuns,
      inputTokens: sum.inputTokens + row.inputTokens,
      outputTokens: sum.outputTokens + row.outputTokens,
      cacheReadTokens: sum.cacheReadTokens + row.cacheReadTokens,
      cacheCreationTokens: sum.cacheCreationTokens + row.cacheCreationTokens,
      costUsd: roundUsd(sum.costUsd + row.costUsd),
    }),
    {
      runs: 0,
      llmRuns: 0,
      offlineRuns: 0,
      inputTokens: 0,
      outputTokens: 0,
      cacheReadTokens: 0,
      cacheCreationTokens: 0,
      costUsd: 0,
    },
  );
  return { agents, totals };
}

function roundUsd(value: number): number {
  return Math.round(value * 1_000_000) / 1_000_000;
}
