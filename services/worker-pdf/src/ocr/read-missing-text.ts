import { expandBBox, intersectBBox, unionBBoxes } from '@saeq/plan-analysis/geometry';
import {
  crowdedLines,
  dpiForLetters,
  missedShortWords,
  type OcrZones,
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
import { traceScan } from '@saeq/plan-analysis/trace-scan';
import { loadPdfjs, safeDocumentParams } from '../extraction/pdfjs.ts';
import { OCR_DEFAULTS } from './ocr-defaults.ts';
import { type DrawnPiece, type PageDrawer, type Piece, pageDrawer } from './page-drawer.ts';
import { readStacked } from './read-stacked.ts';
import type { OcrEngine, OcrWord } from './tesseract-engine.ts';
import { centreIn, wordToTextItem } from './word-to-text-item.ts';

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
 * (`readCrowdedLines`); each of those re-reads is one recognize call for the whole page, and a
 * page's pieces are drawn from one parse of its content (`pageDrawer`).
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
  const drawer = pageDrawer(pdf);
  const pages = [...doc.pages];
  const reading = new Set<Promise<void>>();
  // An outlined page's zones and letter height are found once (its paths flattened once), for
  // its first reading and its re-reads alike.
  const plans = targets.map((target) => {
    const zones = ocrNeed(target) === 'outlined_text' ? ocrZones(target) : null;
    return { target, zones, pieces: piecesToRead(zones, opts) };
  });
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
        const rendered = await drawer.draw(target.number, opts, 0, piece);
        if (piece.ink) whitenOutside(greyOf(rendered), rendered, piece.ink);
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
    for (const { target, zones } of plans) {
      let items = words.get(target.number) ?? [];
      const letter = zones?.letterHeightPt ?? null;
      if (zones !== null && letter !== null) {
        const reread = { drawer, page: target, letter, engine, opts };
        items = await readCrowdedLines(reread, items);
        items.push(...(await readShortWords(reread, items)));
        ended.set(target.number, Date.now());
      }
      let merged = withOcrWords(target, items);
      // Board tables printed transposed write their descriptions upwards: read the page turned
      // a quarter turn clockwise too, keeping only the words that run up the page.
      if (wantsUpwardReading(items)) {
        const piece = turnedPiece(zones, opts);
        const turned = await drawer.draw(target.number, opts, 90, piece);
        if (piece.ink) whitenOutside(greyOf(turned), turned, piece.ink);
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
    drawer.close();
    await pdf.destroy();
  }
  reports.sort((a, b) => a.page - b.page);
  return { doc: { ...doc, pages }, reports };
}

/** Largest number of pixels drawn for one outlined page (its zones, at their dpi). */
const OUTLINED_PAGE_MAX_PIXELS = 40_000_000;

/**
 * The pieces of a page to read. A scan is read whole. An outlined page is read zone by zone
 * (`ocrZones`, given as `ocr`) at `dpiForLetters` (never below the asked dpi unless the zones together would pass
 * 40 MP), each zone cut into tiles of at most `maxPixels`, with ruling lines erased (runs longer
 * than 12 pt: no glyph-sized path is that long, see `ocrNeed`). When many zones were joined into
 * one box, each tile of it carries the zones it meets (`ink`), and one meeting none is skipped.
 */
function piecesToRead(ocr: OcrZones | null, opts: OcrOptions): Piece[] {
  if (ocr === null || ocr.zones.length === 0) return [{}];
  const { zones, letterHeightPt } = ocr;
  const joined = ocr.inked.length > zones.length;
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
        const piece: Piece = nx * ny > 1 ? { box, dpi, eraseRulesPx, keep } : { box, dpi, eraseRulesPx };
        if (!joined) pieces.push(piece);
        else {
          // A tile of the box around many zones: only its zones are read, the drawing between
          // them (walls, symbols: most of a floor plan's ink, and most of Tesseract's time on it)
          // is painted white; a tile without a zone is not read.
          const ink = ocr.inked.filter((b) => intersectBBox(b, box) !== null);
          if (ink.length > 0) pieces.push({ ...piece, ink });
        }
      }
    }
  }
  return pieces;
}

/**
 * What a page turned a quarter turn is read as: a scan whole; an outlined page only over the box
 * around its text zones (`ocr.inked`), the drawing outside them painted white (`ink`) and its
 * rules erased like its first reading's. Upward words are letters like the others, so they lie in
 * the zones; the paper, the frame and the wiring of a single-line diagram between them held most
 * of the turned page's ink and cost Tesseract time for no word.
 */
function turnedPiece(ocr: OcrZones | null, opts: OcrOptions): Piece {
  const box = ocr === null ? null : unionBBoxes(ocr.inked);
  if (ocr === null || box === null) return {};
  const dpi = opts.dpi ?? OCR_DEFAULTS.dpi;
  return { box, ink: ocr.inked, eraseRulesPx: Math.round((12 / 72) * dpi) };
}

/** The grey pixels of a drawn piece (its PNM image without the header), to edit in place. */
function greyOf(drawn: DrawnPiece): Uint8Array {
  return drawn.image.subarray(drawn.image.length - drawn.width * drawn.height);
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

/** What re-reading part of an outlined page needs: its drawer, the page, its letter height (pt). */
type Reread = {
  drawer: PageDrawer;
  page: ExtractedPage;
  letter: number;
  engine: OcrEngine;
  opts: OcrOptions;
};

/**
 * The words read again in each of `boxes` of an outlined page, drawn at the dpi its letters need
 * with their rules erased and stacked `gapLetters` letter heights apart into images read as
 * blocks of lines (`readStacked`): one recognize call for all the page's crowded lines, one for
 * its short words, however many there are.
 */
function rereadBoxes(
  { drawer, page, letter, engine, opts }: Reread,
  boxes: readonly BBox[],
  gapLetters: number,
  prepare?: (grey: Uint8Array, cut: DrawnPiece) => void,
): Promise<TextItem[][]> {
  const dpi = dpiForLetters(letter, opts.dpi ?? OCR_DEFAULTS.dpi);
  const eraseRulesPx = Math.round((12 / 72) * dpi);
  const draw = (box: BBox) => drawer.draw(page.number, opts, 0, { box, dpi, eraseRulesPx });
  return readStacked(boxes, draw, engine, Math.round((gapLetters * letter * dpi) / 72), prepare);
}

/**
 * The words of an outlined page with each crowded line (`crowdedLines`: its ink nearly touching
 * the next line's) read again alone, drawn clipped to its band with two letter heights of white
 * paper around it (the bands of a page are stacked into one image, see `rereadBoxes`): read with
 * its neighbour, Tesseract garbled both ("TOTAL: 42300 VA" over "PANEL: LP-3" gave "rs RS").
 * The words read in a band replace those whose centre lies in it, unless they were read with
 * less confidence.
 */
async function readCrowdedLines(reread: Reread, read: readonly TextItem[]): Promise<TextItem[]> {
  const bands = crowdedLines(reread.page, reread.letter);
  let out = [...read];
  if (bands.length === 0) return out;
  const meanConfidence = (ws: readonly TextItem[]) =>
    ws.reduce((a, w) => a + (w.confidence ?? 1), 0) / Math.max(1, ws.length);
  const again = await rereadBoxes(reread, bands, 2);
  bands.forEach((band, i) => {
    const words = (again[i] ?? []).filter((w) => centreIn(w, band));
    const before = out.filter((w) => centreIn(w, band));
    if (words.length === 0 || meanConfidence(words) < meanConfidence(before)) return;
    out = [...out.filter((w) => !centreIn(w, band)), ...words];
  });
  return out;
}

/**
 * The one- to three-letter words of an outlined page that sparse OCR left out (`missedShortWords`:
 * circuit numbers, poles). Their boxes, with a letter height of paper around them, are joined
 * into strips (a schedule's CCT column is one strip), each strip drawn once and the strips
 * stacked into one image read as a block of lines (`rereadBoxes`), so sparse mode's habit of
 * dropping isolated short words does not apply. A word read is kept when its centre lies in one
 * of the boxes (a strip's edges may cut a neighbour's letters).
 */
async function readShortWords(reread: Reread, read: readonly TextItem[]): Promise<TextItem[]> {
  const { page, letter } = reread;
  const boxes = missedShortWords(page, read, letter);
  if (boxes.length === 0) return [];
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
  const found = await rereadBoxes(reread, strips, 1, (grey, cut) => whitenOutside(grey, cut, padded));
  return found.flat().filter((item) => keep.some((k) => centreIn(item, k)));
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
