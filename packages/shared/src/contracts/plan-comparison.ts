import { z } from 'zod';
import { DeviceType, PanelCircuit } from './plan-analysis.ts';

/**
 * What changed between two issues of a drawing (`GET /v1/comparisons/{id}`): sheets paired and
 * registered, symbols added / removed / moved, circuits and rooms changed, and the priced BOM
 * delta. Pure schemas: no I/O. Positions are PDF points in each plan's own page space.
 */

/** Similarity transform taking a point of the revised page into the base page's frame. */
export const PageRegistration = z.object({
  scale: z.number(),
  rotationDeg: z.number(),
  tx: z.number(),
  ty: z.number(),
  /** Anchors (symbols) that agree with the transform, and their RMS residual in points. */
  inliers: z.number().int().nonnegative(),
  residualPt: z.number().nonnegative(),
  /** `anchors`: estimated from matched symbols; `page-size`: too few anchors, page boxes used. */
  method: z.enum(['anchors', 'page-size', 'identity']),
});
export type PageRegistration = z.infer<typeof PageRegistration>;

export const SheetPairing = z.object({
  /** Sheet number read from the title block (E-101), else null (paired by order). */
  sheet: z.string().nullable(),
  basePage: z.number().int().positive().nullable(),
  revisedPage: z.number().int().positive().nullable(),
  pairedBy: z.enum(['sheet-number', 'order', 'none']),
  change: z.enum(['unchanged', 'modified', 'added', 'removed']),
  registration: PageRegistration.nullable(),
});
export type SheetPairing = z.infer<typeof SheetPairing>;

export const SymbolChangeKind = z.enum(['added', 'removed', 'moved']);
export type SymbolChangeKind = z.infer<typeof SymbolChangeKind>;

export const SymbolChange = z.object({
  change: SymbolChangeKind,
  type: DeviceType,
  /** Revised page (added, moved) or base page (removed). */
  page: z.number().int().positive(),
  x: z.number(),
  y: z.number(),
  room: z.string().nullable(),
  /** Where a moved symbol was on the base page. */
  from: z.object({ page: z.number().int().positive(), x: z.number(), y: z.number() }).optional(),
  /** Distance moved in points, in the base page's frame. */
  distancePt: z.number().nonnegative().optional(),
});
export type SymbolChange = z.infer<typeof SymbolChange>;

export const ChangeTally = z.object({
  added: z.number().int().nonnegative(),
  removed: z.number().int().nonnegative(),
  moved: z.number().int().nonnegative(),
});
export type ChangeTally = z.infer<typeof ChangeTally>;

export const CircuitChange = z.object({
  panel: z.string(),
  number: z.number().int().positive(),
  change: z.enum(['added', 'removed', 'modified']),
  before: PanelCircuit.nullable(),
  after: PanelCircuit.nullable(),
  /** Fields that differ (`amps`, `poles`, `description`, `conductor`) for `modified`. */
  fields: z.array(z.string()),
});
export type CircuitChange = z.infer<typeof CircuitChange>;

export const RoomChange = z.object({
  change: z.enum(['added', 'removed', 'renamed']),
  sheet: z.string().nullable(),
  before: z.string().nullable(),
  after: z.string().nullable(),
});
export type RoomChange = z.infer<typeof RoomChange>;

/** A BOM line's change: revised − base for one SKU (negative quantities and cents for removals). */
export const BomLineDelta = z.object({
  sku: z.string(),
  description: z.string(),
  category: z.string(),
  unit: z.string(),
  orderQuantityDelta: z.number().int(),
  installedQuantityDelta: z.number(),
  labourHoursDelta: z.number(),
  materialsCentsDelta: z.number().int(),
  labourCentsDelta: z.number().int(),
  totalCentsDelta: z.number().int(),
});
export type BomLineDelta = z.infer<typeof BomLineDelta>;

export const BomDelta = z.object({
  currency: z.literal('CAD'),
  /** Lines whose total went up (new SKUs, more of one). */
  added: z.array(BomLineDelta),
  /** Lines whose total went down (amounts negative). */
  removed: z.array(BomLineDelta),
  materialsDelta: z.number().int(),
  labourDelta: z.number().int(),
  labourHoursDelta: z.number(),
  subtotalDelta: z.number().int(),
  tpsDelta: z.number().int(),
  tvqDelta: z.number().int(),
  totalDelta: z.number().int(),
  base: z.object({ subtotalCents: z.number().int(), totalCents: z.number().int() }),
  revised: z.object({ subtotalCents: z.number().int(), totalCents: z.number().int() }),
  labourRateCents: z.number().int().nonnegative(),
});
export type BomDelta = z.infer<typeof BomDelta>;

/** The geometric and schedule comparison (no prices): `compareAnalyses` in @saeq/plan-analysis. */
export const AnalysisComparison = z.object({
  pages: z.array(SheetPairing),
  delta: z.object({
    byType: z.record(z.string(), ChangeTally),
    byRoom: z.record(z.string(), z.record(z.string(), ChangeTally)),
  }),
  symbols: z.array(SymbolChange),
  circuits: z.array(CircuitChange),
  rooms: z.array(RoomChange),
});
export type AnalysisComparison = z.infer<typeof AnalysisComparison>;

/** What worker-bom stores on a `plan_comparisons` row: the comparison with its BOM delta in both languages. */
export const StoredComparison = AnalysisComparison.extend({
  bom: z.object({ fr: BomDelta, en: BomDelta }),
});
export type StoredComparison = z.infer<typeof StoredComparison>;
