import type { D4, Placement, Subpath } from './geometry.ts';
import {
  bboxArea,
  bboxCenter,
  bboxContains,
  bboxContainsPoint,
  D4_OPS,
  expandBBox,
  intersectBBox,
  placeBBox,
  placeDirection,
  placePoint,
  pointSegmentDistance,
  turnedOp,
} from './geometry.ts';
import { InkIndex } from './ink-index.ts';
import type { LegendSymbol, SymbolTemplate } from './legend.ts';
import { isCodeLike } from './legend.ts';
import { straightRuns } from './openings.ts';
import type { BBox } from './primitives.ts';
import { BoxGrid, PointGrid } from './spatial-grid.ts';
import type { TextLine } from './text-lines.ts';
import { normalizeSymbolText } from './vocabulary.ts';

/** One occurrence of a legend symbol found in the drawing. */
export type SymbolMatch = {
  entry: LegendSymbol;
  placement: Placement;
  /** Page-space box and centre of the occurrence. */
  bbox: BBox;
  x: number;
  y: number;
  /** Fraction of the symbol's ink found in the drawing (0–1). */
  coverage: number;
  /** Ink near the symbol that the symbol does not explain, relative to the symbol's ink. */
  unexplained: number;
  /** Ink explained, in points (+ text): how much of the drawing this match accounts for. */
  score: number;
  confidence: number;
};

export type MatchOptions = {
  /** Allowed scale between legend and drawing. Default [0.33, 3]. */
  scaleRange?: [number, number];
  /** Minimum share of the symbol's ink that must be found. Default 0.88. */
  minCoverage?: number;
  /** Reject a match when unexplained local ink exceeds this share of the symbol's ink. Default 0.3. */
  maxUnexplained?: number;
  /** Placements a page may verify before its search stops (`MatchBudget`). Default `DEFAULT_PLACEMENT_BUDGET`. */
  placementBudget?: number;
};

/**
 * How many placements a page may verify (each costs a few dozen ink look-ups). Shared by the
 * calls of `matchLegendSymbols` for one page; once spent, matching stops and `exceeded` says so
 * (the page then gets a `work_budget_exceeded` warning), so a pathological sheet ends in seconds
 * with a warning instead of running for minutes.
 */
export type MatchBudget = { limit: number; used: number; exceeded: boolean };

/**
 * Default placements per page: the busiest sheet of our two corpora verifies ~60 000, the
 * synthetic dense A1 sheet of bench/large-sheet.ts ~400 000 (a legend sample that looks like its
 * hatching); at ~40 000 a second on one core this bounds a page's symbol search to ~25 s.
 */
export const DEFAULT_PLACEMENT_BUDGET = 1_000_000;

type Sample = { x: number; y: number; dx: number; dy: number; w: number; sub: number };

type TextSpot = {
  text: string;
  cx: number;
  cy: number;
  bbox: BBox;
  fontSize: number;
  /** Read by OCR from strokes (a sheet without a text layer), not from the text layer. */
  ocr: boolean;
};

/** Cell of the grid of code-like text spots: about a symbol's size on a plan. */
const CODE_SPOT_CELL_PT = 8;

/** Share of each part of a symbol (each subpath) that must be found on the sheet. */
const MIN_PART_COVERAGE = 0.5;

/** Direction tolerance for ink: flattened curves and slight drafting skews stay within 25°. */
const MAX_SIN = Math.sin((25 * Math.PI) / 180);

function sampleTemplate(t: SymbolTemplate, anchor: number): { samples: Sample[]; total: number } {
  const step = Math.max(t.size / 28, 0.25);
  const perSub: Sample[][] = t.subpaths.map((sp, sub) => {
    const out: Sample[] = [];
    const p = sp.points;
    for (let i = 2; i < p.length; i += 2) {
      const ax = p[i - 2] ?? 0;
      const ay = p[i - 1] ?? 0;
      const bx = p[i] ?? 0;
      const by = p[i + 1] ?? 0;
      const len = Math.hypot(bx - ax, by - ay);
      if (len < 1e-6) continue;
      const n = Math.max(1, Math.round(len / step));
      for (let k = 0; k < n; k++) {
        const f = (k + 0.5) / n;
        out.push({
          x: ax + f * (bx - ax),
          y: ay + f * (by - ay),
          dx: (bx - ax) / len,
          dy: (by - ay) / len,
          w: len / n,
          sub,
        });
      }
    }
    return out;
  });
  // Interleave subpaths (the anchor's last) so that a wrong placement fails early.
  const order = perSub.map((_, i) => i).filter((i) => i !== anchor);
  order.push(anchor);
  const samples: Sample[] = [];
  const maxLen = Math.max(0, ...perSub.map((s) => s.length));
  for (let k = 0; k < maxLen; k++) {
    for (const i of order) {
      const s = perSub[i]?.[k];
      if (s) samples.push(s);
    }
  }
  const total = samples.reduce((acc, s) => acc + s.w, 0);
  return { samples, total };
}

/** The template subpath that best pins down a placement: closed, curved, large. */
function chooseAnchor(t: SymbolTemplate): number {
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  t.subpaths.forEach((sp, i) => {
    const size = Math.max(sp.bbox[2] - sp.bbox[0], sp.bbox[3] - sp.bbox[1]);
    const score = (sp.closed ? 2 : 0) + (sp.curved ? 1 : 0) + size / t.size;
    if (score > bestScore) {
      bestScore = score;
      best = i;
    }
  });
  return best;
}

/**
 * The template's largest closed part lying inside its anchor (the inside contour of a traced ring,
 * a cell between a receptacle's lines and its circle), or -1. On a scan, a symbol drawn against a
 * wall has its outside contour merged into the wall's (one blob, one outline) while its holes stay
 * loops of their own: they place it.
 */
function holeAnchor(t: SymbolTemplate, anchor: number): number {
  const outer = t.subpaths[anchor];
  if (!outer?.closed) return -1;
  let best = -1;
  let bestSize = 0.2 * t.size;
  t.subpaths.forEach((sp, i) => {
    if (i === anchor || !sp.closed || !bboxContains(outer.bbox, sp.bbox)) return;
    const size = Math.max(...dims(sp.bbox));
    if (size > bestSize) {
      bestSize = size;
      best = i;
    }
  });
  return best;
}

function dims(b: BBox): [number, number] {
  return [b[2] - b[0], b[3] - b[1]];
}

function colourDistance(a: string, b: string): number {
  const pa = Number.parseInt(a.slice(1), 16);
  const pb = Number.parseInt(b.slice(1), 16);
  if (!Number.isFinite(pa) || !Number.isFinite(pb)) return 0;
  return Math.max(
    Math.abs(((pa >> 16) & 255) - ((pb >> 16) & 255)),
    Math.abs(((pa >> 8) & 255) - ((pb >> 8) & 255)),
    Math.abs((pa & 255) - (pb & 255)),
  );
}

/** Same paint colours (within 24/255 per channel) for the parts each subpath actually paints. */
function sameColours(tpl: Subpath, drawn: Subpath): boolean {
  if (tpl.filled && drawn.filled && colourDistance(tpl.fillColor, drawn.fillColor) > 24) return false;
  if (tpl.stroked && drawn.stroked && colourDistance(tpl.strokeColor, drawn.strokeColor) > 24) return false;
  return true;
}

function subpathsCompatible(tpl: Subpath, drawn: Subpath): boolean {
  if (tpl.closed && drawn.closed && tpl.filled !== drawn.filled) return false;
  return true;
}

/**
 * Finds every occurrence of each legend symbol in the drawing.
 *
 * Candidate placements come from drawing subpaths shaped like the symbol's anchor subpath under
 * one of the 8 square symmetries (90° rotations × mirror) and a uniform scale, or, when none of
 * these verifies, turned by any other angle (`turnedCandidates`); each placement is
 * verified by sampling the whole symbol (every subpath, and its text) against the page's ink.
 * Extra ink that merely passes by (walls, leaders) is ignored; ink and short codes lying inside
 * the symbol that the symbol does not explain reject or discount the match. Overlapping matches
 * are not resolved here (see `resolveOverlaps`).
 */
export function matchLegendSymbols(args: {
  entries: readonly LegendSymbol[];
  subpaths: readonly Subpath[];
  ink: InkIndex;
  /** Tight text chunks (glyph runs) of the page. */
  texts: readonly TextLine[];
  /** Zones that are not drawing (legend, title block, schedules). */
  excluded: readonly BBox[];
  options?: MatchOptions;
  budget?: MatchBudget;
  /**
   * The page's ink is outlines traced from a scan (`traceScan`): each thick stroke is two loops,
   * its outer and inner contours, and an outer contour touching a wall merges into the wall's, so
   * one drawn loop may rightly stand for a ring's two contours (`oneLoopForTwo` is not asked).
   */
  tracedOutlines?: boolean;
}): SymbolMatch[] {
  const { entries, subpaths, ink, excluded, budget } = args;
  const tracedOutlines = args.tracedOutlines ?? false;
  const [sMin, sMax] = args.options?.scaleRange ?? [0.33, 3];
  const minCoverage = args.options?.minCoverage ?? 0.88;
  const maxUnexplained = args.options?.maxUnexplained ?? 0.3;

  const spots: TextSpot[] = args.texts.map((l) => {
    const [cx, cy] = bboxCenter(l.bbox);
    return {
      text: normalizeSymbolText(l.text),
      cx,
      cy,
      bbox: l.bbox,
      fontSize: l.fontSize,
      ocr: l.items.length > 0 && l.items.every((t) => t.source === 'ocr'),
    };
  });
  const spotsByText = new Map<string, TextSpot[]>();
  for (const s of spots) {
    const list = spotsByText.get(s.text) ?? [];
    list.push(s);
    spotsByText.set(s.text, list);
  }

  // Codes inside a placed symbol that are not its own reject it; every candidate asks, so they
  // are indexed by position (a dense sheet has ~10 000 text runs). Codes read by OCR are left
  // out: on a sheet without a text layer OCR reads a symbol's own strokes as letters ("Q", "O"
  // for a receptacle); a real mark drawn as strokes is caught as unexplained ink instead.
  const codeSpots = new BoxGrid<TextSpot>(CODE_SPOT_CELL_PT);
  for (const spot of spots)
    if (isCodeLike(spot.text) && !spot.ocr) codeSpots.insert([spot.cx, spot.cy, spot.cx, spot.cy], spot);

  const isExcluded = (x: number, y: number) => excluded.some((b) => bboxContainsPoint(b, x, y));
  const drawable = subpaths.map((sp) => {
    const [cx, cy] = bboxCenter(sp.bbox);
    return !isExcluded(cx, cy);
  });
  // Anchor lookup: drawing subpaths by shape class, sorted by size.
  const buckets = new Map<string, { size: number; index: number }[]>();
  subpaths.forEach((sp, index) => {
    if (!drawable[index]) return;
    const key = `${sp.closed ? 1 : 0}${sp.curved ? 1 : 0}`;
    const size = Math.max(sp.bbox[2] - sp.bbox[0], sp.bbox[3] - sp.bbox[1]);
    const list = buckets.get(key) ?? [];
    list.push({ size, index });
    buckets.set(key, list);
  });
  for (const list of buckets.values()) list.sort((a, b) => a.size - b.size);

  const matches: SymbolMatch[] = [];
  const founds: SymbolMatch[][] = [];
  const deferred: { found: readonly SymbolMatch[]; search: (scales: [number, number]) => void }[] = [];
  for (const entry of entries) {
    const t = entry.template;
    const found: SymbolMatch[] = [];
    // Where the found matches lie, to find a duplicate among thousands (a legend sample that looks
    // like hatching) without scanning them all. Placements come at most √2 × sMax the legend's size.
    const foundCell = 0.2 * t.size * sMax * Math.SQRT2 * 1.01;
    const foundAt = foundCell > 0 && Number.isFinite(foundCell) ? new PointGrid(foundCell) : null;
    const consider = (placement: Placement): SymbolMatch | null => {
      if (budget) {
        if (budget.used >= budget.limit) {
          budget.exceeded = true;
          return null;
        }
        budget.used++;
      }
      const m = verifyPlacement(entry, placement, {
        subpaths,
        ink,
        spotsByText,
        codeSpots,
        minCoverage,
        maxUnexplained,
        sampled,
        tracedOutlines,
      });
      if (!m || isExcluded(m.x, m.y)) return null;
      // Symmetric symbols verify under several symmetries at the same spot: keep the best.
      const tol = 0.2 * t.size * placement.s;
      const dup =
        foundAt && tol <= foundCell
          ? foundAt.firstWithin(m.x, m.y, tol)
          : found.findIndex((f) => Math.abs(f.x - m.x) < tol && Math.abs(f.y - m.y) < tol);
      if (dup < 0) {
        found.push(m);
        foundAt?.add(m.x, m.y);
      } else if ((found[dup]?.score ?? 0) < m.score) {
        found[dup] = m;
        foundAt?.move(dup, m.x, m.y);
      }
      return m;
    };
    const anchor = chooseAnchor(t);
    const sampled = sampleTemplate(t, anchor);
    const anchorSp = t.subpaths[anchor];
    // A circle looks the same under all 8 symmetries: try one per class of look-alikes.
    const reps = symmetryRepresentatives(t, sampled.samples);
    // A plain shape (one or two strokes, no text — a bare rectangle) looks like many things on a
    // plan; the legend's colour, which a placed block keeps, tells it from walls and furniture.
    const plain = t.subpaths.length <= 2 && t.texts.length === 0;
    if (anchorSp) {
      const [aw, ah] = dims(anchorSp.bbox);
      const aSize = Math.max(aw, ah);
      const [acx, acy] = bboxCenter(anchorSp.bbox);
      const list = buckets.get(`${anchorSp.closed ? 1 : 0}${anchorSp.curved ? 1 : 0}`) ?? [];
      const lo = lowerBound(list, aSize * sMin);
      // At any other angle than a right one, the anchor's box no longer tells the placement:
      // its straight edges do (or, for a circle, those of another part of the symbol).
      const turned = turnedCandidates(t, anchor, reps);
      for (let k = lo; k < list.length; k++) {
        if (budget?.exceeded) break;
        const cand = list[k];
        // A turned anchor's box is up to √2 larger.
        if (!cand || cand.size > aSize * sMax * Math.SQRT2) break;
        const sp = subpaths[cand.index];
        if (!sp || !subpathsCompatible(anchorSp, sp)) continue;
        if (plain && !sameColours(anchorSp, sp)) continue;
        const s = cand.size / aSize;
        const [dw, dh] = dims(sp.bbox);
        const tolA = Math.max(0.5, 0.06 * cand.size);
        const [dcx, dcy] = bboxCenter(sp.bbox);
        // A square placement that leaves some of the ink unfound may be a turned symbol whose
        // small inner parts (letters drawn as strokes) only half line up: the turn is tried too.
        let hit = false;
        if (cand.size <= aSize * sMax) {
          for (const g of reps) {
            const swap = g.rotation % 180 !== 0;
            const ew = s * (swap ? ah : aw);
            const eh = s * (swap ? aw : ah);
            if (Math.abs(ew - dw) > tolA || Math.abs(eh - dh) > tolA) continue;
            const [gx, gy] = placeDirection(g, acx, acy);
            const m = consider({ g, s, tx: dcx - s * gx, ty: dcy - s * gy });
            if (m && m.coverage >= SQUARE_FIT_COVERAGE) hit = true;
          }
        }
        if (!hit || turned.evenWhenSquareFits)
          for (const placement of turned(sp, ink, subpaths, [sMin, sMax])) consider(placement);
      }
      // On a scan, the symbols drawn against a wall lost their outside contour to the wall's:
      // they are placed again from a hole once every entry has been looked for (see below).
      const hole = tracedOutlines ? holeAnchor(t, anchor) : -1;
      const holeSp = t.subpaths[hole];
      if (holeSp) {
        deferred.push({
          found,
          search: ([sLo, sHi]) => {
            const [hw, hh] = dims(holeSp.bbox);
            const hSize = Math.max(hw, hh);
            const [hcx, hcy] = bboxCenter(holeSp.bbox);
            const list = buckets.get(`1${holeSp.curved ? 1 : 0}`) ?? [];
            for (let k = lowerBound(list, hSize * sLo); k < list.length; k++) {
              if (budget?.exceeded) break;
              const cand = list[k];
              if (!cand || cand.size > hSize * sHi) break;
              const sp = subpaths[cand.index];
              if (!sp || !subpathsCompatible(holeSp, sp)) continue;
              const s = cand.size / hSize;
              const [dw, dh] = dims(sp.bbox);
              const tolA = Math.max(0.5, 0.06 * cand.size);
              const [dcx, dcy] = bboxCenter(sp.bbox);
              for (const g of D4_OPS) {
                const swap = g.rotation % 180 !== 0;
                if (Math.abs(s * (swap ? hh : hw) - dw) > tolA || Math.abs(s * (swap ? hw : hh) - dh) > tolA)
                  continue;
                const [gx, gy] = placeDirection(g, hcx, hcy);
                const placement = { g, s, tx: dcx - s * gx, ty: dcy - s * gy };
                // Where a match was found already its outside contour was there: nothing to add.
                const [px, py] = placePoint(placement, t.anchor[0], t.anchor[1]);
                const near = 0.2 * t.size * s;
                if (foundAt && near <= foundCell && foundAt.firstWithin(px, py, near) >= 0) continue;
                consider(placement);
              }
            }
          },
        });
      }
    } else if (t.texts.length > 0) {
      // Text-only symbol ("$3"): every standalone occurrence of the code, upright.
      const first = t.texts[0];
      if (first) {
        const identity = D4_OPS[0];
        for (const spot of spotsByText.get(first.text) ?? []) {
          if (!identity) break;
          const s = first.fontSize > 0 ? spot.fontSize / first.fontSize : 1;
          if (s < sMin || s > sMax) continue;
          consider({ g: identity, s, tx: spot.cx - s * first.cx, ty: spot.cy - s * first.cy });
        }
      }
    }
    founds.push(found);
  }
  // The holes are searched at the scales of the symbols found whole (an entry's own, or the
  // page's when none of its symbols was): a hole is small, and so are letters, which any scale
  // would bring in by the hundred.
  const pageScales = founds.flat().map((m) => m.placement.s);
  for (const { found, search } of deferred) {
    const scales = found.length > 0 ? found.map((m) => m.placement.s) : pageScales;
    if (scales.length === 0) continue;
    search([HOLE_SCALE_SPREAD[0] * Math.min(...scales), HOLE_SCALE_SPREAD[1] * Math.max(...scales)]);
  }
  // One by one: spreading a flood of matches as arguments overflows the call stack.
  for (const found of founds) for (const m of found) matches.push(m);
  return matches;
}

/** Direction and length of the longest straight run of a polyline, and its centroid. */
function shapeAxes(points: readonly number[]): {
  dx: number;
  dy: number;
  run: number;
  cx: number;
  cy: number;
} {
  let best = { dx: 1, dy: 0, run: 0 };
  for (const [x0, y0, x1, y1] of straightRuns(points)) {
    const len = Math.hypot(x1 - x0, y1 - y0);
    if (len > best.run) best = { dx: (x1 - x0) / len, dy: (y1 - y0) / len, run: len };
  }
  // Length-weighted centroid of the edges: it moves with the shape under any similarity.
  let sx = 0;
  let sy = 0;
  let total = 0;
  for (let i = 2; i < points.length; i += 2) {
    const ax = points[i - 2] ?? 0;
    const ay = points[i - 1] ?? 0;
    const bx = points[i] ?? 0;
    const by = points[i + 1] ?? 0;
    const len = Math.hypot(bx - ax, by - ay);
    sx += (len * (ax + bx)) / 2;
    sy += (len * (ay + by)) / 2;
    total += len;
  }
  return { ...best, cx: total > 0 ? sx / total : 0, cy: total > 0 ? sy / total : 0 };
}

/**
 * Coverage under which a verified square placement still lets the turned ones be tried: a symbol
 * turned ~40° whose letters (drawn as strokes) half line up with the upright ones passes at 0.93
 * (both parts at 0.65), and would stop the search for its true turn (another legend entry, a
 * heat detector's "H" in place of a smoke detector's "S", then fits better turned).
 */
const SQUARE_FIT_COVERAGE = 0.97;

/** Scales searched from a hole (`holeAnchor`): the found symbols' range, widened by this much. */
const HOLE_SCALE_SPREAD: [number, number] = [0.9, 1.1];

/** Off a right angle by more than ~1°: the square symmetries already tried it. */
function offRightAngle(angle: number): boolean {
  const q = Math.PI / 2;
  const r = ((angle % q) + q) % q;
  return Math.min(r, q - r) > 0.02;
}

/**
 * Placements of a symbol turned by any angle, from one drawn subpath shaped like the template's
 * anchor. A polygonal anchor gives the angle from its longest straight edge and the scale from
 * its length. A round anchor (a circle turns into itself) gives scale and centre; the angle
 * comes from the drawn pieces around it whose straight runs have the length of the template's
 * longest straight part (the two lines of a receptacle).
 */
function turnedCandidates(t: SymbolTemplate, anchor: number, reps: readonly D4[]): TurnedCandidates {
  const anchorSp = t.subpaths[anchor];
  if (!anchorSp) return () => [];
  const a = shapeAxes(anchorSp.points);
  const aLength = anchorSp.length;
  const aSize = Math.max(...dims(anchorSp.bbox));
  const placements: TurnedPlacements = (g, drawnAngle, dir, s, at, centre, flips = [0, Math.PI]) => {
    const [gx, gy] = placeDirection(g, dir.dx, dir.dy);
    const out: Placement[] = [];
    for (const flip of flips) {
      const angle = drawnAngle - Math.atan2(gy, gx) + flip;
      if (!offRightAngle(angle)) continue;
      const op = turnedOp(g, angle);
      const [ox, oy] = placeDirection(op, centre.cx, centre.cy);
      out.push({ g: op, s, tx: at.cx - s * ox, ty: at.cy - s * oy });
    }
    return out;
  };
  // Polygonal anchor: its own longest edge.
  if (a.run >= 0.3 * aSize) {
    return (sp, _ink, _subpaths, [sMin, sMax]) => {
      const s = sp.length / aLength;
      if (s < sMin || s > sMax) return [];
      const d = shapeAxes(sp.points);
      if (Math.abs(d.run - s * a.run) > Math.max(0.5, 0.08 * s * a.run)) return [];
      const drawnAngle = Math.atan2(d.dy, d.dx);
      return reps.flatMap((g) => placements(g, drawnAngle, a, s, d, a));
    };
  }
  // Round anchor: the longest straight run among the other parts.
  let second: { dx: number; dy: number; run: number } | null = null;
  t.subpaths.forEach((sp, i) => {
    if (i === anchor) return;
    const axes = shapeAxes(sp.points);
    if (axes.run >= 0.15 * t.size && (!second || axes.run > second.run)) second = axes;
  });
  const ref = second as { dx: number; dy: number; run: number } | null;
  if (!ref) {
    // Small curved parts off by 20° still pass for the nearest right angle, with the wrong
    // angle: try the turn too, the better fit wins (`consider` keeps the best at a spot).
    const byPart = roundByOffCentrePart(t, anchor, a, placements, reps);
    return Object.assign(byPart, { evenWhenSquareFits: true });
  }
  return (sp, ink, subpaths, [sMin, sMax]) => {
    // Length and centroid, not the box: a flattened circle's box changes as it turns.
    const s = sp.length / aLength;
    if (s < sMin || s > sMax) return [];
    const { cx: dcx, cy: dcy } = shapeAxes(sp.points);
    const reach = s * t.size;
    const nearby = new Set<number>();
    ink.forEachNear(dcx - reach, dcy - reach, dcx + reach, dcy + reach, (k) => {
      nearby.add(ink.owner[k] ?? -1);
      return false;
    });
    const out: Placement[] = [];
    const want = s * ref.run;
    for (const si of nearby) {
      const other = subpaths[si];
      if (!other || other === sp) continue;
      for (const [x0, y0, x1, y1] of straightRuns(other.points)) {
        const len = Math.hypot(x1 - x0, y1 - y0);
        if (Math.abs(len - want) > Math.max(0.5, 0.1 * want)) continue;
        const drawnAngle = Math.atan2(y1 - y0, x1 - x0);
        for (const g of reps) out.push(...placements(g, drawnAngle, ref, s, { cx: dcx, cy: dcy }, a));
      }
    }
    return out;
  };
}

type TurnedCandidates = ((
  sp: Subpath,
  ink: InkIndex,
  subpaths: readonly Subpath[],
  scales: [number, number],
) => Placement[]) & {
  /** Try the turned placements even when a square symmetry already verified. */
  evenWhenSquareFits?: boolean;
};

type TurnedPlacements = (
  g: D4,
  drawnAngle: number,
  dir: { dx: number; dy: number },
  s: number,
  at: { cx: number; cy: number },
  centre: { cx: number; cy: number },
  flips?: readonly number[],
) => Placement[];

/**
 * Round anchor with no straight part (a fan: a circle with curved blades). The angle comes from
 * where another part lies around the circle's centre: the length-weighted centroid of a part
 * moves with it under any similarity, so the direction from the drawn circle's centre to a drawn
 * piece of the same length as that part, against the template's, is the turn. The part kept is
 * the one whose centroid lies furthest off centre (its direction is the best defined).
 */
function roundByOffCentrePart(
  t: SymbolTemplate,
  anchor: number,
  a: { cx: number; cy: number },
  placements: TurnedPlacements,
  reps: readonly D4[],
): TurnedCandidates {
  const anchorSp = t.subpaths[anchor];
  if (!anchorSp) return () => [];
  let part: { dx: number; dy: number; off: number; length: number; closed: boolean } | null = null;
  t.subpaths.forEach((sp, i) => {
    if (i === anchor || sp.length <= 0) return;
    const c = shapeAxes(sp.points);
    const off = Math.hypot(c.cx - a.cx, c.cy - a.cy);
    if (off < 0.1 * t.size || (part && off <= part.off)) return;
    part = { dx: (c.cx - a.cx) / off, dy: (c.cy - a.cy) / off, off, length: sp.length, closed: sp.closed };
  });
  const ref = part as { dx: number; dy: number; off: number; length: number; closed: boolean } | null;
  if (!ref) return () => [];
  return (sp, ink, subpaths, [sMin, sMax]) => {
    const s = sp.length / anchorSp.length;
    if (s < sMin || s > sMax) return [];
    const { cx: dcx, cy: dcy } = shapeAxes(sp.points);
    const reach = s * t.size;
    const nearby = new Set<number>();
    ink.forEachNear(dcx - reach, dcy - reach, dcx + reach, dcy + reach, (k) => {
      nearby.add(ink.owner[k] ?? -1);
      return false;
    });
    const want = s * ref.length;
    const out: Placement[] = [];
    for (const si of nearby) {
      const other = subpaths[si];
      if (!other || other === sp || other.closed !== ref.closed) continue;
      if (Math.abs(other.length - want) > Math.max(0.5, 0.1 * want)) continue;
      const c = shapeAxes(other.points);
      const off = Math.hypot(c.cx - dcx, c.cy - dcy);
      if (Math.abs(off - s * ref.off) > Math.max(0.5, 0.15 * s * ref.off)) continue;
      const drawnAngle = Math.atan2(c.cy - dcy, c.cx - dcx);
      for (const g of reps) out.push(...placements(g, drawnAngle, ref, s, { cx: dcx, cy: dcy }, a, [0]));
    }
    return out;
  };
}

function multiply(a: D4, b: D4): [number, number, number, number] {
  const [a1, b1, c1, d1] = a.m;
  const [a2, b2, c2, d2] = b.m;
  return [a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2];
}

/**
 * The square symmetries under which the template's drawing maps onto itself (within 4 % of its
 * size), and one representative per class of symmetries that give the same picture — a plain
 * circle needs 1 placement instead of 8, a receptacle 2 or 4.
 */
function symmetryRepresentatives(t: SymbolTemplate, samples: readonly Sample[]): D4[] {
  if (t.subpaths.length === 0) return [...D4_OPS];
  const own = new InkIndex(t.subpaths, Math.max(0.5, t.size / 8));
  const tol = Math.max(0.3, 0.04 * t.size);
  // Fill counts: a half-filled circle turned 180° is not the same symbol.
  const symmetric = D4_OPS.filter((g) =>
    samples.every((smp) => {
      const [x, y] = placeDirection(g, smp.x, smp.y);
      const [dx, dy] = placeDirection(g, smp.dx, smp.dy);
      const from = t.subpaths[smp.sub];
      return own.hasInkNear(x, y, tol, dx, dy, MAX_SIN, (si) => {
        const to = t.subpaths[si];
        return from !== undefined && to !== undefined && from.filled === to.filled;
      });
    }),
  );
  const same = (m: readonly number[], n: readonly number[]) => m.every((v, i) => v === n[i]);
  const reps: D4[] = [];
  for (const g of D4_OPS) {
    const covered = reps.some((c) => symmetric.some((h) => same(multiply(c, h), g.m)));
    if (!covered) reps.push(g);
  }
  return reps;
}

function lowerBound(list: readonly { size: number }[], value: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((list[mid]?.size ?? 0) < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function verifyPlacement(
  entry: LegendSymbol,
  placement: Placement,
  ctx: {
    subpaths: readonly Subpath[];
    ink: InkIndex;
    spotsByText: Map<string, TextSpot[]>;
    /** The code-like spots (`isCodeLike`) by where their centre lies. */
    codeSpots: BoxGrid<TextSpot>;
    minCoverage: number;
    maxUnexplained: number;
    sampled: { samples: Sample[]; total: number };
    tracedOutlines: boolean;
  },
): SymbolMatch | null {
  const t = entry.template;
  const { s, g } = placement;
  const tol = Math.max(0.6, 0.045 * t.size * s);
  const { samples, total } = ctx.sampled;

  // 1. The symbol's ink must be on the page, every part of it: a small mark (the dot of a
  // marked variant) is a sliver of the total ink, so the total alone would let the plain
  // symbol pass for the marked one.
  let matched = 0;
  let missed = 0;
  const partFound = new Float64Array(t.subpaths.length);
  const partTotal = new Float64Array(t.subpaths.length);
  const allowedMiss = (1 - ctx.minCoverage) * total;
  const [ga, gb, gc, gd] = g.m;
  let tplSub: Subpath | undefined;
  const compatible = (si: number) => {
    const drawn = ctx.subpaths[si];
    return drawn !== undefined && tplSub !== undefined && subpathsCompatible(tplSub, drawn);
  };
  for (const smp of samples) {
    const x = s * (ga * smp.x + gc * smp.y) + placement.tx;
    const y = s * (gb * smp.x + gd * smp.y) + placement.ty;
    const dx = ga * smp.dx + gc * smp.dy;
    const dy = gb * smp.dx + gd * smp.dy;
    tplSub = t.subpaths[smp.sub];
    const ok = ctx.ink.hasInkNear(x, y, tol, dx, dy, MAX_SIN, compatible);
    partTotal[smp.sub] = (partTotal[smp.sub] ?? 0) + smp.w;
    if (ok) {
      matched += smp.w;
      partFound[smp.sub] = (partFound[smp.sub] ?? 0) + smp.w;
    } else {
      missed += smp.w;
      if (missed > allowedMiss) return null;
    }
  }
  for (let i = 0; i < partTotal.length; i++) {
    if ((partFound[i] ?? 0) < MIN_PART_COVERAGE * (partTotal[i] ?? 0)) return null;
  }
  if (!ctx.tracedOutlines && oneLoopForTwo(t, placement, samples, ctx.ink, tol)) return null;
  const coverage = total > 0 ? matched / total : 1;

  // 2. Its text must be there too, near where the legend puts it.
  const bbox = placeBBox(placement, t.bbox);
  const usedSpots = new Set<TextSpot>();
  let textScore = 0;
  for (const tt of t.texts) {
    // Drafting tools keep text upright: its offset from the symbol may follow the symbol's
    // rotation or not. Accept it at the offset under any of the square symmetries.
    const tolText = Math.max(0.6 * tt.fontSize * s, 0.3 * t.size * s);
    const expected = D4_OPS.map((g) => {
      const [ox, oy] = placeDirection(g, tt.cx, tt.cy);
      return [placement.tx + s * ox, placement.ty + s * oy] as const;
    });
    const [ex, ey] = placePoint(placement, tt.cx, tt.cy);
    expected.unshift([ex, ey]);
    const spot = (ctx.spotsByText.get(tt.text) ?? []).find(
      (sp) => !usedSpots.has(sp) && expected.some(([x, y]) => Math.hypot(sp.cx - x, sp.cy - y) <= tolText),
    );
    if (!spot) return null;
    usedSpots.add(spot);
    textScore += tt.text.length * tt.fontSize * s;
  }

  // 3. Nothing unexplained inside: local subpaths (lying within the symbol's box) must be part
  // of the symbol; short codes inside it must be its own.
  const size = t.size * s;
  const localBox = expandBBox(bbox, 0.12 * size);
  const [ax, ay] = placePoint(placement, t.anchor[0], t.anchor[1]);
  let unexplainedInk = 0;
  const tplInk = total * s;
  const placedPieces = placedTemplatePieces(t, placement);
  const local = new Set<number>();
  ctx.ink.forEachNear(localBox[0], localBox[1], localBox[2], localBox[3], (k) => {
    local.add(ctx.ink.owner[k] ?? -1);
    return false;
  });
  for (const si of local) {
    const sp = ctx.subpaths[si];
    if (!sp || !bboxContains(localBox, sp.bbox)) continue;
    unexplainedInk += unexplainedLength(sp, placedPieces, tol);
    if (unexplainedInk > ctx.maxUnexplained * tplInk) return null;
  }
  const inner = shrink(bbox, 0.25);
  // A code inside the symbol marks another symbol (a GFCI's letters in a receptacle).
  const foreignCode = ctx.codeSpots.some(
    inner,
    (spot) => !usedSpots.has(spot) && bboxContainsPoint(inner, spot.cx, spot.cy),
  );
  if (foreignCode) return null;
  const unexplained = tplInk > 0 ? unexplainedInk / tplInk : 0;
  // The symbol's own ink that is not on the sheet counts against it too: a template with more
  // ink (a circle with "CO" in it) covering a smaller one's drawing (the circle with "S") only
  // in part must not outscore the template that covers it all.
  const score = (matched - missed) * s + textScore - unexplainedInk;
  const confidence = Math.max(0, Math.min(1, coverage * (1 - unexplained)));
  return {
    entry,
    placement,
    bbox,
    x: ax,
    y: ay,
    coverage,
    unexplained,
    score,
    confidence,
  };
}

/**
 * Two closed parts of the symbol of different sizes (the two rings of a double circle) found on
 * one and the same drawn loop, and on no other: the tolerance lets a single circle pass for both,
 * but one drawn circle is not two. Such a placement (a detector's double circle, shrunk onto a
 * fan's single circle) is no match. A part's loops are the drawn closed subpaths within the
 * tolerance of at least half its samples; parts that also lie on loops of their own (a filled
 * half disc inside its circle) and parts of the same size (a loop drawn twice, stroked and
 * filled) are left alone.
 */
function oneLoopForTwo(
  t: SymbolTemplate,
  placement: Placement,
  samples: readonly Sample[],
  ink: InkIndex,
  tol: number,
): boolean {
  const loops: number[] = [];
  t.subpaths.forEach((sp, i) => {
    if (sp.closed) loops.push(i);
  });
  if (loops.length < 2) return false;
  const alike = (a: BBox, b: BBox) => a.every((v, k) => Math.abs(v - (b[k] ?? v)) <= 0.03 * t.size);
  // The one drawn loop each part lies on, when it lies on exactly one.
  const onlyLoop = new Map<number, number>();
  for (const part of loops) {
    const hits = new Map<number, number>();
    let n = 0;
    for (const smp of samples) {
      if (smp.sub !== part || n++ % 3 !== 0) continue;
      const [x, y] = placePoint(placement, smp.x, smp.y);
      const near = new Set<number>();
      ink.forEachNear(x - tol, y - tol, x + tol, y + tol, (k) => {
        const owner = ink.owner[k] ?? -1;
        if (near.has(owner) || !ink.subpaths[owner]?.closed) return false;
        const [ax, ay, bx, by] = ink.piece(k);
        if (pointSegmentDistance(x, y, ax, ay, bx, by) <= tol) near.add(owner);
        return false;
      });
      for (const owner of near) hits.set(owner, (hits.get(owner) ?? 0) + 1);
    }
    const counted = Math.ceil(n / 3);
    const on = [...hits].filter(([, c]) => c >= 0.5 * counted).map(([owner]) => owner);
    if (on.length === 1 && on[0] !== undefined) onlyLoop.set(part, on[0]);
  }
  for (let i = 0; i < loops.length; i++)
    for (let j = i + 1; j < loops.length; j++) {
      const a = loops[i] ?? -1;
      const b = loops[j] ?? -1;
      const la = onlyLoop.get(a);
      if (la === undefined || la !== onlyLoop.get(b)) continue;
      const ba = t.subpaths[a]?.bbox;
      const bb = t.subpaths[b]?.bbox;
      if (ba && bb && !alike(ba, bb)) return true;
    }
  return false;
}

function shrink(b: BBox, f: number): BBox {
  const w = (b[2] - b[0]) * f;
  const h = (b[3] - b[1]) * f;
  return [b[0] + w, b[1] + h, b[2] - w, b[3] - h];
}

function placedTemplatePieces(t: SymbolTemplate, placement: Placement): number[] {
  const out: number[] = [];
  for (const sp of t.subpaths) {
    const p = sp.points;
    for (let i = 2; i < p.length; i += 2) {
      const [ax, ay] = placePoint(placement, p[i - 2] ?? 0, p[i - 1] ?? 0);
      const [bx, by] = placePoint(placement, p[i] ?? 0, p[i + 1] ?? 0);
      out.push(ax, ay, bx, by);
    }
  }
  return out;
}

/** Length of `sp` lying farther than `tol` from the placed template pieces. */
function unexplainedLength(sp: Subpath, pieces: readonly number[], tol: number): number {
  let out = 0;
  const p = sp.points;
  // A piece whose box, grown by `tol`, leaves the point out is farther than `tol`: skipped
  // without measuring (most pieces, for every point of the hatching around a candidate). The
  // margin past `tol` covers rounding, so exactly the same pieces are found near.
  const reach = tol * (1 + 1e-9) + 1e-6;
  for (let i = 2; i < p.length; i += 2) {
    const ax = p[i - 2] ?? 0;
    const ay = p[i - 1] ?? 0;
    const bx = p[i] ?? 0;
    const by = p[i + 1] ?? 0;
    const len = Math.hypot(bx - ax, by - ay);
    const n = Math.max(1, Math.ceil(len / Math.max(tol, 0.5)));
    for (let k = 0; k < n; k++) {
      const f = (k + 0.5) / n;
      const x = ax + f * (bx - ax);
      const y = ay + f * (by - ay);
      let near = false;
      for (let j = 0; j < pieces.length; j += 4) {
        const px0 = pieces[j] ?? 0;
        const py0 = pieces[j + 1] ?? 0;
        const px1 = pieces[j + 2] ?? 0;
        const py1 = pieces[j + 3] ?? 0;
        if (
          x < Math.min(px0, px1) - reach ||
          x > Math.max(px0, px1) + reach ||
          y < Math.min(py0, py1) - reach ||
          y > Math.max(py0, py1) + reach
        )
          continue;
        if (pointSegmentDistance(x, y, px0, py0, px1, py1) <= tol) {
          near = true;
          break;
        }
      }
      if (!near) out += len / n;
    }
  }
  return out;
}

/**
 * Keeps one match per spot: the one explaining the most ink (a receptacle — circle and two
 * lines — beats a luminaire — circle — on the same circle). Matches overlap when their boxes
 * share more than 35 % of the smaller one, or one's centre lies in the other.
 */
export function resolveOverlaps(matches: readonly SymbolMatch[]): SymbolMatch[] {
  const sorted = [...matches].sort((a, b) => b.score - a.score || b.confidence - a.confidence);
  const kept: SymbolMatch[] = [];
  // Kept matches by the cells of their padded box and of their point: two overlapping matches
  // always share a cell (see `overlaps`), so only those are compared.
  const sizes = sorted
    .map((m) => Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]))
    .sort((a, b) => a - b);
  const cell = sizes[Math.floor(sizes.length / 2)] ?? 0;
  const grid = cell > 0 && Number.isFinite(cell) ? new BoxGrid<SymbolMatch>(cell) : null;
  for (const m of sorted) {
    const reach = padPoint(m);
    const clash = grid ? grid.some(reach, (k) => overlaps(k, m)) : kept.some((k) => overlaps(k, m));
    if (!clash) {
      kept.push(m);
      grid?.insert(reach, m);
    }
  }
  return kept;
}

/** A match's box, padded as `overlaps` pads it. */
function padded(m: SymbolMatch): BBox {
  const size = Math.max(m.bbox[2] - m.bbox[0], m.bbox[3] - m.bbox[1]);
  const w = m.bbox[2] - m.bbox[0];
  const h = m.bbox[3] - m.bbox[1];
  // Give line-like symbols some thickness so overlap is measurable.
  const ex = Math.max(0, 0.1 * size - w / 2);
  const ey = Math.max(0, 0.1 * size - h / 2);
  return [m.bbox[0] - ex, m.bbox[1] - ey, m.bbox[2] + ex, m.bbox[3] + ey];
}

/** The padded box grown to hold the match's point: everything `overlaps` looks at. */
function padPoint(m: SymbolMatch): BBox {
  const b = padded(m);
  return [Math.min(b[0], m.x), Math.min(b[1], m.y), Math.max(b[2], m.x), Math.max(b[3], m.y)];
}

function overlaps(a: SymbolMatch, b: SymbolMatch): boolean {
  const ba = padded(a);
  const bb = padded(b);
  if (
    bboxContainsPoint(ba, b.x, b.y, -0.05 * (ba[2] - ba[0])) ||
    bboxContainsPoint(bb, a.x, a.y, -0.05 * (bb[2] - bb[0]))
  ) {
    return true;
  }
  const inter = intersectBBox(ba, bb);
  if (!inter) return false;
  return bboxArea(inter) > 0.35 * Math.min(bboxArea(ba), bboxArea(bb));
}

/**
 * Drops matches drawn at a scale far from the sheet's usual symbol scale: in a drawing, blocks
 * are inserted at one scale (give or take a few sizes), so a "symbol" found at twice that size
 * is something else that happens to look alike (a wall piece shaped like a baseboard heater).
 * The sheet's scale is the median over the matches that survive overlap resolution; matches
 * outside [lo, hi] × that median go, and overlaps are resolved again.
 */
export function keepConsistentScale(matches: readonly SymbolMatch[], lo = 0.65, hi = 1.5): SymbolMatch[] {
  const resolved = resolveOverlaps(matches);
  if (resolved.length < 3) return resolved;
  const scales = resolved.map((m) => m.placement.s).sort((a, b) => a - b);
  const median = scales[Math.floor(scales.length / 2)] ?? 1;
  return resolveOverlaps(matches.filter((m) => m.placement.s >= lo * median && m.placement.s <= hi * median));
}
