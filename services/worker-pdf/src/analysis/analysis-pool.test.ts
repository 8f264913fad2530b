import { buildHeavyPdf, buildTextPdf, buildTruncatedPdf } from '@saeq/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisPool } from './analysis-pool.ts';

let pool: AnalysisPool | undefined;
afterEach(async () => {
  await pool?.close();
});

describe('AnalysisPool', () => {
  it('analyses PDFs in reused threads and reports pages and text', async () => {
    pool = new AnalysisPool(1, { timeoutMs: 60_000, maxMemoryMb: 512, maxPages: 50 });
    const a = await pool.analyse(await buildTextPdf(['Panneau A'], [612, 792]));
    const b = await pool.analyse(await buildTextPdf(['Panneau B', 'Circuit 12'], [792, 612]));
    expect(a.pageCount).toBe(1);
    expect(a.analysis.pages[0]?.text).toContain('Panneau A');
    expect([b.analysis.pages[0]?.widthPt, b.analysis.pages[0]?.heightPt]).toEqual([792, 612]);
    expect(b.analysis.pages[0]?.text).toContain('Circuit 12');
  });

  it('fails an unreadable PDF with pdf_unreadable and keeps serving', async () => {
    pool = new AnalysisPool(1, { timeoutMs: 60_000, maxMemoryMb: 512, maxPages: 50 });
    await expect(pool.analyse(await buildTruncatedPdf())).rejects.toMatchObject({ code: 'pdf_unreadable' });
    expect((await pool.analyse(await buildTextPdf(['Encore là']))).pageCount).toBe(1);
  });

  it('stops a job past its time limit with pdf_timeout and replaces the thread', async () => {
    pool = new AnalysisPool(1, { timeoutMs: 60_000, maxMemoryMb: 512, maxPages: 500 });
    const heavy = await buildHeavyPdf({ pages: 80, segmentsPerPage: 4000 });
    await expect(pool.analyse(heavy, { timeoutMs: 1500 })).rejects.toMatchObject({ code: 'pdf_timeout' });
    expect((await pool.analyse(await buildTextPdf(['Après le délai']))).analysis.pages[0]?.text).toContain(
      'Après le délai',
    );
  }, 60_000);

  it('respects maxPages while reporting the real page count', async () => {
    pool = new AnalysisPool(2, { timeoutMs: 60_000, maxMemoryMb: 512, maxPages: 2 });
    const out = await pool.analyse(await buildHeavyPdf({ pages: 5, segmentsPerPage: 10 }));
    expect(out.pageCount).toBe(5);
    expect(out.analysis.pages).toHaveLength(2);
  });
});
