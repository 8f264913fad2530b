import { agentOrchestrations, agentRuns } from '@saeq/shared/db';
import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AgentsHarness, startAgentsHarness } from './harness.ts';

// Issue 19, reliability: an orchestration whose BullMQ flow was lost (the gateway died between
// its rows and the flow, or Redis lost the jobs) is added again as a flow by the reconciler, so
// the synthesis still runs last and members already answered are not asked again. Real Postgres
// and Redis, the worker in offline mode (no model: the synthesis lists the answers).

let h: AgentsHarness;
beforeAll(async () => {
  h = await startAgentsHarness({ offline: true, env: { RECONCILE_INTERVAL_MS: '0' } });
});
afterAll(async () => {
  await h?.close();
});

const question = 'Quelle est la chute de tension pour 30 m de 12 AWG à 15 A sous 120 V ?';

/** Rows as the gateway writes them, last changed a minute ago (past the reconciler's grace). */
async function insertOrchestration(mode: 'parallel' | 'sequential', agents: string[]) {
  const [orchestration] = await h.db
    .insert(agentOrchestrations)
    .values({ organisationId: h.orgs.acme, message: question, mode, agentIds: agents })
    .returning();
  if (!orchestration) throw new Error('insert returned nothing');
  const common = {
    organisationId: h.orgs.acme,
    message: question,
    orchestrationId: orchestration.id,
    updatedAt: new Date(Date.now() - 60_000),
  };
  await h.db.insert(agentRuns).values([
    ...agents.map((agentId, step) => ({
      ...common,
      agentId,
      orchestrationRole: 'member' as const,
      orchestrationStep: step,
    })),
    {
      ...common,
      agentId: 'electrical-project-manager',
      orchestrationRole: 'synthesis' as const,
      orchestrationStep: agents.length,
    },
  ]);
  return orchestration.id;
}

async function runsOf(orchestrationId: string) {
  return h.db
    .select()
    .from(agentRuns)
    .where(eq(agentRuns.orchestrationId, orchestrationId))
    .orderBy(asc(agentRuns.orchestrationStep));
}

describe('orchestration reconciliation', () => {
  it('adds a lost sequential flow again: members in order, then the synthesis', async () => {
    const id = await insertOrchestration('sequential', [
      'electrical-calculator',
      'electrical-safety-specialist',
    ]);
    const report = await h.service.reconcileNow();
    expect(report['agent-run']?.requeued).toBe(1);
    expect(report['agent-run']?.live).toBe(2);

    const runs = await runsOf(id);
    const synthesis = runs[2];
    if (!synthesis) throw new Error('no synthesis run');
    const finished = await h.waitFinished(synthesis.id, 30_000);
    expect(finished.status).toBe('completed');
    const [first, second] = await runsOf(id);
    expect(first?.status).toBe('completed');
    expect(second?.status).toBe('completed');
    // The chain's order: the second member started after the first finished, the synthesis
    // after both.
    expect(second?.startedAt?.getTime()).toBeGreaterThanOrEqual(first?.finishedAt?.getTime() ?? Infinity);
    expect(finished.startedAt?.getTime()).toBeGreaterThanOrEqual(second?.finishedAt?.getTime() ?? Infinity);
    // The offline synthesis holds both answers as written.
    expect(finished.answer).toContain(first?.answer ?? '(none)');
    expect(finished.answer).toContain(second?.answer ?? '(none)');
  });

  it('leaves out the members already answered', async () => {
    const id = await insertOrchestration('parallel', ['electrical-calculator', 'electrical-diagnostician']);
    const before = await runsOf(id);
    const done = before[0];
    if (!done) throw new Error('no member');
    await h.db
      .update(agentRuns)
      .set({ status: 'completed', answer: 'Réponse déjà donnée.', finishedAt: new Date() })
      .where(eq(agentRuns.id, done.id));

    await h.service.reconcileNow();
    const synthesisId = before[2]?.id ?? '';
    const synthesis = await h.waitFinished(synthesisId, 30_000);
    expect(synthesis.status).toBe('completed');
    const after = await runsOf(id);
    // Not run again: no attempt recorded, the answer untouched.
    expect(after[0]).toMatchObject({ answer: 'Réponse déjà donnée.', attempts: 0 });
    expect(after[1]?.status).toBe('completed');
    expect(synthesis.answer).toContain('Réponse déjà donnée.');
    // Nothing left in BullMQ for the settled member.
    expect(await h.queue.getJob(done.id)).toBeUndefined();
  });
});
