import type { PlanAnalysis } from '@saeq/shared/contracts/plan-analysis';
import type { Edition } from '../editions.ts';
import {
  circuitFacts,
  circuitNumbersOf,
  count,
  type RoomFact,
  roomFacts,
  UNMARKED_GFCI_RECEPTACLES,
} from './plan-facts.ts';
import { complianceRefs } from './rule-refs.ts';
import type { ComplianceRule, Finding, RuleContext } from './types.ts';
import { mentions, type RoomKind } from './vocabulary.ts';

/**
 * Receptacles in a room of `kind` must be GFCI-protected: a GFCI receptacle, or an ordinary one on
 * a circuit the schedule marks GFCI (DDFT). Without a schedule we cannot tell where an ordinary
 * receptacle's protection is: warning "à vérifier", never error.
 */
function gfciCheck(
  id: string,
  kind: RoomKind,
  refs: Record<Edition, string>,
  analysis: PlanAnalysis,
  { edition, m }: RuleContext,
): Finding[] {
  const ruleRef = refs[edition];
  const rooms = roomFacts(analysis).filter((room) => room.kind === kind);
  if (rooms.length === 0) return [{ ruleId: id, ruleRef, severity: 'info', message: m.gfciNoRoom(kind) }];
  const gfciCircuits = new Set(
    circuitFacts(analysis)
      .filter(({ circuit }) => mentions(circuit.description, 'gfci'))
      .map(({ circuit }) => circuit.number),
  );
  const findings: Finding[] = [];
  for (const room of rooms) {
    const plain = count(room.counts, ...UNMARKED_GFCI_RECEPTACLES);
    const protectedCount = count(room.counts, 'receptacle_gfci');
    if (plain === 0) {
      if (protectedCount > 0) {
        findings.push({
          ruleId: id,
          ruleRef,
          severity: 'info',
          message: m.gfciOk(room.name, protectedCount),
          ...where(room),
        });
      }
      continue;
    }
    const circuits = circuitNumbersOf(symbolCircuits(analysis, room.name));
    const allOnGfci = circuits.size > 0 && [...circuits].every((n) => gfciCircuits.has(n));
    if (allOnGfci) {
      findings.push({
        ruleId: id,
        ruleRef,
        severity: 'info',
        message: m.gfciViaBreaker(room.name, plain),
        ...where(room),
      });
    } else {
      findings.push({
        ruleId: id,
        ruleRef,
        severity: 'warning',
        message: m.gfciMissing(room.name, plain, kind),
        ...where(room),
      });
    }
  }
  return findings;
}

function symbolCircuits(analysis: PlanAnalysis, roomName: string): Array<string | null> {
  return analysis.pages.flatMap((page) =>
    page.symbols
      .filter((s) => s.room === roomName && (UNMARKED_GFCI_RECEPTACLES as readonly string[]).includes(s.type))
      .map((s) => s.circuit),
  );
}

function where(room: RoomFact): { page?: number; location: string } {
  return room.page === undefined ? { location: room.name } : { page: room.page, location: room.name };
}

export const gfciBathroomRule: ComplianceRule = {
  id: 'gfci-bathroom-receptacles',
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling', 'apartment', 'commercial'],
  ruleRef: complianceRefs.gfciSink,
  referenceKey: 'gfciSink',
  title: {
    fr: 'DDFT des prises près des lavabos (salles de bains)',
    en: 'GFCI protection of receptacles near wash basins (bathrooms)',
  },
  check: (analysis, _project, ctx) =>
    gfciCheck('gfci-bathroom-receptacles', 'bathroom', complianceRefs.gfciSink, analysis, ctx),
};

export const gfciOutdoorRule: ComplianceRule = {
  id: 'gfci-outdoor-receptacles',
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling', 'apartment'],
  ruleRef: complianceRefs.gfciOutdoor,
  referenceKey: 'gfciOutdoor',
  title: { fr: 'DDFT des prises extérieures', en: 'GFCI protection of outdoor receptacles' },
  check: (analysis, _project, ctx) =>
    gfciCheck('gfci-outdoor-receptacles', 'outdoor', complianceRefs.gfciOutdoor, analysis, ctx),
};
