import type { Pt, Shape } from './canvas.ts';
import { strokeText, strokeTextWidth } from './stroke-font.ts';
import { innerLetters, markOf, type SymbolKind, type WordingSet } from './wording.ts';

/**
 * Symbol drawings in local units (about 1 pt at scale 1), insertion point at (0, 0), the wall
 * (for wall-mounted devices) below, at negative y. Marked variants are the base drawing plus
 * letters; the letters are either part of the block (strokes, as an exploded CAD block or an SHX
 * attribute) or separate text placed beside it — see `symbolParts`.
 */
const circle = (r: number, c: Pt = [0, 0], filled = false): Shape => ({ kind: 'circle', c, r, filled });
const poly = (pts: Pt[], closed = false, filled = false): Shape => ({ kind: 'poly', pts, closed, filled });

/** Letters as strokes centred on `at`. */
export function letters(text: string, size: number, at: Pt): Shape[] {
  const w = strokeTextWidth(text, size) - size / 3;
  return strokeText(text, size).map((pts) =>
    poly(pts.map(([x, y]) => [x + at[0] - w / 2, y + at[1] - size / 2] as Pt)),
  );
}

function base(kind: SymbolKind): Shape[] {
  switch (kind) {
    case 'receptacle':
    case 'receptacle_gfci':
    case 'receptacle_weatherproof':
      return [
        circle(4),
        poly([
          [-1.6, 2.6],
          [-1.6, 6.6],
        ]),
        poly([
          [1.6, 2.6],
          [1.6, 6.6],
        ]),
        poly([
          [0, -4],
          [0, -6.5],
        ]),
      ];
    case 'receptacle_240v':
      return [
        circle(4),
        poly([
          [-2.2, 2],
          [-2.2, 6.6],
        ]),
        poly([
          [0, 4],
          [0, 6.6],
        ]),
        poly([
          [2.2, 2],
          [2.2, 6.6],
        ]),
        poly(
          [
            [-4, 0],
            [0, -4],
            [4, 0],
          ],
          true,
          true,
        ),
        poly([
          [0, -4],
          [0, -6.5],
        ]),
      ];
    case 'switch':
    case 'switch_3way':
    case 'switch_4way':
    case 'switch_dimmer':
      return [
        ...letters('S', 7, [0, 0]),
        poly([
          [0, -3.8],
          [0, -6.5],
        ]),
      ];
    case 'luminaire':
    case 'luminaire_emergency':
      return [
        circle(5),
        poly([
          [-3.5, -3.5],
          [3.5, 3.5],
        ]),
        poly([
          [-3.5, 3.5],
          [3.5, -3.5],
        ]),
      ];
    case 'luminaire_recessed':
      return [circle(4.5), circle(1.8, [0, 0], true)];
    case 'exit_sign':
      return [
        poly(
          [
            [-9, -3.5],
            [9, -3.5],
            [9, 3.5],
            [-9, 3.5],
          ],
          true,
        ),
        poly(
          [
            [9, 0],
            [11, 2],
            [11, -2],
          ],
          true,
          true,
        ),
      ];
    case 'junction_box':
    case 'thermostat':
      return [circle(4)];
    case 'smoke_detector':
    case 'co_detector':
    case 'tv_outlet':
    case 'speaker':
    case 'motion_sensor':
      return [circle(5.2)];
    case 'exhaust_fan':
      return [
        poly(
          [
            [-6, -6],
            [6, -6],
            [6, 6],
            [-6, 6],
          ],
          true,
        ),
        circle(4.5),
        poly([
          [0, 0],
          [0, 4.5],
        ]),
        poly([
          [0, 0],
          [3.9, -2.25],
        ]),
        poly([
          [0, 0],
          [-3.9, -2.25],
        ]),
      ];
    case 'baseboard_heater': {
      const zig: Pt[] = [];
      for (let i = 0; i <= 12; i++) zig.push([-14 + (28 * i) / 12, i % 2 === 0 ? -1.8 : 1.8]);
      return [
        poly(
          [
            [-15, -2.5],
            [15, -2.5],
            [15, 2.5],
            [-15, 2.5],
          ],
          true,
        ),
        poly(zig),
      ];
    }
    case 'panel':
      return [
        poly(
          [
            [-9, -3],
            [9, -3],
            [9, 3],
            [-9, 3],
          ],
          true,
        ),
        poly(
          [
            [-9, -3],
            [9, -3],
            [9, 3],
          ],
          true,
          true,
        ),
      ];
    case 'ev_charger':
      return [
        poly(
          [
            [-6, -6],
            [6, -6],
            [6, 6],
            [-6, 6],
          ],
          true,
        ),
      ];
    case 'data_outlet':
      return [
        poly(
          [
            [-4.5, -3],
            [4.5, -3],
            [0, 4.5],
          ],
          true,
          true,
        ),
        poly([
          [0, -3],
          [0, -6.5],
        ]),
      ];
    case 'doorbell':
      return [
        poly(
          [
            [-3.5, -3.5],
            [3.5, -3.5],
            [3.5, 3.5],
            [-3.5, 3.5],
          ],
          true,
        ),
        circle(1.6, [0, 0], true),
      ];
  }
}

function innerShapes(w: WordingSet, kind: SymbolKind): Shape[] {
  const t = innerLetters(w, kind);
  if (!t) return [];
  const size = kind === 'exit_sign' ? (t.length > 4 ? 2.4 : 3) : t.length > 1 ? 3.4 : 4.6;
  return letters(t, size, [0, 0]);
}

/** Where a variant mark sits relative to the insertion point (local units). */
export const MARK_OFFSET: Pt = [8.5, 4.5];
export const MARK_SIZE = 3.8;

export interface SymbolParts {
  /** The drawing of the block (what goes into a Form XObject or is exploded). */
  readonly shapes: Shape[];
  /** A variant mark written as separate text beside the block (null when drawn in the block). */
  readonly textMark: string | null;
}

export function symbolParts(w: WordingSet, kind: SymbolKind, markInBlock: boolean): SymbolParts {
  const mark = markOf(w, kind);
  const shapes = [...base(kind), ...innerShapes(w, kind)];
  if (mark && markInBlock)
    shapes.push(...letters(mark, MARK_SIZE, [MARK_OFFSET[0] + (mark.length - 1) * 1.9, MARK_OFFSET[1]]));
  return { shapes, textMark: mark && !markInBlock ? mark : null };
}

/** Symbols mounted on a wall turn with it; ceiling devices may take any angle. */
export function isWallMounted(kind: SymbolKind): boolean {
  return (
    kind.startsWith('receptacle') ||
    kind.startsWith('switch') ||
    kind === 'data_outlet' ||
    kind === 'thermostat' ||
    kind === 'baseboard_heater' ||
    kind === 'panel' ||
    kind === 'ev_charger' ||
    kind === 'doorbell' ||
    kind === 'tv_outlet' ||
    kind === 'exit_sign'
  );
}
