/**
 * Wording sets for legends, titles and room names: the way different firms and countries write
 * the same sheet. Written from the general brief (../shared/REAL-PLANS.md, GLOSSARY.md) only.
 */
export type WordingSet = 'qc' | 'qc-upper' | 'fr' | 'us' | 'abbr';

/** Device types drawn by this generator (the vocabulary of the analysis, as plain strings). */
export const DRAWN_TYPES = [
  'receptacle',
  'receptacle_gfci',
  'receptacle_240v',
  'receptacle_weatherproof',
  'switch',
  'switch_3way',
  'switch_4way',
  'switch_dimmer',
  'luminaire',
  'luminaire_recessed',
  'luminaire_emergency',
  'exit_sign',
  'junction_box',
  'smoke_detector',
  'co_detector',
  'exhaust_fan',
  'baseboard_heater',
  'thermostat',
  'panel',
  'ev_charger',
  'data_outlet',
] as const;
export type DrawnType = (typeof DRAWN_TYPES)[number];

/** Legend-only or rarely drawn devices that are none of the vocabulary types (`other`). */
export const OTHER_KINDS = ['doorbell', 'tv_outlet', 'speaker', 'motion_sensor'] as const;
export type OtherKind = (typeof OTHER_KINDS)[number];
export type SymbolKind = DrawnType | OtherKind;

export function languageOf(w: WordingSet): 'fr' | 'en' {
  return w === 'us' || w === 'abbr' ? 'en' : 'fr';
}

const QC: Record<SymbolKind, string> = {
  receptacle: 'Prise de courant double 15 A',
  receptacle_gfci: 'Prise de courant double avec DDFT',
  receptacle_240v: 'Prise 240 V (cuisinière / sécheuse)',
  receptacle_weatherproof: "Prise de courant double à l'épreuve des intempéries (ÉT)",
  switch: 'Interrupteur unipolaire',
  switch_3way: 'Interrupteur à trois voies',
  switch_4way: 'Interrupteur à quatre voies',
  switch_dimmer: 'Gradateur',
  luminaire: 'Luminaire au plafond',
  luminaire_recessed: 'Luminaire encastré DEL',
  luminaire_emergency: "Unité d'éclairage d'urgence",
  exit_sign: 'Enseigne de sortie',
  junction_box: 'Boîte de jonction',
  smoke_detector: 'Avertisseur de fumée',
  co_detector: 'Avertisseur de monoxyde de carbone',
  exhaust_fan: "Ventilateur d'extraction",
  baseboard_heater: 'Plinthe chauffante électrique',
  thermostat: 'Thermostat électronique',
  panel: 'Panneau de distribution',
  ev_charger: 'Borne de recharge pour véhicule électrique',
  data_outlet: 'Prise de données (RJ45)',
  doorbell: 'Bouton de sonnette',
  tv_outlet: 'Prise de télévision (câble)',
  speaker: 'Haut-parleur encastré',
  motion_sensor: 'Détecteur de mouvement',
};

const QC_UPPER: Record<SymbolKind, string> = {
  receptacle: 'PRISE DE COURANT DUPLEX',
  receptacle_gfci: 'PRISE DUPLEX DDFT',
  receptacle_240v: 'PRISE 240 V',
  receptacle_weatherproof: 'PRISE DUPLEX ÉTANCHE',
  switch: 'INTERRUPTEUR',
  switch_3way: 'INTERRUPTEUR 3 VOIES',
  switch_4way: 'INTERRUPTEUR 4 VOIES',
  switch_dimmer: 'INTERRUPTEUR GRADATEUR',
  luminaire: 'PLAFONNIER',
  luminaire_recessed: 'ENCASTRÉ',
  luminaire_emergency: "ÉCLAIRAGE D'URGENCE",
  exit_sign: 'ENSEIGNE SORTIE',
  junction_box: 'BOÎTE DE JONCTION',
  smoke_detector: 'AVERTISSEUR DE FUMÉE',
  co_detector: 'AVERTISSEUR CO',
  exhaust_fan: 'VENTILATEUR',
  baseboard_heater: 'PLINTHE CHAUFFANTE',
  thermostat: 'THERMOSTAT',
  panel: 'PANNEAU',
  ev_charger: 'BORNE VE',
  data_outlet: 'PRISE DE DONNÉES',
  doorbell: 'SONNETTE',
  tv_outlet: 'PRISE TÉLÉ',
  speaker: 'HAUT-PARLEUR',
  motion_sensor: 'DÉTECTEUR DE MOUVEMENT',
};

const FR: Record<SymbolKind, string> = {
  receptacle: 'Prise de courant 2P+T 16 A',
  receptacle_gfci: 'Prise 2P+T protégée par DDR 30 mA',
  receptacle_240v: 'Prise spécialisée 32 A (plaque de cuisson)',
  receptacle_weatherproof: 'Prise 2P+T étanche IP44',
  switch: 'Interrupteur simple allumage',
  switch_3way: 'Interrupteur va-et-vient',
  switch_4way: 'Permutateur',
  switch_dimmer: 'Variateur',
  luminaire: 'Point lumineux DCL en plafond',
  luminaire_recessed: 'Spot encastré',
  luminaire_emergency: 'Éclairage de secours',
  exit_sign: "BAES d'évacuation",
  junction_box: 'Boîte de dérivation',
  smoke_detector: 'Détecteur de fumée DAAF',
  co_detector: 'Détecteur de monoxyde de carbone',
  exhaust_fan: 'Bouche d’extraction VMC',
  baseboard_heater: 'Convecteur électrique',
  thermostat: "Thermostat d'ambiance",
  panel: 'Tableau de répartition',
  ev_charger: 'Borne IRVE',
  data_outlet: 'Prise RJ45 grade 2',
  doorbell: 'Carillon',
  tv_outlet: 'Prise TV',
  speaker: 'Haut-parleur',
  motion_sensor: 'Détecteur de présence',
};

const US: Record<SymbolKind, string> = {
  receptacle: 'Duplex receptacle, 20A 125V',
  receptacle_gfci: 'GFI duplex receptacle',
  receptacle_240v: '240V receptacle, range / dryer',
  receptacle_weatherproof: 'Weatherproof duplex receptacle, in-use cover',
  switch: 'Single pole switch',
  switch_3way: '3-way switch',
  switch_4way: '4-way switch',
  switch_dimmer: 'Dimmer switch',
  luminaire: 'Surface mounted fixture, type per schedule',
  luminaire_recessed: 'Recessed downlight',
  luminaire_emergency: 'Emergency light (EM)',
  exit_sign: 'Exit sign',
  junction_box: 'Junction box',
  smoke_detector: 'Smoke detector',
  co_detector: 'Carbon monoxide detector',
  exhaust_fan: 'Exhaust fan',
  baseboard_heater: 'Electric baseboard heater',
  thermostat: 'Line voltage thermostat',
  panel: 'Panelboard',
  ev_charger: 'EV charger (EVSE)',
  data_outlet: 'Data outlet, 2 ports',
  doorbell: 'Door chime push button',
  tv_outlet: 'CATV outlet',
  speaker: 'Ceiling speaker',
  motion_sensor: 'Occupancy sensor',
};

const ABBR: Record<SymbolKind, string> = {
  receptacle: 'DUPLEX RECEPT.',
  receptacle_gfci: 'GFCI RECEPT.',
  receptacle_240v: 'RECEPT. 240V',
  receptacle_weatherproof: 'WP RECEPT.',
  switch: 'SW. 1P',
  switch_3way: 'SW. 3-WAY',
  switch_4way: 'SW. 4-WAY',
  switch_dimmer: 'DIMMER SW.',
  luminaire: 'LTG FIXT.',
  luminaire_recessed: 'REC. DNLT',
  luminaire_emergency: 'EM LTG UNIT',
  exit_sign: 'EXIT SIGN',
  junction_box: 'J-BOX',
  smoke_detector: 'SMK DET.',
  co_detector: 'CO DET.',
  exhaust_fan: 'EXH. FAN',
  baseboard_heater: 'BB HTR',
  thermostat: 'TSTAT',
  panel: 'PNLBD',
  ev_charger: 'EVSE',
  data_outlet: 'DATA OUTLET',
  doorbell: 'CHIME PB',
  tv_outlet: 'CATV',
  speaker: 'SPKR',
  motion_sensor: 'OCC. SENSOR',
};

const LABELS: Record<WordingSet, Record<SymbolKind, string>> = {
  qc: QC,
  'qc-upper': QC_UPPER,
  fr: FR,
  us: US,
  abbr: ABBR,
};

export function legendLabel(w: WordingSet, kind: SymbolKind): string {
  return LABELS[w][kind];
}

/** Letters that mark a variant of a base symbol, by wording set (null: no mark). */
export function markOf(w: WordingSet, kind: SymbolKind): string | null {
  const fr = w === 'fr';
  switch (kind) {
    case 'receptacle_gfci':
      return w === 'us' ? 'GFI' : w === 'abbr' ? 'GFCI' : fr ? 'DDR' : 'DDFT';
    case 'receptacle_weatherproof':
      return w === 'us' || w === 'abbr' ? 'WP' : fr ? 'IP44' : 'ÉT';
    case 'switch_3way':
      return fr ? 'VV' : '3';
    case 'switch_4way':
      return fr ? 'P' : '4';
    case 'switch_dimmer':
      return fr ? 'V' : 'D';
    case 'luminaire_emergency':
      return 'EM';
    default:
      return null;
  }
}

/** Letters drawn inside a symbol's own outline (part of the base shape, not a variant mark). */
export function innerLetters(w: WordingSet, kind: SymbolKind): string | null {
  const en = languageOf(w) === 'en';
  switch (kind) {
    case 'junction_box':
      return 'J';
    case 'smoke_detector':
      return en ? 'SD' : w === 'fr' ? 'DF' : 'AF';
    case 'co_detector':
      return 'CO';
    case 'thermostat':
      return 'T';
    case 'ev_charger':
      return en ? 'EV' : 'VE';
    case 'exit_sign':
      return en ? 'EXIT' : 'SORTIE';
    case 'tv_outlet':
      return 'TV';
    case 'speaker':
      return en ? 'SP' : 'HP';
    case 'motion_sensor':
      return en ? 'OS' : 'DM';
    default:
      return null;
  }
}

export function legendTitle(w: WordingSet, pick: number): string {
  const titles: Record<WordingSet, string[]> = {
    qc: ['LÉGENDE', 'LÉGENDE ÉLECTRIQUE', 'NOMENCLATURE DES SYMBOLES'],
    'qc-upper': ['LÉGENDE', 'SYMBOLES ÉLECTRIQUES'],
    fr: ['LÉGENDE', 'SYMBOLES'],
    us: ['SYMBOL LEGEND', 'ELECTRICAL SYMBOLS'],
    abbr: ['ELECTRICAL SYMBOLS', 'LEGEND'],
  };
  const list = titles[w];
  return list[pick % list.length] as string;
}

export function legendHeaders(w: WordingSet): [string, string, string] {
  if (languageOf(w) === 'en') return ['SYMBOL', 'DESCRIPTION', 'MOUNTING'];
  return w === 'fr' ? ['SYMBOLE', 'DÉSIGNATION', 'HAUTEUR'] : ['SYMBOLE', 'DESCRIPTION', 'HAUTEUR'];
}

/** Mounting height note for a legend row (informative, never scored). */
export function mountingOf(w: WordingSet, kind: SymbolKind): string {
  const en = languageOf(w) === 'en';
  if (kind.startsWith('receptacle') || kind === 'data_outlet' || kind === 'tv_outlet')
    return en ? '18" AFF' : '+300 mm';
  if (kind.startsWith('switch') || kind === 'thermostat' || kind === 'doorbell')
    return en ? '48" AFF' : '+1200 mm';
  if (kind === 'exit_sign' || kind === 'luminaire_emergency') return en ? '90" AFF' : '+2300 mm';
  if (kind === 'ev_charger') return en ? '42" AFF' : '+1000 mm';
  return en ? 'CLG' : 'PLAFOND';
}

export type BuildingKind = 'house' | 'office';

/** Room names, most likely largest first. `n` numbered copies are made when the list runs out. */
export function roomNames(w: WordingSet, kind: BuildingKind): string[] {
  const en = languageOf(w) === 'en';
  if (kind === 'office') {
    return en
      ? [
          'OPEN OFFICE',
          'CONFERENCE',
          'BREAK ROOM',
          'RECEPTION',
          'OFFICE 104',
          'OFFICE 105',
          'OFFICE 106',
          'STORAGE',
          'ELEC. ROOM',
          'OFFICE 107',
          'COPY ROOM',
          'WC',
        ]
      : [
          'AIRE OUVERTE',
          'SALLE DE CONFÉRENCE',
          'SALLE DE PAUSE',
          'RÉCEPTION',
          'BUREAU 104',
          'BUREAU 105',
          'BUREAU 106',
          'RANGEMENT',
          'SALLE ÉLECTRIQUE',
          'BUREAU 107',
          'SALLE DE COPIE',
          'TOILETTES',
        ];
  }
  if (w === 'fr')
    return [
      'SÉJOUR',
      'CUISINE',
      'CHAMBRE 1',
      'CHAMBRE 2',
      'SALLE À MANGER',
      'CHAMBRE 3',
      "SALLE D'EAU",
      'CELLIER',
      'ENTRÉE',
      'DÉGAGEMENT',
      'WC',
      'BUANDERIE',
    ];
  if (en)
    return [
      'LIVING ROOM',
      'KITCHEN',
      'PRIMARY BEDROOM',
      'BEDROOM 2',
      'DINING',
      'BEDROOM 3',
      'BATH',
      'LAUNDRY',
      'ENTRY',
      'HALL',
      'CLOSET',
      'POWDER',
    ];
  return [
    'SALON',
    'CUISINE',
    'CHAMBRE PRINCIPALE',
    'CHAMBRE 2',
    'SALLE À MANGER',
    'CHAMBRE 3',
    'SALLE DE BAIN',
    'SALLE DE LAVAGE',
    'ENTRÉE',
    'CORRIDOR',
    'RANGEMENT',
    "SALLE D'EAU",
  ];
}
