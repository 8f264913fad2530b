import { describe, expect, it } from 'vitest';
import { crashLoopScenario } from './scenarios/crash-loop.ts';

// Chaos, short version: a plan whose worker dies every time it analyses it (SIGKILL while
// processing, three times). BullMQ fails the job once it stalled more than maxStalledCount (2);
// the plan must then show a failed stage with a code — not "processing" forever.

describe('chaos: a job that crashes its worker every time', () => {
  it('ends with a failed stage and a code once BullMQ gives up, not processing forever', async () => {
    const report = await crashLoopScenario({ crashes: 3, graceMs: 10_000, log: (l) => console.log(l) });
    console.log(`crash-loop: ${JSON.stringify(report)}`);
    expect.soft(report.job.state).toBe('failed');
    expect.soft(report.job.failedReason).toMatch(/stalled/);
    expect.soft(report.stage.status).toBe('failed');
    expect.soft(report.stage.error?.code).toEqual(expect.any(String));
  }, 240_000);
});
