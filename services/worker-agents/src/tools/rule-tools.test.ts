import { listRules } from '@saeq/electrical-code';
import { describe, expect, it } from 'vitest';
import { searchRules } from './rule-tools.ts';

describe('searchRules', () => {
  it('is the catalogue of GET /v1/rules without a query', () => {
    expect(searchRules(undefined, '2026', 'fr')).toEqual(listRules('2026', 'fr'));
    expect(searchRules('  ', '2018', 'en')).toEqual(listRules('2018', 'en'));
  });

  it.each([
    ['anti-arcs', 'fr', ['afci-receptacle-circuits']],
    // English words find rules while answering in French (titles of both languages are searched).
    ['arc-fault', 'fr', ['afci-receptacle-circuits']],
    ['26-722 d)', 'fr', ['kitchen-counter-receptacles']],
    ['avertisseurs fumée', 'fr', ['smoke-co-alarms']],
    ['GFCI outdoor', 'en', ['gfci-outdoor-receptacles']],
    ['nothing like this', 'en', []],
  ] as const)('finds %s (%s)', (query, lang, ids) => {
    expect(searchRules(query, '2026', lang).map((rule) => rule.id)).toEqual(ids);
  });

  it('answers with the rule number of the requested edition', () => {
    expect(searchRules('anti-arcs', '2018', 'fr')[0]?.ruleRef).toBe('26-724 f)');
    expect(searchRules('anti-arcs', '2026', 'fr')[0]?.ruleRef).toBe('26-656');
  });
});
