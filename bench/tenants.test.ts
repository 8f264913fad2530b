import { describe, expect, it } from 'vitest';
import { runTenants } from './tenants.ts';

// Runs bench/tenants.ts for a few seconds so it cannot rot: real gateway, real worker-pdf and
// worker-bom processes (from their sources: no build needed), real Redis and Postgres.
describe('bench/tenants.ts', () => {
  it('two organisations: each gets its own upload budget, every accepted plan completes, the rest is 429', async () => {
    // 2 orgs × 3 uploads each (6 at 2/s over 3 s, round robin) against 2 uploads per org per hour:
    // 2 accepted and 1 refused per org.
    const r = await runTenants({
      orgs: 2,
      seconds: 3,
      rate: 2,
      pollMs: 250,
      drainSeconds: 150,
      uploadLimit: '2/3600',
      sources: true,
    });
    expect(r.attempted).toBe(6);
    expect(r.perOrg.map((t) => [t.org, t.attempted, t.accepted])).toEqual([
      ['tenant-1', 3, 2],
      ['tenant-2', 3, 2],
    ]);
    expect(r.uploads429).toBe(2);
    expect(r.uploadErrors).toBe(0);
    expect({ completed: r.completed, failed: r.failed, unfinished: r.unfinished }).toEqual({
      completed: 4,
      failed: 0,
      unfinished: 0,
    });
    expect([r.minCompleted, r.maxCompleted]).toEqual([2, 2]);
    expect(r.p50Ms).toBeGreaterThan(0);
    expect(r.p95Ms).toBeGreaterThanOrEqual(r.p50Ms);
  }, 240_000);
});
