import { formatA, formatW } from '../format.ts';
import type { RuleMessages } from './rules-fr.ts';

const s = (n: number) => (n === 1 ? '' : 's');
const place = (kind: string) => (kind === 'outdoor' ? 'outdoors' : 'in a bathroom');

/** Compliance findings in English. */
export const rulesEn: RuleMessages = {
  disclaimer:
    'Verification aid: these findings are drawn automatically from the plan and must be validated by a master electrician; they are not a certification of compliance.',
  panel: 'Panel',
  occupancyAssumed: 'Occupancy not given: the dwelling rules were applied.',
  skippedEdition: 'rule not in this edition',
  skippedOccupancy: 'rule does not apply to this occupancy',
  noDeviceCounts:
    'No device has been detected on the plan yet: rule not evaluated (it will be once the analysis has counts).',
  noSchedule: 'No panel schedule detected on the plan: rule not evaluated.',

  afciNoSchedule:
    'No panel schedule detected: arc-fault protection of receptacle circuits cannot be checked.',
  afciNoReceptacleCircuit:
    'The schedule names no receptacle circuit that the rule covers: arc-fault protection not checkable.',
  afciNotMarked: (n: number) =>
    `The schedule marks no arc-fault protection (AFCI) anywhere: ${n} receptacle circuit${s(n)} cannot be checked; verify on site.`,
  afciMissing: (circuit: number, description: string) =>
    `Circuit ${circuit} "${description}": no arc-fault protection marked although the schedule marks it elsewhere — to verify.`,
  afciAllMarked: (n: number) => `${n} receptacle circuit${s(n)} marked AFCI in the schedule.`,

  gfciNoRoom: (kind: string) =>
    `No ${kind === 'outdoor' ? 'outdoor area' : 'bathroom'} recognized on the plan: rule not evaluated.`,
  gfciOk: (room: string, n: number) => `${room}: ${n} GFCI receptacle${s(n)} per the plan.`,
  gfciViaBreaker: (room: string, n: number) =>
    `${room}: ${n} receptacle${s(n)} on a circuit marked GFCI in the schedule.`,
  gfciMissing: (room: string, n: number, kind: string) =>
    `${room}: ${n} ordinary receptacle${s(n)} ${place(kind)} with no GFCI protection shown (GFCI receptacle or breaker) — to verify.`,

  roomWithoutReceptacle: (room: string) => `${room}: no receptacle detected on the plan — to verify.`,
  noRecognizedRooms: 'No room recognized (bedroom, living room, bathroom…): rule not evaluated.',
  roomsHaveReceptacles: (n: number) =>
    `${n} room${s(n)} with at least one receptacle; the 1.8 m spacing along walls cannot be checked without wall lengths.`,

  noKitchen: 'No kitchen recognized on the plan: rule not evaluated.',
  kitchenTooFew: (room: string, n: number) =>
    `${room}: ${n} receptacle${s(n)} detected; a kitchen counter needs at least two, on two branch circuits — to verify.`,
  kitchenSpacingUnchecked: (room: string, n: number) =>
    `${room}: ${n} receptacles detected; the 900 mm spacing along the counter cannot be checked without the counter length.`,
  kitchenCounterCircuits: (n: number, kitchens: number) =>
    `The schedule names ${n} counter circuit${s(n)} for ${kitchens} kitchen${s(kitchens)}; at least two per kitchen are required — to verify.`,

  noBedrooms: 'No bedroom recognized on the plan: smoke alarm requirement not evaluated.',
  noSmokeAlarm: (n: number) =>
    `${n} bedroom${s(n)} on the plan but no smoke alarm detected (building code 9.10.19) — to verify.`,
  bedroomWithoutSmokeAlarm: (room: string) => `${room}: no smoke alarm detected in the bedroom — to verify.`,
  smokeAlarmsPresent: (n: number) => `${n} smoke alarm${s(n)} detected, at least one in each bedroom.`,
  garageWithoutCo:
    'Garage on the plan but no carbon monoxide alarm detected (building code 9.32.3.9, attached garage) — to verify.',
  coUndecidable:
    'No CO alarm detected; one is required with a fuel-burning appliance or an attached garage, which the electrical plan does not show.',

  noConductorColumn: 'The schedule gives no circuit conductors: breaker ratings not compared.',
  conductorUnreadable: (text: string) => `Conductor "${text}" unreadable: circuit not checked.`,
  breakerAboveCap: (amps: number, size: string, mat: 'copper' | 'aluminum', cap: number) =>
    `${formatA(amps, 'en')} breaker on a ${size} ${mat} conductor: the maximum protection is ${formatA(cap, 'en')}.`,
  breakerAboveAmpacity: (amps: number, size: string, mat: 'copper' | 'aluminum', ampacity: number) =>
    `${formatA(amps, 'en')} breaker on a ${size} ${mat} conductor (${formatA(ampacity, 'en')} at 75 °C) — to verify (next standard rating allowed only per 14-104 1)).`,
  breakersMatch: (n: number) => `${n} circuit${s(n)}: breaker rating compatible with the conductor shown.`,

  sparesShort: (panel: string, n: number, required: number, apartment: boolean) =>
    `Panel ${panel}: ${n} spare or space position${s(n)}; Rule 8-108 requires at least ${required} in ${apartment ? 'the panelboard of an apartment unit' : 'the panelboard of a single dwelling'}, with provision for a two-pole device — to verify.`,
  sparesEnough: (panel: string, n: number, required: number) =>
    `Panel ${panel}: ${n} spare or space position${s(n)} (at least ${required} required by Rule 8-108); check that a two-pole device fits.`,

  polesUnknown: (description: string) => `"${description}": number of poles not given in the schedule.`,
  onePole: (description: string) =>
    `"${description}": 240 V load on a single-pole breaker — a 2-pole breaker is required.`,
  noTwoPoleLoads: 'No 240 V load (range, dryer, heating…) recognized in the schedule: rule not evaluated.',
  twoPoleOk: (n: number) => `${n} 240 V load${s(n)} on 2-pole breakers.`,

  noMainBreaker: 'No main breaker given in the schedule: service rating not compared.',
  noDwellingData:
    'Dwelling data (area, loads) not given: the calculated load (8-200) cannot be compared with the service.',
  dwellingDataInvalid: 'Invalid dwelling data: the calculated load (8-200) could not be computed.',
  serviceTooSmall: (mainA: number, currentA: number, loadW: number) =>
    `Main breaker of ${formatA(mainA, 'en')} is below the calculated current of ${formatA(currentA, 'en')} (${formatW(loadW, 'en')}, Rule 8-200).`,
  serviceSufficient: (mainA: number, currentA: number, loadW: number) =>
    `Main breaker of ${formatA(mainA, 'en')} ≥ calculated current of ${formatA(currentA, 'en')} (${formatW(loadW, 'en')}, Rule 8-200).`,
};
