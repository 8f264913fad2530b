import { randomUUID } from 'node:crypto';
import { enqueue, openQueue, type QueueKey, queues } from '@saeq/shared/queues';
import { Redis } from 'ioredis';

/**
 * Observers for outage scenarios: a health poller recording each endpoint's /health/ready
 * answers over time, and canary jobs proving each queue is consumed again after a restart
 * (BullMQ workers can look alive yet take nothing after a reconnect).
 */

export type HealthSample = { at: number; status: number };

export class HealthPoller {
  readonly samples = new Map<string, HealthSample[]>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly endpoints: { name: string; url: string }[],
    private readonly everyMs = 250,
  ) {
    for (const e of endpoints) this.samples.set(e.name, []);
  }

  start(): void {
    const tick = async () => {
      await Promise.all(
        this.endpoints.map(async (e) => {
          const at = Date.now();
          const status = await fetch(`${e.url}/health/ready`, { signal: AbortSignal.timeout(3000) }).then(
            async (r) => {
              await r.arrayBuffer();
              return r.status;
            },
            () => 0,
          );
          this.samples.get(e.name)?.push({ at, status });
        }),
      );
      this.timer = setTimeout(tick, this.everyMs);
    };
    void tick();
  }

  stop(): void {
    clearTimeout(this.timer);
  }

  /**
   * For one endpoint and an outage [from, to]: whether it reported not-ready during it, and how
   * long after `to` it first answered 200 again (null if it never did).
   */
  reflects(name: string, from: number, to: number): { sawNotReady: boolean; readyAfterMs: number | null } {
    const samples = this.samples.get(name) ?? [];
    const sawNotReady = samples.some((s) => s.at >= from && s.at <= to && s.status !== 200);
    const back = samples.find((s) => s.at >= to && s.status === 200);
    return { sawNotReady, readyAfterMs: back ? back.at - to : null };
  }
}

export type CanaryResult = {
  queue: string;
  /** From adding the canary until a worker finished it (includes waiting behind a backlog). */
  consumedAfterMs: number | null;
  processedBy: string | null;
  /** From `since` (the restart) until a worker first took any job of this queue. */
  firstTakenAfterMs: number | null;
};

/**
 * Adds one job to every queue (payloads naming entities that do not exist, so each processor
 * finishes at once: plan deleted, run deleted, BOM deleted, organisation missing) and waits
 * until each is finished by a worker. `consumedAfterMs` is null when a queue took nothing
 * within `timeoutMs`.
 */
export async function runCanaries(
  redisUrl: string,
  prefix: string,
  organisationId: string,
  timeoutMs: number,
  since: number = Date.now(),
): Promise<CanaryResult[]> {
  const connection = new Redis(redisUrl, { maxRetriesPerRequest: 3 });
  connection.on('error', () => {});
  const tag = Date.now().toString(36);
  const id = randomUUID;
  const payloads: Record<QueueKey, Record<string, unknown>> = {
    planAnalysis: { planId: id(), organisationId, fileSha256: '0'.repeat(64), edition: '2026' },
    planCompliance: { planId: id(), organisationId, edition: '2026' },
    planBom: { planId: id(), organisationId },
    agentRun: { runId: id(), organisationId, agentId: 'electrical-calculator' },
    bomBuild: { bomId: id(), organisationId },
    planComparison: { comparisonId: id(), organisationId },
    webhook: {
      organisationId: id(),
      event: 'plan.completed',
      resourceId: id(),
      url: 'http://127.0.0.1:9/canary',
    },
  };
  try {
    return await Promise.all(
      (Object.keys(queues) as QueueKey[]).map(async (key) => {
        const def = queues[key];
        const queue = openQueue(def, connection, prefix);
        try {
          const added = Date.now();
          const job = await enqueue(queue, def, payloads[key] as never, {
            jobId: `canary_${key}_${tag}`,
            attempts: 1,
          });
          const deadline = added + timeoutMs;
          let consumed: { at: number; takenAt: number; by: string | null } | null = null;
          while (Date.now() < deadline && consumed === null) {
            const current = job.id ? await queue.getJob(job.id) : undefined;
            if (current?.finishedOn)
              consumed = {
                at: current.finishedOn,
                // A worker that finished a job during the outage sends that command (with its
                // timestamp, taken before the restart) from ioredis's offline queue once Redis is
                // back, and BullMQ's fetch-next in the same call stamps the canary with it: the
                // canary cannot have been taken before it was added.
                takenAt: Math.max(current.processedOn ?? current.finishedOn, added),
                by: current.processedBy ?? null,
              };
            else await new Promise((r) => setTimeout(r, 100));
          }
          // The earliest job of this queue a worker took after the restart (the canary or any
          // other; the canary itself counts even when the listing below misses it).
          const taken = (await queue.getJobs(['active', 'completed', 'failed'], 0, 2000))
            .map((j) => j.processedOn ?? 0)
            .concat(consumed ? [consumed.takenAt] : [])
            .filter((t) => t >= since);
          return {
            queue: def.name,
            consumedAfterMs: consumed ? consumed.at - added : null,
            processedBy: consumed?.by ?? null,
            firstTakenAfterMs: taken.length > 0 ? Math.min(...taken) - since : null,
          };
        } finally {
          await queue.close();
        }
      }),
    );
  } finally {
    connection.disconnect();
  }
}
