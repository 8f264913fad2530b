import type { ByEdition, Edition } from '../editions.ts';
import { clauseOf, type RuleKey } from '../rule-references.ts';

const loadKeys = [
  'livingArea',
  'singleBasicFirst',
  'singleBasicAdditional',
  'singleHeatingCooling',
  'singleRange',
  'singleFullDemand',
  'singleEv',
  'singleOther',
  'singleMinimum',
  'singleService',
  'unitBasicFirst',
  'unitBasicSecond',
  'unitBasicAdditional',
  'unitHeatingCooling',
  'unitRange',
  'unitFullDemand',
  'unitEv',
  'unitOther',
  'unitMinimum',
  'unit',
  'building',
  'buildingLadder',
  'buildingHeating',
  'buildingAirConditioning',
  'buildingEv',
  'buildingNonDwelling',
  'heatingRoomThermostats',
  'heatingCentral',
  'interlock',
  'currentDivisor',
  'serviceTable39',
  'serviceConductorTables',
  'voltageDropBasis',
  'voltageDropBranchOrFeeder',
  'voltageDropTotal',
] as const satisfies readonly RuleKey[];

/** Clauses the calculations cite, by key; the EVEMS rules are null where the edition has none. */
export type LoadRefs = Record<(typeof loadKeys)[number], string> & {
  evemsSetting: string | null;
  evemsExemption: string | null;
};

function loadRefsOf(edition: Edition): LoadRefs {
  const refs = Object.fromEntries(loadKeys.map((key) => [key, clauseOf(key, edition) ?? '—'])) as Record<
    (typeof loadKeys)[number],
    string
  >;
  return {
    ...refs,
    evemsSetting: clauseOf('evemsSetting', edition),
    evemsExemption: clauseOf('evemsExemption', edition),
  };
}

/** The calculations' rule numbers per edition, read from the one table (rule-references.ts). */
export const loadRefs: ByEdition<LoadRefs> = { '2018': loadRefsOf('2018'), '2026': loadRefsOf('2026') };

/** Quebec amendment (2026 edition): EVSE load must be provided for in service/feeder calculations. */
export const quebecEvProvision: ByEdition<boolean> = { '2018': false, '2026': true };

export function refsFor(edition: Edition): LoadRefs {
  return loadRefs[edition];
}
