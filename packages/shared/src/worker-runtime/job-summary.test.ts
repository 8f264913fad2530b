import { describe, expect, it } from 'vitest';
import { JobTally } from './job-summary.ts';

describe('JobTally', () => {
  it('summarises the outcomes of a period and starts the next one empty', () => {
    const tally = new JobTally(1_000);
    tally.complete(10);
    tally.complete(30);
    tally.complete(20);
    tally.fail();
    tally.delay();
    // 4 finished (3 completed + 1 failed) over 2 s = 2 per second; mean (10 + 30 + 20) / 3 = 20 ms.
    expect(tally.take(3_000)).toEqual({
      completed: 3,
      failed: 1,
      delayed: 1,
      perSecond: 2,
      meanMs: 20,
      maxMs: 30,
      periodMs: 2_000,
    });
    expect(tally.take(4_000)).toBeNull();
    tally.complete(5);
    // The period starts at the previous take (4 s), not at construction.
    expect(tally.take(4_500)).toMatchObject({
      completed: 1,
      perSecond: 2,
      meanMs: 5,
      maxMs: 5,
      periodMs: 500,
    });
  });

  it('reports failures alone with no mean run time', () => {
    const tally = new JobTally(0);
    tally.fail();
    expect(tally.take(1_000)).toEqual({
      completed: 0,
      failed: 1,
      delayed: 0,
      perSecond: 1,
      meanMs: 0,
      maxMs: 0,
      periodMs: 1_000,
    });
  });
});
