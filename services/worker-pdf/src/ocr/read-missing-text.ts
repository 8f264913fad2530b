import { createCanvas } from '@napi-rs/canvas';
import { expandBBox, intersectBBox } from '@saeq/plan-analysis/geometry';
import {
  crowdedLines,
  dpiForLetters,
  fontSizeOfWordBox,
  missedShortWords,
  ocrNeed,
  ocrZones,
  wantsUpwardReading,
  withOcrWords,
} from '@saeq/plan-analysis/ocr-text';
import type {
  BBox,
  ExtractedDocument,
  ExtractedPage,
  PathPrimitive,
  TextItem,
} from '@saeq/plan-analysis/primitives';
import { textItemBBox } from '@saeq/plan-analysis/text-lines';
import { traceScan } from '@saeq/plan-analysis/trace-scan';
import { loadPdfjs, type Pdfjs, safeDocumentParams } from '../extraction/pdfjs.ts';
import { eraseLongRules, grayPnm } from './gray-image.ts';
import { OCR_DEFAULTS } from './ocr-defaults.ts';
import type { OcrEngine, OcrWord } from './tesseract-engine.ts';

export type OcrOptions = {
  /** Rendering resolution for OCR. Default OCR_DEFAULTS.dpi. */
  dpi?: number;
  /** Largest rendered page, in pixels (an A1 sheet at 200 dpi is 31 MP): the dpi drops to fit. */
  maxPixels?: number;
  /** Pages read at most (the first ones that need it); 0 turns OCR off. Default: all. */
  maxPages?: number;
};

/** What OCR did on one page. */
export type OcrPageReport = { page: number; words: number; ms: number };

/**
 * Reads by OCR the words of the pages whose text layer is missing (`ocrNeed`: scans, SHX strokes,
 * outlined text) and adds them to those pages' text items, marked `source: 'ocr'` with their
 * confidence, in page space (the page's /Rotate and box origin undone). Other pages are returned
 * untouched and nothing is rendered for them. The engine is created on the first page that needs
 * it (`getEngine`), so a document with a text layer never starts one. Pages are read in parallel
 * up to the engine's `concurrency`; `reports` are in page order. A page whose words hold a
 * transposed distribution-board table with a description row is read a second time turned a
 * quarter turn (its descriptions are often written upwards); other pages are read once. A scan's
 * image is also traced into outline paths (`traceScan`, marked `source: 'scan'`) added to its
 * page, so its symbols can be matched like a drawing's. On an outlined page, the short words
 * sparse OCR dropped beside words it read (circuit numbers, poles) are read once more as one
 * block (`readShortWords`), and a line crowded against the next one is read again alone
 * (`readCrowdedLines`).
 */
export async function readMissingText(
  data: Uint8Array,
  doc: ExtractedDocument,
  getEngine: () => Promise<OcrEngine>,
  opts: OcrOptions = {},
): Promise<{ doc: ExtractedDocument; reports: OcrPageReport[] }> {
  const targets = doc.pages
    .filter((p) => ocrNeed(p) !== null)
    .slice(0, opts.maxPages ?? Number.POSITIVE_INFINITY);
  if (targets.length === 0) return { doc, reports: [] };
  const reports: OcrPageReport[] = [];
  const pdfjs = await loadPdfjs();
  const pdf = await pdfjs.getDocument(safeDocumentParams(data)).promise;
  const pages = [...doc.pages];
  const reading = new Set<Promise<void>>();
  const plans = targets.map((target) => ({ target, pieces: piecesToRead(target, opts) }));
  const words = new Map<number, TextItem[]>(targets.map((t) => [t.number, []]));
  const started = new Map<number, number>();
  const traced = new Map<number, PathPrimitive[]>();
  const ended = new Map<number, number>();
  try {
    const engine = await getEngine();
    // Pieces are drawn one at a time here while the engine reads up to `concurrency` of them on
    // its own threads: drawing piece n + 1 overlaps reading piece n. At most concurrency + 1
    // rendered pieces are held at once (a 12 MP grey image is 12 MB).
    for (const { target, pieces } of plans) {
      for (const piece of pieces) {
        while (reading.size >= engine.concurrency) await Promise.race(reading);
        if (!started.has(target.number)) started.set(target.number, Date.now());
        const rendered = await renderForOcr(pdf, target.number, opts, 0, piece);
        // A scan has no drawing to match symbols on but its image: its ink is traced into
        // outlines once its words are read (their ink is left out, see `wordsToBlank`).
        const { width, height } = rendered;
        const scan =
          piece.box === undefined && ocrNeed(target) === 'scanned'
            ? Uint8Array.from(rendered.image.subarray(rendered.image.length - width * height))
            : null;
        const read: Promise<void> = engine
          .recognize(rendered.image)
          .then((found) => {
            const items = found
              .map((w) => wordToTextItem(w, rendered.toPage))
              .filter((w) => piece.keep === undefined || centreIn(w, piece.keep));
            words.get(target.number)?.push(...items);
            if (scan)
              traced.set(
                target.number,
                traceScan(scan, width, height, rendered.toPage, { blank: wordsToBlank(found) }),
              );
            ended.set(target.number, Date.now());
          })
          .finally(() => reading.delete(read));
        // Seen by the race or the Promise.all below; this keeps a failure meanwhile from counting as
        // an unhandled rejection (which would end the thread).
        read.catch(() => {});
        reading.add(read);
      }
    }
    await Promise.all(reading);
    for (const { target } of plans) {
      let items = words.get(target.number) ?? [];
      if (ocrNeed(target) === 'outlined_text') {
        items = await readCrowdedLines(pdf, target, items, engine, opts);
        items.push(...(await readShortWords(pdf, target, items, engine, opts)));
        ended.set(target.number, Date.now());
      }
      let merged = withOcrWords(target, items);
      // Board tables printed transposed write their descriptions upwards: read the page turned
      // a quarter turn clockwise too, keeping only the words that run up the page.
      if (wantsUpwardReading(items)) {
        const turned = await renderForOcr(pdf, target.number, opts, 90);
        const upward = (await engine.recognize(turned.image))
          .map((w) => wordToTextItem(w, turned.toPage))
          .filter((w) => Math.abs(w.angle - 90) < 5);
        const again = withOcrWords(merged.page, upward);
        merged = { page: again.page, added: [...merged.added, ...again.added] };
        ended.set(target.number, Date.now());
      }
      const index = pages.findIndex((p) => p.number === target.number);
      const outlines = traced.get(target.number) ?? [];
      pages[index] =
        outlines.length > 0 ? { ...merged.page, paths: [...merged.page.paths, ...outlines] } : merged.page;
      const ms = (ended.get(target.number) ?? Date.now()) - (started.get(target.number) ?? Date.now());
      reports.push({ page: target.number, words: merged.added.length, ms });
    }
  } finally {
    // A failed page fails the job; the pages still being read finish before the document closes.
    await Promise.allSettled(reading);
    await pdf.destroy();
  }
  reports.sort((a, b) => a.page - b.page);
  return { doc: { ...doc, pages }, reports };
}

/**
 * One image to read: the whole page at the asked dpi (scans), or a tile of a text zone of an
 * outlined page at the dpi its letters need, with its rules erased. `keep` is the part of the
 * tile whose words are kept (tiles overlap so a word on a cut is read whole by one of them).
 */
type Piece = { box?: BBox; dpi?: number; eraseRulesPx?: number; keep?: BBox; padPx?: number };

/** Largest number of pixels drawn for one outlined page (its zones, at their dpi). */
const OUTLINED_PAGE_MAX_PIXELS = 40_000_000;

/**
 * The pieces of a page to read. A scan is read whole. An outlined page is read zone by zone
 * (`ocrZones`) at `dpiForLetters` (never below the asked dpi unless the zones together would pass
 * 40 MP), each zone cut into tiles of at most `maxPixels`, with ruling lines erased (runs longer
 * than 12 pt: no glyph-sized path is that long, see `ocrNeed`).
 */
function piecesToRead(page: ExtractedPage, opts: OcrOptions): Piece[] {
  if (ocrNeed(page) !== 'outlined_text') return [{}];
  const { zones, letterHeightPt } = ocrZones(page);
  if (zones.length === 0) return [{}];
  const baseDpi = opts.dpi ?? OCR_DEFAULTS.dpi;
  let dpi = dpiForLetters(letterHeightPt, baseDpi);
  const area = zones.reduce((a, z) => a + (z[2] - z[0]) * (z[3] - z[1]), 0);
  const pixels = area * (dpi / 72) ** 2;
  if (pixels > OUTLINED_PAGE_MAX_PIXELS) dpi = Math.floor(dpi * Math.sqrt(OUTLINED_PAGE_MAX_PIXELS / pixels));
  const maxPixels = opts.maxPixels ?? 12_000_000;
  const eraseRulesPx = Math.round((12 / 72) * dpi);
  // Tiles overlap by 15 letter heights, more than half of a long word: a word cut by one tile's
  // edge has its centre in the part of the other tile that keeps it, read whole.
  const overlap = 15 * (letterHeightPt ?? 5);
  const pieces: Piece[] = [];
  for (const z of zones) {
    const w = z[2] - z[0];
    const h = z[3] - z[1];
    const tiles = Math.max(1, Math.ceil((w * h * (dpi / 72) ** 2) / maxPixels));
    // Cut along the longer side first, in strips as near to square as the count allows.
    const nx =
      w >= h
        ? Math.ceil(Math.sqrt((tiles * w) / h))
        : Math.max(1, Math.round(tiles / Math.ceil(Math.sqrt((tiles * h) / w))));
    const ny = Math.ceil(tiles / nx);
    for (let i = 0; i < nx; i++) {
      for (let j = 0; j < ny; j++) {
        const keep: BBox = [
          z[0] + (w * i) / nx,
          z[1] + (h * j) / ny,
          z[0] + (w * (i + 1)) / nx,
          z[1] + (h * (j + 1)) / ny,
        ];
        const box: BBox = [
          Math.max(z[0], keep[0] - overlap),
          Math.max(z[1], keep[1] - overlap),
          Math.min(z[2], keep[2] + overlap),
          Math.min(z[3], keep[3] + overlap),
        ];
        pieces.push(nx * ny > 1 ? { box, dpi, eraseRulesPx, keep } : { box, dpi, eraseRulesPx });
      }
    }
  }
  return pieces;
}

/**
 * The pixel boxes of the words whose ink is left out of a scan's traced outlines: words read
 * with some confidence (≥ 50 %) holding a letter, digit or "$", and the gap between two of them
 * side by side on one line, closer than 2.5 times their height (a dash or a comma OCR leaves out of both).
 * A vector sheet's words are text, never paths; a symbol OCR mistakes for a letter ("O" for a
 * circle) is mostly read with less confidence and stays ink.
 */
function wordsToBlank(found: readonly OcrWord[]): [number, number, number, number][] {
  const words = found
    .filter((w) => w.confidence >= 0.5 && /[\p{L}\p{N}$]/u.test(w.text))
    .sort((a, b) => a.x0 - b.x0);
  const boxes: [number, number, number, number][] = words.map((w) => [
    w.x0 - 1,
    w.y0 - 1,
    w.x1 + 1,
    w.y1 + 1,
  ]);
  for (const [i, a] of words.entries()) {
    const h = a.y1 - a.y0;
    const next = words
      .slice(i + 1)
      .find(
        (b) =>
          b.x0 >= a.x1 &&
          Math.min(a.y1, b.y1) - Math.max(a.y0, b.y0) >= 0.5 * Math.min(h, b.y1 - b.y0) &&
          Math.abs(h - (b.y1 - b.y0)) < 0.5 * h,
      );
    if (next && next.x0 - a.x1 < 2.5 * h)
      boxes.push([a.x1, Math.max(a.y0, next.y0), next.x0, Math.min(a.y1, next.y1)]);
  }
  return boxes;
}

/** Strips of short words read together in one image at most. */
const STRIPS_PER_IMAGE = 40;

/**
 * The words of an outlined page with each crowded line (`crowdedLines`: its ink nearly touching
 * the next line's) read again alone, drawn clipped to its band with white paper around it: read
 * with its neighbour, Tesseract garbled both ("TOTAL: 42300 VA" over "PANEL: LP-3" gave "rs RS").
 * The words read in a band replace those whose centre lies in it, unless they were read with
 * less confidence.
 */
async function readCrowdedLines(
  pdf: PdfjsDocument,
  page: ExtractedPage,
  read: readonly TextItem[],
  engine: OcrEngine,
  opts: OcrOptions,
): Promise<TextItem[]> {
  const { letterHeightPt: letter } = ocrZones(page);
  const bands = crowdedLines(page, letter);
  let out = [...read];
  if (bands.length === 0 || letter === null) return out;
  const dpi = dpiForLetters(letter, opts.dpi ?? OCR_DEFAULTS.dpi);
  const meanConfidence = (ws: readonly TextItem[]) =>
    ws.reduce((a, w) => a + (w.confidence ?? 1), 0) / Math.max(1, ws.length);
  for (const band of bands) {
    const cut = await renderForOcr(pdf, page.number, opts, 0, {
      box: band,
      dpi,
      eraseRulesPx: Math.round((12 / 72) * dpi),
      padPx: Math.round((2 * letter * dpi) / 72),
    });
    const words = (await engine.recognize(cut.image, { layout: 'block' }))
      .map((w) => wordToTextItem(w, cut.toPage))
      .filter((w) => centreIn(w, band));
    const before = out.filter((w) => centreIn(w, band));
    if (words.length === 0 || meanConfidence(words) < meanConfidence(before)) continue;
    out = [...out.filter((w) => !centreIn(w, band)), ...words];
  }
  return out;
}

/**
 * The one- to three-letter words of an outlined page that sparse OCR left out (`missedShortWords`:
 * circuit numbers, poles). Their boxes, with a letter height of paper around them, are joined
 * into strips (a schedule's CCT column is one strip), each strip drawn once and the strips
 * stacked into one image read as a block of lines, so sparse mode's habit of dropping isolated
 * short words does not apply. A word read is mapped back through its strip and kept when its
 * centre lies in one of the boxes (a strip's edges may cut a neighbour's letters).
 */
async function readShortWords(
  pdf: PdfjsDocument,
  page: ExtractedPage,
  read: readonly TextItem[],
  engine: OcrEngine,
  opts: OcrOptions,
): Promise<TextItem[]> {
  const { letterHeightPt: letter } = ocrZones(page);
  const boxes = missedShortWords(page, read, letter);
  if (boxes.length === 0 || letter === null) return [];
  const dpi = dpiForLetters(letter, opts.dpi ?? OCR_DEFAULTS.dpi);
  const padded = boxes.map(
    (b): BBox => [
      Math.max(0, b[0] - letter),
      Math.max(0, b[1] - 0.5 * letter),
      Math.min(page.widthPt, b[2] + letter),
      Math.min(page.heightPt, b[3] + 0.5 * letter),
    ],
  );
  const strips = shortWordStrips(padded, 2 * letter);
  const keep = boxes.map((b) => expandBBox(b, 0.5 * letter));
  const out: TextItem[] = [];
  for (let start = 0; start < strips.length; start += STRIPS_PER_IMAGE) {
    const cuts: Awaited<ReturnType<typeof renderForOcr>>[] = [];
    for (const box of strips.slice(start, start + STRIPS_PER_IMAGE)) {
      cuts.push(
        await renderForOcr(pdf, page.number, opts, 0, {
          box,
          dpi,
          eraseRulesPx: Math.round((12 / 72) * dpi),
        }),
      );
    }
    const gap = Math.round((letter * dpi) / 72);
    const width = Math.max(...cuts.map((c) => c.width)) + 2 * gap;
    const tops: number[] = [];
    let height = gap;
    for (const c of cuts) {
      tops.push(height);
      height += c.height + gap;
    }
    const pixels = new Uint8Array(width * height).fill(255);
    cuts.forEach((c, i) => {
      const grey = c.image.subarray(c.image.length - c.width * c.height);
      whitenOutside(grey, c, padded);
      for (let y = 0; y < c.height; y++) {
        pixels.set(grey.subarray(y * c.width, (y + 1) * c.width), ((tops[i] as number) + y) * width + gap);
      }
    });
    const header = Buffer.from(`P5\n${width} ${height}\n255\n`, 'ascii');
    const found = await engine.recognize(Buffer.concat([header, pixels]), { layout: 'block' });
    for (const w of found) {
      const cy = (w.y0 + w.y1) / 2;
      const i = tops.findIndex((t, k) => cy >= t && cy < t + (cuts[k]?.height ?? 0));
      const cut = cuts[i];
      if (cut === undefined) continue;
      const top = tops[i] as number;
      const item = wordToTextItem(
        { ...w, x0: w.x0 - gap, x1: w.x1 - gap, y0: w.y0 - top, y1: w.y1 - top },
        cut.toPage,
      );
      if (keep.some((k) => centreIn(item, k))) out.push(item);
    }
  }
  return out;
}

/**
 * Paints white, in place, the pixels of a drawn strip outside every box (page space): between the
 * short words of a strip lie rules and other ink Tesseract would join to them.
 */
function whitenOutside(
  grey: Uint8Array,
  cut: { width: number; height: number; toPage: (px: number, py: number) => [number, number] },
  boxes: readonly BBox[],
): void {
  const [ox, oy] = cut.toPage(0, 0);
  const [ax, ay] = cut.toPage(1, 0);
  const [bx, by] = cut.toPage(0, 1);
  // toPage is affine: page = o + px·(a − o) + py·(b − o); its inverse maps each box to pixels.
  const [m00, m10, m01, m11] = [ax - ox, ay - oy, bx - ox, by - oy];
  const det = m00 * m11 - m01 * m10;
  if (det === 0) return;
  const toPixel = (x: number, y: number): [number, number] => [
    (m11 * (x - ox) - m01 * (y - oy)) / det,
    (-m10 * (x - ox) + m00 * (y - oy)) / det,
  ];
  const inside = new Uint8Array(grey.length);
  for (const [x0, y0, x1, y1] of boxes) {
    const [ax0, ay0] = toPixel(x0, y0);
    const [ax1, ay1] = toPixel(x1, y1);
    const c0 = Math.max(0, Math.floor(Math.min(ax0, ax1)));
    const c1 = Math.min(cut.width, Math.ceil(Math.max(ax0, ax1)));
    const r0 = Math.max(0, Math.floor(Math.min(ay0, ay1)));
    const r1 = Math.min(cut.height, Math.ceil(Math.max(ay0, ay1)));
    for (let r = r0; r < r1; r++) if (c1 > c0) inside.fill(1, r * cut.width + c0, r * cut.width + c1);
  }
  for (let i = 0; i < grey.length; i++) if (inside[i] === 0) grey[i] = 255;
}

/** Boxes joined while they overlap once widened by `reach` (boxes in one column a few rows apart). */
function shortWordStrips(boxes: readonly BBox[], reach: number): BBox[] {
  let strips = [...boxes];
  let joined = true;
  while (joined) {
    joined = false;
    const next: BBox[] = [];
    for (const b of strips) {
      const hit = next.findIndex((o) => intersectBBox(expandBBox(o, reach), b) !== null);
      const o = next[hit];
      if (o) {
        next[hit] = [Math.min(o[0], b[0]), Math.min(o[1], b[1]), Math.max(o[2], b[2]), Math.max(o[3], b[3])];
        joined = true;
      } else next.push(b);
    }
    strips = next;
  }
  return strips;
}

/** Whether the centre of a word's box lies in `box` (page space). */
function centreIn(item: TextItem, box: BBox): boolean {
  const [x0, y0, x1, y1] = textItemBBox(item);
  const cx = (x0 + x1) / 2;
  const cy = (y0 + y1) / 2;
  return cx >= box[0] && cx < box[2] && cy >= box[1] && cy < box[3];
}

type PdfjsDocument = Awaited<ReturnType<Pdfjs['getDocument']>['promise']>;

/**
 * One page, or one piece of it (`piece.box`, page space), drawn for OCR at the piece's dpi or the
 * asked one (lower when it would pass `maxPixels`), turned `turn` degrees clockwise, as a grey
 * PNM image (its long rules erased when the piece says so), with the map from image pixels to
 * page space (the turn, the page's /Rotate, its box origin and the piece's offset undone).
 */
async function renderForOcr(
  pdf: PdfjsDocument,
  pageNumber: number,
  opts: OcrOptions,
  turn = 0,
  piece: Piece = {},
): Promise<{
  image: Buffer;
  width: number;
  height: number;
  toPage: (px: number, py: number) => [number, number];
}> {
  const page = await pdf.getPage(pageNumber);
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
  // A padded piece is drawn clipped to its box with white paper around it (a line read alone).
  const pad = piece.padPx ?? 0;
  const viewport = page.getViewport({ scale, rotation, offsetX: pad - ox, offsetY: pad - oy });
  const inner = [Math.max(1, Math.round(width)), Math.max(1, Math.round(height))] as const;
  width = inner[0] + 2 * pad;
  height = inner[1] + 2 * pad;
  const canvas = createCanvas(width, height);
  try {
    const ctx = canvas.getContext('2d');
    // Tesseract reads dark text on white; PDF pages are transparent where nothing is drawn.
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, width, height);
    if (pad > 0) {
      ctx.beginPath();
      ctx.rect(pad, pad, inner[0], inner[1]);
      ctx.clip();
    }
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
    page.cleanup();
  }
}

/** A word's box in pixels → a text run in page space: baseline along the box's bottom edge. */
function wordToTextItem(w: OcrWord, toPage: (px: number, py: number) => [number, number]): TextItem {
  const [bx0, by0] = toPage(w.x0, w.y1);
  const [bx1, by1] = toPage(w.x1, w.y1);
  const [tx, ty] = toPage(w.x0, w.y0);
  const width = Math.hypot(bx1 - bx0, by1 - by0);
  const height = Math.hypot(tx - bx0, ty - by0);
  const angle = (Math.atan2(by1 - by0, bx1 - bx0) * 180) / Math.PI;
  // The box bottom is the descender line; the baseline sits ~0.2 h above it (see textItemBBox).
  const lift = 0.2 * height;
  const rad = (angle * Math.PI) / 180;
  return {
    str: w.text,
    x: bx0 - lift * Math.sin(rad),
    y: by0 + lift * Math.cos(rad),
    width,
    height,
    fontSize: fontSizeOfWordBox(w.text, height),
    angle,
    fontName: 'ocr',
    source: 'ocr',
    confidence: w.confidence,
  };
}
