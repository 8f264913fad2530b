import type { DeviceType } from '../../packages/shared/src/contracts/plan-analysis.ts';
import type { EmitMode } from './canvas.ts';
import type { BandLayoutRequest, RoomRequest } from './layout.ts';
import { Rng } from './rng.ts';
import type { DrawingScale } from './scale.ts';
import { type Language, type SymbolStyle, stylesFor } from './symbols.ts';
import {
  FIRMS,
  LEGEND_TITLES,
  LEGEND_WORDING,
  OTHER_WORDING,
  OWNERS,
  ROOM_NAMES,
  type RoomKind,
  SCONCE_WORDING,
  STREETS,
} from './vocabulary.ts';

/**
 * Plan specifications: everything a plan looks like, decided up front from a seed. The renderer
 * (render.ts) turns a spec into PDF bytes and ground truth; positions of rooms, doors and
 * symbols are drawn by the renderer from forks of the same seed.
 */

export type PaperName = 'letter' | 'tabloid' | 'a3' | 'a1' | 'archD';

/** Sheet sizes in points, portrait (width < height). */
export const PAPER_SIZES: Readonly<Record<PaperName, readonly [number, number]>> = {
  letter: [612, 792],
  tabloid: [792, 1224],
  a3: [841.89, 1190.55],
  a1: [1683.78, 2383.94],
  archD: [1728, 2592],
};

/** What a legend row stands for when devices are laid out (several rows may share a type). */
export type DeviceRole =
  | 'receptacle'
  | 'gfci'
  | 'r240'
  | 'switch'
  | 'switch3'
  | 'ceiling'
  | 'recessed'
  | 'sconce'
  | 'troffer'
  | 'smoke'
  | 'co'
  | 'fan'
  | 'heater'
  | 'thermostat'
  | 'panel'
  | 'ev'
  | 'data'
  | 'chime'
  | 'jbox'
  | 'exit'
  | 'emergency';

export const ROLE_TYPE: Readonly<Record<DeviceRole, DeviceType>> = {
  receptacle: 'receptacle',
  gfci: 'receptacle_gfci',
  r240: 'receptacle_240v',
  switch: 'switch',
  switch3: 'switch_3way',
  ceiling: 'luminaire',
  recessed: 'luminaire_recessed',
  sconce: 'luminaire',
  troffer: 'luminaire',
  smoke: 'smoke_detector',
  co: 'co_detector',
  fan: 'exhaust_fan',
  heater: 'baseboard_heater',
  thermostat: 'thermostat',
  panel: 'panel',
  ev: 'ev_charger',
  data: 'data_outlet',
  chime: 'other',
  jbox: 'junction_box',
  exit: 'exit_sign',
  emergency: 'luminaire_emergency',
};

export interface LegendRowSpec {
  /** Truth symbol id ("S1", "S2", … in legend order). */
  readonly symbolId: string;
  readonly role: DeviceRole;
  readonly type: DeviceType;
  readonly styleId: string;
  /** Text drawn inside / beside the symbol ("DF", "S3", …), '' when none. */
  readonly symbolText: string;
  /** Description printed next to the symbol. */
  readonly label: string;
}

export type FloorLevel = 'ground' | 'upper' | 'basement' | 'commercial';

export interface FloorSpec {
  readonly level: FloorLevel;
  readonly layout: BandLayoutRequest;
  readonly mirror: boolean;
  /** Panel feeding this floor's devices. */
  readonly panel: string;
}

export interface SheetSpec {
  readonly kind: 'floor' | 'schedule' | 'legend';
  readonly paper: PaperName;
  readonly orientation: 'portrait' | 'landscape';
  /** Page /Rotate; content is drawn so that the sheet reads upright once rotated. */
  readonly pageRotation: 0 | 90 | 180 | 270;
  readonly sheetNumber: string;
  readonly title: string;
  readonly floor?: FloorSpec;
  readonly showLegend: boolean;
  readonly showNotes: boolean;
  /** Names of panels whose schedules are drawn on this sheet. */
  readonly panels: readonly string[];
  /** Scale system of the drawing; `none` prints a "not to scale" note. */
  readonly units: 'metric' | 'imperial' | 'none';
  /** Largest drawing scale allowed (the renderer takes the largest one that fits). */
  readonly maxScale?: DrawingScale;
  /** Form index of the scale note (scale.ts `scaleNoteText`). */
  readonly scaleForm: number;
  /** Where the scale note sits: under the drawing title, or only in the title block. */
  readonly scaleAt: 'drawing-title' | 'title-block';
}

export interface PanelSpec {
  readonly name: string;
  readonly voltage: '120/240 V' | '120/208 V' | '347/600 V';
  readonly phases: 1 | 3;
  readonly mainA: number;
  readonly slots: number;
  readonly layout: 'one-column' | 'two-column';
  readonly mirroredRight: boolean;
  readonly conductorColumn: boolean;
  readonly headerForm: number;
  /** Feeds another panel (sub-panel breaker), by name. */
  readonly feeds: string | null;
}

export interface DrawingStyle {
  readonly walls: 'double' | 'poche' | 'poche-grey' | 'double-ext-poche';
  readonly symbolMode: EmitMode;
  /** Emit entities layer by layer (plotter order) instead of entity by entity. */
  readonly layered: boolean;
  readonly textRotates: boolean;
  /** Wall devices turn with their wall (0/90/180/270); otherwise all stay at 0°. */
  readonly rotateWithWall: boolean;
  readonly mirrorProbability: number;
  readonly rescaleProbability: number;
  readonly tagProbability: number;
  readonly tagFormat: 'dash' | 'plain';
  readonly unitFactor: number;
  readonly deviceColor: 'black' | 'blue' | 'red' | 'dark';
  readonly furniture: boolean;
  readonly dimensions: boolean;
  readonly wiring: boolean;
  readonly deviceNotes: boolean;
  readonly keynotes: boolean;
  readonly gridBubbles: boolean;
  readonly font: 'helvetica' | 'courier';
  readonly legendRuled: boolean;
  readonly legendUpper: boolean;
  readonly roomAreaLabels: boolean;
  readonly scheduleUpper: boolean;
  /** Where legend symbols stand: left of their descriptions (usual) or right of them. */
  readonly legendSymbolSide: 'left' | 'right';
  /** Share of ceiling fixtures turned by an angle that is not a right angle (15°, 30° … 75°). */
  readonly skewProbability: number;
}

export interface PlanSpec {
  readonly name: string;
  readonly seed: number;
  readonly language: Language;
  readonly summary: string;
  readonly firm: string;
  readonly project: string;
  readonly address: string;
  readonly date: string;
  readonly legendTitle: string;
  readonly legend: readonly LegendRowSpec[];
  readonly panels: readonly PanelSpec[];
  readonly sheets: readonly SheetSpec[];
  readonly style: DrawingStyle;
}

// ————————————————————————————————————————— room programmes

function rooms(
  rng: Rng,
  language: Language,
  used: Set<string>,
  kinds: readonly [RoomKind, number][],
): RoomRequest[] {
  return kinds.map(([kind, weight]) => ({
    kind,
    weight: weight * rng.range(0.85, 1.15),
    name: roomName(rng, language, kind, used),
  }));
}

/** A unique printed room name for the plan set ("CHAMBRE 2", "BEDROOM 3", …). */
export function roomName(rng: Rng, language: Language, kind: RoomKind, used: Set<string>): string {
  const base = rng.pick(ROOM_NAMES[kind][language]);
  const numbered = kind === 'bedroom' || kind === 'office' || kind === 'storage';
  for (let i = numbered ? 1 : 0; ; i++) {
    const name = i === 0 ? base : `${base} ${i}`;
    if (!used.has(name)) {
      used.add(name);
      return name;
    }
  }
}

function floorLayoutRequest(
  rng: Rng,
  level: FloorLevel,
  language: Language,
  used: Set<string>,
): BandLayoutRequest {
  const one = (kind: RoomKind): RoomRequest => ({
    kind,
    weight: 1,
    name: roomName(rng, language, kind, used),
  });
  switch (level) {
    case 'ground': {
      const big = rng.chance(0.5);
      const garage = rng.chance(0.6);
      return {
        width: round1(rng.range(big ? 12 : 9.5, big ? 15 : 12)),
        depth: round1(rng.range(7.5, 9.5)),
        back: rooms(
          rng,
          language,
          used,
          rng.chance(0.5)
            ? [
                ['living', 1.3],
                ['dining', 0.9],
                ['kitchen', 1.1],
              ]
            : [
                ['living', 1.4],
                ['kitchen', 1.2],
              ],
        ),
        front: rooms(
          rng,
          language,
          used,
          big
            ? garage
              ? [
                  ['bedroom', 1.1],
                  ['bathroom', 0.7],
                  ['laundry', 0.55],
                  ['garage', 1.3],
                ]
              : [
                  ['bedroom', 1.1],
                  ['bathroom', 0.7],
                  ['bedroom', 1],
                  ['laundry', 0.6],
                ]
            : [
                ['bedroom', 1.1],
                ['bathroom', 0.75],
                ['bedroom', 1],
              ],
        ),
        entry: one('entry'),
        corridor: one('corridor'),
        corridorWidth: round1(rng.range(1.1, 1.4)),
        backShare: rng.range(0.5, 0.58),
        openPlan: rng.chance(0.6),
      };
    }
    case 'upper':
      return {
        width: round1(rng.range(9.5, 13)),
        depth: round1(rng.range(7.5, 9)),
        back: rooms(rng, language, used, [
          ['bedroom', 1.3],
          ['bathroom', 0.8],
          ['bedroom', 1.1],
        ]),
        front: rooms(
          rng,
          language,
          used,
          rng.chance(0.5)
            ? [
                ['bedroom', 1.2],
                ['storage', 0.45],
                ['office', 0.9],
              ]
            : [
                ['bedroom', 1.2],
                ['powder', 0.5],
                ['bedroom', 1],
              ],
        ),
        entry: null,
        corridor: one('corridor'),
        corridorWidth: round1(rng.range(1.1, 1.3)),
        backShare: rng.range(0.48, 0.56),
        openPlan: false,
      };
    case 'basement':
      return {
        width: round1(rng.range(9.5, 13)),
        depth: round1(rng.range(7.5, 9.5)),
        back: rooms(rng, language, used, [
          ['family', 1.6],
          ['office', 0.9],
        ]),
        front: rooms(rng, language, used, [
          ['mechanical', 0.8],
          ['laundry', 0.7],
          ['powder', 0.5],
          ['storage', 0.6],
        ]),
        entry: rng.chance(0.5)
          ? { kind: 'corridor', weight: 1, name: roomName(rng, language, 'corridor', used) }
          : null,
        corridor: null,
        corridorWidth: 0,
        backShare: rng.range(0.52, 0.6),
        openPlan: false,
      };
    case 'commercial':
      return {
        width: round1(rng.range(16, 22)),
        depth: round1(rng.range(10, 13)),
        back: rooms(rng, language, used, [
          ['office', 1],
          ['office', 1],
          ['conference', 1.4],
          ['kitchenette', 0.8],
        ]),
        front: rooms(rng, language, used, [
          ['office', 1],
          ['mechanical', 0.7],
          ['powder', 0.55],
          ['storage', 0.6],
          ['warehouse', 1.6],
        ]),
        entry: { kind: 'reception', weight: 1, name: roomName(rng, language, 'reception', used) },
        corridor: one('corridor'),
        corridorWidth: round1(rng.range(1.5, 1.8)),
        backShare: rng.range(0.48, 0.55),
        openPlan: false,
      };
  }
}

// ————————————————————————————————————————— legend

/** Roles a legend may carry, by project kind, in the usual legend order. */
const RESIDENTIAL_ROLES: readonly DeviceRole[] = [
  'receptacle',
  'gfci',
  'r240',
  'switch',
  'switch3',
  'ceiling',
  'recessed',
  'sconce',
  'smoke',
  'co',
  'fan',
  'heater',
  'thermostat',
  'panel',
  'ev',
  'data',
  'chime',
];
const COMMERCIAL_ROLES: readonly DeviceRole[] = [
  'receptacle',
  'gfci',
  'switch',
  'switch3',
  'troffer',
  'recessed',
  'smoke',
  'fan',
  'heater',
  'thermostat',
  'panel',
  'ev',
  'data',
  'exit',
  'emergency',
  'jbox',
];

const ROLE_STYLES: Partial<Record<DeviceRole, readonly string[]>> = {
  ceiling: ['lum-circle-x', 'lum-circle-rays', 'lum-square-x', 'lum-hex-ring'],
  sconce: ['sconce-half-disc', 'sconce-circle-stem'],
  troffer: ['lum-troffer'],
  chime: ['chime-circle'],
  jbox: ['jbox-circle'],
  exit: ['exit-sign'],
  emergency: ['emergency-heads'],
};

function stylesForRole(role: DeviceRole): SymbolStyle[] {
  const ids = ROLE_STYLES[role];
  const all = stylesFor(ROLE_TYPE[role]);
  return ids
    ? all.filter((s) => ids.includes(s.id))
    : all.filter((s) => !Object.values(ROLE_STYLES).some((l) => l?.includes(s.id)));
}

function labelFor(rng: Rng, role: DeviceRole, styleId: string, language: Language): string {
  if (role === 'sconce') return rng.pick(SCONCE_WORDING[language]);
  if (role === 'troffer')
    return language === 'fr' ? 'Luminaire DEL encastré 2x4 (panneau)' : 'LED troffer 2x4, lay-in';
  const type = ROLE_TYPE[role];
  if (type === 'other') return rng.pick(OTHER_WORDING[styleId]?.[language] ?? ['']);
  return rng.pick(LEGEND_WORDING[type][language]);
}

/**
 * Chooses legend rows: the roles, then one style per role such that no two rows of the plan
 * look alike (same shape and same inner text). `styleCursor` rotates through each role's styles
 * across the corpus so every style appears.
 */
function buildLegend(
  rng: Rng,
  language: Language,
  roles: readonly DeviceRole[],
  styleCursor: number,
  upper: boolean,
): LegendRowSpec[] {
  const rows: LegendRowSpec[] = [];
  const looks = new Set<string>();
  const switchFamily = rng.chance(0.8);
  for (const role of roles) {
    const candidates = stylesForRole(role);
    const offset = (styleCursor + rng.int(0, 1)) % candidates.length;
    for (let k = 0; k < candidates.length; k++) {
      let style = candidates[(offset + k) % candidates.length];
      if (!style) continue;
      if (role === 'switch3' && switchFamily) {
        const sw = rows.find((r) => r.role === 'switch');
        const family: Record<string, string> = {
          'sw-s': 'sw3-s3',
          'sw-dollar': 'sw3-dollar3',
          'sw-iec': 'sw3-iec',
          'sw-circle-s': 'sw3-circle-s3',
        };
        const matching = sw ? candidates.find((c) => c.id === family[sw.styleId]) : undefined;
        if (matching && k === 0) style = matching;
      }
      const text = style.texts ? rng.pick(style.texts[language]) : '';
      const look = style.container ? `${style.container}:${text}` : style.id;
      if (looks.has(look)) continue;
      looks.add(look);
      const label = labelFor(rng, role, style.id, language);
      rows.push({
        symbolId: `S${rows.length + 1}`,
        role,
        type: ROLE_TYPE[role],
        styleId: style.id,
        symbolText: text,
        label: upper ? label.toLocaleUpperCase('fr-CA') : label,
      });
      break;
    }
  }
  return rows;
}

// ————————————————————————————————————————— corpus

interface Recipe {
  readonly kind: 'house-1' | 'house-2' | 'house-3' | 'house-4' | 'commercial-1' | 'commercial-2';
  readonly paper: PaperName;
  readonly orientation: 'portrait' | 'landscape';
}

const RECIPES: readonly Recipe[] = [
  { kind: 'house-1', paper: 'tabloid', orientation: 'landscape' },
  { kind: 'house-1', paper: 'letter', orientation: 'landscape' },
  { kind: 'house-2', paper: 'tabloid', orientation: 'landscape' },
  { kind: 'house-3', paper: 'archD', orientation: 'landscape' },
  { kind: 'house-1', paper: 'a3', orientation: 'landscape' },
  { kind: 'commercial-1', paper: 'archD', orientation: 'landscape' },
  { kind: 'house-2', paper: 'letter', orientation: 'portrait' },
  { kind: 'house-4', paper: 'tabloid', orientation: 'landscape' },
  { kind: 'house-1', paper: 'a1', orientation: 'landscape' },
  { kind: 'commercial-2', paper: 'a3', orientation: 'landscape' },
  { kind: 'house-1', paper: 'tabloid', orientation: 'portrait' },
  { kind: 'house-3', paper: 'a3', orientation: 'portrait' },
];

const ROTATIONS: readonly (0 | 90 | 180 | 270)[] = [0, 0, 90, 0, 270, 0, 0, 90, 0, 180, 0, 270];

/** The corpus: `count` plans (≥ 30 by default), plus the README sample (see sampleSpec). */
export function corpusSpecs(count = 32): PlanSpec[] {
  const specs: PlanSpec[] = [];
  for (let i = 0; i < count; i++) {
    const recipe = RECIPES[i % RECIPES.length] ?? RECIPES[0];
    if (!recipe) break;
    specs.push(randomPlanSpec(i, 1000 + i * 7919, recipe));
  }
  return specs;
}

function randomPlanSpec(index: number, seed: number, recipe: Recipe): PlanSpec {
  const rng = new Rng(seed);
  const language: Language = index % 5 === 1 || index % 5 === 3 ? 'en' : 'fr';
  const commercial = recipe.kind.startsWith('commercial');
  const used = new Set<string>();
  const units: SheetSpec['units'] = index % 11 === 7 ? 'none' : index % 3 === 1 ? 'imperial' : 'metric';
  const panelNames = rng.pick(
    commercial
      ? [
          ['P1', 'P2'],
          ['A', 'B'],
          ['LP1', 'LP2'],
        ]
      : [
          ['A', 'B'],
          ['P1', 'P2'],
          ['C', 'D'],
        ],
  );
  const twoPanels = recipe.kind === 'house-3' || recipe.kind === 'house-4' || recipe.kind === 'commercial-2';
  const mainPanel = panelNames[0] ?? 'A';
  const subPanel = panelNames[1] ?? 'B';
  const panels: PanelSpec[] = [
    {
      name: mainPanel,
      voltage: commercial ? '120/208 V' : '120/240 V',
      phases: commercial ? 3 : 1,
      mainA: commercial ? rng.pick([200, 225]) : rng.pick([100, 200, 200]),
      slots: commercial ? rng.pick([30, 42]) : rng.pick([24, 30, 40]),
      layout: index % 2 === 0 ? 'two-column' : 'one-column',
      mirroredRight: rng.chance(0.5),
      conductorColumn: rng.chance(0.4),
      headerForm: rng.int(0, 3),
      feeds: twoPanels ? subPanel : null,
    },
  ];
  if (twoPanels)
    panels.push({
      name: subPanel,
      voltage: commercial ? '120/208 V' : '120/240 V',
      phases: commercial ? 3 : 1,
      mainA: commercial ? 100 : 60,
      slots: rng.pick([12, 16, 24]),
      layout: index % 4 < 2 ? 'one-column' : 'two-column',
      mirroredRight: rng.chance(0.5),
      conductorColumn: rng.chance(0.3),
      headerForm: rng.int(0, 3),
      feeds: null,
    });

  const floorLevels: FloorLevel[] = commercial
    ? recipe.kind === 'commercial-2'
      ? ['commercial', 'commercial']
      : ['commercial']
    : recipe.kind === 'house-1'
      ? ['ground']
      : recipe.kind === 'house-2'
        ? ['ground', 'basement']
        : recipe.kind === 'house-3'
          ? ['ground', 'upper']
          : ['ground', 'basement'];
  const floors: FloorSpec[] = floorLevels.map((level, i) => ({
    level,
    layout: floorLayoutRequest(rng, level, language, used),
    mirror: rng.chance(0.5),
    panel: i > 0 && twoPanels ? subPanel : mainPanel,
  }));

  const rotation = ROTATIONS[index % ROTATIONS.length] ?? 0;
  const legendOnCover = recipe.kind === 'house-4';
  const scheduleSheet = recipe.paper === 'letter' || recipe.kind !== 'house-1';
  const sheets: SheetSpec[] = [];
  const base = {
    paper: recipe.paper,
    orientation: recipe.orientation,
    units,
    scaleForm: rng.int(0, 3),
  } as const;
  const title = (level: FloorLevel): string => floorTitle(rng, level, language);
  let n = 0;
  const next = (): string => `E-${legendOnCover ? 100 + n++ : 101 + n++}`;
  if (legendOnCover)
    sheets.push({
      ...base,
      kind: 'legend',
      pageRotation: 0,
      sheetNumber: 'E-000',
      title: language === 'fr' ? 'LÉGENDE ET NOTES GÉNÉRALES' : 'LEGEND AND GENERAL NOTES',
      showLegend: true,
      showNotes: true,
      panels: [],
      scaleAt: 'title-block',
      units: 'none',
    });
  floors.forEach((floor, i) => {
    sheets.push({
      ...base,
      kind: 'floor',
      pageRotation: i === 0 ? rotation : 0,
      sheetNumber: next(),
      title: title(floor.level),
      floor,
      showLegend: !legendOnCover && (i === 0 || rng.chance(0.5)),
      showNotes: !scheduleSheet && rng.chance(0.6),
      panels: scheduleSheet ? [] : panels.map((p) => p.name),
      scaleAt: rng.chance(0.75) ? 'drawing-title' : 'title-block',
      ...(units === 'metric' && rng.chance(0.3) ? { maxScale: { kind: 'metric', ratio: 100 } as const } : {}),
      ...(units === 'imperial' && rng.chance(0.3)
        ? { maxScale: { kind: 'imperial', num: 1, den: 8 } as const }
        : {}),
    });
  });
  if (scheduleSheet)
    sheets.push({
      ...base,
      kind: 'schedule',
      pageRotation: recipe.kind === 'house-2' && index % 3 === 0 ? 90 : 0,
      sheetNumber: next(),
      title: language === 'fr' ? 'TABLEAUX DE PANNEAUX' : 'PANEL SCHEDULES',
      showLegend: false,
      showNotes: true,
      panels: panels.map((p) => p.name),
      scaleAt: 'title-block',
      units: 'none',
    });

  const upper = rng.chance(0.3);
  const roles = commercial ? COMMERCIAL_ROLES : RESIDENTIAL_ROLES;
  const keep = roles.filter(
    (r) => ['receptacle', 'switch', 'ceiling', 'troffer', 'panel'].includes(r) || rng.chance(0.72),
  );
  const legend = buildLegend(rng, language, keep, index, upper);
  return {
    name: `plan-${String(index + 1).padStart(2, '0')}-${recipe.kind}-${recipe.paper}-${language}`,
    seed,
    language,
    summary: `${recipe.kind} on ${recipe.paper} ${recipe.orientation}, ${sheets.length} sheet(s), ${units} units`,
    firm: rng.pick(FIRMS),
    project: commercial
      ? language === 'fr'
        ? `Aménagement des bureaux ${rng.pick(OWNERS)} ${rng.pick(['inc.', 'ltée', '& fils'])}`
        : `${rng.pick(OWNERS)} Inc. office fit-up`
      : language === 'fr'
        ? `Résidence ${rng.pick(OWNERS)}`
        : `${rng.pick(OWNERS)} residence`,
    address: rng.pick(STREETS),
    date: `2025-${String(rng.int(1, 12)).padStart(2, '0')}-${String(rng.int(1, 28)).padStart(2, '0')}`,
    legendTitle: rng.pick(LEGEND_TITLES[language]),
    legend,
    panels,
    sheets,
    style: {
      walls: rng.pick(['double', 'poche', 'poche-grey', 'double-ext-poche'] as const),
      symbolMode: rng.chance(0.7) ? 'flat' : 'cm',
      layered: rng.chance(0.6),
      textRotates: rng.chance(0.4),
      rotateWithWall: rng.chance(0.75),
      mirrorProbability: rng.pick([0, 0.2, 0.5]),
      rescaleProbability: rng.pick([0, 0.15, 0.3]),
      tagProbability: rng.pick([0, 0.5, 0.8, 1]),
      tagFormat: rng.chance(0.8) ? 'dash' : 'plain',
      unitFactor: rng.range(0.9, 1.15),
      deviceColor: rng.pick(['black', 'black', 'blue', 'red', 'dark'] as const),
      furniture: rng.chance(0.75),
      dimensions: rng.chance(0.8),
      wiring: rng.chance(0.4),
      deviceNotes: rng.chance(0.5),
      keynotes: rng.chance(0.35),
      gridBubbles: commercial || rng.chance(0.2),
      font: rng.chance(0.8) ? 'helvetica' : 'courier',
      legendRuled: rng.chance(0.5),
      legendUpper: upper,
      roomAreaLabels: rng.chance(0.4),
      scheduleUpper: rng.chance(0.5),
      // Drawn last so that adding them left every other choice of the corpus as it was.
      legendSymbolSide: rng.chance(0.3) ? 'right' : 'left',
      skewProbability: rng.pick([0, 0, 0.25, 0.5]),
    },
  };
}

function floorTitle(rng: Rng, level: FloorLevel, language: Language): string {
  const titles: Record<FloorLevel, Record<Language, string[]>> = {
    ground: {
      fr: ['PLAN DU REZ-DE-CHAUSSÉE — ÉLECTRICITÉ', 'REZ-DE-CHAUSSÉE', 'PLAN ÉLECTRIQUE - RDC'],
      en: ['GROUND FLOOR ELECTRICAL PLAN', 'MAIN FLOOR - ELECTRICAL'],
    },
    upper: {
      fr: ["PLAN DE L'ÉTAGE — ÉLECTRICITÉ", 'ÉTAGE'],
      en: ['SECOND FLOOR ELECTRICAL PLAN', 'UPPER FLOOR - ELECTRICAL'],
    },
    basement: {
      fr: ['PLAN DU SOUS-SOL — ÉLECTRICITÉ', 'SOUS-SOL'],
      en: ['BASEMENT ELECTRICAL PLAN', 'BASEMENT - ELECTRICAL'],
    },
    commercial: {
      fr: ['PLAN ÉLECTRIQUE — AMÉNAGEMENT', 'ÉLECTRICITÉ - PUISSANCE ET ÉCLAIRAGE'],
      en: ['ELECTRICAL PLAN - OFFICE FIT-UP', 'POWER & LIGHTING PLAN'],
    },
  };
  return rng.pick(titles[level][language]);
}

/**
 * The README walkthrough sample: one clean French tabloid sheet of a small bungalow (salon,
 * cuisine, entrée, corridor, 2 chambres, salle de bain) at 1:50 with a 10-row legend and the
 * panel schedule on the same sheet.
 */
export function sampleSpec(): PlanSpec {
  const room = (kind: RoomKind, name: string, weight: number): RoomRequest => ({ kind, name, weight });
  const roles: DeviceRole[] = [
    'receptacle',
    'gfci',
    'r240',
    'switch',
    'switch3',
    'ceiling',
    'recessed',
    'smoke',
    'fan',
    'heater',
    'thermostat',
  ];
  const styles: Record<string, string> = {
    receptacle: 'rec-duplex-through',
    gfci: 'gfci-duplex-text',
    r240: 'r240-triplex',
    switch: 'sw-s',
    switch3: 'sw3-s3',
    ceiling: 'lum-circle-x',
    recessed: 'dl-concentric',
    smoke: 'sd-circle',
    fan: 'fan-blades',
    heater: 'bb-hatch',
    thermostat: 'th-circle',
  };
  const texts: Record<string, string> = {
    gfci: 'DDFT',
    switch: 'S',
    switch3: 'S3',
    smoke: 'DF',
    thermostat: 'T',
  };
  const labels: Record<string, string> = {
    receptacle: 'Prise duplex 15 A',
    gfci: 'Prise DDFT',
    r240: 'Prise 240 V cuisinière',
    switch: 'Interrupteur unipolaire',
    switch3: 'Interrupteur trois voies',
    ceiling: 'Luminaire au plafond',
    recessed: 'Luminaire encastré DEL',
    smoke: 'Avertisseur de fumée',
    fan: "Ventilateur d'extraction",
    heater: 'Plinthe chauffante électrique',
    thermostat: 'Thermostat électronique',
  };
  const legend = roles.map((role, i) => ({
    symbolId: `S${i + 1}`,
    role,
    type: ROLE_TYPE[role],
    styleId: styles[role] ?? '',
    symbolText: texts[role] ?? '',
    label: labels[role] ?? '',
  }));
  return {
    name: 'sample-plan',
    seed: 20250101,
    language: 'fr',
    summary: 'README sample: French bungalow, tabloid landscape, 1:50, legend + panel schedule on one sheet',
    firm: 'Électro-Conseil Laval inc.',
    project: 'Résidence Tremblay',
    address: '123, rue des Érables, Sherbrooke (Québec)',
    date: '2025-03-14',
    legendTitle: 'LÉGENDE',
    legend,
    panels: [
      {
        name: 'A',
        voltage: '120/240 V',
        phases: 1,
        mainA: 200,
        slots: 24,
        layout: 'two-column',
        mirroredRight: true,
        conductorColumn: false,
        headerForm: 0,
        feeds: null,
      },
    ],
    sheets: [
      {
        kind: 'floor',
        paper: 'tabloid',
        orientation: 'landscape',
        pageRotation: 0,
        sheetNumber: 'E-101',
        title: 'PLAN DU REZ-DE-CHAUSSÉE — ÉLECTRICITÉ',
        floor: {
          level: 'ground',
          mirror: false,
          panel: 'A',
          layout: {
            width: 11,
            depth: 8,
            back: [room('living', 'SALON', 1), room('kitchen', 'CUISINE', 1.2)],
            front: [
              room('bedroom', 'CHAMBRE 1', 1.2),
              room('bathroom', 'SALLE DE BAIN', 0.75),
              room('bedroom', 'CHAMBRE 2', 1.1),
            ],
            entry: room('entry', 'ENTRÉE', 1),
            corridor: room('corridor', 'CORRIDOR', 1),
            corridorWidth: 1.2,
            backShare: 0.53,
            openPlan: true,
          },
        },
        showLegend: true,
        showNotes: true,
        panels: ['A'],
        units: 'metric',
        maxScale: { kind: 'metric', ratio: 50 },
        scaleForm: 0,
        scaleAt: 'drawing-title',
      },
    ],
    style: {
      walls: 'poche-grey',
      symbolMode: 'flat',
      layered: true,
      textRotates: false,
      rotateWithWall: true,
      mirrorProbability: 0,
      rescaleProbability: 0,
      tagProbability: 1,
      tagFormat: 'dash',
      unitFactor: 1,
      deviceColor: 'black',
      furniture: true,
      dimensions: true,
      wiring: false,
      deviceNotes: false,
      keynotes: false,
      gridBubbles: false,
      font: 'helvetica',
      legendRuled: true,
      legendUpper: false,
      roomAreaLabels: false,
      scheduleUpper: false,
      legendSymbolSide: 'left',
      skewProbability: 0,
    },
  };
}

function round1(v: number): number {
  return Math.round(v * 10) / 10;
}
