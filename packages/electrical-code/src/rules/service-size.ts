import { DwellingLoadInput, dwellingLoad } from '../calculations/dwelling-load.ts';
import { panelFacts } from './plan-facts.ts';
import { complianceRefs } from './rule-refs.ts';
import type { ComplianceRule } from './types.ts';

const ID = 'service-size-vs-load';

/**
 * The service panel's main breaker vs the 8-200 calculated load of the dwelling the project
 * describes (calculated with the project's data and the report's edition). The panel with the
 * largest main breaker is taken as the service panel.
 */
export const serviceSizeRule: ComplianceRule = {
  id: ID,
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling'],
  ruleRef: complianceRefs.serviceSize,
  referenceKey: 'serviceSize',
  title: { fr: 'Calibre du branchement et charge calculée', en: 'Service rating vs calculated load' },
  check(analysis, project, { edition, lang, m }) {
    const ruleRef = complianceRefs.serviceSize[edition];
    const mains = panelFacts(analysis).filter(({ panel }) => panel.mainA !== null);
    if (mains.length === 0) return [{ ruleId: ID, ruleRef, severity: 'info', message: m.noMainBreaker }];
    if (!project.dwelling) return [{ ruleId: ID, ruleRef, severity: 'info', message: m.noDwellingData }];
    const parsed = DwellingLoadInput.safeParse({ ...project.dwelling, edition });
    if (!parsed.success) return [{ ruleId: ID, ruleRef, severity: 'info', message: m.dwellingDataInvalid }];

    const service = mains.reduce((a, b) => ((b.panel.mainA ?? 0) > (a.panel.mainA ?? 0) ? b : a));
    const mainA = service.panel.mainA ?? 0;
    const load = dwellingLoad(parsed.data, { lang });
    const place = { page: service.page, location: `${m.panel} ${service.panel.name}` };
    return mainA < load.currentA
      ? [
          {
            ruleId: ID,
            ruleRef,
            severity: 'error',
            message: m.serviceTooSmall(mainA, load.currentA, load.demandLoadW),
            ...place,
          },
        ]
      : [
          {
            ruleId: ID,
            ruleRef,
            severity: 'info',
            message: m.serviceSufficient(mainA, load.currentA, load.demandLoadW),
            ...place,
          },
        ];
  },
};
