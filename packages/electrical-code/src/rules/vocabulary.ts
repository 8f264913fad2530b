/**
 * Room and panel-schedule vocabulary (GLOSSARY.md): Québec French and English names, matched on
 * meaning with accents, case and punctuation removed.
 */
export type RoomKind =
  | 'storage'
  | 'mechanical'
  | 'bathroom'
  | 'laundry'
  | 'kitchen'
  | 'dining'
  | 'bedroom'
  | 'living'
  | 'entry'
  | 'hallway'
  | 'office'
  | 'garage'
  | 'outdoor'
  | 'basement';

/** Lower case, no accents, punctuation as spaces, single spaces. */
export function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9/]+/g, ' ')
    .trim();
}

// Order matters: the first match wins ("chambre froide" is storage, "hall d'entrée" an entry,
// "cuisine / salle à manger" a kitchen).
const roomPatterns: ReadonlyArray<readonly [RoomKind, RegExp]> = [
  [
    'storage',
    /\b(chambre froide|rangement|walk in|wic|garde robe|placard|cellier|depense|storage|closet|pantry)\b/,
  ],
  [
    'mechanical',
    /\b(salle (mecanique|electrique)|chambre (mecanique|electrique)|mecanique|chaufferie|mechanical|utility)\b/,
  ],
  [
    'bathroom',
    /\b(salles? de bains?|salle d eau|salle de toilettes?|sdb|s d b|toilettes?|wc|bathroom|bath|washroom|powder room|powder|ensuite)\b/,
  ],
  ['laundry', /\b(salle de lavage|buanderie|lavage|laundry)\b/],
  ['kitchen', /\b(cuisine|cuisinette|cuis|kitchen|kitchenette)\b/],
  ['dining', /\b(salle a manger|sam|coin repas|dinette|dining)\b/],
  ['bedroom', /\b(chambres?|ch|bedroom|master|bdrm|br)\b/],
  ['living', /\b(salon|vivoir|sejour|salle familiale|living|family|great room|boudoir)\b/],
  ['entry', /\b(hall d entree|entree|vestibule|foyer|entry|mudroom)\b/],
  ['hallway', /\b(corridor|couloir|passage|hallway|hall)\b/],
  ['office', /\b(bureau|etude|office|den|study)\b/],
  ['garage', /\b(garage|abri d auto|carport)\b/],
  ['outdoor', /\b(exterieure?|terrasse|balcon|patio|galerie|perron|cour|outdoor|outside|deck|porch)\b/],
  ['basement', /\b(sous sol|basement)\b/],
];

/** The kind of a room from its name on the plan, or undefined when the name is not recognized. */
export function classifyRoom(name: string): RoomKind | undefined {
  const text = normalize(name);
  return roomPatterns.find(([, pattern]) => pattern.test(text))?.[0];
}

const markings = {
  afci: /\b(afci|cafci|anti ?arcs?|dcaa|pcaa|arc fault|arc)\b/,
  gfci: /\b(gfci|gfi|ddft|ddf|gf)\b/,
  receptacles: /\b(prises?|pc|receptacles?|recept|plugs?|outlets?|rec)\b/,
  counter: /\b(comptoirs?|counters?|countertop)\b/,
  refrigerator: /\b(refrigerateur|frigo|fridge|refrigerator|congelateur|freezer)\b/,
  sumpPump: /\b(pompe|sump)\b/,
  spare: /\b(reserve|espace|libre|spare|space|vide)\b/,
  range: /\b(cuisiniere|poele|range|stove|cuisson)\b/,
  dryer: /\b(secheuse|dryer)\b/,
  waterHeater: /\b(chauffe eau|water heater|cet)\b/,
  heating:
    /\b(plinthes?|chauffage|convecteurs?|aerotherme|baseboards?|heaters?|heating|thermopompe|heat pump)\b/,
  ev: /\b(borne|ve|vehicule electrique|ev|evse|arve|recharge)\b/,
  airConditioning: /\b(climatiseur|climatisation|air climatise|a c|ac|air conditioning)\b/,
  smoke: /\b(avertisseurs?|detecteurs? de fumee|smoke)\b/,
} as const;

export type Marking = keyof typeof markings;

/** Whether a schedule description or label mentions `marking`. */
export function mentions(text: string, marking: Marking): boolean {
  return markings[marking].test(normalize(text));
}
