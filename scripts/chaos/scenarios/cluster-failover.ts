import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, startRedisCluster, uniqueName } from '@saeq/testing';
import { type PlanLedger, type RunLedger, waitSettled } from '../lib/invariants.ts';
import { ChaosClient, submitAtRate } from '../lib/load.ts';
import { type Connection, startGatewayProcess, WorkerFleet } from '../lib/saeq-processes.ts';

/**
 * Scenario: Redis Cluster of three primaries with a replica each; the primary serving SAEQ's slot
 * (every key shares the hash tag `{QUEUE_PREFIX}`, so one primary holds all of them) is SIGKILLed
 * while plans and agent runs arrive. The cluster promotes its replica after
 * `cluster-node-timeout` (2 s here); the gateway's and workers' cluster clients learn the new slot
 * map and carry on without a restart. Replication is asynchronous, so jobs added just before the
 * kill may be missing on the promoted replica: Postgres holds every accepted plan and run, and the
 * workers' reconcilers enqueue again what is unsettled there. Nothing accepted may be lost or done
 * twice.
 */

export type ClusterFailoverOptions = {
  jobs: number;
  perSecond: number;
  planShare: number;
  /** The primary is killed this long after the load starts. */
  killAfterMs: number;
  settleTimeoutMs: number;
  log?: (line: string) => void;
};

export type ClusterFailoverReport = {
  accepted: { plans: number; runs: number };
  answers: Record<string, number>;
  killed: string;
  promoted: string;
  /** From the kill until the slot had a new primary and every surviving node said cluster_state:ok. */
  failoverMs: number;
  plans: PlanLedger;
  runs: RunLedger;
  settledAfterMs: number;
  lost: number;
  duplicated: number;
};

export async function clusterFailoverScenario(opts: ClusterFailoverOptions): Promise<ClusterFailoverReport> {
  const log = opts.log ?? (() => {});
  const [db, cluster] = await Promise.all([
    createTestDatabase(),
    startRedisCluster(3, { replicasPerPrimary: 1 }),
  ]);
  const prefix = uniqueName('chaos_cluster');
  const dataDir = mkdtempSync(join(tmpdir(), 'saeq-chaos-cluster-data-'));
  // REDIS_URL gives only credentials (none here); REDIS_CLUSTER_NODES makes each service a cluster
  // client and wraps QUEUE_PREFIX in a hash tag (packages/shared/src/env).
  const conn: Connection = { databaseUrl: db.url, redisUrl: 'redis://127.0.0.1:6379', prefix, dataDir };
  const clusterEnv = cluster.env;
  // Reconcilers every 5 s: what the failover lost from Redis is enqueued again quickly.
  const fleet = new WorkerFleet(
    conn,
    { 'worker-pdf': 1, 'worker-bom': 1, 'worker-agents': 1 },
    { restartDelayMs: 500, env: { ...clusterEnv, RECONCILE_INTERVAL_MS: '5000' } },
  );
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  try {
    [gateway] = await Promise.all([startGatewayProcess(conn, clusterEnv), fleet.start()]);
    const gw = gateway;
    const client = new ChaosClient(() => gw.url, gw.key);
    const tag = `{${prefix}}`;
    const target = cluster.primaryFor(tag);
    log(
      `cluster-failover: 3 primaries + 3 replicas; ${tag} on ${target}; ${opts.jobs} jobs at ${opts.perSecond}/s`,
    );
    const failover = (async () => {
      await new Promise((r) => setTimeout(r, opts.killAfterMs));
      const killedAt = Date.now();
      cluster.killNode(target);
      log(`  SIGKILL primary ${target}`);
      const promoted = await cluster.waitPromoted(tag, target, 30_000);
      const failoverMs = Date.now() - killedAt;
      log(`  promoted ${promoted} after ${failoverMs} ms`);
      return { promoted, failoverMs };
    })();
    await submitAtRate(client, { total: opts.jobs, perSecond: opts.perSecond, planShare: opts.planShare });
    const { promoted, failoverMs } = await failover;
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
      killed: target,
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
    await cluster.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
