import { bboxCenter } from './geometry.ts';
import type { BBox } from './primitives.ts';

/**
 * Circuit tags as printed next to devices: panel letters/number, a dash, circuit number(s):
 * "A-12", "P1-3", "LP-2", "A-1,3", "PA-12/14", and US panel names with a floor digit before or a
 * section letter after ("2LA-3", "LP1A-12", "1HA-2,4,6"). "C12" is not accepted (too ambiguous).
 */
const CIRCUIT_TAG = /^\d?[A-Z]{1,3}\d{0,2}[A-Z]?-\d{1,3}(?:[,/]\d{1,3})*$/;

export function isCircuitTag(text: string): boolean {
  return CIRCUIT_TAG.test(text.replace(/\s+/g, '').toUpperCase());
}

export type TagSpot = { text: string; bbox: BBox };
export type Tagged = { x: number; y: number; bbox: BBox; size: number };

/**
 * Attaches each circuit tag to the nearest symbol (box-to-box distance) within `reach` symbol
 * sizes; a symbol keeps the nearest of the tags that chose it. Returns one tag (or null) per
 * symbol, in input order.
 */
export function attachCircuitTags(
  symbols: readonly Tagged[],
  tags: readonly TagSpot[],
  reach = 2.5,
): (string | null)[] {
  const best: { text: string; d: number }[] = symbols.map(() => ({ text: '', d: Number.POSITIVE_INFINITY }));
  for (const tag of tags) {
    const [tx, ty] = bboxCenter(tag.bbox);
    let bi = -1;
    let bd = Number.POSITIVE_INFINITY;
    symbols.forEach((s, i) => {
      const d = boxDistance(s.bbox, tag.bbox);
      const dc = Math.hypot(s.x - tx, s.y - ty);
      if (d > reach * s.size) return;
      // Box gap first, centre distance breaks ties between equally close symbols.
      const score = d + 0.01 * dc;
      if (score < bd) {
        bd = score;
        bi = i;
      }
    });
    const slot = best[bi];
    if (slot && bd < slot.d) {
      slot.text = tag.text.replace(/\s+/g, '').toUpperCase();
      slot.d = bd;
    }
  }
  return best.map((b) => (b.d === Number.POSITIVE_INFINITY ? null : b.text));
}

function boxDistance(a: BBox, b: BBox): number {
  const dx = Math.max(0, a[0] - b[2], b[0] - a[2]);
  const dy = Math.max(0, a[1] - b[3], b[1] - a[3]);
  return Math.hypot(dx, dy);
}
