import { z } from 'zod';
import { LocalizedText } from './localized-text.ts';

/** A component of an assembly: a catalogue SKU and its quantity per device, in the item's base unit. */
export const AssemblyComponent = z.object({
  sku: z.string().min(1),
  quantity: z.number().positive(),
});
export type AssemblyComponent = z.infer<typeof AssemblyComponent>;

/** The branch cable of a device: which cable, the fallback allowance, and what goes with each metre. */
export const CableSpec = z.object({
  sku: z.string().min(1),
  /** Metres per device when the plan gives no usable geometry (no scale, no positions, item lists). */
  allowanceM: z.number().nonnegative(),
  /** Accessories per metre of this cable, e.g. NMD staples (CEC 12-510: at ≤ 1.5 m intervals). */
  perMetre: z.array(AssemblyComponent),
});
export type CableSpec = z.infer<typeof CableSpec>;

/** What one device on a plan expands to. */
export const Assembly = z.object({
  description: LocalizedText,
  components: z.array(AssemblyComponent),
  cable: CableSpec.nullable(),
  /** The device has its own circuit (range, EV charger …): a home run of its own from the panel. */
  dedicatedCircuit: z.boolean(),
});
export type Assembly = z.infer<typeof Assembly>;

export const BreakerKind = z.enum(['standard', 'afci', 'gfci', 'dual']);
export type BreakerKind = z.infer<typeof BreakerKind>;

/** A breaker SKU for a (poles, amps, kind) found in a panel schedule. */
export const BreakerRule = z.object({
  poles: z.number().int().min(1).max(3),
  amps: z.number().positive(),
  kind: BreakerKind,
  sku: z.string().min(1),
});
export type BreakerRule = z.infer<typeof BreakerRule>;

/** A panel SKU by main rating and number of spaces (1-pole positions). */
export const PanelRule = z.object({
  mainA: z.number().positive(),
  spaces: z.number().int().positive(),
  sku: z.string().min(1),
});
export type PanelRule = z.infer<typeof PanelRule>;

/**
 * Everything that turns counts into materials: device assemblies (keyed by device type, plus
 * extra keys usable from item lists such as `service_entrance_200a`), breaker and panel rules for
 * panel schedules, and waste factors in percent per category (`default` for the others).
 */
export const AssemblySet = z.object({
  devices: z.record(z.string(), Assembly),
  breakers: z.array(BreakerRule),
  panels: z.array(PanelRule),
  wasteFactorsPct: z.record(z.string(), z.number().min(0).max(100)),
});
export type AssemblySet = z.infer<typeof AssemblySet>;

const staples = [{ sku: 'STAPLE-NMD-100', quantity: 0.8 }];

function cable(sku: string, allowanceM: number, withStaples = true): CableSpec {
  return { sku, allowanceM, perMetre: withStaples ? staples : [] };
}

function assembly(
  fr: string,
  en: string,
  components: Array<[sku: string, quantity: number]>,
  cableSpec: CableSpec | null,
  dedicatedCircuit = false,
): Assembly {
  return {
    description: { fr, en },
    components: components.map(([sku, quantity]) => ({ sku, quantity })),
    cable: cableSpec,
    dedicatedCircuit,
  };
}

/**
 * Default assemblies, referencing `defaultCatalog` SKUs. Conventions (indicative, editable per
 * organisation): residential 15 A circuits in NMD90 14/2 (14/3 for 3-way switching and
 * interconnected alarms), heating on 12/2, range receptacle 14-50R on 8/3, EV charger on 6/3;
 * allowances are typical branch lengths per device (8 m receptacle, 6 m switch …).
 * Thermostats are counted separately on plans, so the heater assembly holds no thermostat.
 * Breakers are not in the device assemblies: they come from the panel schedule only.
 */
export const defaultAssemblies: AssemblySet = {
  devices: {
    receptacle: assembly(
      'Prise duplex TR 15 A installée',
      'Installed TR duplex receptacle 15 A',
      [
        ['REC-TR-15', 1],
        ['BOX-DEV-1G', 1],
        ['PLATE-DUPLEX-1G', 1],
        ['MARR-YEL-100', 3],
        ['GND-PIGTAIL-25', 1],
      ],
      cable('NMD90-14-2-R75', 8),
    ),
    receptacle_gfci: assembly(
      'Prise DDFT 15 A installée',
      'Installed GFCI receptacle 15 A',
      [
        ['REC-GFCI-15', 1],
        ['BOX-DEV-1G', 1],
        ['PLATE-DECOR-1G', 1],
        ['MARR-YEL-100', 3],
        ['GND-PIGTAIL-25', 1],
      ],
      cable('NMD90-14-2-R75', 8),
    ),
    receptacle_240v: assembly(
      'Prise de cuisinière 14-50R installée',
      'Installed range receptacle 14-50R',
      [
        ['REC-14-50R', 1],
        ['BOX-SQ-4', 1],
        ['COVER-SQ-4-RAISED', 1],
      ],
      cable('NMD90-8-3-M', 10),
      true,
    ),
    receptacle_weatherproof: assembly(
      "Prise extérieure étanche (WR) 15 A installée, couvercle d'utilisation",
      'Installed weatherproof (WR) receptacle 15 A, in-use cover',
      [
        ['REC-WR-15', 1],
        ['BOX-WP-1G', 1],
        ['COVER-INUSE-1G', 1],
        ['MARR-YEL-100', 3],
        ['GND-PIGTAIL-25', 1],
      ],
      cable('NMD90-14-2-R75', 10),
    ),
    switch: assembly(
      'Interrupteur unipolaire installé',
      'Installed single-pole switch',
      [
        ['SW-1P-15', 1],
        ['BOX-DEV-1G', 1],
        ['PLATE-TOGGLE-1G', 1],
        ['MARR-YEL-100', 2],
        ['GND-PIGTAIL-25', 1],
      ],
      cable('NMD90-14-2-R75', 6),
    ),
    switch_3way: assembly(
      'Interrupteur trois voies installé',
      'Installed three-way switch',
      [
        ['SW-3W-15', 1],
        ['BOX-DEV-1G', 1],
        ['PLATE-TOGGLE-1G', 1],
        ['MARR-YEL-100', 3],
        ['GND-PIGTAIL-25', 1],
      ],
      cable('NMD90-14-3-R75', 8),
    ),
    switch_4way: assembly(
      'Interrupteur quatre voies installé',
      'Installed four-way switch',
      [
        ['SW-4W-15', 1],
        ['BOX-DEV-1G', 1],
        ['PLATE-TOGGLE-1G', 1],
        ['MARR-YEL-100', 3],
        ['GND-PIGTAIL-25', 1],
      ],
      cable('NMD90-14-3-R75', 8),
    ),
    switch_dimmer: assembly(
      'Gradateur DEL installé',
      'Installed LED dimmer',
      [
        ['DIM-LED-1P3W', 1],
        ['BOX-DEV-1G', 1],
        ['PLATE-DECOR-1G', 1],
        ['MARR-YEL-100', 2],
        ['GND-PIGTAIL-25', 1],
      ],
      cable('NMD90-14-2-R75', 6),
    ),
    luminaire: assembly(
      'Plafonnier installé',
      'Installed ceiling fixture',
      [
        ['LUM-CEIL-LED-11', 1],
        ['BOX-OCT-4', 1],
        ['MARR-YEL-100', 3],
      ],
      cable('NMD90-14-2-R75', 6),
    ),
    luminaire_recessed: assembly(
      'Encastré DEL 4 po installé',
      'Installed 4 in LED pot light',
      [
        ['POT-LED-4', 1],
        ['MARR-YEL-100', 3],
      ],
      cable('NMD90-14-2-R75', 4),
    ),
    luminaire_emergency: assembly(
      "Unité d'éclairage d'urgence installée",
      'Installed emergency lighting unit',
      [
        ['LUM-EMERG-2H', 1],
        ['BOX-OCT-4', 1],
        ['MARR-YEL-100', 3],
      ],
      cable('NMD90-14-2-R75', 8),
    ),
    exit_sign: assembly(
      'Enseigne de sortie installée',
      'Installed exit sign',
      [
        ['SIGN-EXIT-LED', 1],
        ['BOX-OCT-4', 1],
        ['MARR-YEL-100', 3],
      ],
      cable('NMD90-14-2-R75', 8),
    ),
    smoke_detector: assembly(
      'Avertisseur de fumée 120 V interconnecté installé',
      'Installed 120 V interconnected smoke alarm',
      [
        ['ALARM-SMOKE-120', 1],
        ['BOX-OCT-4', 1],
        ['MARR-YEL-100', 4],
      ],
      cable('NMD90-14-3-R75', 8),
    ),
    co_detector: assembly(
      'Avertisseur de CO 120 V interconnecté installé',
      'Installed 120 V interconnected CO alarm',
      [
        ['ALARM-CO-120', 1],
        ['BOX-OCT-4', 1],
        ['MARR-YEL-100', 4],
      ],
      cable('NMD90-14-3-R75', 8),
    ),
    exhaust_fan: assembly(
      "Ventilateur d'extraction installé",
      'Installed exhaust fan',
      [
        ['FAN-BATH-80', 1],
        ['FAN-DUCT-KIT-4', 1],
        ['MARR-YEL-100', 3],
      ],
      cable('NMD90-14-2-R75', 6),
    ),
    baseboard_heater: assembly(
      'Plinthe chauffante 1500 W installée',
      'Installed 1500 W baseboard heater',
      [
        ['HEAT-BB-1500', 1],
        ['MARR-RED-100', 2],
      ],
      cable('NMD90-12-2-R75', 8),
    ),
    thermostat: assembly(
      'Thermostat électronique installé',
      'Installed electronic thermostat',
      [
        ['TSTAT-ELEC-3000', 1],
        ['BOX-DEV-1G', 1],
        ['MARR-RED-100', 4],
      ],
      cable('NMD90-12-2-R75', 5),
    ),
    panel: assembly(
      'Panneau 200 A 40 circuits (sans horaire de panneau)',
      'Panel 200 A 40 circuits (no panel schedule)',
      [['PANEL-200A-40', 1]],
      null,
    ),
    ev_charger: assembly(
      'Borne de recharge niveau 2 40 A installée',
      'Installed Level 2 EV charger 40 A',
      [
        ['EVSE-L2-40A', 1],
        ['BOX-SQ-4', 1],
        ['COVER-SQ-4-BLANK', 1],
      ],
      cable('NMD90-6-3-M', 15),
      true,
    ),
    data_outlet: assembly(
      'Prise de données Cat 6 installée',
      'Installed Cat 6 data outlet',
      [
        ['JACK-RJ45-C6', 1],
        ['BRKT-LV-1G', 1],
        ['PLATE-RJ45-1P', 1],
      ],
      cable('CAT6-R305', 15, false),
      true,
    ),
    junction_box: assembly(
      'Boîte de jonction 4 po avec couvercle plein installée',
      'Installed 4 in junction box with blank cover',
      [
        ['BOX-SQ-4', 1],
        ['COVER-SQ-4-BLANK', 1],
        ['MARR-YEL-100', 3],
      ],
      cable('NMD90-14-2-R75', 4),
    ),
    service_entrance_200a: assembly(
      'Entrée électrique 200 A (embase, mise à la terre)',
      'Service entrance 200 A (meter base, grounding)',
      [
        ['METER-BASE-200', 1],
        ['GROUND-ROD-3M', 2],
        ['GROUND-ROD-CLAMP', 2],
        ['CU-BARE-6-M', 6],
      ],
      null,
    ),
    service_entrance_100a: assembly(
      'Entrée électrique 100 A (embase, mise à la terre)',
      'Service entrance 100 A (meter base, grounding)',
      [
        ['METER-BASE-100', 1],
        ['GROUND-ROD-3M', 2],
        ['GROUND-ROD-CLAMP', 2],
        ['CU-BARE-6-M', 6],
      ],
      null,
    ),
  },
  breakers: [
    { poles: 1, amps: 15, kind: 'standard', sku: 'BRK-1P-15' },
    { poles: 1, amps: 20, kind: 'standard', sku: 'BRK-1P-20' },
    { poles: 2, amps: 15, kind: 'standard', sku: 'BRK-2P-15' },
    { poles: 2, amps: 20, kind: 'standard', sku: 'BRK-2P-20' },
    { poles: 2, amps: 30, kind: 'standard', sku: 'BRK-2P-30' },
    { poles: 2, amps: 40, kind: 'standard', sku: 'BRK-2P-40' },
    { poles: 2, amps: 50, kind: 'standard', sku: 'BRK-2P-50' },
    { poles: 2, amps: 60, kind: 'standard', sku: 'BRK-2P-60' },
    { poles: 1, amps: 15, kind: 'afci', sku: 'BRK-AFCI-1P-15' },
    { poles: 1, amps: 20, kind: 'afci', sku: 'BRK-AFCI-1P-20' },
    { poles: 1, amps: 15, kind: 'gfci', sku: 'BRK-GFCI-1P-15' },
    { poles: 1, amps: 20, kind: 'gfci', sku: 'BRK-GFCI-1P-20' },
    { poles: 2, amps: 50, kind: 'gfci', sku: 'BRK-GFCI-2P-50' },
    { poles: 1, amps: 15, kind: 'dual', sku: 'BRK-DF-1P-15' },
    { poles: 1, amps: 20, kind: 'dual', sku: 'BRK-DF-1P-20' },
  ],
  panels: [
    { mainA: 100, spaces: 24, sku: 'PANEL-100A-24' },
    { mainA: 100, spaces: 40, sku: 'PANEL-100A-40' },
    { mainA: 200, spaces: 40, sku: 'PANEL-200A-40' },
    { mainA: 200, spaces: 60, sku: 'PANEL-200A-60' },
  ],
  // Indicative waste allowances, in percent of the installed quantity.
  wasteFactorsPct: {
    cable: 10,
    conduit: 5,
    fitting: 5,
    connector: 5,
    fastener: 10,
    box: 2,
    default: 0,
  },
};

/** An organisation's changes to an assembly set; a device set to `null` is removed. */
export const AssemblyOverrides = z.object({
  devices: z.record(z.string(), Assembly.nullable()).optional(),
  /** Replaces the breaker rules when given. */
  breakers: z.array(BreakerRule).optional(),
  /** Replaces the panel rules when given. */
  panels: z.array(PanelRule).optional(),
  /** Merged over the base waste factors. */
  wasteFactorsPct: z.record(z.string(), z.number().min(0).max(100)).optional(),
});
export type AssemblyOverrides = z.infer<typeof AssemblyOverrides>;

/**
 * The base set with an organisation's overrides applied (the base is not modified). Overrides
 * usually come from a database or a request: they are validated, and a ZodError is thrown when
 * they are malformed.
 */
export function withAssemblyOverrides(base: AssemblySet, overrides: unknown): AssemblySet {
  const parsed = AssemblyOverrides.parse(overrides);
  const devices: Record<string, Assembly> = { ...base.devices };
  for (const [type, value] of Object.entries(parsed.devices ?? {})) {
    if (value === null) delete devices[type];
    else devices[type] = value;
  }
  return {
    devices,
    breakers: parsed.breakers ?? base.breakers,
    panels: parsed.panels ?? base.panels,
    wasteFactorsPct: { ...base.wasteFactorsPct, ...parsed.wasteFactorsPct },
  };
}

/** Waste factor of a category in basis points (1 % = 100), exact to two decimals of a percent. */
export function wasteBasisPoints(set: AssemblySet, category: string): number {
  const pct = set.wasteFactorsPct[category] ?? set.wasteFactorsPct.default ?? 0;
  return Math.round(pct * 100);
}
