import type { DeviceType } from '@saeq/shared/contracts/plan-analysis';

/** Lower case, accents removed, typographic quotes/dashes folded, whitespace collapsed. */
export function normalizeText(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘`´′]/g, "'")
    .replace(/[“”″]/g, '"')
    .replace(/[‐‑‒–—]/g, '-')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** Symbol text compared as drawn: upper case, no accents, no spaces ("s 3" = "S3"). */
export function normalizeSymbolText(s: string): string {
  return normalizeText(s).replace(/\s+/g, '').toUpperCase();
}

type Rule = { type: DeviceType; patterns: RegExp[] };

/**
 * Legend description → device type, first matching rule wins, so specific rules come first
 * ("prise DDFT" before "prise", "thermostat de plinthe" before "plinthe", "prise de données"
 * before "prise"). Patterns run on `normalizeText` output. GLOSSARY.md lists the vocabulary.
 */
const RULES: readonly Rule[] = [
  { type: 'thermostat', patterns: [/\bthermostat/] },
  {
    type: 'ev_charger',
    patterns: [
      /borne (de )?recharge/,
      /recharge (pour |de )?vehicule/,
      /vehicules? electriques?/,
      /\bbrve\b/,
      /\bve\b/,
      /\bvee\b/,
      /\bevse\b/,
      /\bev\b/,
      /electric vehicle/,
      /\bcharg(er|ing station)\b/,
    ],
  },
  {
    type: 'receptacle_gfci',
    patterns: [/\bddft?\b/, /\bgfci\b/, /\bgfi\b/, /differentiel/, /ground[- ]fault/, /\bdifferential\b/],
  },
  {
    type: 'data_outlet',
    patterns: [
      /\bdonnees\b/,
      /\breseau\b/,
      /\btelephon/,
      /\bdata\b/,
      /\bnetwork\b/,
      /\brj-?45\b/,
      /\bcat ?[56]e?a?\b/,
      /\binformatique\b/,
      /\bcommunications?\b/,
      /\bethernet\b/,
      /\bcoaxial|\bcable tv|\btele(vision)?\b|\btv\b/,
    ],
  },
  {
    type: 'exhaust_fan',
    patterns: [/\bhotte\b/, /range hood/, /\bexhaust\b/, /\bextracteur\b/, /ventilateur d'extraction/],
  },
  {
    // A receptacle for 240 V loads: a receptacle word with a voltage/ampacity or appliance hint,
    // or an appliance outlet named alone. A voltage alone is not enough ("Baseboard heater 240V").
    type: 'receptacle_240v',
    patterns: [
      /\b(prises?|receptacles?|outlets?)\b.*\b(2[04]0|208) ?v\b/,
      /\b(2[04]0|208) ?v\b.*\b(prises?|receptacles?|outlets?)\b/,
      /\b(prises?|receptacles?|outlets?)\b.*\b(30|40|50) ?a\b/,
      /\b(prises?|receptacles?|outlets?)\b.*\b(cuisiniere|secheuse|range|dryer|four|oven)\b/,
      /\b(cuisiniere|secheuse|range|dryer)\b.*\b(prises?|receptacles?|outlets?)\b/,
      /\bnema (6|10|14)-/,
    ],
  },
  {
    type: 'receptacle',
    patterns: [
      /\bprises?\b/,
      /\breceptacles?\b/,
      /\bduplex\b/,
      /\boutlets?\b/,
      /\bplug\b/,
      /\bconvenience\b/,
    ],
  },
  {
    type: 'switch_3way',
    patterns: [
      /\b(trois|3|quatre|4)[- ]?voies\b/,
      /\bva-et-vient\b/,
      /\b(3|three|4|four)[- ]?way\b/,
      /^\$ ?[34]$/,
      /^s ?[34]$/,
    ],
  },
  {
    type: 'switch',
    patterns: [
      /\binterrupteurs?\b/,
      /\bswitch(es)?\b/,
      /\bcommutateur\b/,
      /\bgradateur\b/,
      /\bdimmer\b/,
      /^\$$/,
      /^s$/,
    ],
  },
  {
    type: 'smoke_detector',
    patterns: [/\bfumee\b/, /\bsmoke\b/, /\bavertisseur d'incendie\b/],
  },
  {
    type: 'co_detector',
    patterns: [/\bmonoxyde\b/, /\bco\b/, /carbon monoxide/],
  },
  {
    // Exit signs and emergency lighting units are their own items, not luminaires.
    type: 'other',
    patterns: [/\benseignes? de sortie\b/, /\bexit\b/, /\burgence\b/, /\bemergency\b/, /\bsecours\b/],
  },
  {
    // Troffers (2x4, 2x2 lay-in panels) are luminaires even when recessed; "encastré" alone
    // means a pot light.
    type: 'luminaire',
    patterns: [/\btroffers?\b/, /\b[12] ?x ?[24]\b/, /\blay-in\b/],
  },
  {
    type: 'luminaire_recessed',
    patterns: [
      /\bencastre(e|s|es)?\b/,
      /\bpot ?lights?\b/,
      /\brecessed\b/,
      /\bdownlights?\b/,
      /\bpotlights?\b/,
    ],
  },
  {
    type: 'exhaust_fan',
    patterns: [/\bventilateur\b/, /\bventilation\b/, /\bfan\b/, /\bextraction\b/],
  },
  {
    type: 'luminaire',
    patterns: [
      /\bluminaires?\b/,
      /\bplafonniers?\b/,
      /\bappliques?\b/,
      /\blights?\b/,
      /\blighting\b/,
      /\bfixtures?\b/,
      /\blampes?\b/,
      /\beclairage\b/,
      /\bsconces?\b/,
      /\blumieres?\b/,
      /\bpendants?\b/,
      /\bsuspendus?\b/,
      /\breglettes?\b/,
      /\bfluorescents?\b/,
    ],
  },
  {
    type: 'baseboard_heater',
    patterns: [
      /\bplinthes?\b/,
      /\bconvecteurs?\b/,
      /\baerothermes?\b/,
      /\bbaseboard\b/,
      /(?<!water )\bheaters?\b/,
      /\bconvectors?\b/,
      /\bchauffage\b/,
      /\bchauffante\b/,
      /\bradiateurs?\b/,
    ],
  },
  {
    type: 'panel',
    patterns: [
      /\bpanneaux?\b/,
      /\bpanel(board)?s?\b/,
      /\bload cent(re|er)\b/,
      /\bboite de disjoncteurs\b/,
      /\btableau de distribution\b/,
      /\bdistribution board\b/,
    ],
  },
];

/** Maps a legend description to a device type; `other` when nothing in the vocabulary fits. */
export function deviceTypeFromLabel(label: string): DeviceType {
  const text = normalizeText(label);
  for (const rule of RULES) {
    if (rule.patterns.some((p) => p.test(text))) return rule.type;
  }
  return 'other';
}

/** Headings that open a legend block (normalised text, possibly followed by a qualifier). */
const LEGEND_HEADING =
  /^(legende|legend|symboles|symbols|liste des symboles|symbol list|symbol legend|legende des symboles|tableau des symboles|electrical legend|electrical symbols|symboles electriques)\b(\s*(electrique|electricite|electrical|des symboles|:))*\s*:?$/;

export function isLegendHeading(text: string): boolean {
  const t = normalizeText(text)
    .replace(/[.:\-–]+$/, '')
    .trim();
  return LEGEND_HEADING.test(t);
}

/**
 * Room vocabulary (GLOSSARY.md, "Rooms"). A label is a room name when one of these words opens
 * it or forms it; numbers and qualifiers may follow ("CHAMBRE 2", "SALLE DE BAIN PRINCIPALE").
 */
const ROOM_WORDS = [
  'cuisine',
  'cuisinette',
  'salon',
  'salle a manger',
  'salle de sejour',
  'sejour',
  'chambre',
  'chambre principale',
  'salle de bain',
  'salle de bains',
  "salle d'eau",
  'salle de lavage',
  'salle de jeux',
  'salle familiale',
  'salle mecanique',
  'salle electrique',
  'salle de toilette',
  'sdb',
  's.d.b.',
  'buanderie',
  'lavage',
  'entree',
  'vestibule',
  'hall',
  'corridor',
  'couloir',
  'passage',
  'bureau',
  'sous-sol',
  'garage',
  'rangement',
  'walk-in',
  'garde-robe',
  'penderie',
  'debarras',
  'mezzanine',
  'atelier',
  'cellier',
  'remise',
  'boudoir',
  'solarium',
  'toilette',
  'wc',
  'kitchen',
  'kitchenette',
  'living',
  'living room',
  'dining',
  'dining room',
  'family room',
  'great room',
  'bedroom',
  'master bedroom',
  'primary bedroom',
  'bathroom',
  'bath',
  'ensuite',
  'powder room',
  'laundry',
  'laundry room',
  'entry',
  'foyer',
  'hallway',
  'office',
  'den',
  'study',
  'basement',
  'storage',
  'closet',
  'pantry',
  'mudroom',
  'mechanical room',
  'mechanical',
  'utility room',
  'workshop',
  'playroom',
  'games room',
  'media room',
  'rec room',
  'recreation room',
  'vestiaire',
  'gym',
  'lobby',
  'reception',
  'conference',
  'salle de conference',
  'salle de reunion',
  'meeting room',
  'cafeteria',
  'dinette',
  // Abbreviations and commercial spaces.
  'ch.',
  'chamb.',
  'cuis.',
  's. a manger',
  's.a.m.',
  's. de bain',
  "s. d'eau",
  'salle de jeu',
  'salle de repos',
  'salle des employes',
  'salle de dineur',
  'salle de diner',
  'salle de cours',
  'salle de classe',
  'salle de toilettes',
  'toilettes',
  'accueil',
  'entrepot',
  'magasin',
  'commerce',
  'local',
  'conciergerie',
  'concierge',
  'bdrm',
  'br',
  'mbr',
  'bath.',
  'wc',
  'w.c.',
  'electrical room',
  'electric room',
  'mechanical room',
  'janitor',
  'shop',
  'warehouse',
  'lunch room',
  'break room',
  'lunchroom',
  'breakroom',
  'restroom',
  'washroom',
  'men',
  'women',
  'vestibule',
  'sas',
  'stairs',
  'escalier',
  'open office',
  'aire ouverte',
  'showroom',
  "salle d'exposition",
  'retail',
  'kitchenette',
];

/** Words that make a line a note or a title, not a room name ("KITCHEN COUNTER RECEPTACLES"). */
const NOT_A_ROOM =
  /\belectricite\b|\belectrical\b(?!\s+room)|(?<!salle )\belectrique\b|\b(receptacles?|prises?|circuits?|plan|plans|electrical plan|plan electrique|niveau|level|detail|coupe|section|elevation|notes?|legende|legend|echelle|scale|panneau|panel|luminaires?|lighting|eclairage|switch|interrupteurs?|counter|comptoir)\b/;

const ROOM_PATTERN = new RegExp(
  `^(${ROOM_WORDS.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|')})(?=$|[\\s\\d\\-.,:/()])`,
);

/**
 * True for text that names a room: starts with a room word and stays short (≤ 5 words, no
 * sentence punctuation), so notes that mention a kitchen are not taken for labels.
 */
export function isRoomName(text: string): boolean {
  const t = normalizeText(text);
  if (t.length === 0 || t.length > 40) return false;
  if (t.split(' ').length > 5) return false;
  if (/[;!?]/.test(t)) return false;
  if (NOT_A_ROOM.test(t)) return false;
  return ROOM_PATTERN.test(t);
}
