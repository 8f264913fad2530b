import { z } from 'zod';
import { type ByEdition, Edition } from './editions.ts';

/**
 * Every rule number this package cites, per edition, with where it comes from — the one table of
 * rule references (calculations and compliance rules read their clauses from here).
 *
 * `status`:
 * - `verified`: checked against a public transcription of the code text or an authority's
 *   publication named in `basis`;
 * - `to-confirm`: from memory, a secondary source, or carried over from the other edition; kept
 *   because it is the best reading we have, listed in the README until someone checks the code book.
 *
 * `clause: null` means the edition has no such rule (e.g. the EVEMS of 8-106 10) in CEC 2015).
 */
export const ReferenceStatus = z.enum(['verified', 'to-confirm']);
export type ReferenceStatus = z.infer<typeof ReferenceStatus>;

export const RuleSource = z.object({
  /** The code document the clause belongs to. */
  document: z.string(),
  status: ReferenceStatus,
  /** What the clause was checked against, or why it is still to confirm. */
  basis: z.string(),
});
export type RuleSource = z.infer<typeof RuleSource>;

export const RuleReference = z.object({ clause: z.string().nullable(), source: RuleSource });
export type RuleReference = z.infer<typeof RuleReference>;

const DOCUMENT: ByEdition<string> = {
  '2018': 'CSA C22.10-18 (CEC 2015 + modifications du Québec)',
  '2026': 'Code de construction du Québec, ch. V, 2026 (CSA C22.1-21 + modifications du Québec)',
};
const CEC21_TEXT = 'public transcription of the CSA C22.1:21 text';
const AUDIT_2026 = 'independent audit against CSA C22.1:21 transcriptions (issue 17)';
const SAME_AS_2026 = 'assumed numbered as in CEC 2021; CEC 2015 text not checked';

type Row = ByEdition<RuleReference>;

function ref(edition: Edition, clause: string | null, status: ReferenceStatus, basis: string): RuleReference {
  return { clause, source: { document: DOCUMENT[edition], status, basis } };
}
/** A clause verified for 2026 and assumed to carry the same number in 2018. */
function carried(clause: string, basis2026 = CEC21_TEXT): Row {
  return {
    '2018': ref('2018', clause, 'to-confirm', SAME_AS_2026),
    '2026': ref('2026', clause, 'verified', basis2026),
  };
}
/** A clause checked for both editions. */
function both(clause: string, basis: string): Row {
  return { '2018': ref('2018', clause, 'verified', basis), '2026': ref('2026', clause, 'verified', basis) };
}
function perEdition(
  r2018: [string | null, ReferenceStatus, string],
  r2026: [string | null, ReferenceStatus, string],
): Row {
  return { '2018': ref('2018', ...r2018), '2026': ref('2026', ...r2026) };
}

export const ruleReferences = {
  // Section 8 — loads.
  livingArea: carried('8-110'),
  singleBasicFirst: carried('8-200 1)a)i)'),
  singleBasicAdditional: carried('8-200 1)a)ii)'),
  singleHeatingCooling: carried('8-200 1)a)iii)'),
  singleRange: carried('8-200 1)a)iv)'),
  singleFullDemand: carried('8-200 1)a)v)'),
  singleEv: carried('8-200 1)a)vi)'),
  singleOther: carried('8-200 1)a)vii)'),
  singleMinimum: carried('8-200 1)b)'),
  singleService: carried('8-200 1)'),
  unitBasicFirst: carried('8-202 1)a)i)'),
  unitBasicSecond: carried('8-202 1)a)ii)'),
  unitBasicAdditional: carried('8-202 1)a)iii)'),
  unitHeatingCooling: carried('8-202 1)a)iv)'),
  unitRange: carried('8-202 1)a)v)'),
  unitFullDemand: carried('8-202 1)a)vi)'),
  // The EVSE item of 8-202 1)a) may be absent from CEC 2015, which would make "other loads" vii).
  unitEv: perEdition(
    ['8-202 1)a)vii)', 'to-confirm', 'CEC 2015 may have no EVSE item in 8-202 1)a)'],
    ['8-202 1)a)vii)', 'verified', CEC21_TEXT],
  ),
  unitOther: perEdition(
    ['8-202 1)a)viii)', 'to-confirm', 'may be 8-202 1)a)vii) in CEC 2015 (see unitEv)'],
    ['8-202 1)a)viii)', 'verified', CEC21_TEXT],
  ),
  unitMinimum: carried('8-202 1)b)'),
  unit: carried('8-202 1)'),
  building: carried('8-202 3)'),
  buildingLadder: carried('8-202 3)a)'),
  buildingHeating: carried('8-202 3)b)'),
  buildingAirConditioning: carried('8-202 3)c)'),
  buildingEv: carried('8-202 3)d)'),
  buildingNonDwelling: carried('8-202 3)e)'),
  // 62-118 3): thermostats in each room; central systems (furnace, duct heater, thermal storage)
  // stay at 100 % — the audit's reading of 62-118; the subrule of the 100 % case is not checked.
  heatingRoomThermostats: carried('62-118 3)', AUDIT_2026),
  heatingCentral: perEdition(
    ['62-118', 'to-confirm', 'subrule of the 100 % case not checked'],
    ['62-118', 'to-confirm', `${AUDIT_2026}; subrule of the 100 % case not checked`],
  ),
  interlock: perEdition(
    ['8-106 4)', 'to-confirm', 'audit: "very likely 8-106 4)" in CEC 2015 — not checked against the text'],
    ['8-106 3)', 'verified', CEC21_TEXT],
  ),
  // EVEMS (Rule 8-500) arrived in CEC 2018: not in the CEC 2015 base of the 2018 edition.
  evemsSetting: perEdition(
    [null, 'to-confirm', 'EVEMS rules introduced in CEC 2018 (after CEC 2015)'],
    ['8-106 10)', 'verified', CEC21_TEXT],
  ),
  evemsExemption: perEdition(
    [null, 'to-confirm', 'EVEMS rules introduced in CEC 2018 (after CEC 2015)'],
    ['8-106 11)', 'verified', CEC21_TEXT],
  ),
  currentDivisor: carried('8-100', 'CEC 8-100: current = watts ÷ nominal voltage (÷ √3 × V in three-phase)'),
  standardRatings: both('Table 13', 'standard ratings of fuses and circuit breakers (NEC 240.6(A) series)'),
  serviceTable39: perEdition(
    ['4-004 23)', 'verified', 'quoted from CSA C22.1-15 by BC Safety Authority directive D-EL 2016-06'],
    ['4-004 23)', 'to-confirm', 'subrule number carried from CEC 2015'],
  ),
  table39Values: perEdition(
    [
      'Table 39',
      'to-confirm',
      'rows taken as the harmonized NEC 310.12 dwelling values (60 A row = Table 2/4)',
    ],
    [
      'Table 39',
      'to-confirm',
      'rows taken as the harmonized NEC 310.12 dwelling values (60 A row = Table 2/4)',
    ],
  ),
  serviceConductorTables: carried('4-004 1)', 'Tables 2 and 4 (TSBC IB-EL 2016-07 examples)'),
  // 8-102 was rewritten in CEC 2021: the 3 % limit moved from 1)c) to 1)a).
  voltageDropBasis: perEdition(
    ['8-102 1)a)', 'to-confirm', 'CEC 2015 wording "based upon the calculated demand load" from memory'],
    ['8-102 1)', 'verified', `${CEC21_TEXT}: connected load, or 80 % of the overcurrent rating`],
  ),
  voltageDropBranchOrFeeder: perEdition(
    ['8-102 1)c)', 'to-confirm', 'CEC 2015 lettering from memory'],
    ['8-102 1)a)', 'verified', CEC21_TEXT],
  ),
  voltageDropTotal: perEdition(
    ['8-102 1)b)', 'to-confirm', 'CEC 2015 lettering from memory'],
    ['8-102 1)b)', 'verified', CEC21_TEXT],
  ),

  // Compliance rules (Section 26 was renumbered between CEC 2015 and CEC 2021).
  afci: perEdition(
    ['26-724 f)', 'verified', 'CMEQ, Eaton/Dixon Electric (with 26-710 f), 26-712 d) exemptions)'],
    ['26-656', 'to-confirm', 'public code summaries; item not confirmed'],
  ),
  gfciSink: perEdition(
    ['26-700 11)', 'to-confirm', 'from memory of the CEC 2015 text'],
    ['26-704', 'to-confirm', 'Appendix B note "Rules 26-700 8) and 26-704"; subrule not confirmed'],
  ),
  gfciOutdoor: perEdition(
    ['26-700', 'to-confirm', 'subrule not confirmed'],
    ['26-704', 'to-confirm', 'subrule not confirmed'],
  ),
  bathroomReceptacle: both('26-710 f)', 'CMEQ, Legrand (2018); CEC 2021 text of Rule 26-710 (2026)'),
  laundryReceptacle: both('26-710 e)', 'CEC 2015 and 2021 text of Rule 26-710'),
  roomReceptacles: perEdition(
    ['26-712 a)', 'verified', 'CMEQ, Legrand'],
    ['26-722 a)', 'to-confirm', 'same rule as kitchen counters; item letter not confirmed'],
  ),
  kitchenCounter: perEdition(
    ['26-712 d)', 'verified', 'CMEQ, Legrand'],
    ['26-722 d)', 'verified', 'cross-reference in CEC 2021 Rule 26-710 d)'],
  ),
  kitchenCounterCircuits: perEdition(
    ['26-722 b)', 'verified', 'CMEQ, Legrand'],
    ['26-724 b)', 'to-confirm', 'secondary source'],
  ),
  // Smoke and CO alarms are required by the building code (ch. I – Bâtiment, 9.10.19 and
  // 9.32.3.9); CEC 32-110 governs how they are connected.
  smokeCoAlarms: both('32-110', 'CEC 32-110 (connection); ch. I 9.10.19 / 9.32.3.9 (requirement)'),
  breakerVsConductor: both('14-104 2)', 'public summaries of 14-104 2) (copper values)'),
  spareSpaces: perEdition(
    ['8-108', 'to-confirm', 'CEC 2015 subrules not checked'],
    ['8-108', 'verified', `${CEC21_TEXT}: 1) single dwellings 4 spaces, 2) apartment units 2`],
  ),
  twoPoleLoads: perEdition(
    ['14-010 b)', 'to-confirm', 'subrule not verified'],
    ['14-010 b)', 'to-confirm', 'subrule not verified'],
  ),
  serviceSize: carried('8-200'),
} as const satisfies Record<string, Row>;

export type RuleKey = keyof typeof ruleReferences;

/** The clause of `key` in `edition` (null when the edition has no such rule). */
export function clauseOf(key: RuleKey, edition: Edition): string | null {
  return ruleReferences[key][edition].clause;
}

/** The clause of `key` in each edition ("—" where there is none) — the form compliance rules carry. */
export function clausesByEdition(key: RuleKey): ByEdition<string> {
  const row = ruleReferences[key];
  return { '2018': row['2018'].clause ?? '—', '2026': row['2026'].clause ?? '—' };
}

export const RuleReferenceRow = z.object({
  key: z.string(),
  edition: Edition,
  clause: z.string().nullable(),
  source: RuleSource,
});
export type RuleReferenceRow = z.infer<typeof RuleReferenceRow>;

/** The table as rows (key, edition, clause, source), in declaration order, 2018 before 2026. */
export function ruleReferenceRows(): RuleReferenceRow[] {
  return Object.entries(ruleReferences).flatMap(([key, row]) =>
    Edition.options.map((edition) => ({
      key,
      edition,
      clause: row[edition].clause,
      source: row[edition].source,
    })),
  );
}
