import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, uniqueName } from '@saeq/testing';
import { type PlanLedger, type RunLedger, waitSettled } from '../lib/invariants.ts';
import { ChaosClient, submitAtRate } from '../lib/load.ts';
import { type Connection, startGatewayProcess, WorkerFleet } from '../lib/saeq-processes.ts';

/**
 * Scenario shared by every replicated Redis set-up (Sentinel, Cluster): the Redis primary that
 * holds SAEQ's keys is SIGKILLed while plans and agent runs arrive; a replica is promoted, and the
 * gateway and every worker must follow it without a restart. Replication is asynchronous, so jobs
 * added just before the kill may be missing on the new primary: Postgres holds every accepted plan
 * and run, and the workers' reconcilers enqueue again what is unsettled there. Nothing accepted
 * may be lost or done twice.
 */

/** A running replicated Redis, as the scenario needs it. */
export type RedisTopology = {
  /** For the log: what runs where. */
  description: string;
  /** REDIS_URL of the services. */
  redisUrl: string;
  /** Other variables the services need (REDIS_SENTINELS, REDIS_CLUSTER_NODES…). */
  env: Record<string, string>;
  /** SIGKILLs the primary holding the keys of queue prefix `prefix`; returns its address. */
  killPrimary(prefix: string): string;
  /** Waits until a replica serves those keys instead of `killed`; returns its address. */
  waitPromoted(prefix: string, killed: string, timeoutMs: number): Promise<string>;
  destroy(): Promise<void>;
};

export type RedisFailoverOptions = {
  jobs: number;
  perSecond: number;
  planShare: number;
  /** The primary is killed this long after the load starts. */
  killAfterMs: number;
  settleTimeoutMs: number;
  log?: (line: string) => void;
};

export type RedisFailoverReport = {
  accepted: { plans: number; runs: number };
  answers: Record<string, number>;
  killed: string;
  promoted: string;
  /** From the kill until the promoted replica served SAEQ's keys. */
  failoverMs: number;
  plans: PlanLedger;
  runs: RunLedger;
  settledAfterMs: number;
  lost: number;
  duplicated: number;
};

export async function redisFailoverScenario(
  name: string,
  startTopology: () => Promise<RedisTopology>,
  opts: RedisFailoverOptions,
): Promise<RedisFailoverReport> {
  const log = opts.log ?? (() => {});
  const [db, topology] = await Promise.all([createTestDatabase(), startTopology()]);
  const prefix = uniqueName(`chaos_${name.replaceAll('-', '_')}`);
  const dataDir = mkdtempSync(join(tmpdir(), `saeq-chaos-${name}-data-`));
  const conn: Connection = { databaseUrl: db.url, redisUrl: topology.redisUrl, prefix, dataDir };
  // Reconcilers every 5 s: what the failover lost from Redis is enqueued again quickly.
  const fleet = new WorkerFleet(
    conn,
    { 'worker-pdf': 1, 'worker-bom': 1, 'worker-agents': 1 },
    { restartDelayMs: 500, env: { ...topology.env, RECONCILE_INTERVAL_MS: '5000' } },
  );
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  try {
    [gateway] = await Promise.all([startGatewayProcess(conn, topology.env), fleet.start()]);
    const gw = gateway;
    const client = new ChaosClient(() => gw.url, gw.key);
    log(`${name}: ${topology.description}; ${opts.jobs} jobs at ${opts.perSecond}/s`);
    const failover = (async () => {
      await new Promise((r) => setTimeout(r, opts.killAfterMs));
      const killedAt = Date.now();
      const killed = topology.killPrimary(prefix);
      log(`  SIGKILL primary ${killed}`);
      const promoted = await topology.waitPromoted(prefix, killed, 60_000);
      const failoverMs = Date.now() - killedAt;
      log(`  promoted ${promoted} after ${failoverMs} ms`);
      return { killed, promoted, failoverMs };
    })();
    await submitAtRate(client, { total: opts.jobs, perSecond: opts.perSecond, planShare: opts.planShare });
    const { killed, promoted, failoverMs } = await failover;
    const settled = await waitSettled(
      db.url,
      client.accepted('plan'),
      client.accepted('run'),
      opts.settleTimeoutMs,
    );
    const { plans, runs } = settled;
    return {
      accepted: { plans: client.accepted('plan').length, runs: client.accepted('run').length },
      answers: client.statusCounts(),
      killed,
      promoted,
      failoverMs,
      plans,
      runs,
      settledAfterMs: settled.settledAfterMs,
      lost: plans.pending + plans.missing + runs.pending + runs.missing,
      duplicated: plans.rewrittenResults + runs.duplicateTerminalEvents,
    };
  } finally {
    await fleet.stop();
    await gateway?.stop();
    await db.drop();
    await topology.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
