import type { ByEdition } from '../editions.ts';

/**
 * Rule numbers of the compliance rules, per edition. Section 26 was renumbered between CEC 2015
 * (edition 2018) and CEC 2021 (edition 2026).
 *
 * Edition 2018 (CEC 2015 + Quebec), confirmed by public sources:
 * - AFCI on dwelling branch circuits of 125 V receptacles ≤ 20 A: 26-724 f) (with the exemptions of
 *   26-710 f) and 26-712 d)); AFCI receptacle at the first outlet: 26-724 g), replaced by a Quebec
 *   amendment (metal raceway or armoured cable to the first outlet) — CMEQ, Eaton/Dixon Electric.
 * - Receptacle at a bathroom wash basin: 26-710 f); receptacles in dwelling rooms (1.8 m): 26-712 a);
 *   kitchen counters (900 mm): 26-712 d); two counter branch circuits: 26-722 b) — CMEQ, Legrand.
 * - GFCI within 1.5 m of a sink: 26-700 11) (from memory of the CEC 2015 text: not confirmed by a
 *   public source); outdoor GFCI: cited as 26-700 (subrule not confirmed).
 * Edition 2026 (CEC 2021 + Quebec):
 * - GFCI near sinks / outdoors: 26-704 (Appendix B note "Rules 26-700 8) and 26-704", CEC 2021).
 * - Kitchen counters: 26-722 d) (cross-reference in CEC 2021 Rule 26-710 d)); dwelling rooms:
 *   26-722 a) (same rule; item letter not confirmed).
 * - AFCI: 26-656 (introduced in CEC 2018; cited by public code summaries — item not confirmed).
 * - Bathroom basin receptacle: 26-710 f) (CEC 2021 text of Rule 26-710).
 * Unconfirmed numbers are listed in the README; findings always quote the rule with its edition.
 */
export const complianceRefs = {
  afci: { '2018': '26-724 f)', '2026': '26-656' },
  gfciSink: { '2018': '26-700 11)', '2026': '26-704' },
  gfciOutdoor: { '2018': '26-700', '2026': '26-704' },
  bathroomReceptacle: { '2018': '26-710 f)', '2026': '26-710 f)' },
  laundryReceptacle: { '2018': '26-710 e)', '2026': '26-710 e)' },
  roomReceptacles: { '2018': '26-712 a)', '2026': '26-722 a)' },
  kitchenCounter: { '2018': '26-712 d)', '2026': '26-722 d)' },
  kitchenCounterCircuits: { '2018': '26-722 b)', '2026': '26-724 b)' },
  // Smoke and CO alarms are required by the building code (Code de construction, chapitre I –
  // Bâtiment, 9.10.19 and 9.32.3.9); CEC 32-110 governs how they are connected.
  smokeCoAlarms: { '2018': '32-110', '2026': '32-110' },
  breakerVsConductor: { '2018': '14-104 2)', '2026': '14-104 2)' },
  spareSpaces: { '2018': '8-108', '2026': '8-108' },
  twoPoleLoads: { '2018': '14-010 b)', '2026': '14-010 b)' },
  serviceSize: { '2018': '8-200', '2026': '8-200' },
} as const satisfies Record<string, ByEdition<string>>;
