import type { ToolName } from '@saeq/agents';
import { ConductorSize } from '@saeq/electrical-code';
import type { Lang } from '@saeq/shared/i18n';

/**
 * The deterministic intent parser of offline mode (no language model configured). It
 * recognises a few common requests, in French and in English, by keywords and by the
 * quantities written with their units — nothing else. What it cannot read it reports as
 * missing; every default it applies is returned as an assumption to show the user.
 */

export type Bilingual = { fr: string; en: string };

export type CalculationIntent = {
  kind: 'dwelling_load' | 'conductor_size' | 'voltage_drop' | 'box_fill';
  tool: ToolName;
  input: Record<string, unknown>;
  /** Required inputs the message does not give: no calculation without them. */
  missing: Bilingual[];
  /** Defaults applied and things read but not usable, to show with the answer. */
  assumptions: Bilingual[];
};

export type Intent =
  | CalculationIntent
  | { kind: 'plan_summary' }
  | { kind: 'bill_of_materials' }
  | { kind: 'unknown' };

export type ParsedRequest = { intent: Intent; lang: Lang };

// ------------------------------------------------------------------------------------------
// Language

const frenchWords = new Set(
  'le la les de des du un une pour avec et est quel quelle quels calibre charge chute tension boîte boite maison logement résumé resume liste matériel materiel cuisinière cuisiniere chauffage chauffe-eau conducteurs fils cuivre sous-sol plan dans sur mon ma mes longueur donne calcule fais'.split(
    ' ',
  ),
);
const englishWords = new Set(
  'the of a an for with and is what which size wire load drop voltage box fill house home dwelling summary summarize bill materials list range heating water heater conductors copper aluminum basement plan in on my length give calculate compute'.split(
    ' ',
  ),
);

/** The message's language by counting common words of each; ties go to `fallback`. */
export function detectLanguage(text: string, fallback: Lang): Lang {
  const words = text.toLowerCase().match(/[\p{L}-]+/gu) ?? [];
  let fr = 0;
  let en = 0;
  for (const word of words) {
    if (frenchWords.has(word)) fr += 1;
    if (englishWords.has(word)) en += 1;
  }
  if (/[éèêàùçôî]/i.test(text)) fr += 1;
  if (fr === en) return fallback;
  return fr > en ? 'fr' : 'en';
}

// ------------------------------------------------------------------------------------------
// Numbers and quantities

/** A number as people write it: `12`, `12,5` / `12.5`, `24 000` (fr), `24,000` (en). */
const NUM = String.raw`\d+(?:[ \u00a0\u202f,]\d{3})*(?:[.,]\d+)?`;

export function parseNumber(text: string, lang: Lang): number {
  const compact = text.replace(/[ \u00a0\u202f]/g, '');
  // French: the comma is the decimal mark; English: it groups thousands.
  const normalized = lang === 'fr' ? compact.replace(',', '.') : compact.replace(/,/g, '');
  return Number(normalized);
}

const numberWords: Record<string, number> = {
  un: 1,
  une: 1,
  deux: 2,
  trois: 3,
  quatre: 4,
  cinq: 5,
  six: 6,
  sept: 7,
  huit: 8,
  neuf: 9,
  dix: 10,
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
};
const COUNT = String.raw`\b(\d+|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|an?|one|two|three|four|five|seven|eight|nine|ten)`;

function parseCount(word: string): number {
  const lower = word.toLowerCase();
  return /^\d+$/.test(lower) ? Number(lower) : (numberWords[lower] ?? Number.NaN);
}

type Quantity = { value: number; index: number; end: number };

function* quantities(text: string, unit: string, lang: Lang, factor = 1): Generator<Quantity> {
  const re = new RegExp(String.raw`(?<![\d.,])(${NUM})\s*(?:${unit})`, 'giu');
  for (const match of text.matchAll(re)) {
    const raw = match[1];
    if (raw === undefined) continue;
    yield { value: parseNumber(raw, lang) * factor, index: match.index, end: match.index + match[0].length };
  }
}

const first = (text: string, unit: string, lang: Lang, factor = 1): number | undefined =>
  quantities(text, unit, lang, factor).next().value?.value;

// Units; each alternative ends where the unit ends (a word boundary or a non-letter).
const WATTS = String.raw`kw\b|kilowatts?\b|w\b|watts?\b`;
const AREA_M2 = String.raw`m²|m2\b|m\^2|mètres?\s+carrés|metres?\s+carres|square\s+met(?:er|re)s?\b|sq\.?\s*m\b`;
const AREA_FT2 = String.raw`pi²|pi2\b|ft²|ft2\b|sq\.?\s*ft\b|square\s+f(?:ee|oo)t\b|pieds?\s+carrés`;
const AMPS = String.raw`a\b(?!\s*wg)|amps?\b|ampères?\b|amperes?\b`;
const VOLTS = String.raw`v\b|volts?\b`;
const METRES = String.raw`m\b(?![²2^])|mètres?\b|metres?\b|meters?\b`;
const FEET = String.raw`pi\b(?![²2])|pieds?\b|ft\b(?![²2])|feet\b|foot\b`;
const MILLILITRES = String.raw`ml\b|cm³|cm3\b`;
const CUBIC_INCHES = String.raw`po³|in³|in3\b|cu\.?\s*in\b|pouces?\s+cubes`;

const FT2_TO_M2 = 0.09290304;
const FT_TO_M = 0.3048;
const IN3_TO_ML = 16.387064;

function powerW(text: string, lang: Lang): number | undefined {
  for (const q of quantities(text, WATTS, lang)) {
    const unit = text.slice(q.index, q.end).toLowerCase();
    return /kw|kilowatt/.test(unit) ? q.value * 1000 : q.value;
  }
  return undefined;
}

function conductorSizeIn(text: string): string | undefined {
  const patterns = [
    /(\d{1,3}(?:\/0)?)\s*awg\b/i,
    /(\d{3})\s*kcmil\b/i,
    /#\s*(\d{1,2}(?:\/0)?)\b/,
    /\bcalibre\s+(?:no\.?\s*)?(\d{1,2}(?:\/0)?)\b/i,
    /\bno\.?\s*(\d{1,2}(?:\/0)?)\b/i,
    /\bgauge\s+(\d{1,2}(?:\/0)?)\b/i,
  ];
  for (const pattern of patterns) {
    const match = pattern.exec(text);
    if (!match?.[1]) continue;
    const size = /kcmil/i.test(match[0]) ? `${match[1]} kcmil` : `${match[1]} AWG`;
    if (ConductorSize.safeParse(size).success) return size;
  }
  return undefined;
}

function materialIn(text: string): 'copper' | 'aluminum' | undefined {
  if (/\balumini?um\b|\balu\b/i.test(text)) return 'aluminum';
  if (/\bcuivre\b|\bcopper\b|\bcu\b/i.test(text)) return 'copper';
  return undefined;
}

const assume = (fr: string, en: string): Bilingual => ({ fr, en });

// ------------------------------------------------------------------------------------------
// Intents

const triggers = {
  plan_summary:
    /r[ée]sum[ée] du plan|sommaire du plan|r[ée]sume[rz]? (?:le|ce) plan|plan summary|summar(?:y|ise|ize) (?:of )?(?:the |this |my )?plan/i,
  bill_of_materials:
    /liste (?:de|du|des) mat[ée]ri(?:el|aux)|bordereau|bill of materials?|materials? list|\bbom\b|quantit[ée]s? de mat[ée]riel/i,
  voltage_drop: /chute de tension|perte de tension|voltage drop/i,
  box_fill: /remplissage|box fill|bo[iî]te.*\b(?:ml|cm3|cm³|po³|in³)\b|(?:ml|cm3|cm³|in³)\b.*\bbox\b/i,
  conductor_size:
    /calibre|grosseur (?:du |de |des )?(?:fil|conducteur|câble|cable)|conductor size|wire size|size (?:of )?(?:the )?(?:wire|conductor|cable)|what (?:size|gauge)|which (?:size|gauge)|ampacit/i,
  dwelling_load:
    /charge (?:calcul[ée]e|totale|minimale)|charge (?:de |d['’]|du )(?:la |ma |une |un |cette |notre )?(?:maison|r[ée]sidence|logement|habitation|bungalow|cottage)|calcul(?:e|er|ez)? (?:de )?la charge|8-200|dwelling load|house load|home load|load calculation|calculated load|load (?:of|for) (?:a|an|my|the|this) (?:house|home|dwelling)|service size|taille de l['’]entr[ée]e|entr[ée]e [ée]lectrique/i,
};

/** Recognises the request; the order goes from the most specific wording to the least. */
export function parseRequest(message: string, fallbackLang: Lang): ParsedRequest {
  const lang = detectLanguage(message, fallbackLang);
  const text = message.normalize('NFC');
  if (triggers.plan_summary.test(text)) return { intent: { kind: 'plan_summary' }, lang };
  if (triggers.bill_of_materials.test(text)) return { intent: { kind: 'bill_of_materials' }, lang };
  if (triggers.voltage_drop.test(text)) return { intent: parseVoltageDrop(text, lang), lang };
  if (triggers.box_fill.test(text)) return { intent: parseBoxFill(text, lang), lang };
  if (triggers.conductor_size.test(text)) return { intent: parseConductorSize(text, lang), lang };
  if (triggers.dwelling_load.test(text)) return { intent: parseDwellingLoad(text, lang), lang };
  return { intent: { kind: 'unknown' }, lang };
}

/** Clauses: split at ", " "; " ". " new lines and the words and/with/et/avec/plus. */
function clausesOf(text: string): string[] {
  return text
    .split(/[;\n]|,\s|\.\s|\s(?:et|and|avec|with|plus|ainsi que|as well as)\s/i)
    .map((clause) => clause.trim())
    .filter((clause) => clause.length > 0);
}

const loadKeywords = {
  waterHeater: /chauffe[- ]eau|water heater/i,
  tankless: /instantan|sans r[ée]servoir|tankless|on[- ]demand/i,
  poolSpa: /piscine|\bspa\b|\bpool\b|hot tub/i,
  ev: /borne|recharge|v[ée]hicule [ée]lectrique|\bv[ée]\b|\bev\b|electric vehicle|charger|evse/i,
  airConditioning: /climatis|air climatis[ée]|thermopompe|heat pump|air[- ]condition|\ba\/c\b/i,
  heating: /chauffage|plinthe|heating|baseboard|fournaise|furnace/i,
  range: /cuisini[èe]re|\brange\b|\bstove\b|cooktop|\boven\b/i,
  other: /s[ée]cheuse|dryer|lave-vaisselle|dishwasher|autres? charges?|other loads?|sauna|atelier|workshop/i,
  basement: /sous-sol|basement/i,
  // 62-118: a central system (furnace, duct heater, thermal storage) is taken at 100 %.
  centralHeating: /fournaise|furnace|centra(?:l|le)|accumulat|thermal storage|conduits?|duct/i,
  roomThermostats: /plinthe|baseboard|convecteur|convector|thermostats?/i,
};

export function parseDwellingLoad(text: string, lang: Lang): CalculationIntent {
  const input: Record<string, unknown> = {};
  const missing: Bilingual[] = [];
  const assumptions: Bilingual[] = [];
  const waterHeaters: { watts: number; kind: 'storage' | 'tankless' }[] = [];
  const evChargers: { watts: number }[] = [];
  const otherLoadsW: number[] = [];
  let poolSpaW = 0;

  for (const clause of clausesOf(text)) {
    const areaM2 = first(clause, AREA_M2, lang) ?? first(clause, AREA_FT2, lang, FT2_TO_M2);
    if (areaM2 !== undefined) {
      if (loadKeywords.basement.test(clause)) input.basementAreaM2 = round2(areaM2);
      else if (input.livingAreaM2 === undefined) input.livingAreaM2 = round2(areaM2);
      if (first(clause, AREA_M2, lang) === undefined) {
        assumptions.push(
          assume(
            'Superficie convertie de pi² en m² (1 pi² = 0,0929 m²).',
            'Area converted from ft² to m² (1 ft² = 0.0929 m²).',
          ),
        );
      }
    }
    const watts = powerW(clause, lang);
    const load = (Object.keys(loadKeywords) as (keyof typeof loadKeywords)[]).find(
      (key) =>
        key !== 'basement' &&
        key !== 'tankless' &&
        key !== 'centralHeating' &&
        key !== 'roomThermostats' &&
        loadKeywords[key].test(clause),
    );
    if (!load) continue;
    if (watts === undefined) {
      assumptions.push(
        assume(
          `Puissance non indiquée pour « ${clause} » : non comptée.`,
          `No power given for "${clause}": not counted.`,
        ),
      );
      continue;
    }
    switch (load) {
      case 'waterHeater':
        waterHeaters.push({ watts, kind: loadKeywords.tankless.test(clause) ? 'tankless' : 'storage' });
        break;
      case 'poolSpa':
        poolSpaW += watts;
        break;
      case 'ev':
        evChargers.push({ watts });
        break;
      case 'airConditioning':
        input.airConditioningW = ((input.airConditioningW as number | undefined) ?? 0) + watts;
        break;
      case 'heating':
        input.spaceHeatingW = ((input.spaceHeatingW as number | undefined) ?? 0) + watts;
        if (loadKeywords.centralHeating.test(clause)) input.heatingSystem = 'central';
        else if (loadKeywords.roomThermostats.test(clause)) input.heatingSystem ??= 'room-thermostats';
        break;
      case 'range':
        input.rangeW = watts;
        break;
      case 'other':
        otherLoadsW.push(watts);
        break;
    }
  }
  if (waterHeaters.length > 0) input.waterHeaters = waterHeaters;
  if (evChargers.length > 0) input.evChargers = evChargers;
  if (poolSpaW > 0) input.poolSpaHeatersW = poolSpaW;
  if (otherLoadsW.length > 0) input.otherLoadsW = otherLoadsW;
  if (/verrouill|interlock|non simultan|not simultaneous/i.test(text)) input.heatingCoolingInterlocked = true;
  if (input.livingAreaM2 === undefined) {
    missing.push({ fr: 'la superficie habitable (m²)', en: 'the living area (m²)' });
  }
  return { kind: 'dwelling_load', tool: 'calc_dwelling_load', input, missing, assumptions };
}

export function parseConductorSize(text: string, lang: Lang): CalculationIntent {
  const input: Record<string, unknown> = {};
  const missing: Bilingual[] = [];
  const assumptions: Bilingual[] = [];
  const current = first(text, AMPS, lang);
  if (current === undefined) missing.push({ fr: 'le courant (A)', en: 'the current (A)' });
  else input.currentA = current;
  const material = materialIn(text);
  input.material = material ?? 'copper';
  if (!material)
    assumptions.push(
      assume('Conducteurs en cuivre (matériau non précisé).', 'Copper conductors (material not given).'),
    );
  const rating =
    /\b(60|75|90)\s*°?\s*c\b/i.exec(text)?.[1] ??
    (/\b(?:nmd|rw|t|teck|rwu)90\b/i.test(text) ? '90' : undefined);
  if (rating) input.insulationRatingC = Number(rating);
  else {
    input.insulationRatingC = 75;
    assumptions.push(
      assume('Isolant de 75 °C (température nominale non précisée).', '75 °C insulation (rating not given).'),
    );
  }
  const ambient =
    new RegExp(String.raw`(?:ambiante?|ambient)\D{0,20}?(-?${NUM})\s*°?\s*c\b`, 'i').exec(text)?.[1] ??
    new RegExp(String.raw`(-?${NUM})\s*°?\s*c\s*(?:ambiante?|ambient)`, 'i').exec(text)?.[1];
  if (ambient !== undefined) input.ambientC = parseNumber(ambient, lang);
  const carrying = new RegExp(
    String.raw`${COUNT}\s*(?:conducteurs?\s+porteurs|current[- ]carrying)`,
    'i',
  ).exec(text)?.[1];
  if (carrying !== undefined) input.currentCarryingConductors = parseCount(carrying);
  if (/air libre|free air|open air/i.test(text)) input.installation = 'free-air';
  else {
    input.installation = 'raceway-or-cable';
    if (!/conduit|raceway|câble|cable|canalisation/i.test(text)) {
      assumptions.push(
        assume(
          'Installation en canalisation ou en câble (mode non précisé).',
          'Installed in a raceway or cable (installation not given).',
        ),
      );
    }
  }
  if (/charge continue|continuous load|\bcontinu(?:e|ous)\b/i.test(text)) input.continuous = true;
  return { kind: 'conductor_size', tool: 'calc_conductor_size', input, missing, assumptions };
}

export function parseVoltageDrop(text: string, lang: Lang): CalculationIntent {
  const input: Record<string, unknown> = {};
  const missing: Bilingual[] = [];
  const assumptions: Bilingual[] = [];
  const material = materialIn(text);
  input.material = material ?? 'copper';
  if (!material)
    assumptions.push(
      assume('Conducteurs en cuivre (matériau non précisé).', 'Copper conductors (material not given).'),
    );
  const size = conductorSizeIn(text);
  if (size) input.size = size;
  else
    missing.push({ fr: 'le calibre du conducteur (p. ex. 12 AWG)', en: 'the conductor size (e.g. 12 AWG)' });
  const lengthM = first(text, METRES, lang) ?? first(text, FEET, lang, FT_TO_M);
  if (lengthM === undefined)
    missing.push({ fr: 'la longueur simple du circuit (m)', en: 'the one-way length of the circuit (m)' });
  else {
    input.lengthM = round2(lengthM);
    if (first(text, METRES, lang) === undefined) {
      assumptions.push(
        assume(
          'Longueur convertie de pieds en mètres (1 pi = 0,3048 m).',
          'Length converted from feet to metres (1 ft = 0.3048 m).',
        ),
      );
    }
  }
  const current = first(text, AMPS, lang);
  if (current === undefined) missing.push({ fr: 'le courant (A)', en: 'the current (A)' });
  else input.currentA = current;
  const voltage = first(text, VOLTS, lang);
  if (voltage === undefined) missing.push({ fr: 'la tension (V)', en: 'the voltage (V)' });
  else input.voltage = voltage;
  const threePhase = /triphas|three[- ]phase|3[- ]phase|\b3 phases\b/i.test(text);
  input.phases = threePhase ? 3 : 1;
  if (!threePhase && !/monophas|single[- ]phase|1[- ]phase/i.test(text)) {
    assumptions.push(
      assume('Circuit monophasé (nombre de phases non précisé).', 'Single-phase circuit (phases not given).'),
    );
  }
  return { kind: 'voltage_drop', tool: 'calc_voltage_drop', input, missing, assumptions };
}

export function parseBoxFill(text: string, lang: Lang): CalculationIntent {
  const input: Record<string, unknown> = {};
  const missing: Bilingual[] = [];
  const assumptions: Bilingual[] = [];
  const volume = first(text, MILLILITRES, lang) ?? first(text, CUBIC_INCHES, lang, IN3_TO_ML);
  if (volume === undefined) missing.push({ fr: 'le volume de la boîte (mL)', en: 'the box volume (mL)' });
  else {
    input.boxVolumeML = round2(volume);
    if (first(text, MILLILITRES, lang) === undefined) {
      assumptions.push(
        assume(
          'Volume converti de po³ en mL (1 po³ = 16,387 mL).',
          'Volume converted from in³ to mL (1 in³ = 16.387 mL).',
        ),
      );
    }
  }
  const conductors = new Map<string, number>();
  const taken: [number, number][] = [];
  const conductorWord = '(?:conducteurs?|fils?|conductors?|wires?)';
  const conductorPatterns: RegExp[] = [
    // "4 conducteurs 14 AWG", "quatre conducteurs de calibre 14"
    new RegExp(
      String.raw`${COUNT}\s*${conductorWord}\s*(?:de\s+calibre\s+|de\s+|en\s+|of\s+|no\.?\s*|#\s*)?(\d{1,2})\s*(?:awg)?\b`,
      'gi',
    ),
    // "four 14 AWG conductors", "4 x 14 AWG", "4 × 14 AWG"
    new RegExp(String.raw`${COUNT}(?:\s*[x×]\s*|\s+)(\d{1,2})\s*awg\b(?:\s*${conductorWord})?`, 'gi'),
  ];
  for (const pattern of conductorPatterns) {
    for (const match of text.matchAll(pattern)) {
      const start = match.index;
      const end = start + match[0].length;
      if (taken.some(([a, b]) => start < b && end > a)) continue;
      const count = parseCount(match[1] ?? '');
      const size = `${match[2] ?? ''} AWG`;
      if (!Number.isInteger(count) || count <= 0 || !ConductorSize.safeParse(size).success) continue;
      taken.push([start, end]);
      conductors.set(size, (conductors.get(size) ?? 0) + count);
    }
  }
  if (conductors.size === 0) {
    missing.push({
      fr: 'les conducteurs (nombre et calibre, p. ex. 4 conducteurs 14 AWG)',
      en: 'the conductors (count and size, e.g. 4 conductors 14 AWG)',
    });
  } else {
    input.conductors = [...conductors].map(([size, count]) => ({ size, count }));
  }
  const devices = new RegExp(
    String.raw`${COUNT}\s*(?:dispositifs?|appareils?|prises?|interrupteurs?|devices?|receptacles?|switch(?:es)?|outlets?)\b`,
    'i',
  ).exec(text)?.[1];
  if (devices !== undefined && Number.isInteger(parseCount(devices))) input.devices = parseCount(devices);
  const connectors = new RegExp(
    String.raw`${COUNT}\s*(?:paires?\s+de\s+)?(?:marrettes?|connecteurs?|wire connectors?|wire nuts?)\b`,
    'i',
  ).exec(text)?.[1];
  if (connectors !== undefined && Number.isInteger(parseCount(connectors))) {
    input.wireConnectorPairs = parseCount(connectors);
  }
  return { kind: 'box_fill', tool: 'calc_box_fill', input, missing, assumptions };
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
