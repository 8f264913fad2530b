import { circuitFacts, circuitLocation } from './plan-facts.ts';
import { complianceRefs } from './rule-refs.ts';
import type { ComplianceRule, Finding } from './types.ts';
import { classifyRoom, mentions } from './vocabulary.ts';

const ID = 'afci-receptacle-circuits';
// 26-724 f) (2018) / 26-656 (2026): 125 V receptacle circuits of 20 A or less in dwelling units.
const MAX_AMPS = 20;

/**
 * AFCI protection of dwelling receptacle circuits, read from the panel schedule. A schedule that
 * marks no AFCI at all cannot tell us anything (info); when it marks some, an unmarked receptacle
 * circuit is a warning. Exempt: counter, refrigerator, bathroom-basin and sump-pump circuits.
 */
export const afciRule: ComplianceRule = {
  id: ID,
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling', 'apartment'],
  ruleRef: complianceRefs.afci,
  referenceKey: 'afci',
  title: {
    fr: 'Protection anti-arcs des dérivations de prises des logements',
    en: 'Arc-fault protection of dwelling receptacle circuits',
  },
  check(analysis, _project, { edition, m }) {
    const ruleRef = complianceRefs.afci[edition];
    const circuits = circuitFacts(analysis);
    if (circuits.length === 0) return [{ ruleId: ID, ruleRef, severity: 'info', message: m.afciNoSchedule }];

    const receptacleCircuits = circuits.filter(({ circuit }) => {
      const d = circuit.description;
      if (!mentions(d, 'receptacles')) return false;
      if ((circuit.amps ?? 0) > MAX_AMPS || (circuit.poles ?? 1) > 1) return false;
      return !(
        mentions(d, 'counter') ||
        mentions(d, 'refrigerator') ||
        mentions(d, 'sumpPump') ||
        classifyRoom(d) === 'bathroom'
      );
    });
    if (receptacleCircuits.length === 0) {
      return [{ ruleId: ID, ruleRef, severity: 'info', message: m.afciNoReceptacleCircuit }];
    }
    const scheduleMarksAfci = circuits.some(({ circuit }) => mentions(circuit.description, 'afci'));
    if (!scheduleMarksAfci) {
      return [{ ruleId: ID, ruleRef, severity: 'info', message: m.afciNotMarked(receptacleCircuits.length) }];
    }
    const findings: Finding[] = [];
    for (const fact of receptacleCircuits) {
      if (mentions(fact.circuit.description, 'afci')) continue;
      findings.push({
        ruleId: ID,
        ruleRef,
        severity: 'warning',
        message: m.afciMissing(fact.circuit.number, fact.circuit.description),
        page: fact.page,
        location: circuitLocation(fact, m.panel),
      });
    }
    if (findings.length === 0) {
      findings.push({
        ruleId: ID,
        ruleRef,
        severity: 'info',
        message: m.afciAllMarked(receptacleCircuits.length),
      });
    }
    return findings;
  },
};
