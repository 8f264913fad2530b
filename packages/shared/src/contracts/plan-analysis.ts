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
  'receptacle_weatherproof',
  'switch',
  'switch_3way',
  'switch_4way',
  'switch_dimmer',
  'luminaire',
  'luminaire_recessed',
  'luminaire_emergency',
  'exit_sign',
  'smoke_detector',
  'co_detector',
  'exhaust_fan',
  'baseboard_heater',
  'thermostat',
  'panel',
  'ev_charger',
  'data_outlet',
  'junction_box',
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
  /**
   * Phase(s) the breaker sits on, from its row (positions 1-2 on A, 3-4 on B, 5-6 on C, …) or
   * the phase column its load is printed under: "A", "B", "C", or "AB"/"BC"/"ABC" for a multi-pole
   * breaker. Absent when the panel's phase count is unknown.
   */
  phase: z.string().optional(),
  /** Connected load in volt-amperes as printed (sum over the phase columns of a multi-pole breaker). */
  loadVA: z.number().nonnegative().optional(),
  /** Breaker positions the circuit occupies: [3, 5, 7] for a 3-pole breaker at circuit 3. */
  positions: z.array(z.number().int().positive()).optional(),
});
export type PanelCircuit = z.infer<typeof PanelCircuit>;

export const PanelSchedule = z.object({
  name: z.string(),
  voltage: z.string().nullable(),
  phases: z.number().int().min(1).max(3).nullable(),
  mainA: z.number().positive().nullable(),
  circuits: z.array(PanelCircuit),
  /** Number of breaker positions of the schedule (42 for a 42-circuit panel), spaces included. */
  positionCount: z.number().int().positive().optional(),
  /** Conductors of the supply as printed ("4W" → 4; "3PH+N+E" → 4, the earth not counted). */
  wires: z.number().int().min(2).max(5).optional(),
  /** Main lugs only, or a main circuit breaker. */
  mains: z.enum(['MLO', 'MCB']).optional(),
  /** Bus rating in amperes. */
  busA: z.number().positive().optional(),
  /** Interrupting rating in amperes ("22,000 AIC" → 22000, "6kA" → 6000). */
  aic: z.number().positive().optional(),
  /** Upstream panel or source as printed ("MDP", "DB-GF"). */
  fedFrom: z.string().optional(),
  mounting: z.string().optional(),
  /** Totals printed in the footer, in volt-amperes. */
  connectedLoadVA: z.number().nonnegative().optional(),
  demandLoadVA: z.number().nonnegative().optional(),
});
export type PanelSchedule = z.infer<typeof PanelSchedule>;

/** A word read by OCR where the page has no text layer (scans, SHX strokes, outlined text). */
export const OcrWord = z.object({
  text: z.string(),
  source: z.literal('ocr'),
  /** Engine confidence 0-1. */
  confidence: z.number().min(0).max(1),
  /** Bounding box [x0, y0, x1, y1] in PDF points. */
  bbox: z.tuple([z.number(), z.number(), z.number(), z.number()]),
});
export type OcrWord = z.infer<typeof OcrWord>;

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
  /** Plain text of the page in reading order (text layer, plus the OCR words when it had none). */
  text: z.string(),
  /** Words read by OCR on this page (present only when the page needed OCR). */
  ocrWords: z.array(OcrWord).optional(),
});
export type AnalysisPage = z.infer<typeof AnalysisPage>;

export const AnalysisWarning = z.object({
  code: z.string(),
  message: z.string(),
  page: z.number().int().positive().nullable(),
});
export type AnalysisWarning = z.infer<typeof AnalysisWarning>;

/**
 * A legend row whose wording and symbol code name no known device type: its symbols are counted
 * as `other` until an estimator maps the wording to a type (legend mappings).
 */
export const UnresolvedLegendEntry = z.object({
  symbolId: z.string(),
  /** The description as printed in the legend. */
  label: z.string(),
  /** Page of the legend that holds the row. */
  page: z.number().int().positive(),
  /** Where the legend draws the symbol, [x0, y0, x1, y1] in PDF points, page space. */
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
  /**
   * Legend rows left as `other` (see `UnresolvedLegendEntry`). Always set by the analyser;
   * optional so that analyses stored before it existed still parse.
   */
  unresolvedLegendEntries: z.array(UnresolvedLegendEntry).optional(),
});
export type PlanAnalysis = z.infer<typeof PlanAnalysis>;
