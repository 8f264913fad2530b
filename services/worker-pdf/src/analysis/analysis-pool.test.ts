import { buildBombPdf, buildHeavyPdf, buildTextPdf, buildTruncatedPdf } from '@saeq/testing';
import { afterEach, describe, expect, it } from 'vitest';
import { AnalysisPool, analysisThread } from './analysis-pool.ts';

const MB = 2 ** 20;

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
    // From source a thread boots tsx before pdfjs: tens of seconds on a loaded 2-core machine.
  }, 60_000);

  it('runs its threads from the TypeScript sources (tsx registered in the thread) when it runs from source', async () => {
    // Compiled, the thread is dist/analysis/analysis-thread.js: test/compiled.int.test.ts.
    expect(analysisThread).toMatchObject({
      compiled: false,
      entry: expect.stringMatching(/analysis-thread\.ts$/),
    });
    expect(analysisThread.url.href).toMatch(/thread-bootstrap\.mjs$/);
    pool = new AnalysisPool(1, { timeoutMs: 60_000, maxMemoryMb: 512, maxPages: 50 });
    expect((await pool.analyse(await buildTextPdf(['Sous tsx']))).analysis.pages[0]?.text).toContain(
      'Sous tsx',
    );
  }, 60_000);

  it('fails an unreadable PDF with pdf_unreadable and keeps serving', async () => {
    pool = new AnalysisPool(1, { timeoutMs: 60_000, maxMemoryMb: 512, maxPages: 50 });
    await expect(pool.analyse(await buildTruncatedPdf())).rejects.toMatchObject({ code: 'pdf_unreadable' });
    expect((await pool.analyse(await buildTextPdf(['Encore là']))).pageCount).toBe(1);
  }, 60_000);

  it('stops a job past its time limit with pdf_timeout and replaces the thread', async () => {
    pool = new AnalysisPool(1, { timeoutMs: 60_000, maxMemoryMb: 512, maxPages: 500 });
    const heavy = await buildHeavyPdf({ pages: 80, segmentsPerPage: 4000 });
    await expect(pool.analyse(heavy, { timeoutMs: 1500 })).rejects.toMatchObject({ code: 'pdf_timeout' });
    expect((await pool.analyse(await buildTextPdf(['Après le délai']))).analysis.pages[0]?.text).toContain(
      'Après le délai',
    );
    // Two thread boots (the second replaces the stopped one), each loading tsx from source.
  }, 120_000);

  it('respects maxPages while reporting the real page count', async () => {
    pool = new AnalysisPool(2, { timeoutMs: 60_000, maxMemoryMb: 512, maxPages: 2 });
    const out = await pool.analyse(await buildHeavyPdf({ pages: 5, segmentsPerPage: 10 }));
    expect(out.pageCount).toBe(5);
    expect(out.analysis.pages).toHaveLength(2);
    expect(out.analysis.warnings.filter((w) => w.code === 'pages_truncated')).toEqual([
      expect.objectContaining({ page: null, message: expect.stringContaining('2 premières pages sur 5') }),
    ]);
  }, 60_000);

  it('fails a decompression bomb at the stream cap with pdf_too_large, then serves the next job', async () => {
    pool = new AnalysisPool(1, { timeoutMs: 60_000, maxMemoryMb: 256, maxPages: 50, maxStreamMb: 16 });
    // 512 MB of zeros; pdfjs stops at the 16 MB cap (buffers 8 → 16 MB), far from the bomb's size.
    const bomb = await buildBombPdf(512 * MB);
    await pool.analyse(await buildTextPdf(['Échauffement'])); // thread booted: time the bomb alone
    const started = performance.now();
    await expect(pool.analyse(bomb)).rejects.toMatchObject({
      code: 'pdf_too_large',
      message: expect.stringContaining('PDF_MAX_STREAM_MB'),
    });
    expect(performance.now() - started).toBeLessThan(15_000);
    const next = await pool.analyse(await buildTextPdf(['Après la bombe']));
    expect(next.analysis.pages[0]?.text).toContain('Après la bombe');
  }, 120_000);

  it('analyses a plan whose streams stay under the cap', async () => {
    pool = new AnalysisPool(1, { timeoutMs: 60_000, maxMemoryMb: 256, maxPages: 50, maxStreamMb: 16 });
    const out = await pool.analyse(await buildBombPdf(8 * MB));
    expect(out.analysis.pages[0]?.text).toContain('Bombe');
  }, 120_000);

  it('stops the analysis with pdf_too_large when process RSS passes its ceiling, then serves the next job', async () => {
    // No useful stream cap: the RSS watchdog (sampled from this thread) has to stop the inflate.
    const bomb = await buildBombPdf(1024 * MB);
    // The ceiling: this process with one booted analysis thread, + 300 MB.
    const probe = new AnalysisPool(1, { timeoutMs: 60_000, maxMemoryMb: 256, maxPages: 50 });
    pool = probe;
    await probe.analyse(await buildTextPdf(['Échauffement']));
    const ceilingMb = Math.round(process.memoryUsage.rss() / MB) + 300;
    await probe.close();
    pool = new AnalysisPool(1, {
      timeoutMs: 90_000,
      maxMemoryMb: 256,
      maxPages: 50,
      maxStreamMb: 4096,
      maxRssMb: ceilingMb,
      memoryCheckIntervalMs: 20,
    });
    await pool.analyse(await buildTextPdf(['Fil chauffé']));
    let peakMb = 0;
    const sampler = setInterval(() => {
      peakMb = Math.max(peakMb, process.memoryUsage.rss() / MB);
    }, 5);
    try {
      await expect(pool.analyse(bomb)).rejects.toMatchObject({
        code: 'pdf_too_large',
        message: expect.stringContaining('PDF_MAX_RSS_MB'),
      });
    } finally {
      clearInterval(sampler);
    }
    // Stopped within about one doubling of pdfjs's decode buffer past the ceiling.
    expect(peakMb).toBeLessThan(ceilingMb + 128);
    const next = await pool.analyse(await buildTextPdf(['Après la bombe']));
    expect(next.analysis.pages[0]?.text).toContain('Après la bombe');
  }, 180_000);
});
