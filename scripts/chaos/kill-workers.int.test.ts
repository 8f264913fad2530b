import { describe, expect, it } from 'vitest';
import { killWorkersScenario } from './scenarios/kill-workers.ts';

// Chaos, short version for CI (`pnpm chaos`; the long one is scripts/chaos/run.ts): 150 jobs —
// plans through the three-stage pipeline and offline agent runs — while worker processes of
// every kind are SIGKILLed at random and restarted. Nothing accepted may be lost or done twice.

describe('chaos: workers SIGKILLed under load', () => {
  it('completes every accepted job exactly once while workers of every kind die', async () => {
    const seed = Number(process.env.CHAOS_SEED ?? Date.now() % 100_000);
    const report = await killWorkersScenario({
      jobs: 150,
      planShare: 0.35,
      perSecond: 6,
      replicas: { 'worker-pdf': 2, 'worker-bom': 1, 'worker-agents': 1 },
      killEveryMs: [1500, 3500],
      restartDelayMs: 300,
      seed,
      settleTimeoutMs: 150_000,
      log: (line) => console.log(line),
    });
    console.log(
      `kill-workers (seed ${seed}): ${JSON.stringify({
        submitted: report.submitted,
        accepted: report.accepted,
        completed: { plans: report.plans.completed, runs: report.runs.completed },
        lost: report.lost,
        duplicated: report.duplicated,
        kills: report.kills,
        restarts: report.restarts,
        loadMs: report.loadMs,
        settledAfterMs: report.settledAfterMs,
      })}`,
    );

    expect.soft(report.accepted).toEqual(report.submitted);
    for (const count of Object.values(report.kills)) expect.soft(count).toBeGreaterThanOrEqual(1);
    expect.soft(report.plans.pendingIds, 'plans never settled').toEqual([]);
    expect.soft(report.runs.pendingIds, 'runs never settled').toEqual([]);
    expect.soft(report.plans.failures).toEqual([]);
    expect.soft(report.runs.failures).toEqual([]);
    expect.soft(report.bullFailed).toEqual([]);
    expect.soft(report.lost).toBe(0);
    expect.soft(report.plans.missing + report.runs.missing).toBe(0);
    // One result row per (plan, stage), each written once; each run finished once.
    expect.soft(report.plans.resultRows).toBe(3 * report.accepted.plans);
    expect.soft(report.plans.completedWithoutResult).toBe(0);
    expect.soft(report.duplicated).toBe(0);
    expect.soft(report.plans.completed).toBe(report.accepted.plans);
    expect.soft(report.runs.completed).toBe(report.accepted.runs);
  }, 300_000);
});
