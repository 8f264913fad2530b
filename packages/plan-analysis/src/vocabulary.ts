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
      // France: IRVE (infrastructure de recharge pour véhicules électriques).
      /\birve\b/,
      /\bev\b/,
      /electric vehicle/,
      // A USB charger is a port of a socket outlet, not a vehicle charger.
      /(?<!\busb )\bcharg(er|ing station)\b/,
    ],
  },
  {
    type: 'receptacle_gfci',
    // France: DDR (dispositif différentiel résiduel) is the residual-current device.
    patterns: [
      /\bddft?\b/,
      // The same marks as OCR misreads them on sheets without a text layer (D ↔ O/0, I ↔ 1/l).
      /\b[do0][do0]ft\b/,
      /\bgf[1l]\b/,
      /\bddr\b/,
      /\bgfci\b/,
      /\bgfi\b/,
      /differentiel/,
      /ground[- ]fault/,
      /\bdifferential\b/,
      // UK / South Africa: a socket behind an RCD (RCBO), "on earth leakage". The device word is
      // required: a distribution board "with RCD" is a board.
      /\b(sockets?|outlets?|receptacles?)\b.*\b(rcd|rcbo|earth[- ]leakage|residual[- ]current)\b/,
      /\b(rcd|rcbo|earth[- ]leakage|residual[- ]current)\b.*\b(sockets?|outlets?|receptacles?)\b/,
    ],
  },
  {
    // Junction boxes; "boîte de dérivation" is the France-French name.
    type: 'junction_box',
    patterns: [/\bjunction box/, /\bj-?box\b/, /\bboites? de (jonction|derivation|raccordement)\b/, /^jb?$/],
  },
  {
    type: 'data_outlet',
    patterns: [
      /\bdonnees\b/,
      /\breseau\b/,
      /\btelephon/,
      /\bdata\b/,
      // "DATAOUTLET": the space lost when the exporter wrote the words as one run.
      /\bdata ?outlets?\b/,
      /\bnetwork\b/,
      /\brj-?45\b/,
      /\bcat ?[56]e?a?\b/,
      /\bcategory ?[56]e?a?\b/,
      // "TELECOMMUNICATIONS OUTLET", "TELECOM OUTLET" (no word boundary before "communications").
      /\btelecom(munications?)?\b/,
      /\binformatique\b/,
      /\bcommunications?\b/,
      /\bethernet\b/,
    ],
  },
  {
    // Devices of no vocabulary type whose wording would otherwise fall into a wider rule: a TV
    // (coax) outlet is no data outlet (GLOSSARY.md: data / network / telephone) and no power
    // receptacle; a recessed speaker is no pot light.
    type: 'other',
    patterns: [
      /\bcoaxial\b/,
      /\bcable tv\b/,
      /\bcatv\b/,
      /\btele(vision)?\b/,
      /\btv\b/,
      /\bhaut-parleurs?\b/,
      /\bspeakers?\b/,
      // An isolator (switch-disconnector) serves a machine, not the lighting: no light switch.
      /\bisolators?\b/,
      // Fire detection other than smoke (heat, rate-of-rise): no type of its own, and no smoke
      // detector either.
      /\bheat detectors?\b/,
      /\bdetecteurs? (de )?chaleur\b/,
      /\bisolating switch/,
      /\bdisconnect(ing)? switch/,
      /\bsectionneurs?\b/,
    ],
  },
  {
    type: 'exhaust_fan',
    patterns: [
      /\bhotte\b/,
      /range hood/,
      /\bexhaust\b/,
      /\bextracteur\b/,
      /ventilateur d'extraction/,
      // France: VMC (ventilation mécanique contrôlée) extract grilles.
      /\bvmc\b/,
      /\bbouches? d'extraction\b/,
    ],
  },
  {
    // A receptacle for 240 V loads: a receptacle word with a voltage/ampacity or appliance hint,
    // or an appliance outlet named alone. A voltage alone is not enough ("Baseboard heater 240V").
    type: 'receptacle_240v',
    patterns: [
      /\b(prises?|plogues?|receptacles?|outlets?)\b.*\b(2[04]0|208) ?v\b/,
      /\b(2[04]0|208) ?v\b.*\b(prises?|plogues?|receptacles?|outlets?)\b/,
      /\b(prises?|plogues?|receptacles?|outlets?)\b.*\b(30|32|40|50) ?a\b/,
      /\b(prises?|plogues?|receptacles?|outlets?)\b.*\b(cuisiniere|secheuse|poele|range|dryer|four|oven)\b/,
      /\b(cuisiniere|secheuse|poele|range|dryer)\b.*\b(prises?|plogues?|receptacles?|outlets?)\b/,
      /\bnema (6|10|14)-/,
      // UK / South Africa: the cooker (stove) outlet is a fixed 32-45 A point, not a socket.
      /\b(cooker|stove)s? (point|outlet|connection|control unit)\b/,
    ],
  },
  {
    // After GFCI: a GFCI receptacle in a weatherproof box counts as GFCI. Weatherproof alone
    // says nothing of the device ("weatherproof light"): a receptacle word must be there, or
    // the mark alone.
    type: 'receptacle_weatherproof',
    patterns: [
      /\b(prises?|plogues?|receptacles?|outlets?|sockets?|plugs?|duplex)\b.*(\betanches?\b|\bweather ?proof\b|\bwp\b|\(et\)|\bintemperies\b)/,
      // An outdoor receptacle is a weatherproof one (the code wants its cover).
      /\b(prises?|plogues?|receptacles?|outlets?|sockets?|plugs?)\b.*\b(exterieures?|outdoor)\b/,
      /\boutdoor\b.*\b(receptacles?|outlets?|sockets?|plugs?)\b/,
      // IEC 60529 ingress ratings: IP44 and above is a splash-proof (outdoor, bathroom) socket.
      /\b(prises?|receptacles?|outlets?|sockets?)\b.*\bip ?[4-6][4-7]\b/,
      /\bip ?[4-6][4-7]\b.*\b(prises?|receptacles?|outlets?|sockets?)\b/,
      /\bin-use cover\b/,
      // "à l'épreuve des intempéries" cut short (a wrapped or half-read description); a
      // tamper-resistant receptacle is "inviolable" in Québec, not "à l'épreuve".
      /\b(prises?|receptacles?)\b.*\bl'epreuve\b(?! des enfants)/,
      // South Africa: a socket outlet is a "plug" ("Weatherproof plug, outdoor").
      /(\betanches?\b|\bweather ?proof\b|\bwp\b|\(et\)).*\b(prises?|receptacles?|outlets?|sockets?|plugs?|duplex)\b/,
      /^(wp|et|\(et\)|etanche)$/,
    ],
  },
  {
    type: 'receptacle',
    patterns: [
      /\bprises?\b/,
      // Québec site wording: a "plogue" is a receptacle.
      /\bplogues?\b/,
      /\bsockets?\b/,
      // France: "prise 2P+T" (two poles and earth).
      /\b2 ?p ?\+ ?t\b/,
      /\breceptacles?\b/,
      /\bduplex\b/,
      /\boutlets?\b/,
      /\bplug\b/,
      /\bconvenience\b/,
    ],
  },
  {
    // France: a "permutateur" is the intermediate (4-way) switch of a va-et-vient.
    type: 'switch_4way',
    patterns: [
      /\b(quatre|4)[- ]?voies\b/,
      /\b(4|four)[- ]?way\b/,
      /\bpermutateurs?\b/,
      // IEC (UK, South Africa): the intermediate switch between two 2-way switches.
      /\bintermediate\b.*\bswitch/,
      /^\$ ?4$/,
      /^s ?4$/,
    ],
  },
  {
    // "2-way" is the IEC name (UK, South Africa) of the North-American 3-way switch; the
    // France-French one is "va-et-vient".
    type: 'switch_3way',
    patterns: [
      /\b(trois|3)[- ]?voies\b/,
      /\bva-et-vient\b/,
      /\b(3|three)[- ]?way\b/,
      // "1 lever 2 way light switch": the lever count and the load sit in between.
      /\b(2|two)[- ]?way\b.*\bswitch/,
      /^\$ ?3$/,
      /^s ?3$/,
    ],
  },
  {
    type: 'switch_dimmer',
    patterns: [/\bgradateurs?\b/, /\bdimmers?\b/, /\bvariateurs?\b/, /^s ?d$/, /^\$ ?d$/],
  },
  {
    type: 'switch',
    patterns: [
      /\binterrupteurs?\b/,
      /\bswitch(es)?\b/,
      /\bcommutateur\b/,
      // France: "simple allumage" (one-way) and the push button of a télérupteur.
      /\bsimple allumage\b/,
      /\bboutons? poussoirs?\b/,
      /^\$$/,
      /^s$/,
    ],
  },
  {
    type: 'smoke_detector',
    // France: DAAF (détecteur autonome avertisseur de fumée).
    patterns: [/\bfumee\b/, /\bsmoke\b/, /\bavertisseur d'incendie\b/, /\bdaaf\b/],
  },
  {
    type: 'co_detector',
    patterns: [/\bmonoxyde\b/, /\bco\b/, /carbon monoxide/],
  },
  {
    // Exit signs and emergency lighting units are their own items, not luminaires; they come
    // after receptacles ("emergency receptacle" is a receptacle on an emergency branch). Exit
    // signs before emergency lighting: "exit sign with emergency heads" is an exit sign.
    // BAES (France: bloc autonome d'éclairage de sécurité) is read as the evacuation sign.
    type: 'exit_sign',
    patterns: [/\benseignes? (de )?sortie\b/, /\bexit\b/, /^sortie$/, /\bsortie de secours\b/, /\bbaes\b/],
  },
  {
    type: 'luminaire_emergency',
    patterns: [
      /\burgence\b/,
      /\bemergency\b/,
      /\bsecours\b/,
      /\bbloc autonome\b/,
      /\bbattery (pack|unit)\b/,
      /^em$/,
      /\bem (fixture|light|luminaire)/,
    ],
  },
  {
    // Named distribution boards before lighting words ("lighting panelboard" is a panel).
    type: 'panel',
    patterns: [
      /\bpanelboards?\b/,
      /\btableaux? (de repartition|de distribution|electriques?|divisionnaires?|general)\b/,
      /\btgbt\b/,
      /\bdistribution boards?\b/,
      /\bload cent(re|er)s?\b/,
      // UK / South Africa: "DB" (distribution board), "sub-DB", the house "consumer unit".
      /\bconsumer units?\b/,
      /^(sub-?)?db( [a-z0-9.-]+)?$/,
      /\b(sub-?)?db board\b/,
    ],
  },
  {
    // Troffers (2x4, 2x2 lay-in panels, 600x600 LED panels) are luminaires even when recessed;
    // "encastré" alone means a pot light.
    type: 'luminaire',
    patterns: [
      /\btroffers?\b/,
      /\b[12] ?x ?[24]\b/,
      /\blay-in\b/,
      /\b600 ?x ?600\b/,
      /\bled panels?\b/,
      // "Panneau DEL" (Québec), "dalle LED" (France): a panel luminaire, not a distribution panel.
      /\bpanneaux? (a )?(del|led)\b/,
      /\bdalles? (lumineuses?|del|led)\b/,
    ],
  },
  {
    type: 'luminaire_recessed',
    patterns: [
      /\bencastre(e|s|es)?\b/,
      /\bpot ?lights?\b/,
      /\brecessed\b/,
      /\bdownlight(er)?s?\b/,
      /\bpotlights?\b/,
      /\bcan lights?\b/,
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
      // France: "point lumineux" (DCL: dispositif de connexion pour luminaire).
      /\bpoints? lumineux\b/,
      /\bdcl\b/,
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
      // South-African / UK product wording: "LED tube", "chandelier / high bay".
      /\bled tubes?\b/,
      /\bchandeliers?\b/,
      /\b(high|low) ?bays?\b/,
      // UK / South Africa / France: bulkhead ("hublot"), batten, flood light ("projecteur").
      /\bbulkheads?\b/,
      /\bhublots?\b/,
      /\bbattens?\b/,
      /\bflood ?lights?\b/,
      /\bprojecteurs?\b/,
      /\bwall ?packs?\b/,
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
      // France: "sèche-serviettes" (towel-rail heater).
      /\bseche-serviettes?\b/,
      /\btowel (rail|warmer)s?\b/,
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

/**
 * Abbreviations of legend descriptions on North-American drawings ("DUPLEX RECEPT.", "SW. 1P",
 * "LTG FIXT.", "BB HTR", "PNLBD"), written out so that the rules above read them. Ambiguous
 * ones stay as they are: "REC." is recessed or receptacle, "SD" a dimmer or a smoke detector.
 */
const ABBREVIATIONS: readonly (readonly [RegExp, string])[] = [
  [/\b(recepts?|rcpts?|recep)\b/g, 'receptacle'],
  [/\bsw\b/g, 'switch'],
  [/\bltg\b/g, 'lighting'],
  [/\b(fixt|fxtr?)\b/g, 'fixture'],
  // OCR of stroke text reads D as O or 0 and B as 8 or E ("ONLT", "PNLED"), as in "OOFT" above.
  [/\b([do0]nlts?|dn ?lt|dwnlt)\b/g, 'downlight'],
  [/\bsmk\b/g, 'smoke'],
  [/\bdet\b/g, 'detector'],
  [/\bexh\b/g, 'exhaust'],
  [/\bhtrs?\b/g, 'heater'],
  [/\b(bb|bsbd)\b/g, 'baseboard'],
  [/\bt-?stats?\b/g, 'thermostat'],
  [/\b(pnl ?[b8e][do0]|pnlbrd|pnl)\b/g, 'panelboard'],
  [/\b(em|emerg)\b/g, 'emergency'],
  [/\bocc\b/g, 'occupancy'],
  [/\bspkr\b/g, 'speaker'],
  [/\bdim\b/g, 'dimmer'],
];

function expandAbbreviations(text: string): string {
  return ABBREVIATIONS.reduce((t, [re, word]) => t.replace(re, word), text);
}

/**
 * Long words of the rules above, the ones OCR misreads by a letter on sheets whose text is strokes
 * ("WEATHERPRODF", "OUPLEX", "RECEPTACIE"). Only words of 6 letters or more, which no other word
 * of a legend is one letter away from.
 */
const KEYWORDS: readonly string[] = [
  'receptacle',
  'receptacles',
  'weatherproof',
  'duplex',
  'outlet',
  'switch',
  'dimmer',
  'luminaire',
  'luminaires',
  'fixture',
  'recessed',
  'downlight',
  'emergency',
  'detector',
  'exhaust',
  'baseboard',
  'heater',
  'thermostat',
  'panelboard',
  'junction',
  'jonction',
  'interrupteur',
  'gradateur',
  'variateur',
  'convecteur',
  'allumage',
  'derivation',
  'repartition',
  'applique',
  'plafond',
  'plafonnier',
  'encastre',
  'urgence',
  'avertisseur',
  'detecteur',
  'ventilateur',
  'extraction',
  'plinthe',
  'chauffante',
  'panneau',
  'etanche',
  'intemperies',
  'donnees',
  'telephone',
  'monoxyde',
  'recharge',
];

/** Damerau–Levenshtein distance up to `max` (`max + 1` when farther). */
function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    const row: number[] = [i];
    for (let j = 1; j <= b.length; j++) {
      if (i === 0) {
        row.push(j);
        continue;
      }
      const prev = rows[i - 1] as number[];
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        d = Math.min(d, (rows[i - 2]?.[j - 2] ?? 0) + 1);
      row.push(d);
    }
    rows.push(row);
  }
  return rows[a.length]?.[b.length] ?? max + 1;
}

/**
 * Words one letter off a vocabulary word (two for words of 10 letters or more) read as that word:
 * OCR drops, swaps or misreads a letter of a stroke-drawn description.
 */
function correctMisreadWords(text: string): string {
  return text.replace(/[a-z]{6,}/g, (word) => {
    if (KEYWORDS.includes(word)) return word;
    const max = word.length >= 10 ? 2 : 1;
    let best: string | null = null;
    let bestD = max + 1;
    for (const k of KEYWORDS) {
      const d = editDistance(word, k, max);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best ?? word;
  });
}

/**
 * Features of a plain device that its legend drawing shows with strokes of its own (USB ports,
 * a tamper-resistant shutter, an isolated-ground triangle, a floor box): a row naming one explains
 * its extra strokes, which are then no lost mark of a marked variant.
 */
const PLAIN_FEATURES: readonly RegExp[] = [
  /\busb\b/,
  /\btamper[- ]?(resistant|proof)\b/,
  /\binviolables?\b/,
  /\bisolated[- ]ground\b/,
  /\bmise a la terre isolee\b/,
  /\bfloor (box|outlet|receptacle|socket)s?\b/,
  /\b(quad(ruple|plex)?|fourplex)\b/,
];

/** True when the wording names a feature of the plain device (see `PLAIN_FEATURES`). */
export function labelNamesPlainFeature(label: string): boolean {
  const text = normalizeText(label);
  return PLAIN_FEATURES.some((p) => p.test(text));
}

/**
 * True when some rule reads the wording, `other` ones included ("Prise TV", "Haut-parleur"):
 * the legend names a device we know of, even one without a type of its own.
 */
export function labelNamesADevice(label: string): boolean {
  const text = correctMisreadWords(expandAbbreviations(normalizeText(label)));
  return RULES.some((rule) => rule.patterns.some((p) => p.test(text)));
}

function typeByRules(text: string): DeviceType {
  for (const rule of RULES) {
    if (rule.patterns.some((p) => p.test(text))) return rule.type;
  }
  return 'other';
}

/**
 * Maps a legend description to a device type; `other` when nothing in the vocabulary fits. The
 * wording as printed decides; read with misread words corrected, it decides only where it says
 * more (a type where there was none, or a marked variant of the printed one).
 */
export function deviceTypeFromLabel(label: string): DeviceType {
  // OCR reads a hyphenated word as two ("THREE -WAY", "va- et-vient"): the hyphen joins them again.
  const text = expandAbbreviations(normalizeText(label).replace(/(\p{L}) ?- ?(?=\p{L})/gu, '$1-'));
  const printed = typeByRules(text);
  const corrected = correctMisreadWords(text);
  if (corrected === text) return printed;
  const read = typeByRules(corrected);
  return printed === 'other' || isMarkedVariantOf(read, printed) ? read : printed;
}

/**
 * Short codes drawn inside or beside a legend symbol that name a device on their own
 * (`normalizeSymbolText` form: upper case, no accents — "ÉT" reads "ET"). Ambiguous codes stay
 * out: "SD" is a dimmer on some sheets and a smoke detector on others.
 */
const CODE_TYPES: readonly (readonly [RegExp, DeviceType])[] = [
  [/^(GFCI|GFI|DDFT|DDF|WPGFCI|GFCIWP)$/, 'receptacle_gfci'],
  [/^(WP|ET|WR)$/, 'receptacle_weatherproof'],
  [/^[S$]3$/, 'switch_3way'],
  [/^[S$]4$/, 'switch_4way'],
  [/^[S$]D$/, 'switch_dimmer'],
  [/^[S$]$/, 'switch'],
  [/^EM$/, 'luminaire_emergency'],
  [/^(EXIT|SORTIE)$/, 'exit_sign'],
  [/^JB?$/, 'junction_box'],
  [/^(T|TH)$/, 'thermostat'],
  [/^CO$/, 'co_detector'],
  [/^(EV|VE|EVSE)$/, 'ev_charger'],
];

/**
 * Marked variants of a base device: the base symbol plus letters or a mark. Listed most specific
 * first: a GFCI receptacle in a weatherproof box is a GFCI receptacle.
 */
const MARKED_VARIANTS: Partial<Record<DeviceType, readonly DeviceType[]>> = {
  receptacle: ['receptacle_gfci', 'receptacle_weatherproof'],
  switch: ['switch_3way', 'switch_4way', 'switch_dimmer'],
  luminaire: ['luminaire_emergency'],
  luminaire_recessed: ['luminaire_emergency'],
};

/** The device a symbol's own code names ("S3", "GFCI", "WP"), or null. */
export function deviceTypeFromCode(code: string): DeviceType | null {
  const c = normalizeSymbolText(code);
  return CODE_TYPES.find(([re]) => re.test(c))?.[1] ?? null;
}

/** The marked variants of a base device, most specific first (none for other types). */
export function markedVariantsOf(base: DeviceType): readonly DeviceType[] {
  return MARKED_VARIANTS[base] ?? [];
}

/** True when `variant` is `base` plus a mark (GFCI receptacle of a receptacle, S3 of S). */
export function isMarkedVariantOf(variant: DeviceType, base: DeviceType): boolean {
  return MARKED_VARIANTS[base]?.includes(variant) ?? false;
}

/**
 * The device type of a legend row from its description and the codes drawn in its symbol. The
 * description decides; the codes step in when it names nothing we know ("Type X" with an "S3"
 * symbol), and make a base device specific when the symbol carries a mark the description leaves
 * out ("Prise" drawn with "WP" is a weatherproof receptacle). The most specific mark wins.
 */
export function deviceTypeOfLegendRow(label: string, codes: readonly string[]): DeviceType {
  const byLabel = deviceTypeFromLabel(label);
  // The codes read together first: "S" and "3" drawn apart still say S3.
  const candidates = [codes.join(''), ...codes]
    .map(deviceTypeFromCode)
    .filter((t): t is DeviceType => t !== null);
  if (byLabel === 'other') return candidates[0] ?? 'other';
  const variants = MARKED_VARIANTS[byLabel] ?? [];
  return variants.find((v) => candidates.includes(v)) ?? byLabel;
}

/**
 * Headings that open a legend block (normalised text): a core word ("légende", "symboles",
 * "nomenclature des symboles", "symbol legend", "list of symbols", "key to symbols"…), optionally
 * qualified before or after ("electrical symbols", "symboles électriques", "légende électrique",
 * "LEGEND - ELECTRICAL").
 */
const LEGEND_QUALIFIER = '(?:electriques?|electricite|electrical|des symboles|de symboles)';
const LEGEND_CORE =
  '(?:legende|legend|symboles|symbols|liste des symboles|list of symbols|symbol list|symbol legend|legend of symbols|legende des symboles|tableau des symboles|nomenclature des symboles|key to (?:the |electrical )?symbols|symbols? key)';
/** "… and abbreviations" / "… et abréviations" / "… & notes": a symbols sheet's usual title. */
const LEGEND_COMPANION = '(?:(?:and|et|&)\\s+(?:abbreviations|abreviations|abbrev|notes|legend|legende))';
const LEGEND_HEADING = new RegExp(
  `^(?:${LEGEND_QUALIFIER}\\s+)?${LEGEND_CORE}(?:\\s+${LEGEND_QUALIFIER})*(?:\\s+${LEGEND_COMPANION})?\\s*:?$`,
);

/** Column headings of a legend table ("SYMBOL | DESCRIPTION | MTG HT | REMARKS"). */
const LEGEND_TABLE_HEADER =
  /^(symbols?|symboles?|sym\.?|descriptions?|desc\.?|designations?|mtg\.? ?h(gt|t)\.?|mounting( height)?|hauteur( de montage)?|montage|ht\.?|remarks?|remarques?|notes?|commentaires?|comments?|qty\.?|qte\.?|quantite|quantity|item|no\.?)$/;

/** True for a legend table's column heading, which is neither a symbol nor a description. */
export function isLegendTableHeader(text: string): boolean {
  return LEGEND_TABLE_HEADER.test(
    normalizeText(text)
      .replace(/[.:]+$/, '')
      .trim(),
  );
}

export function isLegendHeading(text: string): boolean {
  const t = normalizeText(text)
    .replace(/[.:\-–]+$/, '')
    .trim()
    // A dash between the core word and its qualifier ("LEGEND - ELECTRICAL", "SYMBOLES – ÉLEC.").
    .replace(/\s*[-–—]\s+|\s+[-–—]\s*/g, ' ');
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
  // Office support rooms.
  'salle de pause',
  'salle de photocopie',
  'salle de photocopies',
  'salle des serveurs',
  'salle de telecommunications',
  'local electrique',
  'local technique',
  'copy room',
  'print room',
  'mail room',
  'file room',
  'server room',
  'telecom room',
  'data room',
  'elec. room',
  'elec room',
  'salle de copie',
  'salle de copies',
  // Labs and classrooms ("LAB 1204").
  'lab',
  'laboratoire',
  'laboratory',
  'classroom',
  'classe',
  // British and South-African wording ("LOUNGE", "EN-SUITE", "SCULLERY", "STOEP", "BED 2").
  'lounge',
  'landing',
  'en-suite',
  'en suite',
  'scullery',
  'stoep',
  'patio',
  'verandah',
  'veranda',
  'bed',
  'store',
  'utility',
  'cloakroom',
  'plant room',
  'comms room',
  'open plan office',
  'boardroom',
  'board room',
  'tea kitchen',
  'kitchen/dining',
  'toilet',
  'toilets',
  'archive',
  'archives',
  'it/telecom',
  'telecom',
  'salle serveur',
  'salle des serveurs',
  'labo',
  'switchroom',
  'switch room',
  'ablutions',
];

/**
 * "<WORD> RM" / "<WORD> ROOM" with an optional room number ("MEETING RM 1201", "COMMS RM",
 * "ELEC RM 2203", "PLANT ROOM"): drafters abbreviate ROOM to RM after any use, so the word
 * before it need not be in the list above. One or two words before it at most, so a note
 * ("PROVIDE RECEPTACLE IN EACH ROOM") stays a note.
 */
const NAMED_ROOM = /^[a-z][a-z/&'-]*( [a-z][a-z/&'-]*)? (rm|room)( \d{1,4}[a-z]?)?$/;

/**
 * Words that make a line a note or a title, not a room name ("KITCHEN COUNTER RECEPTACLES"); a
 * building "core" ("TOILET CORE", "STAIR CORE") names a zone of several rooms, not one.
 */
const NOT_A_ROOM =
  /\belectricite\b|\belectrical\b(?!\s+room)|(?<!salle )\belectrique\b|\b(receptacles?|prises?|circuits?|(?<!open )plan|plans|electrical plan|plan electrique|niveau|level|detail|coupe|section|elevation|notes?|legende|legend|echelle|scale|panneau|panel|luminaires?|lighting|eclairage|switch(?! room)|interrupteurs?|counter|comptoir|core)\b/;

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
  return ROOM_PATTERN.test(t) || NAMED_ROOM.test(t);
}

/**
 * IEC switchgear names a device by its poles: SP/DP/TP/FP (single, double, triple, four pole),
 * "+N" or "N" for a switched neutral ("SPN", "TP+N", "TPN"), or "1P" … "4P". The neutral is not
 * a line pole, and a four-pole device is a three-phase one (three lines and the neutral), so the
 * count is capped at 3 to match the line poles a schedule reports.
 */
export function polesOfDevice(text: string): number | null {
  const t = normalizeText(text);
  const word = /\b(sp|dp|tp|fp)(?:\s*\+?\s*n)?\b/.exec(t);
  if (word?.[1]) return { sp: 1, dp: 2, tp: 3, fp: 3 }[word[1]] ?? null;
  const digit = /\b([1-4])\s*p(?:ole)?(?:\s*\+\s*n)?\b/.exec(t);
  return digit?.[1] ? Math.min(3, Number(digit[1])) : null;
}
