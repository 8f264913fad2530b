import { describe, expect, it } from 'vitest';
import {
  deviceTypeFromLabel,
  deviceTypeOfLegendRow,
  isLegendHeading,
  isLegendTableHeader,
  isRoomName,
  labelNamesPlainFeature,
  normalizeSymbolText,
  normalizeText,
  polesOfDevice,
} from './vocabulary.ts';

describe('deviceTypeFromLabel', () => {
  it.each([
    ['Prise de courant duplex 15 A', 'receptacle'],
    // OCR splits a hyphenated word in two.
    ['SWITCH, THREE -WAY', 'switch_3way'],
    ['Interrupteur va- et-vient', 'switch_3way'],
    // South-African legend wording (red product-tagged devices).
    ['600x600 LED panel', 'luminaire'],
    ['Recessed downlighter', 'luminaire_recessed'],
    ['1.5m LED tube', 'luminaire'],
    ['Chandelier / high bay', 'luminaire'],
    ['1-way switch', 'switch'],
    // Telecom outlets are data outlets, not receptacles.
    ['TELECOMMUNICATIONS OUTLET - WALL', 'data_outlet'],
    ['FLOOR MOUNTED TELECOM OUTLET', 'data_outlet'],
    ['CATEGORY 6 OUTLET', 'data_outlet'],
    ['Receptacle, duplex, tamper-resistant', 'receptacle'],
    ['Prise DDFT (disjoncteur différentiel)', 'receptacle_gfci'],
    ['GFCI receptacle', 'receptacle_gfci'],
    // As OCR misreads them on sheets whose text is strokes.
    ['PRISE DE COURANT DOUBLE AVEC OOFT', 'receptacle_gfci'],
    ['GF1 DUPLEX RECEPTACLE', 'receptacle_gfci'],
    ["PRISE DE COURANT DOUBLE À L'ÉPREUVE DFS", 'receptacle_weatherproof'],
    ['Prise 240 V cuisinière', 'receptacle_240v'],
    ['Range receptacle 50A 240V', 'receptacle_240v'],
    ['Baseboard heater 240V', 'baseboard_heater'],
    ['Interrupteur unipolaire', 'switch'],
    ['Single pole switch', 'switch'],
    ['Interrupteur trois voies', 'switch_3way'],
    ['3-way switch', 'switch_3way'],
    ['Plafonnier', 'luminaire'],
    ['Applique murale', 'luminaire'],
    ['Luminaire encastré DEL', 'luminaire_recessed'],
    ['Pot light', 'luminaire_recessed'],
    ['Luminaire DEL encastré 2x4 (panneau)', 'luminaire'],
    ['Avertisseur de fumée photoélectrique', 'smoke_detector'],
    ['Détecteur de CO', 'co_detector'],
    ["Ventilateur d'extraction", 'exhaust_fan'],
    ['Hotte de cuisinière', 'exhaust_fan'],
    ['Plinthe chauffante électrique', 'baseboard_heater'],
    ['Convecteur', 'baseboard_heater'],
    ['Thermostat de plinthe', 'thermostat'],
    ['Panneau de distribution (disjoncteurs)', 'panel'],
    ['Panelboard', 'panel'],
    ['Borne de recharge pour véhicule électrique', 'ev_charger'],
    ['EVSE 40A', 'ev_charger'],
    ['Prise téléphone/données', 'data_outlet'],
    ['Network outlet (RJ45)', 'data_outlet'],
    ['Enseigne de sortie', 'exit_sign'],
    ["Éclairage d'urgence", 'luminaire_emergency'],
    ['Carillon de porte', 'other'],
    // Abbreviated North-American wording.
    ['DUPLEX RECEPT.', 'receptacle'],
    ['RECEPT. 240V', 'receptacle_240v'],
    ['WP RECEPT.', 'receptacle_weatherproof'],
    ['SW. 1P', 'switch'],
    ['LTG FIXT.', 'luminaire'],
    ['REC. DNLT', 'luminaire_recessed'],
    ['EM LTG UNIT', 'luminaire_emergency'],
    ['SMK DET.', 'smoke_detector'],
    ['BB HTR', 'baseboard_heater'],
    ['TSTAT', 'thermostat'],
    ['PNLBD', 'panel'],
    ['CHIME PB', 'other'],
    // France-French and other devices that wider rules would swallow.
    ['Prise 2P+T protégée par DDR 30 mA', 'receptacle_gfci'],
    ['Borne IRVE', 'ev_charger'],
    ['ENSEIGNE SORTIE', 'exit_sign'],
    ['Prise de télévision (câble)', 'other'],
    ['CATV outlet', 'other'],
    ['Haut-parleur encastré', 'other'],
    // Added vocabulary (marked variants and their own devices).
    ['Prise étanche', 'receptacle_weatherproof'],
    ['Single Switched Socket - Weatherproof @ 300mm above FFL.', 'receptacle_weatherproof'],
    ['Wall Mounted exterior Weatherproof Light. @ 2200mm above FFL.', 'luminaire'],
    ['WP', 'receptacle_weatherproof'],
    ['Weatherproof duplex receptacle, WP', 'receptacle_weatherproof'],
    ['Prise DDFT étanche (ÉT)', 'receptacle_gfci'],
    ['GFCI receptacle, weatherproof', 'receptacle_gfci'],
    ['Interrupteur 4 voies', 'switch_4way'],
    ['4-way switch', 'switch_4way'],
    ['Interrupteur quatre voies', 'switch_4way'],
    ['Gradateur', 'switch_dimmer'],
    ['Dimmer switch', 'switch_dimmer'],
    ['Interrupteur variateur', 'switch_dimmer'],
    ['EM', 'luminaire_emergency'],
    ["Unité d'éclairage d'urgence à deux têtes", 'luminaire_emergency'],
    ['Bloc autonome', 'luminaire_emergency'],
    ['Exit sign', 'exit_sign'],
    ['SORTIE', 'exit_sign'],
    ['BAES', 'exit_sign'],
    ['Boîte de jonction', 'junction_box'],
    ['Boîte de dérivation', 'junction_box'],
    ['Junction box', 'junction_box'],
    ['JB', 'junction_box'],
    // France-French legends.
    ['Point lumineux DCL', 'luminaire'],
    ['Tableau de répartition', 'panel'],
    ['Prise spécialisée 32 A', 'receptacle_240v'],
    ['Interrupteur va-et-vient', 'switch_3way'],
    ['Permutateur', 'switch_4way'],
    ['Convecteur électrique', 'baseboard_heater'],
    ['DAAF', 'smoke_detector'],
    ['Bouche VMC', 'exhaust_fan'],
    ['Prise 2P+T 16 A', 'receptacle'],
    // US English legends.
    ['GFI duplex receptacle', 'receptacle_gfci'],
    ['Duplex receptacle', 'receptacle'],
    ['Duplex receptacle - emergency branch', 'receptacle'],
    ['Fixture type A, see luminaire schedule', 'luminaire'],
    ['Lighting panelboard', 'panel'],
    ['3-way switch', 'switch_3way'],
    ['2-way switch', 'switch_3way'],
    ['600x600 LED panel', 'luminaire'],
    // UK / IEC / South Africa legends.
    ['Switched socket outlet', 'receptacle'],
    ['Double socket outlet IP44', 'receptacle_weatherproof'],
    ['Weatherproof plug, outdoor', 'receptacle_weatherproof'],
    ['Outdoor plug point', 'receptacle_weatherproof'],
    ['Weatherproof bulkhead light', 'luminaire'],
    ['Intermediate switch', 'switch_4way'],
    ['Downlighter', 'luminaire_recessed'],
    ['Bulkhead light fitting', 'luminaire'],
    ['Batten fitting', 'luminaire'],
    ['DB', 'panel'],
    ['Sub-DB 2', 'panel'],
    ['Consumer unit', 'panel'],
    ['Stove point 45 A', 'receptacle_240v'],
    ['Isolator', 'other'],
    // More France-French and Québec wording.
    ['Panneau DEL 2x2', 'luminaire'],
    ['Dalle LED 600x600', 'luminaire'],
    ['Hublot', 'luminaire'],
    ['Projecteur extérieur', 'luminaire'],
    ['Interrupteur simple allumage', 'switch'],
    ['Bouton poussoir', 'switch'],
    ['Sèche-serviettes', 'baseboard_heater'],
    ['Can light', 'luminaire_recessed'],
    // Words OCR misread by a letter on stroke-text sheets; a word that is itself vocabulary
    // ("jonction") is never "corrected".
    ['WEATHERPRODF OUPLEX RECEPTACLE', 'receptacle_weatherproof'],
    ['SMOKE DETECTDR', 'smoke_detector'],
    ['INTERRUPTEUR GRADATEVR', 'switch_dimmer'],
    ['BOÎTE DE JONCTION', 'junction_box'],
    ['Detectors', 'other'],
    ['REC. ONLT', 'luminaire_recessed'],
    ['PNLED', 'panel'],
    // UK / South-African marks and switch wording with words in between.
    ['Twin socket outlet, RCD protected 30 mA', 'receptacle_gfci'],
    ['Plug socket outlet on earth leakage', 'receptacle_gfci'],
    ['Distribution board with RCD', 'panel'],
    ['1 lever 2 way light switch', 'switch_3way'],
    ['Intermediate light switch', 'switch_4way'],
    ['Plug socket outlet c/w USB charger', 'receptacle'],
    ['EV charger 7 kW', 'ev_charger'],
    ['Heat detector (rate of rise)', 'other'],
    ['DATAOUTLET, 2-PORT', 'data_outlet'],
    // Québec site wording.
    ['Plogue double 15 A', 'receptacle'],
    ['Plogue sécheuse / poêle 240 V', 'receptacle_240v'],
    ['Plogue extérieure ÉT avec couvercle', 'receptacle_weatherproof'],
    ['Plogue DDFT (salle de bain, comptoir)', 'receptacle_gfci'],
  ])('%s → %s', (label, type) => {
    expect(deviceTypeFromLabel(label)).toBe(type);
  });
});

describe('labelNamesPlainFeature', () => {
  it.each([
    ['RECEPTACLE, DUPLEX W/ USB CHARGING PORTS', true],
    ['Plogue double avec USB', true],
    ['Receptacle, duplex, tamper-resistant', true],
    ['Duplex receptacle', false],
    ['GFCI receptacle', false],
  ])('%s → %s', (label, expected) => {
    expect(labelNamesPlainFeature(label)).toBe(expected);
  });
});

describe('deviceTypeOfLegendRow', () => {
  it.each([
    // Codes make a base device specific; the most specific mark wins.
    ['Prise de courant', ['WP'], 'receptacle_weatherproof'],
    ['Prise de courant', ['ÉT'], 'receptacle_weatherproof'],
    ['Receptacle', ['GFCI', 'WP'], 'receptacle_gfci'],
    ['Interrupteur', ['S3'], 'switch_3way'],
    ['Interrupteur', ['S', '4'], 'switch_4way'],
    ['Switch', ['S', 'D'], 'switch_dimmer'],
    ['Luminaire', ['EM'], 'luminaire_emergency'],
    // Unknown wording: the symbol's code says what it is.
    ['Type X', ['S3'], 'switch_3way'],
    ['Item 12', ['J'], 'junction_box'],
    // A code never overrides a description of another family, nor a plain one its variant.
    ['Avertisseur de fumée', ['SD'], 'smoke_detector'],
    ['Interrupteur trois voies', ['S'], 'switch_3way'],
    ['Prise DDFT', [], 'receptacle_gfci'],
    ['Carillon de porte', ['CH'], 'other'],
  ] as const)('%s with %j → %s', (label, codes, type) => {
    expect(deviceTypeOfLegendRow(label, codes)).toBe(type);
  });
});

describe('isLegendTableHeader', () => {
  it.each([
    ['SYMBOL', true],
    ['Symbole', true],
    ['DESCRIPTION', true],
    ['MTG HT', true],
    ['Hauteur de montage', true],
    ['REMARKS', true],
    ['Remarques :', true],
    ['DUPLEX RECEPTACLE', false],
    ['S3', false],
    ['18" AFF', false],
  ])('%s → %s', (text, expected) => {
    expect(isLegendTableHeader(text)).toBe(expected);
  });
});

describe('text normalisation', () => {
  it('folds accents, case, typographic quotes and spaces', () => {
    expect(normalizeText('  Salle  d’EAU  ')).toBe("salle d'eau");
    expect(normalizeSymbolText('s 3')).toBe('S3');
  });
});

describe('isLegendHeading', () => {
  it.each([
    ['LÉGENDE', true],
    ['Légende des symboles', true],
    ['ELECTRICAL LEGEND', true],
    ['SYMBOL LIST', true],
    ['LEGEND:', true],
    ['NOMENCLATURE DES SYMBOLES', true],
    ['SYMBOLES ÉLECTRIQUES', true],
    ['ELECTRICAL SYMBOL LEGEND', true],
    // A symbols sheet's usual title (REAL-PLANS.md: "E-000 Symboles et abréviations").
    ['SYMBOLS AND ABBREVIATIONS', true],
    ['SYMBOLES ET ABRÉVIATIONS', true],
    ['Electrical symbols & abbreviations', true],
    ['LEGEND AND NOTES', true],
    // UK / South-African title, and a qualifier after a dash (US consultants' sheets).
    ['KEY TO SYMBOLS', true],
    ['Symbol key', true],
    ['Key to electrical symbols', true],
    ['LEGEND - ELECTRICAL', true],
    ['LÉGENDE – ÉLECTRICITÉ', true],
    ['KEY PLAN', false],
    ['KEYNOTES:', false],
    ['LEGEND - SEE SHEET E-001', false],
    ['ABBREVIATIONS', false],
    ['NOTES AND ABBREVIATIONS', false],
    ['NOMENCLATURE DES LUMINAIRES', false],
    ['Voir la légende', false],
    ['NOTES GÉNÉRALES', false],
  ])('%s → %s', (text, expected) => {
    expect(isLegendHeading(text)).toBe(expected);
  });
});

describe('isRoomName', () => {
  it.each([
    ['CUISINE', true],
    ['CHAMBRE 2', true],
    ['CH. 1', true],
    ['S.D.B.', true],
    ['SALLE DE BAIN PRINCIPALE', true],
    ['BDRM 1', true],
    ['ELECTRICAL ROOM', true],
    ['W.C.', true],
    ['SALLE DE PAUSE 2', true],
    ['COPY ROOM', true],
    ['ELEC. ROOM 2', true],
    ['ELECTRICAL PANEL', false],
    ['KITCHEN COUNTER RECEPTACLES 1', false],
    ['BASEMENT ELECTRICAL PLAN', false],
    ['Cuisine : prévoir une prise par comptoir et vérifier les dimensions', false],
    ['CHAUFFE-EAU', false],
    // British and South-African wording, and any room abbreviated "RM".
    ['LOUNGE', true],
    ['EN-SUITE', true],
    ['SCULLERY', true],
    ['BED 2', true],
    ['STOEP', true],
    ['BOARDROOM 1202', true],
    ['TEA KITCHEN 1206', true],
    ['OPEN PLAN OFFICE 1206', true],
    ['MEETING RM 1201', true],
    ['COMMS RM 1205', true],
    ['IT/TELECOM 2204', true],
    ['SALLE SERVEUR 1201', true],
    ['SWITCHROOM 100', true],
    ['SWITCH ROOM', true],
    ['ABLUTIONS 1202', true],
    ['TOILET 1204', true],
    ['TOILET CORE', false],
    ['FIRST FLOOR PLAN', false],
    ['PROVIDE ONE RECEPTACLE IN EACH ROOM', false],
  ])('%s → %s', (text, expected) => {
    expect(isRoomName(text)).toBe(expected);
  });
});

describe('polesOfDevice', () => {
  it('reads IEC pole words and "nP", with the neutral not counted', () => {
    expect(
      ['SP', 'DP', 'TP', 'TPN', 'TP+N', 'SP+N', 'FP', '1P', '2 P', '3P+N', '4P', 'C16', ''].map(
        polesOfDevice,
      ),
    ).toEqual([1, 2, 3, 3, 3, 1, 3, 1, 2, 3, 3, null, null]);
  });
});
