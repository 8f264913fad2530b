import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createTestDatabase, uniqueName } from '@saeq/testing';
import { type PlanLedger, type RunLedger, waitSettled } from '../lib/invariants.ts';
import { ChaosClient, submitAtRate } from '../lib/load.ts';
import { type Connection, startGatewayProcess, WorkerFleet } from '../lib/saeq-processes.ts';
import { startSentinelGroup } from '../lib/sentinel.ts';

/**
 * Scenario: Redis behind Sentinel (a primary, a replica, three sentinels); the primary is
 * SIGKILLed while plans and agent runs arrive. The sentinels promote the replica; the gateway
 * and every worker follow it without a restart (createRedis asks the sentinels at each
 * reconnection). Replication is asynchronous, so jobs added just before the kill may be missing
 * on the new primary: Postgres holds every accepted plan and run, and the workers' reconcilers
 * enqueue again what is unsettled there. Nothing accepted may be lost or done twice.
 */

export type SentinelFailoverOptions = {
  jobs: number;
  perSecond: number;
  planShare: number;
  /** The primary is killed this long after the load starts. */
  killAfterMs: number;
  settleTimeoutMs: number;
  log?: (line: string) => void;
};

export type SentinelFailoverReport = {
  accepted: { plans: number; runs: number };
  answers: Record<string, number>;
  killedPort: number;
  promotedPort: number;
  /** From the kill until the sentinels named a writable new primary. */
  failoverMs: number;
  plans: PlanLedger;
  runs: RunLedger;
  settledAfterMs: number;
  lost: number;
  duplicated: number;
};

export async function sentinelFailoverScenario(
  opts: SentinelFailoverOptions,
): Promise<SentinelFailoverReport> {
  const log = opts.log ?? (() => {});
  const [db, group] = await Promise.all([createTestDatabase(), startSentinelGroup()]);
  const prefix = uniqueName('chaos_sentinel');
  const dataDir = mkdtempSync(join(tmpdir(), 'saeq-chaos-sentinel-data-'));
  const conn: Connection = { databaseUrl: db.url, redisUrl: group.url, prefix, dataDir };
  // Reconcilers every 5 s: what the failover lost from Redis is enqueued again quickly.
  const fleet = new WorkerFleet(
    conn,
    { 'worker-pdf': 1, 'worker-bom': 1, 'worker-agents': 1 },
    { restartDelayMs: 500, env: { RECONCILE_INTERVAL_MS: '5000' } },
  );
  let gateway: Awaited<ReturnType<typeof startGatewayProcess>> | undefined;
  try {
    [gateway] = await Promise.all([startGatewayProcess(conn), fleet.start()]);
    const gw = gateway;
    const client = new ChaosClient(() => gw.url, gw.key);
    log(
      `sentinel-failover: primary ${group.primaryPort}, replica ${group.replicaPort}; ${opts.jobs} jobs at ${opts.perSecond}/s`,
    );
    const failover = (async () => {
      await new Promise((r) => setTimeout(r, opts.killAfterMs));
      const killedAt = Date.now();
      const killedPort = group.killPrimary();
      log(`  SIGKILL primary ${killedPort}`);
      const promotedPort = await group.waitFailover(killedPort, 60_000);
      const failoverMs = Date.now() - killedAt;
      log(`  promoted ${promotedPort} after ${failoverMs} ms`);
      return { killedPort, promotedPort, failoverMs };
    })();
    await submitAtRate(client, { total: opts.jobs, perSecond: opts.perSecond, planShare: opts.planShare });
    const { killedPort, promotedPort, failoverMs } = await failover;
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
      killedPort,
      promotedPort,
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
    await group.destroy();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
