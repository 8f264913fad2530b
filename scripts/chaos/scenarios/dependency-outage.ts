import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, deleteQueuePrefix, testRedisUrl, uniqueName } from '@saeq/testing';
import { reapStale, startOwnPostgres, startOwnRedis } from '../lib/infra.ts';
import { failedJobs, type PlanLedger, type RunLedger, waitSettled } from '../lib/invariants.ts';
import { ChaosClient, submitAtRate } from '../lib/load.ts';
import { type CanaryResult, HealthPoller, runCanaries } from '../lib/probes.ts';
import { type Connection, startGatewayProcess, WorkerFleet, type WorkerKind } from '../lib/saeq-processes.ts';

/**
 * Scenarios 2 and 3: a dependency — the Redis behind BullMQ (a redis-server this scenario owns,
 * AOF on) or Postgres (a cluster it creates with initdb) — is stopped and started again while
 * jobs arrive. During each outage the gateway must refuse new work with 503 and Retry-After
 * and every replica must report not ready; afterwards each must report ready again by itself
 * and prove it consumes (a canary job per queue); nothing accepted may be lost, nothing done
 * twice, and no stage may be completed without its result.
 */

export type Dependency = 'redis' | 'postgres';

export type OutageOptions = {
  dependency: Dependency;
  jobs: number;
  perSecond: number;
  planShare: number;
  replicas: Record<WorkerKind, number>;
  restarts: number;
  outageMs: number;
  /** Time between the start of the load (or the previous restart) and the next outage. */
  gapMs: number;
  /**
   * Jobs submitted at once just before each outage, so a backlog is being worked through while
   * the dependency is down (not only the jobs of the steady load in flight at that instant).
   */
  burstBeforeOutage: { plans: number; runs: number };
  /**
   * SIGKILL the dependency instead of stopping it cleanly (Redis only): it writes nothing on the
   * way down, so with `appendfsync everysec` up to a second of acknowledged writes is lost —
   * jobs added, jobs completed. Postgres, the source of truth, and the reconciler make up for it.
   */
  crash?: boolean;
  /** More environment for the workers (e.g. a shorter RECONCILE_INTERVAL_MS). */
  workerEnv?: Record<string, string>;
  /** WORKER_LOCK_DURATION_MS of the workers (default 30 000, the production default). */
  lockDurationMs?: number;
  canaryTimeoutMs: number;
  settleTimeoutMs: number;
  log?: (line: string) => void;
};

export type OutageRecord = {
  /** Duration the dependency was down (ms). */
  downMs: number;
  /** POST answers while it was down, by status. */
  answersDuringOutage: Record<string, number>;
  /** 503 answers during the outage that carried Retry-After / all 503 answers. */
  retryAfterOn503: [number, number];
  /** From the restart until the first 202 of the gateway. */
  firstAcceptedAfterMs: number | null;
  /** Per worker replica and the gateway: not-ready seen during the outage, ready again after. */
  readiness: Record<string, { sawNotReady: boolean; readyAfterMs: number | null }>;
  canaries: CanaryResult[];
};

export type OutageReport = {
  dependency: Dependency;
  submitted: { plans: number; runs: number };
  accepted: { plans: number; runs: number };
  statusCounts: Record<string, number>;
  outages: OutageRecord[];
  plans: PlanLedger;
  runs: RunLedger;
  bullFailed: { queue: string; id: string | undefined; reason: string; attempts: number }[];
  /** Worker processes that died during the run (restarted by the supervisor), per replica. */
  workerRestarts: Record<string, number>;
  settledAfterMs: number;
  lost: number;
  duplicated: number;
};

/** Per-status counts of the client's attempts between two instants. */
export function answersBetween(client: ChaosClient, from: number, to: number) {
  const counts: Record<string, number> = {};
  let with503 = 0;
  let total503 = 0;
  for (const s of client.submissions)
    for (const a of s.attempts) {
      if (a.at < from || a.at > to) continue;
      counts[String(a.status)] = (counts[String(a.status)] ?? 0) + 1;
      if (a.status === 503) {
        total503++;
        if (a.retryAfter) with503++;
      }
    }
  return { counts, retryAfterOn503: [with503, total503] as [number, number] };
}

export function firstAcceptedAfter(client: ChaosClient, from: number): number | null {
  let first: number | null = null;
  for (const s of client.submissions)
    for (const a of s.attempts)
      if (a.status === 202 && a.at >= from && (first === null || a.at < first)) first = a.at;
  return first === null ? null : first - from;
}

export async function dependencyOutageScenario(opts: OutageOptions): Promise<OutageReport> {
  const log = opts.log ?? (() => {});
  await reapStale();
  const ownRedis = opts.dependency === 'redis' ? await startOwnRedis() : null;
  const ownPostgres = opts.dependency === 'postgres' ? await startOwnPostgres() : null;
  const sharedDb = ownPostgres ? null : await createTestDatabase();
  const databaseUrl = ownPostgres?.url ?? sharedDb?.url ?? '';
  const redisUrl = ownRedis?.url ?? testRedisUrl;
  const prefix = uniqueName(`chaos_${opts.dependency}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'saeq-chaos-outage-'));
  const conn: Connection = { databaseUrl, redisUrl, prefix, dataDir };
  const broken = ownRedis ?? ownPostgres;
  if (!broken) throw new Error(`unknown dependency ${opts.dependency}`);
  if (opts.crash && !ownRedis) throw new Error('crash (SIGKILL) is implemented for Redis only');
  const takeDown = () => (opts.crash && ownRedis ? ownRedis.kill() : broken.stop());
  // Production lock duration (30 s): an outage shorter than the lock must not make any job run
  // twice. (With 5 s locks, a 15 s Redis outage re-ran 2 of 1 359 stages; see docs/reliability.md.)
  const fleet = new WorkerFleet(conn, opts.replicas, {
    restartDelayMs: 500,
    env: { WORKER_LOCK_DURATION_MS: String(opts.lockDurationMs ?? 30_000), ...opts.workerEnv },
  });
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  let poller: HealthPoller | undefined;
  try {
    [gateway] = await Promise.all([startGatewayProcess(conn), fleet.start()]);
    const gw = gateway;
    const client = new ChaosClient(() => gw.url, gw.key);
    poller = new HealthPoller([
      { name: 'gateway', url: gw.url },
      ...fleet.healthUrls().map((h) => ({ name: `${h.kind}#${h.index}`, url: h.url })),
    ]);
    poller.start();
    const p = poller;
    log(`${opts.dependency} outage: fleet up; up to ${opts.jobs} jobs at ${opts.perSecond}/s`);

    // The load runs until the last outage is over and `gapMs` more.
    let outagesDone = false;
    let stopAt = Number.POSITIVE_INFINITY;
    const load = submitAtRate(client, {
      total: opts.jobs,
      perSecond: opts.perSecond,
      planShare: opts.planShare,
      giveUpAfterMs: 300_000,
      stop: () => outagesDone && Date.now() >= stopAt,
    });
    const outages: OutageRecord[] = [];
    for (let i = 0; i < opts.restarts; i++) {
      await new Promise((r) => setTimeout(r, opts.gapMs));
      const { plans: burstPlans, runs: burstRuns } = opts.burstBeforeOutage;
      await Promise.all(
        Array.from({ length: burstPlans + burstRuns }, (_, k) =>
          client.submit(k < burstPlans ? 'plan' : 'run', 100_000 * (i + 1) + k),
        ),
      );
      const down = Date.now();
      await takeDown();
      log(`  ${opts.dependency} ${opts.crash ? 'killed (SIGKILL)' : 'stopped'} (outage ${i + 1})`);
      await new Promise((r) => setTimeout(r, opts.outageMs));
      await broken.start();
      const up = Date.now();
      log(`  ${opts.dependency} started after ${up - down} ms; canaries…`);
      const canaries = await runCanaries(redisUrl, prefix, randomUUID(), opts.canaryTimeoutMs, up);
      // Give readiness a moment to be observed after the canaries (they prove consumption).
      await new Promise((r) => setTimeout(r, 1000));
      const answers = answersBetween(client, down, up);
      const readiness = Object.fromEntries(
        [...p.samples.keys()].map((name) => [name, p.reflects(name, down, up)]),
      );
      outages.push({
        downMs: up - down,
        answersDuringOutage: answers.counts,
        retryAfterOn503: answers.retryAfterOn503,
        firstAcceptedAfterMs: firstAcceptedAfter(client, up),
        readiness,
        canaries,
      });
      log(
        `  canaries: ${canaries.map((c) => `${c.queue} ${c.consumedAfterMs ?? 'NOT CONSUMED'} ms (first job taken ${c.firstTakenAfterMs ?? '-'} ms after the restart)`).join(', ')}`,
      );
    }
    outagesDone = true;
    stopAt = Date.now() + opts.gapMs;
    await load;
    log('  load done; waiting for every job to settle');
    const settled = await waitSettled(
      databaseUrl,
      client.accepted('plan'),
      client.accepted('run'),
      opts.settleTimeoutMs,
      { redisUrl, prefix },
    );
    p.stop();
    const { plans, runs } = settled;
    return {
      dependency: opts.dependency,
      submitted: {
        plans: client.submissions.filter((s) => s.kind === 'plan').length,
        runs: client.submissions.filter((s) => s.kind === 'run').length,
      },
      accepted: { plans: client.accepted('plan').length, runs: client.accepted('run').length },
      statusCounts: client.statusCounts(),
      outages,
      plans,
      runs,
      bullFailed: (await failedJobs(redisUrl, prefix)).filter((j) => !j.id?.startsWith('canary_')),
      workerRestarts: Object.fromEntries(
        fleet.slots.map((slot) => [`${slot.kind}#${slot.index}`, slot.starts - 1]),
      ),
      settledAfterMs: settled.settledAfterMs,
      lost: plans.pending + plans.missing + runs.pending + runs.missing,
      duplicated: plans.rewrittenResults + runs.duplicateTerminalEvents,
    };
  } finally {
    poller?.stop();
    await fleet.stop();
    await gateway?.stop();
    await ownRedis?.destroy();
    await ownPostgres?.destroy();
    await sharedDb?.drop();
    if (!ownRedis) await deleteQueuePrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
