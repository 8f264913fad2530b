import { flattenPaths } from './geometry.ts';
import type { LegendSymbol } from './legend.ts';
import type { MatchOptions } from './match-symbols.ts';
import type { PathSegment } from './primitives.ts';

/** Symbol id prefix of the built-in symbols (never a legend row of the sheet). */
export const DEFAULT_SYMBOL_PREFIX = 'default-';

/** A circle of radius `r` around the origin as four Bézier quarters (what CAD exports). */
function circleSegments(r: number): PathSegment[] {
  const k = 0.5522847498 * r;
  return [
    { op: 'moveTo', x: r, y: 0 },
    { op: 'curveTo', x1: r, y1: k, x2: k, y2: r, x: 0, y: r },
    { op: 'curveTo', x1: -k, y1: r, x2: -r, y2: k, x: -r, y: 0 },
    { op: 'curveTo', x1: -r, y1: -k, x2: -k, y2: -r, x: 0, y: -r },
    { op: 'curveTo', x1: k, y1: -r, x2: r, y2: -k, x: r, y: 0 },
    { op: 'closePath' },
  ];
}

/**
 * Symbols a sheet without any legend is still read with: a junction box drawn as a circle with
 * "J" (a near-universal convention in North-American and Québec electrical drawings, needing no
 * legend). Only unambiguous shape + letter pairs belong here; a bare circle is not one.
 */
export function defaultLegendEntries(): LegendSymbol[] {
  const r = 4;
  const subpaths = flattenPaths([
    {
      segments: circleSegments(r),
      stroke: true,
      fill: false,
      evenOdd: false,
      lineWidth: 0.5,
      dashed: false,
      strokeColor: '#000000',
      fillColor: '#000000',
      bbox: [-r, -r, r, r],
    },
  ]);
  return [
    {
      symbolId: `${DEFAULT_SYMBOL_PREFIX}junction_box`,
      label: 'J',
      type: 'junction_box',
      template: {
        subpaths,
        texts: [{ text: 'J', cx: 0, cy: 0, fontSize: 5 }],
        bbox: [-r, -r, r, r],
        size: 2 * r,
        anchor: [0, 0],
      },
      bboxOnPage: [-r, -r, r, r],
      page: 0,
    },
  ];
}

/**
 * Sizes a built-in symbol is looked for at (5–16 pt across): device symbols, not the grid
 * bubbles ("J" in a 20–30 pt circle) nor the lettered dots of a detail.
 */
export const DEFAULT_SYMBOL_MATCH: MatchOptions = { scaleRange: [0.6, 2] };
