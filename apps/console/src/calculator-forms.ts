import { boxConductorSizes, conductorSizes } from '@saeq/electrical-code/tables/size-lists';
import { parseDecimal } from './format.ts';

/**
 * Form descriptions of the five calculations (`POST /v1/calculations/{kind}`, inputs per API.md)
 * and the pure mapping from what a person typed to the JSON body. The server validates; the
 * console only checks what it must to build JSON (numbers typed with a comma, required fields),
 * and shows the server's problem+json field errors next to the field of the same path.
 */

export type FieldSpec =
  | { kind: 'number'; name: string; required?: boolean }
  | { kind: 'select'; name: string; options: readonly string[]; numeric?: boolean; optional?: boolean }
  | { kind: 'checkbox'; name: string }
  /** Several numbers in one text field, separated by semicolons (commas are decimal commas). */
  | { kind: 'number-list'; name: string }
  /** A repeated group of fields: an array of objects in the body. */
  | { kind: 'group'; name: string; fields: readonly FieldSpec[]; min: number; initial: number };

export type CalculationKind =
  | 'dwelling-load'
  | 'apartment-load'
  | 'conductor-size'
  | 'voltage-drop'
  | 'box-fill';

export const CALCULATION_KINDS: readonly CalculationKind[] = [
  'dwelling-load',
  'apartment-load',
  'conductor-size',
  'voltage-drop',
  'box-fill',
];

const EDITIONS = ['2026', '2018'] as const;
const MATERIALS = ['copper', 'aluminum'] as const;
const INSULATION = ['60', '75', '90'] as const;
/** The engine's own lists (CEC Tables 1–4 sizes; Table 22 sizes for box fill), smallest first. */
export const CONDUCTOR_SIZES = conductorSizes;
const BOX_SIZES = boxConductorSizes;

const edition: FieldSpec = { kind: 'select', name: 'edition', options: EDITIONS };

/** The loads of one dwelling (dwelling-load, and each unit of apartment-load). */
const dwellingLoads: readonly FieldSpec[] = [
  { kind: 'number', name: 'livingAreaM2', required: true },
  { kind: 'number', name: 'basementAreaM2' },
  { kind: 'number', name: 'basementHeightM' },
  { kind: 'number', name: 'rangeW' },
  { kind: 'number', name: 'spaceHeatingW' },
  // Unset: the engine assumes thermostats in each room and says so (62-118 3)).
  { kind: 'select', name: 'heatingSystem', options: ['room-thermostats', 'central'], optional: true },
  { kind: 'number', name: 'airConditioningW' },
  { kind: 'checkbox', name: 'heatingCoolingInterlocked' },
  {
    kind: 'group',
    name: 'waterHeaters',
    min: 0,
    initial: 0,
    fields: [
      { kind: 'number', name: 'watts', required: true },
      { kind: 'select', name: 'kind', options: ['storage', 'tankless'] },
    ],
  },
  {
    kind: 'group',
    name: 'evChargers',
    min: 0,
    initial: 0,
    fields: [
      { kind: 'number', name: 'watts', required: true },
      { kind: 'checkbox', name: 'managed' },
      { kind: 'number', name: 'managedW' },
      { kind: 'checkbox', name: 'evemsMonitorsService' },
    ],
  },
  { kind: 'number', name: 'poolSpaHeatersW' },
  { kind: 'number-list', name: 'otherLoadsW' },
];

const waterHeaterRule: FieldSpec = {
  kind: 'select',
  name: 'waterHeaterRule',
  options: ['other-loads', 'full'],
};

export const CALCULATION_FORMS: Record<CalculationKind, readonly FieldSpec[]> = {
  'dwelling-load': [edition, ...dwellingLoads, waterHeaterRule],
  'apartment-load': [
    edition,
    { kind: 'group', name: 'units', min: 1, initial: 2, fields: dwellingLoads },
    waterHeaterRule,
    { kind: 'select', name: 'serviceVoltage', options: ['120/240', '120/208', '347/600'] },
    { kind: 'select', name: 'heatingDemandScope', options: ['per-unit', 'building'] },
    { kind: 'number-list', name: 'nonDwellingLoadsW' },
  ],
  'conductor-size': [
    edition,
    { kind: 'number', name: 'currentA', required: true },
    { kind: 'select', name: 'material', options: MATERIALS },
    { kind: 'select', name: 'insulationRatingC', options: INSULATION, numeric: true },
    { kind: 'select', name: 'terminationRatingC', options: INSULATION, numeric: true, optional: true },
    { kind: 'number', name: 'ambientC' },
    { kind: 'number', name: 'currentCarryingConductors' },
    { kind: 'select', name: 'installation', options: ['raceway-or-cable', 'free-air'] },
    { kind: 'checkbox', name: 'continuous' },
    { kind: 'checkbox', name: 'conservative' },
  ],
  'voltage-drop': [
    edition,
    { kind: 'select', name: 'material', options: MATERIALS },
    { kind: 'select', name: 'size', options: CONDUCTOR_SIZES },
    { kind: 'number', name: 'lengthM', required: true },
    { kind: 'number', name: 'currentA', required: true },
    { kind: 'number', name: 'voltage', required: true },
    { kind: 'select', name: 'phases', options: ['1', '3'], numeric: true },
    { kind: 'number', name: 'conductorTempC' },
    { kind: 'select', name: 'scope', options: ['branch-or-feeder', 'total'] },
  ],
  'box-fill': [
    edition,
    { kind: 'number', name: 'boxVolumeML', required: true },
    {
      kind: 'group',
      name: 'conductors',
      min: 1,
      initial: 1,
      fields: [
        { kind: 'select', name: 'size', options: BOX_SIZES },
        { kind: 'number', name: 'count', required: true },
      ],
    },
    { kind: 'number', name: 'devices' },
    { kind: 'number', name: 'wireConnectorPairs' },
    { kind: 'number', name: 'fixtureStuds' },
  ],
};

/** What the person typed: text per field path ("units.0.rangeW"), and group lengths by path. */
export type FormState = { values: Record<string, string>; counts: Record<string, number> };

export type LocalError = 'required' | 'notANumber';

const join = (prefix: string, name: string) => (prefix ? `${prefix}.${name}` : name);

/** The initial state of a form: first option of each required select, `initial` group items. */
export function initialState(
  fields: readonly FieldSpec[],
  prefix = '',
  state: FormState = { values: {}, counts: {} },
): FormState {
  for (const f of fields) {
    const path = join(prefix, f.name);
    if (f.kind === 'select' && !f.optional) state.values[path] = f.options[0] ?? '';
    if (f.kind === 'group') {
      state.counts[path] = f.initial;
      for (let i = 0; i < f.initial; i++) initialState(f.fields, `${path}.${i}`, state);
    }
  }
  return state;
}

/**
 * Builds the request body; empty optional fields are left out (the server applies its defaults).
 * Returns the local errors by path instead when a required field is empty or a number is not one.
 */
export function buildBody(
  fields: readonly FieldSpec[],
  state: FormState,
  prefix = '',
): { body: Record<string, unknown>; errors: Record<string, LocalError> } {
  const body: Record<string, unknown> = {};
  const errors: Record<string, LocalError> = {};
  for (const f of fields) {
    const path = join(prefix, f.name);
    const raw = (state.values[path] ?? '').trim();
    switch (f.kind) {
      case 'number': {
        if (raw === '') {
          if (f.required) errors[path] = 'required';
          break;
        }
        const n = parseDecimal(raw);
        if (n === null) errors[path] = 'notANumber';
        else body[f.name] = n;
        break;
      }
      case 'select': {
        if (raw === '') break;
        body[f.name] = f.numeric ? Number(raw) : raw;
        break;
      }
      case 'checkbox': {
        if (raw === 'true') body[f.name] = true;
        break;
      }
      case 'number-list': {
        if (raw === '') break;
        const parts = raw
          .split(';')
          .map((p) => p.trim())
          .filter((p) => p !== '');
        const numbers = parts.map(parseDecimal);
        if (numbers.some((n) => n === null)) errors[path] = 'notANumber';
        else body[f.name] = numbers;
        break;
      }
      case 'group': {
        const count = state.counts[path] ?? 0;
        if (count === 0) break;
        const items: Record<string, unknown>[] = [];
        for (let i = 0; i < count; i++) {
          const item = buildBody(f.fields, state, `${path}.${i}`);
          items.push(item.body);
          Object.assign(errors, item.errors);
        }
        body[f.name] = items;
        break;
      }
    }
  }
  return { body, errors };
}

/** Removes item `index` of the group at `path`, shifting the later items' values down. */
export function removeGroupItem(state: FormState, path: string, index: number): FormState {
  const count = state.counts[path] ?? 0;
  const values: Record<string, string> = {};
  const counts: Record<string, number> = {};
  const itemPrefix = `${path}.`;
  const shift = (key: string): string | null => {
    if (!key.startsWith(itemPrefix)) return key;
    const rest = key.slice(itemPrefix.length);
    const dot = rest.indexOf('.');
    const i = Number(dot === -1 ? rest : rest.slice(0, dot));
    if (!Number.isInteger(i)) return key;
    if (i === index) return null;
    const tail = dot === -1 ? '' : rest.slice(dot);
    return i > index ? `${itemPrefix}${i - 1}${tail}` : key;
  };
  for (const [k, v] of Object.entries(state.values)) {
    const nk = shift(k);
    if (nk !== null) values[nk] = v;
  }
  for (const [k, v] of Object.entries(state.counts)) {
    const nk = shift(k);
    if (nk !== null) counts[nk] = v;
  }
  counts[path] = Math.max(0, count - 1);
  return { values, counts };
}
