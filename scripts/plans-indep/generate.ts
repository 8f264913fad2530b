import { PDFDocument, type PDFName, type PDFPage, type PDFRef, StandardFonts } from 'pdf-lib';
import {
  apply,
  Canvas,
  type CanvasStyle,
  type Pt,
  placementMatrix,
  type Shape,
  shapeBounds,
  shapeOperators,
  type TextMode,
} from './canvas.ts';
import { type Floor, layoutFloor, type RoomBox } from './floor.ts';
import { Random } from './random.ts';
import {
  drawLuminaireSchedule,
  drawPanel,
  type LuminaireType,
  luminaireTypes,
  makePanel,
  type PanelData,
  panelHeight,
  panelTruth,
} from './schedules.ts';
import { MARK_OFFSET, MARK_SIZE, symbolParts } from './symbols.ts';
import { countTruth, type IndepPage, type IndepSymbol, type IndepTruth } from './truth.ts';
import {
  type BuildingKind,
  DRAWN_TYPES,
  type DrawnType,
  languageOf,
  legendHeaders,
  legendLabel,
  legendTitle,
  mountingOf,
  OTHER_KINDS,
  type SymbolKind,
  type WordingSet,
} from './wording.ts';

/**
 * The independent plan generator: one seed → one plan set (PDF bytes + truth). Written from the
 * brief on real CAD output only (../shared/REAL-PLANS.md); it shares no code with scripts/plans/.
 */
export type PlanSet = 'dev' | 'holdout';

/** Seeds of the two disjoint sets: dev may be tuned on, holdout never. */
export function setSeeds(set: PlanSet, count = 20): number[] {
  const base = set === 'dev' ? 0x1d5e_0000 : 0x7b0c_0000;
  return Array.from({ length: count }, (_, i) => base + i * 7919);
}

const PAGE_SIZES: Record<string, [number, number]> = {
  tabloid: [1224, 792],
  a3: [1191, 842],
  ansiD: [2592, 1728],
  a1: [2384, 1684],
  ansiE: [3024, 2160],
};

const PT_PER_M = 72 / 0.0254;

interface ScaleChoice {
  readonly ratio: number;
  readonly text: string;
}

function scaleChoices(imperial: boolean, w: WordingSet, rnd: Random): ScaleChoice[] {
  if (imperial)
    return [
      { ratio: 48, text: rnd.pick(['1/4" = 1\'-0"', 'SCALE: 1/4" = 1\'-0"']) },
      { ratio: 64, text: rnd.pick(['3/16" = 1\'-0"', 'SCALE: 3/16" = 1\'-0"']) },
      { ratio: 96, text: rnd.pick(['1/8" = 1\'-0"', 'SCALE: 1/8" = 1\'-0"']) },
    ];
  const metric = (n: number) =>
    languageOf(w) === 'en'
      ? rnd.pick([`SCALE: 1:${n}`, `1:${n}`])
      : rnd.pick([`ÉCHELLE 1:${n}`, `ÉCHELLE : 1/${n}`, `1:${n}`]);
  return [50, 75, 100].map((ratio) => ({ ratio, text: metric(ratio) }));
}

interface Options {
  readonly set: PlanSet;
  readonly index: number;
  readonly seed: number;
  readonly kind: BuildingKind;
  readonly wording: WordingSet;
  readonly multiSheet: boolean;
  readonly levels: number;
  readonly paper: string;
  readonly outlined: boolean;
  readonly textMode: TextMode;
  readonly symbolStyle: 'xobject' | 'exploded';
  readonly segmentedArcs: boolean;
  readonly markInBlock: boolean;
  readonly viewRotation: number;
  readonly imperial: boolean;
  readonly lumSchedule: boolean;
}

function planOptions(set: PlanSet, index: number, seed: number, rnd: Random): Options {
  const kind: BuildingKind = rnd.chance(0.6) ? 'house' : 'office';
  const wording: WordingSet =
    kind === 'house'
      ? rnd.pick(['qc', 'qc', 'qc-upper', 'fr', 'us', 'abbr'])
      : rnd.pick(['qc', 'qc-upper', 'us', 'us', 'abbr']);
  const en = languageOf(wording) === 'en';
  const outlined = rnd.chance(0.25);
  const symbolStyle = rnd.chance(0.5) ? 'xobject' : 'exploded';
  return {
    set,
    index,
    seed,
    kind,
    wording,
    multiSheet: rnd.chance(0.4),
    levels: rnd.chance(kind === 'house' ? 0.4 : 0.3) ? 2 : 1,
    paper: kind === 'house' ? rnd.pick(['tabloid', 'a3', 'ansiD', 'a1']) : rnd.pick(['ansiD', 'a1', 'ansiE']),
    outlined,
    textMode: outlined ? 'outlined' : rnd.chance(0.25) ? 'chars' : 'words',
    symbolStyle,
    segmentedArcs: symbolStyle === 'exploded' && rnd.chance(0.6),
    markInBlock: outlined || rnd.chance(0.5),
    viewRotation: rnd.chance(0.25) ? rnd.pick([-1, 1]) * rnd.float(8, 35) : 0,
    imperial: en && rnd.chance(0.7),
    lumSchedule: rnd.chance(0.5),
  };
}

/** Shared state of one document while its pages are written. */
class Doc {
  readonly xobjects = new Map<string, PDFRef>();
  readonly pageNames = new Map<PDFPage, Map<string, PDFName>>();
  constructor(
    readonly pdf: PDFDocument,
    readonly fonts: Canvas['fonts'],
    readonly o: Options,
  ) {}

  canvas(page: PDFPage, textMode: TextMode): Canvas {
    const style: CanvasStyle = { textMode, segmentedArcs: this.o.segmentedArcs };
    return new Canvas(this.pdf, page, this.fonts, style);
  }

  parts(kind: SymbolKind) {
    return symbolParts(this.o.wording, kind, this.o.markInBlock);
  }

  /** Draws one symbol; returns its bounds. */
  place(
    c: Canvas,
    kind: SymbolKind,
    x: number,
    y: number,
    rotation: number,
    scale: number,
    mirrored: boolean,
  ): [number, number, number, number] {
    const { shapes, textMark } = this.parts(kind);
    const m = placementMatrix(x, y, rotation, scale, mirrored);
    c.setStroke(0.6 / scale);
    c.setFill(0);
    if (this.o.symbolStyle === 'xobject') {
      c.setStroke(0.6 / scale);
      c.placeXObject(this.xobjectName(c.page, kind, shapes), m);
    } else {
      c.setStroke(0.6);
      c.shapes(shapes, m);
    }
    const bounds = shapeBounds(shapes, m);
    if (textMark) {
      // A tag written beside the block, upright like most CAD text.
      const at = apply(placementMatrix(x, y, rotation, scale, false), MARK_OFFSET);
      c.text(textMark, at[0] - 2, at[1] - 2.5, { size: MARK_SIZE * 1.35 });
    }
    return bounds;
  }

  private xobjectName(page: PDFPage, kind: SymbolKind, shapes: Shape[]): PDFName {
    let ref = this.xobjects.get(kind);
    if (!ref) {
      const stream = this.pdf.context.formXObject(
        shapeOperators(shapes, [1, 0, 0, 1, 0, 0], this.o.segmentedArcs),
        {
          BBox: [-30, -30, 30, 30],
        },
      );
      ref = this.pdf.context.register(stream);
      this.xobjects.set(kind, ref);
    }
    let names = this.pageNames.get(page);
    if (!names) {
      names = new Map();
      this.pageNames.set(page, names);
    }
    let name = names.get(kind);
    if (!name) {
      name = page.node.newXObject('Blk', ref);
      names.set(kind, name);
    }
    return name;
  }
}

interface LegendRow {
  readonly symbolId: string;
  readonly kind: SymbolKind;
  readonly label: string;
  readonly type: string;
}

function buildLegend(rnd: Random, o: Options, drawn: Set<SymbolKind>): LegendRow[] {
  const extras = rnd.shuffle(DRAWN_TYPES.filter((t) => !drawn.has(t))).slice(0, rnd.int(2, 5));
  const others = rnd.shuffle(OTHER_KINDS.filter((t) => !drawn.has(t))).slice(0, rnd.int(1, 3));
  const order = [...DRAWN_TYPES, ...OTHER_KINDS] as SymbolKind[];
  const kinds = order.filter(
    (k) => drawn.has(k) || extras.includes(k as DrawnType) || (others as SymbolKind[]).includes(k),
  );
  return kinds.map((kind, i) => ({
    symbolId: `S${String(i + 1).padStart(2, '0')}`,
    kind,
    label: legendLabel(o.wording, kind),
    type: (DRAWN_TYPES as readonly string[]).includes(kind) ? kind : 'other',
  }));
}

/** Draws the legend as a bordered table; returns its height. */
function drawLegend(
  d: Doc,
  c: Canvas,
  rows: readonly LegendRow[],
  x: number,
  top: number,
  width: number,
  rnd: Random,
): number {
  const rowH = 19;
  const [hSym, hDesc, hMount] = legendHeaders(d.o.wording);
  const symW = 44;
  const mountW = 56;
  c.text(legendTitle(d.o.wording, rnd.int(0, 5)), x + width / 2, top - 13, {
    size: 10,
    bold: true,
    align: 'center',
  });
  let y = top - 20;
  c.setStroke(0.4);
  c.text(hSym, x + symW / 2, y - 13, { size: 6.5, bold: true, align: 'center' });
  c.text(hDesc, x + symW + 4, y - 13, { size: 6.5, bold: true });
  c.text(hMount, x + width - mountW / 2, y - 13, { size: 6.5, bold: true, align: 'center' });
  y -= rowH;
  for (const r of rows) {
    d.place(c, r.kind, x + symW / 2 - (r.kind === 'exit_sign' ? 1 : 0), y - rowH / 2, 0, 1, false);
    const label = d.o.wording === 'qc-upper' || d.o.wording === 'abbr' ? r.label.toUpperCase() : r.label;
    const size = c.textWidth(label, 7) > width - symW - mountW - 6 ? 5.6 : 7;
    c.text(label, x + symW + 4, y - rowH / 2 - 2.4, { size });
    c.text(mountingOf(d.o.wording, r.kind), x + width - mountW / 2, y - rowH / 2 - 2.4, {
      size: 6,
      align: 'center',
    });
    c.setStroke(0.3);
    c.line([x, y - rowH], [x + width, y - rowH]);
    y -= rowH;
  }
  c.setStroke(0.8);
  c.rect(x, y, width, top - 20 - y);
  c.setStroke(0.4);
  c.line([x, top - 20 - rowH], [x + width, top - 20 - rowH]);
  c.line([x + symW, top - 20], [x + symW, y]);
  c.line([x + width - mountW, top - 20], [x + width - mountW, y]);
  c.rect(x, top - 20, width, 20);
  return top - y;
}

function drawTitleBlock(
  c: Canvas,
  o: Options,
  x0: number,
  y0: number,
  x1: number,
  y1: number,
  sheetNo: string,
  title: string,
): void {
  const fr = languageOf(o.wording) === 'fr';
  const w = x1 - x0;
  c.setStroke(1.2);
  c.rect(x0, y0, w, y1 - y0);
  const firm = fr ? 'GROUPE CONSEIL BORÉAL INC.' : 'NORTHLINE ENGINEERING LLC';
  const project =
    o.kind === 'house'
      ? fr
        ? 'RÉSIDENCE UNIFAMILIALE'
        : 'SINGLE FAMILY RESIDENCE'
      : fr
        ? 'AMÉNAGEMENT DE BUREAUX'
        : 'TENANT FIT-UP';
  let y = y1 - 16;
  c.text(firm, x0 + 8, y, { size: 8, bold: true });
  c.text(fr ? 'INGÉNIEURS-CONSEILS' : 'CONSULTING ENGINEERS', x0 + 8, y - 11, { size: 6 });
  y -= 30;
  c.setStroke(0.5);
  c.line([x0, y], [x1, y]);
  c.text(fr ? 'PROJET' : 'PROJECT', x0 + 6, y - 10, { size: 5.5 });
  c.text(project, x0 + 8, y - 22, { size: 7.5, bold: true });
  y -= 32;
  c.line([x0, y], [x1, y]);
  // Revision table.
  c.text(fr ? 'RÉVISIONS' : 'REVISIONS', x0 + 6, y - 10, { size: 5.5, bold: true });
  const revs = fr
    ? [
        ['0', '2026-03-02', 'POUR PERMIS'],
        ['1', '2026-04-15', 'POUR SOUMISSION'],
      ]
    : [
        ['0', '03/02/26', 'ISSUED FOR PERMIT'],
        ['1', '04/15/26', 'ISSUED FOR BID'],
      ];
  let ry = y - 22;
  for (const [n, date, what] of revs) {
    c.text(n as string, x0 + 8, ry, { size: 6 });
    c.text(date as string, x0 + 22, ry, { size: 6 });
    c.text(what as string, x0 + 70, ry, { size: 6 });
    c.line([x0, ry - 4], [x1, ry - 4]);
    ry -= 12;
  }
  y = ry - 4;
  c.line([x0, y], [x1, y]);
  c.text(fr ? 'TITRE DU DESSIN' : 'SHEET TITLE', x0 + 6, y - 10, { size: 5.5 });
  c.text(title, x0 + 8, y - 24, { size: 8, bold: true });
  y -= 36;
  c.line([x0, y], [x1, y]);
  c.text(fr ? 'ÉCHELLE : COMME INDIQUÉE' : 'SCALE: AS NOTED', x0 + 6, y - 12, { size: 6 });
  c.text(fr ? 'DESSINÉ PAR : M.G.' : 'DRAWN BY: J.D.', x0 + 6, y - 24, { size: 6 });
  y -= 30;
  c.line([x0, y], [x1, y]);
  c.text(fr ? 'NO DE FEUILLE' : 'SHEET NO.', x0 + 6, y0 + 44, { size: 5.5 });
  c.text(sheetNo, x0 + w / 2, y0 + 14, { size: 20, bold: true, align: 'center' });
  c.line([x0, y0 + 52], [x1, y0 + 52]);
}

function sheetNumber(o: Options, discipline: 'legend' | 'floor' | 'schedule', n: number): string {
  const dotted = languageOf(o.wording) === 'en' && o.seed % 2 === 0;
  const major = discipline === 'legend' ? 0 : discipline === 'floor' ? 1 : 6;
  return dotted ? `E${major}.${String(n).padStart(2, '0')}` : `E-${major}${String(n).padStart(2, '0')}`;
}

interface SheetFrame {
  readonly c: Canvas;
  /** Drawing area left of the title block. */
  readonly area: [number, number, number, number];
}

function newSheet(d: Doc, textMode: TextMode, sheetNo: string, title: string): SheetFrame {
  const [w, h] = PAGE_SIZES[d.o.paper] as [number, number];
  const page = d.pdf.addPage([w, h]);
  const c = d.canvas(page, textMode);
  const m = w > 1500 ? 30 : 20;
  const tb = Math.max(170, Math.min(250, w * 0.1));
  c.setStroke(1.5);
  c.rect(m, m, w - 2 * m, h - 2 * m);
  drawTitleBlock(c, d.o, w - m - tb, m, w - m, h - m, sheetNo, title);
  return { c, area: [m + 12, m + 12, w - m - tb - 12, h - m - 12] };
}

const GENERAL_NOTES_FR = [
  'NOTES GÉNÉRALES',
  '1. TOUS LES TRAVAUX SELON LE CODE DE CONSTRUCTION DU QUÉBEC, CHAPITRE V.',
  "2. VÉRIFIER LES DIMENSIONS SUR LE CHANTIER AVANT L'INSTALLATION.",
  '3. HAUTEURS AU CENTRE DES BOÎTES, À PARTIR DU PLANCHER FINI.',
];
const GENERAL_NOTES_EN = [
  'GENERAL NOTES',
  '1. ALL WORK SHALL COMPLY WITH THE APPLICABLE ELECTRICAL CODE.',
  '2. VERIFY ALL DIMENSIONS IN THE FIELD BEFORE ROUGH-IN.',
  '3. MOUNTING HEIGHTS TO CENTRE OF BOX ABOVE FINISHED FLOOR.',
];

function drawNotes(c: Canvas, lines: readonly string[], x: number, top: number): number {
  lines.forEach((l, i) => {
    c.text(l, x, top - 10 - i * 10, { size: i === 0 ? 7.5 : 6, bold: i === 0 });
  });
  return lines.length * 10 + 8;
}

interface FloorPlacement {
  readonly floor: Floor;
  readonly scale: ScaleChoice | null;
  readonly k: number;
  readonly origin: Pt;
  readonly phi: number;
}

/** Metres of building space → page points. */
function toPage(fp: FloorPlacement, p: Pt): [number, number] {
  const r = (fp.phi * Math.PI) / 180;
  const x = p[0] * fp.k;
  const y = p[1] * fp.k;
  return [fp.origin[0] + x * Math.cos(r) - y * Math.sin(r), fp.origin[1] + x * Math.sin(r) + y * Math.cos(r)];
}

/** Margins around the building (metres) for dimensions, grid bubbles and keynotes. */
const EXT = { left: 3, bottom: 1, right: 2.6, top: 3.2 };

function extentsSize(w: number, h: number, phi: number): [number, number, number, number] {
  const r = (phi * Math.PI) / 180;
  const corners: Pt[] = [
    [-EXT.left, -EXT.bottom],
    [w + EXT.right, -EXT.bottom],
    [w + EXT.right, h + EXT.top],
    [-EXT.left, h + EXT.top],
  ];
  const xs = corners.map(([x, y]) => x * Math.cos(r) - y * Math.sin(r));
  const ys = corners.map(([x, y]) => x * Math.sin(r) + y * Math.cos(r));
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

export interface GeneratedPlan {
  readonly name: string;
  readonly pdf: Uint8Array;
  readonly truth: IndepTruth;
}

export async function generateIndepPlan(set: PlanSet, index: number): Promise<GeneratedPlan> {
  const seed = setSeeds(set, index + 1)[index] as number;
  const rnd = new Random(seed);
  const o = planOptions(set, index, seed, rnd);
  const fr = languageOf(o.wording) === 'fr';
  const pdf = await PDFDocument.create();
  const epoch = new Date(Date.UTC(2026, 3, 15, 12, 0, 0));
  pdf.setCreationDate(epoch);
  pdf.setModificationDate(epoch);
  pdf.setProducer(o.outlined ? 'pdfplot17.hdi 17.0.0.0' : 'Independent CAD plotter');
  pdf.setCreator('plans-indep');
  const fonts = {
    regular: await pdf.embedFont(StandardFonts.Helvetica),
    bold: await pdf.embedFont(StandardFonts.HelveticaBold),
  };
  const d = new Doc(pdf, fonts, o);
  const floorTextMode: TextMode = o.textMode;
  const pages: IndepPage[] = [];
  const usedNames = new Set<string>();

  // Panels first: floor plans carry the panel tag in circuit numbers.
  const layout: 'qc' | 'na' = fr ? 'qc' : 'na';
  const panelCount = o.kind === 'house' ? rnd.int(1, 2) : rnd.int(2, 3);
  const panels: PanelData[] = [];
  for (let i = 0; i < panelCount; i++) {
    const name =
      layout === 'qc'
        ? `PANNEAU ${String.fromCharCode(65 + i)}`
        : o.kind === 'house'
          ? `PANEL ${String.fromCharCode(65 + i)}`
          : (['LP-1', 'RP-1', 'LP-2'][i] as string);
    panels.push(
      makePanel(
        rnd,
        layout,
        layout === 'na' && o.kind === 'house' ? name.replace('PANEL ', '') : name,
        fr,
        o.kind === 'house',
      ),
    );
  }
  const panelTag =
    layout === 'qc'
      ? (panels[0] as PanelData).name.replace('PANNEAU ', '')
      : (panels[0] as PanelData).name.replace('-', '');
  const lumTypes: LuminaireType[] = o.lumSchedule ? luminaireTypes(rnd, fr) : [];

  // Floors: footprint chosen to fit the sheet at one of the scales.
  const [pw, ph] = PAGE_SIZES[o.paper] as [number, number];
  const legendOnFloor = !o.multiSheet;
  const tbW = Math.max(170, Math.min(250, pw * 0.1));
  const margin = pw > 1500 ? 30 : 20;
  const areaW = pw - 2 * margin - tbW - 24 - (legendOnFloor ? 270 : 0);
  const bigSheet = ph > 1500;
  const areaH = ph - 2 * margin - 24 - 50 - (bigSheet ? 330 : 0);
  const floors: FloorPlacement[] = [];
  for (let level = 1; level <= o.levels; level++) {
    let width = o.kind === 'house' ? rnd.float(11, 16) : rnd.float(20, 32);
    let depth = o.kind === 'house' ? rnd.float(8, 11) : rnd.float(13, 19);
    width = Math.round(width * 10) / 10;
    depth = Math.round(depth * 10) / 10;
    const phi = o.viewRotation;
    const choices = scaleChoices(o.imperial, o.wording, rnd);
    let chosen: ScaleChoice | undefined;
    for (let attempt = 0; attempt < 8 && !chosen; attempt++) {
      const [ex0, ey0, ex1, ey1] = extentsSize(width, depth, phi);
      chosen = choices.find(
        (s) => ((ex1 - ex0) * PT_PER_M) / s.ratio <= areaW && ((ey1 - ey0) * PT_PER_M) / s.ratio <= areaH,
      );
      if (!chosen) {
        width = Math.round(width * 8.5) / 10;
        depth = Math.round(depth * 8.5) / 10;
      }
    }
    if (!chosen) throw new Error(`plan ${set}-${index}: the building does not fit the sheet`);
    const k = PT_PER_M / chosen.ratio;
    const nts = rnd.chance(0.1);
    const floor = layoutFloor(rnd, {
      kind: o.kind,
      wording: o.wording,
      width,
      depth,
      roomCount: o.kind === 'house' ? rnd.int(6, 10) : rnd.int(8, 12),
      usedNames,
      minGap: 19 / k,
      panelName: panelTag,
      withPanel: level === 1,
      level,
    });
    const [ex0, ey0, ex1, ey1] = extentsSize(width, depth, phi);
    const ax0 = margin + 12;
    const ay0 = margin + 12 + 50 + (bigSheet ? 330 : 0);
    const origin: Pt = [
      ax0 + (areaW - (ex1 - ex0) * k) / 2 - ex0 * k,
      ay0 + (areaH - (ey1 - ey0) * k) / 2 - ey0 * k,
    ];
    floors.push({ floor, scale: nts ? null : chosen, k, origin, phi });
  }

  const drawn = new Set<SymbolKind>(floors.flatMap((f) => f.floor.devices.map((dv) => dv.kind)));
  const legend = buildLegend(rnd, o, drawn);
  const idOf = new Map(legend.map((r) => [r.kind, r]));

  // Sheet order: symbols sheet (multi-sheet sets), floor plans, schedules.
  const sheetTitleFloor = (level: number) =>
    fr
      ? level === 1
        ? 'PLAN DU REZ-DE-CHAUSSÉE — ÉLECTRICITÉ'
        : 'PLAN DE L’ÉTAGE — ÉLECTRICITÉ'
      : level === 1
        ? 'FIRST FLOOR PLAN — POWER & LIGHTING'
        : 'SECOND FLOOR PLAN — POWER & LIGHTING';
  if (o.multiSheet) {
    const textMode: TextMode =
      o.outlined && rnd.chance(0.5) ? 'outlined' : o.textMode === 'outlined' ? 'words' : o.textMode;
    const sheetNo = sheetNumber(o, 'legend', 1);
    const { c, area } = newSheet(
      d,
      textMode,
      sheetNo,
      fr ? 'SYMBOLES ET ABRÉVIATIONS' : 'SYMBOL LEGEND AND ABBREVIATIONS',
    );
    const h = drawLegend(d, c, legend, area[0] + 20, area[3] - 20, 300, rnd);
    drawNotes(c, fr ? GENERAL_NOTES_FR : GENERAL_NOTES_EN, area[0] + 360, area[3] - 20);
    const abbr = fr
      ? [
          'ABRÉVIATIONS',
          'DDFT  DISJONCTEUR DIFFÉRENTIEL DE FUITE À LA TERRE',
          'ÉT  ÉTANCHE',
          'PF  PLANCHER FINI',
          'TYP.  TYPIQUE',
        ]
      : [
          'ABBREVIATIONS',
          'AFF  ABOVE FINISHED FLOOR',
          'GFCI  GROUND FAULT CIRCUIT INTERRUPTER',
          'WP  WEATHERPROOF',
          'TYP.  TYPICAL',
        ];
    drawNotes(c, abbr, area[0] + 360, area[3] - 80);
    c.text(
      `${h > 0 ? '' : ''}${fr ? 'LA PRÉSENTE LÉGENDE S’APPLIQUE À TOUS LES DESSINS DU LOT' : 'THIS LEGEND APPLIES TO ALL SHEETS OF THE SET'}`,
      area[0] + 20,
      area[3] - 40 - h,
      { size: 6.5 },
    );
    c.flush();
    pages.push({
      number: pages.length + 1,
      widthPt: c.width,
      heightPt: c.height,
      rotation: 0,
      kind: 'legend',
      sheetNumber: sheetNo,
      textLayer: textMode !== 'outlined',
      symbolStyle: o.symbolStyle,
      scale: null,
      otherScales: [],
      legend: legend.map(({ symbolId, label, type }) => ({ symbolId, label, type })),
      rooms: [],
      symbols: [],
      panels: [],
    });
  }

  floors.forEach((fp, i) => {
    const sheetNo = sheetNumber(o, 'floor', i + 1);
    const { c, area } = newSheet(d, floorTextMode, sheetNo, sheetTitleFloor(i + 1));
    const symbolScale = Math.round(rnd.float(0.9, 1.3) * 100) / 100;
    const otherScales: string[] = [];
    drawBackground(c, fp, rnd, fr);
    const symbols: IndepSymbol[] = [];
    for (const dv of fp.floor.devices) {
      const [x, y] = toPage(fp, [dv.x, dv.y]);
      const rotation = (((dv.angle + fp.phi) % 360) + 360) % 360;
      const mirrored = rnd.chance(0.3);
      const bbox = d.place(c, dv.kind, x, y, rotation, symbolScale, mirrored);
      const row = idOf.get(dv.kind) as LegendRow;
      if (dv.circuit && rnd.chance(0.7)) {
        const at = apply(placementMatrix(x, y, rotation, symbolScale, false), [-8, 12]);
        c.text(dv.circuit, at[0], at[1], { size: 4.6, align: 'center' });
      }
      if (
        lumTypes.length > 0 &&
        (dv.kind === 'luminaire' || dv.kind === 'luminaire_recessed' || dv.kind === 'luminaire_emergency')
      ) {
        const tag =
          dv.kind === 'luminaire'
            ? 'A'
            : dv.kind === 'luminaire_emergency'
              ? 'EM'
              : rnd.chance(0.5)
                ? 'B'
                : 'B1';
        if (lumTypes.some((t) => t.tag === tag) && rnd.chance(0.6))
          luminaireTag(c, tag, x + 10 * symbolScale, y - 10 * symbolScale);
      }
      symbols.push({
        type: row.type,
        symbolId: row.symbolId,
        x: Math.round(x * 100) / 100,
        y: Math.round(y * 100) / 100,
        rotation: Math.round(rotation * 10) / 10,
        mirrored,
        scale: symbolScale,
        room: dv.room,
        circuit: dv.circuit,
        bbox,
      });
    }
    const printArea = rnd.chance(0.4);
    const rooms = fp.floor.rooms.map((r) => drawRoomLabel(c, fp, r, printArea, fr));
    // Viewport title and scale under the plan.
    const [, ey0] = extentsSize(fp.floor.width, fp.floor.depth, fp.phi);
    const titleY = fp.origin[1] + ey0 * fp.k - 6;
    const tx = area[0] + 40;
    c.setStroke(0.8);
    c.circle([tx - 16, titleY - 8], 9);
    c.text('1', tx - 16, titleY - 11, { size: 8, align: 'center', bold: true });
    c.text(sheetTitleFloor(i + 1), tx, titleY - 6, { size: 9, bold: true });
    c.line([tx, titleY - 9], [tx + 260, titleY - 9]);
    c.text(fp.scale ? fp.scale.text : fr ? 'ÉCHELLE : S.O.' : 'SCALE: N.T.S.', tx, titleY - 20, { size: 7 });
    northArrow(c, area[2] - (legendOnFloor ? 300 : 40), area[3] - 50);
    if (area[1] + 330 < titleY - 30 && c.height > 1500)
      otherScales.push(...enlargedDetail(c, o, area, fr, rnd));
    if (legendOnFloor) {
      const lx = area[2] - 262;
      const h = drawLegend(d, c, legend, lx, area[3] - 10, 255, rnd);
      let y = area[3] - 10 - h - 16;
      if (lumTypes.length > 0) y -= drawLuminaireSchedule(c, lumTypes, lx, y, 255, fr);
      y -= drawNotes(c, fr ? GENERAL_NOTES_FR : GENERAL_NOTES_EN, lx, y);
      drawNotes(
        c,
        fr
          ? ['NOTES CLÉS', '1. RACCORDER AU CIRCUIT EXISTANT.', '2. PRÉVOIR BOÎTE ÉTANCHE.']
          : ['KEYNOTES', '1. CONNECT TO EXISTING CIRCUIT.', '2. PROVIDE WEATHERPROOF BOX.'],
        lx,
        y,
      );
    }
    c.flush();
    pages.push({
      number: pages.length + 1,
      widthPt: c.width,
      heightPt: c.height,
      rotation: 0,
      kind: 'floor',
      sheetNumber: sheetNo,
      textLayer: floorTextMode !== 'outlined',
      symbolStyle: o.symbolStyle,
      scale: fp.scale ? { text: fp.scale.text, metresPerPoint: fp.scale.ratio / PT_PER_M } : null,
      otherScales,
      legend: legendOnFloor ? legend.map(({ symbolId, label, type }) => ({ symbolId, label, type })) : [],
      rooms,
      symbols,
      panels: [],
    });
  });

  // Schedules sheet.
  {
    const textMode: TextMode =
      o.outlined && rnd.chance(0.5) ? 'outlined' : o.textMode === 'outlined' ? 'words' : o.textMode;
    const sheetNo = sheetNumber(o, 'schedule', 1);
    const { c, area } = newSheet(d, textMode, sheetNo, fr ? 'TABLEAUX DE DISTRIBUTION' : 'PANEL SCHEDULES');
    const rowH = 11;
    const colW = Math.min(560, (area[2] - area[0] - 40) / 2);
    let col = 0;
    let top = area[3] - 10;
    const tops = [top, top];
    for (const p of panels) {
      const h = panelHeight(p, rowH);
      if ((tops[col] as number) - h < area[1] + 80) col = 1 - col;
      top = tops[col] as number;
      const used = drawPanel(c, p, area[0] + 10 + col * (colW + 30), top, colW, rowH, fr);
      tops[col] = top - used - 20;
      col = 1 - col;
    }
    if (!legendOnFloor && lumTypes.length > 0) {
      const lx = area[0] + 10;
      const y = Math.min(...tops);
      if (y - 100 > area[1]) drawLuminaireSchedule(c, lumTypes, lx, y, 300, fr);
    }
    c.flush();
    pages.push({
      number: pages.length + 1,
      widthPt: c.width,
      heightPt: c.height,
      rotation: 0,
      kind: 'schedule',
      sheetNumber: sheetNo,
      textLayer: textMode !== 'outlined',
      symbolStyle: o.symbolStyle,
      scale: null,
      otherScales: [],
      legend: [],
      rooms: [],
      symbols: [],
      panels: panels.map(panelTruth),
    });
  }

  const name = `indep-${set}-${String(index + 1).padStart(2, '0')}-${o.kind}-${o.wording}${o.multiSheet ? '-set' : ''}${o.outlined ? '-outlined' : ''}`;
  const truth: IndepTruth = {
    name,
    generator: 'plans-indep',
    set,
    seed,
    language: fr ? 'fr' : 'en',
    wording: o.wording,
    summary: `${o.kind}, ${o.wording} wording, ${pages.length} pages on ${o.paper}, symbols ${o.symbolStyle}${o.markInBlock ? ' (marks in blocks)' : ' (marks as text)'}, text ${o.textMode}${o.viewRotation ? `, plan rotated ${o.viewRotation.toFixed(1)}°` : ''}${o.multiSheet ? ', legend on its own symbols sheet' : ''}`,
    expectedWarnings: [],
    pages,
    counts: countTruth(pages),
  };
  const bytes = await pdf.save();
  return { name, pdf: bytes, truth };
}

function luminaireTag(c: Canvas, tag: string, x: number, y: number): void {
  const r = 4.2;
  const pts: Pt[] = Array.from({ length: 6 }, (_, i) => [
    x + r * Math.cos((i * Math.PI) / 3),
    y + r * Math.sin((i * Math.PI) / 3),
  ]);
  c.setStroke(0.35);
  c.polyline(pts, true);
  c.text(tag, x, y - 1.6, { size: tag.length > 1 ? 3.4 : 4.4, align: 'center' });
}

function drawRoomLabel(c: Canvas, fp: FloorPlacement, r: RoomBox, printArea: boolean, fr: boolean) {
  const [cx, cy] = toPage(fp, [(r.x0 + r.x1) / 2, (r.y0 + r.y1) / 2]);
  const area = Math.round((r.x1 - r.x0) * (r.y1 - r.y0) * 10) / 10;
  const angle = Math.abs(fp.phi) > 0 && fp.phi > 0 ? fp.phi : 0;
  c.text(r.name, cx, cy + 1, { size: 7.5, align: 'center', bold: true, angle });
  if (printArea) {
    const text = fr ? `${String(area).replace('.', ',')} m²` : `${Math.round(area * 10.764)} SF`;
    c.text(text, cx, cy - 8, { size: 6, align: 'center', angle });
  }
  const corners = (
    [
      [r.x0, r.y0],
      [r.x1, r.y0],
      [r.x1, r.y1],
      [r.x0, r.y1],
    ] as Pt[]
  ).map((p) => toPage(fp, p));
  const xs = corners.map((p) => p[0]);
  const ys = corners.map((p) => p[1]);
  const round = (v: number) => Math.round(v * 100) / 100;
  return {
    name: r.name,
    areaM2: printArea ? area : null,
    bbox: [
      round(Math.min(...xs)),
      round(Math.min(...ys)),
      round(Math.max(...xs)),
      round(Math.max(...ys)),
    ] as [number, number, number, number],
  };
}

/** Architectural background in grey: walls, hatch, doors, dimensions, grid, keynotes, a cloud. */
function drawBackground(c: Canvas, fp: FloorPlacement, rnd: Random, fr: boolean): void {
  const { floor } = fp;
  const P = (x: number, y: number) => toPage(fp, [x, y]);
  const W = floor.width;
  const H = floor.depth;
  const t = 0.2;
  // Grid lines and bubbles.
  const gx = [0, W / 2, W];
  const gy = [0, H];
  c.setStroke(0.3, 0.6, [6, 3, 1, 3]);
  gx.forEach((x) => {
    c.line(P(x, -0.6), P(x, H + 2.3));
  });
  gy.forEach((y) => {
    c.line(P(-2.3, y), P(W + 0.6, y));
  });
  c.setStroke(0.5, 0.35);
  gx.forEach((x, i) => {
    const at = P(x, H + 2.75);
    c.circle(at, 9);
    c.text(String.fromCharCode(65 + i), at[0], at[1] - 3, { size: 8, align: 'center', grey: 0.35 });
  });
  gy.forEach((y, i) => {
    const at = P(-2.75, y);
    c.circle(at, 9);
    c.text(String(i + 1), at[0], at[1] - 3, { size: 8, align: 'center', grey: 0.35 });
  });
  // Exterior walls (double line) with the wall band hatched as many short lines.
  c.setStroke(0.9, 0.45);
  c.polyline([P(-t, -t), P(W + t, -t), P(W + t, H + t), P(-t, H + t)], true);
  c.polyline([P(0, 0), P(W, 0), P(W, H), P(0, H)], true);
  c.setStroke(0.25, 0.6);
  for (let x = -t; x < W; x += 0.12) {
    c.line(P(x, -t), P(x + t, 0));
    c.line(P(x, H), P(x + t, H + t));
  }
  for (let y = -t; y < H; y += 0.12) {
    c.line(P(-t, y), P(0, y + t));
    c.line(P(W, y), P(W + t, y + t));
  }
  // Interior partitions and door swings.
  c.setStroke(0.7, 0.5);
  for (const r of floor.rooms) c.polyline([P(r.x0, r.y0), P(r.x1, r.y0), P(r.x1, r.y1), P(r.x0, r.y1)], true);
  c.setStroke(0.3, 0.6);
  for (const r of floor.rooms) {
    const hinge: Pt = [r.x0 + 0.12, r.y0];
    const rad = Math.min(0.8, (r.x1 - r.x0) / 3, (r.y1 - r.y0) / 3);
    c.line(P(hinge[0], hinge[1]), P(hinge[0], hinge[1] + rad));
    const arc: [number, number][] = [];
    for (let i = 0; i <= 8; i++) {
      const a = (Math.PI / 2) * (i / 8);
      arc.push(P(hinge[0] + rad * Math.cos(a), hinge[1] + rad * Math.sin(a)));
    }
    c.polyline(arc);
  }
  // Dimension string along the top.
  const xs = [...new Set(floor.rooms.filter((r) => r.y1 === H).flatMap((r) => [r.x0, r.x1]))].sort(
    (a, b) => a - b,
  );
  const dy = H + 1.1;
  c.setStroke(0.3, 0.3);
  c.line(P(xs[0] ?? 0, dy), P(xs[xs.length - 1] ?? W, dy));
  xs.forEach((x) => {
    c.line(P(x, H + 0.3), P(x, dy + 0.25));
    c.line(P(x - 0.12, dy - 0.12), P(x + 0.12, dy + 0.12));
  });
  for (let i = 0; i + 1 < xs.length; i++) {
    const a = xs[i] as number;
    const b = xs[i + 1] as number;
    const mm = Math.round((b - a) * 1000);
    const label = fr ? String(mm) : feetInches(b - a);
    const at = P((a + b) / 2, dy + 0.15);
    c.text(label, at[0], at[1], { size: 5.5, align: 'center', angle: fp.phi, grey: 0.3 });
  }
  // Keynotes: hexagons right of the building with leaders to a wall.
  const notes = rnd.int(1, 2);
  for (let i = 0; i < notes; i++) {
    const y = H * (0.3 + 0.4 * i);
    const at = P(W + 1.6, y);
    const wall = P(W + t, y);
    c.setStroke(0.4, 0);
    c.line([at[0] - 7, at[1]], wall);
    const pts: Pt[] = Array.from({ length: 6 }, (_, j) => [
      at[0] + 7 * Math.cos((j * Math.PI) / 3),
      at[1] + 7 * Math.sin((j * Math.PI) / 3),
    ]);
    c.polyline(pts, true);
    c.text(String(i + 1), at[0], at[1] - 2.5, { size: 7, align: 'center' });
  }
  // Revision cloud around one room, with its delta.
  if (rnd.chance(0.6)) {
    const r = rnd.pick(floor.rooms);
    const corners: Pt[] = [
      [r.x0 + 0.06, r.y0 + 0.06],
      [r.x1 - 0.06, r.y0 + 0.06],
      [r.x1 - 0.06, r.y1 - 0.06],
      [r.x0 + 0.06, r.y1 - 0.06],
    ];
    c.setStroke(0.5, 0);
    for (let e = 0; e < 4; e++) {
      const a = P(...(corners[e] as [number, number]));
      const b = P(...(corners[(e + 1) % 4] as [number, number]));
      const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
      const n = Math.max(2, Math.round(len / 14));
      for (let s = 0; s < n; s++) {
        const p0: Pt = [a[0] + ((b[0] - a[0]) * s) / n, a[1] + ((b[1] - a[1]) * s) / n];
        const p1: Pt = [a[0] + ((b[0] - a[0]) * (s + 1)) / n, a[1] + ((b[1] - a[1]) * (s + 1)) / n];
        const mid: Pt = [(p0[0] + p1[0]) / 2, (p0[1] + p1[1]) / 2];
        const nx = -(b[1] - a[1]) / len;
        const ny = (b[0] - a[0]) / len;
        const bump = len / n / 2;
        const arc: Pt[] = [];
        for (let q = 0; q <= 6; q++) {
          const ang = Math.PI * (q / 6);
          const u = -Math.cos(ang);
          arc.push([
            mid[0] + (u * (p1[0] - p0[0])) / 2 - nx * Math.sin(ang) * bump * 0.6,
            mid[1] + (u * (p1[1] - p0[1])) / 2 - ny * Math.sin(ang) * bump * 0.6,
          ]);
        }
        c.polyline(arc);
      }
    }
    const d = P(r.x1 + 0.1, r.y1 + 0.1);
    c.polyline(
      [
        [d[0], d[1]],
        [d[0] + 12, d[1]],
        [d[0] + 6, d[1] + 10],
      ],
      true,
    );
    c.text('1', d[0] + 6, d[1] + 1.8, { size: 6, align: 'center' });
  }
}

function feetInches(m: number): string {
  const inches = Math.round(m / 0.0254);
  return `${Math.floor(inches / 12)}'-${inches % 12}"`;
}

function northArrow(c: Canvas, x: number, y: number): void {
  c.setStroke(0.6);
  c.circle([x, y], 14);
  c.polyline(
    [
      [x, y + 14],
      [x - 5, y - 8],
      [x, y - 3],
    ],
    true,
    true,
  );
  c.polyline(
    [
      [x, y + 14],
      [x + 5, y - 8],
      [x, y - 3],
    ],
    true,
  );
  c.text('N', x, y + 18, { size: 8, align: 'center', bold: true });
}

/** An enlarged plan of a bathroom core at its own scale (walls and dimensions, no devices). */
function enlargedDetail(
  c: Canvas,
  o: Options,
  area: [number, number, number, number],
  fr: boolean,
  rnd: Random,
): string[] {
  const imperial = o.imperial;
  const ratio = imperial ? 24 : 25;
  const k = PT_PER_M / ratio;
  const w = rnd.float(1.8, 2.4);
  const h = rnd.float(1.4, 1.9);
  const x0 = area[0] + 60;
  const y0 = area[1] + 70;
  c.setStroke(1, 0.45);
  c.rect(x0, y0, w * k, h * k);
  c.rect(x0 - 0.15 * k, y0 - 0.15 * k, (w + 0.3) * k, (h + 0.3) * k);
  c.setStroke(0.4, 0.5);
  c.rect(x0 + 0.1 * k, y0 + h * k - 0.8 * k, 1.5 * k, 0.7 * k);
  c.circle([x0 + w * k - 0.5 * k, y0 + 0.5 * k], 0.25 * k);
  c.setStroke(0.3, 0.3);
  c.line([x0, y0 - 0.5 * k], [x0 + w * k, y0 - 0.5 * k]);
  c.text(fr ? String(Math.round(w * 1000)) : feetInches(w), x0 + (w * k) / 2, y0 - 0.5 * k + 3, {
    size: 6,
    align: 'center',
    grey: 0.3,
  });
  const text = imperial ? '1/2" = 1\'-0"' : fr ? 'ÉCHELLE 1:25' : 'SCALE: 1:25';
  c.setStroke(0.8);
  c.circle([x0 - 16, y0 - 40], 9);
  c.text('2', x0 - 16, y0 - 43, { size: 8, align: 'center', bold: true });
  c.text(fr ? 'PLAN AGRANDI — NOYAU SANITAIRE' : 'ENLARGED PLAN — TOILET CORE', x0, y0 - 38, {
    size: 9,
    bold: true,
  });
  c.text(text, x0, y0 - 52, { size: 7 });
  return [text];
}
