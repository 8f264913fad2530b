import type { ByEdition } from '../editions.ts';
import { clausesByEdition } from '../rule-references.ts';

/**
 * Rule numbers of the compliance rules, per edition, read from the one table of rule references
 * (`src/rule-references.ts`, which says where each comes from and which are still to confirm).
 * Section 26 was renumbered between CEC 2015 (edition 2018) and CEC 2021 (edition 2026).
 */
export const complianceRefs = {
  afci: clausesByEdition('afci'),
  gfciSink: clausesByEdition('gfciSink'),
  gfciOutdoor: clausesByEdition('gfciOutdoor'),
  bathroomReceptacle: clausesByEdition('bathroomReceptacle'),
  laundryReceptacle: clausesByEdition('laundryReceptacle'),
  roomReceptacles: clausesByEdition('roomReceptacles'),
  kitchenCounter: clausesByEdition('kitchenCounter'),
  kitchenCounterCircuits: clausesByEdition('kitchenCounterCircuits'),
  smokeCoAlarms: clausesByEdition('smokeCoAlarms'),
  breakerVsConductor: clausesByEdition('breakerVsConductor'),
  spareSpaces: clausesByEdition('spareSpaces'),
  twoPoleLoads: clausesByEdition('twoPoleLoads'),
  serviceSize: clausesByEdition('serviceSize'),
} as const satisfies Record<string, ByEdition<string>>;
