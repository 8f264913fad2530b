import { describe, expect, it } from 'vitest';
import { analyzePlan } from '../../packages/plan-analysis/src/analyze-plan.ts';
import { extractDocument } from '../../services/worker-pdf/src/extraction/extract-document.ts';
import { generateTelecomPlan, telecomSpecs } from './telecom.ts';

describe('telecom sheets of the generator', () => {
  it.each(telecomSpecs().map((s) => [s.name, s] as const))(
    '%s is read as not a power plan, counting its data outlets only',
    async (_name, spec) => {
      const { pdf, truth } = await generateTelecomPlan(spec);
      expect(truth.expectedWarnings).toEqual(['not_power_plan']);
      const outlets = truth.counts.byType.data_outlet ?? 0;
      expect(outlets).toBeGreaterThanOrEqual(8);
      const analysis = analyzePlan(await extractDocument(pdf), { locale: 'en' });
      expect(analysis.warnings.find((w) => w.code === 'not_power_plan')?.message).toContain(spec.sheetNumber);
      // Racks, tray rungs and access points are not counted; the outlets are.
      expect(analysis.counts.byType).toEqual({ data_outlet: outlets });
    },
  );
});
