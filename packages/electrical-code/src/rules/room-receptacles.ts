import { count, GENERAL_RECEPTACLES, hasDeviceCounts, roomFacts } from './plan-facts.ts';
import { complianceRefs } from './rule-refs.ts';
import type { ComplianceRule, Finding } from './types.ts';
import type { RoomKind } from './vocabulary.ts';

const ID = 'room-receptacles';

// Rooms that must have at least one receptacle, and the rule that says so.
const required: ReadonlyArray<{ kind: RoomKind; refs: Record<'2018' | '2026', string> }> = [
  { kind: 'bedroom', refs: complianceRefs.roomReceptacles },
  { kind: 'living', refs: complianceRefs.roomReceptacles },
  { kind: 'dining', refs: complianceRefs.roomReceptacles },
  { kind: 'office', refs: complianceRefs.roomReceptacles },
  { kind: 'bathroom', refs: complianceRefs.bathroomReceptacle },
  { kind: 'laundry', refs: complianceRefs.laundryReceptacle },
];

/**
 * Receptacle presence per room type. Presence only: the 1.8 m spacing along usable walls needs wall
 * lengths the analysis does not give, so compliant rooms get an `info` saying spacing is unchecked.
 */
export const roomReceptaclesRule: ComplianceRule = {
  id: ID,
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling', 'apartment'],
  ruleRef: complianceRefs.roomReceptacles,
  referenceKey: 'roomReceptacles',
  title: { fr: 'Présence de prises de courant par pièce', en: 'Receptacles present in each room' },
  check(analysis, _project, { edition, m }) {
    const mainRef = complianceRefs.roomReceptacles[edition];
    if (!hasDeviceCounts(analysis))
      return [{ ruleId: ID, ruleRef: mainRef, severity: 'info', message: m.noDeviceCounts }];
    const rooms = roomFacts(analysis);
    const findings: Finding[] = [];
    let checked = 0;
    for (const room of rooms) {
      const rule = required.find((r) => r.kind === room.kind);
      if (!rule) continue;
      checked += 1;
      const receptacles = count(room.counts, ...GENERAL_RECEPTACLES);
      if (receptacles === 0) {
        findings.push({
          ruleId: ID,
          ruleRef: rule.refs[edition],
          severity: 'warning',
          message: m.roomWithoutReceptacle(room.name),
          ...(room.page === undefined ? {} : { page: room.page }),
          location: room.name,
        });
      }
    }
    if (checked === 0)
      return [{ ruleId: ID, ruleRef: mainRef, severity: 'info', message: m.noRecognizedRooms }];
    if (findings.length === 0)
      findings.push({
        ruleId: ID,
        ruleRef: mainRef,
        severity: 'info',
        message: m.roomsHaveReceptacles(checked),
      });
    return findings;
  },
};
