import { describe, expect, it } from 'vitest';
import {
  deviceTypeFromLabel,
  isLegendHeading,
  isRoomName,
  normalizeSymbolText,
  normalizeText,
} from './vocabulary.ts';

describe('deviceTypeFromLabel', () => {
  it.each([
    ['Prise de courant duplex 15 A', 'receptacle'],
    ['Receptacle, duplex, tamper-resistant', 'receptacle'],
    ['Prise DDFT (disjoncteur différentiel)', 'receptacle_gfci'],
    ['GFCI receptacle', 'receptacle_gfci'],
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
    ['Enseigne de sortie', 'other'],
    ["Éclairage d'urgence", 'other'],
    ['Carillon de porte', 'other'],
  ])('%s → %s', (label, type) => {
    expect(deviceTypeFromLabel(label)).toBe(type);
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
    ['KITCHEN COUNTER RECEPTACLES 1', false],
    ['BASEMENT ELECTRICAL PLAN', false],
    ['Cuisine : prévoir une prise par comptoir et vérifier les dimensions', false],
    ['CHAUFFE-EAU', false],
  ])('%s → %s', (text, expected) => {
    expect(isRoomName(text)).toBe(expected);
  });
});
