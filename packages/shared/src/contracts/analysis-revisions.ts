import { z } from 'zod';
import { DetectedSymbol, DeviceType } from './plan-analysis.ts';

/**
 * An estimator's corrections to a plan's analysis (`POST /v1/plans/{id}/analysis/revisions`)
 * and how they are kept: each request makes a new revision, the analysis as produced
 * (revision 0) and every earlier revision stay readable. Pure schemas: no I/O.
 */

/** A symbol the analysis missed, placed by the estimator on the preview (page space, PDF points). */
export const SymbolAddition = z.strictObject({
  type: DeviceType,
  page: z.number().int().positive(),
  x: z.number().finite(),
  y: z.number().finite(),
});
export type SymbolAddition = z.infer<typeof SymbolAddition>;

/** A counted symbol that is not one: its page and its index in that page's `symbols` of the base revision. */
export const SymbolRemoval = z.strictObject({
  page: z.number().int().positive(),
  index: z.number().int().nonnegative(),
});
export type SymbolRemoval = z.infer<typeof SymbolRemoval>;

export const AnalysisCorrections = z
  .strictObject({
    /** The revision the indices in `remove` refer to; a newer revision answers 409. */
    baseRevision: z.number().int().nonnegative(),
    add: z.array(SymbolAddition).max(1000).default([]),
    remove: z.array(SymbolRemoval).max(1000).default([]),
  })
  .refine((c) => c.add.length + c.remove.length > 0, {
    error: 'au moins une correction (add ou remove) / at least one correction (add or remove)',
    path: ['add'],
  });
export type AnalysisCorrections = z.infer<typeof AnalysisCorrections>;

/**
 * One correction as labelled data for evaluation: what the analyser had (null for a symbol it
 * missed), what the estimator decided, where, and who decided when.
 */
export const CorrectionRecord = z.object({
  revision: z.number().int().positive(),
  action: z.enum(['add', 'remove']),
  page: z.number().int().positive(),
  x: z.number(),
  y: z.number(),
  type: DeviceType,
  /** The symbol as the analysis counted it (removals); null for an added symbol. */
  original: DetectedSymbol.nullable(),
  /** Id of the API key that made the correction. */
  correctedBy: z.string(),
  correctedAt: z.string(),
});
export type CorrectionRecord = z.infer<typeof CorrectionRecord>;
