import { bboxArea, intersectBBox } from './geometry.ts';
import type { ExtractedPage, TextItem } from './primitives.ts';
import { classifyPage } from './scanned.ts';
import { groupTextLines, textInReadingOrder, textItemBBox } from './text-lines.ts';
import { hasTransposedDescriptionRow } from './transposed-panel-schedule.ts';

/** Why a page's words must be read by OCR: it is an image, or its text is drawn as strokes/outlines. */
export type OcrNeed = 'scanned' | 'outlined_text';

/** Paths this small (diagonal, points) are glyph-sized: SHX strokes, outlined letters. */
const GLYPH_SIZE_PT = 12;

/**
 * Whether the words of a page are missing from its text layer and must be read by OCR:
 * - `scanned`: the page is an image (see `classifyPage`) with less text than a title;
 * - `outlined_text`: hundreds of glyph-sized paths of at least 12 different sizes (AutoCAD SHX
 *   text is drawn as short strokes, "outlined" text as filled letter shapes; a repeated mark is a
 *   pattern, not text) and fewer text-layer characters than one per 20 of them (and fewer than
 *   400), so most of what reads as text is not in the text layer.
 * Null when the text layer holds the page's words.
 */
export function ocrNeed(page: ExtractedPage): OcrNeed | null {
  const chars = page.textItems.reduce((n, t) => n + t.str.replace(/\s+/g, '').length, 0);
  if (classifyPage(page) === 'scanned') return chars < 40 ? 'scanned' : null;
  let glyphSized = 0;
  const shapes = new Set<string>();
  for (const p of page.paths) {
    const [x0, y0, x1, y1] = p.bbox;
    const diag = Math.hypot(x1 - x0, y1 - y0);
    if (diag <= 0 || diag >= GLYPH_SIZE_PT) continue;
    glyphSized++;
    shapes.add(`${Math.round((x1 - x0) * 2)}x${Math.round((y1 - y0) * 2)}`);
  }
  // Letters come in many shapes; thousands of one repeated mark (hatching, a grid of crosses) are not text.
  const textLike = shapes.size >= 12;
  // A sheet whose text layer holds more than a title block's worth of words is read from it (dense
  // vector sheets have thousands of small symbol and hatch paths beside their real text).
  const fewChars = chars < glyphSized / 20 && chars < 400;
  return textLike && glyphSized >= 300 && fewChars ? 'outlined_text' : null;
}

/**
 * The page with OCR words added to its text items (marked `source: 'ocr'`, with their
 * confidence) and its reading-order text rebuilt. Words below `minConfidence`, words without a
 * letter or digit, and words lying mostly over a text-layer run (that text is already known) are
 * left out.
 */
export function withOcrWords(
  page: ExtractedPage,
  words: readonly TextItem[],
  minConfidence = 0.3,
): { page: ExtractedPage; added: TextItem[] } {
  const layer = page.textItems.filter((t) => t.source !== 'ocr').map(textItemBBox);
  const added = words.filter((w) => {
    if ((w.confidence ?? 1) < minConfidence || !/[\p{L}\p{N}]/u.test(w.str)) return false;
    const box = textItemBBox(w);
    const area = bboxArea(box);
    return !layer.some((b) => {
      const inter = intersectBBox(b, box);
      return inter !== null && bboxArea(inter) > 0.5 * area;
    });
  });
  if (added.length === 0) return { page, added };
  const textItems = [...page.textItems, ...added];
  return { page: { ...page, textItems, text: textInReadingOrder(textItems) }, added };
}

/**
 * The font size behind an OCR word box. The box spans the ink: a word in capitals, digits or
 * lowercase without descenders ("DUPLEX", "20A", "salon") is only as tall as the cap or
 * ascender height, ~0.7 of the font size in common fonts (SHX romans included); one with a
 * descender or brackets ("prise", "(EM)") spans ~0.95 of it. Taking the box height as the size
 * made every inter-word gap look 1.4 times wider, so the words of one legend description or
 * room name stayed apart.
 */
export function fontSizeOfWordBox(text: string, height: number): number {
  return /[gjpqy(),;[\]{}|]/.test(text) ? height / 0.95 : height / 0.72;
}

/**
 * Whether a page read by OCR should also be read turned a quarter turn: its words hold a
 * distribution-board table printed transposed with a description row, whose descriptions are
 * often written upwards (Tesseract reads horizontal lines only).
 */
export function wantsUpwardReading(words: readonly TextItem[]): boolean {
  return hasTransposedDescriptionRow(groupTextLines(words, { maxGapEm: 0.5 }));
}
