import { count, hasDeviceCounts, roomFacts } from './plan-facts.ts';
import { complianceRefs } from './rule-refs.ts';
import type { ComplianceRule, Finding } from './types.ts';

const ID = 'smoke-co-alarms';

/**
 * Smoke alarms where the plan shows sleeping rooms (building code 9.10.19: in each bedroom and
 * between bedrooms and the rest of the dwelling; connection per CEC 32-110), and CO alarms where an
 * attached garage appears (9.32.3.9). Fuel-burning appliances are not on electrical plans: the CO
 * requirement is otherwise reported as undecidable.
 */
export const smokeCoAlarmsRule: ComplianceRule = {
  id: ID,
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling', 'apartment'],
  ruleRef: complianceRefs.smokeCoAlarms,
  referenceKey: 'smokeCoAlarms',
  title: { fr: 'Avertisseurs de fumée et de monoxyde de carbone', en: 'Smoke and carbon monoxide alarms' },
  check(analysis, _project, { edition, m }) {
    const ruleRef = complianceRefs.smokeCoAlarms[edition];
    if (!hasDeviceCounts(analysis))
      return [{ ruleId: ID, ruleRef, severity: 'info', message: m.noDeviceCounts }];
    const rooms = roomFacts(analysis);
    const bedrooms = rooms.filter((room) => room.kind === 'bedroom');
    const findings: Finding[] = [];
    const smokeTotal = analysis.counts.byType.smoke_detector ?? 0;
    const coTotal = analysis.counts.byType.co_detector ?? 0;

    if (bedrooms.length === 0) {
      findings.push({ ruleId: ID, ruleRef, severity: 'info', message: m.noBedrooms });
    } else if (smokeTotal === 0) {
      findings.push({ ruleId: ID, ruleRef, severity: 'warning', message: m.noSmokeAlarm(bedrooms.length) });
    } else {
      for (const bedroom of bedrooms) {
        if (count(bedroom.counts, 'smoke_detector') > 0) continue;
        findings.push({
          ruleId: ID,
          ruleRef,
          severity: 'warning',
          message: m.bedroomWithoutSmokeAlarm(bedroom.name),
          ...(bedroom.page === undefined ? {} : { page: bedroom.page }),
          location: bedroom.name,
        });
      }
      if (findings.length === 0)
        findings.push({ ruleId: ID, ruleRef, severity: 'info', message: m.smokeAlarmsPresent(smokeTotal) });
    }

    const garage = rooms.some((room) => room.kind === 'garage');
    if (garage && coTotal === 0)
      findings.push({ ruleId: ID, ruleRef, severity: 'warning', message: m.garageWithoutCo });
    else if (coTotal === 0)
      findings.push({ ruleId: ID, ruleRef, severity: 'info', message: m.coUndecidable });
    return findings;
  },
};
