import { describe, expect, it } from 'vitest';
import { MicroBatcher } from './micro-batcher.ts';

describe('MicroBatcher', () => {
  it('groups concurrent submissions into one flush, each caller getting its own result', async () => {
    const flushes: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        flushes.push(items);
        return items.map((n) => n * 10);
      },
      { windowMs: 5, maxBatch: 100 },
    );
    expect(await Promise.all([1, 2, 3].map((n) => batcher.submit(n)))).toEqual([10, 20, 30]);
    expect(flushes).toEqual([[1, 2, 3]]);
  });

  it('retries the members of a failed group one by one: only the bad one fails', async () => {
    const flushes: number[][] = [];
    // All or nothing, as an INSERT of the whole group: one bad member fails the statement.
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        flushes.push(items);
        if (items.includes(13)) throw new Error(`row 13 refused`);
        return items.map((n) => n * 10);
      },
      { windowMs: 5, maxBatch: 100 },
    );
    const outcomes = await Promise.allSettled([11, 12, 13, 14].map((n) => batcher.submit(n)));
    expect(outcomes).toEqual([
      { status: 'fulfilled', value: 110 },
      { status: 'fulfilled', value: 120 },
      { status: 'rejected', reason: new Error('row 13 refused') },
      { status: 'fulfilled', value: 140 },
    ]);
    // The group once, then each member alone.
    expect(flushes).toEqual([[11, 12, 13, 14], [11], [12], [13], [14]]);
  });

  it('fails every member when each fails on its own too (the dependency is down)', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<number, number>(
      async () => {
        calls++;
        throw new Error('redis down');
      },
      { windowMs: 5, maxBatch: 100 },
    );
    const outcomes = await Promise.allSettled([1, 2].map((n) => batcher.submit(n)));
    expect(outcomes.map((o) => o.status)).toEqual(['rejected', 'rejected']);
    expect(calls).toBe(3);
  });
});
