import { agentRuns } from '@saeq/shared/db';
import { queues } from '@saeq/shared/queues';
import { inspectQueue, testRedisUrl, waitFor } from '@saeq/testing';
import { UnrecoverableError, Worker } from 'bullmq';
import { eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// A retry from the dead letters really runs the work again: the failed record is reopened, so
// the processor does not stop at "already failed" (answering 202 and doing nothing).

let gw: TestGateway;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
});
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

describe('dead-letter retry', () => {
  it('re-runs a failed agent run, which then completes', async () => {
    const created = await gw.app.request('/v1/agents/electrical-calculator/runs', {
      method: 'POST',
      headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
      body: JSON.stringify({ message: 'Quel calibre de conducteur pour un circuit de 30 A ?' }),
    });
    expect(created.status).toBe(202);
    const { id } = (await created.json()) as { id: string };

    // The run fails for good the way worker-agents records it: the job failed, the run failed.
    const connection = new Redis(testRedisUrl, { maxRetriesPerRequest: null });
    const manual = new Worker(queues.agentRun.name, null, { connection, prefix: gw.prefix });
    const job = await manual.getNextJob('manual');
    expect(job?.id).toBe(id);
    await job?.moveToFailed(new UnrecoverableError('llm_500: the model provider was down'), 'manual');
    await manual.close();
    connection.disconnect();
    await gw.db.handle.db
      .update(agentRuns)
      .set({ status: 'failed', error: { code: 'llm_500', message: 'down' }, finishedAt: new Date() })
      .where(eq(agentRuns.id, id));

    const retry = await gw.app.request(`/v1/admin/failed-jobs/agent-run:${id}/retry`, {
      method: 'POST',
      headers: bearer(gw.keys.acme),
    });
    expect(retry.status).toBe(202);
    const reopened = await gw.db.handle.db
      .select({ status: agentRuns.status, error: agentRuns.error })
      .from(agentRuns)
      .where(eq(agentRuns.id, id));
    expect(reopened[0]).toEqual({ status: 'queued', error: null });

    // Offline mode (no model key): the run is answered by the intent parser.
    workers = await startWorkers(gw, ['worker-agents']);
    const q = inspectQueue(queues.agentRun.name, gw.prefix);
    try {
      await waitFor(
        async () => ((await (await q.queue.getJob(id))?.getState()) === 'completed' ? true : undefined),
        {
          timeoutMs: 30_000,
          what: 'retried agent-run job completed',
        },
      );
    } finally {
      await q.close();
    }
    const run = await gw.db.handle.db
      .select({ status: agentRuns.status, answer: agentRuns.answer })
      .from(agentRuns)
      .where(eq(agentRuns.id, id));
    expect(run[0]?.status).toBe('completed');
    expect(run[0]?.answer).toBeTruthy();
  }, 60_000);
});
