import { describe, expect, it } from 'vitest';
import { sentinelFailoverScenario } from './scenarios/sentinel-failover.ts';

// Chaos, short version: the Redis primary behind Sentinel is SIGKILLed mid-load (issue 22).

describe('chaos: Redis primary lost behind Sentinel', () => {
  it('follows the promoted replica without a restart and loses or repeats nothing accepted', async () => {
    const report = await sentinelFailoverScenario({
      jobs: 80,
      perSecond: 4,
      planShare: 0.4,
      killAfterMs: 8000,
      settleTimeoutMs: 180_000,
      log: (line) => console.log(line),
    });
    console.log(`sentinel-failover: ${JSON.stringify({ ...report, plans: undefined, runs: undefined })}`);
    console.log(`ledgers: ${JSON.stringify({ plans: report.plans, runs: report.runs })}`);

    expect.soft(report.promoted).not.toBe(report.killed);
    expect.soft(report.failoverMs).toBeLessThan(30_000);
    // During the failover new work is refused (503) or waits; nothing else.
    expect
      .soft(Object.keys(report.answers).filter((s) => !['202', '503', 'network-error'].includes(s)))
      .toEqual([]);
    expect.soft(report.accepted.plans + report.accepted.runs).toBeGreaterThan(60);
    expect.soft(report.plans.failed + report.runs.failed).toBe(0);
    expect.soft(report.lost).toBe(0);
    expect.soft(report.duplicated).toBe(0);
  }, 420_000);
});
