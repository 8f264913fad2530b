import { type Color, degrees, grayscale, PDFDocument, rgb, StandardFonts } from 'pdf-lib';
import { Canvas, type FontKey, Path } from './canvas.ts';
import {
  drawDimensions,
  drawFurniture,
  drawRoomLabels,
  drawWalls,
  type FloorView,
  floorView,
} from './floor.ts';
import {
  apply,
  type Box,
  growBox,
  IDENTITY,
  type Matrix,
  type Point,
  round,
  transformBox,
} from './geometry.ts';
import { bandLayout, type FloorLayout, mirrorLayout } from './layout.ts';
import { type PlacedDevice, placeDevices } from './placement.ts';
import { PAPER_SIZES, type PlanSpec, type SheetSpec } from './plan-spec.ts';
import { Rng } from './rng.ts';
import {
  type DrawingScale,
  IMPERIAL_SCALES,
  METRIC_SCALES,
  metresPerPoint,
  noScaleText,
  pointsPerMetre,
  scaleNoteText,
  scaleRatio,
} from './scale.ts';
import { CircuitPlanner, drawSchedule, measureSchedule } from './schedule.ts';
import {
  type Block,
  drawFrameAndTitleBlock,
  drawingTitle,
  drawNorthArrow,
  flowBlocks,
  legendBlock,
  notesBlock,
  sheetMetrics,
  sheetRegions,
} from './sheet.ts';
import { drawSymbol } from './symbols.ts';
import { countSymbols, type PlanTruth, type TruthPage, type TruthSymbol } from './truth.ts';

/** Fixed document dates: the same spec must give the same bytes on every run. */
export const FIXED_DATE = new Date('2025-01-15T12:00:00Z');

const LAYERS = [
  'TITLE',
  'A-WALL',
  'A-DOOR',
  'A-FURN',
  'A-DIMS',
  'A-TEXT',
  'E-WIRE',
  'E-DEVC',
  'E-TEXT',
  'E-LEGD',
  'E-SCHD',
];

export interface GeneratedPlan {
  readonly name: string;
  readonly pdf: Uint8Array;
  readonly truth: PlanTruth;
  /** Symbols actually drawn on plan areas (not in legends), counted by the drawing code. */
  readonly drawnSymbols: number;
}

/** View (as read after /Rotate) → unrotated page space, for a MediaBox of w × h. */
export function viewToPageMatrix(rotation: 0 | 90 | 180 | 270, w: number, h: number): Matrix {
  switch (rotation) {
    case 0:
      return IDENTITY;
    case 90:
      // Displayed clockwise: page (x, y) shows at view (y, w − x), so view (u, v) = page (w − v, u).
      return [0, 1, -1, 0, w, 0];
    case 180:
      return [-1, 0, 0, -1, w, h];
    case 270:
      return [0, -1, 1, 0, 0, h];
  }
}

interface SheetState {
  readonly sheet: SheetSpec;
  readonly index: number;
  readonly canvas: Canvas;
  readonly viewToPage: Matrix;
  readonly media: readonly [number, number];
  readonly view: readonly [number, number];
  readonly regions: ReturnType<typeof sheetRegions>;
  readonly metrics: { text: number; unit: number };
  floor?: {
    readonly layout: FloorLayout;
    readonly fv: FloorView;
    readonly scale: DrawingScale | null;
    readonly scaleText: string | null;
    readonly devices: PlacedDevice[];
    readonly obstacles: Box[];
  };
}

function deviceColor(style: PlanSpec['style']['deviceColor']): Color {
  switch (style) {
    case 'black':
      return grayscale(0);
    case 'blue':
      return rgb(0, 0.2, 0.75);
    case 'red':
      return rgb(0.75, 0.05, 0.05);
    case 'dark':
      return grayscale(0.15);
  }
}

/** Raised when a sheet's side column cannot hold its legend and schedules. */
class SideOverflow extends Error {}

/**
 * Renders a plan spec to PDF bytes and its ground truth. Deterministic in the spec. When the
 * legend and schedules do not fit beside the drawing, the sheet is laid out again with a wider
 * side column (the drawing then takes a smaller scale).
 */
export async function generatePlan(spec: PlanSpec): Promise<GeneratedPlan> {
  for (const extra of [0, 0.06, 0.12, 0.18, 0.26, 0.34]) {
    try {
      return await renderPlan(spec, extra);
    } catch (error) {
      if (!(error instanceof SideOverflow)) throw error;
    }
  }
  throw new Error(`${spec.name}: legend and schedules do not fit on their sheets`);
}

async function renderPlan(spec: PlanSpec, sideExtra: number): Promise<GeneratedPlan> {
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setTitle(`${spec.project} — ${spec.language === 'fr' ? 'Électricité' : 'Electrical'}`);
  doc.setAuthor(spec.firm);
  doc.setCreator('SAEQ plan corpus generator (scripts/plans)');
  doc.setProducer('pdf-lib');
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const courier = spec.style.font === 'courier';
  const fonts: Record<FontKey, Awaited<ReturnType<typeof doc.embedFont>>> = {
    regular: await doc.embedFont(courier ? StandardFonts.Courier : StandardFonts.Helvetica),
    bold: await doc.embedFont(courier ? StandardFonts.CourierBold : StandardFonts.HelveticaBold),
    mono: await doc.embedFont(StandardFonts.Courier),
  };
  const textFont: FontKey = 'regular';
  const rng = new Rng(spec.seed);
  const color = deviceColor(spec.style.deviceColor);
  const lineWidth = 0.55;
  const planner = new CircuitPlanner(spec.language);

  // Phase 1: pages, floor drawings and device layout.
  const states: SheetState[] = spec.sheets.map((sheet, index) => {
    const [pw, ph] = PAPER_SIZES[sheet.paper];
    const view: [number, number] = sheet.orientation === 'landscape' ? [ph, pw] : [pw, ph];
    const media: [number, number] =
      sheet.pageRotation === 90 || sheet.pageRotation === 270 ? [view[1], view[0]] : view;
    const page = doc.addPage(media);
    if (sheet.pageRotation !== 0) page.setRotation(degrees(sheet.pageRotation));
    const viewToPage = viewToPageMatrix(sheet.pageRotation, media[0], media[1]);
    const canvas = new Canvas(page, viewToPage, fonts, LAYERS, spec.style.layered);
    const metrics = sheetMetrics(sheet);
    const sideWeight =
      (sheet.kind !== 'floor' ? 0.12 : sheet.showLegend || sheet.panels.length > 0 ? 0.24 : 0.12) + sideExtra;
    const regions = sheetRegions(view[0], view[1], sideWeight);
    return { sheet, index, canvas, viewToPage, media, view, regions, metrics };
  });

  for (const st of states) {
    const floor = st.sheet.floor;
    if (!floor) continue;
    const frng = rng.fork(`floor:${st.index}`);
    let layout = bandLayout(floor.layout, frng.fork('layout'));
    if (floor.mirror) layout = mirrorLayout(layout);
    const t = st.metrics.text;
    const unit = st.metrics.unit * spec.style.unitFactor;
    const [dx0, dy0, dx1, dy1] = st.regions.drawing;
    const left = t * 9 + (spec.style.gridBubbles ? t * 2 : 0);
    const right = t * 3 + (spec.style.gridBubbles ? t * 5 : 0);
    const bottom = t * 9 + t * 6;
    const top = t * 7 + (spec.style.gridBubbles ? t * 5 : 0);
    const maxPpm = Math.min(
      (dx1 - dx0 - left - right) / layout.width,
      (dy1 - dy0 - bottom - top) / layout.depth,
    );
    const { scale, ppm } = chooseScale(st.sheet, maxPpm);
    const fw = layout.width * ppm;
    const fh = layout.depth * ppm;
    const ox = dx0 + left + (dx1 - dx0 - left - right - fw) / 2;
    const oy = dy0 + bottom + (dy1 - dy0 - bottom - top - fh) / 2;
    const fv = floorView(layout, ppm, ox, oy);
    const c = st.canvas;
    drawWalls(c, fv, spec.style.walls);
    const furniture = spec.style.furniture ? drawFurniture(c, fv, spec.language, t) : [];
    if (spec.style.dimensions)
      drawDimensions(c, fv, scale, {
        textSize: t * 0.9,
        font: textFont,
        tick: frng.pick(['slash', 'arrow', 'dot'] as const),
        color: grayscale(0.25),
      });
    const labels = drawRoomLabels(c, fv, frng.fork('labels'), {
      textSize: t,
      font: textFont,
      areaLabels: spec.style.roomAreaLabels,
      language: spec.language,
      imperial: st.sheet.units === 'imperial',
    });
    const scaleText = scale ? scaleNoteText(scale, st.sheet.scaleForm, spec.language) : null;
    const titleY = oy - t * 9 - t * 2.2;
    const titleBox = drawingTitle(
      c,
      ox,
      titleY,
      st.sheet.title,
      st.sheet.scaleAt === 'drawing-title'
        ? (scaleText ?? noScaleText(st.sheet.scaleForm, spec.language))
        : null,
      String(st.index + 1),
      t,
      textFont,
    );
    drawNorthArrow(
      c,
      Math.min(dx1 - t * 3, ox + fw + t * (spec.style.gridBubbles ? 7.5 : 2.5)),
      oy + fh + t * (spec.style.gridBubbles ? 6 : 3.5),
      t * 2,
    );
    const panelName = floor.panel;
    const tagPlaceholder =
      spec.style.tagFormat === 'plain' && spec.panels.length === 1 ? '88' : `${panelName}-88`;
    const devices = placeDevices({
      canvas: c,
      view: fv,
      rng: frng.fork('devices'),
      skewRng: frng.fork('skew'),
      unit,
      tagSize: t * 0.95,
      style: spec.style,
      legend: spec.legend,
      language: spec.language,
      level: floor.level,
      floorIndex: st.index,
      panel: panelName,
      tagPlaceholder,
      labels: [...labels.values()],
      furniture,
      drawingArea: [dx0 + t, dy0 + t, dx1 - t, dy1 - t],
    });
    for (const d of devices) if (d.load && d.panel) planner.request(d.panel, d.load);
    const obstacles: Box[] = [...labels.values(), titleBox];
    st.floor = { layout, fv, scale, scaleText, devices, obstacles };
  }

  // Loads without a plan symbol (appliances), on the main panel.
  const main = spec.panels[0];
  if (main) {
    const fr = spec.language === 'fr';
    const commercial = spec.sheets.some((s) => s.floor?.level === 'commercial');
    const extra: [string, string, string, number, 1 | 2 | 3][] = commercial
      ? [
          ['rtu', 'Unité de toit UT-1', 'Rooftop unit RTU-1', 40, 3],
          ['wh', 'Chauffe-eau', 'Water heater', 30, 2],
          ['extl', 'Éclairage extérieur', 'Exterior lighting', 15, 1],
          ['sign', 'Enseigne', 'Sign', 20, 1],
        ]
      : [
          ['wh', 'Chauffe-eau', 'Water heater', 25, 2],
          ['dw', 'Lave-vaisselle', 'Dishwasher', 15, 1],
          ['fridge', 'Réfrigérateur', 'Refrigerator', 15, 1],
          ['hrv', "Échangeur d'air", 'Air exchanger (HRV)', 15, 1],
          ['mw', 'Micro-ondes', 'Microwave', 20, 1],
        ];
    for (const [key, dfr, den, amps, poles] of extra)
      planner.request(main.name, { key: `x:${key}`, description: fr ? dfr : den, amps, poles });
  }
  const assigned = planner.assign(spec.panels, rng.fork('circuits'), spec.style.scheduleUpper);
  const byName = new Map(assigned.map((a) => [a.spec.name, a]));
  const tagText = (d: PlacedDevice): string | null => {
    if (!d.load || !d.panel) return null;
    const n = byName.get(d.panel)?.numbers.get(d.load.key);
    if (n === undefined) return null;
    return spec.style.tagFormat === 'plain' && spec.panels.length === 1 ? String(n) : `${d.panel}-${n}`;
  };

  // Phase 2: draw devices, legends, schedules, notes, title blocks; build the truth.
  let drawnSymbols = 0;
  const pages: TruthPage[] = [];
  for (const st of states) {
    const c = st.canvas;
    const t = st.metrics.text;
    const unit = st.metrics.unit * spec.style.unitFactor;
    const symbols: TruthSymbol[] = [];
    const fl = st.floor;
    if (fl) {
      for (const d of fl.devices) {
        const box = drawSymbol(c, d.geom, d.placement, {
          mode: spec.style.symbolMode,
          lineWidth,
          color,
          textRotates: spec.style.textRotates,
          layer: 'E-DEVC',
          textLayer: 'E-TEXT',
        });
        drawnSymbols++;
        const tag = d.tag ? tagText(d) : null;
        if (d.tag && tag)
          c.text(
            'E-TEXT',
            tag,
            d.tag.at,
            { size: t * 0.95, anchor: d.tag.anchor, vAnchor: 'middle', color },
            IDENTITY,
          );
        if (d.note)
          c.text(
            'E-TEXT',
            d.note.text,
            d.note.slot.at,
            { size: t * 0.95, anchor: d.note.slot.anchor, vAnchor: 'middle', color },
            IDENTITY,
          );
        const centre = apply(st.viewToPage, [d.placement.x, d.placement.y]);
        symbols.push({
          type: d.row.type,
          symbolId: d.row.symbolId,
          x: round(centre[0]),
          y: round(centre[1]),
          rotation: d.placement.rotation,
          mirrored: d.placement.mirrored,
          scale: d.placement.scale,
          room: d.room?.name ?? null,
          circuit: d.tag && tag ? tag : null,
          bbox: transformBox(st.viewToPage, box).map((v) => round(v)) as unknown as [
            number,
            number,
            number,
            number,
          ],
        });
      }
      if (spec.style.wiring) drawWiring(c, fl.devices, rng.fork(`wires:${st.index}`), color);
      if (spec.style.keynotes) drawKeynotes(c, fl, unit, t, rng.fork(`keynotes:${st.index}`));
      if (spec.style.gridBubbles) drawGrid(c, fl.fv, t, spec);
    }

    // Side column / band content.
    const blocks: Block[] = [];
    const legendRows = st.sheet.showLegend ? spec.legend : [];
    if (legendRows.length > 0) {
      blocks.push(
        legendBlock(c, {
          title: spec.legendTitle,
          rows: legendRows,
          textSize: t,
          unit,
          font: textFont,
          ruled: spec.style.legendRuled,
          columns: st.sheet.kind === 'legend' && legendRows.length > 10 ? 2 : 1,
          symbolColor: color,
          textRotates: spec.style.textRotates,
          symbolMode: spec.style.symbolMode,
          lineWidth,
          symbolSide: spec.style.legendSymbolSide,
        }),
      );
    }
    const panelsHere = assigned.filter((a) => st.sheet.panels.includes(a.spec.name));
    for (const p of panelsHere) {
      const style = {
        textSize: t * 0.85,
        font: textFont,
        language: spec.language,
        color: grayscale(0),
      } as const;
      const size = measureSchedule(c, p, style);
      blocks.push({ w: size.w, h: size.h, draw: (x, y) => drawSchedule(c, p, x, y, style) });
    }
    let notes: Block | null = null;
    if (st.sheet.showNotes) {
      const width = st.sheet.kind === 'floor' ? st.regions.side[2] - st.regions.side[0] - t * 3 : t * 55;
      notes = notesBlock(
        c,
        spec.language,
        st.sheet.kind === 'floor' ? 5 : 9,
        Math.min(width, t * 60),
        t * 0.9,
        textFont,
      );
      blocks.push(notes);
    }
    const region: Box =
      st.sheet.kind === 'floor'
        ? st.regions.side
        : [st.regions.drawing[0], st.regions.drawing[1], st.regions.side[2], st.regions.drawing[3]];
    const flow = st.sheet.kind === 'floor' ? st.regions.sideFlow : 'row';
    const rejected = flowBlocks(region, flow, blocks, t * 1.5);
    // General notes are optional sheet furniture: dropped when they do not fit. Legends and
    // schedules are in the truth, so a sheet that cannot hold them is a spec error.
    const missing = rejected.filter((b) => b !== notes);
    if (missing.length > 0) {
      throw new SideOverflow(`${spec.name}: sheet ${st.sheet.sheetNumber} cannot hold its legend/schedules`);
    }

    const scaleTitle =
      fl?.scale && fl.scaleText
        ? st.sheet.scaleAt === 'title-block'
          ? bareScale(fl.scale)
          : spec.language === 'fr'
            ? "TEL QU'INDIQUÉ"
            : 'AS NOTED'
        : noScaleText(st.sheet.scaleForm, spec.language);
    drawFrameAndTitleBlock(c, st.regions, spec, st.sheet, st.index, states.length, scaleTitle, t, textFont);
    c.flush();

    const scaleTruth =
      fl?.scale && fl.scaleText
        ? {
            text: st.sheet.scaleAt === 'title-block' ? bareScale(fl.scale) : fl.scaleText,
            metresPerPoint: metresPerPoint(fl.scale),
          }
        : null;
    pages.push({
      number: st.index + 1,
      widthPt: st.media[0],
      heightPt: st.media[1],
      rotation: st.sheet.pageRotation,
      kind: st.sheet.kind,
      scale: scaleTruth,
      legend: legendRows.map((r) => ({ symbolId: r.symbolId, label: r.label, type: r.type })),
      rooms: fl
        ? fl.fv.rooms.map((r) => ({
            name: r.room.name,
            areaM2: fl.scale
              ? round((r.interiorM[2] - r.interiorM[0]) * (r.interiorM[3] - r.interiorM[1]), 2)
              : null,
            bbox: transformBox(st.viewToPage, r.interior).map((v) => round(v)) as unknown as [
              number,
              number,
              number,
              number,
            ],
          }))
        : [],
      symbols,
      panels: panelsHere.map((p) => p.truth),
    });
  }
  const pdf = await doc.save({ useObjectStreams: true });
  const truth: PlanTruth = {
    name: spec.name,
    seed: spec.seed,
    language: spec.language,
    summary: spec.summary,
    expectedWarnings: [],
    pages,
    counts: countSymbols(pages),
  };
  return { name: spec.name, pdf, truth, drawnSymbols };
}

/** The largest standard scale that fits (metric or imperial), or a non-standard one when unscaled. */
function chooseScale(sheet: SheetSpec, maxPpm: number): { scale: DrawingScale | null; ppm: number } {
  if (sheet.units === 'none') return { scale: null, ppm: Math.floor(maxPpm * 0.93 * 100) / 100 };
  const list = sheet.units === 'imperial' ? IMPERIAL_SCALES : METRIC_SCALES;
  const limit = sheet.maxScale ? scaleRatio(sheet.maxScale) : 0;
  const fitting = list.filter((s) => pointsPerMetre(s) <= maxPpm && scaleRatio(s) >= limit);
  const scale = fitting[0] ?? list[list.length - 1];
  if (!scale) throw new Error('no drawing scale');
  return { scale, ppm: pointsPerMetre(scale) };
}

function bareScale(scale: DrawingScale): string {
  return scale.kind === 'metric' ? `1:${scale.ratio}` : `${scale.num}/${scale.den}" = 1'-0"`;
}

/** Switch legs: curves from each switch to the room's lights (touching both symbols). */
function drawWiring(canvas: Canvas, devices: readonly PlacedDevice[], rng: Rng, color: Color): void {
  const lights = new Set(['ceiling', 'recessed', 'troffer', 'sconce', 'fan']);
  const byRoom = new Map<string, PlacedDevice[]>();
  for (const d of devices) if (d.room) byRoom.set(d.room.id, [...(byRoom.get(d.room.id) ?? []), d]);
  for (const list of byRoom.values()) {
    const sw = list.find((d) => d.row.role === 'switch' || d.row.role === 'switch3');
    const ls = list.filter((d) => lights.has(d.row.role));
    let from = sw;
    for (const to of ls) {
      if (!from) break;
      const a = edgePoint(from.box, to.box);
      const b = edgePoint(to.box, from.box);
      const mx = (a[0] + b[0]) / 2;
      const my = (a[1] + b[1]) / 2;
      const bend = rng.range(0.15, 0.3) * (rng.chance(0.5) ? 1 : -1);
      const cx = mx - (b[1] - a[1]) * bend;
      const cy = my + (b[0] - a[0]) * bend;
      const path = new Path().moveTo(a[0], a[1]).curveTo(cx, cy, cx, cy, b[0], b[1]);
      canvas.path(
        'E-WIRE',
        path,
        { stroke: color, width: 0.35, ...(rng.chance(0.5) ? { dash: [2.5, 1.5] } : {}) },
        IDENTITY,
      );
      from = to;
    }
  }
}

/** Point on box `a`'s outline towards box `b`'s centre. */
function edgePoint(a: Box, b: Box): Point {
  const ca: Point = [(a[0] + a[2]) / 2, (a[1] + a[3]) / 2];
  const cb: Point = [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];
  const dx = cb[0] - ca[0];
  const dy = cb[1] - ca[1];
  const hx = (a[2] - a[0]) / 2;
  const hy = (a[3] - a[1]) / 2;
  const k = Math.min(
    dx === 0 ? Number.POSITIVE_INFINITY : hx / Math.abs(dx),
    dy === 0 ? Number.POSITIVE_INFINITY : hy / Math.abs(dy),
  );
  return [ca[0] + dx * k, ca[1] + dy * k];
}

/** Numbered keynote hexagons (clutter that looks like a symbol but is not in the legend). */
function drawKeynotes(
  canvas: Canvas,
  fl: NonNullable<SheetState['floor']>,
  unit: number,
  t: number,
  rng: Rng,
): void {
  const taken: Box[] = [...fl.obstacles, ...fl.devices.flatMap((d) => [growBox(d.box, unit * 2)])];
  let n = 1;
  for (const r of fl.fv.rooms) {
    if (!rng.chance(0.35)) continue;
    const [x0, y0, x1, y1] = r.interior;
    for (let attempt = 0; attempt < 10; attempt++) {
      const x = rng.range(x0 + unit * 3, x1 - unit * 3);
      const y = rng.range(y0 + unit * 3, y1 - unit * 3);
      const rr = unit * 1.5;
      const box: Box = [x - rr, y - rr, x + rr, y + rr];
      if (taken.some((b) => b[0] < box[2] && box[0] < b[2] && b[1] < box[3] && box[1] < b[3])) continue;
      const pts: Point[] = [];
      for (let i = 0; i < 6; i++)
        pts.push([
          x + rr * Math.cos((Math.PI / 3) * i + Math.PI / 6),
          y + rr * Math.sin((Math.PI / 3) * i + Math.PI / 6),
        ]);
      canvas.path('A-TEXT', new Path().polyline(pts, true), { stroke: grayscale(0.3), width: 0.4 }, IDENTITY);
      canvas.text(
        'A-TEXT',
        String(n++),
        [x, y],
        { size: t * 0.9, anchor: 'middle', vAnchor: 'middle', color: grayscale(0.3) },
        IDENTITY,
      );
      taken.push(growBox(box, unit));
      break;
    }
  }
}

/** Structural grid: dash-dot lines through the plan with lettered / numbered bubbles. */
function drawGrid(canvas: Canvas, fv: FloorView, t: number, spec: PlanSpec): void {
  const usedLetters = new Set(spec.legend.map((l) => l.symbolText));
  const letters = 'ABCDEFGHKLMNPQRUWXYZ'.split('').filter((l) => !usedLetters.has(l));
  const xs = [
    ...new Set(
      fv.layout.rooms.filter((r) => r.rect[3] === fv.layout.depth).flatMap((r) => [r.rect[0], r.rect[2]]),
    ),
  ].sort((a, b) => a - b);
  const ys = [
    ...new Set(fv.layout.rooms.filter((r) => r.rect[0] === 0).flatMap((r) => [r.rect[1], r.rect[3]])),
  ].sort((a, b) => a - b);
  const r = t * 1.6;
  const style = { stroke: grayscale(0.45), width: 0.3, dash: [12, 3, 2, 3] } as const;
  const top = fv.oy + fv.layout.depth * fv.ppm;
  const right = fv.ox + fv.layout.width * fv.ppm;
  xs.forEach((mx, i) => {
    const x = fv.ox + mx * fv.ppm;
    canvas.path('A-DIMS', new Path().line(x, fv.oy - t, x, top + t * 2.5), style, IDENTITY);
    canvas.path(
      'A-DIMS',
      new Path().circle(x, top + t * 2.5 + r, r),
      { stroke: grayscale(0.3), width: 0.4 },
      IDENTITY,
    );
    canvas.text(
      'A-DIMS',
      letters[i % letters.length] ?? 'A',
      [x, top + t * 2.5 + r],
      { size: t * 1.1, anchor: 'middle', vAnchor: 'middle' },
      IDENTITY,
    );
  });
  ys.forEach((my, i) => {
    const y = fv.oy + my * fv.ppm;
    canvas.path('A-DIMS', new Path().line(fv.ox - t, y, right + t * 2.5, y), style, IDENTITY);
    canvas.path(
      'A-DIMS',
      new Path().circle(right + t * 2.5 + r, y, r),
      { stroke: grayscale(0.3), width: 0.4 },
      IDENTITY,
    );
    canvas.text(
      'A-DIMS',
      String(i + 1),
      [right + t * 2.5 + r, y],
      { size: t * 1.1, anchor: 'middle', vAnchor: 'middle' },
      IDENTITY,
    );
  });
}
