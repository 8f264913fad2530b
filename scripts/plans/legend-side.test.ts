import { describe, expect, it } from 'vitest';
import { analyzePlan } from '../../packages/plan-analysis/src/analyze-plan.ts';
import { evaluatePlan } from '../../packages/plan-analysis/src/evaluate.ts';
import { extractDocument } from '../../services/worker-pdf/src/extraction/extract-document.ts';
import { corpusSpecs, generatePlan, type PlanSpec, sampleSpec } from './index.ts';

describe('legends with the symbols right of their descriptions', () => {
  it('are part of the corpus, next to the usual symbol-left legends', () => {
    const sides = corpusSpecs().map((s) => s.style.legendSymbolSide);
    expect(sides.filter((s) => s === 'right').length).toBeGreaterThanOrEqual(5);
    expect(sides.filter((s) => s === 'left').length).toBeGreaterThanOrEqual(5);
    expect(sampleSpec().style.legendSymbolSide).toBe('left');
  });

  it('are read back row by row and the sheet counted exactly as its truth', async () => {
    const base = sampleSpec();
    const spec: PlanSpec = {
      ...base,
      name: 'sample-plan-legend-right',
      style: { ...base.style, legendSymbolSide: 'right' },
    };
    const { pdf, truth } = await generatePlan(spec);
    const analysis = analyzePlan(await extractDocument(pdf));
    const page = analysis.pages[0];
    expect(page?.legend.map((e) => [e.label, e.type])).toEqual(
      truth.pages[0]?.legend.map((e) => [e.label, e.type]),
    );
    expect(analysis.counts.bySheet).toEqual(truth.counts.bySheet);
    expect(analysis.counts.byRoom).toEqual(truth.counts.byRoom);
    const ev = evaluatePlan(truth, analysis);
    expect(Object.values(ev.located).reduce((n, t) => n + t.fp + t.fn, 0)).toBe(0);
  });
});
