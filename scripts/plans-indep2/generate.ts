import { deflateSync } from 'node:zlib';
import { PDFDocument, type PDFFont, PDFName, type PDFRef, PDFString, StandardFonts } from 'pdf-lib';
import { type Box, drawFloor, type FloorOptions } from './floor.ts';
import { PageCanvas, type PageSetup } from './page.ts';
import { n, OpsWriter, type Pt, type TextStyle } from './pdf-ops.ts';
import { createRng, type Rng } from './random.ts';
import { drawSchedule, type PanelPlan, planPanel, type ScheduleStyle, scheduleSize } from './schedules.ts';
import { strokeText } from './stroke-font.ts';
import {
  boundsOf,
  designPrims,
  drawPrims,
  markAnchor,
  type Placement,
  placementTransform,
  primPoints,
  type SymbolDesign,
} from './symbols.ts';
import {
  type Indep2Page,
  type Indep2Panel,
  type Indep2Symbol,
  type Indep2Truth,
  tallySymbols,
} from './truth.ts';
import { ROLE_TYPE, type Role, roleDesign, WORDINGS, type WordingId, wording } from './wording.ts';

/**
 * One plan (a small set of sheets) per seed: floor sheet(s), an optional symbols sheet, and one
 * or two panel-schedule sheets, in the habits of one producer. See README.md for the catalogue.
 */
export type PlanSet = 'dev' | 'holdout';
export type Producer = 'revit' | 'archicad' | 'microstation' | 'autocad-shx' | 'bluebeam';
export const PRODUCERS: readonly Producer[] = [
  'revit',
  'archicad',
  'microstation',
  'autocad-shx',
  'bluebeam',
];

/** Disjoint seeds: dev 41xx, holdout 83xx (never equal: different bases and steps). */
export function setSeeds(set: PlanSet, count = 20): number[] {
  return Array.from({ length: count }, (_, i) => (set === 'dev' ? 4100 + i * 7 : 83000 + i * 13));
}

export interface GeneratedPlan {
  readonly name: string;
  readonly pdf: Uint8Array;
  readonly truth: Indep2Truth;
}

const PRODUCER_META: Record<Producer, { creator: string; producer: string; font: StandardFonts }> = {
  revit: { creator: 'Autodesk Revit', producer: 'Autodesk PDF Writer', font: StandardFonts.Helvetica },
  archicad: { creator: 'GRAPHISOFT ARCHICAD', producer: 'PDFNet', font: StandardFonts.Helvetica },
  microstation: { creator: 'MicroStation CONNECT', producer: 'Bentley PDF', font: StandardFonts.Courier },
  'autocad-shx': { creator: 'AutoCAD DWG To PDF.pc3', producer: 'pdfplot', font: StandardFonts.Helvetica },
  bluebeam: { creator: 'Bluebeam Stapler', producer: 'Bluebeam Revu x64', font: StandardFonts.Helvetica },
};

const SHEETS = {
  tabloid: [1224, 792],
  a3: [1191, 842],
  ansiC: [1584, 1224],
  a2: [1684, 1191],
  ansiD: [2592, 1728],
  a1: [2384, 1684],
} as const;

interface Profile {
  readonly producer: Producer;
  readonly wording: WordingId;
  readonly building: 'house' | 'office';
  readonly legendAt: 'floor-table' | 'floor-list' | 'floor-two-columns' | 'symbols-sheet';
  readonly symbolStyle: 'xobject' | 'exploded';
  readonly markMode: 'strokes' | 'text';
  readonly floors: number;
  readonly scheduleStyle: ScheduleStyle;
  readonly panels: number;
  readonly splitSchedule: boolean;
  /** Feet-and-inches scales and dimensions (North-American firms, most of the time). */
  readonly imperial: boolean;
}

function profileFor(set: PlanSet, index: number, rng: Rng): Profile {
  // Producer and wording rotate with the index so that every set holds every combination class.
  const producer = PRODUCERS[(index + (set === 'dev' ? 0 : 2)) % PRODUCERS.length] as Producer;
  const wordingId = WORDINGS[
    (Math.floor(index / PRODUCERS.length) + (set === 'dev' ? 0 : 1)) % WORDINGS.length
  ] as WordingId;
  const building = rng.chance(0.55) ? 'office' : 'house';
  const scheduleStyle: ScheduleStyle =
    wordingId === 'qc-chantier'
      ? building === 'house'
        ? 'qc'
        : rng.pick(['qc', 'na'])
      : wordingId === 'us-spec'
        ? 'na'
        : 'iec';
  return {
    producer,
    wording: wordingId,
    building,
    legendAt: rng.pick(['floor-table', 'floor-list', 'floor-two-columns', 'symbols-sheet'] as const),
    symbolStyle:
      producer === 'archicad' || producer === 'bluebeam'
        ? 'xobject'
        : producer === 'revit'
          ? 'exploded'
          : rng.pick(['xobject', 'exploded']),
    markMode: producer === 'autocad-shx' || rng.chance(0.4) ? 'strokes' : 'text',
    floors: building === 'office' && rng.chance(0.4) ? 2 : 1,
    scheduleStyle,
    panels: rng.int(1, 3),
    splitSchedule: scheduleStyle === 'na' && rng.chance(0.5),
    imperial: wording(wordingId).convention === 'na' && rng.chance(0.7),
  };
}

interface DocContext {
  readonly doc: PDFDocument;
  readonly font: PDFFont;
  readonly fontRef: PDFRef;
  readonly images: Map<string, PDFRef>;
  readonly profile: Profile;
  readonly designs: Map<Role, SymbolDesign>;
  readonly forms: Map<Role, PDFRef>;
  readonly baseSize: number;
  /** The document's one hidden optional-content group (created on first use). */
  readonly hiddenLayer: () => PDFRef;
}

const LINE = 0.55;

/** Draws one device (exploded or as its Form XObject, mark as strokes or as text); view-space bbox. */
function drawDevice(
  ctx: DocContext,
  c: PageCanvas,
  arcSegments: number | null,
  role: Role,
  p: Placement,
): Box {
  const design = ctx.designs.get(role);
  if (!design) throw new Error(`no design for ${role}`);
  const prims = designPrims(design, ctx.profile.markMode === 'strokes');
  const transform = placementTransform(p);
  if (ctx.profile.symbolStyle === 'exploded') {
    const ops = new OpsWriter(transform, arcSegments);
    drawPrims(ops, prims, LINE);
    for (const op of ops.out) c.ops.raw(op);
  } else {
    let form = ctx.forms.get(role);
    if (!form) {
      // The block is drawn once at unit scale × baseSize, then placed with one cm per insertion.
      const unit = ctx.baseSize;
      const ops = new OpsWriter(([x, y]) => [x * unit, y * unit], arcSegments);
      drawPrims(ops, prims, LINE);
      const [x0, y0, x1, y1] = boundsOf(primPoints(prims));
      form = ctx.doc.context.register(
        ctx.doc.context.flateStream(ops.out.join('\n'), {
          Type: 'XObject',
          Subtype: 'Form',
          BBox: [x0 * unit - 2, y0 * unit - 2, x1 * unit + 2, y1 * unit + 2],
        }),
      );
      ctx.forms.set(role, form);
    }
    const name = `Blk${design.id.replace(/[^A-Za-z0-9]/g, '')}`;
    c.useXObject(name, form);
    const k = p.size / ctx.baseSize;
    const cos = Math.cos((p.rotation * Math.PI) / 180) * k;
    const sin = Math.sin((p.rotation * Math.PI) / 180) * k;
    const m = p.mirrored ? -1 : 1;
    c.ops.raw(`q ${n(m * cos)} ${n(m * sin)} ${n(-sin)} ${n(cos)} ${n(p.x)} ${n(p.y)} cm /${name} Do Q`);
  }
  const pts: Pt[] = primPoints(prims).map(transform);
  if (design.mark && ctx.profile.markMode === 'text') {
    // A block attribute: upright text beside the symbol whatever the block's rotation.
    const [ax] = markAnchor(design);
    const tx = p.x + Math.abs(ax) * p.size;
    const ty = p.y + p.size * 0.25;
    c.text(design.mark, tx, ty, p.size * 0.95);
    pts.push([tx, ty], [tx + c.textWidth(design.mark, p.size * 0.95), ty + p.size * 0.95]);
  }
  return boundsOf(pts);
}

function sealImage(doc: PDFDocument, rng: Rng): PDFRef {
  // A raster stamp (engineer's seal): grey ring, inner ring and noise, 96 × 96, deterministic.
  const side = 96;
  const pixels = new Uint8Array(side * side);
  for (let y = 0; y < side; y++) {
    for (let x = 0; x < side; x++) {
      const d = Math.hypot(x - side / 2, y - side / 2);
      const ring = (d > 44 && d < 47) || (d > 30 && d < 32) ? 60 : 255;
      pixels[y * side + x] = Math.max(0, ring - (rng.chance(0.08) ? 90 : 0));
    }
  }
  const stream = doc.context.flateStream(deflateSync(pixels), {
    Type: 'XObject',
    Subtype: 'Image',
    Width: side,
    Height: side,
    ColorSpace: 'DeviceGray',
    BitsPerComponent: 8,
  });
  // flateStream compresses again; the image dictionary must then name both filters in order.
  stream.dict.set(PDFName.of('Filter'), doc.context.obj(['FlateDecode', 'FlateDecode']));
  return doc.context.register(stream);
}

function titleBlock(
  c: PageCanvas,
  t: { firm: string; project: string; title: string; sheet: string; lang: 'fr' | 'en' },
): void {
  const x = c.width - 168;
  c.ops.polyline(
    [
      [18, 18],
      [c.width - 18, 18],
      [c.width - 18, c.height - 18],
      [18, c.height - 18],
    ],
    { stroke: 0, width: 1.2 },
    true,
  );
  c.ops.polyline(
    [
      [x, 18],
      [x, c.height - 18],
    ],
    { stroke: 0, width: 1 },
  );
  let y = c.height - 40;
  c.text(t.firm, x + 8, y, 9);
  y -= 12;
  c.text(t.lang === 'fr' ? 'INGÉNIEURS-CONSEILS' : 'CONSULTING ENGINEERS', x + 8, y, 6);
  c.ops.raw(`q 70 0 0 70 ${n(x + 45)} ${n(y - 90)} cm /Seal Do Q`);
  y -= 110;
  c.ops.polyline(
    [
      [x, y],
      [c.width - 18, y],
    ],
    { stroke: 0, width: 0.5 },
  );
  for (const [k, rev] of ['0', '1', '2'].entries()) {
    c.text(
      `${rev}   2026-0${k + 3}-1${k + 2}   ${t.lang === 'fr' ? (k === 0 ? 'POUR SOUMISSION' : 'RÉVISÉ SELON ADDENDA') : k === 0 ? 'ISSUED FOR TENDER' : 'REVISED PER ADDENDUM'} ${k || ''}`.trim(),
      x + 6,
      y - 12 - k * 10,
      5.5,
    );
  }
  y -= 50;
  c.ops.polyline(
    [
      [x, y],
      [c.width - 18, y],
    ],
    { stroke: 0, width: 0.5 },
  );
  c.text(t.lang === 'fr' ? 'PROJET' : 'PROJECT', x + 6, y - 10, 5.5, { grey: 0.3 });
  c.text(t.project, x + 6, y - 22, 7.5);
  c.text(t.lang === 'fr' ? 'TITRE' : 'TITLE', x + 6, y - 40, 5.5, { grey: 0.3 });
  c.text(t.title, x + 6, y - 52, 7);
  c.text(t.lang === 'fr' ? 'ÉCHELLE : COMME INDIQUÉE' : 'SCALE: AS NOTED', x + 6, y - 70, 6);
  c.text(t.lang === 'fr' ? 'FEUILLE' : 'SHEET', x + 6, 70, 6, { grey: 0.3 });
  c.text(t.sheet, x + 6, 36, 22);
}

interface LegendRow {
  readonly role: Role;
  readonly label: string;
}

/** Legend as a bordered table, a borderless list, or a table in two columns; returns its height. */
function drawLegend(
  ctx: DocContext,
  c: PageCanvas,
  rows: readonly LegendRow[],
  x: number,
  top: number,
  width: number,
  layout: Profile['legendAt'],
  title: string,
  arcSegments: number | null,
): void {
  const size = ctx.baseSize;
  const rowH = Math.max(size * 3.2, 15);
  const columns = layout === 'floor-two-columns' || (layout === 'symbols-sheet' && rows.length > 12) ? 2 : 1;
  const per = Math.ceil(rows.length / columns);
  const colW = width / columns;
  const bordered = layout !== 'floor-list';
  c.text(title, x, top, 10);
  if (bordered)
    c.ops.polyline(
      [
        [x, top - 3],
        [x + c.textWidth(title, 10), top - 3],
      ],
      { stroke: 0, width: 0.6 },
    );
  for (let col = 0; col < columns; col++) {
    const slice = rows.slice(col * per, (col + 1) * per);
    const cx = x + col * colW;
    // Wide enough for a text mark beside the symbol (marks sit right of the block).
    const symW = size * 7;
    let y = top - 12;
    if (bordered) {
      y -= rowH * 0.8;
      c.ops.polyline(
        [
          [cx, y],
          [cx + colW - 8, y],
          [cx + colW - 8, y + rowH * 0.8],
          [cx, y + rowH * 0.8],
        ],
        { stroke: 0, width: 0.5, fill: 0.9 },
        true,
      );
      c.text(ctx.profile.wording === 'qc-chantier' ? 'SYMBOLE' : 'SYMBOL', cx + 3, y + 4, 6);
      c.text('DESCRIPTION', cx + symW + 4, y + 4, 6);
    }
    for (const row of slice) {
      y -= rowH;
      drawDevice(ctx, c, arcSegments, row.role, {
        x: cx + size * 2.4,
        y: y + rowH / 2,
        size,
        rotation: 0,
        mirrored: false,
      });
      // Drafters size the text to the cell: shrink a long description until it fits its column.
      const room = colW - 8 - symW - 6;
      let labelSize = 6.5;
      while (labelSize > 3.5 && c.textWidth(row.label, labelSize) > room) labelSize -= 0.25;
      c.text(row.label, cx + symW + 4, y + rowH / 2 - 2.5, labelSize);
      if (bordered)
        c.ops.polyline(
          [
            [cx, y],
            [cx + colW - 8, y],
          ],
          { stroke: 0, width: 0.35 },
        );
    }
    if (bordered) {
      const y0 = top - 12;
      for (const vx of [cx, cx + symW, cx + colW - 8])
        c.ops.polyline(
          [
            [vx, y],
            [vx, y0],
          ],
          { stroke: 0, width: 0.5 },
        );
    }
  }
}

const ELECTRICAL_ROOM: Record<WordingId, string> = {
  'iec-uk': 'SWITCHROOM',
  za: 'DB ROOM',
  'qc-chantier': 'SALLE ÉLECTRIQUE',
  'us-spec': 'ELECTRICAL ROOM',
};

const EXTRA_ROLES: readonly Role[] = [
  'heat-det',
  'isolator',
  'jbox',
  'ev',
  'co',
  'sw4',
  'rcpt-wp',
  'exit',
  'lum-bulkhead',
];

export async function generateIndep2Plan(set: PlanSet, index: number): Promise<GeneratedPlan> {
  const seed = setSeeds(set, index + 1)[index] as number;
  const rng = createRng(seed);
  const profile = profileFor(set, index, rng);
  const w = wording(profile.wording);
  const meta = PRODUCER_META[profile.producer];
  const doc = await PDFDocument.create({ updateMetadata: false });
  const fixed = new Date(Date.UTC(2026, 2, 14, 9, 30, 0));
  doc.setCreationDate(fixed);
  doc.setModificationDate(fixed);
  doc.setCreator(meta.creator);
  doc.setProducer(meta.producer);
  const font = await doc.embedFont(meta.font);
  const fontRef = font.ref;
  let hiddenLayerRef: PDFRef | undefined;
  const ctx: DocContext = {
    doc,
    font,
    fontRef,
    images: new Map([['Seal', sealImage(doc, rng)]]),
    profile,
    designs: new Map(),
    forms: new Map(),
    baseSize: profile.building === 'house' ? rng.float(4.2, 5.4) : rng.float(4.6, 6),
    hiddenLayer: () => {
      if (!hiddenLayerRef) {
        hiddenLayerRef = doc.context.register(
          doc.context.obj({
            Type: 'OCG',
            Name: PDFString.of(w.language === 'fr' ? 'E-DEMOLITION' : 'E-DEMO'),
          }),
        );
        doc.catalog.set(
          PDFName.of('OCProperties'),
          doc.context.obj({
            OCGs: [hiddenLayerRef],
            D: { ON: [], OFF: [hiddenLayerRef], Order: [hiddenLayerRef] },
          }),
        );
      }
      return hiddenLayerRef;
    },
  };
  const allRoles = Object.keys(ROLE_TYPE) as Role[];
  for (const role of allRoles) {
    const d = roleDesign(profile.wording, role);
    ctx.designs.set(role, {
      id: role.replace('-', '_').toUpperCase(),
      shape: d.shape,
      mark: d.mark,
      inner: d.inner,
    });
  }
  const pages: Indep2Page[] = [];
  const canvases: PageCanvas[] = [];
  const firm = rng.pick([
    'GÉNIELEC CONSEIL INC.',
    'VOLTA + ASSOCIÉS',
    'KESTREL M&E LTD',
    'UBUNTU ENGINEERS (PTY) LTD',
    'NORTHLINE MEP, PLLC',
  ]);
  const project =
    profile.building === 'house'
      ? rng.pick(['RÉSIDENCE TREMBLAY', '14 ACACIA AVE', 'MAISON JUMELÉE LOT 22', 'WILLOW COTTAGE'])
      : rng.pick([
          'CENTRE DE RECHERCHE — PHASE 2',
          'HARBOUR LABS FIT-OUT',
          'BUILDING 12 TENANT IMPROVEMENT',
          'CAMPUS NORD — PAVILLON B',
        ]);
  const rotatesSome = profile.producer === 'bluebeam';
  const setupFor = (size: readonly [number, number], textStyle: TextStyle, pageIndex: number): PageSetup => ({
    width: size[0],
    height: size[1],
    rotate90: rotatesSome && pageIndex % 2 === 0,
    bleed: profile.producer === 'autocad-shx' || rng.chance(0.2) ? 18 : 0,
    textStyle,
    arcSegments: profile.producer === 'microstation' ? rng.pick([16, 20, 24]) : null,
  });
  const textFor = (kind: 'floor' | 'legend' | 'schedule'): TextStyle => {
    switch (profile.producer) {
      case 'revit':
        return 'glyphs';
      case 'archicad':
        return 'split';
      case 'autocad-shx':
        return kind === 'floor' || rng.chance(0.5) ? 'strokes' : 'plain';
      default:
        return 'plain';
    }
  };
  const floorSize =
    profile.building === 'house'
      ? rng.pick([SHEETS.tabloid, SHEETS.a3, SHEETS.ansiC])
      : rng.pick([SHEETS.ansiD, SHEETS.a1, SHEETS.a2]);
  // Bluebeam sets are stitched from several sources: the schedule sheet comes on another size.
  const scheduleSheet = rotatesSome ? rng.pick([SHEETS.tabloid, SHEETS.a3]) : floorSize;
  const sheetPrefix = profile.wording === 'qc-chantier' ? 'É' : 'E';
  const sheetNo = (k: number) =>
    rng.chance(0.5) ? `${sheetPrefix}-${k}` : `${sheetPrefix}${String(k).slice(0, 1)}.${String(k).slice(1)}`;
  const legendRoles = new Set<Role>();
  const legendTitle = rng.pick(w.legendTitles);
  const legendLater: (() => void)[] = [];
  const hiddenStyles: string[] = [];
  const pageLegend = new Map<number, LegendRow[]>();

  // Floor sheets.
  const names = rng.shuffle(profile.building === 'house' ? w.houseRooms : w.officeRooms);
  for (let level = 1; level <= profile.floors; level++) {
    const textStyle = textFor('floor');
    const setup = setupFor(floorSize, textStyle, pages.length);
    const c = new PageCanvas(setup, font, rng);
    const legendOnSheet = profile.legendAt !== 'symbols-sheet';
    const legendW = legendOnSheet ? Math.min(360, setup.width * 0.3) : 0;
    const area: Box = [40, 50, setup.width - 190 - legendW, setup.height - 50];
    // Office rooms carry a number (level, then 2 digits): "LAB 1204"; house rooms their name only.
    const roomNames = names.map((name, i) =>
      profile.building === 'office' ? `${name} ${level}2${String(i + 1).padStart(2, '0')}` : name,
    );
    // Large office sheets: a second viewport with an enlarged electrical room at its own scale.
    // Not under an N.T.S. main viewport: the sheet's scale would then be ambiguous.
    const nts = rng.chance(0.08);
    const luminaireTags = rng.chance(0.5);
    const withEnlarged = !nts && profile.building === 'office' && setup.width >= 1684 && rng.chance(0.6);
    const split = area[0] + (area[2] - area[0]) * 0.66;
    const floorOptions: FloorOptions = {
      rng,
      canvas: c,
      building: profile.building,
      level,
      area: withEnlarged ? [area[0], area[1], split, area[3]] : area,
      roomNames,
      language: w.language,
      imperial: profile.imperial,
      scaleWord: w.scaleWord,
      symbolSize: ctx.baseSize * rng.float(0.9, 1.2),
      anyAngle: rng.chance(0.45),
      mirrorRate: rng.chance(0.5) ? 0.3 : 0,
      halftone: profile.producer === 'revit' ? 'filled' : 'lines',
      wipeouts: profile.producer === 'autocad-shx' || rng.chance(0.3),
      circuitTags: rng.chance(0.55),
      luminaireTags,
      nts,
      scaleBar: rng.chance(0.5),
      available: new Set(allRoles),
      drawDevice: (role, p) => drawDevice(ctx, c, setup.arcSegments, role, p),
      clearance: (role) => (profile.markMode === 'text' && ctx.designs.get(role)?.mark ? 1.8 : 0),
    };
    const main = drawFloor(floorOptions);
    const enlarged = withEnlarged
      ? drawFloor({
          ...floorOptions,
          area: [split + 30, area[1], area[2], area[1] + (area[3] - area[1]) * 0.55],
          roomNames: [`${ELECTRICAL_ROOM[profile.wording]} ${level}00`],
          enlarged: true,
          nts: false,
        })
      : null;
    const result = {
      rooms: [...main.rooms, ...(enlarged?.rooms ?? [])],
      devices: [...main.devices, ...(enlarged?.devices ?? [])],
      scaleText: main.scaleText,
      metresPerPoint: main.metresPerPoint,
      styles: [...main.styles, ...(enlarged?.styles ?? [])],
    };
    for (const d of result.devices) legendRoles.add(d.role);
    // A layer that is off (AutoCAD/Revit export of a demolition layer): devices drawn in the
    // content stream inside an optional-content group hidden by default. Not visible, not counted.
    if (rng.chance(0.3)) {
      const layer = ctx.hiddenLayer();
      c.useProperty('ocDemo', layer);
      c.ops.raw('/OC /ocDemo BDC');
      const hidden: Role[] = ['rcpt', 'lum', 'sw', 'rcpt-gfci'];
      let drawn = 0;
      for (let attempt = 0; attempt < 40 && drawn < 4; attempt++) {
        const room = result.rooms[rng.int(0, result.rooms.length - 1)];
        if (!room) break;
        const x = rng.float(room.box[0] + 15, room.box[2] - 15);
        const y = rng.float(room.box[1] + 15, room.box[3] - 15);
        const clear = result.devices.every(
          (d) => Math.hypot(d.placement.x - x, d.placement.y - y) > d.placement.size * 4,
        );
        if (!clear || room.box[2] - room.box[0] < 40 || room.box[3] - room.box[1] < 40) continue;
        drawDevice(ctx, c, setup.arcSegments, rng.pick(hidden), {
          x,
          y,
          size: ctx.baseSize,
          rotation: 0,
          mirrored: false,
        });
        drawn++;
      }
      c.ops.raw('EMC');
      if (drawn > 0) hiddenStyles.push('ocg-layer-off');
    }
    const styles = [
      ...result.styles,
      `producer:${profile.producer}`,
      `text:${textStyle}`,
      `symbols:${profile.symbolStyle}`,
      `marks:${profile.markMode}`,
    ];
    styles.push(...hiddenStyles.splice(0));
    if (setup.rotate90) styles.push('rotate-90');
    if (setup.bleed > 0) styles.push('cropbox-offset');
    if (setup.arcSegments !== null) styles.push('arcs-as-segments');
    if (result.devices.some((d) => d.placement.mirrored)) styles.push('mirrored');
    if (result.devices.some((d) => d.placement.rotation % 90 !== 0)) styles.push('any-angle');
    // Revision cloud: drawn scallops on the sheet, or a Bluebeam markup over it.
    const room = result.rooms[rng.int(0, result.rooms.length - 1)];
    if (room) {
      const cloud = cloudPoints(room.box, 9);
      if (profile.producer === 'bluebeam') {
        const ops = new OpsWriter();
        ops.polyline(cloud, { stroke: 0.8, width: 1.2 }, true);
        c.annotate({
          subtype: 'Polygon',
          rect: padBox(boundsOf(cloud), 4),
          contents: 'Revision 2: relocate receptacles',
          vertices: cloud,
          appearance: ops.out.join('\n'),
        });
        // Count markups over a few devices: a circle annotation on each counted symbol.
        for (const d of result.devices.slice(0, rng.int(3, 8))) {
          const r = d.placement.size * 1.8;
          const ops2 = new OpsWriter();
          ops2.circle(d.placement.x, d.placement.y, r, { stroke: 0.5, width: 0.8 });
          c.annotate({
            subtype: 'Circle',
            rect: [
              d.placement.x - r - 1,
              d.placement.y - r - 1,
              d.placement.x + r + 1,
              d.placement.y + r + 1,
            ],
            contents: 'Count',
            appearance: ops2.out.join('\n'),
          });
        }
        const callout = new OpsWriter();
        const [bx, by] = [room.box[2] - 10, room.box[3] + 20];
        callout.polyline(
          [
            [bx, by],
            [bx + 90, by],
            [bx + 90, by + 18],
            [bx, by + 18],
          ],
          { stroke: 0.3, width: 0.8, fill: 1 },
          true,
        );
        callout.strokes(strokeText('VERIFY IN FIELD', bx + 5, by + 6, 6), { stroke: 0.8, width: 0.5 });
        c.annotate({
          subtype: 'FreeText',
          rect: [bx - 1, by - 1, bx + 91, by + 19],
          contents: 'VERIFY IN FIELD',
          appearance: callout.out.join('\n'),
        });
        styles.push('annotations');
      } else {
        c.ops.polyline(cloud, { stroke: 0, width: 0.9 }, true);
        const [tx, ty] = [room.box[2] - 4, room.box[3] - 4];
        c.ops.polyline(
          [
            [tx - 6, ty - 5],
            [tx + 6, ty - 5],
            [tx, ty + 6],
          ],
          { stroke: 0, width: 0.6 },
          true,
        );
        c.text('2', tx, ty - 3.5, 5.5, { align: 'center' });
        styles.push('revision-cloud');
      }
    }
    const sheet = sheetNo(100 + level);
    titleBlock(c, {
      firm,
      project,
      title: w.language === 'fr' ? `PLAN D'ÉLECTRICITÉ — NIVEAU ${level}` : `ELECTRICAL PLAN LEVEL ${level}`,
      sheet,
      lang: w.language,
    });
    // Notes (and keynote list) in the strip left of the title block.
    const notesX = setup.width - 180 - legendW;
    const notes =
      w.language === 'fr'
        ? [
            'NOTES GÉNÉRALES :',
            '1. TOUS LES TRAVAUX SELON LE CODE DE CONSTRUCTION DU QUÉBEC, CH. V.',
            '2. HAUTEUR DES PLOGUES : 300 MM SAUF INDICATION.',
            'NOTES CLÉS :',
            '1 FOURNIR BOÎTE DE SORTIE POUR TV.',
            '2 RACCORDER AU CIRCUIT EXISTANT.',
            '3 VOIR DEVIS SECTION 26 05 00.',
          ]
        : [
            'GENERAL NOTES:',
            '1. ALL WORK TO COMPLY WITH LOCAL WIRING REGULATIONS.',
            '2. VERIFY MOUNTING HEIGHTS WITH ARCHITECT.',
            'KEYNOTES:',
            '1 PROVIDE BACK BOX FOR AV EQUIPMENT.',
            '2 EXTEND EXISTING CIRCUIT.',
            '3 REFER TO SPECIFICATION SECTION 26 05 00.',
          ];
    const page = pages.length + 1;
    canvases.push(c);
    if (legendOnSheet) {
      legendLater.push(() => {
        const rows = legendRowsFor(legendRoles, w.labels, rng);
        drawLegend(
          ctx,
          c,
          rows,
          notesX,
          setup.height - 50,
          legendW - 10,
          profile.legendAt,
          legendTitle,
          setup.arcSegments,
        );
        const top = 50 + notes.length * 9 + 10;
        for (const [i, line] of notes.entries()) c.text(line, notesX, top - i * 9, 5.5);
        pageLegend.set(page, rows);
      });
    } else {
      for (const [i, line] of notes.entries()) c.text(line, notesX - 120, 50 + (notes.length - i) * 9, 5.5);
    }
    if (luminaireTags) {
      drawLuminaireSchedule(c, legendOnSheet ? notesX : notesX - 120, 50 + notes.length * 9 + 95, w.language);
      styles.push('luminaire-schedule');
    }
    pages.push({
      number: page,
      widthPt: setup.rotate90 ? setup.height : setup.width,
      heightPt: setup.rotate90 ? setup.width : setup.height,
      rotation: setup.rotate90 ? 90 : 0,
      kind: 'floor',
      sheetNumber: sheet,
      textLayer: textStyle !== 'strokes',
      producer: profile.producer,
      symbolStyle: profile.symbolStyle,
      scale:
        result.metresPerPoint === null
          ? null
          : { text: result.scaleText, metresPerPoint: result.metresPerPoint },
      otherScales: enlarged ? [enlarged.scaleText] : [],
      legend: [],
      rooms: result.rooms.map((r) => ({ name: r.name, areaM2: r.areaM2, bbox: c.userBox(r.box) })),
      symbols: result.devices.map((d): Indep2Symbol => {
        const [x, y] = c.toUser([d.placement.x, d.placement.y]);
        return {
          type: ROLE_TYPE[d.role],
          symbolId: ctx.designs.get(d.role)?.id ?? d.role,
          x: round2(x),
          y: round2(y),
          rotation: ((d.placement.rotation % 360) + 360) % 360,
          mirrored: d.placement.mirrored,
          scale: round2(d.placement.size / ctx.baseSize),
          room: d.room,
          circuit: d.circuit,
          bbox: c.userBox(d.bbox).map(round2) as unknown as readonly [number, number, number, number],
        };
      }),
      panels: [],
      styles: [...styles, `legend:${profile.legendAt}`, `wording:${profile.wording}`],
    });
  }
  for (const draw of legendLater) draw();

  // Symbols sheet (legend for the whole set) when the firm puts it on its own sheet.
  if (profile.legendAt === 'symbols-sheet') {
    const textStyle = textFor('legend');
    const setup = setupFor(scheduleSheet, textStyle, pages.length);
    const c = new PageCanvas(setup, font, rng);
    const rows = legendRowsFor(legendRoles, w.labels, rng);
    drawLegend(
      ctx,
      c,
      rows,
      50,
      setup.height - 60,
      setup.width - 260,
      'symbols-sheet',
      w.language === 'fr' ? 'SYMBOLES ET ABRÉVIATIONS' : 'SYMBOLS AND ABBREVIATIONS',
      setup.arcSegments,
    );
    const sheet = sheetNo(1)
      .replace(/1$/, '0.01')
      .replace(/-0\.01$/, '-001');
    titleBlock(c, {
      firm,
      project,
      title: w.language === 'fr' ? 'LÉGENDE' : 'LEGEND',
      sheet,
      lang: w.language,
    });
    canvases.push(c);
    pages.push(
      nonFloorPage(
        pages.length + 1,
        setup,
        'legend',
        sheet,
        textStyle,
        profile,
        rows.map((r) => legendEntry(ctx, r)),
        [],
        ['symbols-sheet'],
      ),
    );
  }

  // Panel schedules: one sheet with 1–3 schedules in a grid, or a big one split over two sheets.
  const panelPlans: PanelPlan[] = [];
  for (let k = 0; k < profile.panels; k++) {
    const name =
      profile.scheduleStyle === 'qc'
        ? // The panel is "A": « PANNEAU » is the word panel, as "PANEL:" is on the NA header.
          String.fromCharCode(65 + k)
        : profile.scheduleStyle === 'iec'
          ? rng.pick([`DB-${k + 1}`, `DB-GF${k ? k : ''}`, `DB ${String.fromCharCode(65 + k)}`])
          : rng.pick([`LP-${k + 1}`, `PP${k + 1}`, `HA${k + 1}`]);
    panelPlans.push(planPanel(rng, profile.scheduleStyle, name));
  }
  const scheduleSheets = profile.splitSchedule ? 2 : 1;
  for (let s = 0; s < scheduleSheets; s++) {
    const textStyle = textFor('schedule');
    const setup = setupFor(scheduleSheet, textStyle, pages.length);
    const c = new PageCanvas(setup, font, rng);
    const sheet = sheetNo(601 + s);
    const fontSize = setup.width > 2000 ? 8.5 : setup.width > 1500 ? 7 : 5.2;
    const truthPanels: Indep2Panel[] = [];
    let x = 40;
    let top = setup.height - 50;
    let rowMax = 0;
    const list = profile.splitSchedule ? panelPlans.slice(0, 1) : panelPlans;
    for (const plan of list) {
      const size = scheduleSize(plan, fontSize);
      if (x + size.w > setup.width - 190) {
        x = 40;
        top -= rowMax + 20;
        rowMax = 0;
      }
      if (profile.splitSchedule) {
        // Rows 1…half on the first sheet, the rest on the second (never cutting a row pair).
        const half = 2 * Math.ceil(plan.truth.positions / 4);
        const shown = (p: number) => (s === 0 ? p <= half : p > half);
        const note =
          s === 0
            ? `(${w.language === 'fr' ? 'SUITE AU' : 'CONTINUED ON'} ${sheetNo(602)})`
            : `(${w.language === 'fr' ? 'SUITE DU' : 'CONTINUED FROM'} ${sheetNo(601)})`;
        drawSchedule(c, plan, x, top, fontSize, shown, note);
        truthPanels.push({ ...plan.truth, circuits: plan.truth.circuits.filter((cc) => shown(cc.number)) });
      } else {
        drawSchedule(c, plan, x, top, fontSize);
        truthPanels.push(plan.truth);
      }
      x += size.w + 30;
      rowMax = Math.max(rowMax, size.h);
    }
    titleBlock(c, {
      firm,
      project,
      title: w.language === 'fr' ? 'TABLEAUX DES PANNEAUX' : 'PANEL SCHEDULES',
      sheet,
      lang: w.language,
    });
    canvases.push(c);
    pages.push(
      nonFloorPage(pages.length + 1, setup, 'schedule', sheet, textStyle, profile, [], truthPanels, [
        `schedule:${profile.scheduleStyle}`,
        ...(profile.splitSchedule ? ['schedule-split'] : []),
        ...(list.length > 1 ? ['schedules-grid'] : []),
      ]),
    );
  }

  // Floor pages carry their legend in the truth when it is printed on them.
  const finalPages = pages.map((p) =>
    pageLegend.has(p.number)
      ? { ...p, legend: (pageLegend.get(p.number) ?? []).map((r) => legendEntry(ctx, r)) }
      : p,
  );
  for (const c of canvases) c.finish(doc, fontRef, ctx.images);
  const pdf = await doc.save({ useObjectStreams: false });
  const name = `indep2-${set}-${String(index + 1).padStart(2, '0')}-${profile.building}-${profile.wording}-${profile.producer}`;
  const truth: Indep2Truth = {
    name,
    generator: 'plans-indep2',
    set,
    seed,
    language: w.language,
    wording: profile.wording,
    expectedWarnings: [],
    pages: finalPages,
    counts: tallySymbols(finalPages),
  };
  return { name, pdf, truth };
}

/** The schedule the hexagon type tags (A, B1, C) refer to; EM fixtures carry their own mark. */
function drawLuminaireSchedule(c: PageCanvas, x: number, top: number, language: 'fr' | 'en'): void {
  const fr = language === 'fr';
  const rows = [
    [fr ? 'TYPE' : 'TYPE', 'DESCRIPTION', fr ? 'SOURCE' : 'LAMP', fr ? 'MONTAGE' : 'MOUNTING'],
    ['A', fr ? 'PLAFONNIER DEL 18 W' : 'LED CEILING FIXTURE 18 W', '3500 K', fr ? 'SURFACE' : 'SURFACE'],
    [
      'B1',
      fr ? 'PANNEAU DEL 600X600 36 W' : 'LED FLAT PANEL 600X600 36 W',
      '4000 K',
      fr ? 'SUSPENDU' : 'T-BAR',
    ],
    ['C', fr ? 'ENCASTRÉ DEL 4 PO 9 W' : 'LED DOWNLIGHT 4" 9 W', '3000 K', fr ? 'ENCASTRÉ' : 'RECESSED'],
  ];
  const widths = [22, 120, 40, 45];
  c.text(fr ? 'TABLEAU DES LUMINAIRES' : 'LUMINAIRE SCHEDULE', x, top + 6, 7);
  let y = top;
  for (const row of rows) {
    y -= 11;
    let cx = x;
    for (const [i, cell] of row.entries()) {
      c.text(cell, cx + 2, y + 3, 5.5);
      cx += widths[i] ?? 0;
    }
    c.ops.polyline(
      [
        [x, y],
        [cx, y],
        [cx, y + 11],
        [x, y + 11],
      ],
      { stroke: 0, width: 0.35 },
      true,
    );
  }
}

function legendRowsFor(drawn: ReadonlySet<Role>, labels: Record<Role, string>, rng: Rng): LegendRow[] {
  // Legends are generic: everything drawn, plus a few entries the plan never uses.
  const extras = rng.shuffle(EXTRA_ROLES.filter((r) => !drawn.has(r))).slice(0, rng.int(1, 3));
  return [...drawn, ...extras].map((role) => ({ role, label: labels[role] }));
}

function legendEntry(ctx: DocContext, row: LegendRow): { symbolId: string; label: string; type: string } {
  return { symbolId: ctx.designs.get(row.role)?.id ?? row.role, label: row.label, type: ROLE_TYPE[row.role] };
}

function nonFloorPage(
  number: number,
  setup: PageSetup,
  kind: 'legend' | 'schedule',
  sheetNumber: string,
  textStyle: TextStyle,
  profile: Profile,
  legend: Indep2Page['legend'],
  panels: readonly Indep2Panel[],
  styles: string[],
): Indep2Page {
  return {
    number,
    widthPt: setup.rotate90 ? setup.height : setup.width,
    heightPt: setup.rotate90 ? setup.width : setup.height,
    rotation: setup.rotate90 ? 90 : 0,
    kind,
    sheetNumber,
    textLayer: textStyle !== 'strokes',
    producer: profile.producer,
    symbolStyle: kind === 'legend' ? profile.symbolStyle : 'none',
    scale: null,
    otherScales: [],
    legend,
    rooms: [],
    symbols: [],
    panels,
    styles: [
      ...styles,
      `producer:${profile.producer}`,
      `text:${textStyle}`,
      ...(setup.rotate90 ? ['rotate-90'] : []),
    ],
  };
}

/** A revision cloud: scallops (half circles as short chords) around a box. */
function cloudPoints(box: Box, bump: number): Pt[] {
  const [x0, y0, x1, y1] = [box[0] + 6, box[1] + 6, box[2] - 6, box[3] - 6];
  const corners: Pt[] = [
    [x0, y0],
    [x1, y0],
    [x1, y1],
    [x0, y1],
  ];
  const pts: Pt[] = [];
  for (let k = 0; k < 4; k++) {
    const a = corners[k] as Pt;
    const b = corners[(k + 1) % 4] as Pt;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
    const count = Math.max(2, Math.round(len / bump));
    const ux = (b[0] - a[0]) / len;
    const uy = (b[1] - a[1]) / len;
    for (let i = 0; i < count; i++) {
      const sx = a[0] + ((b[0] - a[0]) * i) / count;
      const sy = a[1] + ((b[1] - a[1]) * i) / count;
      const step = len / count;
      for (let j = 0; j < 6; j++) {
        const t = j / 6;
        const bulge = Math.sin(t * Math.PI) * step * 0.35;
        pts.push([sx + ux * step * t + uy * bulge, sy + uy * step * t - ux * bulge]);
      }
    }
  }
  return pts;
}

function padBox(b: Box, pad: number): [number, number, number, number] {
  return [b[0] - pad, b[1] - pad, b[2] + pad, b[3] + pad];
}

const round2 = (v: number) => Math.round(v * 100) / 100;
