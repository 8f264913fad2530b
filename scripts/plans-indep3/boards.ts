import type { Rng } from './random.ts';

/**
 * What a distribution board holds, before it is drawn: its header as printed and its outgoing
 * ways. Wording follows three drafting traditions (South Africa SANS 10142, UK BS 7671, generic
 * IEC), chosen per plan.
 */
export type Wording = 'za' | 'uk' | 'iec';

export interface Way {
  /** Way number printed in the CCT column (1-based). */
  readonly number: number;
  /** Circuit tag drawn on the diagram beside the way ("L1", "P3"), not part of the table. */
  readonly tag: string;
  /** Description as printed; "SPACE" for an empty way (no breaker). */
  readonly description: string;
  /** Breaker rating as printed ("20A SP", "C16", "3x32A"), empty for a space. */
  readonly breaker: string;
  readonly amps: number | null;
  /** Poles as printed (SP/DP/TP, 1P/3P, 3x…), null when the print does not say. */
  readonly poles: number | null;
  readonly cable: string;
  readonly points: string;
  readonly space: boolean;
  /** Index of the earth-leakage group feeding this way, or null when fed from the main busbar. */
  readonly elGroup: number | null;
}

export interface Board {
  readonly name: string;
  readonly phases: 1 | 3;
  /** Truth voltage, normalised ("400/230 V", "230 V"). */
  readonly voltage: string;
  readonly mainA: number;
  /** Header lines as printed, top to bottom (the name is drawn separately as the title). */
  readonly header: readonly string[];
  /** Main switch label drawn beside the incoming isolator. */
  readonly mainLabel: string;
  readonly elGroups: readonly string[];
  readonly ways: readonly Way[];
  readonly fedFrom: string | null;
}

interface Load {
  readonly tag: string;
  readonly text: string;
  readonly amps: readonly number[];
  readonly cable: string;
  readonly three?: boolean;
}

const LOADS: Record<Wording, readonly Load[]> = {
  za: [
    { tag: 'L', text: 'LIGHTS OFFICES', amps: [10, 16], cable: '1.5mm² 3C PVC/PVC' },
    { tag: 'L', text: 'LIGHTS PASSAGE', amps: [10], cable: '1.5mm²' },
    { tag: 'L', text: 'LIGHTS ABLUTIONS', amps: [10], cable: '1.5mm² 3C' },
    { tag: 'L', text: 'OUTSIDE LIGHTS', amps: [10, 16], cable: '2.5mm² 3C PVC/SWA/PVC' },
    { tag: 'L', text: 'EMERGENCY LIGHTS', amps: [10], cable: '1.5mm²' },
    { tag: 'P', text: 'PLUGS KITCHEN', amps: [20], cable: '2.5mm² 3C PVC/PVC' },
    { tag: 'P', text: 'PLUGS OFFICES', amps: [20], cable: '2.5mm²' },
    { tag: 'P', text: 'PLUGS BOARDROOM', amps: [20], cable: '2.5mm² 3C' },
    { tag: 'P', text: 'DEDICATED PLUGS (UPS)', amps: [20], cable: '4mm² 3C' },
    { tag: 'G', text: 'GEYSER', amps: [20, 32], cable: '4mm² 3C PVC/PVC' },
    { tag: 'S', text: 'STOVE', amps: [32, 40], cable: '6mm² 3C' },
    { tag: 'A', text: 'AIRCON UNIT', amps: [20, 25], cable: '4mm²' },
    { tag: 'M', text: 'GATE MOTOR', amps: [16], cable: '2.5mm² 3C PVC/SWA/PVC' },
    { tag: 'M', text: 'BOREHOLE PUMP', amps: [20], cable: '4mm² 4C PVC/SWA/PVC', three: true },
    { tag: 'D', text: 'DB-KITCHEN', amps: [40, 63], cable: '16mm² 4C PVC/SWA/PVC', three: true },
    { tag: 'H', text: 'HVAC PLANT', amps: [32, 50], cable: '10mm² 4C PVC/SWA/PVC', three: true },
  ],
  uk: [
    { tag: 'L', text: 'LIGHTING GROUND FLOOR', amps: [6, 10], cable: '1.5mm² T&E' },
    { tag: 'L', text: 'LIGHTING FIRST FLOOR', amps: [6], cable: '1.5mm² LSF' },
    { tag: 'L', text: 'EXTERNAL LIGHTING', amps: [6], cable: '1.5mm² 3C SWA' },
    { tag: 'L', text: 'EMERGENCY LIGHTING', amps: [6], cable: '1.5mm² FP200' },
    { tag: 'S', text: 'SOCKETS OFFICE 1', amps: [32], cable: '2.5mm² T&E' },
    { tag: 'S', text: 'RING MAIN KITCHEN', amps: [32], cable: '2.5mm² LSF' },
    { tag: 'S', text: 'SOCKETS RECEPTION', amps: [32], cable: '2.5mm² T&E' },
    { tag: 'S', text: 'RADIAL COMMS ROOM', amps: [20], cable: '4mm² LSF' },
    { tag: 'C', text: 'COOKER', amps: [32, 40], cable: '6mm² T&E' },
    { tag: 'W', text: 'IMMERSION HEATER', amps: [16], cable: '2.5mm² HOFR' },
    { tag: 'F', text: 'SMOKE ALARMS', amps: [6], cable: '1.5mm² FP200' },
    { tag: 'H', text: 'HAND DRYERS', amps: [16, 20], cable: '2.5mm² LSF' },
    { tag: 'E', text: 'EV CHARGER', amps: [32], cable: '6mm² 3C SWA' },
    { tag: 'M', text: 'AHU-1', amps: [20, 32], cable: '6mm² 4C SWA', three: true },
    { tag: 'D', text: 'DB-2A SUB-MAIN', amps: [63], cable: '25mm² 4C SWA', three: true },
  ],
  iec: [
    { tag: 'L', text: 'LIGHTING OPEN OFFICE', amps: [10], cable: '3G1.5' },
    { tag: 'L', text: 'LIGHTING CORRIDOR', amps: [10], cable: '3G1.5' },
    { tag: 'L', text: 'FACADE LIGHTING', amps: [10, 16], cable: '3G2.5' },
    { tag: 'P', text: 'SOCKETS WORKSTATIONS', amps: [16], cable: '3G2.5' },
    { tag: 'P', text: 'SOCKETS MEETING ROOM', amps: [16], cable: '3G2.5' },
    { tag: 'P', text: 'SOCKETS PANTRY', amps: [16, 20], cable: '3G2.5' },
    { tag: 'K', text: 'DISHWASHER', amps: [16], cable: '3G2.5' },
    { tag: 'K', text: 'WATER HEATER', amps: [16, 20], cable: '3G4' },
    { tag: 'V', text: 'VENTILATION FAN', amps: [10], cable: '3G1.5' },
    { tag: 'A', text: 'ACCESS CONTROL', amps: [10], cable: '3G1.5' },
    { tag: 'M', text: 'HEAT PUMP', amps: [25, 32], cable: '5G6', three: true },
    { tag: 'M', text: 'LIFT', amps: [32], cable: '5G10', three: true },
    { tag: 'D', text: 'SUBDB-02', amps: [40, 63], cable: '5G16', three: true },
  ],
};

const NAMES: Record<Wording, readonly string[]> = {
  za: [
    'DB-1',
    'DB-CA',
    'DB-SUITE 1',
    'DB-SUITE 2',
    'DB-SUITE 3',
    'DB-KITCHEN',
    'DB-PLANT',
    'DB-ABLUTIONS',
    'DB-GUARDHOUSE',
    'DB-1.1',
  ],
  uk: ['DB-L1', 'DB-G1', 'DB-2A', 'DB-MECH', 'DB/G/01', 'DB/1/02', 'DB-LANDLORD', 'DB-CAFE'],
  iec: ['SUBDB-01', 'SUBDB-02', 'DB-E1', 'DB-E2', 'DB-TECH', 'DB-ROOF', 'DB-LAB'],
};
/** Names of the board that feeds the others. */
const MAIN_NAMES: Record<Wording, readonly string[]> = {
  za: ['DB-GF MAIN', 'MAIN DB', 'DB-MAIN', 'MAIN DB-A'],
  uk: ['MSB', 'MAIN DB', 'MSB-1'],
  iec: ['MDB', 'MAIN DB', 'MDB-01'],
};

const MAINS = [40, 63, 80, 100, 125, 160] as const;

/** How a board's breakers are printed; decides amps and whether poles are printed. */
type BreakerStyle = 'amp-sp' | 'amp' | 'curve' | 'curve-poles' | 'amp-p';

function breakerText(
  style: BreakerStyle,
  amps: number,
  poles: 1 | 3,
  rng: Rng,
): { text: string; poles: number | null } {
  switch (style) {
    case 'amp-sp':
      return { text: `${amps}A ${poles === 3 ? 'TP' : 'SP'}`, poles };
    case 'amp':
      return poles === 3 && rng.chance(0.6)
        ? { text: `3x${amps}A`, poles: 3 }
        : { text: `${amps}A`, poles: null };
    case 'curve':
      return { text: `${rng.chance(0.7) ? 'C' : 'B'}${amps}`, poles: null };
    case 'curve-poles':
      return { text: `C${amps} ${poles}P`, poles };
    case 'amp-p':
      return { text: `${amps}A ${poles}P`, poles };
  }
}

/** A random board for one plan; `used` keeps names unique within the plan. */
export function makeBoard(rng: Rng, wording: Wording, used: Set<string>, upstream: string | null): Board {
  const main = upstream === null;
  const free = (main ? MAIN_NAMES : NAMES)[wording].filter((n) => !used.has(n));
  // A large set runs out of names: number the rest as drafters do ("DB-7").
  const name = free.length > 0 ? rng.pick(free) : `DB-${used.size + 1}`;
  used.add(name);
  const phases: 1 | 3 = main || rng.chance(0.6) ? 3 : 1;
  const mainA = rng.pick(main ? MAINS.slice(2) : phases === 3 ? MAINS.slice(0, 4) : MAINS.slice(0, 3));
  const bus = MAINS.find((m) => m >= mainA + 20) ?? 200;
  const ka = rng.pick([6, 10, 15]);
  const poleWord = phases === 3 ? rng.pick(['TP', '3P', '4P']) : rng.pick(['DP', '2P']);
  const mainLabel =
    wording === 'za'
      ? rng.pick([`${mainA}A ${poleWord} ISOLATOR`, `MAIN SWITCH ${mainA}A ${poleWord}`])
      : wording === 'uk'
        ? `MAIN SWITCH ${mainA}A ${poleWord}`
        : `MAIN SWITCH ${mainA}A ${poleWord}`;
  const supply =
    phases === 3
      ? wording === 'za'
        ? rng.pick(['400V AC 3PH+N+E', '400/230V 3PH+N+E', '400V 3Ø 4W+E'])
        : wording === 'uk'
          ? rng.pick(['400/230V 3PH 4W TN-C-S', '400V TP&N 50Hz'])
          : rng.pick(['400/230V 3~ 50Hz', '3x400/230V+N+PE'])
      : wording === 'za'
        ? rng.pick(['230V AC 1PH+N+E', '230V 1Ø 2W+E'])
        : wording === 'uk'
          ? rng.pick(['230V SP&N 50Hz', '230V 1PH 2W TN-S'])
          : rng.pick(['230V 1~ 50Hz', '1x230V+N+PE']);
  const fedFrom = upstream && rng.chance(0.8) ? upstream : null;
  const header = [
    supply,
    `${bus}A BUSBARS`,
    wording === 'uk' ? `Icc ${ka}kA` : `${ka}kA`,
    `MAIN: ${mainLabel}`,
    ...(fedFrom ? [`FED FROM: ${fedFrom}`] : []),
  ];
  const elGroups = rng.chance(0.6)
    ? Array.from({ length: rng.int(1, 2) }, () => `E/L ${rng.pick([40, 63])}A 30mA`)
    : [];
  const style: BreakerStyle =
    wording === 'za'
      ? rng.pick(['amp-sp', 'amp', 'amp-p'] as const)
      : wording === 'uk'
        ? rng.pick(['curve', 'curve-poles'] as const)
        : rng.pick(['curve', 'amp-p', 'curve-poles'] as const);
  const count = rng.int(6, 18);
  const ways: Way[] = [];
  const tagCount = new Map<string, number>();
  const loads = LOADS[wording].filter((l) => phases === 3 || !l.three);
  for (let i = 0; i < count; i++) {
    const number = i + 1;
    const tail = i >= count - 3;
    const space = tail && rng.chance(0.15);
    const spare = !space && (tail ? rng.chance(0.5) : rng.chance(0.05));
    // Earth-leakage groups feed contiguous ways at the top of the board.
    const elSpan = Math.ceil(count * 0.6);
    const elGroup = elGroups.length > 0 && i < elSpan ? Math.floor((i * elGroups.length) / elSpan) : null;
    if (space) {
      ways.push({
        number,
        tag: '',
        description: 'SPACE',
        breaker: '',
        amps: null,
        poles: null,
        cable: '',
        points: '',
        space: true,
        elGroup: null,
      });
      continue;
    }
    if (spare) {
      const amps = rng.pick([10, 16, 20]);
      const b = breakerText(style, amps, 1, rng);
      ways.push({
        number,
        tag: '',
        description: 'SPARE',
        breaker: b.text,
        amps,
        poles: b.poles,
        cable: '',
        points: '',
        space: false,
        elGroup,
      });
      continue;
    }
    const load = rng.pick(loads);
    const n = (tagCount.get(load.tag) ?? 0) + 1;
    tagCount.set(load.tag, n);
    const amps = rng.pick(load.amps);
    const b = breakerText(style, amps, load.three ? 3 : 1, rng);
    const numbered = /GEYSER|AIRCON|AHU|HEAT PUMP/.test(load.text) && rng.chance(0.6);
    ways.push({
      number,
      tag: `${load.tag}${n}`,
      description: numbered ? `${load.text} ${n}` : load.text,
      breaker: b.text,
      amps,
      poles: b.poles,
      cable: load.cable,
      points: load.tag === 'L' || load.tag === 'P' || load.tag === 'S' ? String(rng.int(2, 12)) : '1',
      space: false,
      elGroup: load.three ? null : elGroup,
    });
  }
  return {
    name,
    phases,
    voltage: phases === 3 ? '400/230 V' : '230 V',
    mainA,
    header,
    mainLabel,
    elGroups,
    ways,
    fedFrom,
  };
}
