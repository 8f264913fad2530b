import type { ByEdition, Edition } from '../editions.ts';

/**
 * Rule numbers cited by the load calculations, per edition. Section 8 numbering is the same in
 * CEC 2015 (edition 2018) and CEC 2021 (edition 2026) for everything used here; the one edition
 * difference is the EVEMS reduction of EVSE demand (8-106 11)), introduced in CEC 2018 and
 * therefore absent from the CEC 2015 base of the 2018 Quebec edition.
 */
type LoadRefs = {
  livingArea: string;
  single: {
    basicFirst: string;
    basicAdditional: string;
    heatingCooling: string;
    range: string;
    fullDemand: string;
    ev: string;
    other: string;
    minimum: string;
    service: string;
  };
  apartment: {
    basicFirst: string;
    basicSecond: string;
    basicAdditional: string;
    heatingCooling: string;
    range: string;
    fullDemand: string;
    ev: string;
    other: string;
    unit: string;
    building: string;
    buildingLadder: string;
  };
  heatingDemand: string;
  interlock: string;
  evems: string | null;
  currentDivisor: string;
};

const common = {
  livingArea: '8-110',
  single: {
    basicFirst: '8-200 1)a)i)',
    basicAdditional: '8-200 1)a)ii)',
    heatingCooling: '8-200 1)a)iii)',
    range: '8-200 1)a)iv)',
    fullDemand: '8-200 1)a)v)',
    ev: '8-200 1)a)vi)',
    other: '8-200 1)a)vii)',
    minimum: '8-200 1)b)',
    service: '8-200 1)',
  },
  apartment: {
    basicFirst: '8-202 1)a)',
    basicSecond: '8-202 1)b)',
    basicAdditional: '8-202 1)c)',
    heatingCooling: '8-202 1)d)',
    range: '8-202 1)e)',
    fullDemand: '8-202 1)f)',
    ev: '8-202 1)g)',
    other: '8-202 1)h)',
    unit: '8-202 1)',
    building: '8-202 3)',
    buildingLadder: '8-202 3)a)',
  },
  // 62-118 3): dwelling-unit electric heating with thermostatic control in each room.
  heatingDemand: '62-118 3)',
  interlock: '8-106 3)',
  // 8-100: currents are calculated from watts with the nominal voltage divisor (240 V here).
  currentDivisor: '8-100',
} as const;

export const loadRefs: ByEdition<LoadRefs> = {
  '2018': { ...common, evems: null },
  '2026': { ...common, evems: '8-106 11)' },
};

/** Quebec amendment (2026 edition): EVSE load must be provided for in service/feeder calculations. */
export const quebecEvProvision: ByEdition<boolean> = { '2018': false, '2026': true };

export function refsFor(edition: Edition): LoadRefs {
  return loadRefs[edition];
}
