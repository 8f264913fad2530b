import { smallestEnclosingFrame } from './frames.ts';
import type { Subpath } from './geometry.ts';
import { bboxArea, unionBBoxes } from './geometry.ts';
import type { BBox } from './primitives.ts';
import { parseScale } from './scale.ts';
import type { TextLine } from './text-lines.ts';
import { normalizeText } from './vocabulary.ts';

/** Field names found in title blocks (cartouches), French and English. */
const TITLE_BLOCK_WORDS =
  /\b(projet|project|titre|title|dessine|drawn|verifie|checked|approuve|approved|client|proprietaire|owner|feuille|sheet|revision|rev\.?|date|echelle|scale|no\.? (de )?dessin|drawing (no|number)|sceau|seal|cartouche|ingenieur|engineer|architecte|architect|adresse|address|emis pour|issued for|page)\b/;

/**
 * Title blocks (cartouches): frames that hold at least two title-block field names and cover
 * less than 40 % of the sheet. When the fields are not framed, their own extent is used.
 */
export function findTitleBlocks(
  lines: readonly TextLine[],
  frames: readonly BBox[],
  pageArea: number,
): BBox[] {
  const keyLines = lines.filter(
    (l) => TITLE_BLOCK_WORDS.test(normalizeText(l.text)) && normalizeText(l.text).length < 60,
  );
  if (keyLines.length < 2) return [];
  const blocks: BBox[] = [];
  const byFrame = new Map<string, { frame: BBox; count: number }>();
  const unframed: TextLine[] = [];
  for (const l of keyLines) {
    // The frame that matters is the block's outer frame, not a single cell: take the largest
    // frame under 40 % of the page that contains the line.
    let best: BBox | null = null;
    for (const f of frames) {
      const area = bboxArea(f);
      if (area > 0.4 * pageArea) continue;
      if (
        !(
          l.bbox[0] >= f[0] - 0.5 &&
          l.bbox[2] <= f[2] + 0.5 &&
          l.bbox[1] >= f[1] - 0.5 &&
          l.bbox[3] <= f[3] + 0.5
        )
      )
        continue;
      if (!best || area > bboxArea(best)) best = f;
    }
    if (!best) {
      unframed.push(l);
      continue;
    }
    const key = best.join(',');
    const entry = byFrame.get(key) ?? { frame: best, count: 0 };
    entry.count++;
    byFrame.set(key, entry);
  }
  for (const { frame, count } of byFrame.values()) if (count >= 2) blocks.push(frame);
  if (unframed.length >= 3) {
    // Unframed fields: cluster those close to each other (within ~8 line heights).
    const clusters: TextLine[][] = [];
    for (const l of unframed) {
      const c = clusters.find((cl) =>
        cl.some(
          (o) => Math.abs(o.y - l.y) < 8 * l.fontSize && Math.abs(o.bbox[0] - l.bbox[0]) < 40 * l.fontSize,
        ),
      );
      if (c) c.push(l);
      else clusters.push([l]);
    }
    for (const c of clusters) {
      if (c.length < 3) continue;
      const box = unionBBoxes(c.map((l) => l.bbox));
      if (box) blocks.push(box);
    }
  }
  return blocks;
}

export { smallestEnclosingFrame };

/**
 * A view title ("SOUS-SOL" over "ÉCHELLE : 1:100", "REZ-DE-CHAUSSÉE" underlined): a line with a
 * scale note just below it, or underlined by a rule as wide as the text, and the rest of such a
 * line split off on its baseline. Titles name a drawing, not a room.
 *
 * For one line; to test many lines of the same sheet use `viewTitleTester`, which indexes the
 * sheet once (this scans every line and every subpath).
 */
export function isViewTitle(
  line: TextLine,
  lines: readonly TextLine[],
  subpaths: readonly Subpath[],
): boolean {
  return viewTitleTester(lines, subpaths)(line);
}

/**
 * `isViewTitle` for many lines of one sheet: the scale notes and the straight subpaths (sorted by
 * their top edge) are gathered once, so each test only looks at the scale notes and at the rules
 * whose top lies in the line's baseline band, not at every line and subpath of the sheet (a dense
 * A1 sheet has ~10 000 lines and ~200 000 subpaths: testing each line against all of them took
 * minutes). Same answers as `isViewTitle`.
 */
export function viewTitleTester(
  lines: readonly TextLine[],
  subpaths: readonly Subpath[],
): (line: TextLine) => boolean {
  const scaleNotes = lines.filter(
    (o) => parseScale(o.text) !== null || /\b(echelle|scale)\b/.test(normalizeText(o.text)),
  );
  const rules = subpaths.filter((sp) => !sp.curved).sort((a, b) => a.bbox[3] - b.bbox[3]);
  const isTitle = (line: TextLine): boolean => {
    const fs = line.fontSize;
    const below = scaleNotes.some(
      (o) =>
        o !== line &&
        o.y < line.y &&
        line.y - o.y < 2.6 * fs &&
        o.bbox[0] < line.bbox[2] &&
        o.bbox[2] > line.bbox[0],
    );
    if (below) return true;
    const width = line.bbox[2] - line.bbox[0];
    const low = line.y - 0.5 * fs;
    const high = line.y + 0.05 * fs;
    for (let i = firstAtOrAbove(rules, low); i < rules.length; i++) {
      const [x0, y0, x1, y1] = (rules[i] as Subpath).bbox;
      if (!(y1 <= high)) break;
      if (
        y1 - y0 < 0.1 * fs &&
        y1 >= low &&
        x1 - x0 >= 0.8 * width &&
        x0 <= line.bbox[0] + 0.2 * width &&
        x1 >= line.bbox[2] - 0.2 * width &&
        x1 - x0 <= 1.5 * width + 2 * fs
      )
        return true;
    }
    return false;
  };
  // The rest of a title on its baseline, split off where a dash or a wide gap was lost ("PLAN
  // AGRANDI — SALLE ÉLECTRIQUE 100" read by OCR without its dash): it names a drawing too, though
  // the scale note sits under the title's start only.
  const continuesTitle = (line: TextLine): boolean =>
    line.angle === 0 &&
    lines.some(
      (o) =>
        o !== line &&
        o.angle === 0 &&
        Math.abs(o.y - line.y) < 0.3 * line.fontSize &&
        Math.abs(o.fontSize - line.fontSize) < 0.35 * line.fontSize &&
        o.bbox[2] <= line.bbox[0] + 0.5 * line.fontSize &&
        line.bbox[0] - o.bbox[2] < 4 * line.fontSize &&
        isTitle(o),
    );
  return (line) => isTitle(line) || continuesTitle(line);
}

/** Index of the first subpath (sorted by top edge) whose top edge is ≥ `y`. */
function firstAtOrAbove(sorted: readonly Subpath[], y: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] as Subpath).bbox[3] < y) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
