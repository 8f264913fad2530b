import { failedJobs, organisations } from '@saeq/shared/db';
import { purgeDeadLetters } from '@saeq/shared/worker-runtime';
import { buildTextPdf, buildTruncatedPdf, waitFor } from '@saeq/testing';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, type RunningWorkers, startTestGateway, startWorkers, type TestGateway } from './harness.ts';

// Dead letters: failed jobs listed per organisation with their code, retried one by one or in bulk.

let gw: TestGateway;
let workers: RunningWorkers | undefined;
beforeAll(async () => {
  // No rate limits: polling every 100 ms would spend the key's general limit (100 per 15 min)
  // before a slow worker (a loaded machine) has failed the job, and then only see 429s.
  gw = await startTestGateway({ RATE_LIMITS_ENABLED: 'false' });
  workers = await startWorkers(gw, ['worker-pdf']);
}, 60_000);
afterAll(async () => {
  await workers?.stop();
  await gw?.close();
});

async function upload(key: string, pdf: Uint8Array<ArrayBuffer>) {
  const form = new FormData();
  form.set('file', new File([pdf], 'x.pdf', { type: 'application/pdf' }));
  const res = await gw.app.request('/v1/plans', { method: 'POST', body: form, headers: bearer(key) });
  return ((await res.json()) as { id: string }).id;
}

describe('failed jobs (dead letters)', () => {
  it('lists a permanent failure with its code for its organisation only, and retries it', async () => {
    const bad = await upload(gw.keys.acme, await buildTruncatedPdf());
    await upload(gw.keys.acme, await buildTextPdf(['Plan sain']));
    const list = await waitFor(
      async () => {
        const r = (await (
          await gw.app.request('/v1/admin/failed-jobs?queue=plan-analysis', { headers: bearer(gw.keys.acme) })
        ).json()) as {
          items: { id: string; code: string; permanent: boolean; data: { planId: string } }[];
        };
        return r.items.length > 0 ? r : undefined;
      },
      { timeoutMs: 30_000, what: 'a failed job' },
    );
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({
      id: `plan-analysis:${bad}_analysis`,
      code: 'pdf_unreadable',
      permanent: true,
      data: { planId: bad },
    });
    const stage = (await (
      await gw.app.request(`/v1/plans/${bad}`, { headers: bearer(gw.keys.acme) })
    ).json()) as {
      stages: { analysis: { error: { code: string; message: string } } };
    };
    expect(stage.stages.analysis.error.code).toBe('pdf_unreadable');
    expect(stage.stages.analysis.error.message).not.toMatch(/^pdf_unreadable:/);

    const other = (await (
      await gw.app.request('/v1/admin/failed-jobs', { headers: bearer(gw.keys.other) })
    ).json()) as { items: unknown[] };
    expect(other.items).toEqual([]);
    expect(
      (
        await gw.app.request(`/v1/admin/failed-jobs/${encodeURIComponent(list.items[0]?.id ?? '')}/retry`, {
          method: 'POST',
          headers: bearer(gw.keys.other),
        })
      ).status,
    ).toBe(404);

    const bulk = (await (
      await gw.app.request('/v1/admin/failed-jobs/retry', {
        method: 'POST',
        headers: bearer(gw.keys.acme, { 'content-type': 'application/json' }),
        body: JSON.stringify({ code: 'pdf_unreadable' }),
      })
    ).json()) as { retried: number; matched: number };
    expect(bulk).toEqual({ retried: 0, matched: 1 }); // permanent failures are not retried in bulk by default

    const one = await gw.app.request(
      `/v1/admin/failed-jobs/${encodeURIComponent(list.items[0]?.id ?? '')}/retry`,
      { method: 'POST', headers: bearer(gw.keys.acme) },
    );
    expect(one.status).toBe(202);
    // The file is still truncated: it fails again, once more, with the same code.
    await waitFor(
      async () => {
        const r = (await (
          await gw.app.request('/v1/admin/failed-jobs?code=pdf_unreadable', { headers: bearer(gw.keys.acme) })
        ).json()) as {
          items: { attemptsMade: number }[];
        };
        return r.items[0] && r.items[0].attemptsMade >= 1 ? r : undefined;
      },
      { timeoutMs: 30_000, what: 'failed again' },
    );
    expect(
      (await gw.app.request('/v1/admin/failed-jobs?queue=nope', { headers: bearer(gw.keys.acme) })).status,
    ).toBe(400);
  }, 90_000);
});

type Page = { items: { id: string; failedAt: string }[]; total: number; nextCursor: string | null };

describe('failed jobs listing', () => {
  it('pages through every one of an organisation’s dead letters from Postgres, with the true total', async () => {
    const db = gw.db.handle.db;
    const orgId = async (slug: string) =>
      (await db.select().from(organisations).where(eq(organisations.slug, slug)))[0]?.id ?? '';
    const [acme, other] = [await orgId('acme'), await orgId('other')];
    const base = Date.UTC(2026, 0, 1);
    // 1 205 for acme (more than the 1 000 the old Redis scan looked at), 40 for the other
    // organisation, all within the retention and interleaved in time.
    const rows = Array.from({ length: 1245 }, (_, i) => ({
      queue: 'bom-build',
      jobId: `page-test-${i}`,
      organisationId: i < 1205 ? acme : other,
      failedReason: 'llm_529: surchargé',
      code: 'llm_529',
      permanent: false,
      attemptsMade: 3,
      attempts: 3,
      // Pairs share a timestamp: the cursor must break ties.
      failedAt: new Date(base + Math.floor(i / 2) * 1000),
      data: { bomId: `b${i}` },
    }));
    await db.insert(failedJobs).values(rows);
    try {
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const qs: string = `queue=bom-build&limit=500${cursor ? `&cursor=${cursor}` : ''}`;
        const res = await gw.app.request(`/v1/admin/failed-jobs?${qs}`, { headers: bearer(gw.keys.acme) });
        expect(res.status).toBe(200);
        const page = (await res.json()) as Page;
        expect(page.total).toBe(1205);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3); // 500 + 500 + 205
      expect(seen).toHaveLength(1205);
      expect(new Set(seen).size).toBe(1205);
      expect(seen[0]).toBe('bom-build:page-test-1204'); // newest first
      expect(seen.every((id) => Number(id.split('-').pop()) < 1205)).toBe(true);

      const theirs = (await (
        await gw.app.request('/v1/admin/failed-jobs?queue=bom-build&limit=10', {
          headers: bearer(gw.keys.other),
        })
      ).json()) as Page;
      expect(theirs.total).toBe(40);
      expect(theirs.items).toHaveLength(10);

      const bad = await gw.app.request('/v1/admin/failed-jobs?cursor=nope', {
        headers: bearer(gw.keys.acme),
      });
      expect(bad.status).toBe(400);

      // Past the failed jobs' retention, the rows go: a cut-off 200 s after `base` drops i < 400.
      expect(await purgeDeadLetters(db, new Date(base + 200_000))).toBe(400);
      const after = (await (
        await gw.app.request('/v1/admin/failed-jobs?queue=bom-build&limit=1', {
          headers: bearer(gw.keys.acme),
        })
      ).json()) as Page;
      expect(after.total).toBe(1205 - 400);
    } finally {
      await db.delete(failedJobs).where(eq(failedJobs.queue, 'bom-build'));
    }
  });
});
