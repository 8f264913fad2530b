import { PDFDocument, type PDFFont, type PDFPage, rgb, StandardFonts } from 'pdf-lib';
import { FIXED_DATE } from './render.ts';
import { Rng } from './rng.ts';
import { countSymbols, type PlanTruth, type TruthPage, type TruthSymbol } from './truth.ts';

/**
 * Telecom sheets ("not a power plan", issue 16): an enlarged telecom room (IDF / salle
 * télécom) as a communications engineer draws it — equipment racks, ladder cable tray with its
 * rungs, wall-mounted backboard, data outlets and wireless access points, its own legend and a
 * title block with a T-series sheet number. The analysis must say `not_power_plan` and count only
 * what the sheet's legend types (data outlets), never racks, rungs or access points by the
 * hundred. Written from ../shared/REAL-PLANS.md and common telecom drafting practice
 * (TIA-606 style labels, T-series sheets); self-contained so it shares nothing with the floor
 * plans of this generator.
 */
export type TelecomSpec = { name: string; seed: number; language: 'fr' | 'en'; sheetNumber: string };

export function telecomSpecs(): TelecomSpec[] {
  return [
    { name: 'plan-35-telecom-idf-tabloid-en', seed: 3501, language: 'en', sheetNumber: 'T-401' },
    { name: 'plan-36-telecom-salle-tabloid-fr', seed: 3602, language: 'fr', sheetNumber: 'T-101' },
  ];
}

const WORDS = {
  en: {
    legend: 'LEGEND',
    data: 'DATA OUTLET (2) CAT 6',
    rack: 'EQUIPMENT RACK 19" 42U',
    wap: 'WIRELESS ACCESS POINT',
    tray: 'LADDER CABLE TRAY 12"',
    title: 'ENLARGED TELECOM ROOM PLAN',
    fields: ['PROJECT: NORTH CAMPUS BUILDING B', 'DRAWN BY: JL', 'DATE: 2025-01-15'],
    sheet: 'SHEET',
    titleField: 'SHEET TITLE',
  },
  fr: {
    legend: 'LÉGENDE',
    data: 'Prise de données RJ45 (2) cat. 6',
    rack: 'Baie de brassage 19 po 42U',
    wap: "Point d'accès sans fil",
    tray: 'Chemin de câbles en échelle 300 mm',
    title: 'PLAN AGRANDI — SALLE TÉLÉCOM',
    fields: ['PROJET : CAMPUS NORD, BÂTIMENT B', 'DESSINÉ PAR : JL', 'DATE : 2025-01-15'],
    sheet: 'FEUILLE',
    titleField: 'TITRE',
  },
} as const;

const BLACK = rgb(0, 0, 0);

/** Data outlet: a triangle with a tail (the floor plans' symbol), `s` points across. */
function dataOutlet(page: PDFPage, x: number, y: number, s: number): void {
  const h = s / 2;
  page.drawLine({ start: { x: x - h, y: y - h }, end: { x: x + h, y: y - h }, thickness: 0.6 });
  page.drawLine({ start: { x: x + h, y: y - h }, end: { x, y: y + h }, thickness: 0.6 });
  page.drawLine({ start: { x, y: y + h }, end: { x: x - h, y: y - h }, thickness: 0.6 });
  page.drawLine({ start: { x, y: y - h }, end: { x, y: y - h - 0.6 * s }, thickness: 0.6 });
}

/** Rack in plan: a square with both diagonals. */
function rack(page: PDFPage, x: number, y: number, s: number): void {
  page.drawRectangle({
    x: x - s / 2,
    y: y - s / 2,
    width: s,
    height: s,
    borderColor: BLACK,
    borderWidth: 0.6,
  });
  page.drawLine({
    start: { x: x - s / 2, y: y - s / 2 },
    end: { x: x + s / 2, y: y + s / 2 },
    thickness: 0.4,
  });
  page.drawLine({
    start: { x: x - s / 2, y: y + s / 2 },
    end: { x: x + s / 2, y: y - s / 2 },
    thickness: 0.4,
  });
}

/** Wireless access point: a circle with "W". */
function wap(page: PDFPage, font: PDFFont, x: number, y: number, s: number): void {
  page.drawCircle({ x, y, size: s / 2, borderColor: BLACK, borderWidth: 0.6 });
  page.drawText('W', { x: x - 0.3 * s, y: y - 0.3 * s, size: 0.6 * s, font });
}

/** Ladder tray: two rails and a rung every `pitch` points (hundreds of short lines). */
function ladderTray(page: PDFPage, x0: number, y: number, x1: number, width: number, pitch: number): void {
  page.drawLine({ start: { x: x0, y }, end: { x: x1, y }, thickness: 0.5 });
  page.drawLine({ start: { x: x0, y: y + width }, end: { x: x1, y: y + width }, thickness: 0.5 });
  for (let x = x0 + pitch / 2; x < x1; x += pitch)
    page.drawLine({ start: { x, y }, end: { x, y: y + width }, thickness: 0.3 });
}

/** One telecom sheet (tabloid landscape) and its truth: only the data outlets are devices. */
export async function generateTelecomPlan(spec: TelecomSpec): Promise<{ pdf: Uint8Array; truth: PlanTruth }> {
  const rng = new Rng(spec.seed);
  const w = WORDS[spec.language];
  const doc = await PDFDocument.create({ updateMetadata: false });
  doc.setCreationDate(FIXED_DATE);
  doc.setModificationDate(FIXED_DATE);
  const font = await doc.embedFont(StandardFonts.Helvetica);
  const [W, H] = [1224, 792];
  const page = doc.addPage([W, H]);
  const text = (str: string, x: number, y: number, size = 7) => page.drawText(str, { x, y, size, font });
  page.drawRectangle({ x: 20, y: 20, width: W - 40, height: H - 40, borderColor: BLACK, borderWidth: 1.2 });

  // Legend (upper right): symbol left of its description.
  const S = 12;
  text(w.legend, 960, 730, 10);
  dataOutlet(page, 972, 712, S);
  text(w.data, 995, 708);
  rack(page, 972, 690, S);
  text(w.rack, 995, 686);
  wap(page, font, 972, 668, S);
  text(w.wap, 995, 664);
  ladderTray(page, 962, 642, 984, 8, 4);
  text(w.tray, 995, 644);

  // The room: walls, backboard, two rows of racks, ladder trays over them.
  const [rx0, ry0, rx1, ry1] = [80, 80, 880, 680];
  page.drawRectangle({
    x: rx0,
    y: ry0,
    width: rx1 - rx0,
    height: ry1 - ry0,
    borderColor: BLACK,
    borderWidth: 2,
  });
  page.drawRectangle({
    x: rx0 + 4,
    y: ry1 - 14,
    width: 400,
    height: 8,
    borderColor: BLACK,
    borderWidth: 0.5,
  });
  const racks = rng.int(8, 14);
  for (let i = 0; i < racks; i++) {
    rack(page, 200 + 2 * S * i, 300, 2 * S);
    rack(page, 200 + 2 * S * i, 460, 2 * S);
  }
  for (const y of [330, 490, 620]) ladderTray(page, rx0 + 10, y, rx1 - 10, 18, 6);

  // Devices: data outlets along the walls, access points on the ceiling.
  const symbols: TruthSymbol[] = [];
  const outlets = rng.int(8, 14);
  for (let i = 0; i < outlets; i++) {
    const x = rx0 + 40 + i * ((rx1 - rx0 - 80) / outlets);
    const y = ry0 + 14;
    dataOutlet(page, x, y, S);
    symbols.push({
      type: 'data_outlet',
      symbolId: 'S1',
      x,
      y,
      rotation: 0,
      mirrored: false,
      scale: 1,
      room: null,
      circuit: null,
      bbox: [x - S / 2, y - S / 2 - 0.6 * S, x + S / 2, y + S / 2],
    });
  }
  for (let i = 0; i < 3; i++) wap(page, font, 250 + 220 * i, 560, S);

  // Title block with the sheet's T-series number.
  page.drawRectangle({ x: 900, y: 30, width: 294, height: 160, borderColor: BLACK, borderWidth: 0.8 });
  for (const [i, f] of w.fields.entries()) text(f, 910, 170 - 16 * i);
  text(`${w.titleField}: ${w.title}`, 910, 90);
  text(`${w.sheet}: ${spec.sheetNumber}`, 910, 60, 12);

  const truthPage: TruthPage = {
    number: 1,
    widthPt: W,
    heightPt: H,
    rotation: 0,
    kind: 'floor',
    scale: null,
    legend: [{ symbolId: 'S1', label: w.data, type: 'data_outlet' }],
    rooms: [],
    symbols,
    panels: [],
  };
  const pdf = await doc.save({ useObjectStreams: true });
  return {
    pdf,
    truth: {
      name: spec.name,
      seed: spec.seed,
      language: spec.language,
      summary: `telecom room sheet ${spec.sheetNumber}: ${racks * 2} racks, ladder trays, ${outlets} data outlets, 3 access points; not a power plan`,
      expectedWarnings: ['not_power_plan'],
      pages: [truthPage],
      counts: countSymbols([truthPage]),
    },
  };
}
