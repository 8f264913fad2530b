import type { ExtractedPage, Matrix, PathPrimitive, PathSegment, TextItem } from '../primitives.ts';

/**
 * Builds `ExtractedPage`s by hand for unit tests: the same primitives extraction produces, with
 * an optional placement matrix so a symbol can be drawn rotated, mirrored or scaled.
 */
export class PageBuilder {
  readonly paths: PathPrimitive[] = [];
  readonly textItems: TextItem[] = [];

  constructor(
    readonly widthPt = 792,
    readonly heightPt = 612,
  ) {}

  path(
    segments: PathSegment[],
    paint: {
      stroke?: boolean;
      fill?: boolean;
      lineWidth?: number;
      dashed?: boolean;
      fillColor?: string;
    } = {},
    m?: Matrix,
  ): this {
    const segs = m ? segments.map((s) => transformSegment(s, m)) : segments;
    let x0 = Number.POSITIVE_INFINITY;
    let y0 = Number.POSITIVE_INFINITY;
    let x1 = Number.NEGATIVE_INFINITY;
    let y1 = Number.NEGATIVE_INFINITY;
    for (const s of segs) {
      if (s.op === 'closePath') continue;
      const pts = s.op === 'curveTo' ? [s.x1, s.y1, s.x2, s.y2, s.x, s.y] : [s.x, s.y];
      for (let i = 0; i < pts.length; i += 2) {
        x0 = Math.min(x0, pts[i] ?? 0);
        y0 = Math.min(y0, pts[i + 1] ?? 0);
        x1 = Math.max(x1, pts[i] ?? 0);
        y1 = Math.max(y1, pts[i + 1] ?? 0);
      }
    }
    this.paths.push({
      segments: segs,
      stroke: paint.stroke ?? !paint.fill,
      fill: paint.fill ?? false,
      evenOdd: false,
      lineWidth: paint.lineWidth ?? 0.5,
      dashed: paint.dashed ?? false,
      strokeColor: '#000000',
      fillColor: paint.fillColor ?? '#000000',
      bbox: [x0, y0, x1, y1],
    });
    return this;
  }

  line(x0: number, y0: number, x1: number, y1: number, m?: Matrix, lineWidth = 0.5): this {
    return this.path(
      [
        { op: 'moveTo', x: x0, y: y0 },
        { op: 'lineTo', x: x1, y: y1 },
      ],
      { lineWidth },
      m,
    );
  }

  rect(
    x: number,
    y: number,
    w: number,
    h: number,
    paint: { fill?: boolean; stroke?: boolean; lineWidth?: number; fillColor?: string } = {},
    m?: Matrix,
  ): this {
    return this.path(
      [
        { op: 'moveTo', x, y },
        { op: 'lineTo', x: x + w, y },
        { op: 'lineTo', x: x + w, y: y + h },
        { op: 'lineTo', x, y: y + h },
        { op: 'closePath' },
      ],
      paint,
      m,
    );
  }

  circle(cx: number, cy: number, r: number, paint: { fill?: boolean } = {}, m?: Matrix): this {
    const k = 0.5522847498 * r;
    return this.path(
      [
        { op: 'moveTo', x: cx + r, y: cy },
        { op: 'curveTo', x1: cx + r, y1: cy + k, x2: cx + k, y2: cy + r, x: cx, y: cy + r },
        { op: 'curveTo', x1: cx - k, y1: cy + r, x2: cx - r, y2: cy + k, x: cx - r, y: cy },
        { op: 'curveTo', x1: cx - r, y1: cy - k, x2: cx - k, y2: cy - r, x: cx, y: cy - r },
        { op: 'curveTo', x1: cx + k, y1: cy - r, x2: cx + r, y2: cy - k, x: cx + r, y: cy },
        { op: 'closePath' },
      ],
      paint,
      m,
    );
  }

  /** Helvetica-like run: width ≈ 0.55 em per character. */
  text(str: string, x: number, y: number, fontSize = 8, angle = 0): this {
    this.textItems.push({
      str,
      x,
      y,
      width: str.length * fontSize * 0.55,
      height: fontSize,
      fontSize,
      angle,
      fontName: 'Helvetica',
    });
    return this;
  }

  /** Text centred on (cx, cy) (centre of the glyph box as `textItemBBox` computes it). */
  textCentered(str: string, cx: number, cy: number, fontSize = 8): this {
    const w = str.length * fontSize * 0.55;
    return this.text(str, cx - w / 2, cy - 0.3 * fontSize, fontSize);
  }

  build(number = 1): ExtractedPage {
    return {
      number,
      widthPt: this.widthPt,
      heightPt: this.heightPt,
      rotation: 0,
      text: this.textItems.map((t) => t.str).join('\n'),
      textItems: [...this.textItems],
      paths: [...this.paths],
      images: [],
    };
  }
}

function transformSegment(s: PathSegment, m: Matrix): PathSegment {
  const ap = (x: number, y: number): [number, number] => [
    m[0] * x + m[2] * y + m[4],
    m[1] * x + m[3] * y + m[5],
  ];
  switch (s.op) {
    case 'moveTo':
    case 'lineTo': {
      const [x, y] = ap(s.x, s.y);
      return { op: s.op, x, y };
    }
    case 'curveTo': {
      const [x1, y1] = ap(s.x1, s.y1);
      const [x2, y2] = ap(s.x2, s.y2);
      const [x, y] = ap(s.x, s.y);
      return { op: 'curveTo', x1, y1, x2, y2, x, y };
    }
    case 'closePath':
      return s;
  }
}

/** Placement matrix: rotate by `deg` (counter-clockwise), optionally mirror x first, scale, translate. */
export function place(x: number, y: number, deg = 0, scale = 1, mirror = false): Matrix {
  const r = (deg * Math.PI) / 180;
  const c = Math.round(Math.cos(r) * 1e9) / 1e9;
  const s = Math.round(Math.sin(r) * 1e9) / 1e9;
  const mx = mirror ? -1 : 1;
  return [scale * c * mx, scale * s * mx, -scale * s, scale * c, x, y];
}
