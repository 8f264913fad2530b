import { type Color, grayscale } from 'pdf-lib';
import type { DeviceType } from '../../packages/shared/src/contracts/plan-analysis.ts';
import { type Canvas, type EmitMode, type FontKey, Path } from './canvas.ts';
import {
  type Box,
  boxOfPoints,
  compose,
  type Matrix,
  type Point,
  rotation,
  scaling,
  transformBox,
  translation,
} from './geometry.ts';

/**
 * Symbol styles. Each device type has several unrelated drawing conventions (ANSI-like, IEC-like,
 * letter-in-shape, text-only) so that nothing downstream can be tied to one standard: a plan
 * picks one style per legend row. Geometry is in "units" (main radius ≈ 1) and local axes where
 * the wall a device is mounted on lies towards −y (the room is towards +y).
 */

export type Language = 'fr' | 'en';

export interface SymbolPart {
  readonly path: Path;
  readonly paint: 'stroke' | 'fill' | 'both';
}

export interface SymbolText {
  readonly text: string;
  readonly at: Point;
  /** Font size in units; shrunk to `fit` units of width when given. */
  readonly size: number;
  readonly fit?: number;
  readonly font?: FontKey;
  readonly anchor?: 'start' | 'middle' | 'end';
}

export interface SymbolGeometry {
  readonly parts: readonly SymbolPart[];
  readonly texts: readonly SymbolText[];
}

export interface SymbolStyle {
  /** Unique style id (truth `symbolId`s are per-plan legend ids, not these). */
  readonly id: string;
  readonly type: DeviceType;
  /** For plans: how it is drawn, one line, for the README table. */
  readonly description: string;
  /** Outline shape that carries a text, when the style is "text in a shape" (conflict check). */
  readonly container?: 'circle' | 'square' | 'hex' | 'none';
  /** Text variants by language (e.g. "DF" vs "SD"); the plan picks one. */
  readonly texts?: Readonly<Record<Language, readonly string[]>>;
  build(text: string): SymbolGeometry;
}

/** cos 45°: diagonal of a unit circle. */
const D45 = Math.SQRT1_2;

const stroke = (path: Path): SymbolPart => ({ path, paint: 'stroke' });
const filled = (path: Path): SymbolPart => ({ path, paint: 'fill' });

function hexagon(r: number): Path {
  const pts: Point[] = [];
  for (let i = 0; i < 6; i++) {
    const a = (Math.PI / 3) * i;
    pts.push([r * Math.cos(a), r * Math.sin(a)]);
  }
  return new Path().polyline(pts, true);
}

function triangle(r: number): Point[] {
  return [
    [0, r],
    [-r * 0.866, -r * 0.5],
    [r * 0.866, -r * 0.5],
  ];
}

const circle = (r = 1): Path => new Path().circle(0, 0, r);
const square = (h = 1): Path => new Path().rect(-h, -h, 2 * h, 2 * h);

function textIn(text: string, fit = 1.45, size = 1.15): SymbolText {
  return { text, at: [0, 0], size, fit, font: 'bold', anchor: 'middle' };
}

function geometry(parts: SymbolPart[], texts: SymbolText[] = []): SymbolGeometry {
  return { parts, texts };
}

function letterIn(
  id: string,
  type: DeviceType,
  container: 'circle' | 'square' | 'hex',
  texts: Record<Language, readonly string[]>,
  description: string,
): SymbolStyle {
  const outline = container === 'circle' ? circle() : container === 'square' ? square(0.95) : hexagon(1.08);
  return {
    id,
    type,
    description,
    container,
    texts,
    build: (t) => geometry([stroke(outline)], [textIn(t, container === 'square' ? 1.5 : 1.4)]),
  };
}

function textOnly(
  id: string,
  type: DeviceType,
  texts: Record<Language, readonly string[]>,
  description: string,
): SymbolStyle {
  return {
    id,
    type,
    description,
    container: 'none',
    texts,
    build: (t) => geometry([], [{ text: t, at: [0, 0], size: 1.9, font: 'bold', anchor: 'middle' }]),
  };
}

const SAME = (t: string): Record<Language, readonly string[]> => ({ fr: [t], en: [t] });

export const SYMBOL_STYLES: readonly SymbolStyle[] = [
  // — receptacle —
  {
    id: 'rec-duplex-through',
    type: 'receptacle',
    description: 'circle crossed by two parallel lines (ANSI duplex)',
    build: () =>
      geometry([
        stroke(circle()),
        stroke(new Path().line(-0.38, -1.5, -0.38, 1.5).line(0.38, -1.5, 0.38, 1.5)),
      ]),
  },
  {
    id: 'rec-duplex-inner',
    type: 'receptacle',
    description: 'circle with two short parallel lines inside',
    build: () =>
      geometry([
        stroke(circle()),
        stroke(new Path().line(-0.32, -0.55, -0.32, 0.55).line(0.32, -0.55, 0.32, 0.55)),
      ]),
  },
  {
    id: 'rec-iec-half',
    type: 'receptacle',
    description: 'half circle on a diameter with a stem to the wall (IEC socket)',
    build: () =>
      geometry([stroke(new Path().arc(0, -0.2, 1, 0, 180).line(-1, -0.2, 1, -0.2).line(0, -0.2, 0, -1.1))]),
  },
  {
    id: 'rec-square-duplex',
    type: 'receptacle',
    description: 'square with two parallel lines',
    build: () =>
      geometry([
        stroke(square(0.9)),
        stroke(new Path().line(-0.3, -0.9, -0.3, 0.9).line(0.3, -0.9, 0.3, 0.9)),
      ]),
  },
  {
    id: 'rec-half-filled',
    type: 'receptacle',
    description: 'circle with the wall-side half filled',
    build: () =>
      geometry([
        filled(new Path().arc(0, 0, 1, 180, 360).close()),
        stroke(circle()),
        stroke(new Path().line(-1, 0, 1, 0)),
      ]),
  },
  // — receptacle_gfci —
  {
    id: 'gfci-duplex-text',
    type: 'receptacle_gfci',
    description: 'ANSI duplex with GFCI / DDFT written beside it',
    texts: { fr: ['DDFT', 'DDF'], en: ['GFCI', 'GFI'] },
    build: (t) =>
      geometry(
        [stroke(circle()), stroke(new Path().line(-0.38, -1.5, -0.38, 1.5).line(0.38, -1.5, 0.38, 1.5))],
        [{ text: t, at: [1.35, 0], size: 0.95, font: 'regular', anchor: 'start' }],
      ),
  },
  {
    id: 'gfci-filled-duplex',
    type: 'receptacle_gfci',
    description: 'filled disc crossed by two parallel lines',
    build: () =>
      geometry([
        filled(circle()),
        stroke(new Path().line(-0.38, -1.5, -0.38, 1.5).line(0.38, -1.5, 0.38, 1.5)),
      ]),
  },
  {
    id: 'gfci-triangle-filled',
    type: 'receptacle_gfci',
    description: 'filled triangle with a stem to the wall',
    build: () =>
      geometry([
        filled(new Path().polyline(triangle(1.15), true)),
        stroke(new Path().line(0, -0.57, 0, -1.3)),
      ]),
  },
  letterIn(
    'gfci-circle-gf',
    'receptacle_gfci',
    'circle',
    { fr: ['GF'], en: ['GF'] },
    'circle with GF inside',
  ),
  // — receptacle_240v —
  {
    id: 'r240-triplex',
    type: 'receptacle_240v',
    description: 'circle crossed by three parallel lines',
    build: () =>
      geometry([
        stroke(circle()),
        stroke(new Path().line(-0.5, -1.45, -0.5, 1.45).line(0, -1.5, 0, 1.5).line(0.5, -1.45, 0.5, 1.45)),
      ]),
  },
  letterIn('r240-circle-240', 'receptacle_240v', 'circle', SAME('240'), 'circle with 240 inside'),
  {
    id: 'r240-hex-lines',
    type: 'receptacle_240v',
    description: 'hexagon with two parallel lines',
    build: () =>
      geometry([
        stroke(hexagon(1.1)),
        stroke(new Path().line(-0.3, -0.6, -0.3, 0.6).line(0.3, -0.6, 0.3, 0.6)),
      ]),
  },
  {
    id: 'r240-double-ring',
    type: 'receptacle_240v',
    description: 'double ring with a filled wall-side half',
    build: () =>
      geometry([stroke(circle()), stroke(circle(0.7)), filled(new Path().arc(0, 0, 0.7, 180, 360).close())]),
  },
  // — switch —
  textOnly('sw-s', 'switch', SAME('S'), 'the letter S'),
  textOnly('sw-dollar', 'switch', SAME('$'), 'a dollar sign'),
  {
    id: 'sw-iec',
    type: 'switch',
    description: 'small dot with an inclined arm and end tick (IEC switch)',
    build: () =>
      geometry([filled(circle(0.32)), stroke(new Path().line(0, 0, 1.0, 1.0).line(1.0, 1.0, 1.35, 0.65))]),
  },
  letterIn('sw-circle-s', 'switch', 'circle', SAME('S'), 'circle with S inside'),
  // — switch_3way —
  textOnly('sw3-s3', 'switch_3way', SAME('S3'), 'S3 text'),
  {
    id: 'sw3-s-sub3',
    type: 'switch_3way',
    description: 'S with a subscript 3 (two text runs)',
    container: 'none',
    texts: SAME('S'),
    build: () =>
      geometry(
        [],
        [
          { text: 'S', at: [-0.25, 0], size: 1.9, font: 'bold', anchor: 'middle' },
          { text: '3', at: [0.55, -0.75], size: 1.0, font: 'bold', anchor: 'start' },
        ],
      ),
  },
  textOnly('sw3-dollar3', 'switch_3way', SAME('$3'), '$3 text'),
  {
    id: 'sw3-iec',
    type: 'switch_3way',
    description: 'small dot with two opposite inclined arms and ticks (IEC two-way)',
    build: () =>
      geometry([
        filled(circle(0.32)),
        stroke(
          new Path()
            .line(0, 0, 1.0, 1.0)
            .line(1.0, 1.0, 1.35, 0.65)
            .line(0, 0, -1.0, -1.0)
            .line(-1.0, -1.0, -1.35, -0.65),
        ),
      ]),
  },
  letterIn('sw3-circle-s3', 'switch_3way', 'circle', SAME('S3'), 'circle with S3 inside'),
  // — luminaire —
  {
    id: 'lum-circle-x',
    type: 'luminaire',
    description: 'circle with a diagonal cross',
    build: () =>
      geometry([stroke(circle()), stroke(new Path().line(-D45, -D45, D45, D45).line(-D45, D45, D45, -D45))]),
  },
  {
    id: 'lum-circle-rays',
    type: 'luminaire',
    description: 'circle with four short rays',
    build: () =>
      geometry([
        stroke(circle(0.8)),
        stroke(
          new Path()
            .line(0.8, 0, 1.35, 0)
            .line(0, 0.8, 0, 1.35)
            .line(-0.8, 0, -1.35, 0)
            .line(0, -0.8, 0, -1.35),
        ),
      ]),
  },
  {
    id: 'lum-square-x',
    type: 'luminaire',
    description: 'square with a diagonal cross',
    build: () =>
      geometry([
        stroke(square(0.9)),
        stroke(new Path().line(-0.9, -0.9, 0.9, 0.9).line(-0.9, 0.9, 0.9, -0.9)),
      ]),
  },
  {
    id: 'lum-hex-ring',
    type: 'luminaire',
    description: 'hexagon with an inner circle',
    build: () => geometry([stroke(hexagon(1.1)), stroke(circle(0.55))]),
  },
  {
    id: 'lum-troffer',
    type: 'luminaire',
    description: '2×4 lay-in troffer: long rectangle with a diagonal cross',
    build: () =>
      geometry([
        stroke(new Path().rect(-1.8, -0.9, 3.6, 1.8)),
        stroke(new Path().line(-1.8, -0.9, 1.8, 0.9).line(-1.8, 0.9, 1.8, -0.9)),
      ]),
  },
  {
    id: 'sconce-half-disc',
    type: 'luminaire',
    description: 'wall sconce: filled half disc on a wall bar',
    build: () =>
      geometry([
        filled(new Path().arc(0, -0.5, 0.9, 0, 180).close()),
        stroke(new Path().line(-1.2, -0.5, 1.2, -0.5)),
      ]),
  },
  {
    id: 'sconce-circle-stem',
    type: 'luminaire',
    description: 'wall sconce: small crossed circle on a stem',
    build: () =>
      geometry([
        stroke(circle(0.6)),
        stroke(
          new Path()
            .line(-0.424, -0.424, 0.424, 0.424)
            .line(-0.424, 0.424, 0.424, -0.424)
            .line(0, -0.6, 0, -1.2)
            .line(-0.5, -1.2, 0.5, -1.2),
        ),
      ]),
  },
  // — luminaire_recessed —
  {
    id: 'dl-concentric',
    type: 'luminaire_recessed',
    description: 'two concentric circles',
    build: () => geometry([stroke(circle()), stroke(circle(0.5))]),
  },
  {
    id: 'dl-circle-dot',
    type: 'luminaire_recessed',
    description: 'circle with a filled centre dot',
    build: () => geometry([stroke(circle()), filled(circle(0.3))]),
  },
  {
    id: 'dl-square-circle',
    type: 'luminaire_recessed',
    description: 'square with an inscribed circle',
    build: () => geometry([stroke(square(0.9)), stroke(circle(0.65))]),
  },
  {
    id: 'dl-circle-hatch',
    type: 'luminaire_recessed',
    description: 'circle with three hatch lines',
    build: () =>
      geometry([
        stroke(circle()),
        stroke(
          new Path().line(-0.85, 0.5, -0.5, 0.85).line(-D45, -D45, D45, D45).line(0.5, -0.85, 0.85, -0.5),
        ),
      ]),
  },
  {
    id: 'dl-filled-disc',
    type: 'luminaire_recessed',
    description: 'small filled disc in a ring',
    build: () => geometry([filled(circle(0.75)), stroke(circle(1))]),
  },
  // — smoke_detector —
  letterIn(
    'sd-circle',
    'smoke_detector',
    'circle',
    { fr: ['DF', 'AF'], en: ['SD', 'SA'] },
    'circle with DF / SD',
  ),
  letterIn('sd-hex', 'smoke_detector', 'hex', { fr: ['DF', 'AF'], en: ['SD', 'SA'] }, 'hexagon with DF / SD'),
  letterIn(
    'sd-square',
    'smoke_detector',
    'square',
    { fr: ['DF', 'AF'], en: ['SD', 'SA'] },
    'square with DF / SD',
  ),
  {
    id: 'sd-ring-waves',
    type: 'smoke_detector',
    description: 'circle with a filled centre and two arcs (alarm waves)',
    build: () =>
      geometry([
        stroke(circle()),
        filled(circle(0.25)),
        stroke(new Path().arc(0, 0, 0.55, 20, 160).arc(0, 0, 0.55, 200, 340)),
      ]),
  },
  // — co_detector —
  letterIn('co-circle', 'co_detector', 'circle', SAME('CO'), 'circle with CO'),
  letterIn('co-hex', 'co_detector', 'hex', SAME('CO'), 'hexagon with CO'),
  letterIn('co-square', 'co_detector', 'square', SAME('CO'), 'square with CO'),
  // — exhaust_fan —
  {
    id: 'fan-blades',
    type: 'exhaust_fan',
    description: 'circle with three curved blades',
    build: () => {
      const blades = new Path();
      for (const a of [90, 210, 330]) {
        const r = (a * Math.PI) / 180;
        const tip: Point = [0.85 * Math.cos(r), 0.85 * Math.sin(r)];
        const c: Point = [0.6 * Math.cos(r + 0.7), 0.6 * Math.sin(r + 0.7)];
        blades.moveTo(0, 0).curveTo(c[0], c[1], tip[0], tip[1], tip[0], tip[1]);
      }
      return geometry([stroke(circle()), stroke(blades)]);
    },
  },
  {
    id: 'fan-square-circle-x',
    type: 'exhaust_fan',
    description: 'square holding a crossed circle',
    build: () =>
      geometry([
        stroke(square(1)),
        stroke(circle(0.75)),
        stroke(new Path().line(-0.53, -0.53, 0.53, 0.53).line(-0.53, 0.53, 0.53, -0.53)),
      ]),
  },
  letterIn(
    'fan-circle-text',
    'exhaust_fan',
    'circle',
    { fr: ['V', 'VE-SDB'], en: ['EF', 'F'] },
    'circle with V / EF',
  ),
  letterIn('fan-square-text', 'exhaust_fan', 'square', { fr: ['VS'], en: ['EF'] }, 'square with VS / EF'),
  // — baseboard_heater —
  {
    id: 'bb-hatch',
    type: 'baseboard_heater',
    description: 'long rectangle with diagonal hatching',
    build: () => {
      const hatch = new Path();
      for (let x = -1.9; x <= 1.8; x += 0.55) hatch.line(x, -0.45, x + 0.5, 0.45);
      return geometry([stroke(new Path().rect(-2.2, -0.45, 4.4, 0.9)), stroke(hatch)]);
    },
  },
  {
    id: 'bb-zigzag',
    type: 'baseboard_heater',
    description: 'long rectangle with a zigzag',
    build: () => {
      const pts: Point[] = [];
      for (let i = 0; i <= 10; i++) pts.push([-2 + i * 0.4, i % 2 === 0 ? -0.3 : 0.3]);
      return geometry([
        stroke(new Path().rect(-2.2, -0.45, 4.4, 0.9)),
        stroke(new Path().polyline(pts, false)),
      ]);
    },
  },
  {
    id: 'bb-filled',
    type: 'baseboard_heater',
    description: 'filled long bar',
    build: () => geometry([filled(new Path().rect(-2.2, -0.35, 4.4, 0.7))]),
  },
  {
    id: 'bb-rect-text',
    type: 'baseboard_heater',
    description: 'long rectangle with P / BB inside',
    container: 'none',
    texts: { fr: ['P', 'PC'], en: ['BB', 'H'] },
    build: (t) => geometry([stroke(new Path().rect(-2.2, -0.5, 4.4, 1.0))], [textIn(t, 2, 0.85)]),
  },
  // — thermostat —
  letterIn('th-circle', 'thermostat', 'circle', SAME('T'), 'circle with T'),
  letterIn('th-square', 'thermostat', 'square', { fr: ['T', 'TH'], en: ['T', 'TH'] }, 'square with T / TH'),
  letterIn('th-hex', 'thermostat', 'hex', SAME('T'), 'hexagon with T'),
  textOnly('th-text', 'thermostat', SAME('T'), 'the letter T'),
  // — panel —
  {
    id: 'pnl-half',
    type: 'panel',
    description: 'rectangle split on the diagonal, one half filled',
    build: () =>
      geometry([
        filled(
          new Path().polyline(
            [
              [-1.6, -0.6],
              [1.6, -0.6],
              [1.6, 0.6],
            ],
            true,
          ),
        ),
        stroke(new Path().rect(-1.6, -0.6, 3.2, 1.2)),
      ]),
  },
  {
    id: 'pnl-filled',
    type: 'panel',
    description: 'filled rectangle',
    build: () => geometry([filled(new Path().rect(-1.6, -0.55, 3.2, 1.1))]),
  },
  {
    id: 'pnl-crosshatch',
    type: 'panel',
    description: 'rectangle with cross-hatching',
    build: () => {
      const hatch = new Path();
      for (let x = -1.2; x <= 1.2; x += 0.6)
        hatch.line(x - 0.4, -0.6, x + 0.4, 0.6).line(x + 0.4, -0.6, x - 0.4, 0.6);
      return geometry([stroke(new Path().rect(-1.6, -0.6, 3.2, 1.2)), stroke(hatch)]);
    },
  },
  // — ev_charger —
  letterIn(
    'ev-square',
    'ev_charger',
    'square',
    { fr: ['VE', 'BRVE'], en: ['EV', 'EVSE'] },
    'square with VE / EV',
  ),
  {
    id: 'ev-circle-bolt',
    type: 'ev_charger',
    description: 'circle with a filled lightning bolt',
    build: () =>
      geometry([
        stroke(circle()),
        filled(
          new Path().polyline(
            [
              [0.15, 0.8],
              [-0.45, -0.05],
              [0, -0.05],
              [-0.15, -0.8],
              [0.45, 0.1],
              [0, 0.1],
            ],
            true,
          ),
        ),
      ]),
  },
  letterIn('ev-hex', 'ev_charger', 'hex', { fr: ['VE'], en: ['EV'] }, 'hexagon with VE / EV'),
  // — data_outlet —
  {
    id: 'data-tri',
    type: 'data_outlet',
    description: 'triangle outline',
    build: () => geometry([stroke(new Path().polyline(triangle(1.1), true))]),
  },
  {
    id: 'data-tri-filled-stem',
    type: 'data_outlet',
    description: 'filled triangle pointing at the wall, on a stem',
    build: () =>
      geometry([
        filled(
          new Path().polyline(
            triangle(0.9).map(([x, y]) => [x, -y + 0.3] as Point),
            true,
          ),
        ),
        stroke(new Path().line(-0.8, 1.1, 0.8, 1.1)),
      ]),
  },
  {
    id: 'data-square-diag',
    type: 'data_outlet',
    description: 'square with one diagonal, lower half filled',
    build: () =>
      geometry([
        filled(
          new Path().polyline(
            [
              [-0.9, -0.9],
              [0.9, -0.9],
              [0.9, 0.9],
            ],
            true,
          ),
        ),
        stroke(square(0.9)),
      ]),
  },
  // — other (legend rows that map to no priced device), junction boxes, exit signs, emergency lights —
  letterIn('chime-circle', 'other', 'circle', { fr: ['CH'], en: ['CH'] }, 'door chime: circle with CH'),
  letterIn('jbox-circle', 'junction_box', 'circle', SAME('J'), 'junction box: circle with J'),
  {
    id: 'exit-sign',
    type: 'exit_sign',
    description: 'exit sign: rectangle with a filled arrow',
    build: () =>
      geometry([
        stroke(new Path().rect(-1.4, -0.6, 2.8, 1.2)),
        filled(
          new Path().polyline(
            [
              [-0.8, -0.25],
              [0.3, -0.25],
              [0.3, -0.45],
              [0.9, 0],
              [0.3, 0.45],
              [0.3, 0.25],
              [-0.8, 0.25],
            ],
            true,
          ),
        ),
      ]),
  },
  {
    id: 'emergency-heads',
    type: 'luminaire_emergency',
    description: 'emergency light: box with two lamp heads',
    build: () =>
      geometry([
        stroke(new Path().rect(-1.2, -0.8, 2.4, 0.8)),
        stroke(new Path().circle(-0.6, 0.4, 0.4).circle(0.6, 0.4, 0.4)),
      ]),
  },
];

export function stylesFor(type: DeviceType): SymbolStyle[] {
  return SYMBOL_STYLES.filter((s) => s.type === type);
}

export function styleById(id: string): SymbolStyle {
  const style = SYMBOL_STYLES.find((s) => s.id === id);
  if (!style) throw new Error(`unknown symbol style ${id}`);
  return style;
}

export interface SymbolPlacement {
  /** Centre in view coordinates. */
  readonly x: number;
  readonly y: number;
  /** Size of one unit in points (the legend draws at scale 1). */
  readonly unit: number;
  /** Degrees counter-clockwise: a right angle as a rule, any angle for skewed fixtures. */
  readonly rotation: number;
  readonly mirrored: boolean;
  readonly scale: number;
}

export interface SymbolDrawOptions {
  readonly mode: EmitMode;
  readonly lineWidth: number;
  readonly color?: Color;
  /** Text inside symbols turns with the symbol (block attributes) or stays upright. */
  readonly textRotates: boolean;
  readonly layer: string;
  readonly textLayer: string;
  /** Only compute the bounding box (placement planning). */
  readonly dryRun?: boolean;
}

/** local → view matrix of a placed symbol: scale, mirror about the local y axis, rotate, move. */
export function symbolMatrix(p: SymbolPlacement): Matrix {
  const s = p.unit * p.scale;
  const mirror: Matrix = p.mirrored ? [-1, 0, 0, 1, 0, 0] : [1, 0, 0, 1, 0, 0];
  return compose(translation(p.x, p.y), compose(rotation(p.rotation), compose(mirror, scaling(s))));
}

/** Font size in points of a symbol text (fitted to `fit` units when needed). */
function textSize(canvas: Canvas, t: SymbolText, s: number): number {
  const font = canvas.font(t.font);
  let size = t.size * s;
  if (t.fit !== undefined) {
    const width = font.widthOfTextAtSize(t.text, size);
    if (width > t.fit * s) size = (size * t.fit * s) / width;
  }
  return Math.round(size * 100) / 100;
}

/**
 * Draws a symbol and returns its view-space bounding box. Text runs keep reading direction
 * (never mirrored); their anchor points follow the symbol transform.
 */
export function drawSymbol(
  canvas: Canvas,
  geom: SymbolGeometry,
  p: SymbolPlacement,
  opts: SymbolDrawOptions,
): Box {
  const m = symbolMatrix(p);
  const boxes: Box[] = [];
  const color = opts.color;
  for (const part of geom.parts) {
    if (!opts.dryRun)
      canvas.path(
        opts.layer,
        part.path,
        {
          ...(part.paint !== 'fill' && color ? { stroke: color } : {}),
          ...(part.paint !== 'stroke' && color ? { fill: color } : {}),
          ...(part.paint !== 'fill' && !color ? { stroke: BLACK } : {}),
          ...(part.paint !== 'stroke' && !color ? { fill: BLACK } : {}),
          width: opts.lineWidth,
        },
        m,
        opts.mode,
      );
    boxes.push(transformBox(m, boxOfPoints(part.path.points())));
  }
  const s = p.unit * p.scale;
  for (const t of geom.texts) {
    const style = {
      size: textSize(canvas, t, s),
      font: t.font ?? 'bold',
      anchor: t.anchor ?? 'middle',
      vAnchor: 'middle',
      angle: opts.textRotates ? p.rotation : 0,
      ...(color ? { color } : {}),
    } as const;
    // Glyphs are never mirrored; a side note (GFCI beside the circle) keeps extending away from
    // the symbol whatever the transform, by flipping its anchor when the local +x axis ends up
    // pointing against the reading direction.
    const anchor = sideAnchor(t.anchor ?? 'middle', m, style.angle);
    const placed = { ...style, anchor };
    if (!opts.dryRun) canvas.text(opts.textLayer, t.text, t.at, placed, m);
    boxes.push(canvas.textBox(t.text, t.at, placed, m));
  }
  return unionBoxes(boxes);
}

function sideAnchor(
  anchor: 'start' | 'middle' | 'end',
  m: Matrix,
  angle: number,
): 'start' | 'middle' | 'end' {
  if (anchor === 'middle') return anchor;
  const len = Math.hypot(m[0], m[1]);
  const rad = (angle * Math.PI) / 180;
  const dot = (m[0] * Math.cos(rad) + m[1] * Math.sin(rad)) / len;
  if (dot > 0.5) return anchor;
  if (dot < -0.5) return anchor === 'start' ? 'end' : 'start';
  return 'middle';
}

export function unionBoxes(boxes: readonly Box[]): Box {
  return boxOfPoints(boxes.flatMap((b) => [[b[0], b[1]] as Point, [b[2], b[3]] as Point]));
}

const BLACK = grayscale(0);
