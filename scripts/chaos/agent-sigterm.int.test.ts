import { ensureOrganisation } from '@saeq/shared/auth';
import { type AgentRun, agentRunEvents, agentRuns } from '@saeq/shared/db';
import { enqueue, openQueue, queues } from '@saeq/shared/queues';
import {
  createTestDatabase,
  deleteQueuePrefix,
  type FakeAnthropic,
  type FakeStep,
  getFreePort,
  type RunningService,
  startFakeAnthropic,
  startService,
  type TestDatabase,
  testRedisUrl,
  uniqueName,
  waitFor,
  waitHealthy,
} from '@saeq/testing';
import type { Queue } from 'bullmq';
import { asc, eq } from 'drizzle-orm';
import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';

// Issue 18: a deploy SIGTERMs worker-agents in the middle of runs whose budget (minutes) is far
// above the shutdown grace (seconds). The worker stops the run at a step boundary (or aborts the
// model request in flight when the grace is about to run out), saves the loop state in the job,
// puts the job back without spending an attempt and exits; a second worker process resumes it
// without asking the model again for the steps already answered or re-running their tools.
// Real processes, Postgres and Redis; the model is the fake Anthropic server on loopback.

// 10 s: the exit is measured against it on a shared machine (4.8 s seen at load average 28).
const GRACE_MS = 10_000;
// The fake's answer for each model step, by the conversation's length (1 message → step 1, 3 →
// step 2, 5 → step 3), so a step asked again gets the same answer wherever it is asked.
const usages = [
  { input_tokens: 1000, output_tokens: 50 },
  { input_tokens: 2000, output_tokens: 60 },
  { input_tokens: 3000, output_tokens: 70 },
] as const;
const answer = 'La charge calculée est de 31 000 W (8-200, aide à la vérification).';
function stepFor(messages: number, delayMs: number): FakeStep {
  if (messages === 1) {
    return {
      type: 'tool_use',
      name: 'calc_dwelling_load',
      input: { livingAreaM2: 150, rangeW: 12_000, spaceHeatingW: 10_000 },
      usage: usages[0],
      delayMs,
    };
  }
  if (messages === 3) {
    return {
      type: 'tool_use',
      name: 'calc_dwelling_load',
      input: { livingAreaM2: 90 },
      usage: usages[1],
      delayMs,
    };
  }
  return { type: 'text', text: answer, usage: usages[2], delayMs };
}

let database: TestDatabase;
let fake: FakeAnthropic;
let connection: Redis;
let queue: Queue;
let prefix: string;
let org: string;
/** Delay of each request, by its conversation length and how many times that step was asked. */
let delayOf: (messages: number, askedBefore: number) => number = () => 0;
const started: RunningService[] = [];

beforeAll(async () => {
  database = await createTestDatabase();
  fake = await startFakeAnthropic({
    handler: (request) => {
      const length = request.body.messages.length;
      const askedBefore = fake.requests.filter(
        (r) => r.index < request.index && r.body?.messages.length === length,
      ).length;
      return stepFor(length, delayOf(length, askedBefore));
    },
  });
  connection = new Redis(testRedisUrl, { maxRetriesPerRequest: 1 });
  prefix = uniqueName('agentsigterm');
  queue = openQueue(queues.agentRun, connection, prefix);
  org = await ensureOrganisation(database.handle.db, 'acme');
});
afterEach(async () => {
  for (const s of started) s.kill('SIGKILL');
  await Promise.all(started.map((s) => s.exited));
  started.length = 0;
});
afterAll(async () => {
  await queue?.close();
  connection?.disconnect();
  await fake?.close();
  await database?.drop();
  if (prefix) await deleteQueuePrefix(prefix);
});

async function startWorker(): Promise<RunningService> {
  const port = await getFreePort();
  const service = startService('worker-agents', {
    DATABASE_URL: database.url,
    REDIS_URL: testRedisUrl,
    QUEUE_PREFIX: prefix,
    DATA_DIR: '/nonexistent',
    METRICS_PORT: String(port),
    METRICS_HOST: '127.0.0.1',
    LOG_LEVEL: 'info',
    ANTHROPIC_API_KEY: 'test-key',
    ANTHROPIC_BASE_URL: fake.url,
    AGENT_RATE_LIMIT_PER_MINUTE: '0',
    WORKER_LOCK_DURATION_MS: '5000',
    WORKER_SHUTDOWN_TIMEOUT_MS: String(GRACE_MS),
    RECONCILE_INTERVAL_MS: '0',
    DATABASE_POOL_MAX: '4',
  });
  started.push(service);
  try {
    await waitHealthy(`http://127.0.0.1:${port}/health/ready`, 180_000);
  } catch (err) {
    throw new Error(`${String(err)}; output:\n${service.output().slice(-3000)}`);
  }
  return service;
}

async function submitRun(): Promise<string> {
  const [row] = await database.handle.db
    .insert(agentRuns)
    .values({
      organisationId: org,
      agentId: 'electrical-calculator',
      message: 'Quelle est la charge de ma maison de 150 m² ?',
      lang: 'fr',
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  await enqueue(
    queue,
    queues.agentRun,
    { runId: row.id, organisationId: org, agentId: row.agentId },
    { jobId: row.id },
  );
  return row.id;
}

const loadRun = async (id: string) =>
  (await database.handle.db.select().from(agentRuns).where(eq(agentRuns.id, id)))[0];

async function sigtermDuring(worker: RunningService, requestsSeen: number) {
  await waitFor(async () => (fake.requests.length >= requestsSeen ? true : undefined), {
    timeoutMs: 30_000,
    intervalMs: 20,
    what: `${requestsSeen} model requests`,
  });
  const at = Date.now();
  worker.kill('SIGTERM');
  const code = await worker.exited;
  return { code, exitAfterMs: Date.now() - at };
}

async function waitCompleted(id: string): Promise<AgentRun> {
  return waitFor(
    async () => {
      const run = await loadRun(id);
      return run && (run.status === 'completed' || run.status === 'failed') ? run : undefined;
    },
    { timeoutMs: 60_000, intervalMs: 100, what: `agent run ${id} finished` },
  );
}

const sum = (key: 'input_tokens' | 'output_tokens') => usages.reduce((n, u) => n + u[key], 0);

describe('chaos: worker-agents SIGTERM in the middle of an agent run', () => {
  it('finishes the step in flight, hands the run over at the step boundary, and a second worker completes it without repeating a step', async () => {
    fake.requests.length = 0;
    // Step 2 takes 1.5 s: SIGTERM arrives while it is in flight, well before the deadline.
    delayOf = (messages) => (messages === 3 ? 1500 : 50);
    const first = await startWorker();
    const runId = await submitRun();

    const { code, exitAfterMs } = await sigtermDuring(first, 2);
    console.log(`agent-sigterm (step boundary): exit ${code} ${exitAfterMs} ms after SIGTERM`);
    expect(code, first.output().slice(-2000)).toBe(0);
    expect(exitAfterMs).toBeLessThan(GRACE_MS);
    expect(first.output()).toContain('checkpointed and handed back to the queue');

    const handedOver = await loadRun(runId);
    expect(handedOver?.status).toBe('queued');
    expect(handedOver?.error?.code).toBe('worker_shutdown');
    const job = await queue.getJob(runId);
    expect(job?.attemptsMade).toBe(0);
    expect(await job?.getState()).toMatch(/^(delayed|waiting|wait)$/);

    await startWorker();
    const run = await waitCompleted(runId);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    expect(run.answer).toBe(answer);
    // Each step asked once: conversations of 1, 3 and 5 messages.
    expect(fake.requests.map((r) => r.body?.messages.length)).toEqual([1, 3, 5]);
    // Two tool calls, each run once (the checkpoint carries the first worker's results).
    expect(run.toolCalls?.map((c) => c.name)).toEqual(['calc_dwelling_load', 'calc_dwelling_load']);
    // 1000 + 2000 + 3000 input, 50 + 60 + 70 output.
    expect(run.usage?.inputTokens).toBe(sum('input_tokens'));
    expect(run.usage?.outputTokens).toBe(sum('output_tokens'));
    // The run is shown queued with its reason between the two workers.
    const events = await database.handle.db
      .select()
      .from(agentRunEvents)
      .where(eq(agentRunEvents.runId, runId))
      .orderBy(asc(agentRunEvents.seq));
    const statuses = events.filter((e) => e.type === 'status').map((e) => e.data as Record<string, unknown>);
    expect(statuses.map((s) => s.status)).toEqual(['processing', 'queued', 'processing', 'completed']);
    expect(statuses[1]).toMatchObject({ reason: 'worker_shutdown', steps: 2 });
    const completedJob = await queue.getJob(runId);
    // Only the second worker's successful attempt was counted.
    expect(completedJob?.attemptsMade).toBe(1);
  }, 300_000);

  it('aborts a model request that would outlast the grace, hands the run over before the deadline, and the step is asked again once', async () => {
    fake.requests.length = 0;
    // Step 2 takes 60 s the first time (longer than the 10 s grace), 50 ms when asked again.
    delayOf = (messages, askedBefore) => (messages === 3 && askedBefore === 0 ? 60_000 : 50);
    const first = await startWorker();
    const runId = await submitRun();

    const { code, exitAfterMs } = await sigtermDuring(first, 2);
    console.log(`agent-sigterm (deadline abort): exit ${code} ${exitAfterMs} ms after SIGTERM`);
    expect(code, first.output().slice(-2000)).toBe(0);
    expect(exitAfterMs).toBeLessThan(GRACE_MS);
    expect((await loadRun(runId))?.status).toBe('queued');
    expect((await queue.getJob(runId))?.attemptsMade).toBe(0);

    await startWorker();
    const run = await waitCompleted(runId);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    // Step 1 once; step 2 aborted then asked again; step 3 once.
    expect(fake.requests.map((r) => r.body?.messages.length)).toEqual([1, 3, 3, 5]);
    expect(run.toolCalls).toHaveLength(2);
    // The aborted request reported no usage: the sum is that of the three answered steps.
    expect(run.usage?.inputTokens).toBe(sum('input_tokens'));
    expect(run.usage?.outputTokens).toBe(sum('output_tokens'));
  }, 300_000);

  it('after a SIGKILL, resumes from the checkpoint of the last completed step: only the step in flight is asked again', async () => {
    fake.requests.length = 0;
    // Step 2 hangs the first time: the worker is killed while waiting for it.
    delayOf = (messages, askedBefore) => (messages === 3 && askedBefore === 0 ? 60_000 : 50);
    const first = await startWorker();
    const runId = await submitRun();
    await waitFor(async () => (fake.requests.length >= 2 ? true : undefined), {
      timeoutMs: 30_000,
      intervalMs: 20,
      what: 'step 2 asked',
    });
    first.kill('SIGKILL');
    await first.exited;

    // The job's lock (5 s) expires; the second worker's stalled check takes it over.
    await startWorker();
    const run = await waitCompleted(runId);
    expect(run.status, JSON.stringify(run.error)).toBe('completed');
    // Step 1 was checkpointed after its tool ran: it is not asked again.
    expect(fake.requests.map((r) => r.body?.messages.length)).toEqual([1, 3, 3, 5]);
    expect(run.toolCalls).toHaveLength(2);
    expect(run.usage?.inputTokens).toBe(sum('input_tokens'));
    expect(run.usage?.outputTokens).toBe(sum('output_tokens'));
  }, 300_000);
});
