import { z } from 'zod';

/**
 * The analysis of a plan PDF, as stored by worker-pdf and served by
 * `GET /v1/plans/{id}/analysis` (../shared/API.md). Pure schema: no I/O.
 */

/** Device types found on plans (API.md vocabulary, extendable). */
export const DeviceType = z.enum([
  'receptacle',
  'receptacle_gfci',
  'receptacle_240v',
  'switch',
  'switch_3way',
  'luminaire',
  'luminaire_recessed',
  'smoke_detector',
  'co_detector',
  'exhaust_fan',
  'baseboard_heater',
  'thermostat',
  'panel',
  'ev_charger',
  'data_outlet',
  'other',
]);
export type DeviceType = z.infer<typeof DeviceType>;

export const PlanScale = z.object({
  /** The note as printed on the sheet, e.g. "ÉCHELLE 1:50". */
  text: z.string(),
  /** Real-world metres represented by one PDF point (1/72 in). */
  metresPerPoint: z.number().positive(),
});
export type PlanScale = z.infer<typeof PlanScale>;

export const LegendEntry = z.object({
  symbolId: z.string(),
  label: z.string(),
  type: DeviceType,
});
export type LegendEntry = z.infer<typeof LegendEntry>;

export const Room = z.object({
  name: z.string(),
  areaM2: z.number().nonnegative().nullable(),
  /** Bounding box of the room region in PDF points (page space, origin bottom-left), when known. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});
export type Room = z.infer<typeof Room>;

export const DetectedSymbol = z.object({
  type: DeviceType,
  symbolId: z.string(),
  /** Centre in PDF points, page space (origin bottom-left, unrotated page). */
  x: z.number(),
  y: z.number(),
  /** Degrees counter-clockwise from the legend drawing (any angle, to 0.1°); see `mirrored`. */
  rotation: z.number(),
  /**
   * Drawn as the mirror image of its legend symbol (mirroring applied before `rotation`); like
   * `rotation`, meaningless for shapes that are their own mirror image.
   */
  mirrored: z.boolean().optional(),
  room: z.string().nullable(),
  circuit: z.string().nullable(),
  confidence: z.number().min(0).max(1),
  /** Bounding box [x0, y0, x1, y1] in PDF points. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]).optional(),
});
export type DetectedSymbol = z.infer<typeof DetectedSymbol>;

export const PanelCircuit = z.object({
  number: z.number().int().positive(),
  description: z.string(),
  amps: z.number().positive().nullable(),
  poles: z.number().int().min(1).max(3).nullable(),
  /** Conductor as printed in the schedule (e.g. "14/2 NMD90"), when the schedule gives one. */
  conductor: z.string().nullable().optional(),
});
export type PanelCircuit = z.infer<typeof PanelCircuit>;

export const PanelSchedule = z.object({
  name: z.string(),
  voltage: z.string().nullable(),
  phases: z.number().int().min(1).max(3).nullable(),
  mainA: z.number().positive().nullable(),
  circuits: z.array(PanelCircuit),
});
export type PanelSchedule = z.infer<typeof PanelSchedule>;

export const AnalysisPage = z.object({
  number: z.number().int().positive(),
  widthPt: z.number().positive(),
  heightPt: z.number().positive(),
  /** Page /Rotate in degrees (0, 90, 180, 270). */
  rotation: z.number().int().default(0),
  scale: PlanScale.nullable(),
  legend: z.array(LegendEntry),
  rooms: z.array(Room),
  symbols: z.array(DetectedSymbol),
  panels: z.array(PanelSchedule),
  /** Plain text of the page in reading order (text layer); empty for scanned pages. */
  text: z.string(),
});
export type AnalysisPage = z.infer<typeof AnalysisPage>;

export const AnalysisWarning = z.object({
  code: z.string(),
  message: z.string(),
  page: z.number().int().positive().nullable(),
});
export type AnalysisWarning = z.infer<typeof AnalysisWarning>;

/**
 * A legend entry whose wording the analyser could not map to a device type (it counts as
 * `other`): listed so an estimator can map it (`PUT /v1/legend-mappings`) and re-run the plan.
 * `bbox` is where its symbol is drawn in the legend, page space: the console crops the page
 * preview there to show the symbol.
 */
export const UnresolvedLegendEntry = z.object({
  symbolId: z.string(),
  label: z.string(),
  page: z.number().int().positive(),
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type UnresolvedLegendEntry = z.infer<typeof UnresolvedLegendEntry>;

const TypeCounts = z.record(z.string(), z.number().int().nonnegative());

export const PlanAnalysis = z.object({
  pages: z.array(AnalysisPage),
  counts: z.object({
    byType: TypeCounts,
    byRoom: z.record(z.string(), TypeCounts),
    /** Keyed by page number as a string ("1", "2", …). */
    bySheet: z.record(z.string(), TypeCounts),
  }),
  warnings: z.array(AnalysisWarning),
  unresolvedLegendEntries: z.array(UnresolvedLegendEntry).optional(),
});
export type PlanAnalysis = z.infer<typeof PlanAnalysis>;
