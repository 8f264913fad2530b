import { getAgent } from '@saeq/agents';
import type { Db } from '@saeq/shared/db';
import type { Metrics } from '@saeq/shared/metrics';
import { AgentRunJob } from '@saeq/shared/queues';
import { describeJobError, type JobContext, PermanentJobError } from '@saeq/shared/worker-runtime';
import { UnrecoverableError } from 'bullmq';
import { isPermanentLlmError, type Llm } from '../llm/anthropic-client.ts';
import { offlineAnswer } from '../llm/offline.ts';
import {
  completeRun,
  conversationHistory,
  failRun,
  loadRun,
  markRunProcessing,
  requeueRun,
} from '../runs/run-store.ts';

export type AgentRunDeps = { db: Db; metrics: Metrics; llm: Llm | null; now: () => Date };

/** agent-run: load the run → ask the model (or answer offline) → store answer, usage and status. */
export function agentRunProcessor(deps: AgentRunDeps) {
  return async (_job: unknown, { job, log }: JobContext) => {
    const data = AgentRunJob.parse(job.data);
    const attempt = job.attemptsMade + 1;
    const run = await loadRun(deps.db, data.runId);
    if (!run) {
      log.info('agent run deleted before it ran');
      return { runId: data.runId, status: 'failed' as const };
    }
    if (run.status === 'completed') return { runId: run.id, status: 'completed' as const };
    await markRunProcessing(deps.db, run.id, attempt, deps.now());
    const mode = deps.llm ? 'llm' : 'offline';
    try {
      const agent = getAgent(run.agentId);
      if (!agent) throw new PermanentJobError('unknown_agent', `unknown agent ${run.agentId}`);
      if (!deps.llm) {
        await completeRun(
          deps.db,
          run.id,
          { ...offlineAnswer(run.lang), toolCalls: [], model: null, mode: 'offline' },
          deps.now(),
        );
      } else {
        const history = await conversationHistory(deps.db, run.organisationId, run.conversationId);
        const turns = history.flatMap((t) => [
          { role: 'user' as const, content: t.user },
          { role: 'assistant' as const, content: t.assistant },
        ]);
        turns.push({ role: 'user', content: run.message });
        const answer = await deps.llm.answer(agent.systemPrompt, turns);
        await completeRun(
          deps.db,
          run.id,
          { answer: answer.text, usage: answer.usage, toolCalls: [], model: answer.model, mode: 'llm' },
          deps.now(),
        );
        deps.metrics.llmTokens.inc({ agent: agent.id, kind: 'input' }, answer.usage.inputTokens);
        deps.metrics.llmTokens.inc({ agent: agent.id, kind: 'output' }, answer.usage.outputTokens);
        deps.metrics.llmTokens.inc({ agent: agent.id, kind: 'cache_read' }, answer.usage.cacheReadTokens);
        deps.metrics.llmTokens.inc(
          { agent: agent.id, kind: 'cache_write' },
          answer.usage.cacheCreationTokens,
        );
      }
      deps.metrics.agentRuns.inc({ agent: run.agentId, status: 'completed', mode });
      return { runId: run.id, status: 'completed' as const };
    } catch (err) {
      const permanent = err instanceof UnrecoverableError || isPermanentLlmError(err);
      const final = permanent || attempt >= (job.opts.attempts ?? 1);
      const error = isPermanentLlmError(err)
        ? {
            code: `llm_${err.status}`,
            message: `Le fournisseur du modèle a refusé la requête (HTTP ${err.status}) : ${err.message}`,
          }
        : describeJobError(err);
      if (final) {
        await failRun(deps.db, run.id, error, deps.now());
        deps.metrics.agentRuns.inc({ agent: run.agentId, status: 'failed', mode });
      } else {
        await requeueRun(deps.db, run.id, error, deps.now());
      }
      if (isPermanentLlmError(err)) throw new UnrecoverableError(error.message);
      throw err;
    }
  };
}
