import { describe, expect, it } from 'vitest';
import { dependencyOutageScenario } from './scenarios/dependency-outage.ts';

// Chaos, short version: the Redis behind BullMQ (its own redis-server, AOF on) is restarted
// twice while plans and agent runs arrive, each time right after a burst of submissions.

describe('chaos: Redis restarted mid-run', () => {
  it('refuses with 503 + Retry-After while down, recovers by itself, loses nothing', async () => {
    const report = await dependencyOutageScenario({
      dependency: 'redis',
      jobs: 400,
      perSecond: 4,
      planShare: 0.35,
      replicas: { 'worker-pdf': 1, 'worker-bom': 1, 'worker-agents': 1 },
      restarts: 2,
      outageMs: 5000,
      gapMs: 5000,
      burstBeforeOutage: { plans: 5, runs: 5 },
      canaryTimeoutMs: 30_000,
      settleTimeoutMs: 120_000,
      log: (line) => console.log(line),
    });
    console.log(`redis-restart: ${JSON.stringify({ ...report, plans: undefined, runs: undefined })}`);
    console.log(`ledgers: ${JSON.stringify({ plans: report.plans, runs: report.runs })}`);

    expect.soft(report.outages).toHaveLength(2);
    for (const outage of report.outages) {
      // New work is refused cleanly while Redis is down: 503 with Retry-After, nothing else.
      expect.soft(outage.answersDuringOutage['503'] ?? 0).toBeGreaterThan(0);
      expect
        .soft(Object.keys(outage.answersDuringOutage).filter((s) => s !== '503' && s !== '202'))
        .toEqual([]);
      expect.soft(outage.retryAfterOn503[0]).toBe(outage.retryAfterOn503[1]);
      // Every replica (and the gateway) reported the outage and its recovery on /health/ready.
      for (const [name, r] of Object.entries(outage.readiness)) {
        expect.soft(r.sawNotReady, `${name} not ready during the outage`).toBe(true);
        expect.soft(r.readyAfterMs, `${name} ready again`).not.toBeNull();
        expect.soft(r.readyAfterMs ?? Number.POSITIVE_INFINITY).toBeLessThan(20_000);
      }
      // Each queue is consumed again within a bounded time (not merely "connected"): its canary
      // is finished, and a worker took a job of that queue soon after the restart.
      for (const canary of outage.canaries) {
        expect.soft(canary.consumedAfterMs, `${canary.queue} canary consumed`).not.toBeNull();
        expect
          .soft(canary.firstTakenAfterMs ?? Number.POSITIVE_INFINITY, `${canary.queue} taking jobs again`)
          .toBeLessThan(15_000);
      }
      expect.soft(outage.firstAcceptedAfterMs).not.toBeNull();
    }
    expect.soft(report.plans.pendingIds).toEqual([]);
    expect.soft(report.runs.pendingIds).toEqual([]);
    expect.soft(report.plans.failures).toEqual([]);
    expect.soft(report.runs.failures).toEqual([]);
    expect.soft(report.bullFailed).toEqual([]);
    expect.soft(report.lost).toBe(0);
    // The workers rode out the outage by themselves: none of them died and had to be restarted.
    expect
      .soft(report.workerRestarts)
      .toEqual(Object.fromEntries(Object.keys(report.workerRestarts).map((k) => [k, 0])));
    expect.soft(report.duplicated).toBe(0);
    expect.soft(report.plans.completedWithoutResult).toBe(0);
    expect.soft(report.plans.completed).toBe(report.accepted.plans);
    expect.soft(report.runs.completed).toBe(report.accepted.runs);
  }, 300_000);
});
