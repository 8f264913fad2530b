import type { PDFFont } from 'pdf-lib';
import { fmt, strokeText, strokeTextWidth } from './stroke-font.ts';

/**
 * How a producer writes words into the PDF:
 * - `shx`: AutoCAD plot with SHX fonts, every glyph stroked (no text layer);
 * - `word`: TrueType text, one text object per word;
 * - `char`: TrueType text, one text object per character (placed glyph by glyph).
 */
export type TextMode = 'shx' | 'word' | 'char';

/** How SLD blocks (breakers, isolators) are written: one Form XObject, or exploded paths per insertion. */
export type BlockStyle = 'xobject' | 'exploded';

export type Align = 'left' | 'center' | 'right';

/** A polyline in a block's own unit coordinates. */
export type BlockShape = readonly (readonly (readonly [number, number])[])[];

/**
 * Builds one content stream as operator text. Knows the page's text mode and block style, so
 * drawing code says what to draw and the producer habit decides how it lands in the PDF.
 */
export class Canvas {
  private readonly ops: string[] = [];
  /** Block names used on this page, with their shapes (the caller registers the XObjects). */
  readonly usedBlocks = new Map<string, BlockShape>();

  constructor(
    readonly textMode: TextMode,
    readonly blockStyle: BlockStyle,
    private readonly font: PDFFont,
    private readonly fontName: string,
    /** SHX width factor (romans plotted at 0.8–1.0). */
    private readonly shxWidth = 0.9,
  ) {}

  raw(op: string): void {
    this.ops.push(op);
  }

  content(): string {
    return this.ops.join('\n');
  }

  lineWidth(w: number): void {
    this.ops.push(`${fmt(w)} w`);
  }

  gray(g: number): void {
    this.ops.push(`${fmt(g)} G ${fmt(g)} g`);
  }

  line(x1: number, y1: number, x2: number, y2: number): void {
    this.ops.push(`${fmt(x1)} ${fmt(y1)} m ${fmt(x2)} ${fmt(y2)} l S`);
  }

  rect(x: number, y: number, w: number, h: number): void {
    this.ops.push(`${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re S`);
  }

  fillRect(x: number, y: number, w: number, h: number): void {
    this.ops.push(`${fmt(x)} ${fmt(y)} ${fmt(w)} ${fmt(h)} re f`);
  }

  circle(cx: number, cy: number, r: number): void {
    const k = 0.5523 * r;
    this.ops.push(
      [
        `${fmt(cx + r)} ${fmt(cy)} m`,
        `${fmt(cx + r)} ${fmt(cy + k)} ${fmt(cx + k)} ${fmt(cy + r)} ${fmt(cx)} ${fmt(cy + r)} c`,
        `${fmt(cx - k)} ${fmt(cy + r)} ${fmt(cx - r)} ${fmt(cy + k)} ${fmt(cx - r)} ${fmt(cy)} c`,
        `${fmt(cx - r)} ${fmt(cy - k)} ${fmt(cx - k)} ${fmt(cy - r)} ${fmt(cx)} ${fmt(cy - r)} c`,
        `${fmt(cx + k)} ${fmt(cy - r)} ${fmt(cx + r)} ${fmt(cy - k)} ${fmt(cx + r)} ${fmt(cy)} c S`,
      ].join('\n'),
    );
  }

  textWidth(text: string, size: number): number {
    return this.textMode === 'shx'
      ? strokeTextWidth(text, size, this.shxWidth)
      : this.font.widthOfTextAtSize(text, size);
  }

  /**
   * Writes `text` with its baseline at y; `angle` in degrees counter-clockwise (90 reads bottom
   * to top). Alignment is along the baseline.
   */
  text(text: string, x: number, y: number, size: number, align: Align = 'left', angle = 0): void {
    if (text.length === 0) return;
    const w = this.textWidth(text, size);
    const shift = align === 'left' ? 0 : align === 'center' ? w / 2 : w;
    const c = Math.cos((angle * Math.PI) / 180);
    const s = Math.sin((angle * Math.PI) / 180);
    const x0 = x - shift * c;
    const y0 = y - shift * s;
    if (this.textMode === 'shx') {
      this.ops.push(strokeText(text, x0, y0, size, angle, this.shxWidth));
      return;
    }
    // TrueType: one text object per word (or per glyph), each placed by its own matrix.
    const pieces: { str: string; at: number }[] = [];
    if (this.textMode === 'word') {
      let at = 0;
      for (const word of text.split(' ')) {
        if (word.length > 0) pieces.push({ str: word, at });
        at += this.font.widthOfTextAtSize(`${word} `, size);
      }
    } else {
      let at = 0;
      for (const ch of text) {
        if (ch !== ' ') pieces.push({ str: ch, at });
        at += this.font.widthOfTextAtSize(ch, size);
      }
    }
    for (const p of pieces) {
      const px = x0 + p.at * c;
      const py = y0 + p.at * s;
      this.ops.push(
        `BT /${this.fontName} ${fmt(size)} Tf ${fmt(c)} ${fmt(s)} ${fmt(-s)} ${fmt(c)} ${fmt(px)} ${fmt(py)} Tm ${this.font.encodeText(p.str).toString()} Tj ET`,
      );
    }
  }

  /**
   * Places block `name` at (x, y), `size` points per unit, turned `angle` degrees: as a Form
   * XObject (`cm … Do`) or exploded into absolute line segments.
   */
  block(name: string, shape: BlockShape, x: number, y: number, size: number, angle = 0): void {
    const c = Math.cos((angle * Math.PI) / 180);
    const s = Math.sin((angle * Math.PI) / 180);
    if (this.blockStyle === 'xobject') {
      this.usedBlocks.set(name, shape);
      this.ops.push(
        `q ${fmt(size * c)} ${fmt(size * s)} ${fmt(-size * s)} ${fmt(size * c)} ${fmt(x)} ${fmt(y)} cm /${name} Do Q`,
      );
      return;
    }
    const parts: string[] = [];
    for (const poly of shape) {
      poly.forEach(([u, v], i) => {
        const px = x + size * (u * c - v * s);
        const py = y + size * (u * s + v * c);
        parts.push(`${fmt(px)} ${fmt(py)} ${i === 0 ? 'm' : 'l'}`);
      });
    }
    this.ops.push(`${parts.join(' ')} S`);
  }
}

/** The operators of a block drawn in its own unit space (for its Form XObject). */
export function blockContent(shape: BlockShape, unitLineWidth: number): string {
  const parts: string[] = [`${fmt(unitLineWidth)} w`];
  for (const poly of shape) {
    poly.forEach(([u, v], i) => {
      parts.push(`${u} ${v} ${i === 0 ? 'm' : 'l'}`);
    });
    parts.push('S');
  }
  return parts.join('\n');
}
