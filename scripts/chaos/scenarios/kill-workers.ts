import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, deleteQueuePrefix, testRedisUrl, uniqueName } from '@saeq/testing';
import { failedJobs, type PlanLedger, type RunLedger, waitSettled } from '../lib/invariants.ts';
import { ChaosClient, submitAtRate } from '../lib/load.ts';
import {
  type Connection,
  seededRandom,
  startGatewayProcess,
  WorkerFleet,
  type WorkerKind,
  workerKinds,
} from '../lib/saeq-processes.ts';

/**
 * Scenario 1: jobs across the plan pipeline and agent runs (offline mode) while worker
 * processes of every kind are SIGKILLed at random intervals and restarted by their supervisor.
 * Nothing accepted may be lost or done twice.
 */

export type KillWorkersOptions = {
  /** Submissions (plans + agent runs). */
  jobs: number;
  /** Fraction of submissions that are plans (each plan is three stage jobs). */
  planShare: number;
  perSecond: number;
  replicas: Record<WorkerKind, number>;
  /** A kill every [min, max] ms while the load runs. */
  killEveryMs: [number, number];
  restartDelayMs: number;
  seed: number;
  settleTimeoutMs: number;
  log?: (line: string) => void;
};

export type KillWorkersReport = {
  seed: number;
  submitted: { plans: number; runs: number };
  accepted: { plans: number; runs: number };
  plans: PlanLedger;
  runs: RunLedger;
  kills: Record<WorkerKind, number>;
  restarts: number;
  /** Jobs BullMQ itself failed for good (e.g. stalled more than maxStalledCount). */
  bullFailed: { queue: string; id: string | undefined; reason: string; attempts: number }[];
  loadMs: number;
  /** From the end of the load until every accepted job settled. */
  settledAfterMs: number;
  lost: number;
  duplicated: number;
};

export async function killWorkersScenario(opts: KillWorkersOptions): Promise<KillWorkersReport> {
  const log = opts.log ?? (() => {});
  const db = await createTestDatabase();
  const prefix = uniqueName('chaos_kill');
  const dataDir = mkdtempSync(join(tmpdir(), 'saeq-chaos-kill-'));
  const conn: Connection = { databaseUrl: db.url, redisUrl: testRedisUrl, prefix, dataDir };
  const fleet = new WorkerFleet(conn, opts.replicas, { restartDelayMs: opts.restartDelayMs });
  const random = seededRandom(opts.seed);
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  try {
    [gateway] = await Promise.all([startGatewayProcess(conn), fleet.start()]);
    const gw = gateway;
    log(`kill-workers: seed ${opts.seed}, ${opts.jobs} jobs at ${opts.perSecond}/s, fleet up`);
    const client = new ChaosClient(() => gw.url, gw.key);

    // Kills cycle through a fresh shuffle of the kinds, so every kind is hit, in random order.
    let order: WorkerKind[] = [];
    let killing = true;
    const killer = (async () => {
      while (killing) {
        const [min, max] = opts.killEveryMs;
        await new Promise((r) => setTimeout(r, min + random() * (max - min)));
        if (!killing) break;
        if (order.length === 0) order = [...workerKinds].sort(() => random() - 0.5);
        const kind = order.shift();
        const killed = fleet.killOne(random, kind);
        if (killed) log(`  SIGKILL ${killed.kind}#${killed.index} (pid ${killed.pid})`);
      }
    })();

    const loadStarted = Date.now();
    await submitAtRate(client, { total: opts.jobs, perSecond: opts.perSecond, planShare: opts.planShare });
    const loadMs = Date.now() - loadStarted;
    killing = false;
    await killer;
    log(`  load done in ${loadMs} ms; ${fleet.kills.length} kills; waiting for every job to settle`);

    const settled = await waitSettled(
      db.url,
      client.accepted('plan'),
      client.accepted('run'),
      opts.settleTimeoutMs,
      { redisUrl: testRedisUrl, prefix },
    );
    const bullFailed = await failedJobs(testRedisUrl, prefix);
    const kills = Object.fromEntries(workerKinds.map((k) => [k, 0])) as Record<WorkerKind, number>;
    for (const k of fleet.kills) kills[k.kind]++;
    const { plans, runs } = settled;
    return {
      seed: opts.seed,
      submitted: {
        plans: client.submissions.filter((s) => s.kind === 'plan').length,
        runs: client.submissions.filter((s) => s.kind === 'run').length,
      },
      accepted: { plans: client.accepted('plan').length, runs: client.accepted('run').length },
      plans,
      runs,
      kills,
      restarts: fleet.slots.reduce((n, s) => n + s.starts - 1, 0),
      bullFailed,
      loadMs,
      settledAfterMs: settled.settledAfterMs,
      lost: plans.pending + plans.missing + runs.pending + runs.missing,
      duplicated: plans.rewrittenResults + runs.duplicateTerminalEvents,
    };
  } finally {
    await fleet.stop();
    await gateway?.stop();
    await db.drop();
    await deleteQueuePrefix(prefix);
    rmSync(dataDir, { recursive: true, force: true });
  }
}
