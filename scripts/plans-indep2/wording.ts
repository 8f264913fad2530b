import type { ShapeId } from './symbols.ts';

/**
 * Wording sets: how a legend names each device, and which drawing convention the firm uses.
 * Types are the PlanAnalysis contract's DeviceType values (packages/shared/src/contracts/).
 * Marked variants share the plain symbol's shape plus a mark; a mark does not always change the
 * type (USB, IG and luminaire type tags stay plain receptacles / luminaires).
 */
export type Role =
  | 'rcpt'
  | 'rcpt-gfci'
  | 'rcpt-wp'
  | 'rcpt-usb'
  | 'rcpt-240'
  | 'sw'
  | 'sw3'
  | 'sw4'
  | 'swd'
  | 'lum'
  | 'lum-panel'
  | 'lum-bulkhead'
  | 'downlight'
  | 'em'
  | 'exit'
  | 'smoke'
  | 'co'
  | 'heat-det'
  | 'fan'
  | 'heater'
  | 'tstat'
  | 'panel'
  | 'ev'
  | 'data'
  | 'jbox'
  | 'isolator';

export const ROLE_TYPE: Record<Role, string> = {
  rcpt: 'receptacle',
  'rcpt-gfci': 'receptacle_gfci',
  'rcpt-wp': 'receptacle_weatherproof',
  'rcpt-usb': 'receptacle',
  'rcpt-240': 'receptacle_240v',
  sw: 'switch',
  sw3: 'switch_3way',
  sw4: 'switch_4way',
  swd: 'switch_dimmer',
  lum: 'luminaire',
  'lum-panel': 'luminaire',
  'lum-bulkhead': 'luminaire',
  downlight: 'luminaire_recessed',
  em: 'luminaire_emergency',
  exit: 'exit_sign',
  smoke: 'smoke_detector',
  co: 'co_detector',
  'heat-det': 'other',
  fan: 'exhaust_fan',
  heater: 'baseboard_heater',
  tstat: 'thermostat',
  panel: 'panel',
  ev: 'ev_charger',
  data: 'data_outlet',
  jbox: 'junction_box',
  isolator: 'other',
};

export type WordingId = 'iec-uk' | 'za' | 'qc-chantier' | 'us-spec';
export const WORDINGS: readonly WordingId[] = ['iec-uk', 'za', 'qc-chantier', 'us-spec'];

interface Wording {
  readonly language: 'fr' | 'en';
  readonly convention: 'iec' | 'na';
  readonly marks: { gfci: string; wp: string; smoke: string; heat: string };
  readonly labels: Record<Role, string>;
  readonly legendTitles: readonly string[];
  readonly houseRooms: readonly string[];
  readonly officeRooms: readonly string[];
  readonly scaleWord: string;
}

const WORDING: Record<WordingId, Wording> = {
  'iec-uk': {
    language: 'en',
    convention: 'iec',
    marks: { gfci: 'RCD', wp: 'IP66', smoke: 'S', heat: 'H' },
    labels: {
      rcpt: 'Twin switched socket outlet 13 A',
      'rcpt-gfci': 'Twin socket outlet, RCD protected 30 mA',
      'rcpt-wp': 'Weatherproof socket outlet IP66',
      'rcpt-usb': 'Twin socket outlet with USB-A/C',
      'rcpt-240': 'Cooker control unit 45 A',
      sw: 'One-way switch, 1 gang',
      sw3: 'Two-way switch',
      sw4: 'Intermediate switch',
      swd: 'Rotary dimmer switch',
      lum: 'Ceiling point / pendant',
      'lum-panel': 'LED panel 600x600, surface',
      'lum-bulkhead': 'Bulkhead luminaire IP65',
      downlight: 'Downlighter, fire rated',
      em: 'Emergency luminaire, non-maintained 3 h',
      exit: 'Emergency exit sign, running man',
      smoke: 'Optical smoke detector',
      co: 'Carbon monoxide alarm',
      'heat-det': 'Heat detector (rate of rise)',
      fan: 'Extract fan',
      heater: 'Convector heater',
      tstat: 'Room thermostat',
      panel: 'Distribution board (DB)',
      ev: 'EV charging point 7 kW',
      data: 'Data outlet RJ45 Cat6',
      jbox: 'Junction box',
      isolator: 'Rotary isolator 20 A',
    },
    legendTitles: ['ELECTRICAL LEGEND', 'KEY TO SYMBOLS', 'LEGEND'],
    houseRooms: [
      'LOUNGE',
      'KITCHEN',
      'BEDROOM 1',
      'BEDROOM 2',
      'BATHROOM',
      'EN-SUITE',
      'HALL',
      'UTILITY',
      'STUDY',
      'GARAGE',
      'LANDING',
    ],
    officeRooms: [
      'OPEN PLAN OFFICE',
      'MEETING RM',
      'LAB',
      'COMMS RM',
      'STORE',
      'KITCHENETTE',
      'WC',
      'RECEPTION',
      'PLANT RM',
      'CORRIDOR',
    ],
    scaleWord: 'SCALE',
  },
  za: {
    language: 'en',
    convention: 'iec',
    marks: { gfci: 'EL', wp: 'WP', smoke: 'SD', heat: 'HD' },
    labels: {
      rcpt: 'Double plug socket outlet 16 A, 300 mm AFFL',
      'rcpt-gfci': 'Plug socket outlet on earth leakage',
      'rcpt-wp': 'Weatherproof plug, outdoor',
      'rcpt-usb': 'Plug socket outlet c/w USB charger',
      'rcpt-240': 'Stove connection unit 3-phase',
      sw: '1 lever 1 way light switch',
      sw3: '1 lever 2 way light switch',
      sw4: 'Intermediate light switch',
      swd: 'Dimmer switch',
      lum: 'Ceiling light fitting',
      'lum-panel': '600x600 LED panel',
      'lum-bulkhead': 'Bulkhead light fitting',
      downlight: 'LED downlight 9 W',
      em: 'Emergency light fitting, 3 hr',
      exit: 'Exit sign, illuminated',
      smoke: 'Smoke detector',
      co: 'CO detector',
      'heat-det': 'Heat detector',
      fan: 'Extractor fan',
      heater: 'Panel heater',
      tstat: 'Thermostat',
      panel: 'Distribution board',
      ev: 'EV charger',
      data: 'Data point',
      jbox: 'Junction box',
      isolator: 'Geyser isolator',
    },
    legendTitles: ['LEGEND', 'ELECTRICAL LEGEND', 'SYMBOLS'],
    houseRooms: [
      'LOUNGE',
      'KITCHEN',
      'BED 1',
      'BED 2',
      'BED 3',
      'BATH',
      'SCULLERY',
      'PASSAGE',
      'DINING',
      'GARAGE',
      'PATIO',
    ],
    officeRooms: [
      'OFFICE',
      'BOARDROOM',
      'LAB',
      'SERVER ROOM',
      'STORE',
      'TEA KITCHEN',
      'ABLUTIONS',
      'FOYER',
      'PASSAGE',
      'ARCHIVE',
    ],
    scaleWord: 'SCALE',
  },
  'qc-chantier': {
    language: 'fr',
    convention: 'na',
    marks: { gfci: 'DDFT', wp: 'ÉT', smoke: 'DF', heat: 'DC' },
    labels: {
      rcpt: 'Plogue double 15 A',
      'rcpt-gfci': 'Plogue DDFT (salle de bain, comptoir)',
      'rcpt-wp': 'Plogue extérieure ÉT avec couvercle',
      'rcpt-usb': 'Plogue double avec USB',
      'rcpt-240': 'Plogue sécheuse / poêle 240 V',
      sw: 'Switch simple',
      sw3: 'Switch 3-way',
      sw4: 'Switch 4-way',
      swd: 'Gradateur (dimmer)',
      lum: 'Lumière au plafond',
      'lum-panel': 'Panneau DEL 2x2 en surface',
      'lum-bulkhead': 'Lumière étanche (hublot)',
      downlight: 'Pot light DEL 4 po',
      em: "Lumière d'urgence (bloc)",
      exit: 'Enseigne SORTIE',
      smoke: 'Détecteur de fumée',
      co: 'Détecteur CO',
      'heat-det': 'Détecteur de chaleur',
      fan: 'Fan de salle de bain',
      heater: 'Plinthe électrique',
      tstat: 'Thermostat électronique',
      panel: "Panneau d'entrée",
      ev: 'Borne VE niveau 2',
      data: 'Prise réseau (Cat 6)',
      jbox: 'Boîte de jonction',
      isolator: 'Sectionneur (thermopompe)',
    },
    legendTitles: ['LÉGENDE', 'LÉGENDE ÉLECTRIQUE', 'SYMBOLES'],
    houseRooms: [
      'SALON',
      'CUISINE',
      'CHAMBRE 1',
      'CHAMBRE 2',
      'CHAMBRE 3',
      'SALLE DE BAIN',
      'SALLE DE LAVAGE',
      'HALL',
      'BUREAU',
      'GARAGE',
      'SALLE À MANGER',
    ],
    officeRooms: [
      'AIRE OUVERTE',
      'SALLE DE RÉUNION',
      'LABO',
      'SALLE SERVEUR',
      'RANGEMENT',
      'CUISINETTE',
      'TOILETTES',
      'ACCUEIL',
      'SALLE MÉCANIQUE',
      'CORRIDOR',
    ],
    scaleWord: 'ÉCH.',
  },
  'us-spec': {
    language: 'en',
    convention: 'na',
    marks: { gfci: 'GFI', wp: 'WP', smoke: 'SD', heat: 'HD' },
    labels: {
      rcpt: 'RECEPTACLE, DUPLEX, 20A 125V, NEMA 5-20R',
      'rcpt-gfci': 'RECEPTACLE, DUPLEX, GROUND FAULT CIRCUIT INTERRUPTER',
      'rcpt-wp': 'RECEPTACLE, WEATHER RESISTANT, IN-USE COVER',
      'rcpt-usb': 'RECEPTACLE, DUPLEX W/ USB CHARGING PORTS',
      'rcpt-240': 'RECEPTACLE, 2P 3W 250V, NEMA 6-50R',
      sw: 'SWITCH, SINGLE POLE, 20A',
      sw3: 'SWITCH, THREE-WAY',
      sw4: 'SWITCH, FOUR-WAY',
      swd: 'SWITCH, DIMMER 0-10V',
      lum: 'LUMINAIRE, CEILING MOUNTED, TYPE PER SCHEDULE',
      'lum-panel': 'LUMINAIRE, 2X2 LED FLAT PANEL',
      'lum-bulkhead': 'LUMINAIRE, VAPOR TIGHT',
      downlight: 'LUMINAIRE, RECESSED DOWNLIGHT',
      em: 'LUMINAIRE, EMERGENCY BATTERY UNIT',
      exit: 'EXIT SIGN, LED, ARROWS AS SHOWN',
      smoke: 'SMOKE DETECTOR, 120V W/ BATTERY BACKUP',
      co: 'CARBON MONOXIDE DETECTOR',
      'heat-det': 'HEAT DETECTOR, FIXED TEMP.',
      fan: 'EXHAUST FAN, CEILING',
      heater: 'ELECTRIC BASEBOARD HEATER',
      tstat: 'LINE VOLTAGE THERMOSTAT',
      panel: 'PANELBOARD, FLUSH MOUNTED',
      ev: 'EV CHARGING STATION, LEVEL 2',
      data: 'DATA OUTLET, 2-PORT',
      jbox: 'JUNCTION BOX, CEILING',
      isolator: 'DISCONNECT SWITCH, NON-FUSED',
    },
    legendTitles: ['SYMBOL LEGEND', 'ELECTRICAL SYMBOLS', 'LEGEND - ELECTRICAL'],
    houseRooms: [
      'LIVING',
      'KITCHEN',
      'BEDROOM 1',
      'BEDROOM 2',
      'PRIMARY BEDROOM',
      'BATH',
      'LAUNDRY',
      'FOYER',
      'DEN',
      'GARAGE',
      'DINING',
    ],
    officeRooms: [
      'OPEN OFFICE',
      'CONFERENCE',
      'LAB',
      'IT/TELECOM',
      'STORAGE',
      'BREAK ROOM',
      'TOILET',
      'LOBBY',
      'ELEC RM',
      'CORRIDOR',
    ],
    scaleWord: 'SCALE:',
  },
};

export function wording(id: WordingId): Wording {
  return WORDING[id];
}

export interface RoleDesign {
  readonly shape: ShapeId;
  readonly mark: string;
  readonly inner: string;
}

/** Which shape and mark a firm of this convention draws for a role. */
export function roleDesign(id: WordingId, role: Role): RoleDesign {
  const w = WORDING[id];
  const iec = w.convention === 'iec';
  const receptacle: ShapeId = iec ? 'socket-iec' : 'duplex';
  const d = (shape: ShapeId, mark = '', inner = ''): RoleDesign => ({ shape, mark, inner });
  switch (role) {
    case 'rcpt':
      return d(receptacle);
    case 'rcpt-gfci':
      return d(receptacle, w.marks.gfci);
    case 'rcpt-wp':
      return d(receptacle, w.marks.wp);
    case 'rcpt-usb':
      return d(receptacle, 'USB');
    case 'rcpt-240':
      return d('socket-240');
    case 'sw':
      return d(iec ? 'switch-iec' : 'switch-s');
    case 'sw3':
      return iec ? d('switch-iec-2way') : d('switch-s', '3');
    case 'sw4':
      return iec ? d('switch-iec-int') : d('switch-s', '4');
    case 'swd':
      return iec ? d('switch-iec-dim') : d('switch-s', 'D');
    case 'lum':
      return d('lamp-x');
    case 'lum-panel':
      return d('led-panel');
    case 'lum-bulkhead':
      return d('bulkhead');
    case 'downlight':
      return d('downlight');
    case 'em':
      return d('lamp-x', 'EM');
    case 'exit':
      return d('exit-box');
    case 'smoke':
      return d('detector', '', w.marks.smoke);
    case 'co':
      return d('detector', '', 'CO');
    case 'heat-det':
      return d('detector', '', w.marks.heat);
    case 'fan':
      return d('fan');
    case 'heater':
      return d('heater');
    case 'tstat':
      return d('tstat');
    case 'panel':
      return d('board');
    case 'ev':
      return d('ev-box');
    case 'data':
      return d('data-tri');
    case 'jbox':
      return d('jbox');
    case 'isolator':
      return d('isolator');
  }
}
