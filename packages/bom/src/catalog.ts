import { z } from 'zod';
import { type Lang, LocalizedText } from './localized-text.ts';
import { NonNegativeCents } from './money.ts';

/**
 * Selling unit of a catalogue item — the unit its price is for:
 * - `each`, `m`, `ft`: priced per piece, per metre, per foot (`packageSize` is 1);
 * - `roll`: priced per roll of `packageSize` metres (e.g. NMD90 in 75 m rolls);
 * - `box`: priced per box of `packageSize` pieces (e.g. marrettes by 100).
 */
export const Unit = z.enum(['each', 'm', 'ft', 'roll', 'box']);
export type Unit = z.infer<typeof Unit>;

/** Unit in which quantities are taken off and labour is counted ("base unit"). */
export const QuantityUnit = z.enum(['each', 'm', 'ft']);
export type QuantityUnit = z.infer<typeof QuantityUnit>;

/** The base unit of a selling unit: rolls hold metres, boxes hold pieces. */
export function quantityUnitOf(unit: Unit): QuantityUnit {
  switch (unit) {
    case 'roll':
    case 'm':
      return 'm';
    case 'ft':
      return 'ft';
    case 'box':
    case 'each':
      return 'each';
  }
}

/**
 * Categories the default catalogue, the waste factors and the exports know. Imported catalogues
 * may use any other category text: it is kept as written and gets the default waste factor.
 */
export const KnownCategory = z.enum([
  'cable',
  'box',
  'wiring_device',
  'plate',
  'lighting',
  'life_safety',
  'ventilation',
  'heating',
  'breaker',
  'panel',
  'service',
  'ev_charging',
  'data',
  'connector',
  'fastener',
  'conduit',
  'fitting',
  'grounding',
  'other',
]);
export type KnownCategory = z.infer<typeof KnownCategory>;

export const CATEGORY_LABELS: Record<KnownCategory, LocalizedText> = {
  cable: { fr: 'Câbles', en: 'Cable' },
  box: { fr: 'Boîtes et anneaux', en: 'Boxes and rings' },
  wiring_device: { fr: 'Prises et interrupteurs', en: 'Wiring devices' },
  plate: { fr: 'Plaques murales', en: 'Wall plates' },
  lighting: { fr: 'Éclairage', en: 'Lighting' },
  life_safety: { fr: 'Avertisseurs', en: 'Smoke and CO alarms' },
  ventilation: { fr: 'Ventilation', en: 'Ventilation' },
  heating: { fr: 'Chauffage', en: 'Heating' },
  breaker: { fr: 'Disjoncteurs', en: 'Breakers' },
  panel: { fr: 'Panneaux', en: 'Panels' },
  service: { fr: 'Entrée électrique', en: 'Service entrance' },
  ev_charging: { fr: 'Recharge de véhicules électriques', en: 'EV charging' },
  data: { fr: 'Télécommunications', en: 'Data' },
  connector: { fr: 'Connecteurs', en: 'Connectors' },
  fastener: { fr: 'Attaches et fixations', en: 'Fasteners' },
  conduit: { fr: 'Conduits', en: 'Conduit' },
  fitting: { fr: 'Raccords', en: 'Fittings' },
  grounding: { fr: 'Mise à la terre', en: 'Grounding' },
  other: { fr: 'Divers', en: 'Other' },
};

/** Display name of a category: the known label, or the imported text as written. */
export function categoryLabel(category: string, lang: Lang): string {
  const known = KnownCategory.safeParse(category);
  return known.success ? CATEGORY_LABELS[known.data][lang] : category;
}

/** Sort rank of a category (known ones in catalogue order, others after, alphabetically). */
export function categoryRank(category: string): number {
  const index = KnownCategory.options.indexOf(category as KnownCategory);
  return index >= 0 ? index : KnownCategory.options.length;
}

/**
 * Labour units: installation hours per base unit (per piece, or per metre / foot for cable and
 * conduit), for normal and difficult conditions (e.g. renovation, finished walls, heights).
 */
export const LabourUnits = z.object({
  normal: z.number().nonnegative().max(1000),
  difficult: z.number().nonnegative().max(1000),
});
export type LabourUnits = z.infer<typeof LabourUnits>;

export const CatalogItem = z
  .object({
    sku: z.string().trim().min(1).max(64),
    description: LocalizedText,
    category: z.string().trim().min(1).max(64),
    unit: Unit,
    /** Base units per selling unit: metres per roll, pieces per box; 1 for each/m/ft. */
    packageSize: z.number().int().positive(),
    /** List price per selling unit (per roll, per box, per piece …), before discount. */
    unitPriceCents: NonNegativeCents,
    /** Contractor discount off the list price, in percent (0–100, up to two decimals). */
    discountPct: z
      .number()
      .min(0)
      .max(100)
      .refine((pct) => Math.abs(pct * 100 - Math.round(pct * 100)) < 1e-9, 'at most two decimals'),
    manufacturer: z.string(),
    catalogNumber: z.string(),
    labourHours: LabourUnits,
  })
  .refine((item) => item.unit === 'roll' || item.unit === 'box' || item.packageSize === 1, {
    message: 'packageSize must be 1 unless the unit is roll or box',
    path: ['packageSize'],
  });
export type CatalogItem = z.infer<typeof CatalogItem>;

/** A price list: the items plus where their prices come from. */
export const Catalog = z.object({
  /** Price date, `YYYY-MM`. */
  priceDate: z.string().regex(/^\d{4}-\d{2}$/),
  /** Where the prices come from (supplier, file name, "indicative …"). */
  source: z.string(),
  currency: z.literal('CAD'),
  /** True when prices are indicative rather than a supplier's quote: every BOM then says so. */
  indicative: z.boolean(),
  items: z.array(CatalogItem),
});
export type Catalog = z.infer<typeof Catalog>;

/** Index of a catalogue by SKU (O(1) lookups in the BOM hot path). Later duplicates lose. */
export function indexCatalog(catalog: Catalog): ReadonlyMap<string, CatalogItem> {
  const index = new Map<string, CatalogItem>();
  for (const item of catalog.items) if (!index.has(item.sku)) index.set(item.sku, item);
  return index;
}
