import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import { z } from 'zod';
import { DEFAULT_EDITION, Edition } from '../editions.ts';
import { DEFAULT_LANG, type Lang } from '../lang.ts';
import { rulesEn } from '../messages/rules-en.ts';
import { type RuleMessages, rulesFr } from '../messages/rules-fr.ts';
import { RuleSource, ruleReferences } from '../rule-references.ts';
import { afciRule } from './afci.ts';
import { gfciBathroomRule, gfciOutdoorRule } from './gfci.ts';
import { kitchenCounterRule } from './kitchen-counter.ts';
import { breakerConductorRule, spareSpacesRule, twoPoleLoadsRule } from './panel-schedule.ts';
import { roomReceptaclesRule } from './room-receptacles.ts';
import { serviceSizeRule } from './service-size.ts';
import { smokeCoAlarmsRule } from './smoke-co-alarms.ts';
import { type ComplianceProject, type ComplianceRule, Finding } from './types.ts';

/** Every compliance rule, in report order. */
export const complianceRules: readonly ComplianceRule[] = [
  afciRule,
  gfciBathroomRule,
  gfciOutdoorRule,
  kitchenCounterRule,
  roomReceptaclesRule,
  smokeCoAlarmsRule,
  breakerConductorRule,
  spareSpacesRule,
  twoPoleLoadsRule,
  serviceSizeRule,
];

export const RuleSummary = z.object({
  id: z.string(),
  ruleRef: z.string(),
  title: z.string(),
  editions: z.array(Edition),
  /** Where the rule number comes from and whether it is verified or still to confirm. */
  source: RuleSource,
});
export type RuleSummary = z.infer<typeof RuleSummary>;

/** The catalogue for `GET /v1/rules?edition=`: the rules of that edition with their rule numbers. */
export function listRules(edition: Edition = DEFAULT_EDITION, lang: Lang = DEFAULT_LANG): RuleSummary[] {
  return complianceRules
    .filter((rule) => rule.editions.includes(edition))
    .map((rule) => ({
      id: rule.id,
      ruleRef: rule.ruleRef[edition],
      title: rule.title[lang],
      editions: [...rule.editions],
      source: ruleReferences[rule.referenceKey][edition].source,
    }));
}

export const ComplianceReport = z.object({
  edition: Edition,
  findings: z.array(Finding),
  summary: z.object({
    errors: z.number().int(),
    warnings: z.number().int(),
    infos: z.number().int(),
    rulesRun: z.number().int(),
    rulesSkipped: z.number().int(),
  }),
  skipped: z.array(z.object({ ruleId: z.string(), ruleRef: z.string(), reason: z.string() })),
  disclaimer: z.string(),
});
export type ComplianceReport = z.infer<typeof ComplianceReport>;

function ruleMessages(lang: Lang): RuleMessages {
  return lang === 'en' ? rulesEn : rulesFr;
}

/**
 * Runs every rule of `edition` over a plan analysis. Pure. Rules that do not apply (edition,
 * occupancy) are listed in `skipped`; rules that cannot decide from the plan say so with `info`.
 * A rule that throws is a bug: it is not swallowed.
 */
export function runCompliance(
  analysis: PlanAnalysis,
  project: ComplianceProject = {},
  options: { edition?: Edition; lang?: Lang } = {},
): ComplianceReport {
  const edition = options.edition ?? DEFAULT_EDITION;
  const lang = options.lang ?? DEFAULT_LANG;
  const m = ruleMessages(lang);
  const occupancy = project.occupancy;
  const findings: Finding[] = [];
  const skipped: ComplianceReport['skipped'] = [];
  let rulesRun = 0;

  if (occupancy === undefined) {
    findings.push({ ruleId: 'occupancy', ruleRef: '—', severity: 'info', message: m.occupancyAssumed });
  }
  for (const rule of complianceRules) {
    if (!rule.editions.includes(edition)) {
      skipped.push({ ruleId: rule.id, ruleRef: rule.ruleRef[edition], reason: m.skippedEdition });
      continue;
    }
    if (occupancy !== undefined && !rule.occupancies.includes(occupancy)) {
      skipped.push({ ruleId: rule.id, ruleRef: rule.ruleRef[edition], reason: m.skippedOccupancy });
      continue;
    }
    rulesRun += 1;
    findings.push(...rule.check(analysis, project, { edition, lang, m }));
  }

  return {
    edition,
    findings,
    summary: {
      errors: findings.filter((f) => f.severity === 'error').length,
      warnings: findings.filter((f) => f.severity === 'warning').length,
      infos: findings.filter((f) => f.severity === 'info').length,
      rulesRun,
      rulesSkipped: skipped.length,
    },
    skipped,
    disclaimer: m.disclaimer,
  };
}
