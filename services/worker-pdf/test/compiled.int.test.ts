import { buildBombPdf, buildTextPdf, buildWorkspace, repoRoot } from '@saeq/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as Pool from '../src/analysis/analysis-pool.ts';

/**
 * What production runs (`pnpm build`, then node dist/…): the analysis pool compiled to
 * JavaScript starts dist/analysis/analysis-thread.js under plain Node (no tsx, no bundling at
 * start-up), and pdfjs's parser still carries the stream cap (the pnpm patch applies to the
 * installed package, whatever runs it).
 */
const MB = 2 ** 20;
let compiled: typeof Pool;
let pool: Pool.AnalysisPool | undefined;

beforeAll(async () => {
  buildWorkspace();
  const url = new URL('services/worker-pdf/dist/analysis/analysis-pool.js', `file://${repoRoot}/`);
  compiled = (await import(url.href)) as typeof Pool;
}, 180_000);
afterAll(async () => {
  await pool?.close();
});

describe('compiled analysis pool', () => {
  it('runs the compiled thread module, with no loader', () => {
    expect(compiled.analysisThread).toMatchObject({ compiled: true, entry: null });
    expect(compiled.analysisThread.url.pathname).toMatch(
      /services\/worker-pdf\/dist\/analysis\/analysis-thread\.js$/,
    );
  });

  it('analyses a plan, then fails a decompression bomb at the stream cap and serves the next job', async () => {
    pool = new compiled.AnalysisPool(1, {
      timeoutMs: 60_000,
      maxMemoryMb: 256,
      maxPages: 50,
      maxStreamMb: 16,
    });
    const first = await pool.analyse(await buildTextPdf(['Compilé']));
    expect(first.analysis.pages[0]?.text).toContain('Compilé');
    // 512 MB of zeros; the patched pdfjs stops at the 16 MB cap.
    const started = performance.now();
    await expect(pool.analyse(await buildBombPdf(512 * MB))).rejects.toMatchObject({
      code: 'pdf_too_large',
      message: expect.stringContaining('PDF_MAX_STREAM_MB'),
    });
    expect(performance.now() - started).toBeLessThan(15_000);
    const next = await pool.analyse(await buildTextPdf(['Après la bombe']));
    expect(next.analysis.pages[0]?.text).toContain('Après la bombe');
  }, 120_000);
});
