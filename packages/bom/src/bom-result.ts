import { z } from 'zod';
import { QuantityUnit, Unit } from './catalog.ts';
import { Lang } from './localized-text.ts';
import { Cents, NonNegativeCents } from './money.ts';

/**
 * The priced bill of materials, as served by `GET /v1/plans/{id}/bom` and `GET /v1/boms/{id}`.
 *
 * Money convention: every amount exists twice — an exact integer `…Cents` field (the source of
 * truth; all arithmetic uses it) and a decimal-dollar number under the API.md name (`unitPrice`,
 * `total`, `subtotal`, `taxes.tps` …), which is always exactly `cents / 100` and is for display
 * and for clients that follow API.md to the letter. Hours are decimal numbers (exact to 1/10 000 h).
 */

export const BomSource = z.enum(['plan', 'schedule', 'estimate', 'manual']);
export type BomSource = z.infer<typeof BomSource>;

export const BomLine = z.object({
  sku: z.string(),
  description: z.string(),
  category: z.string(),
  /** Set when lines are split by room (`options.splitLinesByRoom`). */
  room: z.string().optional(),
  source: BomSource,
  /** Needed quantity in `quantityUnit`: installed quantity plus waste, rounded up. */
  quantity: z.number().nonnegative(),
  /** Quantity actually installed (labour is counted on it), in `quantityUnit`. */
  installedQuantity: z.number().nonnegative(),
  quantityUnit: QuantityUnit,
  wastePct: z.number().nonnegative(),
  /** Selling units ordered (whole rolls, boxes …): the materials are priced on it. */
  orderQuantity: z.number().int().nonnegative(),
  /** Selling unit the unit price is for. */
  unit: Unit,
  /** Base units per selling unit (75 for a 75 m roll). */
  packageSize: z.number().int().positive(),
  /** Net unit price per selling unit (list price less discount, rounded to the cent). */
  unitPrice: z.number().nonnegative(),
  unitPriceCents: NonNegativeCents,
  listUnitPriceCents: NonNegativeCents,
  discountPct: z.number().min(0).max(100),
  /** orderQuantity × unitPrice. */
  materials: z.number().nonnegative(),
  materialsCents: NonNegativeCents,
  labourHoursPerUnit: z.number().nonnegative(),
  /** installedQuantity × labourHoursPerUnit. */
  labourHours: z.number().nonnegative(),
  /** labourHours × labour rate, rounded half up to the cent. */
  labour: z.number().nonnegative(),
  labourCents: NonNegativeCents,
  /** materials + labour. */
  total: z.number().nonnegative(),
  totalCents: NonNegativeCents,
  /** Which catalogue priced the line: the requested one, or the fallback. */
  priceSource: z.enum(['catalog', 'fallback']),
});
export type BomLine = z.infer<typeof BomLine>;

export const RoomLine = z.object({
  sku: z.string(),
  description: z.string(),
  category: z.string(),
  /** Installed quantity in the room (no waste, no package rounding). */
  quantity: z.number().nonnegative(),
  quantityUnit: QuantityUnit,
  labourHours: z.number().nonnegative(),
  /** Allocation: quantity × net price per base unit, rounded to the cent. */
  materials: z.number().nonnegative(),
  materialsCents: NonNegativeCents,
  labour: z.number().nonnegative(),
  labourCents: NonNegativeCents,
});
export type RoomLine = z.infer<typeof RoomLine>;

export const RoomSummary = z.object({
  devices: z.record(z.string(), z.number().int().nonnegative()),
  lines: z.array(RoomLine),
  materials: z.number().nonnegative(),
  materialsCents: NonNegativeCents,
  labourHours: z.number().nonnegative(),
  labour: z.number().nonnegative(),
  labourCents: NonNegativeCents,
});
export type RoomSummary = z.infer<typeof RoomSummary>;

export const UnpricedEntry = z.object({
  /** The SKU or device type that could not be priced. */
  ref: z.string(),
  kind: z.enum(['sku', 'type', 'breaker', 'panel']),
  quantity: z.number().nonnegative(),
  reason: z.enum(['unknown_sku', 'no_assembly', 'no_breaker_rule', 'no_panel_rule', 'unit_mismatch']),
});
export type UnpricedEntry = z.infer<typeof UnpricedEntry>;

export const BomResult = z.object({
  currency: z.literal('CAD'),
  lang: Lang,
  lines: z.array(BomLine),
  /** Device quantities by type (from the plan counts and the item list). */
  devices: z.record(z.string(), z.number().nonnegative()),
  materials: z.number().nonnegative(),
  materialsCents: NonNegativeCents,
  labour: z.object({
    hours: z.number().nonnegative(),
    rateCents: NonNegativeCents,
    rate: z.number().nonnegative(),
    /** Σ of the per-line rounded labour amounts. */
    totalCents: NonNegativeCents,
    total: z.number().nonnegative(),
  }),
  /** Same as labour.hours (API.md field). */
  labourHours: z.number().nonnegative(),
  /** materials + labour = Σ line totals. */
  subtotal: z.number().nonnegative(),
  subtotalCents: NonNegativeCents,
  taxes: z.object({
    tps: z.number().nonnegative(),
    tpsCents: NonNegativeCents,
    tvq: z.number().nonnegative(),
    tvqCents: NonNegativeCents,
    /** Rates as fractions: 0.05 and 0.09975. */
    tpsRate: z.number(),
    tvqRate: z.number(),
  }),
  /** subtotal + tps + tvq. */
  total: z.number().nonnegative(),
  totalCents: Cents,
  assumptions: z.array(z.string()),
  byRoom: z.record(z.string(), RoomSummary),
  unpriced: z.array(UnpricedEntry),
  cableEstimate: z.object({
    /** How cable lengths were obtained. */
    method: z.enum(['geometry', 'allowance', 'mixed', 'none']),
    devicesMeasured: z.number().int().nonnegative(),
    devicesWithAllowance: z.number().nonnegative(),
  }),
  priceList: z.object({ priceDate: z.string(), source: z.string(), indicative: z.boolean() }),
});
export type BomResult = z.infer<typeof BomResult>;
/** Alias: the value `buildBom` returns. */
export type Bom = BomResult;
