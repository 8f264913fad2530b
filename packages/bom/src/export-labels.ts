import type { DeviceType } from '@saeq/shared/contracts/plan-analysis';
import type { QuantityUnit, Unit } from './catalog.ts';
import type { Lang, LocalizedText } from './localized-text.ts';

/** Column headings and captions shared by the CSV and XLSX exports. */
export const exportLabels = {
  category: { fr: 'Catégorie', en: 'Category' },
  sku: { fr: 'SKU', en: 'SKU' },
  description: { fr: 'Description', en: 'Description' },
  room: { fr: 'Pièce', en: 'Room' },
  source: { fr: 'Source', en: 'Source' },
  quantity: { fr: 'Quantité requise', en: 'Quantity' },
  installedQuantity: { fr: 'Quantité installée', en: 'Installed quantity' },
  quantityUnit: { fr: 'Unité de quantité', en: 'Quantity unit' },
  wastePct: { fr: 'Pertes %', en: 'Waste %' },
  orderQuantity: { fr: 'Quantité commandée', en: 'Order quantity' },
  unit: { fr: 'Unité', en: 'Unit' },
  packageSize: { fr: 'Format', en: 'Package size' },
  unitPrice: { fr: 'Prix unitaire', en: 'Unit price' },
  materials: { fr: 'Matériel', en: 'Materials' },
  labourHours: { fr: 'Heures MO', en: 'Labour hours' },
  labour: { fr: "Main-d'œuvre", en: 'Labour' },
  total: { fr: 'Total', en: 'Total' },
  rate: { fr: 'Taux horaire', en: 'Hourly rate' },
  subtotal: { fr: 'Sous-total', en: 'Subtotal' },
  tps: { fr: 'TPS (5 %)', en: 'GST / TPS (5 %)' },
  tvq: { fr: 'TVQ (9,975 %)', en: 'QST / TVQ (9.975 %)' },
  grandTotal: { fr: 'Total général', en: 'Grand total' },
  title: { fr: 'Bordereau de matériel', en: 'Bill of materials' },
  priceList: { fr: 'Liste de prix', en: 'Price list' },
  assumptions: { fr: 'Hypothèses', en: 'Assumptions' },
  devices: { fr: 'Appareils', en: 'Devices' },
  summarySheet: { fr: 'Sommaire', en: 'Summary' },
  linesSheet: { fr: 'Lignes', en: 'Lines' },
  roomsSheet: { fr: 'Par pièce', en: 'By room' },
  roomNote: {
    fr: 'Quantités installées au prix net, sans pertes ni arrondi aux emballages.',
    en: 'Installed quantities at net price, without waste or package rounding.',
  },
} as const satisfies Record<string, LocalizedText>;

const UNIT_LABELS: Record<Unit, LocalizedText> = {
  each: { fr: 'ch', en: 'each' },
  m: { fr: 'm', en: 'm' },
  ft: { fr: 'pi', en: 'ft' },
  roll: { fr: 'rouleau', en: 'roll' },
  box: { fr: 'boîte', en: 'box' },
};

/** Unit name as printed in exports (the catalogue import reads these back). */
export function unitLabel(unit: Unit | QuantityUnit, lang: Lang): string {
  return UNIT_LABELS[unit][lang];
}

const DEVICE_TYPE_LABELS: Record<DeviceType, LocalizedText> = {
  receptacle: { fr: 'Prises', en: 'Receptacles' },
  receptacle_gfci: { fr: 'Prises DDFT', en: 'GFCI receptacles' },
  receptacle_240v: { fr: 'Prises 240 V', en: '240 V receptacles' },
  receptacle_weatherproof: { fr: 'Prises étanches', en: 'Weatherproof receptacles' },
  switch: { fr: 'Interrupteurs', en: 'Switches' },
  switch_3way: { fr: 'Interrupteurs trois voies', en: 'Three-way switches' },
  switch_4way: { fr: 'Interrupteurs quatre voies', en: 'Four-way switches' },
  switch_dimmer: { fr: 'Gradateurs', en: 'Dimmers' },
  luminaire: { fr: 'Luminaires', en: 'Luminaires' },
  luminaire_recessed: { fr: 'Encastrés', en: 'Recessed lights' },
  luminaire_emergency: { fr: "Unités d'éclairage d'urgence", en: 'Emergency lighting units' },
  exit_sign: { fr: 'Enseignes de sortie', en: 'Exit signs' },
  smoke_detector: { fr: 'Avertisseurs de fumée', en: 'Smoke alarms' },
  co_detector: { fr: 'Avertisseurs de CO', en: 'CO alarms' },
  exhaust_fan: { fr: "Ventilateurs d'extraction", en: 'Exhaust fans' },
  baseboard_heater: { fr: 'Plinthes chauffantes', en: 'Baseboard heaters' },
  thermostat: { fr: 'Thermostats', en: 'Thermostats' },
  panel: { fr: 'Panneaux', en: 'Panels' },
  ev_charger: { fr: 'Bornes de recharge', en: 'EV chargers' },
  data_outlet: { fr: 'Prises de données', en: 'Data outlets' },
  junction_box: { fr: 'Boîtes de jonction', en: 'Junction boxes' },
  other: { fr: 'Autres', en: 'Other' },
};

/** Plural label of a device type, or the type itself when unknown. */
export function deviceTypeLabel(type: string, lang: Lang): string {
  return (DEVICE_TYPE_LABELS as Record<string, LocalizedText | undefined>)[type]?.[lang] ?? type;
}
