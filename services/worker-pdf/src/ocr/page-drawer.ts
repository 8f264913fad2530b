import { createCanvas } from '@napi-rs/canvas';
import type { BBox } from '@saeq/plan-analysis/primitives';
import type { Pdfjs } from '../extraction/pdfjs.ts';
import { eraseLongRules, grayPnm } from './gray-image.ts';
import { OCR_DEFAULTS } from './ocr-defaults.ts';

export type PdfjsDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

/**
 * One image to read: the whole page at the asked dpi (scans), or a piece of it (`box`, page space)
 * at its own dpi, with its rules erased (`eraseRulesPx`).
 * `keep` is the part of a tile whose words are kept (tiles overlap so a word on a cut is read
 * whole by one of them); `ink`, when given, the parts of it holding text (the rest is painted
 * white before it is read, see the caller).
 */
export type Piece = { box?: BBox; dpi?: number; eraseRulesPx?: number; keep?: BBox; ink?: BBox[] };

/** Resolution asked for a page: `dpi` unless the piece says otherwise, lower past `maxPixels`. */
export type DrawOptions = { dpi?: number; maxPixels?: number };

/** A drawn piece: a grey PNM image and the map from its pixels to page space. */
export type DrawnPiece = {
  image: Buffer;
  width: number;
  height: number;
  toPage: (px: number, py: number) => [number, number];
};

/** Draws pieces of a document's pages for OCR (see `draw`); `close` frees the last page drawn. */
export type PageDrawer = {
  draw(pageNumber: number, opts: DrawOptions, turn?: number, piece?: Piece): Promise<DrawnPiece>;
  close(): void;
};

/**
 * A drawer that keeps the page it last drew open: pdfjs keeps a page's parsed drawing operators
 * until `cleanup`, so the pieces of one page (its zone tiles, then its re-read lines and short
 * words) parse its content stream once, not once per piece. On a stroke-text sheet of tens of
 * thousands of paths that parse, not the drawing of a 50 × 50 px strip, was most of a re-read's
 * cost. A page is cleaned up when another one is drawn, or on `close`.
 */
export function pageDrawer(pdf: PdfjsDocument): PageDrawer {
  let open: { number: number; page: Awaited<ReturnType<PdfjsDocument['getPage']>> } | null = null;
  const release = () => {
    open?.page.cleanup();
    open = null;
  };
  return {
    async draw(pageNumber, opts, turn = 0, piece = {}) {
      if (open?.number !== pageNumber) {
        release();
        open = { number: pageNumber, page: await pdf.getPage(pageNumber) };
      }
      return drawPiece(open.page, opts, turn, piece);
    },
    close: release,
  };
}

/**
 * One page, or one piece of it (`piece.box`, page space), drawn for OCR at the piece's dpi or the
 * asked one (lower when it would pass `maxPixels`), turned `turn` degrees clockwise, as a grey
 * PNM image (its long rules erased when the piece says so), with the map from image pixels to
 * page space (the turn, the page's /Rotate, its box origin and the piece's offset undone).
 */
async function drawPiece(
  page: Awaited<ReturnType<PdfjsDocument['getPage']>>,
  opts: DrawOptions,
  turn: number,
  piece: Piece,
): Promise<DrawnPiece> {
  const [vx0 = 0, vy0 = 0] = page.view;
  const unit = page.getViewport({ scale: 1 });
  let scale = (piece.dpi ?? opts.dpi ?? OCR_DEFAULTS.dpi) / 72;
  const maxPixels = opts.maxPixels ?? 12_000_000;
  const [w, h] = piece.box
    ? [piece.box[2] - piece.box[0], piece.box[3] - piece.box[1]]
    : [unit.width, unit.height];
  const pixels = w * h * scale * scale;
  if (pixels > maxPixels) scale *= Math.sqrt(maxPixels / pixels);
  const rotation = (page.rotate + turn) % 360;
  const full = page.getViewport({ scale, rotation });
  // The piece's box in the full page's pixels: the drawing is shifted so that box starts at 0, 0.
  let [ox, oy, width, height] = [0, 0, full.width, full.height];
  if (piece.box) {
    const [b0, b1, b2, b3] = piece.box;
    const corners = [
      full.convertToViewportPoint(b0 + vx0, b1 + vy0),
      full.convertToViewportPoint(b2 + vx0, b3 + vy0),
    ] as [number, number][];
    const xs = corners.map((c) => c[0]);
    const ys = corners.map((c) => c[1]);
    ox = Math.floor(Math.min(...xs));
    oy = Math.floor(Math.min(...ys));
    width = Math.ceil(Math.max(...xs)) - ox;
    height = Math.ceil(Math.max(...ys)) - oy;
  }
  const viewport = page.getViewport({ scale, rotation, offsetX: -ox, offsetY: -oy });
  width = Math.max(1, Math.round(width));
  height = Math.max(1, Math.round(height));
  const canvas = createCanvas(width, height);
  try {
    const ctx = canvas.getContext('2d');
    // Tesseract reads dark text on white; PDF pages are transparent where nothing is drawn.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    await page.render({ canvas: canvas as unknown as HTMLCanvasElement, viewport }).promise;
    const image = grayPnm(ctx.getImageData(0, 0, width, height).data, width, height);
    if (piece.eraseRulesPx !== undefined) {
      eraseLongRules(image.subarray(image.length - width * height), width, height, piece.eraseRulesPx);
    }
    const toPage = (px: number, py: number): [number, number] => {
      const [x, y] = viewport.convertToPdfPoint(px, py) as [number, number];
      return [x - vx0, y - vy0];
    };
    return { image, width, height, toPage };
  } finally {
    canvas.width = 1;
    canvas.height = 1;
  }
}
