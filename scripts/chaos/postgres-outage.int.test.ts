import { describe, expect, it } from 'vitest';
import { dependencyOutageScenario } from './scenarios/dependency-outage.ts';

// Chaos, short version: Postgres (a cluster this test creates with initdb on its own port) is
// stopped for 10 s while a backlog of plans and agent runs is being worked through, then
// started again. Jobs must retry and land once it is back; no stage completed without its result.

describe('chaos: Postgres unavailable mid-run', () => {
  it('retries jobs until Postgres is back, loses nothing, answers 503 + Retry-After meanwhile', async () => {
    const report = await dependencyOutageScenario({
      dependency: 'postgres',
      jobs: 400,
      perSecond: 3,
      planShare: 0.4,
      replicas: { 'worker-pdf': 1, 'worker-bom': 1, 'worker-agents': 1 },
      restarts: 1,
      outageMs: 10_000,
      gapMs: 5000,
      // A backlog of analyses, and many agent runs in flight when Postgres goes away.
      burstBeforeOutage: { plans: 12, runs: 60 },
      // The backlog of analyses now survives the outage and is worked through first (FIFO), so
      // the plan-analysis canary waits behind ~20 analyses (> 30 s on a busy 2-core machine);
      // `firstTakenAfterMs` in the report shows how soon the queue was consumed again.
      canaryTimeoutMs: 90_000,
      settleTimeoutMs: 90_000,
      log: (line) => console.log(line),
    });
    console.log(`postgres-outage: ${JSON.stringify({ ...report, plans: undefined, runs: undefined })}`);
    console.log(`ledgers: ${JSON.stringify({ plans: report.plans, runs: report.runs })}`);

    const [outage] = report.outages;
    // Results only ever land with their stage: never "completed" without a result row.
    expect.soft(report.plans.completedWithoutResult).toBe(0);
    expect.soft(report.duplicated).toBe(0);
    for (const [name, r] of Object.entries(outage?.readiness ?? {})) {
      expect.soft(r.sawNotReady, `${name} not ready during the outage`).toBe(true);
      expect.soft(r.readyAfterMs, `${name} ready again`).not.toBeNull();
    }
    for (const canary of outage?.canaries ?? [])
      expect.soft(canary.consumedAfterMs, `${canary.queue} consumed after the restart`).not.toBeNull();
    // Every accepted job retried through the outage and completed.
    expect.soft(report.plans.pendingIds, 'plans stuck after the outage').toEqual([]);
    expect.soft(report.runs.pendingIds, 'runs stuck after the outage').toEqual([]);
    expect.soft(report.bullFailed.map((j) => `${j.queue} ${j.id}`)).toEqual([]);
    expect.soft(report.lost).toBe(0);
    // The workers rode out the outage by themselves: none of them died and had to be restarted.
    expect
      .soft(report.workerRestarts)
      .toEqual(Object.fromEntries(Object.keys(report.workerRestarts).map((k) => [k, 0])));
    expect.soft(report.plans.completed).toBe(report.accepted.plans);
    expect.soft(report.runs.completed).toBe(report.accepted.runs);
    // API contract: dependency down → 503 with Retry-After (never 500).
    expect.soft(outage?.answersDuringOutage['500'] ?? 0, 'answers 500 while Postgres is down').toBe(0);
    expect.soft(outage?.answersDuringOutage['503'] ?? 0).toBeGreaterThan(0);
    expect.soft(outage?.retryAfterOn503[0]).toBe(outage?.retryAfterOn503[1]);
  }, 300_000);
});
