import { formatA, formatC } from '../format.ts';
import type { Messages } from './fr.ts';

const plural = (n: number, one: string, many: string) => (n === 1 ? one : many);
const tableDescriptions: Record<string, string> = {
  '1': 'Table 1: single copper conductors in free air, 30 °C',
  '2': 'Table 2: not more than 3 copper conductors in raceway or cable, 30 °C',
  '3': 'Table 3: single aluminum conductors in free air, 30 °C',
  '4': 'Table 4: not more than 3 aluminum conductors in raceway or cable, 30 °C',
};

/** User-facing text of the calculations in English (`Accept-Language: en`). */
export const en: Messages = {
  verificationAid:
    'Verification aid: have the result validated by a master electrician; it is not a certification of compliance.',
  table: (id: string) => `Table ${id}`,
  withinLimit: 'Within the limit',
  exceedsLimit: 'Exceeds the limit',
  insufficient: 'insufficient',

  areaAboveGrade: 'Living area excluding basement (inside dimensions)',
  basementCounted: (area: string) => `Basement of ${area} counted at 75 % (height over 1.8 m)`,
  basementExcluded: (area: string) => `Basement of ${area} excluded (height of 1.8 m or less)`,
  livingAreaTotal: 'Living area per Rule 8-110',
  assumeBasementQualifies:
    'Basement counted at 75 %: its height is assumed to exceed 1.8 m (Rule 8-110); give basementHeightM to be precise.',
  basicFirst90: 'Basic load: first 90 m²',
  basicAdditional90: (blocks: number) =>
    `1000 W for each additional 90 m² or portion thereof (${blocks} ${plural(blocks, 'block', 'blocks')})`,
  basicFirst45: 'Basic load: first 45 m²',
  basicSecond45: '1500 W for the second 45 m² or portion thereof',

  assumeHeatingThermostats:
    'Electric heating assumed controlled by a thermostat in each room (heatingSystem = room-thermostats): demand factors of Rule 62-118 3). A central furnace, duct heater or thermal storage is taken at 100 %: give heatingSystem = central.',
  heating: (installed: string) =>
    `Electric space heating (${installed} connected, thermostats in each room): 10 kW at 100 % + 75 % of the balance`,
  heatingCentral: (installed: string) =>
    `Central electric heating (furnace, duct heater or thermal storage, ${installed}) at 100 %`,
  airConditioning: 'Air conditioning at 100 %',
  assumeInterlockAfterDemand: (ref: string) =>
    `Heating/cooling interlock (Rule ${ref}): the heating load after demand factors is compared with air conditioning at 100 %.`,
  interlock: 'Heating and air conditioning interlocked: only the greater of the two loads',
  heatingCoolingTotal: 'Heating and air conditioning',
  assumeSingleRange:
    'A single range: a built-in cooktop and oven are added together as one range; a second range belongs in otherLoadsW.',
  range: (rating: string) => `Range of ${rating}: 6000 W + 40 % of the amount above 12 kW`,
  tanklessHeater: (rating: string) => `Tankless water heater of ${rating} at 100 %`,
  storageHeaterFull: (rating: string) =>
    `Storage water heater of ${rating} at 100 % (waterHeaterRule = full)`,
  assumeWaterHeaterOther:
    'Storage water heaters treated as "other loads" over 1500 W (waterHeaterRule = other-loads: the literal reading of 8-200 1)a)v) and 8-202 1)a)vi), which name only tankless heaters). The other reading, at 100 %, is waterHeaterRule = full.',
  assumeWaterHeaterFull:
    'Storage water heaters taken at 100 % (waterHeaterRule = full, the prudent reading). The literal reading counts them as other loads (waterHeaterRule = other-loads).',
  poolSpa: 'Swimming pool, hot tub or spa heaters at 100 %',
  evFull: (rating: string) => `Electric vehicle supply equipment (EVSE) of ${rating} at 100 %`,
  evManaged: (rating: string, setting: string) =>
    `EVSE of ${rating} controlled by an energy management system (EVEMS), set to ${setting}`,
  evExempt: (rating: string) =>
    `EVSE of ${rating}: the EVEMS monitors the service, feeders and branch circuits — load not counted`,
  assumeEvemsExemption: (ref: string) =>
    `Option evemsMonitorsService: per Rule ${ref}, the EVSE load is not counted because the energy management system monitors the service, feeders and branch circuits and controls the EVSE per Rule 8-500; confirm on the installation.`,
  assumeEvemsNoSetting: 'Managed EVSE without an EVEMS setting (managedW): taken at 100 %.',
  assumeEvemsNotInEdition:
    'Edition 2018 (CEC 2015): the demand reduction for EVSE controlled by an energy management system is not in this edition; EVSE taken at 100 %.',
  assumeQuebecEvProvision:
    'Edition 2026: the Quebec amendments require the EVSE load to be provided for in service and feeder calculations; no EVSE was given — add it if the dwelling has a parking space or carport.',
  assumeSmallLoadsInBasic: 'Loads of 1500 W or less are included in the basic load.',
  otherSmall: (n: number) =>
    `${n} ${plural(n, 'load', 'loads')} of 1500 W or less: included in the basic load`,
  otherWithRange: (ratings: string) => `Other loads over 1500 W at 25 % (range provided for): ${ratings}`,
  assumeUnitNoRangeAllowance:
    'Unit without a range: the 6000 W of Rule 8-202 1)a)viii)B) is added even with no other load over 1500 W (prudent reading).',
  otherUnitWithoutRange: (combined: string) =>
    `Other loads over 1500 W, no range (total ${combined}): 25 % of each + 6000 W`,
  otherWithoutRange: (combined: string) =>
    `Other loads over 1500 W, no range (total ${combined}): 100 % up to 6000 W + 25 % of the excess`,

  calculatedTotal: 'Calculated load (sum of the items)',
  minimumSingle: (amps: number, large: boolean) =>
    `Minimum: ${amps} A × 240 V (floor area excluding basement ${large ? '80 m² or more' : 'less than 80 m²'})`,
  demandGreater: 'Load used: the greater of the calculated load and the minimum',
  currentAt: (volts: string) => `Current: load ÷ ${volts}`,
  currentThreePhase: (volts: string) => `Three-phase current: load ÷ (√3 × ${volts})`,
  assumeVoltage240: 'Single-phase 120/240 V service: current calculated at 240 V (Rule 8-100).',
  minimumOvercurrent: 'Minimum overcurrent rating (standard rating at least equal to the current)',
  serviceSize: 'Standard service size (60, 100, 125, 200, 320/400 A…) at least equal to the current',
  serviceSizeValue: (amps: number, formatted: string) =>
    amps === 400 ? `${formatted} (320/400\u00A0A class)` : formatted,
  assumeServiceTooLarge:
    'Current above the largest standard service size used here (4000 A): the service must be engineered.',
  serviceConductor39: (rating: string) => `Service conductors of Table 39 for ${rating} (copper / aluminum)`,
  serviceConductor24: (rating: string) =>
    `Service conductors for ${rating}: Table 2 (copper) / Table 4 (aluminum), 75 °C column`,
  assumeTable39:
    'Table 39 (Rule 4-004 23)): 3-wire 120/240 V service of a single dwelling, load calculated per 8-200 1) or 8-202 1), terminations rated at least 75 °C; the service rating is then the conductors’ ampere rating (8-104). Table 39 values to confirm against the code.',
  assumeServiceConductorTables:
    'Service conductors from Tables 2 and 4, 75 °C column (75 °C terminations), with an ampacity at least the service size, at 30 °C and not more than 3 current-carrying conductors.',
  assumeParallelSets:
    'Conductors in parallel (1/0 AWG or larger, Rule 12-108): each set in its own raceway, no Table 5C factor.',
  assumeHydroQuebec:
    'The service entrance (service box, meter socket, supply-side conductors) is governed by Hydro-Québec’s Norme E.21-10 (Livre bleu): check its requirements and sizes.',

  unitPrefix: (n: number) => `Unit ${n} — `,
  minimumUnit: (volts: string) => `Minimum: 60 A × ${volts}`,
  assumeLadderOnCalculatedLoads:
    'Building: the demand factors of 8-202 3)a) apply to the loads calculated per 8-202 1)a); the 60 A minimum of 8-202 1)b) applies to each unit’s feeder.',
  assumeUnitsAt240On600:
    '347/600 V service: the units are assumed supplied at 120/240 V through a transformer (unit currents at 240 V).',
  assumeApartmentSingleUnit:
    'A single unit: the load is that of Rule 8-202 1), with no demand factors between units.',
  ladderTier: (units: number[], percent: number, sum: string) =>
    `${units.length > 1 ? 'Units' : 'Unit'} ${units.join(', ')} (${sum}, without heating, air conditioning or EVSE) at ${percent} %`,
  assumeHeatingPerUnit:
    'Building heating (8-202 3)b)): the sum of each unit’s heating load as determined per Section 62 (heatingDemandScope = per-unit, the prudent reading). The option heatingDemandScope = building applies Section 62 once to the total.',
  buildingHeatingPerUnit: (installed: string) =>
    `Heating of all units (${installed} connected): sum of each unit’s Section 62 load`,
  interlockPerUnit: 'Heating and air conditioning interlocked in some units: the greater of the two per unit',
  assumeHeatingBuilding:
    'Option heatingDemandScope = building: demand factors of Rule 62-118 3) applied once to the total heating of the units (less prudent than per-unit).',
  buildingHeating: (installed: string) =>
    `Heating of all units (${installed}): 10 kW at 100 % + 75 % of the balance (central heating at 100 %)`,
  buildingAirConditioning: 'Air conditioning of all units at 100 %',
  assumeBuildingEvOutsideLadder:
    'EVSE of the units added at their counted load, outside the demand ladder of 8-202 3)a) (prudent choice).',
  buildingEv: 'EVSE of all units',
  assumeHouseLoadsExcluded:
    'No load outside the dwelling units given (common-area lighting and heating, elevators, parking…): list them in nonDwellingLoadsW (taken at 75 %, Rule 8-202 3)e)).',
  nonDwelling: (connected: string) =>
    `Loads not located in dwelling units (common areas, elevators, parking; ${connected}) at 75 %`,
  buildingTotal: 'Calculated load of the service or feeder',

  tableChoice: (id: string) => tableDescriptions[id] ?? `Table ${id}`,
  notContinuous: 'Non-continuous load: required ampacity = current',
  continuous: (current: string, factor: string) => `Continuous load: ${current} ÷ ${factor}`,
  assumeContinuousBreaker:
    'Continuous load: overcurrent device not marked for continuous operation at 100 % (Rule 8-104 6)).',
  assumeAmbient30: 'Ambient temperature assumed 30 °C (basis of Tables 1 to 4).',
  assumeNoCoolAmbientCredit: 'No increase taken for an ambient below 30 °C (prudent choice).',
  ambientFactor: (ambient: string, insulation: number) =>
    `Ambient temperature factor ${ambient}, ${insulation} °C insulation`,
  groupingFactor: (n: number) => `Factor for ${n} current-carrying conductors`,
  assumeFreeAirSpacing:
    'Conductors in free air assumed spaced as required by Rule 4-004 (Table 5B factors not applied).',
  assumeDeemedTermination: (c: number) =>
    `Terminations not marked: deemed ${c} °C (Rule 4-006 2): 60 °C up to 100 A, 75 °C above); give terminationRatingC when the equipment is marked.`,
  assumeConservativeTermination:
    'Option conservative: the Table 5A and 5C factors also reduce the termination temperature column (Rules 4-006 1) and 4-004).',
  assumeTerminationNotDerated:
    'The termination temperature column limits the tabulated ampacity without correction factors (the usual reading of 4-006); conservative = true applies the factors to that column too.',
  terminationDerated: (column: number) =>
    `Correction factors also applied to the ${column} °C termination column`,
  terminationDeemed: (c: number) => `Termination temperature deemed (${c} °C)`,
  terminationMarked: (c: number) => `Termination temperature marked (${c} °C)`,
  candidate: (
    size: string,
    base: string,
    ambient: string,
    grouping: string,
    corrected: string,
    limit: string,
    column: number,
  ) => `${size}: ${base} × ${ambient} × ${grouping} = ${corrected}; ${column} °C column limit: ${limit}`,
  smallConductorCap: (size: string, mat: 'copper' | 'aluminum', cap: string) =>
    `Maximum overcurrent protection of ${size} ${mat}: ${cap}`,
  chosenSize: 'Size selected',
  errorAmbient: (ambientC: number, insulationC: number) =>
    `A ${insulationC} °C insulation cannot be used at an ambient temperature of ${formatC(ambientC, 'en')} (Table 5A).`,
  errorNoConductor: (requiredA: number, tableId: string) =>
    `No size of Table ${tableId} (up to 500 kcmil) reaches the required ampacity of ${formatA(requiredA, 'en')}; use parallel conductors or a detailed calculation.`,

  resistanceSourceRef: 'NEC Ch. 9, Table 8',
  resistanceAt75: (size: string, mat: 'copper' | 'aluminum') => `DC resistance at 75 °C, ${size} ${mat}`,
  resistanceCorrected: (temp: string) => `Resistance corrected to ${temp} (temperature coefficient)`,
  assumeResistanceSource:
    'DC resistance from NEC Chapter 9, Table 8 (uncoated stranded conductors), corrected with R = R75 × (1 + α (T − 75)), α = 0.00323 (copper) or 0.00330 (aluminum).',
  assumeReactanceNeglected:
    'Reactance neglected (unity power factor): fine for small sizes; for large AC conductors use the impedance (e.g. Table D3).',
  assumeConductorTemp75: 'Conductor temperature assumed 75 °C.',
  assumeOneWayLength: 'Length given: one-way length of the circuit.',
  assumeDropBasis: (ref: string) =>
    `Drop calculated with the current given: the connected load, or 80 % of the overcurrent device rating when it is not known (Rule ${ref}).`,
  dropSinglePhase: 'Single-phase drop: 2 × L × I × R',
  dropThreePhase: 'Three-phase drop: √3 × L × I × R',
  dropPercentOf: (voltage: string) => `Drop as a percentage of ${voltage}`,
  dropLimit: (scope: 'branch-or-feeder' | 'total') =>
    scope === 'total'
      ? 'Limit: 5 % from the supply side of the consumer’s service to the point of use'
      : 'Limit: 3 % in a feeder or branch circuit',
  dropVerdict: 'Voltage drop check',
  errorSizeNotInTable: (size: string, mat: 'copper' | 'aluminum') =>
    `Size ${size} ${mat} is not in the resistance table used.`,

  boxConductors: (count: number, size: string, each: string) =>
    `${count} ${plural(count, 'conductor', 'conductors')} ${size} × ${each}`,
  boxDevices: (n: number, size: string) =>
    `${n} ${plural(n, 'device', 'devices')} on a strap: 2 conductors ${size} each`,
  boxConnectorPairs: (n: number, size: string) =>
    `${n} ${plural(n, 'pair', 'pairs')} of wire connectors: 1 conductor ${size} per pair`,
  boxFixtureStuds: (n: number, counted: number, size: string) =>
    `${n} fixture ${plural(n, 'stud or hickey', 'studs or hickeys')}: ${counted} ${plural(counted, 'conductor', 'conductors')} ${size}`,
  assumeLargestSizeForDeductions:
    'Deductions (devices, connectors, studs) are counted at the largest conductor size in the box (prudent choice).',
  assumeBoxNotCounted:
    'Not counted: bare bonding conductors, conductors that do not leave the box (pigtails) and 18/16 AWG fixture wires (Rule 12-3034 1)).',
  assumeShallowDevices:
    'Devices no deeper than 2.54 cm behind the strap; otherwise reduce the usable space per Rule 12-3034 3).',
  boxRequired: 'Usable space required',
  boxAvailable: 'Box volume',
  boxVerdict: 'Box fill check',
};
