import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { z } from 'zod';
import { DwellingLoadInput } from '../calculations/dwelling-load.ts';
import type { ByEdition, Edition } from '../editions.ts';
import type { Bilingual, Lang } from '../lang.ts';
import type { RuleMessages } from '../messages/rules-fr.ts';
import type { RuleKey } from '../rule-references.ts';

export const Severity = z.enum(['error', 'warning', 'info']);
export type Severity = z.infer<typeof Severity>;

/** One result of a compliance rule, in the requested language. */
export const Finding = z.object({
  ruleId: z.string(),
  ruleRef: z.string(),
  severity: Severity,
  message: z.string(),
  page: z.number().int().positive().optional(),
  location: z.string().optional(),
});
export type Finding = z.infer<typeof Finding>;

export const Occupancy = z.enum(['single-dwelling', 'apartment', 'commercial']);
export type Occupancy = z.infer<typeof Occupancy>;

/**
 * What the plan cannot tell: the dwelling's loads (for the service check) and the occupancy.
 * The type is the schema's *input* form: rules validate `dwelling` themselves and report an
 * `info` finding when it is unusable, so a bad project never stops the other rules.
 */
export const ComplianceProject = z.object({
  dwelling: DwellingLoadInput.optional(),
  occupancy: Occupancy.optional(),
});
export type ComplianceProject = z.input<typeof ComplianceProject>;

export type RuleContext = { edition: Edition; lang: Lang; m: RuleMessages };

/** A compliance rule: pure, returns findings; says `info` when the plan does not let it decide. */
export type ComplianceRule = {
  id: string;
  editions: readonly Edition[];
  /** Occupancies the rule applies to (dwelling rules skip commercial projects). */
  occupancies: readonly Occupancy[];
  ruleRef: ByEdition<string>;
  /** The row of the rule-reference table (src/rule-references.ts) that says where ruleRef comes from. */
  referenceKey: RuleKey;
  title: Bilingual;
  check: (analysis: PlanAnalysis, project: ComplianceProject, ctx: RuleContext) => Finding[];
};
