/**
 * What extraction (services/worker-pdf) hands to the analysis: plain, structured-cloneable data.
 *
 * Coordinates are PDF points in page space: origin at the bottom-left corner of the unrotated
 * page (the page box origin is subtracted, so a MediaBox [10 10 622 802] starts at 0,0),
 * y pointing up. `/Rotate` is reported, never applied.
 */

/** Axis-aligned box [x0, y0, x1, y1] with x0 <= x1 and y0 <= y1. */
export type BBox = [number, number, number, number];

/** Affine matrix [a, b, c, d, e, f] as in PDF: x' = a·x + c·y + e, y' = b·x + d·y + f. */
export type Matrix = [number, number, number, number, number, number];

export type PathSegment =
  | { op: 'moveTo'; x: number; y: number }
  | { op: 'lineTo'; x: number; y: number }
  | { op: 'curveTo'; x1: number; y1: number; x2: number; y2: number; x: number; y: number }
  | { op: 'closePath' };

/**
 * One painted path (one `S`/`f`/`B`/… operator) with the current transform already applied.
 * Rectangles (`re`) arrive as moveTo + 3 lineTo + closePath. Paths that only clip
 * (`W n`) are not reported.
 */
export type PathPrimitive = {
  segments: PathSegment[];
  stroke: boolean;
  fill: boolean;
  /** Even-odd fill rule (`f*`, `B*`). */
  evenOdd: boolean;
  /** Line width in page points (scaled by the transform); 0 means the thinnest line. */
  lineWidth: number;
  /** Stroked with a dash pattern (hidden lines, wiring, overhead). */
  dashed: boolean;
  /** Colours as `#rrggbb`. */
  strokeColor: string;
  fillColor: string;
  bbox: BBox;
  /** Set when the path was traced from a scanned page's image (`traceScan`), not drawn by the PDF. */
  source?: 'scan';
};

export type TextItem = {
  str: string;
  /** Origin of the text run (baseline start) in page space. */
  x: number;
  y: number;
  /** Advance along the baseline, in points. */
  width: number;
  /** Glyph height (≈ font size) in points. */
  height: number;
  fontSize: number;
  /** Baseline direction in degrees, counter-clockwise from +x (0 = normal horizontal text). */
  angle: number;
  fontName: string;
  /** Set when the run was read by OCR from the rendered page rather than taken from the text layer. */
  source?: 'ocr';
  /** OCR confidence 0-1 (text-layer runs are certain and carry none). */
  confidence?: number;
};

/** A raster image drawn on the page (scans, logos): where it lands, not its pixels. */
export type ImagePrimitive = {
  bbox: BBox;
  /** Source pixel size, when known. */
  widthPx: number | null;
  heightPx: number | null;
};

export type ExtractedPage = {
  /** 1-based. */
  number: number;
  widthPt: number;
  heightPt: number;
  /** Page /Rotate in degrees (0, 90, 180, 270). */
  rotation: number;
  /** Text layer in reading order, lines joined by "\n". */
  text: string;
  textItems: TextItem[];
  paths: PathPrimitive[];
  images: ImagePrimitive[];
};

export type ExtractedDocument = {
  pageCount: number;
  /** Pages extracted (the first `maxPages` when limited). */
  pages: ExtractedPage[];
  /** Non-fatal problems met while extracting (e.g. a page whose operators could not be read). */
  warnings: { code: string; message: string; page: number | null }[];
};
