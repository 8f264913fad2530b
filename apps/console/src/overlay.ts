import type { DetectedSymbol } from './types.ts';

/**
 * Geometry of the plan viewer, pure. Symbols come in PDF points, page space, origin bottom-left
 * (API.md); the preview PNG maps the full page, so one page point is one unit of the drawing in
 * "top-left page space" (x right, y down), which a scale and an offset take to canvas pixels.
 */

/** Outline colours per device type: each ≥ 4.5:1 against white (also fine as text). */
export const DEVICE_COLORS: Record<string, string> = {
  receptacle: '#1d4ed8',
  receptacle_gfci: '#0e7490',
  receptacle_240v: '#6d28d9',
  receptacle_weatherproof: '#1e40af',
  switch: '#c2410c',
  switch_3way: '#854d0e',
  switch_4way: '#9a3412',
  switch_dimmer: '#7c2d12',
  luminaire: '#a16207',
  luminaire_recessed: '#4d7c0f',
  luminaire_emergency: '#b91c1c',
  exit_sign: '#15803d',
  smoke_detector: '#dc2626',
  co_detector: '#9f1239',
  exhaust_fan: '#047857',
  baseboard_heater: '#be185d',
  thermostat: '#334155',
  panel: '#000000',
  ev_charger: '#166534',
  data_outlet: '#4338ca',
  junction_box: '#374151',
  other: '#525252',
};

export function colorOf(type: string): string {
  return DEVICE_COLORS[type] ?? DEVICE_COLORS.other ?? '#525252';
}

/** Zoom (1 = whole page fits) and pan (CSS pixels) of the viewer. */
export type View = { zoom: number; panX: number; panY: number };

export const MIN_ZOOM = 0.5;
export const MAX_ZOOM = 16;
export const FIT_VIEW: View = { zoom: 1, panX: 0, panY: 0 };

export type Size = { width: number; height: number };

/** Scale (CSS px per point) at which the whole page fits the canvas, with a margin. */
export function fitScale(page: Size, canvas: Size, margin = 12): number {
  const w = Math.max(1, canvas.width - 2 * margin);
  const h = Math.max(1, canvas.height - 2 * margin);
  return Math.min(w / page.width, h / page.height);
}

/** Page (top-left space) → canvas: canvas = origin + point × scale. */
export type Transform = { scale: number; originX: number; originY: number };

export function transformFor(page: Size, canvas: Size, view: View): Transform {
  const scale = fitScale(page, canvas) * view.zoom;
  return {
    scale,
    originX: (canvas.width - page.width * scale) / 2 + view.panX,
    originY: (canvas.height - page.height * scale) / 2 + view.panY,
  };
}

/** Canvas pixel → top-left page point. */
export function canvasToPage(t: Transform, x: number, y: number): { x: number; y: number } {
  return { x: (x - t.originX) / t.scale, y: (y - t.originY) / t.scale };
}

/** Smallest box drawn for a symbol with no bbox, points (a device symbol is ~10–15 pt wide). */
const DEFAULT_HALF_SIZE_PT = 7;

/** A symbol's box in top-left page space: its bbox, or a square around its centre. */
export function symbolRect(
  symbol: Pick<DetectedSymbol, 'x' | 'y' | 'bbox'>,
  pageHeightPt: number,
): { x: number; y: number; width: number; height: number } {
  if (symbol.bbox) {
    const [x0, y0, x1, y1] = symbol.bbox;
    const left = Math.min(x0, x1);
    const top = pageHeightPt - Math.max(y0, y1);
    return { x: left, y: top, width: Math.abs(x1 - x0), height: Math.abs(y1 - y0) };
  }
  return {
    x: symbol.x - DEFAULT_HALF_SIZE_PT,
    y: pageHeightPt - symbol.y - DEFAULT_HALF_SIZE_PT,
    width: 2 * DEFAULT_HALF_SIZE_PT,
    height: 2 * DEFAULT_HALF_SIZE_PT,
  };
}

/**
 * The symbol under a top-left page point (within `tolerancePt` of its box), the nearest centre
 * first; null when none.
 */
export function hitTest<S extends Pick<DetectedSymbol, 'x' | 'y' | 'bbox'>>(
  symbols: readonly S[],
  point: { x: number; y: number },
  pageHeightPt: number,
  tolerancePt = 2,
): S | null {
  let best: S | null = null;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const s of symbols) {
    const r = symbolRect(s, pageHeightPt);
    const inside =
      point.x >= r.x - tolerancePt &&
      point.x <= r.x + r.width + tolerancePt &&
      point.y >= r.y - tolerancePt &&
      point.y <= r.y + r.height + tolerancePt;
    if (!inside) continue;
    const d = Math.hypot(point.x - s.x, point.y - (pageHeightPt - s.y));
    if (d < bestDistance) {
      best = s;
      bestDistance = d;
    }
  }
  return best;
}

export function clampZoom(zoom: number): number {
  return Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));
}

/** Zooms by `factor` keeping the page point under canvas pixel (cx, cy) where it is. */
export function zoomAt(view: View, factor: number, cx: number, cy: number, page: Size, canvas: Size): View {
  const zoom = clampZoom(view.zoom * factor);
  const before = transformFor(page, canvas, view);
  const p = canvasToPage(before, cx, cy);
  const scale = fitScale(page, canvas) * zoom;
  return {
    zoom,
    panX: cx - p.x * scale - (canvas.width - page.width * scale) / 2,
    panY: cy - p.y * scale - (canvas.height - page.height * scale) / 2,
  };
}

/**
 * Below this confidence a counted symbol is highlighted for review: the matcher keeps matches
 * from 0.5, and those under 0.75 are the ones estimators most often find wrong (partial ink,
 * overlapping text), so they are worth a second look.
 */
export const LOW_CONFIDENCE = 0.75;

export function isLowConfidence(symbol: Pick<DetectedSymbol, 'confidence'>): boolean {
  return symbol.confidence < LOW_CONFIDENCE;
}

/**
 * The part of the page preview to show for a legend symbol: its box (page space, origin
 * bottom-left) in top-left page space, grown by `marginPt` on each side and kept on the page.
 */
export function cropRect(
  bbox: readonly [number, number, number, number],
  page: Size,
  marginPt = 4,
): { x: number; y: number; width: number; height: number } {
  const x0 = Math.max(0, Math.min(bbox[0], bbox[2]) - marginPt);
  const x1 = Math.min(page.width, Math.max(bbox[0], bbox[2]) + marginPt);
  const top = Math.max(0, page.height - Math.max(bbox[1], bbox[3]) - marginPt);
  const bottom = Math.min(page.height, page.height - Math.min(bbox[1], bbox[3]) + marginPt);
  return { x: x0, y: top, width: Math.max(1, x1 - x0), height: Math.max(1, bottom - top) };
}

/** An estimator's pending corrections on one page, before they are saved as a revision. */
export type PendingCorrections = {
  add: Array<{ type: string; page: number; x: number; y: number }>;
  /** Indices in the page's `symbols` of the revision shown. */
  remove: Array<{ page: number; index: number }>;
};

export const NO_CORRECTIONS: PendingCorrections = { add: [], remove: [] };

/**
 * Toggles the removal of the symbol at `index` of `page` (a second click restores it), or
 * cancels a pending addition when `index` names one (`added: true`).
 */
export function toggleRemoval(
  pending: PendingCorrections,
  page: number,
  index: number,
  added = false,
): PendingCorrections {
  if (added) return { ...pending, add: pending.add.filter((_, i) => i !== index) };
  const marked = pending.remove.some((r) => r.page === page && r.index === index);
  return {
    ...pending,
    remove: marked
      ? pending.remove.filter((r) => !(r.page === page && r.index === index))
      : [...pending.remove, { page, index }],
  };
}

/** Top-left page point (the viewer's space) → page space (origin bottom-left), rounded to 0.01 pt. */
export function toPageSpace(point: { x: number; y: number }, pageHeightPt: number): { x: number; y: number } {
  const round = (v: number) => Math.round(v * 100) / 100;
  return { x: round(point.x), y: round(pageHeightPt - point.y) };
}
