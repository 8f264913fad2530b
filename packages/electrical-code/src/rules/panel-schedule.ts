import { tabulatedAmpacity } from '../tables/ampacity.ts';
import { smallConductorCaps } from '../tables/overcurrent.ts';
import { type CircuitFact, circuitFacts, circuitLocation, panelFacts, parseConductor } from './plan-facts.ts';
import { complianceRefs } from './rule-refs.ts';
import type { ComplianceRule, Finding, RuleContext } from './types.ts';
import { type Marking, mentions } from './vocabulary.ts';

const place = (fact: CircuitFact, ctx: RuleContext) => ({
  page: fact.page,
  location: circuitLocation(fact, ctx.m.panel),
});

/**
 * Breaker rating vs the conductor the schedule prints for the same circuit: above the 14-104 2)
 * cap of a small conductor is an error; above the 75 °C Table 2/4 ampacity of a larger one is a
 * warning (14-104 1) may allow the next standard rating). Unreadable conductors are `info`.
 */
export const breakerConductorRule: ComplianceRule = {
  id: 'panel-breaker-conductor',
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling', 'apartment', 'commercial'],
  ruleRef: complianceRefs.breakerVsConductor,
  referenceKey: 'breakerVsConductor',
  title: { fr: 'Calibre du disjoncteur et du conducteur', en: 'Breaker rating vs conductor size' },
  check(analysis, _project, ctx) {
    const id = 'panel-breaker-conductor';
    const ruleRef = complianceRefs.breakerVsConductor[ctx.edition];
    const circuits = circuitFacts(analysis);
    if (circuits.length === 0) return [{ ruleId: id, ruleRef, severity: 'info', message: ctx.m.noSchedule }];
    const withBoth = circuits.filter(({ circuit }) => circuit.amps !== null && circuit.conductor);
    if (withBoth.length === 0)
      return [{ ruleId: id, ruleRef, severity: 'info', message: ctx.m.noConductorColumn }];

    const findings: Finding[] = [];
    for (const fact of withBoth) {
      const amps = fact.circuit.amps ?? 0;
      const text = fact.circuit.conductor ?? '';
      const conductor = parseConductor(text);
      if (!conductor) {
        findings.push({
          ruleId: id,
          ruleRef,
          severity: 'info',
          message: ctx.m.conductorUnreadable(text),
          ...place(fact, ctx),
        });
        continue;
      }
      const cap = smallConductorCaps[ctx.edition][conductor.material][conductor.size];
      if (cap !== undefined) {
        if (amps > cap) {
          findings.push({
            ruleId: id,
            ruleRef,
            severity: 'error',
            message: ctx.m.breakerAboveCap(amps, conductor.size, conductor.material, cap),
            ...place(fact, ctx),
          });
        }
        continue;
      }
      const table = conductor.material === 'copper' ? '2' : '4';
      const ampacity = tabulatedAmpacity(ctx.edition, table, conductor.size, 75);
      if (ampacity !== undefined && amps > ampacity) {
        findings.push({
          ruleId: id,
          ruleRef: '14-104 1)',
          severity: 'warning',
          message: ctx.m.breakerAboveAmpacity(amps, conductor.size, conductor.material, ampacity),
          ...place(fact, ctx),
        });
      }
    }
    if (findings.length === 0)
      findings.push({ ruleId: id, ruleRef, severity: 'info', message: ctx.m.breakersMatch(withBoth.length) });
    return findings;
  },
};

// 8-108 1): a single dwelling's panelboard keeps at least 4 spaces for future overcurrent devices;
// 8-108 2): a dwelling unit's panelboard in an apartment or similar building, at least 2 (CEC 2021;
// both with provision for a two-pole device).
const REQUIRED_SPARES = { house: 4, apartmentUnit: 2 } as const;

/**
 * Spare positions (8-108): each panel schedule must keep at least 4 positions marked spare or
 * space (single dwelling, and when the occupancy is not given) or 2 (apartment units). Counted
 * from the schedule's "RÉSERVE"/"ESPACE"/empty descriptions; whether a two-pole device fits is
 * not visible on a schedule, so the finding says to check it.
 */
export const spareSpacesRule: ComplianceRule = {
  id: 'panel-spare-spaces',
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling', 'apartment'],
  ruleRef: complianceRefs.spareSpaces,
  referenceKey: 'spareSpaces',
  title: { fr: 'Positions de réserve au panneau', en: 'Spare positions in the panel' },
  check(analysis, project, ctx) {
    const id = 'panel-spare-spaces';
    const apartment = project.occupancy === 'apartment';
    const required = apartment ? REQUIRED_SPARES.apartmentUnit : REQUIRED_SPARES.house;
    const ruleRef = `${complianceRefs.spareSpaces[ctx.edition]} ${apartment ? '2)' : '1)'}`;
    const panels = panelFacts(analysis);
    if (panels.length === 0) return [{ ruleId: id, ruleRef, severity: 'info', message: ctx.m.noSchedule }];
    return panels.map(({ panel, page }) => {
      const spares = panel.circuits.filter(
        (c) => mentions(c.description, 'spare') || c.description.trim() === '',
      ).length;
      const location = `${ctx.m.panel} ${panel.name}`;
      return spares < required
        ? {
            ruleId: id,
            ruleRef,
            severity: 'warning' as const,
            message: ctx.m.sparesShort(panel.name, spares, required, apartment),
            page,
            location,
          }
        : {
            ruleId: id,
            ruleRef,
            severity: 'info' as const,
            message: ctx.m.sparesEnough(panel.name, spares, required),
            page,
            location,
          };
    });
  },
};

// 240 V loads: range and dryer are always 120/240 V (error on one pole); heaters, water heaters,
// EVSE and A/C can exist at 120 V, so one pole is a warning to check.
const twoPoleLoads: ReadonlyArray<{ marking: Marking; severity: 'error' | 'warning' }> = [
  { marking: 'range', severity: 'error' },
  { marking: 'dryer', severity: 'error' },
  { marking: 'waterHeater', severity: 'warning' },
  { marking: 'heating', severity: 'warning' },
  { marking: 'ev', severity: 'warning' },
  { marking: 'airConditioning', severity: 'warning' },
];

/** Range, dryer, heaters, water heater, EVSE, A/C: on 2-pole (common-trip) breakers. */
export const twoPoleLoadsRule: ComplianceRule = {
  id: 'panel-two-pole-loads',
  editions: ['2018', '2026'],
  occupancies: ['single-dwelling', 'apartment', 'commercial'],
  ruleRef: complianceRefs.twoPoleLoads,
  referenceKey: 'twoPoleLoads',
  title: { fr: 'Charges de 240 V sur disjoncteurs bipolaires', en: '240 V loads on 2-pole breakers' },
  check(analysis, _project, ctx) {
    const id = 'panel-two-pole-loads';
    const ruleRef = complianceRefs.twoPoleLoads[ctx.edition];
    const circuits = circuitFacts(analysis);
    if (circuits.length === 0) return [{ ruleId: id, ruleRef, severity: 'info', message: ctx.m.noSchedule }];
    const findings: Finding[] = [];
    let checked = 0;
    for (const fact of circuits) {
      const load = twoPoleLoads.find((l) => mentions(fact.circuit.description, l.marking));
      if (!load) continue;
      checked += 1;
      if (fact.circuit.poles === null) {
        findings.push({
          ruleId: id,
          ruleRef,
          severity: 'info',
          message: ctx.m.polesUnknown(fact.circuit.description),
          ...place(fact, ctx),
        });
      } else if (fact.circuit.poles < 2) {
        findings.push({
          ruleId: id,
          ruleRef,
          severity: load.severity,
          message: ctx.m.onePole(fact.circuit.description),
          ...place(fact, ctx),
        });
      }
    }
    if (checked === 0) return [{ ruleId: id, ruleRef, severity: 'info', message: ctx.m.noTwoPoleLoads }];
    if (findings.length === 0)
      findings.push({ ruleId: id, ruleRef, severity: 'info', message: ctx.m.twoPoleOk(checked) });
    return findings;
  },
};
