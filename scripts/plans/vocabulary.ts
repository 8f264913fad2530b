import type { DeviceType } from '../../packages/shared/src/contracts/plan-analysis.ts';
import type { Language } from './symbols.ts';

/**
 * Legend wordings, room names and sheet texts in Québec French and English, drawn from
 * /work/shared/GLOSSARY.md and the way firms actually word legends (abbreviations, amperage
 * notes, mounting heights, upper case). Legend rows pick one wording per plan.
 */
export const LEGEND_WORDING: Readonly<
  Record<Exclude<DeviceType, 'other'>, Readonly<Record<Language, readonly string[]>>>
> = {
  receptacle: {
    fr: [
      'Prise duplex 15 A',
      'Prise de courant double 15 A-125 V',
      'Réceptacle duplex inviolable (TR)',
      'Prise de courant duplex, h=300 mm',
      'Prise duplex 15A-5R',
    ],
    en: [
      'Duplex receptacle',
      'Duplex receptacle 15A 125V',
      'Receptacle, duplex, tamper-resistant',
      'Convenience outlet, duplex',
    ],
  },
  receptacle_gfci: {
    fr: [
      'Prise DDFT',
      'Prise avec DDFT 15 A',
      'Prise duplex DDFT (disjoncteur différentiel)',
      'Prise DDF 20 A',
    ],
    en: ['GFCI receptacle', 'Duplex receptacle, GFCI', 'GFI receptacle 20A', 'Ground-fault receptacle'],
  },
  receptacle_240v: {
    fr: [
      'Prise 240 V cuisinière',
      'Prise 240 V',
      'Prise de sécheuse 30 A-240 V',
      'Prise 50 A 240 V (cuisinière)',
    ],
    en: ['240V receptacle', 'Range receptacle 50A 240V', 'Dryer receptacle 30A', '240 V outlet'],
  },
  switch: {
    fr: [
      'Interrupteur unipolaire',
      'Interrupteur',
      'Interrupteur simple 15 A',
      'Interrupteur unipolaire, h=1100 mm',
    ],
    en: ['Single pole switch', 'Switch', 'Switch, single-pole 15A', 'Toggle switch'],
  },
  switch_3way: {
    fr: [
      'Interrupteur trois voies',
      'Interrupteur à trois voies',
      'Interrupteur va-et-vient',
      'Interr. 3 voies',
    ],
    en: ['3-way switch', 'Three-way switch', 'Switch, 3-way', '3 way switch'],
  },
  luminaire: {
    fr: ['Luminaire au plafond', 'Plafonnier', 'Luminaire', 'Luminaire en saillie au plafond'],
    en: ['Ceiling light fixture', 'Light fixture', 'Ceiling mounted luminaire', 'Surface mounted fixture'],
  },
  luminaire_recessed: {
    fr: ['Luminaire encastré DEL', 'Encastré DEL 4 po', 'Luminaire encastré', 'Pot light DEL encastré'],
    en: ['Recessed downlight', 'Recessed LED pot light', 'Pot light 4"', 'Recessed luminaire'],
  },
  smoke_detector: {
    fr: [
      'Avertisseur de fumée',
      'Détecteur de fumée',
      'Avertisseur de fumée 120 V interconnecté',
      'Avertisseur de fumée photoélectrique',
    ],
    en: ['Smoke alarm', 'Smoke detector', 'Smoke alarm, 120V interconnected', 'Photoelectric smoke detector'],
  },
  co_detector: {
    fr: ['Avertisseur de monoxyde de carbone', 'Détecteur de CO', 'Avertisseur de CO'],
    en: ['Carbon monoxide alarm', 'CO detector', 'CO alarm'],
  },
  exhaust_fan: {
    fr: ["Ventilateur d'extraction", 'Ventilateur de salle de bain', "Ventilateur d'extraction 80 pi³/min"],
    en: ['Exhaust fan', 'Bathroom exhaust fan', 'Exhaust fan 80 CFM'],
  },
  baseboard_heater: {
    fr: ['Plinthe chauffante électrique', 'Plinthe chauffante', 'Plinthe électrique 240 V', 'Convecteur'],
    en: ['Electric baseboard heater', 'Baseboard heater', 'Baseboard heater 240V', 'Convector'],
  },
  thermostat: {
    fr: ['Thermostat électronique', 'Thermostat', 'Thermostat programmable'],
    en: ['Thermostat', 'Electronic thermostat', 'Programmable thermostat'],
  },
  panel: {
    fr: ['Panneau de distribution', 'Panneau électrique', 'Panneau de distribution (disjoncteurs)'],
    en: ['Panelboard', 'Electrical panel', 'Load centre'],
  },
  ev_charger: {
    fr: ['Borne de recharge VE', 'Borne de recharge pour véhicule électrique', 'BRVE 40 A'],
    en: ['EV charger', 'EV charging station', 'EVSE 40A'],
  },
  data_outlet: {
    fr: ['Prise de données', 'Prise réseau (RJ45)', 'Prise téléphone/données'],
    en: ['Data outlet', 'Network outlet (RJ45)', 'Data / telephone outlet'],
  },
  // One wording each: these rows were `other` rows before the vocabulary grew, and one wording
  // keeps the corpus (and its random draws) as it was.
  junction_box: { fr: ['Boîte de jonction'], en: ['Junction box'] },
  exit_sign: { fr: ['Enseigne de sortie'], en: ['Exit sign'] },
  luminaire_emergency: { fr: ["Éclairage d'urgence"], en: ['Emergency lighting unit'] },
  // Not drawn by this generator yet (no symbol style): wordings for when a style is added.
  receptacle_weatherproof: { fr: ['Prise étanche (ÉT)'], en: ['Weatherproof receptacle (WP)'] },
  switch_4way: { fr: ['Interrupteur quatre voies'], en: ['4-way switch'] },
  switch_dimmer: { fr: ['Gradateur'], en: ['Dimmer switch'] },
};

/** Wording of `other` rows, by style id. */
export const OTHER_WORDING: Readonly<Record<string, Readonly<Record<Language, readonly string[]>>>> = {
  'chime-circle': { fr: ['Carillon de porte'], en: ['Door chime'] },
};

export const SCONCE_WORDING: Readonly<Record<Language, readonly string[]>> = {
  fr: ['Applique murale', 'Luminaire mural (applique)'],
  en: ['Wall sconce', 'Wall mounted light'],
};

export const LEGEND_TITLES: Readonly<Record<Language, readonly string[]>> = {
  fr: ['LÉGENDE', 'SYMBOLES', 'Légende électrique', 'LÉGENDE DES SYMBOLES'],
  en: ['LEGEND', 'SYMBOL LIST', 'ELECTRICAL LEGEND', 'Symbols'],
};

export type RoomKind =
  | 'kitchen'
  | 'living'
  | 'dining'
  | 'bedroom'
  | 'bathroom'
  | 'powder'
  | 'entry'
  | 'corridor'
  | 'laundry'
  | 'mechanical'
  | 'office'
  | 'garage'
  | 'storage'
  | 'family'
  | 'conference'
  | 'reception'
  | 'kitchenette'
  | 'warehouse';

export const ROOM_NAMES: Readonly<Record<RoomKind, Readonly<Record<Language, readonly string[]>>>> = {
  kitchen: { fr: ['CUISINE'], en: ['KITCHEN'] },
  living: { fr: ['SALON', 'SALLE DE SÉJOUR'], en: ['LIVING ROOM', 'LIVING'] },
  dining: { fr: ['SALLE À MANGER', 'S. À MANGER'], en: ['DINING ROOM', 'DINING'] },
  bedroom: { fr: ['CHAMBRE', 'CH.'], en: ['BEDROOM', 'BDRM'] },
  bathroom: { fr: ['SALLE DE BAIN', 'S.D.B.'], en: ['BATHROOM', 'BATH'] },
  powder: { fr: ["SALLE D'EAU"], en: ['POWDER ROOM', 'W.C.'] },
  entry: { fr: ['ENTRÉE', 'VESTIBULE', 'HALL'], en: ['ENTRY', 'FOYER', 'VESTIBULE'] },
  corridor: { fr: ['CORRIDOR', 'COULOIR', 'PASSAGE'], en: ['HALLWAY', 'CORRIDOR', 'HALL'] },
  laundry: { fr: ['SALLE DE LAVAGE', 'BUANDERIE'], en: ['LAUNDRY'] },
  mechanical: { fr: ['SALLE MÉCANIQUE', 'SALLE ÉLECTRIQUE'], en: ['MECHANICAL ROOM', 'ELECTRICAL ROOM'] },
  office: { fr: ['BUREAU'], en: ['OFFICE'] },
  garage: { fr: ['GARAGE'], en: ['GARAGE'] },
  storage: { fr: ['RANGEMENT', 'WALK-IN'], en: ['STORAGE', 'CLOSET'] },
  family: { fr: ['SALLE FAMILIALE', 'SALLE DE JEU'], en: ['FAMILY ROOM', 'REC ROOM'] },
  conference: { fr: ['SALLE DE CONFÉRENCE', 'SALLE DE RÉUNION'], en: ['CONFERENCE ROOM', 'MEETING ROOM'] },
  reception: { fr: ['RÉCEPTION', 'ACCUEIL'], en: ['RECEPTION', 'LOBBY'] },
  kitchenette: { fr: ['CUISINETTE'], en: ['KITCHENETTE', 'LUNCH ROOM'] },
  warehouse: { fr: ['ENTREPÔT', 'ATELIER'], en: ['WAREHOUSE', 'SHOP'] },
};

export const FLOOR_TITLES: Readonly<
  Record<'ground' | 'upper' | 'basement' | 'commercial', Readonly<Record<Language, readonly string[]>>>
> = {
  ground: {
    fr: ['PLAN DU REZ-DE-CHAUSSÉE — ÉLECTRICITÉ', 'REZ-DE-CHAUSSÉE', 'PLAN ÉLECTRIQUE - RDC'],
    en: ['GROUND FLOOR ELECTRICAL PLAN', 'MAIN FLOOR - ELECTRICAL', 'FIRST FLOOR PLAN - POWER & LIGHTING'],
  },
  upper: {
    fr: ["PLAN DE L'ÉTAGE — ÉLECTRICITÉ", 'ÉTAGE', 'PLAN ÉLECTRIQUE - 2E ÉTAGE'],
    en: ['SECOND FLOOR ELECTRICAL PLAN', 'UPPER FLOOR - ELECTRICAL'],
  },
  basement: {
    fr: ['PLAN DU SOUS-SOL — ÉLECTRICITÉ', 'SOUS-SOL', 'PLAN ÉLECTRIQUE - SOUS-SOL'],
    en: ['BASEMENT ELECTRICAL PLAN', 'BASEMENT - ELECTRICAL'],
  },
  commercial: {
    fr: ['PLAN ÉLECTRIQUE — AMÉNAGEMENT DES BUREAUX', 'ÉLECTRICITÉ - PUISSANCE ET ÉCLAIRAGE'],
    en: ['ELECTRICAL PLAN - OFFICE FIT-UP', 'POWER & LIGHTING PLAN'],
  },
};

export const GENERAL_NOTES: Readonly<Record<Language, readonly string[]>> = {
  fr: [
    'Tous les travaux doivent être conformes au Code de construction du Québec, chapitre V - Électricité.',
    "L'entrepreneur doit vérifier toutes les dimensions au chantier avant d'exécuter les travaux.",
    'Hauteur des prises : 300 mm du plancher fini, sauf indication contraire.',
    'Hauteur des interrupteurs : 1100 mm du plancher fini.',
    'Les avertisseurs de fumée doivent être interconnectés et alimentés en 120 V.',
    'Câblage en NMD90 14/2 minimum, sauf indication contraire.',
    'Prévoir des prises inviolables (TR) dans toutes les pièces habitables.',
    'Ne pas mesurer les dessins : utiliser les cotes indiquées.',
    'Coordonner l’emplacement des luminaires avec le plan de plafond.',
  ],
  en: [
    'All work shall comply with the Canadian Electrical Code and Quebec amendments (CSA C22.10).',
    'Contractor shall verify all dimensions on site prior to starting work.',
    'Receptacles mounted at 300 mm above finished floor unless noted otherwise.',
    'Switches mounted at 1100 mm above finished floor.',
    'Smoke alarms shall be interconnected and hard-wired 120 V.',
    'Minimum wiring NMD90 14/2 unless otherwise noted.',
    'Tamper-resistant receptacles required in all dwelling areas.',
    'Do not scale drawings; use written dimensions.',
    'Coordinate fixture locations with reflected ceiling plan.',
  ],
};

export const FIRMS = [
  'Électro-Conseil Laval inc.',
  'Groupe Voltam ingénierie',
  'Plans Électriques Boréal',
  'LMB Électrique & Associés',
  'Conception Hélios S.E.N.C.',
  'Bureau technique Saint-Laurent',
];

export const STREETS = [
  '123, rue des Érables, Sherbrooke (Québec)',
  '45, chemin du Lac, Magog (Québec)',
  '1870, boul. Saint-Joseph, Gatineau (Québec)',
  '302, rue Principale, Saint-Jérôme (Québec)',
  '9, avenue des Pins, Québec (Québec)',
  '2215, rang Sainte-Marie, Drummondville (Québec)',
  '780, rue King Ouest, Sherbrooke (Québec)',
];

export const OWNERS = [
  'Tremblay',
  'Gagnon',
  'Roy',
  'Côté',
  'Bouchard',
  'Gauthier',
  'Morin',
  'Lavoie',
  'Fortin',
  'Gagné',
];
