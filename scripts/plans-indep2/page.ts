import { type PDFDocument, type PDFFont, PDFName, type PDFRef, PDFString } from 'pdf-lib';
import { n, OpsWriter, type Pt, type TextStyle, textWidth, writeText } from './pdf-ops.ts';
import type { Rng } from './random.ts';

/**
 * One sheet being drawn. Everything is drawn in "view" coordinates (landscape, as a reader sees
 * the sheet); a page with `/Rotate 90` gets a portrait MediaBox and one `cm` that turns the view
 * into user space, as Bluebeam-stitched sets often have. `toUser` gives the truth coordinates.
 */
export interface PageSetup {
  readonly width: number;
  readonly height: number;
  readonly rotate90: boolean;
  /** MediaBox larger than the CropBox by this margin on every side (the CropBox stays at 0,0). */
  readonly bleed: number;
  readonly textStyle: TextStyle;
  readonly arcSegments: number | null;
}

export interface Annotation {
  readonly subtype: 'Polygon' | 'Square' | 'Circle' | 'FreeText';
  /** View coordinates. */
  readonly rect: readonly [number, number, number, number];
  readonly contents: string;
  readonly vertices?: readonly Pt[];
  /** Appearance stream operators, in view coordinates. */
  readonly appearance: string;
}

export class PageCanvas {
  readonly ops: OpsWriter;
  private readonly xobjects = new Map<string, PDFRef>();
  private readonly properties = new Map<string, PDFRef>();
  private readonly annotations: Annotation[] = [];

  constructor(
    readonly setup: PageSetup,
    private readonly font: PDFFont,
    private readonly rng: Rng,
  ) {
    this.ops = new OpsWriter(undefined, setup.arcSegments);
  }

  get width(): number {
    return this.setup.width;
  }
  get height(): number {
    return this.setup.height;
  }

  /** View → user space (the truth's coordinates). */
  toUser([x, y]: Pt): Pt {
    return this.setup.rotate90 ? [this.setup.height - y, x] : [x, y];
  }

  userBox(box: readonly [number, number, number, number]): [number, number, number, number] {
    const a = this.toUser([box[0], box[1]]);
    const b = this.toUser([box[2], box[3]]);
    return [Math.min(a[0], b[0]), Math.min(a[1], b[1]), Math.max(a[0], b[0]), Math.max(a[1], b[1])];
  }

  private readonly textFont = {
    encode: (s: string) => this.font.encodeText(s).toString(),
    width: (s: string, size: number) => this.font.widthOfTextAtSize(s, size),
  };

  text(
    s: string,
    x: number,
    y: number,
    size: number,
    options: { angle?: number; grey?: number; align?: 'left' | 'center' | 'right' } = {},
  ): void {
    const w = this.textWidth(s, size);
    const shift = options.align === 'center' ? w / 2 : options.align === 'right' ? w : 0;
    const angle = options.angle ?? 0;
    const rad = (angle * Math.PI) / 180;
    writeText(
      this.ops,
      this.textFont,
      this.setup.textStyle,
      s,
      x - shift * Math.cos(rad),
      y - shift * Math.sin(rad),
      size,
      {
        angle,
        grey: options.grey ?? 0,
        rng01: () => this.rng.next(),
      },
    );
  }

  textWidth(s: string, size: number): number {
    return textWidth(this.textFont, this.setup.textStyle, s, size);
  }

  useXObject(name: string, ref: PDFRef): void {
    this.xobjects.set(name, ref);
  }

  /** An optional-content group used as `/OC /<name> BDC … EMC` on this page. */
  useProperty(name: string, ref: PDFRef): void {
    this.properties.set(name, ref);
  }

  annotate(annotation: Annotation): void {
    this.annotations.push(annotation);
  }

  /** Adds the page to the document: boxes, rotation, content stream, resources, annotations. */
  finish(doc: PDFDocument, fontRef: PDFRef, images: ReadonlyMap<string, PDFRef>): void {
    const { width, height, rotate90, bleed } = this.setup;
    const mediaW = rotate90 ? height : width;
    const mediaH = rotate90 ? width : height;
    const page = doc.addPage([mediaW, mediaH]);
    page.setMediaBox(-bleed, -bleed, mediaW + 2 * bleed, mediaH + 2 * bleed);
    if (bleed > 0) page.setCropBox(0, 0, mediaW, mediaH);
    if (rotate90) page.node.set(PDFName.of('Rotate'), doc.context.obj(90));
    const toUserCm = rotate90 ? `0 1 -1 0 ${n(height)} 0 cm ` : '';
    const content = `q ${toUserCm}1 J 1 j\n${this.ops.out.join('\n')}\nQ\n`;
    page.node.set(PDFName.of('Contents'), doc.context.register(doc.context.flateStream(content)));
    page.node.setFontDictionary(PDFName.of('F1'), fontRef);
    for (const [name, ref] of this.xobjects) page.node.setXObject(PDFName.of(name), ref);
    if (this.properties.size > 0) {
      const props = doc.context.obj(Object.fromEntries([...this.properties].map(([k, v]) => [k, v])));
      page.node.Resources()?.set(PDFName.of('Properties'), props);
    }
    for (const [name, ref] of images)
      if (content.includes(`/${name} Do`)) page.node.setXObject(PDFName.of(name), ref);
    if (this.annotations.length > 0) {
      const refs = this.annotations.map((a) => this.annotationRef(doc, a));
      page.node.set(PDFName.of('Annots'), doc.context.obj(refs));
    }
  }

  private annotationRef(doc: PDFDocument, a: Annotation): PDFRef {
    // The appearance is drawn in view coordinates: its BBox is the view rectangle and its Matrix
    // the view → user map, so the transformed BBox is exactly /Rect and nothing is rescaled.
    const matrix = this.setup.rotate90 ? [0, 1, -1, 0, this.setup.height, 0] : [1, 0, 0, 1, 0, 0];
    const ap = doc.context.register(
      doc.context.flateStream(a.appearance, {
        Type: 'XObject',
        Subtype: 'Form',
        BBox: [...a.rect],
        Matrix: matrix,
      }),
    );
    const dict = doc.context.obj({
      Type: 'Annot',
      Subtype: a.subtype,
      Rect: this.userBox(a.rect),
      C: [0.9, 0.1, 0.1],
      F: 4,
      AP: { N: ap },
    });
    dict.set(PDFName.of('Contents'), PDFString.of(a.contents));
    if (a.subtype === 'FreeText') dict.set(PDFName.of('DA'), PDFString.of('/Helv 7 Tf 0 g'));
    if (a.vertices)
      dict.set(PDFName.of('Vertices'), doc.context.obj(a.vertices.flatMap((p) => [...this.toUser(p)])));
    return doc.context.register(dict);
  }
}
