import { circuitFacts, count, GENERAL_RECEPTACLES, hasDeviceCounts, roomFacts } from './plan-facts.ts';
import { complianceRefs } from './rule-refs.ts';
import type { ComplianceRule, Finding } from './types.ts';
import { mentions } from './vocabulary.ts';

const ID = 'kitchen-counter-receptacles';
// Counter receptacles are split (or 20 A T-slot) on at least two branch circuits
// (26-722 b) 2018 / 26-724 b) 2026), so a kitchen shows at least two counter receptacles.
const MIN_COUNTER_RECEPTACLES = 2;
const MIN_COUNTER_CIRCUITS = 2;

/**
 * Kitchen counter receptacles: presence and count in each kitchen, and the number of counter
 * circuits when the schedule names them. The 900 mm spacing along the counter needs counter
 * lengths the analysis does not give: said as `info`, never guessed.
 */
export const kitchenCounterRule: ComplianceRule = {
  id: ID,
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling', 'apartment'],
  ruleRef: complianceRefs.kitchenCounter,
  referenceKey: 'kitchenCounter',
  title: { fr: 'Prises de comptoir de cuisine', en: 'Kitchen counter receptacles' },
  check(analysis, _project, { edition, m }) {
    const ruleRef = complianceRefs.kitchenCounter[edition];
    const circuitsRef = complianceRefs.kitchenCounterCircuits[edition];
    if (!hasDeviceCounts(analysis))
      return [{ ruleId: ID, ruleRef, severity: 'info', message: m.noDeviceCounts }];
    const kitchens = roomFacts(analysis).filter((room) => room.kind === 'kitchen');
    if (kitchens.length === 0) return [{ ruleId: ID, ruleRef, severity: 'info', message: m.noKitchen }];

    const findings: Finding[] = [];
    for (const kitchen of kitchens) {
      const receptacles = count(kitchen.counts, ...GENERAL_RECEPTACLES);
      const place = { ...(kitchen.page === undefined ? {} : { page: kitchen.page }), location: kitchen.name };
      if (receptacles < MIN_COUNTER_RECEPTACLES) {
        findings.push({
          ruleId: ID,
          ruleRef,
          severity: 'warning',
          message: m.kitchenTooFew(kitchen.name, receptacles),
          ...place,
        });
      } else {
        findings.push({
          ruleId: ID,
          ruleRef,
          severity: 'info',
          message: m.kitchenSpacingUnchecked(kitchen.name, receptacles),
          ...place,
        });
      }
    }
    const counterCircuits = circuitFacts(analysis).filter(({ circuit }) =>
      mentions(circuit.description, 'counter'),
    );
    if (counterCircuits.length > 0 && counterCircuits.length < MIN_COUNTER_CIRCUITS * kitchens.length) {
      findings.push({
        ruleId: ID,
        ruleRef: circuitsRef,
        severity: 'warning',
        message: m.kitchenCounterCircuits(counterCircuits.length, kitchens.length),
      });
    }
    return findings;
  },
};
